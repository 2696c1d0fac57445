import math

import pytest

from sets.exceptions import SetConflict, SetForbidden, SetInvalid, SetStateError
from sets.models import MAX_ITEMS, Set, SetItem
from sets.services.editing import (
    ItemSpec,
    set_create,
    set_delete,
    set_publish,
    set_update,
    tags_clean,
)
from sets.services.moderation import set_hide, set_restore
from tests.shop.factories import ProductFactory, UserFactory

from .factories import SetFactory, SetItemFactory, product_with_cutout, published_set

pytestmark = pytest.mark.django_db


def spec(product, **geometry) -> ItemSpec:
    values = {"x": 0.1, "y": 0.1, "width": 0.3, "height": 0.3}
    values.update(geometry)
    return ItemSpec(product_id=product.pk, **values)


def test_create_makes_a_draft_at_version_one_with_items_in_stacking_order():
    owner = UserFactory()
    back, front = ProductFactory(), ProductFactory()

    board = set_create(
        owner=owner,
        title="  Beach day ",
        tags=["Summer", " linen", "summer", ""],
        items=[spec(back), spec(front, rotation=-90, flip_h=True)],
    )

    assert (board.status, board.version, board.title) == ("draft", 1, "Beach day")
    assert board.tags == "summer,linen"
    assert board.slug.startswith("beach-day-")
    assert len(board.referral_code) == 12
    items = list(board.items.order_by("z"))
    assert [(item.product_id, item.z) for item in items] == [
        (back.pk, 0),
        (front.pk, 1),
    ]
    assert (items[1].rotation, items[1].flip_h) == (270.0, True)


def test_an_untitled_set_gets_a_slug_of_its_own():
    board = set_create(owner=UserFactory())

    assert len(board.slug) == 8
    assert board.slug.isalnum()


@pytest.mark.parametrize(
    ("geometry", "field"),
    [
        ({"x": 1.5}, "x"),
        ({"y": -1.2}, "y"),
        ({"width": 0}, "width"),
        ({"height": 1.2}, "height"),
        ({"x": 0.9, "width": 0.3}, "x"),  # the centre would be off the canvas
        ({"x": math.nan}, "x"),
        ({"rotation": math.inf}, "rotation"),
        ({"width": "wide"}, "width"),
    ],
)
def test_bad_geometry_is_refused_with_the_item_and_field(geometry, field):
    product = ProductFactory()

    with pytest.raises(SetInvalid) as refused:
        set_create(
            owner=UserFactory(), items=[spec(product), spec(product, **geometry)]
        )

    errors = refused.value.errors["items"]
    assert errors[0] == {}
    assert field in errors[1]
    assert refused.value.message.startswith("Item 2: ")
    assert not Set.objects.exists()


def test_missing_and_inactive_products_are_refused():
    inactive = ProductFactory(is_active=False)
    ghost = ItemSpec(product_id=999_999, x=0, y=0, width=0.2, height=0.2)

    with pytest.raises(SetInvalid) as refused:
        set_create(owner=UserFactory(), items=[spec(inactive), ghost])

    assert refused.value.errors["items"] == [
        {"product": [f"Product {inactive.pk} does not exist or is no longer sold."]},
        {"product": ["Product 999999 does not exist or is no longer sold."]},
    ]
    assert not Set.objects.exists()


def test_at_most_fifty_items():
    product = ProductFactory()
    owner = UserFactory()

    set_create(owner=owner, items=[spec(product)] * MAX_ITEMS)
    with pytest.raises(SetInvalid, match="at most 50 items"):
        set_create(owner=owner, items=[spec(product)] * (MAX_ITEMS + 1))

    assert Set.objects.count() == 1


def test_too_many_or_too_long_tags_are_refused():
    assert tags_clean(tags="a, b ,A") == "a,b"
    with pytest.raises(SetInvalid):
        tags_clean(tags=[f"tag{n}" for n in range(11)])
    with pytest.raises(SetInvalid):
        tags_clean(tags=["x" * 29])


def test_update_replaces_the_items_and_bumps_the_version():
    owner = UserFactory()
    old, new = ProductFactory(), ProductFactory()
    board = set_create(owner=owner, title="Room", items=[spec(old), spec(old)])

    set_update(
        board=board,
        user=owner,
        version=1,
        description="A calm room",
        items=[spec(new, x=0.5, y=0.5, width=0.4, height=0.2)],
    )

    board.refresh_from_db()
    assert (board.version, board.title, board.description) == (2, "Room", "A calm room")
    assert list(board.items.values_list("product_id", "x", "y", "width", "height")) == [
        (new.pk, 0.5, 0.5, 0.4, 0.2)
    ]


def test_a_stale_version_is_a_conflict_and_changes_nothing():
    owner = UserFactory()
    product = ProductFactory()
    board = set_create(owner=owner, title="First tab", items=[spec(product)])
    set_update(board=board, user=owner, version=1, title="Second tab")

    with pytest.raises(SetConflict) as conflict:
        set_update(
            board=board, user=owner, version=1, title="First tab again", items=[]
        )

    assert conflict.value.current_version == 2
    assert "version 1" in conflict.value.message
    board.refresh_from_db()
    assert (board.title, board.version, board.items.count()) == ("Second tab", 2, 1)


