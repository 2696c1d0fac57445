"""Check the co-purchase counter against the published figures of the Groceries data.

    .venv/bin/python benchmarks/groceries_validation.py [path/to/groceries.csv]

Loads the 9,835 real baskets (../shared/reference-data/groceries.csv) as paid orders
into a scratch SQLite database (or the database DATABASE_URL names), runs the
full recompute, and compares with the figures arules reports for this data set.
Exits non-zero if any figure differs.
"""

from __future__ import annotations

import csv
import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT = ROOT.parent / "shared" / "reference-data" / "groceries.csv"

EXPECTED = {
    "baskets": 9835,
    "items": 169,
    "occurrences": 43367,
    "whole milk": 2513,
    "other vegetables + whole milk": 736,
    "pairs in at least 10 baskets": 2981,
}


def main() -> int:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    scratch = tempfile.mkdtemp(prefix="groceries-")
    os.environ.setdefault("VAR_DIR", scratch)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    if "DATABASE_URL" not in os.environ:
        os.environ["SQLITE_PATH"] = str(Path(scratch) / "groceries.sqlite3")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from crosssell.models import BasketTotal, PairStat, ProductStat
    from crosssell.services.counting import counts_recompute
    from shop.models import Category, Order, OrderLine, Product

    call_command("migrate", verbosity=0)
    with source.open(newline="") as handle:
        baskets = [row for row in csv.reader(handle) if row]
    names = sorted({item for basket in baskets for item in basket})
    with transaction.atomic():
        OrderLine.objects.all().delete()
        Order.objects.all().delete()
        Product.objects.all().delete()
        category, _ = Category.objects.get_or_create(
            slug="groceries", defaults={"name": "Groceries"}
        )
        Product.objects.bulk_create(
            Product(
                sku=f"G{i}",
                slug=f"g{i}",
                title=name,
                category=category,
                price=Decimal("1.00"),
            )
            for i, name in enumerate(names)
        )
        product_of = dict(Product.objects.values_list("title", "pk"))
        Order.objects.bulk_create(
            Order(
                number=f"G-{n}",
                idempotency_key=f"groceries-{n}",
                email="g@example.com",
                currency="USD",
                subtotal=Decimal("1"),
                total=Decimal("1"),
                shipping_name="G",
                shipping_line1="-",
                shipping_city="-",
                shipping_postcode="-",
                shipping_country="-",
                status="paid",
            )
            for n in range(len(baskets))
        )
        order_of = dict(Order.objects.values_list("number", "pk"))
        OrderLine.objects.bulk_create(
            (
                OrderLine(
                    order_id=order_of[f"G-{n}"],
                    product_id=product_of[item],
                    sku="-",
                    title=item,
                    unit_price=Decimal("1"),
                    quantity=1,
                    line_total=Decimal("1"),
                )
                for n, basket in enumerate(baskets)
                for item in basket
            ),
            batch_size=5000,
        )
    started = time.perf_counter()
    counts_recompute()
    elapsed = time.perf_counter() - started

    n = BasketTotal.objects.get(pk=1).baskets
    per_product = dict(ProductStat.objects.values_list("product_id", "baskets"))
    milk, vegetables = product_of["whole milk"], product_of["other vegetables"]
    pair = PairStat.objects.get(
        product_a_id=min(milk, vegetables), product_b_id=max(milk, vegetables)
    ).together
    measured = {
        "baskets": n,
        "items": len(per_product),
        "occurrences": sum(per_product.values()),
        "whole milk": per_product[milk],
        "other vegetables + whole milk": pair,
        "pairs in at least 10 baskets": PairStat.objects.filter(
            together__gte=10
        ).count(),
    }
    support = pair / n
    lift = pair * n / (per_product[milk] * per_product[vegetables])
    failures = 0
    print(
        f"Groceries ({source.name}), recompute in {elapsed:.2f} s on {django.db.connection.vendor}"
    )
    for key, expected in EXPECTED.items():
        ok = measured[key] == expected
        failures += not ok
        print(
            f"  {'ok ' if ok else 'BAD'} {key:32} {measured[key]:>7} (published {expected})"
        )
    for label, value, expected in (
        ("support", support, 0.07483),
        ("lift", lift, 1.5136),
    ):
        ok = round(value, 4) == round(expected, 4)
        failures += not ok
        print(
            f"  {'ok ' if ok else 'BAD'} {label + ' {other vegetables, whole milk}':32} {value:>7.5f} (published {expected})"
        )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
