"""Import a large order history CSV on the production shape; report speed and memory.

    .venv/bin/python benchmarks/import_orders.py [--lines 1000000] [--database because_bench]

Needs PostgreSQL (make services). Creates the database if it is missing and
migrates it, seeds the demo catalog there without pictures (``seed_demo --no-images
--orders 0``, idempotent), removes the orders of earlier runs of this benchmark
(order ids ``BENCH-…``) and writes a CSV of N order lines — orders of one to eight
lines, SKUs drawn Zipf-like from the seeded catalog's variant SKUs, prices from the
catalog. Then it imports the file in a fresh process (so the peak RSS is the
import's own), checks the counts, imports the same file again (nothing may change)
and, for the memory comparison, imports a tenth of the file into a clean slate.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "BENCH-"


def env(database: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "LOG_LEVEL": "WARNING",
        # No Redis needed: the import enqueues nothing.
        "REDIS_URL": "",
        "MEDIA_ROOT": str(ROOT / "var" / "bench-import-media"),
        # DEBUG off (as measured) needs what production needs (core.checks).
        "SECRET_KEY": "benchmark-only-secret-key-not-used-anywhere-else-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": "http://127.0.0.1:8000",
        "SHOP_DEMO_PAYMENTS": "1",
    }


def sql(database: str, query: str) -> str:
    return subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-tAc", query],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def prepare(database: str) -> None:
    exists = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-tAc",
            f"SELECT 1 FROM pg_database WHERE datname = '{database}'",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not exists:
        subprocess.run(
            ["createdb", "-h", "127.0.0.1", "-U", "postgres", database], check=True
        )
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env(database), check=True)
    subprocess.run(
        [
            *manage,
            "seed_demo",
            "--no-images",
            "--orders",
            "0",
            "--skip",
            "crosssells",
            "notes",
            "sets",
        ],
        cwd=ROOT,
        env=env(database),
        check=True,
        stdout=subprocess.DEVNULL,
    )


def clean(database: str) -> None:
    """Remove this benchmark's orders (and rows that point at them) from earlier runs."""
    bench = f"SELECT id FROM shop_order WHERE idempotency_key LIKE 'import-{PREFIX}%'"
    referencing = sql(
        database,
        "SELECT c.conrelid::regclass || ' ' || a.attname FROM pg_constraint c "
        "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
        "WHERE c.confrelid = 'shop_order'::regclass AND c.contype = 'f'",
    )
    for table_column in referencing.splitlines():
        table, column = table_column.split()
        sql(database, f"DELETE FROM {table} WHERE {column} IN ({bench})")
    sql(database, f"DELETE FROM shop_order WHERE id IN ({bench})")
    sql(database, "VACUUM ANALYZE shop_order")
    sql(database, "VACUUM ANALYZE shop_orderline")


def catalog_skus(database: str) -> list[tuple[str, str]]:
    rows = sql(
        database,
        "SELECT v.sku, COALESCE(v.price_override, p.price) FROM shop_variant v "
        "JOIN shop_product p ON p.id = v.product_id ORDER BY v.id",
    )
    return [tuple(line.split("|")) for line in rows.splitlines()]


def write_csv(path: Path, lines: int, skus: list[tuple[str, str]]) -> int:
    rng = random.Random(5)
    ranked = list(skus)
    rng.shuffle(ranked)
    weights = [1 / (rank + 1) for rank in range(len(ranked))]
    written = order = 0
    with path.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(
            ["order_id", "email", "sku", "quantity", "unit_price", "placed_at"]
        )
        while written < lines:
            order += 1
            size = min(rng.randint(1, 8), lines - written)
            placed = (
                f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                f"T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00Z"
            )
            email = f"customer{rng.randrange(60_000)}@example.com"
            chosen = {}
            while len(chosen) < size:
                sku, price = rng.choices(ranked, weights=weights)[0]
                chosen[sku] = price
            for sku, price in chosen.items():
                quantity = 1 if rng.random() < 0.85 else rng.randint(2, 4)
                out.writerow(
                    [f"{PREFIX}{order:07d}", email, sku, quantity, price, placed]
                )
                written += 1
    return order


IMPORT = """
import resource, sys, time
import django
django.setup()
from shop.services.imports import orders_import
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
started = time.perf_counter()
result = orders_import(path=sys.argv[1])
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(seconds, before, peak, result.created, result.skipped, result.lines)
"""


def timed_import(database: str, path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", IMPORT, str(path)],
        cwd=ROOT,
        env=env(database),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    seconds, before, peak, created, skipped, lines = out[-6:]
    return {
        "seconds": float(seconds),
        "before": float(before),
        "peak": float(peak),
        "created": int(created),
        "skipped": int(skipped),
        "lines": int(lines),
    }


def counts(database: str) -> tuple[int, int]:
    orders = int(
        sql(
            database,
            f"SELECT count(*) FROM shop_order WHERE idempotency_key LIKE 'import-{PREFIX}%'",
        )
    )
    lines = int(
        sql(
            database,
            "SELECT count(*) FROM shop_orderline l JOIN shop_order o ON o.id = l.order_id "
            f"WHERE o.idempotency_key LIKE 'import-{PREFIX}%'",
        )
    )
    return orders, lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--database", default="because_bench")
    args = parser.parse_args()
    database = args.database
    prepare(database)
    clean(database)
    skus = catalog_skus(database)
    folder = ROOT / "var"
    folder.mkdir(exist_ok=True)
    path = folder / f"bench-import-{args.lines}.csv"
    started = time.perf_counter()
    orders = write_csv(path, args.lines, skus)
    print(
        f"CSV: {args.lines:,} lines in {orders:,} orders over {len(skus)} catalog SKUs "
        f"({path.stat().st_size / 1e6:.0f} MB), written in {time.perf_counter() - started:.1f}s"
    )

    first = timed_import(database, path)
    assert (first["created"], first["lines"]) == (orders, args.lines), first
    assert counts(database) == (orders, args.lines)
    print(
        f"import:    {first['seconds']:.1f} s wall, {args.lines / first['seconds']:,.0f} lines/s, "
        f"peak RSS {first['peak']:.0f} MB ({first['before']:.0f} MB after Django setup); "
        f"counts checked: {orders:,} orders, {args.lines:,} lines"
    )

    again = timed_import(database, path)
    assert (again["created"], again["skipped"], again["lines"]) == (0, orders, 0), again
    assert counts(database) == (orders, args.lines)
    print(
        f"re-import: {again['seconds']:.1f} s wall, peak RSS {again['peak']:.0f} MB; nothing written, counts unchanged"
    )

    if args.lines >= 100_000:
        tenth = folder / f"bench-import-{args.lines // 10}.csv"
        with path.open() as source, tenth.open("w") as target:
            for number, line in enumerate(source):
                if number > args.lines // 10:
                    break
                target.write(line)
        clean(database)
        small = timed_import(database, tenth)
        print(
            f"a tenth:   {args.lines // 10:,} lines in {small['seconds']:.1f} s, peak RSS {small['peak']:.0f} MB "
            f"(vs {first['peak']:.0f} MB for the whole file: memory does not grow with the file)"
        )
        tenth.unlink()
    print(
        f"(driver process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)"
    )


if __name__ == "__main__":
    main()
