import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crosssell.models import CountedOrder, PairStat, ProductStat
from crosssell.services.counting import counts_recompute, order_count, order_uncount
from shop.models import Order
from tests.shop.factories import ProductFactory, make_order

from .helpers import snapshot

pytestmark = pytest.mark.django_db


def test_one_order_counts_its_products_and_pairs_once():
    a, b, c = ProductFactory(), ProductFactory(), ProductFactory()
    # the same product twice in one basket still counts once
    order = make_order([a, b, c, a], number="o1", quantities={a.pk: 3})
    assert order_count(order_id=order.pk) == sorted([a.pk, b.pk, c.pk])
    assert order_count(order_id=order.pk) == []  # a replayed task changes nothing
    assert snapshot() == {
        "n": 1,
        "products": {a.pk: 1, b.pk: 1, c.pk: 1},
        "pairs": {(a.pk, b.pk): 1, (a.pk, c.pk): 1, (b.pk, c.pk): 1},
    }


def test_unpaid_orders_are_not_counted_and_refunds_leave():
    a, b = ProductFactory(), ProductFactory()
    refunded = make_order([a, b], number="r1", status=Order.Status.REFUNDED)
    assert order_count(order_id=refunded.pk) == []
    paid = make_order([a, b], number="p1")
    order_count(order_id=paid.pk)
    Order.objects.filter(pk=paid.pk).update(status=Order.Status.REFUNDED)
    assert order_uncount(order_id=paid.pk) == [a.pk, b.pk]
    assert order_uncount(order_id=paid.pk) == []
    assert snapshot() == {"n": 0, "products": {}, "pairs": {}}
    # counting it again after the refund does nothing
    assert order_count(order_id=paid.pk) == []


def test_pairs_are_stored_once_with_a_below_b():
    a, b = ProductFactory(), ProductFactory()
    order_count(order_id=make_order([b, a], number="x").pk)
    pair = PairStat.objects.get()
    assert (pair.product_a_id, pair.product_b_id) == (min(a.pk, b.pk), max(a.pk, b.pk))


@pytest.fixture
def catalog():
    return [ProductFactory() for _ in range(6)]


