"""The editor's pages: who may open them and the data that the script starts from."""

import json
import re

import pytest
from django.urls import reverse

from sets.models import Set
from tests.shop.factories import CategoryFactory, UserFactory

from .factories import SetFactory, SetItemFactory, product_with_cutout, published_set

pytestmark = pytest.mark.django_db


def editor_data(response) -> dict:
    match = re.search(
        r'<script id="set-editor-data" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert match, "the page has no json_script data for the editor"
    return json.loads(match.group(1))


def test_the_editor_routes_are_the_public_addresses():
    assert reverse("sets:editor_new") == "/sets/new/"
    assert (
        reverse("sets:editor_edit", args=["picnic-ab3d"]) == "/sets/picnic-ab3d/edit/"
    )


@pytest.mark.parametrize("path", ["/sets/new/", "/sets/some-set/edit/"])
def test_a_guest_is_sent_to_log_in_and_back_to_the_editor(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={path}"


def test_a_guest_who_logs_in_comes_back_to_the_new_editor(client):
    UserFactory(email="maya@example.com")

    response = client.post(
        "/accounts/login/?next=/sets/new/",
        {"login": "maya@example.com", "password": "a-good-password-1"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/sets/new/"


def test_the_new_editor_has_the_canvas_panel_and_data_and_saves_nothing(client):
    CategoryFactory(name="Dresses", slug="dresses")
    client.force_login(UserFactory())

    response = client.get("/sets/new/")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="region" aria-label="Set canvas"' in html
    assert ">Publish</button>" in html
    assert 'value="dresses"' in html  # the category filter
    assert 'value="navy"' in html  # the colour filter
    assert "sets/editor.js" in html and "sets/editor.css" in html
    assert "<script>" not in html and " style=" not in html  # the CSP allows neither
    data = editor_data(response)
    assert data["set"] is None
    assert data["urls"] == {
        "sets": "/api/sets/",
        "set": "/api/sets/__slug__/",
        "publish": "/api/sets/__slug__/publish/",
        "products": "/api/sets/products/",
        "edit": "/sets/__slug__/edit/",
        "page": "/sets/__slug__/",
    }
    assert data["limits"]["items"] == 50
    assert data["csrfToken"]
    assert Set.objects.count() == 0


def test_the_owner_opens_their_draft_with_its_items(
    client, django_assert_max_num_queries
):
    owner = UserFactory()
    board = SetFactory(owner=owner, title="Picnic", tags="summer,linen", version=4)
    product = product_with_cutout(title="Linen Shirt")
    SetItemFactory(set=board, product=product, x=0.2, y=0.1, width=0.4, height=0.2, z=0)
    SetItemFactory(set=board, product=product, rotation=90, flip_h=True, z=1)
    client.force_login(owner)

    with django_assert_max_num_queries(20):
        response = client.get(f"/sets/{board.slug}/edit/")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Picnic"' in html
    assert 'value="summer, linen"' in html
    data = editor_data(response)
    assert (data["set"]["slug"], data["set"]["version"]) == (board.slug, 4)
    first, second = data["set"]["items"]
    assert (first["x"], first["y"], first["width"], first["height"]) == (
        0.2,
        0.1,
        0.4,
        0.2,
    )
    assert first["product_title"] == "Linen Shirt"
    assert "/cutouts/" in first["cutout"]
    assert (second["rotation"], second["flip_h"], second["z"]) == (90.0, True, 1)


def test_someone_elses_set_is_a_404_published_or_not(client):
    draft = SetFactory()
    published = published_set()
    client.force_login(UserFactory())

    assert client.get(f"/sets/{draft.slug}/edit/").status_code == 404
    assert client.get(f"/sets/{published.slug}/edit/").status_code == 404
    assert client.get("/sets/no-such-set/edit/").status_code == 404


def test_a_merchant_cannot_edit_a_shoppers_set_either(client):
    board = SetFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    assert client.get(f"/sets/{board.slug}/edit/").status_code == 404


def test_the_owner_of_a_hidden_set_can_edit_but_not_publish_it(client):
    owner = UserFactory()
    board = SetFactory(owner=owner, status=Set.Status.HIDDEN)
    client.force_login(owner)

    response = client.get(f"/sets/{board.slug}/edit/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "The shop has hidden this set" in html
    assert 'data-action="publish" disabled' in html
