"""A NUL character in an address is bad input (400), never a database error (500).

PostgreSQL refuses NUL in text; before core.middleware.RejectNulBytesMiddleware a
search or lookup that passed one on answered 500 (the API fuzzer found it)."""

import json

import pytest
from django.test import Client

from shop.models import Product
from tests.shop.factories import VariantFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/products/?q=a%00b",
        "/products/?category=a%00b",
        "/products/a%00b/",
        "/sets/?tag=a%00b",
    ],
)
def test_a_page_address_with_nul_is_a_400(url):
    VariantFactory()
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code == 400
    assert "That address doesn’t work" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/api/products/?q=a%00b",
        "/api/products/?category=a%00b",
        "/api/products/a%00b/",
        "/api/sets/?tag=a%00b",
        "/api/sets/?owner=kate%00",
        "/api/sets/products/?category=a%00b",
    ],
)
def test_an_api_address_with_nul_is_a_json_400(url):
    VariantFactory()
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code == 400
    assert json.loads(response.content)["detail"].startswith("The address holds a NUL")


def test_a_post_with_nul_in_the_query_changes_nothing():
    variant = VariantFactory(stock=5)
    response = Client(raise_request_exception=False).post(
        "/cart/add/?x=%00", {"variant": variant.pk, "quantity": 1}
    )
    assert response.status_code == 400
    assert (
        Product.objects.get(pk=variant.product_id).variants.get().cart_lines.count()
        == 0
    )


def test_ordinary_addresses_pass():
    variant = VariantFactory()
    response = Client().get("/products/", {"q": variant.product.title})
    assert response.status_code == 200
