"""Card testing: a script trying stolen card numbers through the checkout.

Each declined card counts against `payment-declined` per account, client address
and session; past the rate no card reaches the gateway until the window ends,
whatever session or account the script switches to from the same address.
"""

import pytest
from django.test import Client

from core.ratelimit import rate_for
from shop.models import Order
from shop.payments import DummyGateway

from .factories import product_with_variant
from .helpers import add, checkout

pytestmark = pytest.mark.django_db

DECLINED = "4000 0000 0000 0002"


def test_past_the_declines_no_card_reaches_the_gateway(client, monkeypatch):
    limit = rate_for("payment-declined").limit
    variant = product_with_variant(stock=50)
    add(client, variant)
    answers = [
        checkout(client, token=f"tok-{n}", card_number=DECLINED).status_code
        for n in range(limit)
    ]
    charged = []
    real_charge = DummyGateway.charge

    def spy(self, **kwargs):
        charged.append(kwargs["card_number"])
        return real_charge(self, **kwargs)

    monkeypatch.setattr(DummyGateway, "charge", spy)

    paused = checkout(client, token="tok-good", card_number="4242 4242 4242 4242")

    assert answers == [409] * limit
    assert paused.status_code == 429
    assert "paused payments" in paused.content.decode()
    assert int(paused["Retry-After"]) > 0
    assert charged == []  # not even the good card went to the gateway
    assert Order.objects.count() == 0


def test_a_fresh_session_from_the_same_address_is_still_paused():
    limit = rate_for("payment-declined").limit
    variant = product_with_variant(stock=50)
    for n in range(limit):
        script = Client()  # a new cookie jar each time
        add(script, variant)
        checkout(script, token=f"tok-{n}", card_number=DECLINED)
    fresh = Client()
    add(fresh, variant)

    response = checkout(fresh, token="tok-fresh", card_number="4242 4242 4242 4242")

    assert response.status_code == 429
    assert Order.objects.count() == 0


def test_an_honest_shopper_with_one_declined_card_still_pays(client):
    variant = product_with_variant(stock=5)
    add(client, variant)
    checkout(client, token="tok-1", card_number=DECLINED)

    response = checkout(client, token="tok-2", card_number="4242 4242 4242 4242")

    assert response.status_code == 302
    assert Order.objects.count() == 1


def test_a_processing_error_is_not_counted_as_a_decline(client):
    limit = rate_for("payment-declined").limit
    variant = product_with_variant(stock=5)
    add(client, variant)
    for n in range(limit + 1):
        checkout(client, token=f"tok-{n}", card_number="4000 0000 0000 0119")

    response = checkout(client, token="tok-ok", card_number="4242 4242 4242 4242")

    assert response.status_code == 302
