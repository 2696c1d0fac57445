"""Co-purchase counting on a synthetic history, against peers, on the production shape.

    .venv/bin/python benchmarks/crosssell_counting.py [--orders 1000000] [--products 20000]
        [--compare-orders 200000] [--skip-mlxtend]

Needs PostgreSQL (make services) and the benchmark extras (pip install -e '.[bench]').
Uses its own database, because_bench_crosssell. Prints, for the same baskets:
the first full recompute (into empty tables) and the nightly one (after a day of
uncounted orders and refunds), end to end, with their peak memory; the scipy
sparse Xᵀ·X floor; PostgreSQL's own floor (the recompute's read and pair grouping
with nothing written); mlxtend FP-growth and a plain-Python Counter on a subset, with
their pair counts checked against ours; incremental throughput; read latency.
"""

from __future__ import annotations

import argparse
import itertools
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_URL = "postgres://postgres@127.0.0.1:5432/because_bench_crosssell"


def setup_django() -> None:
    os.environ.setdefault("DATABASE_URL", DB_URL)
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/4")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def ensure_database() -> None:
    exists = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-tAc",
            "select 1 from pg_database where datname='because_bench_crosssell'",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not exists:
        subprocess.run(
            [
                "createdb",
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "because_bench_crosssell",
            ],
            check=True,
        )


def baskets_generate(orders: int, products: int, seed: int = 7):
    """Zipf-distributed popularity, 1–8 distinct products per order."""
    import numpy as np

    rng = np.random.default_rng(seed)
    ranks = np.arange(1, products + 1)
    weights = 1.0 / ranks**1.05
    weights /= weights.sum()
    sizes = rng.integers(1, 9, size=orders)
    draws = rng.choice(products, size=int(sizes.sum() * 1.2) + 16, p=weights)
    position = 0
    for size in sizes:
        basket = set()
        while len(basket) < size:
            basket.add(int(draws[position]) + 1)
            position += 1
            if position >= len(draws):
                draws = rng.choice(products, size=len(draws), p=weights)
                position = 0
        yield sorted(basket)


ORDER_COLUMNS = (
    "id, number, idempotency_key, email, status, currency, subtotal, shipping, discount, "
    "gift_card_amount, total, shipping_name, shipping_line1, shipping_line2, shipping_city, "
    "shipping_postcode, shipping_country, payment_reference, card_last4, is_imported, "
    "placed_at, updated_at"
)
LINE_COLUMNS = "id, order_id, product_id, variant_id, sku, title, variant_label, unit_price, quantity, line_total"


def orders_copy(raw, *, first: int, baskets, prefix: str, line_id: int) -> int:
    """COPY paid orders (ids from ``first``) and one line per product; returns the last line id."""
    baskets = list(baskets)
    with raw.cursor().copy(f"COPY shop_order ({ORDER_COLUMNS}) FROM STDIN") as copy:
        for oid in range(first, first + len(baskets)):
            copy.write_row(
                (oid, f"{prefix}{oid}", f"bench-{prefix}{oid}", "b@example.com", "paid", "USD",
                 "10.00", "0", "0", "0", "10.00", "B", "1", "", "C", "1", "US", "", "", True,
                 "2026-01-01", "2026-01-01")
            )  # fmt: skip
    with raw.cursor().copy(f"COPY shop_orderline ({LINE_COLUMNS}) FROM STDIN") as copy:
        for oid, basket in enumerate(baskets, start=first):
            for pid in basket:
                line_id += 1
                copy.write_row(
                    (
                        line_id,
                        oid,
                        pid,
                        pid,
                        f"P{pid}",
                        f"Product {pid}",
                        "",
                        "10.00",
                        1,
                        "10.00",
                    )
                )
    return line_id


