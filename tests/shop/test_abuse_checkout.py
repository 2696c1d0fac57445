"""Abuse at checkout: replaying another visitor's token, and a gateway slower than
the cart's freeze.

The attacks: (1) post the checkout form with a token someone else's order was
placed with, to be sent to (and given access to) that order; (2) a checkout whose
gateway call outlives the freeze lets a second checkout of the same cart start:
the cart must still make exactly one paid order, with the loser's charge voided.
"""

import time
from decimal import Decimal as D

import pytest
from django.test import Client
from django.urls import reverse

from shop.exceptions import CheckoutInProgress
from shop.models import Cart, Order, PaymentAttempt, Variant
from shop.payments import DummyGateway
from shop.selectors import SESSION_ORDERS_KEY
from shop.services import checkout as checkout_service

from .factories import product_with_variant
from .helpers import add, cart_with, charge_status, checkout, place

pytestmark = pytest.mark.django_db


def test_another_visitor_replaying_a_token_does_not_get_the_order():
    # given a shopper's order placed with a token
    variant = product_with_variant(price="20.00", stock=5)
    victim = Client()
    add(victim, variant)
    placed = checkout(victim, token="tok-victim")
    order = Order.objects.get()
    assert placed["Location"] == order.get_absolute_url()

    # when another visitor, with a cart of their own, posts the same token
    attacker = Client()
    add(attacker, variant)
    response = checkout(attacker, token="tok-victim")

    # then they are told the form expired, and are neither sent to nor given the order
    assert response.status_code == 409
    assert "This checkout form has expired" in response.content.decode()
    assert order.number not in response.content.decode()
    assert order.number not in attacker.session.get(SESSION_ORDERS_KEY, [])
    assert attacker.get(order.get_absolute_url()).status_code == 404
    # and nothing was charged or written for them
    assert Order.objects.count() == 1
    assert PaymentAttempt.objects.count() == 1
    assert Variant.objects.get(pk=variant.pk).stock == 4
    assert Cart.objects.filter(status=Cart.Status.OPEN).count() == 1


def test_a_replayed_token_with_an_empty_cart_shows_nothing():
    variant = product_with_variant()
    victim = Client()
    add(victim, variant)
    order_url = checkout(victim, token="tok-victim")["Location"]

    response = Client().post(reverse("shop:checkout"), {"token": "tok-victim"})

    assert response.status_code == 302
    assert response["Location"] == reverse("shop:cart")
    assert response["Location"] != order_url


def test_service_returns_a_tokens_order_only_to_its_cart():
    variant = product_with_variant(stock=5)
    order = place(cart_with((variant, 1)), token="tok-shared")
    other = cart_with((variant, 1))

    with pytest.raises(CheckoutInProgress, match="form has expired"):
        place(other, token="tok-shared")

    assert Order.objects.get() == order
    assert PaymentAttempt.objects.count() == 1
    other.refresh_from_db()
    assert (other.status, other.checkout_token) == (Cart.Status.OPEN, "")


class SecondCheckoutMeanwhile(DummyGateway):
    """A gateway so slow that, while it answers, the shopper checks out again."""

    meanwhile = None

    def charge(self, **kwargs):
        job, type(self).meanwhile = type(self).meanwhile, None
        if job is not None:
            time.sleep(0.01)  # the freeze is now older than FROZEN_STALE_SECONDS
            job()
        return super().charge(**kwargs)


def test_a_charge_that_outlives_the_freeze_is_voided_and_makes_no_second_order(
    settings, monkeypatch
):
    # given a cart, a freeze that goes stale at once, and a gateway that is slow
    # enough for a second checkout of the same cart to run during the first charge
    monkeypatch.setattr(checkout_service, "FROZEN_STALE_SECONDS", 0)
    settings.SHOP_PAYMENT_GATEWAY = f"{__name__}.SecondCheckoutMeanwhile"
    variant = product_with_variant(price="20.00", stock=5)
    cart = cart_with((variant, 2))
    second = []
    SecondCheckoutMeanwhile.meanwhile = lambda: second.append(
        place(cart, token="tok-second")
    )

    # when the first checkout's charge returns after the second placed the order
    with pytest.raises(CheckoutInProgress, match="checked out in another window"):
        place(cart, token="tok-first")

    # then there is one order, the second's, and the first's charge is voided
    order = Order.objects.get()
    assert second == [order]
    assert order.idempotency_key == "tok-second"
    first = PaymentAttempt.objects.get(token="tok-first")
    assert first.status == PaymentAttempt.Status.VOIDED
    assert charge_status(first.reference) == "voided"
    kept = PaymentAttempt.objects.get(token="tok-second")
    assert kept.status == PaymentAttempt.Status.CAPTURED
    assert charge_status(kept.reference) == "charged"
    # and the stock was taken once, and the cart stays ordered
    assert Variant.objects.get(pk=variant.pk).stock == 3
    cart.refresh_from_db()
    assert (cart.status, cart.checkout_token) == (Cart.Status.ORDERED, "tok-second")
    assert order.total == D("44.95")
