"""The shop keeps selling when Redis is down: the cache misses, nothing fails."""

import pytest
from django.core.cache import caches
from django.urls import reverse

from shop.models import Order

from .factories import product_with_variant

pytestmark = pytest.mark.django_db

DEAD_REDIS = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "SOCKET_CONNECT_TIMEOUT": 0.2,
            "SOCKET_TIMEOUT": 0.2,
            "IGNORE_EXCEPTIONS": True,
        },
    }
}


def test_browsing_and_checkout_work_with_the_cache_down(
    client, settings, django_capture_on_commit_callbacks
):
    settings.CACHES = DEAD_REDIS
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    assert caches["default"].get("anything") is None  # a miss, not an error
    variant = product_with_variant(slug="moon", stock=3)
    assert client.get("/products/moon/").status_code == 200
    client.post(reverse("shop:cart_add"), {"variant": variant.pk, "quantity": 1})
    page = client.get(reverse("shop:checkout"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("shop:checkout"),
            {
                "email": "k@example.com",
                "name": "K T",
                "line1": "1 Elm",
                "city": "Springfield",
                "postcode": "1",
                "country": "US",
                "card_number": "4242424242424242",
                "card_expiry": "12/39",
                "card_cvc": "123",
                "token": "tok-redis-down",
                "expected_total": page.context["form"].initial["expected_total"],
            },
        )
    assert response.status_code == 302
    assert Order.objects.count() == 1
    assert client.get(response["Location"]).status_code == 200
