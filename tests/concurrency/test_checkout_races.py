"""Races against a real PostgreSQL: threads start together at a barrier."""

from decimal import Decimal as D

import pytest

from shop.exceptions import GiftCardInvalid, OutOfStock, VoucherInvalid
from shop.models import GiftCard, Order, PaymentAttempt, Variant, Voucher
from tests.concurrency.races import race
from tests.shop.factories import GiftCardFactory, VoucherFactory, product_with_variant
from tests.shop.helpers import cart_with, charge_status, place

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_shoppers_race_for_the_last_item():
    variant = product_with_variant(stock=1)
    carts = [cart_with((variant, 1)), cart_with((variant, 1))]
    results = race(*[lambda cart=cart: place(cart) for cart in carts])
    orders = [r for r in results if isinstance(r, Order)]
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(orders) == 1
    assert len(errors) == 1 and isinstance(errors[0], OutOfStock)
    assert "sold out" in errors[0].message
    variant.refresh_from_db()
    assert variant.stock == 0
    assert Order.objects.count() == 1
    # the loser's charge was voided
    voided = PaymentAttempt.objects.get(status=PaymentAttempt.Status.VOIDED)
    assert charge_status(voided.reference) == "voided"


def test_many_shoppers_never_oversell():
    variant = product_with_variant(stock=3)
    carts = [cart_with((variant, 1)) for _ in range(8)]
    results = race(*[lambda cart=cart: place(cart) for cart in carts])
    assert sum(isinstance(r, Order) for r in results) == 3
    assert all(isinstance(r, (Order, OutOfStock)) for r in results), results
    assert Variant.objects.get(pk=variant.pk).stock == 0


def test_double_submit_of_one_form_makes_one_order():
    variant = product_with_variant(stock=5)
    cart = cart_with((variant, 1))
    results = race(*[lambda: place(cart, token="same-token") for _ in range(4)])
    assert all(isinstance(r, Order) for r in results), results
    assert len({r.pk for r in results}) == 1
    assert Order.objects.count() == 1
    assert PaymentAttempt.objects.count() == 1
    assert Variant.objects.get(pk=variant.pk).stock == 4


def test_opposite_order_carts_do_not_deadlock():
    a = product_with_variant(stock=10)
    b = product_with_variant(stock=10)
    jobs = []
    for i in range(6):
        first, second = (a, b) if i % 2 else (b, a)
        cart = cart_with((first, 1), (second, 1))
        jobs.append(lambda cart=cart: place(cart))
    results = race(*jobs)
    assert all(isinstance(r, Order) for r in results), results
    assert Variant.objects.get(pk=a.pk).stock == 4
    assert Variant.objects.get(pk=b.pk).stock == 4


def test_last_use_of_a_voucher_goes_to_one_shopper():
    variant = product_with_variant(price="30.00", stock=10)
    VoucherFactory(code="LAST", usage_limit=1)
    carts = [cart_with((variant, 1)) for _ in range(3)]
    results = race(
        *[
            lambda cart=cart, n=n: place(
                cart, voucher_code="LAST", email=f"s{n}@example.com"
            )
            for n, cart in enumerate(carts)
        ]
    )
    assert sum(isinstance(r, Order) for r in results) == 1
    assert sum(isinstance(r, VoucherInvalid) for r in results) == 2
    assert Voucher.objects.get(code="LAST").times_used == 1
    assert Variant.objects.get(pk=variant.pk).stock == 9


def test_one_gift_card_spent_twice_at_once_never_goes_negative():
    variant = product_with_variant(price="15.00", stock=10)
    GiftCardFactory(code="SHARED-CARD-1", initial_balance=D("25.00"))
    carts = [cart_with((variant, 1)) for _ in range(2)]
    results = race(
        *[
            lambda cart=cart: place(cart, gift_card_code="SHARED-CARD-1")
            for cart in carts
        ]
    )
    orders = [r for r in results if isinstance(r, Order)]
    assert len(orders) == 1, results
    assert isinstance(
        [r for r in results if not isinstance(r, Order)][0], GiftCardInvalid
    )
    card = GiftCard.objects.get(code="SHARED-CARD-1")
    assert card.balance == D("25.00") - orders[0].gift_card_amount
    assert card.balance >= 0
