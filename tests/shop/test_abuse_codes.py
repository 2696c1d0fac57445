"""Abuse: guessing gift-card and voucher codes at checkout.

The attack: a script with a cart posts "Apply" with one made-up code after another
and reads each answer, to find a code that exists and what it is worth. It must
meet the code-apply rate, learn nothing from any answer (one message for every
refused code, no balance anywhere), and codes the shop makes must be unguessable.
"""

import re
from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from core.ratelimit import rate_for
from shop.models import CODE_ALPHABET, GiftCard, Order, Voucher, VoucherUse, code_new
from shop.services.discounts import GIFT_CARD_REFUSED, VOUCHER_REFUSED

from .factories import GiftCardFactory, VoucherFactory, product_with_variant
from .helpers import CHECKOUT, add, cart_with, place

pytestmark = pytest.mark.django_db

CODE = re.compile(r"^[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){3}$")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def apply(client, **codes):
    return client.post(
        reverse("shop:checkout"),
        {**CHECKOUT, "token": "tok-codes", "apply": "1", **codes},
    )


def shopper(variant) -> Client:
    client = Client()
    add(client, variant)
    return client


def alert(response) -> str:
    match = re.search(
        r'<div class="alert alert--soft" role="alert">.*?</div>',
        response.content.decode(),
        re.S,
    )
    return match.group(0) if match else ""


@pytest.fixture
def generous_rate(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "code-apply": "1000/h"}


def test_guessing_script_meets_the_limit_and_learns_nothing():
    # given a shopper's cart, and one real gift card among 200 guesses
    limit = rate_for("code-apply").limit
    card = GiftCardFactory(initial_balance=D("37.45"))
    guesses = [code_new() for _ in range(200)]
    guesses[150] = card.code
    client = shopper(product_with_variant(price="80.00"))

    # when the script tries them all
    responses = [apply(client, gift_card_code=code) for code in guesses]

    # then the first `limit` get the one refusal, every later one a 429
    statuses = [response.status_code for response in responses]
    assert statuses == [200] * limit + [429] * (200 - limit)
    assert {alert(response) for response in responses[:limit]} == {alert(responses[0])}
    assert escape(GIFT_CARD_REFUSED) in alert(responses[0])
    # and the real code's answer is the same 429 as its neighbours': not looked up
    assert responses[150]["Retry-After"] == responses[149]["Retry-After"]
    real, neighbour = (CSRF.sub("", responses[i].content.decode()) for i in (150, 149))
    assert real == neighbour
    assert "37.45" not in real and "accepted" not in real
    # and nothing was written
    card.refresh_from_db()
    assert card.balance == D("37.45") and not card.uses.exists()
    assert Order.objects.count() == 0


def test_a_new_session_from_the_same_address_is_still_limited():
    limit = rate_for("code-apply").limit
    variant = product_with_variant()
    first = shopper(variant)
    for _ in range(limit):
        assert apply(first, voucher_code=code_new()).status_code == 200

    # a script that drops its cookies gets a new session and cart, same address
    assert apply(shopper(variant), voucher_code=code_new()).status_code == 429


def test_applied_code_costs_nothing_when_the_order_is_placed(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "code-apply": "1/h"}
    voucher = VoucherFactory(code=code_new(), value=D("5.00"))
    client = shopper(product_with_variant(price="30.00"))
    applied = apply(client, voucher_code=voucher.code)
    assert applied.status_code == 200
    assert "saves you" in applied.content.decode()

    # the limit is reached, yet placing the order with the applied code goes through
    response = client.post(
        reverse("shop:checkout"),
        {
            **CHECKOUT,
            "token": "tok-place",
            "voucher_code": voucher.code,
            "expected_total": "29.95",
        },
    )

    assert response.status_code == 302
    assert Order.objects.get().discount == D("5.00")


def refused_vouchers():
    now = timezone.now()
    used = VoucherFactory(code="USED-ONCE", usage_limit=1)
    Voucher.objects.filter(pk=used.pk).update(times_used=1)
    mine = VoucherFactory(code="MINE-ONLY", per_customer_limit=1)
    VoucherUse.objects.create(
        voucher=mine,
        order=place(cart_with((product_with_variant(), 1))),
        email=CHECKOUT["email"],
        amount=D("5.00"),
    )
    VoucherFactory(code="EXPIRED", ends_at=now - timedelta(days=1))
    VoucherFactory(code="NOT-YET", starts_at=now + timedelta(days=1))
    VoucherFactory(code="SWITCHED-OFF", is_active=False)
    VoucherFactory(code="BIG-SPEND", minimum_spend=D("500.00"))
    return ["NO-SUCH-CODE", "USED-ONCE", "MINE-ONLY", "EXPIRED", "NOT-YET"] + [
        "SWITCHED-OFF",
        "BIG-SPEND",
        "   ",
    ]