def history_load(orders: int, products: int) -> None:
    """Write the catalog and orders with COPY, unless that history is already there."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM shop_order")
        if cursor.fetchone()[0] == orders:
            return
        print(f"generating {orders:,} orders over {products:,} products …", flush=True)
        cursor.execute(
            "TRUNCATE shop_orderline, shop_order, shop_variant, shop_product, shop_category, "
            "crosssell_pairstat, crosssell_productstat, crosssell_countedorder, crosssell_productcrosssells CASCADE"
        )
        cursor.execute(
            "INSERT INTO shop_category (id, name, slug, description, position) VALUES (1, 'Bench', 'bench', '', 0)"
        )
        raw = connection.connection
        with raw.cursor().copy(
            "COPY shop_product (id, sku, slug, title, brand, description, category_id, price, is_active, "
            "is_featured, is_in_stock, created_at, updated_at) FROM STDIN"
        ) as copy:
            for pid in range(1, products + 1):
                copy.write_row(
                    (
                        pid,
                        f"P{pid}",
                        f"p{pid}",
                        f"Product {pid}",
                        "",
                        "",
                        1,
                        "10.00",
                        True,
                        False,
                        True,
                        "2026-01-01",
                        "2026-01-01",
                    )
                )
        with raw.cursor().copy(
            "COPY shop_variant (id, product_id, sku, size, colour_name, stock, position, is_active) FROM STDIN"
        ) as copy:
            for pid in range(1, products + 1):
                copy.write_row((pid, pid, f"P{pid}", "", "", 1000, 0, True))
        line_id = orders_copy(
            raw,
            first=1,
            baskets=baskets_generate(orders, products),
            prefix="B",
            line_id=0,
        )
        for table in ("shop_product", "shop_variant", "shop_order", "shop_orderline"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            )
        cursor.execute("ANALYZE")
        print(f"  {line_id:,} order lines", flush=True)


def baskets_from_db(limit: int | None = None) -> list[list[int]]:
    """The paid baskets, as the recompute sees them."""
    from django.db import connection

    baskets: dict[int, list[int]] = {}
    with connection.cursor() as cursor:
        where = f"AND l.order_id <= {int(limit)}" if limit else ""
        cursor.execute(
            f"""
            SELECT l.order_id, l.product_id FROM shop_orderline l
            JOIN shop_order o ON o.id = l.order_id
            WHERE o.status IN ('paid', 'fulfilled') {where} ORDER BY l.order_id
            """
        )
        for order_id, product_id in cursor:
            baskets.setdefault(order_id, []).append(product_id)
    return [sorted(set(items)) for items in baskets.values()]


def orders_append(orders: int, products: int, *, seed: int, prefix: str) -> int:
    """COPY new paid orders after the last one; returns the first new order id."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM shop_order")
        first = cursor.fetchone()[0] + 1
        cursor.execute("SELECT coalesce(max(id), 0) FROM shop_orderline")
        line_id = cursor.fetchone()[0]
    orders_copy(
        connection.connection,
        first=first,
        baskets=baskets_generate(orders, products, seed=seed),
        prefix=prefix,
        line_id=line_id,
    )
    return first


DRIFT_NEW, DRIFT_REFUNDS = 5_000, 1_000


