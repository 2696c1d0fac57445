"""Payments fail closed: the test gateway never runs a production shop unannounced."""

import pytest
from django.core.checks import Error
from django.urls import reverse

from shop.checks import payment_gateway_check
from tests.shop.factories import product_with_variant

pytestmark = pytest.mark.django_db


def test_test_gateway_with_debug_off_is_a_start_up_error(settings):
    # given production: DEBUG off, the default (test) gateway, no demo switch
    settings.DEBUG = False
    settings.SHOP_DEMO_PAYMENTS = False
    settings.SHOP_PAYMENT_GATEWAY = "shop.payments.DummyGateway"

    # when the system checks run
    errors = payment_gateway_check()

    # then the shop refuses to start, saying why and what to set
    assert [error.id for error in errors] == ["shop.E001"]
    assert isinstance(errors[0], Error)
    assert "test gateway (shop.payments.DummyGateway)" in errors[0].msg
    assert "takes no money" in errors[0].msg
    assert "SHOP_PAYMENT_GATEWAY" in errors[0].hint
    assert "SHOP_DEMO_PAYMENTS=1" in errors[0].hint


def test_declared_demo_and_debug_may_use_the_test_gateway(settings):
    settings.SHOP_PAYMENT_GATEWAY = "shop.payments.DummyGateway"
    settings.DEBUG = False
    settings.SHOP_DEMO_PAYMENTS = True
    assert payment_gateway_check() == []
    settings.DEBUG = True
    settings.SHOP_DEMO_PAYMENTS = False
    assert payment_gateway_check() == []


class RealGateway:
    name = "real"


def test_a_real_gateway_passes_and_a_missing_one_is_an_error(settings):
    settings.DEBUG = False
    settings.SHOP_DEMO_PAYMENTS = False
    settings.SHOP_PAYMENT_GATEWAY = f"{__name__}.RealGateway"
    assert payment_gateway_check() == []
    settings.SHOP_PAYMENT_GATEWAY = "shop.payments.NoSuchGateway"
    assert [error.id for error in payment_gateway_check()] == ["shop.E002"]


def test_checkout_page_says_the_demo_takes_no_money(client, settings):
    settings.SHOP_PAYMENT_GATEWAY = "shop.payments.DummyGateway"
    variant = product_with_variant(price="30.00")
    client.post(reverse("shop:cart_add"), {"variant": variant.pk, "quantity": 1})

    html = client.get(reverse("shop:checkout")).content.decode()

    assert "Demo shop: no real payment is taken; use card 4242 4242 4242 4242" in html


def test_checkout_page_with_a_real_gateway_shows_no_demo_notice(client, settings):
    settings.SHOP_PAYMENT_GATEWAY = f"{__name__}.RealGateway"
    variant = product_with_variant(price="30.00")
    client.post(reverse("shop:cart_add"), {"variant": variant.pk, "quantity": 1})

    html = client.get(reverse("shop:checkout")).content.decode()

    assert "Demo shop" not in html
    assert "4242" not in html
