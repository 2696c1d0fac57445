"""Ranking every product's partner list after a full recompute (production shape).

    .venv/bin/python benchmarks/crosssell_lists.py

Runs on the history that `benchmarks/crosssell_counting.py` leaves in the database
`because_bench_crosssell` (1,000,000 orders over 20,000 products): times the
PostgreSQL one-statement ranking (`all_lists_refresh`) and the per-product Python
path on the same counts, and checks that the stored lists are identical.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault(
    "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/because_bench_crosssell"
)
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/4")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from crosssell.models import ProductCrosssells, ProductStat  # noqa: E402
from crosssell.services.lists import (  # noqa: E402
    all_lists_refresh,
    product_lists_refresh,
)


def stored() -> dict:
    return dict(ProductCrosssells.objects.values_list("product_id", "partners"))


def main() -> None:
    products = ProductStat.objects.count()
    if not products:
        sys.exit("no counts: run benchmarks/crosssell_counting.py first")
    started = time.perf_counter()
    all_lists_refresh()
    in_sql = time.perf_counter() - started
    sql_lists = stored()
    print(f"PostgreSQL ranking of {products:,} lists in one statement: {in_sql:.2f} s")

    ids = sorted(sql_lists)
    started = time.perf_counter()
    for start in range(0, len(ids), 500):
        product_lists_refresh(product_ids=ids[start : start + 500])
    in_python = time.perf_counter() - started
    print(
        f"per-product queries + Python scoring: {in_python:.2f} s "
        f"({in_python / in_sql:.1f}× the SQL ranking)"
    )
    python_lists = stored()
    assert python_lists == sql_lists, "the two rankings differ"
    partners = sum(len(v) for v in sql_lists.values())
    print(f"  identical lists: {len(sql_lists):,} products, {partners:,} partners")


if __name__ == "__main__":
    main()