def drift_undo() -> None:
    """Put the history back as history_load wrote it (idempotent)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM shop_order WHERE number LIKE %s", ["D%"])
        ids = [row[0] for row in cursor.fetchall()]
        if ids:
            cursor.execute(
                "DELETE FROM crosssell_countedorder WHERE order_id = ANY(%s)", [ids]
            )
            cursor.execute("DELETE FROM shop_orderline WHERE order_id = ANY(%s)", [ids])
            cursor.execute("DELETE FROM shop_order WHERE id = ANY(%s)", [ids])
        cursor.execute(
            "UPDATE shop_order SET status = 'paid' WHERE status = 'refunded'"
        )


def drift_apply(products: int) -> None:
    """A day between two nightly recomputes, none of it counted incrementally: new
    paid orders, and refunds of older ones."""
    from django.db import connection

    orders_append(DRIFT_NEW, products, seed=42, prefix="D")
    with connection.cursor() as cursor:
        # refunds among orders that the mlxtend and Counter subset does not hold
        cursor.execute(
            "UPDATE shop_order SET status = 'refunded' WHERE id > 900000 AND id <= %s",
            [900000 + DRIFT_REFUNDS],
        )
        cursor.execute("ANALYZE shop_order, shop_orderline")


def recompute_in_process() -> tuple[int, float, str, str]:
    """The recompute in a fresh process, so that its peak memory is its own."""
    result = subprocess.run(
        [sys.executable, __file__, "--phase", "recompute"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "DATABASE_URL": os.environ.get("DATABASE_URL", DB_URL)},
    )
    line = next(row for row in result.stdout.splitlines() if row.startswith("RESULT"))
    _, baskets, recompute_s, rss_before, rss_peak = line.split()
    return int(baskets), float(recompute_s), rss_before, rss_peak


def memory_mb(field: str) -> float:
    """VmRSS (now) or VmHWM (peak) of this process, in MB.

    Not ru_maxrss: Linux carries that across exec, so a child would report the
    parent's peak (the history generator's hundreds of MB).
    """
    for row in Path("/proc/self/status").read_text().splitlines():
        if row.startswith(field + ":"):
            return int(row.split()[1]) / 1024
    raise LookupError(field)


def phase_recompute() -> None:
    """Run in a fresh process so that its peak memory is its own."""
    setup_django()
    from crosssell.services.counting import counts_recompute

    before = memory_mb("VmRSS")
    started = time.perf_counter()
    baskets = counts_recompute()
    elapsed = time.perf_counter() - started
    peak = memory_mb("VmHWM")
    print(f"RESULT {baskets} {elapsed:.3f} {before:.1f} {peak:.1f}")


def sql_floor() -> tuple[float, float, int, int]:
    """PostgreSQL's own floor for the count: the recompute's reading of the paid basket
    lines and its pair grouping, under its settings, with nothing compared or written
    (rolled back). Returns both times and the pairs and co-occurrences counted."""
    from django.db import connection, transaction

    from crosssell.services.counting import (
        BASKET_LINES,
        pair_counts_sql,
        recompute_session,
    )

    lines = "bench_floor_lines"
    with transaction.atomic(), connection.cursor() as cursor:
        recompute_session(cursor)
        started = time.perf_counter()
        cursor.execute(f"CREATE UNLOGGED TABLE {lines} AS {BASKET_LINES}")
        cursor.execute(f"ANALYZE {lines}")
        read_s = time.perf_counter() - started
        started = time.perf_counter()
        cursor.execute(
            f"SELECT count(*), sum(together) FROM ({pair_counts_sql(lines)}) n"
        )
        pairs, together = cursor.fetchone()
        count_s = time.perf_counter() - started
        transaction.set_rollback(True)
    return read_s, count_s, pairs, int(together)


def db_pairs(limit_orders: int | None = None) -> dict[tuple[int, int], int]:
    from django.db import connection

    with connection.cursor() as cursor:
        if limit_orders is None:
            cursor.execute(
                "SELECT product_a_id, product_b_id, together FROM crosssell_pairstat"
            )
        else:
            cursor.execute(
                """
                SELECT x.product_id, y.product_id, count(*) FROM shop_orderline x
                JOIN shop_orderline y ON y.order_id = x.order_id AND x.product_id < y.product_id
                JOIN shop_order o ON o.id = x.order_id
                WHERE x.order_id <= %s AND o.status IN ('paid', 'fulfilled')
                GROUP BY 1, 2
                """,
                [limit_orders],
            )
        return {(a, b): n for a, b, n in cursor.fetchall()}


def scipy_floor(baskets: list[list[int]], products: int) -> tuple[float, dict]:
    import numpy as np
    from scipy import sparse

    indptr = np.zeros(len(baskets) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(b) for b in baskets])
    indices = np.fromiter(
        itertools.chain.from_iterable(baskets), dtype=np.int32, count=int(indptr[-1])
    )
    data = np.ones(len(indices), dtype=np.int32)
    matrix = sparse.csr_matrix(
        (data, indices, indptr), shape=(len(baskets), products + 1)
    )
    elapsed = float("inf")
    for _ in range(3):  # a floor: the best of three
        started = time.perf_counter()
        co = (matrix.T @ matrix).tocoo()
        elapsed = min(elapsed, time.perf_counter() - started)
    upper = co.row < co.col
    return elapsed, {"pairs": int(upper.sum()), "together": int(co.data[upper].sum())}


def python_counter(baskets: list[list[int]]) -> tuple[float, Counter]:
    started = time.perf_counter()
    pairs: Counter = Counter()
    for basket in baskets:
        pairs.update(itertools.combinations(basket, 2))
    return time.perf_counter() - started, pairs


def mlxtend_pairs(baskets: list[list[int]]) -> tuple[float, dict, float]:
    import pandas as pd
    from mlxtend.frequent_patterns import association_rules, fpgrowth
    from scipy import sparse

    started = time.perf_counter()
    # Sparse one-hot input, as mlxtend's docs advise for large data.
    columns = sorted({p for basket in baskets for p in basket})
    index = {p: i for i, p in enumerate(columns)}
    rows = list(
        itertools.chain.from_iterable([i] * len(b) for i, b in enumerate(baskets))
    )
    cols = [index[p] for b in baskets for p in b]
    onehot = sparse.csr_matrix(
        ([True] * len(rows), (rows, cols)),
        shape=(len(baskets), len(columns)),
        dtype=bool,
    )
    frame = pd.DataFrame.sparse.from_spmatrix(onehot, columns=[str(c) for c in columns])
    itemsets = fpgrowth(
        frame, min_support=2 / len(baskets), max_len=2, use_colnames=True
    )
    rules = association_rules(itemsets, metric="lift", min_threshold=0.0)
    elapsed = time.perf_counter() - started
    pairs = {}
    for items, support in zip(itemsets["itemsets"], itemsets["support"], strict=True):
        if len(items) == 2:
            a, b = sorted(int(item) for item in items)
            pairs[(a, b)] = round(support * len(baskets))
    del rules
    return elapsed, pairs


def phase_mlxtend(compare_orders: int) -> None:
    """mlxtend in a fresh process, so that its peak memory is its own; checked
    against the SQL count of the same orders."""
    setup_django()
    subset = baskets_from_db(compare_orders)
    supported = {pair: n for pair, n in db_pairs(compare_orders).items() if n >= 2}
    elapsed, pairs = mlxtend_pairs(subset)
    peak = memory_mb("VmHWM")
    assert pairs == supported, (len(pairs), len(supported))
    print(f"RESULT {elapsed:.3f} {peak:.0f} {len(supported)}")


def mlxtend_in_process(compare_orders: int) -> tuple[float, str, int]:
    result = subprocess.run(
        [
            sys.executable,
            __file__,
            "--phase",
            "mlxtend",
            "--compare-orders",
            str(compare_orders),
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "DATABASE_URL": os.environ.get("DATABASE_URL", DB_URL)},
    )
    line = next(row for row in result.stdout.splitlines() if row.startswith("RESULT"))
    _, elapsed, peak, supported = line.split()
    return float(elapsed), peak, int(supported)


def incremental(products: int, new_orders: int = 3000) -> tuple[float, float]:
    """New paid orders counted one by one, as one worker would."""
    from django.db import connection

    from crosssell.services.counting import order_count
    from crosssell.services.lists import lists_mark_stale, stale_lists_refresh

    first = orders_append(new_orders, products, seed=99, prefix="N")
    half = new_orders // 2
    started = time.perf_counter()
    for oid in range(first, first + half):
        order_count(order_id=oid)
    counting = half / (time.perf_counter() - started)
    # As the worker does it: each order marks its products' lists stale, and one
    # batched re-rank (every few seconds) serves the whole burst.
    started = time.perf_counter()
    for oid in range(first + half, first + new_orders):
        lists_mark_stale(product_ids=order_count(order_id=oid))
    stale_lists_refresh(max_batches=10_000)
    with_lists = (new_orders - half) / (time.perf_counter() - started)
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM crosssell_countedorder WHERE order_id >= %s", [first]
        )
        cursor.execute("DELETE FROM shop_orderline WHERE order_id >= %s", [first])
        cursor.execute("DELETE FROM shop_order WHERE id >= %s", [first])
    return counting, with_lists


def read_latency(samples: int = 2000) -> tuple[float, float]:
    from django.core.cache import cache

    from crosssell.selectors import product_crosssells
    from crosssell.services.lists import list_cache_key, product_lists_refresh

    product_ids = list(range(1, 201))
    product_lists_refresh(product_ids=product_ids)
    for pid in product_ids:
        product_crosssells(product_id=pid)
    from crosssell.selectors import _stored_list

    started = time.perf_counter()
    for i in range(samples):
        _stored_list(product_ids[i % 200])
    cached = (time.perf_counter() - started) / samples * 1000
    started = time.perf_counter()
    for i in range(samples // 4):
        pid = product_ids[i % 200]
        cache.delete(list_cache_key(pid))
        _stored_list(pid)
    miss = (time.perf_counter() - started) / (samples // 4) * 1000
    return cached, miss


def incremental_and_reads(products: int) -> None:
    counting, with_lists = incremental(products)
    print(
        f"incremental: {counting:.0f} orders/s counted; {with_lists:.0f} orders/s "
        "with their lists marked stale and re-ranked in one batch"
    )
    cached, miss = read_latency()
    print(
        f"partner list read: {cached:.3f} ms from cache, {miss:.3f} ms on a cache miss"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--products", type=int, default=20_000)
    parser.add_argument("--compare-orders", type=int, default=200_000)
    parser.add_argument("--skip-mlxtend", action="store_true")
    parser.add_argument("--phase", default="all")
    args = parser.parse_args()
    if args.phase == "recompute":
        phase_recompute()
        return
    if args.phase == "mlxtend":
        phase_mlxtend(args.compare_orders)
        return
    if args.phase == "incremental":  # on the history a full run left behind
        setup_django()
        incremental_and_reads(args.products)
        return
    ensure_database()
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    history_load(args.orders, args.products)

    drift_undo()
    try:
        counted_history(args)
    finally:
        drift_undo()


def counted_history(args) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE crosssell_pairstat, crosssell_productstat, crosssell_countedorder"
        )
    baskets, first_s, rss_before, rss_peak = recompute_in_process()
    print(
        f"first recompute (empty tables: bulk fill, indexes built after), {baskets:,} baskets: "
        f"{first_s:.2f} s (process RSS {rss_before} → {rss_peak} MB)"
    )
    drift_apply(args.products)
    baskets, recompute_s, rss_before, rss_peak = recompute_in_process()
    print(
        f"nightly recompute after a day of {DRIFT_NEW:,} uncounted orders and {DRIFT_REFUNDS:,} "
        f"unrecorded refunds, {baskets:,} baskets: {recompute_s:.2f} s "
        f"(process RSS {rss_before} → {rss_peak} MB)"
    )

    ours = db_pairs()
    everything = baskets_from_db()
    floor_s, floor = scipy_floor(everything, args.products)
    print(
        f"scipy Xᵀ·X floor on the same baskets: {floor_s:.2f} s; nightly recompute / floor = "
        f"{recompute_s / floor_s:.1f}×, first recompute / floor = {first_s / floor_s:.1f}×"
    )
    assert floor == {"pairs": len(ours), "together": sum(ours.values())}, (
        floor,
        len(ours),
    )
    print(
        f"  pair counts agree: {len(ours):,} pairs, {sum(ours.values()):,} co-occurrences"
    )
    read_s, count_s, pairs, together = sql_floor()
    assert (pairs, together) == (floor["pairs"], floor["together"])
    inside = read_s + count_s
    print(
        f"PostgreSQL's own floor, nothing written: reading the basket lines {read_s:.2f} s + "
        f"grouping the pairs {count_s:.2f} s = {inside:.2f} s = {inside / floor_s:.1f}× scipy; "
        f"nightly recompute / this = {recompute_s / inside:.2f}×, first = {first_s / inside:.2f}×"
    )
    del everything

    subset = baskets_from_db(args.compare_orders)
    started = time.perf_counter()
    sql_subset = db_pairs(args.compare_orders)
    sql_s = time.perf_counter() - started
    python_s, python_pairs = python_counter(subset)
    assert dict(python_pairs) == sql_subset
    print(
        f"on {len(subset):,} orders: our SQL count {sql_s:.2f} s; Python combinations+Counter {python_s:.2f} s "
        f"({python_s / sql_s:.1f}×); counts agree"
    )
    if not args.skip_mlxtend:
        ml_s, ml_rss, supported = mlxtend_in_process(args.compare_orders)
        print(
            f"  mlxtend FP-growth + association_rules: {ml_s:.2f} s ({ml_s / sql_s:.1f}× ours), "
            f"peak RSS {ml_rss} MB (its own process); pairs with support ≥ 2 agree ({supported:,})"
        )
    incremental_and_reads(args.products)


if __name__ == "__main__":
    main()
