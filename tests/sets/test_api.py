import pytest
from django.contrib.auth.models import AnonymousUser
from rest_framework.test import APIClient

from sets.models import Set, SetLike, SetReport
from sets.services.moderation import set_hide
from shop.models import ProductColour
from tests.shop.factories import CategoryFactory, ProductFactory, UserFactory

from .factories import SetFactory, item_payload, product_with_cutout, published_set

pytestmark = pytest.mark.django_db


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None and not isinstance(user, AnonymousUser):
        client.force_login(user)
    return client


def test_a_shopper_creates_reads_and_saves_a_draft():
    owner = UserFactory()
    product = product_with_cutout()
    client = client_for(owner)

    created = client.post(
        "/api/sets/",
        {"title": "Picnic", "tags": ["Summer"], "items": [item_payload(product)]},
        format="json",
    )

    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["title"], body["status"], body["version"]) == ("Picnic", "draft", 1)
    assert body["tags"] == ["summer"]
    assert body["referral_code"] == Set.objects.get().referral_code
    item = body["items"][0]
    assert (item["product"], item["x"], item["width"], item["z"]) == (
        product.pk,
        0.1,
        0.3,
        0,
    )
    assert "/cutouts/" in item["cutout"]

    saved = client.patch(
        f"/api/sets/{body['slug']}/",
        {
            "version": 1,
            "title": "Picnic by the river",
            "items": [
                item_payload(product, x=0.5, rotation=45, z=1),
                item_payload(product, flip_h=True, z=0),
            ],
        },
        format="json",
    )

    assert saved.status_code == 200, saved.json()
    body = saved.json()
    assert (body["title"], body["version"]) == ("Picnic by the river", 2)
    assert [(i["z"], i["x"], i["flip_h"]) for i in body["items"]] == [
        (0, 0.1, True),
        (1, 0.5, False),
    ]
    assert client.get(f"/api/sets/{body['slug']}/").json()["version"] == 2


def test_a_stale_version_gets_409_with_the_current_one():
    owner = UserFactory()
    board = SetFactory(owner=owner, version=3)

    response = client_for(owner).patch(
        f"/api/sets/{board.slug}/", {"version": 2, "title": "Old tab"}, format="json"
    )

    assert response.status_code == 409
    assert response.json()["current_version"] == 3
    assert "changed elsewhere" in response.json()["detail"]
    board.refresh_from_db()
    assert board.title != "Old tab"


def test_an_update_without_a_version_is_a_field_error():
    owner = UserFactory()
    board = SetFactory(owner=owner)

    response = client_for(owner).patch(
        f"/api/sets/{board.slug}/", {"title": "No version"}, format="json"
    )

    assert response.status_code == 400
    assert "version" in response.json()["errors"]


@pytest.mark.parametrize(
    "geometry",
    [{"x": 3}, {"width": 0}, {"height": -0.5}, {"x": 0.95, "width": 0.3}],
)
def test_bad_geometry_is_a_400_naming_the_item(geometry):
    owner = UserFactory()
    product = ProductFactory()

    response = client_for(owner).post(
        "/api/sets/",
        {"items": [item_payload(product), item_payload(product, **geometry)]},
        format="json",
    )

    assert response.status_code == 400
    body = response.json()
    assert body["detail"]
    assert body["errors"]["items"][0] == {}
    assert set(body["errors"]["items"][1]) & set(geometry)
    assert not Set.objects.exists()


def test_not_a_number_is_refused_without_a_500():
    owner = UserFactory()
    client = client_for(owner)
    raw = '{"items": [{"product": 1, "x": NaN, "y": 0, "width": 0.2, "height": 0.2}]}'

    response = client.post("/api/sets/", raw, content_type="application/json")
    as_text = client.post(
        "/api/sets/",
        {"items": [item_payload(ProductFactory(), x="nan")]},
        format="json",
    )

    assert response.status_code == 400
    assert as_text.status_code == 400
    assert "x" in as_text.json()["errors"]["items"][0]


def test_foreign_and_inactive_products_are_a_400():
    owner = UserFactory()
    inactive = ProductFactory(is_active=False)
    bad_ids = {"product": 424242, "x": 0, "y": 0, "width": 0.2, "height": 0.2}

    response = client_for(owner).post(
        "/api/sets/",
        {"items": [item_payload(inactive), bad_ids]},
        format="json",
    )

    assert response.status_code == 400
    errors = response.json()["errors"]["items"]
    assert "no longer sold" in errors[0]["product"][0]
    assert "424242" in errors[1]["product"][0]


