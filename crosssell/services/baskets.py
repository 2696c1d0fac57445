"""Widened baskets: one customer's paid orders within the same N-day period.

Off by default (``CROSSSELL_BASKET_DAYS = 0``: a basket is one order). With N > 0 a
basket is every counted order of one email address (case-folded) whose placing
time falls in the same N-day period, counted from the Unix epoch in UTC. The key
depends on the order alone, so a refund never regroups other orders and the
incremental path and the full recompute agree exactly.

``BasketItem`` keeps, per basket and product, how many of the basket's counted
orders hold the product. A product enters the basket with its first order (its
pairs with everything already there are added) and leaves with its last (they are
taken out); the basket counts towards ``n`` while it holds any product. Changing
N needs a full recompute (``python manage.py recompute_crosssells``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection

PAIR_KEY = 4294967296


def basket_days() -> int:
    return max(int(getattr(settings, "CROSSSELL_BASKET_DAYS", 0) or 0), 0)


def basket_key_sql(alias: str, days: int) -> str:
    """SQL for an order's basket key: ``e<email>:<period number>``."""
    seconds = 86400 * days
    if connection.vendor == "postgresql":
        period = f"FLOOR(EXTRACT(EPOCH FROM {alias}.placed_at) / {seconds})::bigint"
    else:
        period = (
            f"CAST((julianday({alias}.placed_at) - 2440587.5) * 86400 / {seconds} "
            "AS INTEGER)"
        )
    return f"'e' || LOWER({alias}.email) || ':' || {period}"


def _order_products(placeholder: str = "%s") -> str:
    return f"""
        SELECT DISTINCT product_id FROM shop_orderline
        WHERE order_id = {placeholder} AND product_id IS NOT NULL
    """


def _changed_pairs() -> str:
    """Pairs of a basket in which at least one product is held by this order alone."""
    products = _order_products()
    return f"""
        SELECT x.product_id AS a, y.product_id AS b
        FROM crosssell_basketitem x
        JOIN crosssell_basketitem y
          ON y.basket = x.basket AND x.product_id < y.product_id
        WHERE x.basket = %s
          AND ((x.orders = 1 AND x.product_id IN ({products}))
            OR (y.orders = 1 AND y.product_id IN ({products})))
    """


def _basket_products(cursor, basket: str) -> list[int]:
    cursor.execute(
        "SELECT product_id FROM crosssell_basketitem WHERE basket = %s "
        "ORDER BY product_id",
        [basket],
    )
    return [row[0] for row in cursor.fetchall()]


def widened_count(cursor, *, order_id: int, basket: str) -> list[int]:
    """Add a counted order to its widened basket; the products whose lists changed."""
    before = _basket_products(cursor, basket)
    cursor.execute(
        f"""
        INSERT INTO crosssell_basketitem (basket, product_id, orders)
        SELECT %s, product_id, 1 FROM ({_order_products()}) p WHERE true
        ORDER BY product_id
        ON CONFLICT (basket, product_id)
        DO UPDATE SET orders = crosssell_basketitem.orders + 1
        """,
        [basket, order_id],
    )
    cursor.execute(
        f"""
        SELECT product_id FROM crosssell_basketitem
        WHERE basket = %s AND orders = 1 AND product_id IN ({_order_products()})
        ORDER BY product_id
        """,
        [basket, order_id],
    )
    entering = [row[0] for row in cursor.fetchall()]
    if not entering:
        return []  # everything was in the basket already: no count moves
    if not before:
        cursor.execute(
            "UPDATE crosssell_baskettotal SET baskets = baskets + 1 WHERE id = 1"
        )
    cursor.execute(
        f"""
        INSERT INTO crosssell_productstat (product_id, baskets)
        SELECT product_id, 1 FROM crosssell_basketitem
        WHERE basket = %s AND orders = 1 AND product_id IN ({_order_products()})
        ORDER BY product_id
        ON CONFLICT (product_id) DO UPDATE SET baskets = crosssell_productstat.baskets + 1
        """,
        [basket, order_id],
    )
    cursor.execute(
        f"""
        INSERT INTO crosssell_pairstat (id, product_a_id, product_b_id, together)
        SELECT a * {PAIR_KEY} + b, a, b, 1 FROM ({_changed_pairs()}) p WHERE true
        ORDER BY a, b
        ON CONFLICT (id) DO UPDATE SET together = crosssell_pairstat.together + 1
        """,
        [basket, order_id, order_id],
    )
    return _basket_products(cursor, basket)


