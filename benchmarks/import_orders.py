"""Import a large order history CSV on the production shape and report speed and memory.

    .venv/bin/python benchmarks/import_orders.py [--lines 1000000] [--products 2000]

Needs PostgreSQL (make services). Uses its own database (because_bench_import):
makes a catalog of single-variant products, writes a CSV of N order lines with
Zipf-distributed SKUs, imports it with `import_orders` in a fresh process (so the
peak memory is the import's own), checks the counts, then imports it again (which
must change nothing).
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
sys.path.insert(0, str(ROOT))
DB = "because_bench_import"


def env() -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
        "REDIS_URL": "redis://127.0.0.1:6379/5",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "LOG_LEVEL": "WARNING",
    }


def sql(query: str) -> str:
    return subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", DB, "-tAc", query],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def prepare(products: int) -> None:
    subprocess.run(
        ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DB], check=True
    )
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DB], check=True)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env(), check=True
    )
    sql(
        "INSERT INTO shop_category (name, slug, description, position) VALUES ('Bench', 'bench', '', 0)"
    )
    sql(
        "INSERT INTO shop_product (sku, slug, title, brand, description, category_id, price, is_active, "
        "is_featured, is_in_stock, created_at, updated_at) "
        f"SELECT 'SKU' || g, 'p-' || g, 'Product ' || g, '', '', (SELECT id FROM shop_category), 10, true, false, true, now(), now() "
        f"FROM generate_series(1, {products}) g"
    )
    sql(
        "INSERT INTO shop_variant (product_id, sku, size, colour_name, stock, position, is_active) "
        "SELECT id, sku, '', '', 100, 0, true FROM shop_product"
    )


def write_csv(path: Path, lines: int, products: int) -> int:
    rng = random.Random(5)
    weights = [1 / (rank + 1) for rank in range(products)]
    skus = [f"SKU{i + 1}" for i in range(products)]
    written = 0
    order = 0
    with path.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(
            ["order_id", "email", "sku", "quantity", "unit_price", "placed_at"]
        )
        while written < lines:
            order += 1
            size = min(rng.randint(1, 8), lines - written)
            placed = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:15:00Z"
            for sku in set(rng.choices(skus, weights=weights, k=size)):
                out.writerow(
                    [
                        f"ORD{order}",
                        f"c{order % 50000}@example.com",
                        sku,
                        rng.randint(1, 3),
                        "10.00",
                        placed,
                    ]
                )
                written += 1
    return order


def timed_import(path: Path) -> tuple[float, float, str]:
    code = (
        "import django, resource, time, sys; django.setup();"
        "from shop.services.imports import orders_import;"
        "t = time.perf_counter(); r = orders_import(path=sys.argv[1]); e = time.perf_counter() - t;"
        "print(e, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, r.created, r.skipped, r.notes[0])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        cwd=ROOT,
        env=env(),
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, rss, *rest = out.stdout.split(maxsplit=2)
    return float(seconds), float(rss), rest[0] if rest else ""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--products", type=int, default=2000)
    args = parser.parse_args()
    prepare(args.products)
    path = ROOT / "var" / f"bench-orders-{args.lines}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    orders = write_csv(path, args.lines, args.products)
    print(
        f"wrote {args.lines:,} lines in {orders:,} orders ({path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - started:.1f}s"
    )
    seconds, rss, detail = timed_import(path)
    print(
        f"import: {seconds:.1f} s, {args.lines / seconds:,.0f} lines/s, peak RSS {rss:.0f} MB ({detail.strip()})"
    )
    assert int(sql("SELECT count(*) FROM shop_orderline")) == args.lines
    assert int(sql("SELECT count(*) FROM shop_order")) == orders
    seconds, rss, detail = timed_import(path)
    print(
        f"re-import of the same file: {seconds:.1f} s, peak RSS {rss:.0f} MB ({detail.strip()}); counts unchanged"
    )
    assert int(sql("SELECT count(*) FROM shop_orderline")) == args.lines
    small = ROOT / "var" / "bench-orders-100000.csv"
    if args.lines > 100_000:
        with path.open() as source, small.open("w") as target:
            for number, line in enumerate(source):
                if number > 100_000:
                    break
                target.write(line)
        prepare(args.products)
        seconds, rss, _ = timed_import(small)
        print(
            f"for comparison, 100,000 lines: {seconds:.1f} s, peak RSS {rss:.0f} MB (memory flat as the file grows)"
        )
    print(
        f"(the benchmark driver itself peaked at {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)"
    )


if __name__ == "__main__":
    main()