baskets = st.lists(
    st.tuples(
        st.lists(
            st.integers(0, 5), min_size=1, max_size=6
        ),  # products (duplicates allowed)
        st.booleans(),  # refunded later
        st.integers(1, 3),  # how many times the count task is delivered
    ),
    min_size=0,
    max_size=12,
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(baskets=baskets)
def test_incremental_counts_equal_the_full_recompute(catalog, baskets):
    savepoint = transaction.savepoint()
    try:
        orders = []
        for index, (items, refund, deliveries) in enumerate(baskets):
            order = make_order([catalog[i] for i in items], number=f"h{index}")
            for _ in range(deliveries):
                order_count(order_id=order.pk)
            orders.append((order, refund, deliveries))
        for order, refund, deliveries in orders:
            if refund:
                Order.objects.filter(pk=order.pk).update(status=Order.Status.REFUNDED)
                for _ in range(deliveries):
                    order_uncount(order_id=order.pk)
        incremental = snapshot()
        counts_recompute()
        assert snapshot() == incremental
        # and by hand
        kept = [set(items) for items, refund, _ in baskets if not refund]
        assert incremental["n"] == len(kept)
        for i, product in enumerate(catalog):
            assert incremental["products"].get(product.pk, 0) == sum(
                i in basket for basket in kept
            )
        assert CountedOrder.objects.filter(removed_at__isnull=True).count() == len(kept)
    finally:
        transaction.savepoint_rollback(savepoint)


def test_paid_order_flows_into_the_lists_and_a_refund_takes_it_out(
    django_capture_on_commit_callbacks,
):
    """order_paid → count → re-rank, through the real signal and tasks."""
    from crosssell.models import ProductCrosssells
    from shop.services.orders import order_refund
    from tests.shop.factories import product_with_variant
    from tests.shop.helpers import cart_with, place

    moon, mouse = product_with_variant(stock=50), product_with_variant(stock=50)
    with django_capture_on_commit_callbacks(execute=True):
        place(cart_with((product_with_variant(), 1)))  # a basket without either
    orders = []
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            orders.append(place(cart_with((moon, 1), (mouse, 1))))
    listed = ProductCrosssells.objects.get(pk=moon.product_id)
    assert [row[:2] for row in listed.partners] == [[mouse.product_id, 2]]
    assert listed.is_stale is False
    with django_capture_on_commit_callbacks(execute=True):
        order_refund(order=orders[0])
    # one basket left together: below the minimum support of 2, so no longer shown
    assert ProductCrosssells.objects.get(pk=moon.product_id).partners == []
    assert snapshot()["pairs"] == {
        (
            min(moon.product_id, mouse.product_id),
            max(moon.product_id, mouse.product_id),
        ): 1
    }


def test_stale_lists_are_refreshed_in_one_batch():
    from crosssell.models import ProductCrosssells
    from crosssell.services.lists import lists_mark_stale, stale_lists_refresh

    a, b = ProductFactory(), ProductFactory()
    for index in range(3):
        order_count(order_id=make_order([a, b], number=f"st{index}").pk)
    order_count(order_id=make_order([ProductFactory()], number="other").pk)
    lists_mark_stale(product_ids=[a.pk, b.pk, a.pk])
    assert ProductCrosssells.objects.filter(is_stale=True).count() == 2
    assert stale_lists_refresh() == 2
    assert stale_lists_refresh() == 0
    assert ProductCrosssells.objects.get(pk=a.pk).partners[0][:2] == [b.pk, 3]


def test_the_recompute_repairs_counts_that_drifted_and_writes_only_the_differences():
    """Every kind of drift the nightly recompute must put right, on a non-empty table
    (PostgreSQL compares and writes differences there; SQLite rebuilds)."""
    a, b, c, d = (ProductFactory() for _ in range(4))
    kept = make_order([a, b, c], number="k1")
    also = make_order([a, b], number="k2")
    missed = make_order([c, d], number="missed")  # paid, its task never ran
    refunded = make_order([b, d], number="gone")
    for order in (kept, also, refunded):
        order_count(order_id=order.pk)
    Order.objects.filter(pk=refunded.pk).update(status=Order.Status.REFUNDED)
    # drift: a refund whose task never ran, counts edited by hand, a lost pair
    # and a pair that never happened
    pair = PairStat.objects.get(
        product_a_id=min(a.pk, b.pk), product_b_id=max(a.pk, b.pk)
    )
    PairStat.objects.filter(pk=pair.pk).update(together=7)
    lost = PairStat.objects.get(
        product_a_id=min(a.pk, c.pk), product_b_id=max(a.pk, c.pk)
    )
    lost.delete()
    low, high = sorted([c.pk, a.pk + b.pk + c.pk + d.pk])
    PairStat.objects.create(
        id=low * 2**32 + high, product_a_id=low, product_b_id=high, together=3
    )
    ProductStat.objects.filter(product_id=a.pk).update(baskets=40)
    ProductStat.objects.filter(product_id=c.pk).delete()
    untouched = PairStat.objects.get(
        product_a_id=min(b.pk, c.pk), product_b_id=max(b.pk, c.pk)
    )

    assert counts_recompute() == 3

    pair_of = lambda x, y: (min(x.pk, y.pk), max(x.pk, y.pk))  # noqa: E731
    assert snapshot() == {
        "n": 3,
        "products": {a.pk: 2, b.pk: 2, c.pk: 2, d.pk: 1},
        "pairs": {
            pair_of(a, b): 2,
            pair_of(a, c): 1,
            pair_of(b, c): 1,
            pair_of(c, d): 1,
        },
    }
    assert set(CountedOrder.objects.values_list("order_id", flat=True)) == {
        kept.pk,
        also.pk,
        missed.pk,
    }
    assert CountedOrder.objects.filter(removed_at__isnull=False).count() == 0
    # the refund's late task and the missed order's late task change nothing now
    assert order_uncount(order_id=refunded.pk) == []
    assert order_count(order_id=missed.pk) == []
    # a pair that was right is the same row, not a rewritten one
    assert PairStat.objects.get(pk=untouched.pk).together == 1
    # and a second recompute finds nothing to change
    before = snapshot()
    counts_recompute()
    assert snapshot() == before


def test_a_first_recompute_fills_empty_tables_and_keeps_their_keys_and_indexes():
    """Orders nobody counted yet (a new install, or after the tables were emptied):
    PostgreSQL fills in bulk and builds the key and indexes after the fill."""
    from django.db import connection

    a, b, c = ProductFactory(), ProductFactory(), ProductFactory()
    for index, items in enumerate([[a, b, c], [a, b], [b, c], [c]]):
        make_order(items, number=f"first{index}")
    make_order([a, c], number="cancelled", status=Order.Status.CANCELLED)

    assert counts_recompute() == 4

    pair_of = lambda x, y: (min(x.pk, y.pk), max(x.pk, y.pk))  # noqa: E731
    expected = {
        "n": 4,
        "products": {a.pk: 2, b.pk: 3, c.pk: 3},
        "pairs": {pair_of(a, b): 2, pair_of(a, c): 1, pair_of(b, c): 2},
    }
    assert snapshot() == expected
    assert CountedOrder.objects.count() == 4
    with connection.cursor() as cursor:
        pairs = connection.introspection.get_constraints(cursor, "crosssell_pairstat")
        guard = connection.introspection.get_constraints(
            cursor, "crosssell_countedorder"
        )
    assert {"crosssell_pair_a", "crosssell_pair_b"} <= set(pairs)
    assert any(c["primary_key"] for c in pairs.values())
    assert any(c["primary_key"] for c in guard.values())
    assert any(c["foreign_key"] for c in guard.values())
    # the next one compares instead and finds nothing to change
    counts_recompute()
    assert snapshot() == expected
