"""Counting baskets and pairs — incrementally per order, or all at once.

Everything here is set-based SQL: one upsert per table per order, and GROUP BY joins
for the full recompute, so no Python loop touches a line or a pair. Both paths
produce exactly the same rows; the tests hold them to it.
"""

from __future__ import annotations

from django.db import connection, transaction
from django.utils import timezone

from shop.models import Order

from ..models import BasketTotal
from .baskets import (
    basket_days,
    basket_key_sql,
    widened_count,
    widened_recompute,
    widened_uncount,
)

COUNTED_STATUSES = (Order.Status.PAID.value, Order.Status.FULFILLED.value)
PAIR_KEY = 4294967296  # 2**32: the pair's id is a * 2**32 + b
_STATUS_SQL = ", ".join(f"'{status}'" for status in COUNTED_STATUSES)

# The distinct products of one order, and its distinct pairs (a < b).
_ORDER_PRODUCTS = """
    SELECT DISTINCT product_id FROM shop_orderline
    WHERE order_id = %s AND product_id IS NOT NULL
"""
_ORDER_PAIRS = """
    SELECT DISTINCT l1.product_id AS a, l2.product_id AS b
    FROM shop_orderline l1
    JOIN shop_orderline l2 ON l2.order_id = l1.order_id AND l1.product_id < l2.product_id
    WHERE l1.order_id = %s
"""


def _total_row() -> None:
    BasketTotal.objects.get_or_create(pk=1)


def _relaxed_commit(cursor) -> None:
    """Commit without waiting for the WAL flush (PostgreSQL).

    Safe here and only here: counting is idempotent and reconciled. A crash can lose
    at most the last few counted orders, their guard rows with them (one
    transaction), and the reconcile sweep counts them again.
    """
    if connection.vendor == "postgresql":
        cursor.execute("SET LOCAL synchronous_commit TO OFF")


def order_count(*, order_id: int) -> list[int]:
    """Add one paid order's basket to the counts, exactly once.

    Returns the ids of the products whose counts changed (empty when the order was
    already counted, is not paid, or has no products). One transaction: a crash
    leaves either all of it or none of it.
    """
    days = basket_days()
    if not days and connection.vendor == "postgresql":
        return _order_count_postgresql(order_id)
    basket_sql = basket_key_sql("shop_order", days) if days else "''"
    with transaction.atomic(), connection.cursor() as cursor:
        _relaxed_commit(cursor)
        cursor.execute(
            f"""
            INSERT INTO crosssell_countedorder (order_id, counted_at, basket)
            SELECT id, %s, {basket_sql} FROM shop_order
            WHERE id = %s AND status IN ({_STATUS_SQL})
              AND EXISTS (SELECT 1 FROM shop_orderline l WHERE l.order_id = shop_order.id
                          AND l.product_id IS NOT NULL)
            ON CONFLICT (order_id) DO NOTHING
            RETURNING basket
            """,
            [timezone.now(), order_id],
        )
        row = cursor.fetchone()
        if row is None:
            return []
        if row[0]:
            _total_row()
            return widened_count(cursor, order_id=order_id, basket=row[0])
        # The total's row is made by the first order ever counted.
        cursor.execute(
            """
            INSERT INTO crosssell_baskettotal (id, baskets) VALUES (1, 1)
            ON CONFLICT (id) DO UPDATE SET baskets = crosssell_baskettotal.baskets + 1
            """
        )
        cursor.execute(
            f"""
            INSERT INTO crosssell_productstat (product_id, baskets)
            SELECT product_id, 1 FROM ({_ORDER_PRODUCTS}) p WHERE true ORDER BY product_id
            ON CONFLICT (product_id) DO UPDATE SET baskets = crosssell_productstat.baskets + 1
            RETURNING product_id
            """,
            [order_id],
        )
        changed = sorted(row[0] for row in cursor.fetchall())
        cursor.execute(
            f"""
            INSERT INTO crosssell_pairstat (id, product_a_id, product_b_id, together)
            SELECT a * {PAIR_KEY} + b, a, b, 1 FROM ({_ORDER_PAIRS}) p WHERE true ORDER BY a, b
            ON CONFLICT (id) DO UPDATE SET together = crosssell_pairstat.together + 1
            """,
            [order_id],
        )
        return changed


