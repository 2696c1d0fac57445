"""The full recompute on PostgreSQL: readers keep the old counts, counting waits."""

import threading

import pytest
from django.db import connection

from crosssell.models import PairStat
from crosssell.services.counting import counts_recompute, order_count
from crosssell.services.counting import recompute as recompute_module
from tests.concurrency.races import race
from tests.shop.factories import ProductFactory, make_order

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_readers_see_the_old_counts_and_counting_waits_until_the_recompute_commits(
    monkeypatch,
):
    a, b = ProductFactory(), ProductFactory()
    for index in range(2):
        order_count(order_id=make_order([a, b], number=f"r{index}").pk)
    missed = make_order([a, b], number="missed")  # paid; counted by the recompute

    paused, resume = threading.Event(), threading.Event()
    products_recompute = recompute_module._products_recompute

    def pausing(cursor):
        products_recompute(cursor)
        paused.set()
        resume.wait(20)

    monkeypatch.setattr(recompute_module, "_products_recompute", pausing)

    def recompute():
        return counts_recompute()

    def read_and_count():
        assert paused.wait(20)
        seen = {}
        try:
            late = make_order([a, b], number="late")  # paid while it runs
            with connection.cursor() as cursor:
                cursor.execute("SET lock_timeout = '2s'")
                # a reader is not blocked and sees the counts from before
                seen["together"] = PairStat.objects.get().together

            # a counting writer waits for the recompute's commit …
            def count_late():
                try:
                    seen["late"] = order_count(order_id=late.pk)
                finally:
                    connection.close()

            waiter = threading.Thread(target=count_late)
            waiter.start()
            waiter.join(1.0)
            seen["waited"] = waiter.is_alive()
            resume.set()
            waiter.join(20)
            # … and a task for an order the recompute counted finds it counted
            seen["missed"] = order_count(order_id=missed.pk)
        finally:
            resume.set()  # never leave the recompute hanging
        return seen

    baskets, seen = race(recompute, read_and_count)
    assert not isinstance(seen, Exception), seen
    assert baskets == 3  # the order paid before it started, not the late one
    assert seen["together"] == 2
    assert seen["waited"] is True
    assert seen["late"] == sorted([a.pk, b.pk])  # counted after the commit
    assert seen["missed"] == []
    assert PairStat.objects.get().together == 4
