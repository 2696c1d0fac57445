"""Crosssell test helpers: a shopper buying through the test client, note forms."""

from crosssell.models import BasketTotal, PairStat, ProductStat
from shop.models import Order
from tests.shop.helpers import add, checkout

GOOD = "I'm a grandmother and former first grade teacher. These were classics."


def variant(product):
    return product.variants.get()


def buy(client, *products, token="tok-1"):
    for product in products:
        add(client, variant(product))
    response = checkout(client, token=token)
    assert response.status_code == 302, response.content[:500]
    return Order.objects.get(idempotency_key=token), response["Location"]


def form_data(order, products, **overrides):
    return {
        "products": [p.pk for p in products],
        "text": GOOD,
        "display": "name",
        "name": "Kathryn Thompson",
        "reasons": ["gift"],
        **overrides,
    }


def history_order(books, number):
    return Order.objects.get(number=number)


def snapshot():
    """The counting tables as plain values: baskets, per-product and per-pair counts."""
    return {
        "n": BasketTotal.objects.filter(pk=1).values_list("baskets", flat=True).first()
        or 0,
        "products": dict(ProductStat.objects.values_list("product_id", "baskets")),
        "pairs": {
            (a, b): n
            for a, b, n in PairStat.objects.values_list(
                "product_a_id", "product_b_id", "together"
            )
        },
    }
