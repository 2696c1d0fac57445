"""Abuse: taking over someone's orders by checking out with their email.

The attack: a guest checks out once with the victim's email and, on the thank-you
page, sets a password for it. The account must hold the attacker's own order only;
the victim's earlier orders join an account only when the victim's mailbox confirms
the address, and then not for whoever chose the password.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from crosssell.models import Note
from shop.models import Order
from shop.services.imports import orders_import

from .factories import UserFactory, product_with_variant
from .helpers import add, cart_with, checkout, place

pytestmark = pytest.mark.django_db

VICTIM = "victim@example.com"
ATTACKER_PASSWORD = "attacker-long-passphrase-1"
CONFIRM_LINK = re.compile(r"https?://[^/\s]+(/accounts/confirm-email/[^/\s]+/)")


@pytest.fixture
def victim_orders(tmp_path):
    """The victim's history: two guest orders and one imported order."""
    book = product_with_variant(sku="BOOK", title="Goodnight Moon")
    guest = [
        place(cart_with((book, 1)), email=VICTIM),
        place(cart_with((product_with_variant(), 2)), email="Victim@Example.com"),
    ]
    csv = tmp_path / "orders.csv"
    csv.write_text(
        "order_id,email,sku,quantity,unit_price,placed_at\n"
        f"7001,{VICTIM},BOOK,1,8.99,2025-03-01T10:00:00\n"
    )
    orders_import(path=csv)
    return [*guest, Order.objects.get(number="I-7001")]


def attacker_checks_out_as(email: str) -> tuple[Client, Order]:
    attacker = Client()
    add(attacker, product_with_variant(title="Cheap Socks"))
    response = checkout(attacker, token="tok-attacker", email=email)
    assert response.status_code == 302
    return attacker, Order.objects.get(idempotency_key="tok-attacker")


def confirm_link(mailoutbox, to: str) -> str:
    [message] = [m for m in mailoutbox if m.to == [to] and CONFIRM_LINK.search(m.body)]
    return CONFIRM_LINK.search(message.body).group(1)


def test_guest_account_from_the_thank_you_page_gets_only_its_own_order(
    victim_orders, mailoutbox
):
    attacker, own = attacker_checks_out_as(VICTIM)
    response = attacker.post(own.get_absolute_url(), {"password": ATTACKER_PASSWORD})
    assert response.status_code == 302
    account = get_user_model().objects.get(email=VICTIM)

    # the account is usable at once and holds the attacker's order only
    page = attacker.get(reverse("shop:account"))
    assert page.status_code == 200
    assert [order.number for order in page.context["orders"]] == [own.number]
    html = page.content.decode()
    for order in victim_orders:
        assert order.number not in html
        url = reverse("shop:account_order", args=[order.number])
        assert attacker.get(url).status_code == 404
    assert list(Order.objects.filter(user=account)) == [own]
    assert list(Order.objects.filter(user__isnull=True).order_by("pk")) == sorted(
        victim_orders, key=lambda order: order.pk
    )
    # nor can the attacker write "verified buyer" notes on the victim's orders
    victim_book_order = victim_orders[0]
    line = victim_book_order.lines.get()
    response = attacker.post(
        reverse("crosssell:note_form", args=[victim_book_order.number]),
        {
            "products": [line.product_id],
            "text": "Great book, my kids loved it at bedtime.",
            "display": "name",
            "name": "Kathryn Thompson",
            "reasons": ["gift"],
        },
    )
    assert response.status_code == 404
    assert not Note.objects.exists()

    # the confirmation went to the mailbox at once; its address is not confirmed
    assert confirm_link(mailoutbox, VICTIM)
    assert EmailAddress.objects.get(user=account).verified is False

    # without the mailbox nothing changes, even on a fresh sign-in
    attacker.logout()
    attacker.post(
        reverse("account_login"), {"login": VICTIM, "password": ATTACKER_PASSWORD}
    )
    assert attacker.get(reverse("shop:account")).context["orders"][0] == own
    assert Order.objects.filter(user=account).count() == 1


def test_the_mailbox_owner_confirming_takes_the_orders_from_the_password_setter(
    victim_orders, mailoutbox
):
    attacker, own = attacker_checks_out_as(VICTIM)
    attacker.post(own.get_absolute_url(), {"password": ATTACKER_PASSWORD})
    account = get_user_model().objects.get(email=VICTIM)
    link = confirm_link(mailoutbox, VICTIM)

    # the victim opens the link from their own mailbox, in their own browser
    victim = Client()
    assert victim.get(link).status_code == 200
    response = victim.post(link, follow=True)
    assert response.status_code == 200
    assert EmailAddress.objects.get(user=account).verified is True
    # the orders joined the account the address belongs to...
    assert set(Order.objects.filter(user=account)) == {*victim_orders, own}
    # ...and whoever chose its password is out: signed out, password refused
    account.refresh_from_db()
    assert not account.has_usable_password()
    assert attacker.get(reverse("shop:account")).status_code == 302
    attacker.post(
        reverse("account_login"), {"login": VICTIM, "password": ATTACKER_PASSWORD}
    )
    assert attacker.get(reverse("shop:account")).status_code == 302
    for order in victim_orders:
        url = reverse("shop:account_order", args=[order.number])
        assert attacker.get(url).status_code == 302
    texts = [str(message) for message in response.context["messages"]]
    assert any("Forgot your password?" in text for text in texts), texts


