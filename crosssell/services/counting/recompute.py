"""Rebuilding every count from the paid orders at once (the nightly recompute).

GROUP BY joins over the paid basket lines; PostgreSQL gets its own path shaped for a
million orders. It produces exactly the same rows as counting order by order
(incremental.py); the tests hold them to it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from ..baskets import basket_days, widened_recompute
from .common import PAIR_KEY, STATUS_SQL, total_row


def counts_recompute() -> int:
    """Rebuild every count from the paid orders; returns the number of baskets.

    One transaction: until it commits, the old counts stand (incremental counting
    waits on the table lock meanwhile and afterwards finds its order counted).
    """
    total_row()
    now = timezone.now()
    with transaction.atomic(), connection.cursor() as cursor:
        days = basket_days()
        if days:
            baskets = widened_recompute(
                cursor, now=now, days=days, statuses_sql=STATUS_SQL
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


# The paid baskets' distinct lines: a product counts once per order, whatever its
# quantity or how many of its variants the order holds.
BASKET_LINES = f"""
    SELECT l.order_id, l.product_id
    FROM shop_orderline l JOIN shop_order o ON o.id = l.order_id
    WHERE o.status IN ({STATUS_SQL}) AND l.product_id IS NOT NULL
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
        SELECT DISTINCT order_id, %s FROM ({BASKET_LINES}) b
        """,
        [now],
    )
    baskets = cursor.rowcount
    cursor.execute(
        f"""
        INSERT INTO crosssell_productstat (product_id, baskets)
        SELECT product_id, COUNT(*) FROM ({BASKET_LINES}) b GROUP BY product_id
        """
    )
    cursor.execute(
        f"""
        INSERT INTO crosssell_pairstat (id, product_a_id, product_b_id, together)
        SELECT x.product_id * {PAIR_KEY} + y.product_id, x.product_id, y.product_id, COUNT(*)
        FROM ({BASKET_LINES}) x
        JOIN ({BASKET_LINES}) y ON y.order_id = x.order_id AND x.product_id < y.product_id
        GROUP BY x.product_id, y.product_id
        """
    )
    return baskets


# Scratch tables of one PostgreSQL recompute: unlogged (no WAL) and not temporary
# (so parallel workers can read them); created and dropped inside its transaction,
# so a failure or a crash leaves none behind.
_LINES = "crosssell_recompute_lines"
_GUARD = "crosssell_recompute_guard"
_PRODUCTS = "crosssell_recompute_products"
_PAIRS = "crosssell_recompute_pairs"


def _recompute_postgresql(cursor, now) -> int:
    """The same counts, shaped for PostgreSQL at a million orders.

    The paid basket lines are read once, in one statement (one snapshot), into a
    scratch table; every count is derived from it. Pairs are grouped by sorting one
    bigint key, ``a * 2**32 + b``, with a parallel worker beside the backend: a sort
    on the two columns, or a hash aggregate, is much slower at this many groups, the
    more so as bigint hashing folds the key's two halves together (so joins on pairs
    use the two columns, never the key). Measurements: docs/benchmarks.md.

    Each new count is compared with the stored one in the same pass (a full join),
    and only the differences are written: the nightly case, where little changed,
    writes little, keeps the indexes, and lets readers go on reading the old counts
    until the commit. An empty table (the first recompute) is filled in bulk
    instead, with its keys and indexes built after the fill. Counting writers wait
    on the lock throughout and then find their orders counted.
    """
    recompute_session(cursor)
    # Readers go on; incremental counting and refunds wait until the commit.
    cursor.execute(
        "LOCK TABLE crosssell_countedorder, crosssell_productstat, crosssell_pairstat, "
        "crosssell_basketitem IN EXCLUSIVE MODE"
    )
    cursor.execute(f"CREATE UNLOGGED TABLE {_LINES} AS {BASKET_LINES}")
    cursor.execute(f"ANALYZE {_LINES}")
    cursor.execute("DELETE FROM crosssell_basketitem")  # only widened baskets use it
    _guard_recompute(cursor, now)
    _products_recompute(cursor)
    _pairs_recompute(cursor)
    cursor.execute(f"DROP TABLE {_LINES}")
    cursor.execute("SELECT COUNT(*) FROM crosssell_countedorder")
    return cursor.fetchone()[0]


def recompute_session(cursor) -> None:
    """The transaction's settings for counting a million orders (PostgreSQL).

    Memory for the pair sort to stay in memory, no JIT, no hash aggregates (see
    above) and the configured parallel workers. The benchmark's in-database floor
    runs under the same settings.
    """
    workers = max(int(getattr(settings, "CROSSSELL_RECOMPUTE_WORKERS", 1)), 0)
    cursor.execute("SET LOCAL work_mem = '1GB'")
    cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
    cursor.execute("SET LOCAL jit = off")
    cursor.execute("SET LOCAL enable_hashagg = off")
    cursor.execute(f"SET LOCAL max_parallel_workers_per_gather = {workers}")


def _table_empty(cursor, table: str) -> bool:
    cursor.execute(f"SELECT NOT EXISTS (SELECT 1 FROM {table})")
    return cursor.fetchone()[0]


def _guard_recompute(cursor, now) -> None:
    """The counted-order guard becomes exactly the recomputed orders.

    Rows of refunded orders go (as in a rebuild), and so do rows of a widened
    basket and of orders no longer paid; missing orders come in.
    """
    empty = _table_empty(cursor, "crosssell_countedorder")
    cursor.execute(
        f"""
        CREATE UNLOGGED TABLE {_GUARD} AS
        SELECT COALESCE(o.order_id, c.order_id) AS order_id, o.order_id IS NOT NULL AS counted
        FROM (SELECT DISTINCT order_id FROM {_LINES}) o
        FULL JOIN crosssell_countedorder c ON c.order_id = o.order_id
        WHERE o.order_id IS NULL OR c.order_id IS NULL
           OR c.removed_at IS NOT NULL OR c.basket <> ''
        """
    )
    cursor.execute(
        f"DELETE FROM crosssell_countedorder WHERE order_id IN (SELECT order_id FROM {_GUARD})"
    )
    constraints = []
    if empty:
        # A million inserts check the key and foreign key once, after the fill,
        # instead of once per row (see docs/benchmarks.md).
        cursor.execute(
            """
            SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
            WHERE conrelid = 'crosssell_countedorder'::regclass AND contype IN ('p', 'f')
            ORDER BY contype DESC
            """
        )
        constraints = cursor.fetchall()  # the primary key first
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            "ALTER TABLE crosssell_countedorder "
            + ", ".join(f'DROP CONSTRAINT "{name}"' for name, _ in constraints)
        )
    cursor.execute(
        f"""
        INSERT INTO crosssell_countedorder (order_id, counted_at)
        SELECT order_id, %s FROM {_GUARD} WHERE counted ORDER BY order_id
        """,
        [now],
    )
    for name, definition in constraints:
        cursor.execute(
            f'ALTER TABLE crosssell_countedorder ADD CONSTRAINT "{name}" {definition}'
        )
    cursor.execute(f"DROP TABLE {_GUARD}")


def _products_recompute(cursor) -> None:
    cursor.execute(
        f"""
        CREATE UNLOGGED TABLE {_PRODUCTS} AS
        SELECT product_id, COUNT(*)::integer AS baskets FROM {_LINES} GROUP BY product_id
        """
    )
    cursor.execute(
        f"""
        DELETE FROM crosssell_productstat s
        WHERE NOT EXISTS (SELECT 1 FROM {_PRODUCTS} p WHERE p.product_id = s.product_id)
        """
    )
    cursor.execute(
        f"""
        UPDATE crosssell_productstat s SET baskets = p.baskets FROM {_PRODUCTS} p
        WHERE p.product_id = s.product_id AND s.baskets <> p.baskets
        """
    )
    cursor.execute(
        f"""
        INSERT INTO crosssell_productstat (product_id, baskets)
        SELECT p.product_id, p.baskets FROM {_PRODUCTS} p
        WHERE NOT EXISTS (
            SELECT 1 FROM crosssell_productstat s WHERE s.product_id = p.product_id
        )
        ORDER BY p.product_id
        """
    )
    cursor.execute(f"DROP TABLE {_PRODUCTS}")


def pair_counts_sql(lines: str) -> str:
    """Every pair's count (a, b, together) from a table of distinct basket lines.

    Grouped by sorting the one bigint key (see _recompute_postgresql). The
    benchmark times this same statement, with nothing written, as PostgreSQL's
    own floor for counting pairs.
    """
    return f"""
        SELECT key / {PAIR_KEY} AS a, key % {PAIR_KEY} AS b, together
        FROM (
            SELECT key, COUNT(*)::integer AS together
            FROM (
                SELECT x.product_id * {PAIR_KEY} + y.product_id AS key
                FROM {lines} x
                JOIN {lines} y ON y.order_id = x.order_id AND x.product_id < y.product_id
            ) pairs
            GROUP BY key
        ) grouped
    """


def _pairs_recompute(cursor) -> None:
    """Count the pairs and keep the ones that differ from the stored counts."""
    empty = _table_empty(cursor, "crosssell_pairstat")
    # The full join hashes the stored pairs on (a, b) and streams the new counts
    # through; a merge join would sort both sides on two columns (slow, see above).
    cursor.execute("SET LOCAL enable_mergejoin = off")
    cursor.execute(
        f"""
        CREATE UNLOGGED TABLE {_PAIRS} AS
        SELECT COALESCE(n.a, s.product_a_id) AS a, COALESCE(n.b, s.product_b_id) AS b,
               n.together, s.id IS NULL AS is_new
        FROM ({pair_counts_sql(_LINES)}) n
        FULL JOIN crosssell_pairstat s ON s.product_a_id = n.a AND s.product_b_id = n.b
        WHERE n.a IS NULL OR s.id IS NULL OR s.together <> n.together
        """
    )
    cursor.execute("SET LOCAL enable_mergejoin = on")
    if empty:
        _pairs_fill(cursor)
    else:
        _pairs_apply(cursor)
    cursor.execute(f"DROP TABLE {_PAIRS}")
    cursor.execute("ANALYZE crosssell_pairstat")


def _pairs_apply(cursor) -> None:
    """Write the differences through the primary key.

    Without hash joins: the planner then looks each change up in the key's index
    (a day's changes) or merges the sorted changes with it (a changed basket rule),
    and never builds a hash table on the folded key.
    """
    cursor.execute(f"ANALYZE {_PAIRS}")
    cursor.execute("SET LOCAL enable_hashjoin = off")
    cursor.execute(
        f"""
        DELETE FROM crosssell_pairstat s WHERE s.id IN (
            SELECT a * {PAIR_KEY} + b FROM {_PAIRS} WHERE together IS NULL
        )
        """
    )
    cursor.execute(
        f"""
        UPDATE crosssell_pairstat s SET together = c.together FROM {_PAIRS} c
        WHERE NOT c.is_new AND c.together IS NOT NULL AND s.id = c.a * {PAIR_KEY} + c.b
        """
    )
    cursor.execute(
        f"""
        INSERT INTO crosssell_pairstat (id, product_a_id, product_b_id, together)
        SELECT a * {PAIR_KEY} + b, a, b, together FROM {_PAIRS}
        WHERE is_new ORDER BY 1
        """
    )
    cursor.execute("SET LOCAL enable_hashjoin = on")


def _pairs_fill(cursor) -> None:
    """Fill the empty pair table, then build its key and indexes.

    No ORDER BY: the scratch rows usually leave the grouping in key order anyway,
    and the order only affects the heap's layout, never the counts.
    """
    cursor.execute(
        "ALTER TABLE crosssell_pairstat DROP CONSTRAINT crosssell_pairstat_pkey"
    )
    cursor.execute("DROP INDEX crosssell_pair_a, crosssell_pair_b")
    cursor.execute(
        f"""
        INSERT INTO crosssell_pairstat (id, product_a_id, product_b_id, together)
        SELECT a * {PAIR_KEY} + b, a, b, together FROM {_PAIRS}
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