def widened_uncount(cursor, *, order_id: int, basket: str) -> list[int]:
    """Take a refunded order out of its widened basket; the products whose lists changed."""
    before = _basket_products(cursor, basket)
    cursor.execute(
        f"""
        SELECT product_id FROM crosssell_basketitem
        WHERE basket = %s AND orders = 1 AND product_id IN ({_order_products()})
        """,
        [basket, order_id],
    )
    leaving = [row[0] for row in cursor.fetchall()]
    if leaving:
        cursor.execute(
            f"""
            UPDATE crosssell_pairstat SET together = together - 1
            WHERE id IN (SELECT a * {PAIR_KEY} + b FROM ({_changed_pairs()}) p)
            """,
            [basket, order_id, order_id],
        )
        cursor.execute(
            f"""
            UPDATE crosssell_productstat SET baskets = baskets - 1
            WHERE product_id IN (
                SELECT product_id FROM crosssell_basketitem
                WHERE basket = %s AND orders = 1 AND product_id IN ({_order_products()})
            )
            """,
            [basket, order_id],
        )
    cursor.execute(
        f"""
        UPDATE crosssell_basketitem SET orders = orders - 1
        WHERE basket = %s AND product_id IN ({_order_products()})
        """,
        [basket, order_id],
    )
    cursor.execute(
        "DELETE FROM crosssell_basketitem WHERE basket = %s AND orders <= 0", [basket]
    )
    if not leaving:
        return []
    if before and not _basket_products(cursor, basket):
        cursor.execute(
            "UPDATE crosssell_baskettotal SET baskets = baskets - 1 WHERE id = 1"
        )
    cursor.execute("DELETE FROM crosssell_pairstat WHERE together <= 0")
    cursor.execute("DELETE FROM crosssell_productstat WHERE baskets <= 0")
    return before


def widened_recompute(cursor, *, now, days: int, statuses_sql: str) -> int:
    """Every count from the paid orders, grouped into widened baskets, in SQL."""
    for table in ("pairstat", "productstat", "countedorder", "basketitem"):
        cursor.execute(f"DELETE FROM crosssell_{table}")
    cursor.execute(
        f"""
        INSERT INTO crosssell_countedorder (order_id, counted_at, basket)
        SELECT o.id, %s, {basket_key_sql("o", days)} FROM shop_order o
        WHERE o.status IN ({statuses_sql})
          AND EXISTS (SELECT 1 FROM shop_orderline l
                      WHERE l.order_id = o.id AND l.product_id IS NOT NULL)
        """,
        [now],
    )
    cursor.execute(
        """
        INSERT INTO crosssell_basketitem (basket, product_id, orders)
        SELECT c.basket, l.product_id, COUNT(DISTINCT l.order_id)
        FROM crosssell_countedorder c
        JOIN shop_orderline l ON l.order_id = c.order_id
        WHERE l.product_id IS NOT NULL
        GROUP BY c.basket, l.product_id
        """
    )
    cursor.execute("SELECT COUNT(DISTINCT basket) FROM crosssell_basketitem")
    baskets = cursor.fetchone()[0]
    cursor.execute(
        """
        INSERT INTO crosssell_productstat (product_id, baskets)
        SELECT product_id, COUNT(*) FROM crosssell_basketitem GROUP BY product_id
        """
    )
    cursor.execute(
        f"""
        INSERT INTO crosssell_pairstat (id, product_a_id, product_b_id, together)
        SELECT x.product_id * {PAIR_KEY} + y.product_id, x.product_id, y.product_id,
               COUNT(*)
        FROM crosssell_basketitem x
        JOIN crosssell_basketitem y
          ON y.basket = x.basket AND x.product_id < y.product_id
        GROUP BY x.product_id, y.product_id
        """
    )
    return baskets
