import logging
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db.models import F
from PIL import Image

from demo.catalog import build_catalog
from demo.management.commands import seed_demo
from demo.seeding.catalog import DEMO_SHOPPERS
from demo.seeding.sets import PLANS, sets_seed
from sets.models import Set, SetColour, SetItem, SetLike

# Enough of the demo catalog for three published sets and the draft, drawn small.
SMALL_CATALOG = {
    "BK-001",  # Goodnight Moon
    "BK-002",
    "BK-003",
    "H-LAMP-03",  # on the bedtime set and the reading corner
    "F-BLOU-02",
    "F-SHOR-01",
    "F-TOTE-01",  # the draft's only product here
}
PUBLISHED = {"Bedtime books", "Summer linen weekend", "A reading corner"}
DEMO_EMAILS = {email for email, _first, _last in DEMO_SHOPPERS}


@pytest.fixture
def small_catalog(monkeypatch):
    chosen = [spec for spec in build_catalog() if spec.sku in SMALL_CATALOG]
    assert len(chosen) == len(SMALL_CATALOG)
    monkeypatch.setattr(seed_demo, "build_catalog", lambda: chosen)
    return chosen


def run_seed_demo(**options) -> str:
    out = StringIO()
    call_command("seed_demo", orders=0, stdout=out, **options)
    return out.getvalue()


def set_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Set, SetItem, SetLike, SetColour, get_user_model())
    }


def expected_pieces(title: str) -> int:
    plan = next(plan for plan in PLANS if plan.title == title)
    return sum(piece.sku in SMALL_CATALOG for piece in plan.pieces)


@pytest.mark.django_db
def test_seed_demo_sets_publishes_rendered_liked_sets_once(
    small_catalog,
    published_signals,
    django_capture_on_commit_callbacks,
    caplog,
):
    run_seed_demo(image_size=96, jobs=1, skip=["sets"])
    caplog.set_level(logging.WARNING)

    with django_capture_on_commit_callbacks(execute=True):
        out = sets_seed()

    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]
    assert out.startswith("Seeded 4 demo sets: 3 published (3 with pictures), 1 draft")
    published = list(Set.objects.filter(status=Set.Status.PUBLISHED))
    assert {board.title for board in published} == PUBLISHED
    draft = Set.objects.get(status=Set.Status.DRAFT)
    assert (draft.title, draft.owner.email, draft.items.count()) == (
        "Hallway ideas",
        "shopper@because.local",
        1,
    )
    assert {board.owner.email for board in Set.objects.all()} <= DEMO_EMAILS
    assert {board for _sender, board in published_signals} == set(published)
    for board in published:
        assert board.items.count() == expected_pieces(board.title) > 0
        assert board.rendered_version == board.version
        assert board.published_at is not None and board.tag_list
        for field in (board.image, board.medium, board.thumb):
            assert default_storage.exists(field.name)
        # Real pictures: the items cover part of the white canvas, in colour.
        with default_storage.open(board.thumb.name) as handle:
            picture = Image.open(handle).convert("L")
            assert picture.getextrema()[0] < 200
        assert board.colours.exists()
    # The boxes take the cut-out's shape, as the editor makes them.
    moon = SetItem.objects.get(product__title="Goodnight Moon")
    assert moon.width / moon.height == pytest.approx(0.72, abs=0.02)
    assert moon.height == pytest.approx(0.40)
    # Likes: through the service, counted, never one's own.
    likes = sum(len(plan.liked_by) for plan in PLANS if plan.title in PUBLISHED)
    assert SetLike.objects.count() == likes == 11
    assert sum(board.like_count for board in published) == likes
    assert not SetLike.objects.filter(user=F("set__owner")).exists()

    counts = set_counts()
    out = run_seed_demo(if_empty=True, skip=["crosssells", "notes"])
    assert out == (
        "The shop has products already; not seeding the demo.\n"
        "Sets exist already; not seeding the demo sets.\n"
    )
    assert set_counts() == counts
    out = sets_seed()
    assert out.startswith("Seeded 0 demo sets (4 were there already)")
    assert set_counts() == counts


@pytest.mark.django_db
def test_seed_demo_sets_without_pictures_or_shoppers(small_catalog):
    run_seed_demo(no_images=True, skip=["sets"])
    get_user_model().objects.filter(email__in=DEMO_EMAILS).delete()

    out = sets_seed()

    assert out.startswith("Seeded 4 demo sets: 3 published")
    shoppers = get_user_model().objects.filter(email__in=DEMO_EMAILS)
    assert shoppers.count() == 5
    assert not any(user.has_usable_password() for user in shoppers)
    for board in Set.objects.filter(status=Set.Status.PUBLISHED):
        assert board.items.count() == expected_pieces(board.title)
        # Rendered, white: there is no cut-out to draw, and no colour to record.
        assert board.rendered_version == board.version and board.image
        assert not board.colours.exists()
    # Without a picture a box is square.
    moon = SetItem.objects.get(product__title="Goodnight Moon")
    assert moon.width == moon.height == pytest.approx(0.40)


@pytest.mark.django_db
def test_seed_demo_sets_on_an_empty_shop_writes_nothing():
    out = sets_seed()

    assert out == "No demo products to make sets with; run seed_demo."
    assert set_counts() == dict.fromkeys(set_counts(), 0)