def test_more_than_fifty_items_is_a_400():
    owner = UserFactory()
    product = ProductFactory()

    response = client_for(owner).post(
        "/api/sets/", {"items": [item_payload(product)] * 51}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"]["items"]
    assert not Set.objects.exists()


def test_guests_cannot_write():
    board = published_set(products=[ProductFactory()])
    guest = client_for()

    assert guest.post("/api/sets/", {}, format="json").status_code == 403
    assert (
        guest.patch(f"/api/sets/{board.slug}/", {"version": 1}, format="json")
    ).status_code == 403
    assert guest.post(f"/api/sets/{board.slug}/like/").status_code == 403
    assert guest.get(f"/api/sets/{board.slug}/").status_code == 200


def test_other_peoples_sets_are_403_when_public_and_404_when_not():
    stranger = client_for(UserFactory())
    public = published_set(products=[ProductFactory()])
    draft = SetFactory()

    responses = [
        stranger.patch(f"/api/sets/{public.slug}/", {"version": 1}, format="json"),
        stranger.delete(f"/api/sets/{public.slug}/"),
        stranger.post(f"/api/sets/{public.slug}/publish/", {}, format="json"),
        stranger.put(
            f"/api/sets/{public.slug}/items/",
            {"version": 1, "items": []},
            format="json",
        ),
    ]
    assert [response.status_code for response in responses] == [403, 403, 403, 403]
    assert all(response.json()["detail"] for response in responses)

    hidden_from_stranger = [
        stranger.get(f"/api/sets/{draft.slug}/"),
        stranger.patch(f"/api/sets/{draft.slug}/", {"version": 1}, format="json"),
        stranger.delete(f"/api/sets/{draft.slug}/"),
        stranger.get("/api/sets/no-such-set/"),
    ]
    assert [r.status_code for r in hidden_from_stranger] == [404, 404, 404, 404]
    assert all(r.json()["detail"] for r in hidden_from_stranger)
    assert Set.objects.count() == 2


def test_hidden_sets_are_404_except_to_the_owner_and_merchants():
    board = published_set(products=[ProductFactory()])
    set_hide(board=board)
    merchant = UserFactory(is_staff=True)

    assert client_for(UserFactory()).get(f"/api/sets/{board.slug}/").status_code == 404
    assert client_for().get(f"/api/sets/{board.slug}/").status_code == 404
    assert client_for(board.owner).get(f"/api/sets/{board.slug}/").status_code == 200
    assert client_for(merchant).get(f"/api/sets/{board.slug}/").status_code == 200
    assert client_for().get("/api/sets/").json()["count"] == 0


def test_someone_elses_draft_is_404_to_everyone_merchants_included():
    draft = SetFactory()  # a draft: status defaults to draft
    merchant = UserFactory(is_staff=True)
    assert client_for(merchant).get(f"/api/sets/{draft.slug}/").status_code == 404
    assert client_for(UserFactory()).get(f"/api/sets/{draft.slug}/").status_code == 404
    assert client_for(draft.owner).get(f"/api/sets/{draft.slug}/").status_code == 200


def test_publish_through_the_api(published_signals, django_capture_on_commit_callbacks):
    owner = UserFactory()
    client = client_for(owner)
    product = product_with_cutout()
    slug = client.post(
        "/api/sets/", {"items": [item_payload(product)]}, format="json"
    ).json()["slug"]

    untitled = client.post(f"/api/sets/{slug}/publish/", {}, format="json")
    client.patch(f"/api/sets/{slug}/", {"version": 1, "title": "Ta-da"}, format="json")
    stale = client.post(f"/api/sets/{slug}/publish/", {"version": 1}, format="json")
    with django_capture_on_commit_callbacks(execute=True):
        published = client.post(
            f"/api/sets/{slug}/publish/", {"version": 2}, format="json"
        )
    rendered = client.get(f"/api/sets/{slug}/").json()

    assert untitled.status_code == 400
    assert "title" in untitled.json()["errors"]
    assert stale.status_code == 409
    assert published.status_code == 200
    assert (published.json()["status"], published.json()["version"]) == (
        "published",
        3,
    )
    assert rendered["rendered_version"] == 3
    assert rendered["image"].endswith(".jpg")
    assert sorted(rendered["colours"]) == ["blue", "red"]
    assert len(published_signals) == 1
    listed = client_for().get("/api/sets/").json()
    assert [entry["slug"] for entry in listed["results"]] == [slug]
    assert listed["results"][0]["referral_code"] is None  # only the owner sees it


def test_items_can_be_read_and_replaced_on_their_own():
    owner = UserFactory()
    client = client_for(owner)
    product = ProductFactory()
    board = SetFactory(owner=owner)

    replaced = client.put(
        f"/api/sets/{board.slug}/items/",
        {"version": 1, "items": [item_payload(product, y=0.6)]},
        format="json",
    )
    listed = client.get(f"/api/sets/{board.slug}/items/")

    assert replaced.status_code == 200
    assert replaced.json()["version"] == 2
    assert [(item["product"], item["y"]) for item in listed.json()] == [
        (product.pk, 0.6)
    ]


def test_delete_through_the_api():
    owner = UserFactory()
    board = SetFactory(owner=owner)

    response = client_for(owner).delete(f"/api/sets/{board.slug}/")

    assert response.status_code == 204
    assert not Set.objects.exists()


def test_likes_through_the_api():
    board = published_set(products=[ProductFactory()])
    fan = client_for(UserFactory())

    first = fan.post(f"/api/sets/{board.slug}/like/")
    second = fan.post(f"/api/sets/{board.slug}/like/")
    own = client_for(board.owner).post(f"/api/sets/{board.slug}/like/")
    draft = SetFactory()
    on_draft = fan.post(f"/api/sets/{draft.slug}/like/")

    assert (first.status_code, first.json()) == (
        200,
        {"is_liked": True, "like_count": 1},
    )
    assert second.json() == {"is_liked": True, "like_count": 1}
    assert own.status_code == 403
    assert on_draft.status_code == 404
    assert SetLike.objects.count() == 1
    unliked = fan.delete(f"/api/sets/{board.slug}/like/")
    assert unliked.json() == {"is_liked": False, "like_count": 0}


def test_reports_through_the_api():
    board = published_set(products=[ProductFactory()])
    reporter = client_for(UserFactory())

    first = reporter.post(
        f"/api/sets/{board.slug}/report/", {"reason": "spam"}, format="json"
    )
    again = reporter.post(
        f"/api/sets/{board.slug}/report/", {"reason": "spam"}, format="json"
    )
    nonsense = client_for(UserFactory()).post(
        f"/api/sets/{board.slug}/report/", {"reason": "dull"}, format="json"
    )

    assert first.status_code == 201
    assert again.status_code == 409
    assert nonsense.status_code == 400
    assert "reason" in nonsense.json()["errors"]
    assert SetReport.objects.count() == 1


def test_my_sets_lists_drafts_and_hidden_ones():
    owner = UserFactory()
    draft = SetFactory(owner=owner)
    hidden = published_set(owner=owner)
    set_hide(board=hidden)
    SetFactory()  # someone else's

    response = client_for(owner).get("/api/sets/mine/")

    assert {entry["slug"] for entry in response.json()["results"]} == {
        draft.slug,
        hidden.slug,
    }
    assert client_for().get("/api/sets/mine/").status_code == 403


def test_the_set_list_filters_by_colour_owner_and_tag():
    red = published_set(tags="summer,linen")
    red.colours.create(colour="red", share="0.600")
    blue = published_set(tags="winter")
    blue.colours.create(colour="blue", share="0.600")
    guest = client_for()

    def slugs(query):
        return [s["slug"] for s in guest.get(f"/api/sets/?{query}").json()["results"]]

    assert slugs("colour=red") == [red.slug]
    assert slugs(f"owner={blue.owner.profile.handle}") == [blue.slug]
    assert slugs(f"owner={blue.owner.profile.handle.upper()}") == [blue.slug]
    assert slugs(f"owner={blue.owner.username}") == []
    assert slugs("tag=linen") == [red.slug]
    assert slugs("tag=line") == []


def test_product_search_for_the_editor_panel(django_assert_max_num_queries):
    tops = CategoryFactory(slug="tops")
    shirt = product_with_cutout(title="Linen shirt", category=tops)
    ProductColour.objects.create(product=shirt, colour="red", share="0.900")
    product_with_cutout(title="Linen trousers")
    ProductFactory(title="Linen bag", is_active=False)
    for number in range(30):
        ProductFactory(title=f"Mug {number}")
    guest = client_for()

    found = guest.get("/api/sets/products/?q=linen").json()
    in_category = guest.get("/api/sets/products/?category=tops").json()
    by_colour = guest.get("/api/sets/products/?colour=red").json()
    no_category = guest.get("/api/sets/products/?category=nothing").json()
    with django_assert_max_num_queries(5):
        first_page = guest.get("/api/sets/products/").json()
    second_page = guest.get("/api/sets/products/?page=2").json()

    assert sorted(p["title"] for p in found["results"]) == [
        "Linen shirt",
        "Linen trousers",
    ]
    assert "/cutouts/" in found["results"][0]["cutout"]
    assert [p["title"] for p in in_category["results"]] == ["Linen shirt"]
    assert [p["title"] for p in by_colour["results"]] == ["Linen shirt"]
    assert no_category["count"] == 0
    assert first_page["count"] == 32
    assert len(first_page["results"]) == 24
    assert len(second_page["results"]) == 8


def test_the_sets_api_is_in_the_openapi_schema():
    response = client_for().get("/api/schema/", HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    text = response.content.decode()
    for path in (
        "/api/sets/",
        "/api/sets/{slug}/",
        "/api/sets/{slug}/items/",
        "/api/sets/{slug}/publish/",
        "/api/sets/{slug}/like/",
        "/api/sets/{slug}/report/",
        "/api/sets/{slug}/share/",
        "/api/sets/products/",
        "/api/sets/mine/",
    ):
        assert path in text, path


@pytest.mark.parametrize("item_count", [1, 12])
def test_reading_a_set_takes_the_same_queries_whatever_its_size(
    item_count, django_assert_num_queries
):
    products = [product_with_cutout() for _ in range(item_count)]
    board = published_set(products=products)
    board.colours.create(colour="red", share="0.500")
    guest = client_for()

    # The set with its owner, items with products, their images, colours.
    with django_assert_num_queries(4):
        response = guest.get(f"/api/sets/{board.slug}/")

    assert len(response.json()["items"]) == item_count


@pytest.mark.parametrize("set_count", [1, 12])
def test_the_set_list_takes_the_same_queries_whatever_its_length(
    set_count, django_assert_num_queries
):
    for _ in range(set_count):
        published_set().colours.create(colour="red", share="0.500")
    guest = client_for()

    # The count, the page of sets with their owners, their colours.
    with django_assert_num_queries(3):
        response = guest.get("/api/sets/")

    assert response.json()["count"] == set_count


def test_most_liked_this_week_and_this_month():
    from datetime import timedelta

    from django.utils import timezone

    from sets.services.social import set_like

    quiet, popular, last_month = published_set(), published_set(), published_set()
    fans = [UserFactory() for _ in range(3)]
    for fan in fans:
        set_like(board=popular, user=fan)
    set_like(board=quiet, user=fans[0])
    for fan in fans + [UserFactory()]:
        set_like(board=last_month, user=fan)
    SetLike.objects.filter(set=last_month).update(
        created_at=timezone.now() - timedelta(days=12)
    )
    guest = client_for()

    def slugs(query):
        return [s["slug"] for s in guest.get(f"/api/sets/?{query}").json()["results"]]

    assert slugs("sort=liked-week") == [popular.slug, quiet.slug]
    assert slugs("sort=liked-month") == [last_month.slug, popular.slug, quiet.slug]
    assert slugs("sort=newest") == [last_month.slug, popular.slug, quiet.slug]


def test_sets_styled_with_a_product():
    shirt, mug = ProductFactory(), ProductFactory()
    with_shirt = published_set(products=[shirt, mug, shirt])
    published_set(products=[mug])
    draft = SetFactory()
    draft.items.create(product=shirt, x=0, y=0, width=0.2, height=0.2, z=0)

    response = client_for().get(f"/api/sets/?product={shirt.pk}")

    assert [s["slug"] for s in response.json()["results"]] == [with_shirt.slug]