_PG_COUNT = f"""
    WITH relaxed AS (
        -- see _relaxed_commit: counting is idempotent and reconciled
        SELECT set_config('synchronous_commit', 'off', true) AS value
    ),
    counted AS (
        INSERT INTO crosssell_countedorder (order_id, counted_at, basket)
        SELECT id, %(now)s, '' FROM shop_order
        WHERE id = %(order)s AND status IN ({_STATUS_SQL})
          AND EXISTS (SELECT 1 FROM shop_orderline l WHERE l.order_id = shop_order.id
                      AND l.product_id IS NOT NULL)
        ON CONFLICT (order_id) DO NOTHING
        RETURNING order_id
    ),
    total AS (
        INSERT INTO crosssell_baskettotal (id, baskets) SELECT 1, 1 FROM counted
        ON CONFLICT (id) DO UPDATE SET baskets = crosssell_baskettotal.baskets + 1
    ),
    products AS (
        INSERT INTO crosssell_productstat (product_id, baskets)
        SELECT DISTINCT product_id, 1 FROM shop_orderline
        WHERE order_id = %(order)s AND product_id IS NOT NULL
          AND EXISTS (SELECT 1 FROM counted)
        ORDER BY product_id
        ON CONFLICT (product_id) DO UPDATE SET baskets = crosssell_productstat.baskets + 1
        RETURNING product_id
    ),
    pairs AS (
        INSERT INTO crosssell_pairstat (id, product_a_id, product_b_id, together)
        SELECT DISTINCT l1.product_id * {PAIR_KEY} + l2.product_id, l1.product_id,
               l2.product_id, 1
        FROM shop_orderline l1
        JOIN shop_orderline l2
          ON l2.order_id = l1.order_id AND l1.product_id < l2.product_id
        WHERE l1.order_id = %(order)s AND EXISTS (SELECT 1 FROM counted)
        ORDER BY 1
        ON CONFLICT (id) DO UPDATE SET together = crosssell_pairstat.together + 1
    )
    SELECT product_id FROM products CROSS JOIN relaxed ORDER BY product_id
"""


def _order_count_postgresql(order_id: int) -> list[int]:
    """order_count in one statement, one round trip (data-modifying CTEs).

    Every part runs to completion whether or not the final SELECT reads it, and all
    of them only when the guard row was inserted.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_PG_COUNT, {"now": timezone.now(), "order": order_id})
        return [row[0] for row in cursor.fetchall()]


def order_uncount(*, order_id: int) -> list[int]:
    """Take a refunded or cancelled order's basket back out, exactly once."""
    _total_row()
    with transaction.atomic(), connection.cursor() as cursor:
        _relaxed_commit(cursor)
        cursor.execute(
            """
            UPDATE crosssell_countedorder SET removed_at = %s
            WHERE order_id = %s AND removed_at IS NULL
            RETURNING basket
            """,
            [timezone.now(), order_id],
        )
        row = cursor.fetchone()
        if row is None:
            return []
        if row[0]:  # counted into a widened basket: taken out of that basket
            return widened_uncount(cursor, order_id=order_id, basket=row[0])
        cursor.execute(
            "UPDATE crosssell_baskettotal SET baskets = baskets - 1 WHERE id = 1"
        )
        cursor.execute(
            f"""
            UPDATE crosssell_productstat SET baskets = baskets - 1
            WHERE product_id IN ({_ORDER_PRODUCTS})
            """,
            [order_id],
        )
        cursor.execute(
            f"""
            UPDATE crosssell_pairstat SET together = together - 1
            WHERE id IN (SELECT a * {PAIR_KEY} + b FROM ({_ORDER_PAIRS}) p)
            """,
            [order_id],
        )
        cursor.execute("DELETE FROM crosssell_pairstat WHERE together <= 0")
        cursor.execute("DELETE FROM crosssell_productstat WHERE baskets <= 0")
        cursor.execute(_ORDER_PRODUCTS + " ORDER BY product_id", [order_id])
        return [row[0] for row in cursor.fetchall()]


def counts_recompute() -> int:
    """Rebuild every count from the paid orders; returns the number of baskets.

    One transaction: until it commits, the old counts stand (incremental counting
    waits on the table lock meanwhile and afterwards finds its order counted).
    """
    _total_row()
    now = timezone.now()
    with transaction.atomic(), connection.cursor() as cursor:
        days = basket_days()
        if days:
            baskets = widened_recompute(
                cursor, now=now, days=days, statuses_sql=_STATUS_SQL
            )
        elif connection.vendor == "postgresql":
            baskets = _recompute_postgresql(cursor, now)
        else:
            baskets = _recompute_portable(cursor, now)
        cursor.execute(
            "UPDATE crosssell_baskettotal SET baskets = %s, recomputed_at = %s WHERE id = 1",
            [baskets, now],
        )
    return baskets


_BASKET_LINES = f"""
    SELECT l.order_id, l.product_id
    FROM shop_orderline l JOIN shop_order o ON o.id = l.order_id
    WHERE o.status IN ({_STATUS_SQL}) AND l.product_id IS NOT NULL
    GROUP BY l.order_id, l.product_id
"""


