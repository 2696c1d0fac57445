"""Counting one order's basket in or out, exactly once, as it is paid or refunded.

Set-based SQL: one upsert per table per order, so no Python loop touches a line or a
pair. The recompute (recompute.py) produces exactly the same rows; the tests hold
them to it.
"""

from __future__ import annotations

from django.db import connection, transaction
from django.utils import timezone

from ..baskets import basket_days, basket_key_sql, widened_count, widened_uncount
from .common import PAIR_KEY, STATUS_SQL, total_row

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
            WHERE id = %s AND status IN ({STATUS_SQL})
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
            total_row()
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
        WHERE id = %(order)s AND status IN ({STATUS_SQL})
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
    total_row()
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
