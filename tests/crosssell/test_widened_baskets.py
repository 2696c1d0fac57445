"""CROSSSELL_BASKET_DAYS: one customer's orders in the same N-day period are one basket."""

from collections import Counter
from datetime import UTC, datetime, timedelta
from itertools import combinations

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from crosssell.services.counting import counts_recompute, order_count, order_uncount
from shop.models import Order
from tests.shop.factories import ProductFactory, make_order

from .helpers import snapshot

pytestmark = pytest.mark.django_db

# A Monday that starts a 7-day period counted from the epoch (1970-01-01 + k·7 days).
START = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(days=7 * 2900)


@pytest.fixture
def weekly(settings):
    settings.CROSSSELL_BASKET_DAYS = 7


def order(products, *, number, email, day, status=Order.Status.PAID):
    placed = make_order(products, number=number, status=status)
    Order.objects.filter(pk=placed.pk).update(
        email=email, placed_at=START + timedelta(days=day, hours=10)
    )
    return placed


def test_one_customers_orders_in_a_week_are_one_basket(weekly):
    moon, mouse, bear, lamp = (ProductFactory() for _ in range(4))
    first = order([moon], number="a1", email="kathryn@example.com", day=0)
    second = order([mouse, moon], number="a2", email="Kathryn@Example.com", day=2)
    later = order([bear], number="a3", email="kathryn@example.com", day=9)
    other = order([lamp], number="b1", email="someone@example.com", day=1)
    for placed in (first, second, later, other):
        order_count(order_id=placed.pk)
    assert snapshot() == {
        "n": 3,
        "products": {moon.pk: 1, mouse.pk: 1, bear.pk: 1, lamp.pk: 1},
        "pairs": {(min(moon.pk, mouse.pk), max(moon.pk, mouse.pk)): 1},
    }
    # the second order is refunded: the moon stays (the first order holds it too)
    Order.objects.filter(pk=second.pk).update(status=Order.Status.REFUNDED)
    order_uncount(order_id=second.pk)
    order_uncount(order_id=second.pk)
    assert snapshot() == {
        "n": 3,
        "products": {moon.pk: 1, bear.pk: 1, lamp.pk: 1},
        "pairs": {},
    }
    incremental = snapshot()
    counts_recompute()
    assert snapshot() == incremental


def test_off_by_default_each_order_is_a_basket(settings):
    assert settings.CROSSSELL_BASKET_DAYS == 0
    moon, mouse = ProductFactory(), ProductFactory()
    for number, products in (("c1", [moon]), ("c2", [mouse])):
        order_count(
            order_id=order(products, number=number, email="k@example.com", day=0).pk
        )
    assert snapshot()["n"] == 2 and snapshot()["pairs"] == {}


@pytest.fixture
def catalog():
    return [ProductFactory() for _ in range(5)]


histories = st.lists(
    st.tuples(
        st.lists(st.integers(0, 4), min_size=1, max_size=4),  # products
        st.integers(0, 2),  # customer
        st.integers(0, 20),  # day
        st.booleans(),  # refunded later
        st.integers(1, 2),  # deliveries of each task
    ),
    max_size=12,
)


@hsettings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(history=histories)
def test_widened_incremental_equals_recompute_and_the_definition(
    weekly, catalog, history
):
    savepoint = transaction.savepoint()
    try:
        placed = []
        for index, (items, customer, day, refund, deliveries) in enumerate(history):
            made = order(
                [catalog[i] for i in items],
                number=f"w{index}",
                email=f"c{customer}@example.com",
                day=day,
            )
            for _ in range(deliveries):
                order_count(order_id=made.pk)
            placed.append((made, refund, deliveries))
        for made, refund, deliveries in placed:
            if refund:
                Order.objects.filter(pk=made.pk).update(status=Order.Status.REFUNDED)
                for _ in range(deliveries):
                    order_uncount(order_id=made.pk)
        incremental = snapshot()
        counts_recompute()
        assert snapshot() == incremental
        # and by the definition: group the kept orders by (customer, week)
        baskets: dict[tuple[int, int], set[int]] = {}
        for items, customer, day, refund, _ in history:
            if not refund:
                baskets.setdefault((customer, day // 7), set()).update(
                    catalog[i].pk for i in items
                )
        pairs = Counter(
            pair
            for basket in baskets.values()
            for pair in combinations(sorted(basket), 2)
        )
        products = Counter(pid for basket in baskets.values() for pid in basket)
        assert incremental == {
            "n": len(baskets),
            "products": dict(products),
            "pairs": dict(pairs),
        }
    finally:
        transaction.savepoint_rollback(savepoint)
