"""Abuse: reading who a shopper is, or that an account is staff, off public pages.

Accounts made from an order used to be known in public by the email's local part
(``/u/kathryn.thompson/`` on every set card, ``owner`` in the API), and
``/u/merchant/`` answered for the shop's own staff. Each test reads every public
place a creator is shown and finds neither the username nor the email.
"""

import re

import pytest
from django.test import Client

from sets.models import Set
from shop.models import Profile
from shop.services.accounts import account_create_from_order
from tests.shop.factories import UserFactory, product_with_variant
from tests.shop.helpers import cart_with, place

from .factories import published_set

pytestmark = pytest.mark.django_db

HANDLE = re.compile(r"^shopper-[23456789abcdefghjkmnpqrstuvwxyz]{6}$")


def kathryn():
    """A shopper whose username was made from her email, as before the fix."""
    return UserFactory(
        username="kathryn.thompson",
        email="kathryn.thompson@example.com",
        first_name="Kathryn",
        last_name="Thompson",
    )


def public_pages(board: Set, handle: str | None = None) -> dict[str, str]:
    """Every public place that shows the set's creator, as an anonymous visitor."""
    guest = Client()
    pages = {
        "browse (set card)": guest.get("/sets/"),
        "set page": guest.get(f"/sets/{board.slug}/"),
        "embed": guest.get(f"/sets/{board.slug}/embed/"),
        "api list": guest.get("/api/sets/"),
        "api detail": guest.get(f"/api/sets/{board.slug}/"),
    }
    if handle is not None:
        pages["creator page"] = guest.get(f"/u/{handle}/")
    for name, response in pages.items():
        assert response.status_code == 200, name
    return {name: response.content.decode() for name, response in pages.items()}


def test_no_public_page_shows_a_shoppers_username_email_or_last_name():
    # given Kathryn, whose username was her email's local part, with a published set
    shopper = kathryn()
    board = published_set(owner=shopper, title="Reading corner")
    handle = shopper.profile.handle

    # when anyone reads the pages and the API that show who made it
    pages = public_pages(board, handle)

    # then they see her handle and "Kathryn T.", never who she is
    for name, html in pages.items():
        lowered = html.lower()
        assert "kathryn.thompson" not in lowered, name
        assert "example.com" not in lowered, name
        assert "thompson" not in lowered, name
    assert f'href="/u/{handle}/"' in pages["browse (set card)"]
    assert f'href="/u/{handle}/"' in pages["set page"]
    assert "Kathryn T." in pages["embed"]


def test_the_api_names_the_owner_by_handle():
    shopper = kathryn()
    board = published_set(owner=shopper)

    detail = Client().get(f"/api/sets/{board.slug}/").json()

    assert detail["owner"] == shopper.profile.handle
    assert detail["owner_name"] == "Kathryn T."


def test_the_old_username_address_is_gone():
    shopper = kathryn()
    published_set(owner=shopper)

    assert Client().get("/u/kathryn.thompson/").status_code == 404
    assert Client().get("/u/kathryn-thompson/").status_code == 404
    assert Client().get(f"/u/{shopper.profile.handle}/").status_code == 200


def test_the_api_owner_filter_takes_a_handle_and_never_a_username():
    shopper = kathryn()
    board = published_set(owner=shopper)
    published_set()

    def slugs(owner: str) -> list[str]:
        response = Client().get("/api/sets/", {"owner": owner})
        return [row["slug"] for row in response.json()["results"]]

    assert slugs(shopper.profile.handle) == [board.slug]
    assert slugs("kathryn.thompson") == []
    assert slugs("kathryn.thompson@example.com") == []


