"""A gateway slower than the cart's freeze, against a real PostgreSQL with threads."""

import time

import pytest

from shop.exceptions import CheckoutInProgress
from shop.models import Cart, Order, PaymentAttempt, Variant
from shop.payments import DummyGateway
from shop.services import checkout as checkout_service
from tests.concurrency.races import race
from tests.shop.factories import product_with_variant
from tests.shop.helpers import cart_with, charge_status, place

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


class SlowGateway(DummyGateway):
    """Answers a charge for a ``slow-`` token only after a long wait."""

    def charge(self, *, idempotency_key: str, **kwargs):
        if idempotency_key.startswith("slow-"):
            time.sleep(1.2)
        return super().charge(idempotency_key=idempotency_key, **kwargs)


def test_slow_charge_past_the_freeze_loses_to_the_second_checkout(
    settings, monkeypatch
):
    # given a freeze that goes stale after 0.3 s and a first charge taking 1.2 s
    monkeypatch.setattr(checkout_service, "FROZEN_STALE_SECONDS", 0.3)
    settings.SHOP_PAYMENT_GATEWAY = f"{__name__}.SlowGateway"
    variant = product_with_variant(price="20.00", stock=5)
    cart = cart_with((variant, 1))

    def second():
        time.sleep(0.6)  # the shopper retries once the first looks stuck
        return place(cart, token="fast-second")

    # when both checkouts of the one cart run at once
    first_result, second_result = race(lambda: place(cart, token="slow-first"), second)

    # then the second made the one order and the first's charge was voided
    assert isinstance(second_result, Order), second_result
    assert isinstance(first_result, CheckoutInProgress), first_result
    assert list(Order.objects.values_list("idempotency_key", flat=True)) == [
        "fast-second"
    ]
    slow = PaymentAttempt.objects.get(token="slow-first")
    assert slow.status == PaymentAttempt.Status.VOIDED
    assert charge_status(slow.reference) == "voided"
    assert (
        PaymentAttempt.objects.get(token="fast-second").status
        == PaymentAttempt.Status.CAPTURED
    )
    assert Variant.objects.get(pk=variant.pk).stock == 4
    assert Cart.objects.get(pk=cart.pk).status == Cart.Status.ORDERED


def test_two_carts_racing_with_one_token_make_one_order_for_its_owner():
    variant = product_with_variant(stock=5)
    carts = [cart_with((variant, 1)) for _ in range(4)]

    results = race(
        *[lambda cart=cart: place(cart, token="one-token") for cart in carts]
    )

    orders = [result for result in results if isinstance(result, Order)]
    refused = [result for result in results if isinstance(result, CheckoutInProgress)]
    assert len(orders) == 1 and len(refused) == 3, results
    assert Order.objects.count() == 1
    owner = Cart.objects.get(checkout_token="one-token")
    assert owner.status == Cart.Status.ORDERED
    assert Variant.objects.get(pk=variant.pk).stock == 4
    assert PaymentAttempt.objects.get().status == PaymentAttempt.Status.CAPTURED
