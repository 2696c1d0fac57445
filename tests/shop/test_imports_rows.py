"""``orders_import_rows``: the order import fed from memory, with shipping columns."""

from decimal import Decimal as D

import pytest

from shop.models import Order, OrderLine
from shop.services.imports import ImportFailed, orders_import_rows

from .factories import ProductFactory, VariantFactory, product_with_variant

pytestmark = pytest.mark.django_db

SHIPPED = {
    "order_id": "00007",
    "email": "Ruth.Cohen@Example.com",
    "placed_at": "2025-03-01T10:00:00+00:00",
    "shipping": "4.95",
    "shipping_name": "Ruth Cohen",
    "shipping_line1": "12 Elm Street",
    "shipping_city": "Madison",
    "shipping_postcode": "53703",
    "shipping_country": "United States",
}


@pytest.fixture
def skus():
    product_with_variant(sku="BOOK", price="8.99", title="Goodnight Moon")
    tee = ProductFactory(sku="TEE", title="Linen Tee", price=D("20.00"))
    VariantFactory(product=tee, sku="TEE-S", size="S", colour_name="Red", stock=5)


def test_rows_become_one_order_with_its_prefixes_shipping_and_address(skus):
    # given two lines of one order, with shipping and an address
    rows = [
        {**SHIPPED, "sku": "BOOK", "quantity": "2", "unit_price": "8.99"},
        {**SHIPPED, "sku": "TEE-S", "quantity": "1", "unit_price": "20.00"},
    ]

    # when they are imported under the demo's prefixes, twice
    first = orders_import_rows(rows=rows, key_prefix="seed-", number_prefix="H-")
    again = orders_import_rows(rows=rows, key_prefix="seed-", number_prefix="H-")

    # then one paid order, numbered and keyed by the prefixes, totals with shipping
    assert (first.rows, first.created, first.lines) == (2, 1, 2)
    assert (again.created, again.skipped) == (0, 1)
    order = Order.objects.get()
    assert (order.number, order.idempotency_key, order.email, order.status) == (
        "H-00007",
        "seed-00007",
        "ruth.cohen@example.com",
        Order.Status.PAID,
    )
    assert (order.subtotal, order.shipping, order.total) == (
        D("37.98"),
        D("4.95"),
        D("42.93"),
    )
    assert (
        order.shipping_name,
        order.shipping_line1,
        order.shipping_city,
        order.shipping_postcode,
        order.shipping_country,
    ) == ("Ruth Cohen", "12 Elm Street", "Madison", "53703", "United States")
    assert sorted(order.lines.values_list("sku", "quantity")) == [
        ("BOOK", 2),
        ("TEE-S", 1),
    ]


def test_rows_without_shipping_columns_import_as_a_file_does(skus):
    row = {k: SHIPPED[k] for k in ("order_id", "email", "placed_at")}

    orders_import_rows(
        rows=[{**row, "sku": "BOOK", "quantity": "1", "unit_price": "8.99"}],
        key_prefix="import-",
        number_prefix="I-",
    )

    order = Order.objects.get()
    assert (order.number, order.shipping, order.total, order.shipping_name) == (
        "I-00007",
        D("0.00"),
        D("8.99"),
        "",
    )


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"shipping": "free"}, "line 3: shipping 'free' is not an amount like 4.95"),
        (
            {"shipping_postcode": "9" * 21},
            "line 3: shipping_postcode must be text of at most 20 characters",
        ),
        (
            {"shipping_name": "Ruth\x00"},
            "line 3: shipping_name must be text of at most 120 characters",
        ),
        (
            {"shipping_city": "Boulder"},
            "line 3: order '00007' has a different shipping than on line 2",
        ),
    ],
)
def test_bad_shipping_is_refused_and_nothing_is_written(skus, change, error):
    rows = [
        {**SHIPPED, "sku": "BOOK", "quantity": "1", "unit_price": "8.99"},
        {**SHIPPED, "sku": "TEE-S", "quantity": "1", "unit_price": "20.00", **change},
    ]

    with pytest.raises(ImportFailed) as refused:
        orders_import_rows(rows=rows, key_prefix="seed-", number_prefix="H-")

    assert refused.value.errors == [error]
    assert not Order.objects.exists() and not OrderLine.objects.exists()