@pytest.mark.parametrize("role", ["is_staff", "is_superuser"])
def test_staff_accounts_have_no_public_page(role):
    # given a merchant account, even one whose handle was set by hand
    merchant = UserFactory(username="merchant", first_name="Mia", **{role: True})
    Profile.objects.filter(user=merchant).update(handle="merchant-handle")

    # when someone probes for it, then nothing answers
    guest = Client()
    assert guest.get("/u/merchant-handle/").status_code == 404
    assert guest.get("/u/MERCHANT-HANDLE/").status_code == 404
    assert guest.get("/u/merchant/").status_code == 404
    # and the API's owner filter does not confirm the handle either
    published_set(owner=merchant)
    assert guest.get("/api/sets/", {"owner": "merchant-handle"}).json()["count"] == 0


def test_a_staff_owned_set_is_shown_as_the_shops_with_no_profile_link(settings):
    # given a set the shop's staff made
    merchant = UserFactory(
        username="merchant",
        email="mia@shop.example",
        first_name="Mia",
        last_name="Merchant",
        is_staff=True,
    )
    board = published_set(owner=merchant, title="Editor's pick")

    pages = public_pages(board)

    # then every page names the shop, and none names or links the merchant
    for name, html in pages.items():
        assert "Mia" not in html, name
        assert "/u/" not in html, name
        assert "merchant" not in html.lower(), name
    assert f"by <bdi>{settings.SHOP_NAME}</bdi>" in pages["browse (set card)"]
    detail = Client().get(f"/api/sets/{board.slug}/").json()
    assert (detail["owner"], detail["owner_name"]) == (None, settings.SHOP_NAME)


def test_a_closed_account_keeps_its_sets_but_loses_its_page():
    shopper = kathryn()
    board = published_set(owner=shopper)
    handle = shopper.profile.handle
    shopper.is_active = False
    shopper.save(update_fields=["is_active"])

    assert Client().get(f"/u/{handle}/").status_code == 404
    html = Client().get(f"/sets/{board.slug}/").content.decode()
    assert "Kathryn T." in html and f"/u/{handle}/" not in html


def test_a_creator_without_a_first_name_is_shown_by_handle_not_last_name():
    shopper = UserFactory(first_name="", last_name="Thompson")
    board = published_set(owner=shopper)

    html = Client().get(f"/sets/{board.slug}/").content.decode()

    assert "Thompson" not in html
    assert f"<bdi>{shopper.profile.handle}</bdi>" in html


def test_a_cyrillic_name_is_shortened_like_any_other():
    shopper = UserFactory(first_name="Иван", last_name="Петров")
    board = published_set(owner=shopper)

    html = Client().get("/sets/").content.decode()

    assert "Иван П." in html and "Петров" not in html
    assert Client().get(f"/api/sets/{board.slug}/").json()["owner_name"] == "Иван П."


def test_an_account_made_from_an_order_gets_an_opaque_username_and_handle():
    # given a guest order placed with Kathryn's email
    order = place(
        cart_with((product_with_variant(), 1)), email="kathryn.thompson@example.com"
    )

    # when she makes an account from it
    user = account_create_from_order(order=order, password="a-much-better-pass-1")

    # then neither the username nor the handle says who she is
    assert re.fullmatch(r"u_[23456789a-z]{12}", user.username)
    assert "kathryn" not in user.username
    assert HANDLE.match(user.profile.handle)


def test_signing_up_gives_an_opaque_username(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "kathryn.thompson@example.com",
            "password1": "a-much-better-pass-1",
            "first_name": "Kathryn",
            "last_name": "Thompson",
        },
    )

    assert response.status_code == 302
    user = Profile.objects.get().user
    assert user.email == "kathryn.thompson@example.com"
    assert user.username.startswith("u_") and "kathryn" not in user.username
    assert HANDLE.match(user.profile.handle)


# A NUL ("kate\x00") is refused before any view: tests/core/test_abuse_nul_bytes.py
@pytest.mark.parametrize("owner", ["a" * 500, "kathryn.thompson", "ü"])
def test_a_malformed_owner_filter_is_an_empty_list_not_an_error(owner):
    published_set()

    response = Client().get("/api/sets/", {"owner": owner})

    assert response.status_code == 200
    assert response.json()["count"] == 0