def test_a_shopper_confirming_in_their_own_session_keeps_their_password(
    victim_orders, mailoutbox
):
    shopper, own = attacker_checks_out_as(VICTIM)
    response = shopper.post(
        own.get_absolute_url(), {"password": ATTACKER_PASSWORD}, follow=True
    )
    texts = [str(message) for message in response.context["messages"]]
    assert texts == [
        "Your account is ready, with this order in it. We’ve sent a link to "
        f"{VICTIM}; confirm it and any earlier orders placed with this address "
        "will appear in your account too."
    ]
    link = confirm_link(mailoutbox, VICTIM)
    shopper.post(link)
    account = get_user_model().objects.get(email=VICTIM)
    account.refresh_from_db()
    assert account.has_usable_password()
    page = shopper.get(reverse("shop:account"))
    assert {order.number for order in page.context["orders"]} == {
        order.number for order in [*victim_orders, own]
    }
    # confirming twice claims nothing twice and breaks nothing
    assert shopper.post(link).status_code in {200, 302, 404}
    assert Order.objects.filter(user=account).count() == 4


def test_an_email_with_an_account_is_not_offered_one(victim_orders):
    owner = UserFactory(email=VICTIM)
    attacker, own = attacker_checks_out_as(VICTIM.upper())
    assert attacker.get(own.get_absolute_url()).context["account_form"] is None
    attacker.post(own.get_absolute_url(), {"password": ATTACKER_PASSWORD})
    assert get_user_model().objects.count() == 1
    assert not Order.objects.filter(user=owner).exists()


def test_signup_without_confirmation_claims_nothing(victim_orders, mailoutbox):
    client = Client()
    response = client.post(
        reverse("account_signup"),
        {
            "email": VICTIM,
            "password1": ATTACKER_PASSWORD,
            "first_name": "Kathryn",
            "last_name": "Thompson",
        },
    )
    assert response.status_code == 302
    account = get_user_model().objects.get(email=VICTIM)
    assert not Order.objects.filter(user=account).exists()
    assert list(client.get(reverse("shop:account")).context["orders"]) == []
    # confirming from the same signed-in session brings them in
    client.post(confirm_link(mailoutbox, VICTIM))
    assert set(Order.objects.filter(user=account)) == set(victim_orders)


def test_login_with_a_confirmed_address_claims_guest_orders_placed_since():
    shopper = UserFactory(email="sam@example.com")
    EmailAddress.objects.create(
        user=shopper, email="sam@example.com", primary=True, verified=True
    )
    stranger = UserFactory(email="ann@example.com")
    EmailAddress.objects.create(
        user=stranger, email="ann@example.com", primary=True, verified=False
    )
    sams = place(cart_with((product_with_variant(), 1)), email="Sam@Example.com")
    anns = place(cart_with((product_with_variant(), 1)), email="ann@example.com")

    for email in ("sam@example.com", "ann@example.com"):
        Client().post(
            reverse("account_login"),
            {"login": email, "password": "a-good-password-1"},
        )

    sams.refresh_from_db()
    anns.refresh_from_db()
    assert (sams.user, anns.user) == (shopper, None)


def test_the_import_links_orders_only_to_confirmed_addresses(tmp_path):
    product_with_variant(sku="BOOK")
    confirmed = UserFactory(email="sam@example.com")
    EmailAddress.objects.create(
        user=confirmed, email="sam@example.com", primary=True, verified=True
    )
    unconfirmed = UserFactory(email="ann@example.com")
    EmailAddress.objects.create(
        user=unconfirmed, email="ann@example.com", primary=True, verified=False
    )
    csv = tmp_path / "orders.csv"
    csv.write_text(
        "order_id,email,sku,quantity,unit_price,placed_at\n"
        "8001,Sam@Example.com,BOOK,1,8.99,2025-03-01T10:00:00\n"
        "8002,ann@example.com,BOOK,1,8.99,2025-03-01T10:00:00\n"
        "8003,nobody@example.com,BOOK,1,8.99,2025-03-01T10:00:00\n"
    )

    orders_import(path=csv)

    assert dict(Order.objects.values_list("number", "user")) == {
        "I-8001": confirmed.pk,
        "I-8002": None,
        "I-8003": None,
    }


def test_a_merchant_confirming_in_the_admin_keeps_the_shoppers_password(admin_client):
    shopper = UserFactory(email="sam@example.com")
    address = EmailAddress.objects.create(
        user=shopper, email="sam@example.com", primary=True, verified=False
    )
    order = place(cart_with((product_with_variant(), 1)), email="sam@example.com")

    admin_client.post(
        reverse("admin:account_emailaddress_changelist"),
        {"action": "make_verified", "_selected_action": [address.pk]},
    )

    shopper.refresh_from_db()
    order.refresh_from_db()
    assert (order.user, shopper.has_usable_password()) == (shopper, True)