def _recompute_portable(cursor, now) -> int:
    cursor.execute("DELETE FROM crosssell_basketitem")
    cursor.execute("DELETE FROM crosssell_pairstat")
    cursor.execute("DELETE FROM crosssell_productstat")
    cursor.execute("DELETE FROM crosssell_countedorder")
    cursor.execute(
        f"""
        INSERT INTO crosssell_countedorder (order_id, counted_at)
        SELECT DISTINCT order_id, %s FROM ({_BASKET_LINES}) b
        """,
        [now],
    )
    baskets = cursor.rowcount
    cursor.execute(
        f"""
        INSERT INTO crosssell_productstat (product_id, baskets)
        SELECT product_id, COUNT(*) FROM ({_BASKET_LINES}) b GROUP BY product_id
        """
    )
    cursor.execute(
        f"""
        INSERT INTO crosssell_pairstat (id, product_a_id, product_b_id, together)
        SELECT x.product_id * {PAIR_KEY} + y.product_id, x.product_id, y.product_id, COUNT(*)
        FROM ({_BASKET_LINES}) x
        JOIN ({_BASKET_LINES}) y ON y.order_id = x.order_id AND x.product_id < y.product_id
        GROUP BY x.product_id, y.product_id
        """
    )
    return baskets


def _recompute_postgresql(cursor, now) -> int:
    """The same counts, shaped for PostgreSQL at a million orders.

    The basket lines are materialised once; pairs are grouped on one bigint key by
    sorting (PostgreSQL's hash aggregate is several times slower with this many
    groups); the tables are truncated, their indexes dropped, filled in key order
    and indexed again — all inside the one transaction, so a failure leaves the old
    counts standing.
    """
    cursor.execute("SET LOCAL work_mem = '512MB'")
    cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
    cursor.execute("SET LOCAL jit = off")
    cursor.execute("SET LOCAL enable_hashagg = off")
    cursor.execute(
        "LOCK TABLE crosssell_countedorder, crosssell_productstat, crosssell_pairstat, "
        "crosssell_basketitem IN ACCESS EXCLUSIVE MODE"
    )
    cursor.execute(
        f"CREATE TEMPORARY TABLE basket_lines ON COMMIT DROP AS {_BASKET_LINES}"
    )
    cursor.execute("ANALYZE basket_lines")
    # Deferred foreign-key checks of this transaction must run before a TRUNCATE.
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute(
        "TRUNCATE crosssell_countedorder, crosssell_productstat, crosssell_pairstat, "
        "crosssell_basketitem"
    )
    cursor.execute(
        "ALTER TABLE crosssell_pairstat DROP CONSTRAINT crosssell_pairstat_pkey"
    )
    cursor.execute("DROP INDEX crosssell_pair_a, crosssell_pair_b")
    # The counted-order guard's key and foreign key are checked once, after the
    # bulk insert, instead of a million times during it (5× faster).
    cursor.execute(
        """
        SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
        WHERE conrelid = 'crosssell_countedorder'::regclass AND contype IN ('p', 'f')
        ORDER BY contype DESC
        """
    )
    guard_constraints = cursor.fetchall()  # the primary key first
    cursor.execute(
        "ALTER TABLE crosssell_countedorder "
        + ", ".join(f'DROP CONSTRAINT "{name}"' for name, _ in guard_constraints)
    )
    cursor.execute(
        """
        INSERT INTO crosssell_countedorder (order_id, counted_at)
        SELECT DISTINCT order_id, %s FROM basket_lines
        """,
        [now],
    )
    baskets = cursor.rowcount
    for name, definition in guard_constraints:
        cursor.execute(
            f'ALTER TABLE crosssell_countedorder ADD CONSTRAINT "{name}" {definition}'
        )
    cursor.execute(
        """
        INSERT INTO crosssell_productstat (product_id, baskets)
        SELECT product_id, COUNT(*) FROM basket_lines GROUP BY product_id
        """
    )
    cursor.execute(
        f"""
        INSERT INTO crosssell_pairstat (id, product_a_id, product_b_id, together)
        SELECT key, key / {PAIR_KEY}, key % {PAIR_KEY}, COUNT(*)
        FROM (
            SELECT x.product_id * {PAIR_KEY} + y.product_id AS key
            FROM basket_lines x
            JOIN basket_lines y ON y.order_id = x.order_id AND x.product_id < y.product_id
        ) pairs
        GROUP BY key
        ORDER BY key
        """
    )
    cursor.execute(
        "ALTER TABLE crosssell_pairstat ADD CONSTRAINT crosssell_pairstat_pkey PRIMARY KEY (id)"
    )
    cursor.execute(
        "CREATE INDEX crosssell_pair_a ON crosssell_pairstat (product_a_id, together)"
    )
    cursor.execute(
        "CREATE INDEX crosssell_pair_b ON crosssell_pairstat (product_b_id, together)"
    )
    cursor.execute("ANALYZE crosssell_pairstat")
    return baskets