def test_every_refused_voucher_gets_the_same_answer(generous_rate):
    variant = product_with_variant(price="30.00")
    codes = refused_vouchers()

    pages = [
        CSRF.sub("", apply(shopper(variant), voucher_code=code).content.decode())
        for code in codes
    ]

    assert escape(VOUCHER_REFUSED) in pages[0]
    for code, page in zip(codes, pages, strict=True):
        assert page == pages[0], code
        assert code.strip() == "" or code not in page
    assert Order.objects.count() == 1  # the one placed to use up MINE-ONLY


def test_every_refused_gift_card_gets_the_same_answer(generous_rate):
    variant = product_with_variant(price="30.00")
    GiftCardFactory(code="EMPTY-CARD", initial_balance=D("10.00"), balance=D("0.00"))
    GiftCardFactory(code="OLD-CARD", expires_at=timezone.now() - timedelta(days=1))
    GiftCardFactory(code="OFF-CARD", is_active=False)
    codes = ["NO-SUCH-CARD", "EMPTY-CARD", "OLD-CARD", "OFF-CARD"]

    pages = [
        CSRF.sub("", apply(shopper(variant), gift_card_code=code).content.decode())
        for code in codes
    ]

    assert escape(GIFT_CARD_REFUSED) in pages[0]
    for code, page in zip(codes, pages, strict=True):
        assert page == pages[0], code
        assert code not in page
    assert Order.objects.count() == 0


def test_generated_codes_are_long_random_and_unambiguous():
    codes = {code_new() for _ in range(2000)}

    assert len(codes) == 2000
    assert all(CODE.match(code) for code in codes)
    assert not set("".join(codes)) - set(CODE_ALPHABET + "-")
    assert not set("01OIL") & set(CODE_ALPHABET)
    # a gift card or voucher made without a code gets one
    assert CODE.match(GiftCard.objects.create(initial_balance=1, balance=1).code)
    assert CODE.match(Voucher.objects.create(value=D("5.00")).code)


def test_admin_offers_a_generated_code(admin_client):
    for name in ("shop_giftcard_add", "shop_voucher_add"):
        html = admin_client.get(reverse(f"admin:{name}")).content.decode()
        value = re.search(r'name="code" value="([^"]+)"', html).group(1)
        assert CODE.match(value), name


def test_codes_are_entered_in_any_case_with_or_without_spaces_and_dashes(
    generous_rate,
):
    card = GiftCardFactory(code="K7QD-M2XR-9HTF-WB3N", initial_balance=D("5.00"))
    variant = product_with_variant(price="30.00")

    for typed in ("k7qd m2xr 9htf wb3n", "K7QDM2XR9HTFWB3N", " k7qd–m2xr-9htf-wb3n "):
        page = apply(shopper(variant), gift_card_code=typed).content.decode()
        assert "accepted" in page, typed
        assert f"…{card.code[-4:]}" in page


def test_gift_card_balance_is_not_shown_before_the_order_is_paid(client, generous_rate):
    # given a card worth less than the order (so what it pays is its balance)
    card = GiftCardFactory(code="BALANCE-SECRET-1", initial_balance=D("37.45"))
    add(client, product_with_variant(price="80.00"))

    # when it is applied, and the page re-shown
    applied = apply(client, gift_card_code=card.code).content.decode()
    shown = client.get(reverse("shop:checkout")).content.decode()

    # then neither its balance nor what would be left to pay appears
    for page in (applied, shown):
        assert "37.45" not in page and "42.55" not in page
    assert "accepted" in applied
    assert "80.00" in applied  # the total before the card

    # and once paid, the card paid its balance and the card the rest
    response = client.post(
        reverse("shop:checkout"),
        {
            **CHECKOUT,
            "token": "tok-paid",
            "gift_card_code": "balance secret 1",
            "expected_total": "80.00",
        },
    )
    order = Order.objects.get()
    assert response.status_code == 302
    assert (order.gift_card_amount, order.total) == (D("37.45"), D("42.55"))
    assert "37.45" in client.get(response["Location"]).content.decode()


def test_past_the_limit_an_applied_gift_card_stays_applied(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "code-apply": "1/h"}
    card = GiftCardFactory(initial_balance=D("5.00"))
    client = shopper(product_with_variant(price="30.00"))
    assert "accepted" in apply(client, gift_card_code=card.code).content.decode()

    response = apply(client, gift_card_code=card.code, voucher_code="GUESS-1")

    assert response.status_code == 429
    page = response.content.decode()
    assert "tried a lot of codes" in page
    assert "accepted" in page and "GUESS-1" not in page
