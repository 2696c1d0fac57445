"""Seed the demo shop: catalog, orders, co-purchase counts, notes and sets.

    python manage.py seed_demo [--if-empty] [--orders N] [--skip PART ...]

Each part is idempotent (see ``demo.seeding``), so running it again creates nothing.
With ``--if-empty`` a part whose data exists is left alone: the catalog and orders
when the shop has products, the sets when there are sets. Notes are only written
when there are none. The co-purchase recompute always runs (it changes nothing on
counts that are right).
"""

from __future__ import annotations

import os
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from crosssell.models import Note
from sets.models import Set
from shop.models import Order, Product, ProductImage, Variant

from ...catalog import build_catalog
from ...history import DEFAULT_ORDERS
from ...seeding.catalog import (
    DEMO_PASSWORD,
    DEMO_SHOPPERS,
    IMAGE_SIZE,
    catalog_seed,
    pictures_seed,
    shoppers_seed,
)
from ...seeding.notes import NOTES, notes_seed
from ...seeding.orders import orders_seed
from ...seeding.sets import sets_seed

PARTS = ("orders", "crosssells", "notes", "sets")


class Command(BaseCommand):
    help = (
        "Seed the demo shop: catalog with Pillow-drawn pictures, a year of past "
        "orders, demo shoppers, co-purchase counts, notes and sets. Safe to run "
        "again: nothing is duplicated."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--orders",
            type=int,
            default=DEFAULT_ORDERS,
            help=f"past orders (default {DEFAULT_ORDERS})",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="leave alone each part that has data (products, sets)",
        )
        parser.add_argument(
            "--image-size",
            type=int,
            default=IMAGE_SIZE,
            help=f"picture edge in pixels (default {IMAGE_SIZE})",
        )
        parser.add_argument(
            "--force-images",
            action="store_true",
            help="draw and process the demo products' pictures again",
        )
        parser.add_argument(
            "--no-images",
            action="store_true",
            help="skip pictures (benchmarks that only need SKUs)",
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=min(os.cpu_count() or 1, 4),
            help="processes drawing pictures (default: the CPUs, at most 4)",
        )
        parser.add_argument(
            "--notes",
            type=int,
            default=NOTES,
            help=f"approved demo notes (default {NOTES})",
        )
        parser.add_argument(
            "--skip",
            nargs="+",
            action="extend",
            choices=PARTS,
            default=[],
            help="parts not to seed (the catalog is always seeded)",
        )

    def handle(
        self,
        *args,
        orders: int,
        if_empty: bool,
        image_size: int,
        force_images: bool,
        no_images: bool,
        jobs: int,
        notes: int,
        skip: list[str],
        **options,
    ) -> None:
        if orders < 0 or notes < 0 or not 64 <= image_size <= 4000:
            raise CommandError(
                "--orders and --notes must be 0 or more and --image-size from 64 to 4000"
            )
        failed = 0
        if if_empty and Product.objects.exists():
            self.stdout.write("The shop has products already; not seeding the demo.")
        else:
            failed = self._catalog(
                orders=0 if "orders" in skip else orders,
                image_size=image_size,
                force_images=force_images,
                no_images=no_images,
                jobs=jobs,
            )
        if "crosssells" not in skip:
            call_command("recompute_crosssells", stdout=self.stdout)
        if "notes" not in skip:
            # Notes are written once: a reviewed note cannot be written again.
            if Note.objects.exists():
                self.stdout.write("Notes exist; leaving them.")
            else:
                summary, skipped = notes_seed(count=notes)
                for message in skipped:
                    self.stderr.write(message)
                self.stdout.write(summary)
        if "sets" not in skip:
            if if_empty and Set.objects.exists():
                self.stdout.write("Sets exist already; not seeding the demo sets.")
            else:
                self.stdout.write(self.style.SUCCESS(sets_seed()))
        if failed:
            raise CommandError(
                f"{failed} pictures could not be processed; see the images' error field."
            )

    def _catalog(
        self,
        *,
        orders: int,
        image_size: int,
        force_images: bool,
        no_images: bool,
        jobs: int,
    ) -> int:
        """Catalog, pictures, shoppers and orders; the number of failed pictures."""
        timings: dict[str, float] = {}
        started = time.perf_counter()
        catalog = build_catalog()

        mark = time.perf_counter()
        new_products, new_variants = catalog_seed(catalog=catalog)
        timings["catalog"] = time.perf_counter() - mark

        mark = time.perf_counter()
        drawn = failed = 0
        if not no_images:
            drawn, failed = pictures_seed(
                catalog=catalog, size=image_size, force=force_images, jobs=jobs
            )
        timings["pictures"] = time.perf_counter() - mark

        mark = time.perf_counter()
        shoppers = shoppers_seed()
        written = orders_seed(catalog=catalog, shoppers=shoppers, count=orders)
        timings["orders"] = time.perf_counter() - mark

        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo shop seeded in {elapsed:.1f}s "
                f"({', '.join(f'{name} {seconds:.1f}s' for name, seconds in timings.items())}):\n"
                f"  products {Product.objects.count()} ({new_products} new), "
                f"variants {Variant.objects.count()} ({new_variants} new), "
                f"pictures {ProductImage.objects.count()} ({drawn} drawn now"
                + (f", {failed} FAILED" if failed else "")
                + f"),\n  orders {Order.objects.count()} ({written.created} new, "
                f"{written.lines} lines).\n"
                f"  Demo shopper: {DEMO_SHOPPERS[0][0]} / {DEMO_PASSWORD}"
            )
        )
        return failed