def test_only_the_owner_may_change_or_delete_a_set():
    board = SetFactory()
    stranger = UserFactory()

    with pytest.raises(SetForbidden):
        set_update(board=board, user=stranger, version=1, title="Mine now")
    with pytest.raises(SetForbidden):
        set_publish(board=board, user=stranger)
    with pytest.raises(SetForbidden):
        set_delete(board=board, user=stranger)

    board.refresh_from_db()
    assert (board.title, board.version, board.status) != ("Mine now", 2, "published")
    assert Set.objects.filter(pk=board.pk).exists()


def test_publish_needs_a_title_and_an_item():
    owner = UserFactory()
    untitled = set_create(owner=owner, items=[spec(ProductFactory())])
    empty = set_create(owner=owner, title="Nothing yet")

    with pytest.raises(SetInvalid, match="title"):
        set_publish(board=untitled, user=owner)
    with pytest.raises(SetInvalid, match="at least one product"):
        set_publish(board=empty, user=owner)

    assert not Set.objects.filter(status=Set.Status.PUBLISHED).exists()


def test_publish_refuses_a_product_taken_off_sale_since():
    owner = UserFactory()
    product = ProductFactory()
    board = set_create(owner=owner, title="Soon gone", items=[spec(product)])
    product.is_active = False
    product.save()

    with pytest.raises(SetInvalid, match="no longer sold"):
        set_publish(board=board, user=owner)


def test_set_published_fires_once_per_set(
    published_signals, django_capture_on_commit_callbacks
):
    owner = UserFactory()
    board = set_create(owner=owner, title="Once", items=[spec(product_with_cutout())])

    with django_capture_on_commit_callbacks(execute=True):
        set_publish(board=board, user=owner)
    with django_capture_on_commit_callbacks(execute=True):
        set_publish(board=board, user=owner)  # already published: nothing happens
        set_update(board=board, user=owner, version=board.version, title="Edited")
    set_hide(board=board)
    set_restore(board=board)
    with django_capture_on_commit_callbacks(execute=True):
        set_publish(board=board, user=owner)

    assert [(sender, sent.pk) for sender, sent in published_signals] == [
        (Set, board.pk)
    ]
    board.refresh_from_db()
    assert board.status == Set.Status.PUBLISHED
    assert board.published_at is not None


def test_set_published_is_sent_only_after_commit(
    published_signals, django_capture_on_commit_callbacks
):
    owner = UserFactory()
    board = set_create(owner=owner, title="Later", items=[spec(ProductFactory())])

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        set_publish(board=board, user=owner)

    assert published_signals == []
    assert len(callbacks) == 2  # the announcement and the render


def test_a_hidden_set_cannot_be_published_by_its_owner():
    owner = UserFactory()
    board = set_create(owner=owner, title="Hidden", items=[spec(ProductFactory())])
    set_hide(board=board)

    with pytest.raises(SetStateError, match="hidden"):
        set_publish(board=board, user=owner)


def test_publish_with_a_stale_version_is_a_conflict():
    owner = UserFactory()
    board = set_create(owner=owner, title="Tab", items=[spec(ProductFactory())])
    set_update(board=board, user=owner, version=1, title="Other tab")

    with pytest.raises(SetConflict):
        set_publish(board=board, user=owner, version=1)

    board.refresh_from_db()
    assert board.status == Set.Status.DRAFT


def test_a_published_set_keeps_its_title():
    owner = UserFactory()
    board = set_create(owner=owner, title="Named", items=[spec(ProductFactory())])
    set_publish(board=board, user=owner)

    with pytest.raises(SetInvalid, match="needs a title"):
        set_update(board=board, user=owner, version=board.version, title="  ")


def test_delete_removes_the_set_and_its_items():
    owner = UserFactory()
    board = SetFactory(owner=owner)
    SetItemFactory(set=board)

    set_delete(board=board, user=owner)

    assert not Set.objects.exists()
    assert not SetItem.objects.exists()


def test_deleting_a_product_redraws_the_sets_that_held_it(
    django_capture_on_commit_callbacks,
):
    from sets.models import Set

    kept, gone = product_with_cutout(), product_with_cutout()
    board = published_set(products=[kept, gone])
    before = Set.objects.get(pk=board.pk).version
    with django_capture_on_commit_callbacks(execute=True):
        gone.delete()
    board = Set.objects.get(pk=board.pk)
    assert [item.product_id for item in board.items.all()] == [kept.pk]
    assert board.version == before + 1
    assert board.rendered_version == board.version  # drawn again, without it


def test_a_set_deleted_in_the_admin_takes_its_pictures_along(
    django_capture_on_commit_callbacks,
):
    from django.core.files.storage import default_storage

    from sets.services.picture import set_render

    board = published_set(products=[product_with_cutout()])
    set_render(set_id=board.pk)
    board.refresh_from_db()
    names = [f.name for f in (board.image, board.medium, board.thumb)]
    assert names[0] and all(default_storage.exists(name) for name in names)
    with django_capture_on_commit_callbacks(execute=True):
        board.delete()  # what the admin's delete does
    assert not any(default_storage.exists(name) for name in names)
