"""Seed the demo shop: catalog with drawn pictures, past orders, a few shoppers.

Repeatable (fixed random seeds) and idempotent: categories are keyed on slug,
products and variants on SKU, orders on their idempotency key (``seed-<n>``), so
running it again creates nothing and changes nothing. A run that was interrupted
fills in what is missing (products without pictures, orders not yet written).
"""

from __future__ import annotations

import io
import multiprocessing
import os
import time
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image

from shop.demo.catalog import CATEGORIES, ProductSpec, build_catalog
from shop.demo.drawing import draw_product
from shop.demo.history import DEFAULT_ORDERS, Basket, build_history
from shop.models import Category, Order, OrderLine, Product, ProductImage, Variant
from shop.money import quantize_money
from shop.services.accounts import username_free
from shop.services.catalog import product_image_add

DEMO_SHOPPERS = [
    ("shopper@because.local", "Kathryn", "Thompson"),
    ("maria@because.local", "Maria", "Lopez"),
    ("sam@because.local", "Sam", "Okafor"),
    ("priya@because.local", "Priya", "Raman"),
    ("tom@because.local", "Tom", "Ashby"),
]
DEMO_PASSWORD = "because-demo"  # noqa: S105 — the documented demo login, not a secret
IMAGE_SIZE = 1000
ORDER_KEY_PREFIX = "seed-"


def category_slug(top: str, child: str | None = None) -> str:
    return slugify(top) if child is None else slugify(child)


class Command(BaseCommand):
    help = (
        "Seed the demo catalog (Pillow-drawn pictures), a year of past orders and demo "
        "shoppers. Safe to run again: nothing is duplicated."
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
            help="do nothing when the shop has products",
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

    def handle(
        self,
        *args,
        orders: int,
        if_empty: bool,
        image_size: int,
        force_images: bool,
        no_images: bool,
        jobs: int,
        **options,
    ) -> None:
        if orders < 0 or not 64 <= image_size <= 4000:
            raise CommandError(
                "--orders must be 0 or more and --image-size from 64 to 4000"
            )
        if if_empty and Product.objects.exists():
            self.stdout.write("The shop has products already; not seeding the demo.")
            return
        timings: dict[str, float] = {}
        started = time.perf_counter()
        catalog = build_catalog()

        mark = time.perf_counter()
        with transaction.atomic():
            categories = self._categories()
            new_products, new_variants = self._products(catalog, categories)
        timings["catalog"] = time.perf_counter() - mark

        mark = time.perf_counter()
        drawn = failed = 0
        if not no_images:
            drawn, failed = self._images(
                catalog, size=image_size, force=force_images, jobs=jobs
            )
        timings["pictures"] = time.perf_counter() - mark

        mark = time.perf_counter()
        shoppers = self._shoppers()
        new_orders, new_lines = self._orders(catalog, shoppers, orders)
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
                + f"),\n  orders {Order.objects.count()} ({new_orders} new, {new_lines} lines).\n"
                f"  Demo shopper: {DEMO_SHOPPERS[0][0]} / {DEMO_PASSWORD}"
            )
        )
        if failed:
            raise CommandError(
                f"{failed} pictures could not be processed; see the images' error field."
            )

    # --- catalog ---------------------------------------------------------------

    def _categories(self) -> dict[str, Category]:
        found = {}
        for position, (top, children) in enumerate(CATEGORIES.items()):
            parent, _ = Category.objects.get_or_create(
                slug=category_slug(top), defaults={"name": top, "position": position}
            )
            found[top] = parent
            for child_position, child in enumerate(children):
                category, _ = Category.objects.get_or_create(
                    slug=category_slug(top, child),
                    defaults={
                        "name": child,
                        "parent": parent,
                        "position": child_position,
                    },
                )
                found[f"{top}/{child}"] = category
        return found

    def _products(
        self, catalog: list[ProductSpec], categories: dict[str, Category]
    ) -> tuple[int, int]:
        """Create the products and variants that are missing; existing ones are left alone."""
        existing = set(
            Product.objects.filter(sku__in=[s.sku for s in catalog]).values_list(
                "sku", flat=True
            )
        )
        missing = [spec for spec in catalog if spec.sku not in existing]
        if not missing:
            return 0, 0
        used_slugs = set(Product.objects.values_list("slug", flat=True))
        now = timezone.now()
        products = []
        for spec in missing:
            slug = (
                spec.slug
                if spec.slug not in used_slugs
                else f"{spec.slug}-{slugify(spec.sku)}"
            )
            used_slugs.add(slug)
            products.append(
                Product(
                    sku=spec.sku,
                    slug=slug,
                    title=spec.title,
                    brand=spec.brand,
                    description=spec.description,
                    category=categories[f"{spec.department}/{spec.category}"],
                    price=spec.price,
                    is_featured=spec.featured,
                    is_in_stock=spec.stock > 0,
                    # New arrivals spread over two months, so "newest" is a real sort.
                    created_at=now - timedelta(days=spec.seed % 60, minutes=spec.seed),
                )
            )
        Product.objects.bulk_create(products)
        by_sku = {product.sku: product for product in products}
        variants = [
            Variant(
                product=by_sku[spec.sku],
                sku=variant.sku,
                size=variant.size,
                colour_name=variant.colour_name,
                stock=variant.stock,
                position=position,
            )
            for spec in missing
            for position, variant in enumerate(spec.variants)
        ]
        Variant.objects.bulk_create(variants)
        return len(products), len(variants)

    # --- pictures ----------------------------------------------------------------

    def _images(
        self, catalog: list[ProductSpec], *, size: int, force: bool, jobs: int
    ) -> tuple[int, int]:
        """Draw each product's pictures and run them through the image pipeline.

        Processing is called directly (``process_now``), not queued, so the seed
        works the same with eager tasks and with a worker that is not running.
        With ``jobs`` > 1 products are pictured by that many forked processes, each
        with its own database connection.
        """
        products = {
            p.sku: p for p in Product.objects.filter(sku__in=[s.sku for s in catalog])
        }
        if force:
            self._forget_images(list(products.values()))
        with_images = set(
            ProductImage.objects.filter(product__in=products.values()).values_list(
                "product_id", flat=True
            )
        )
        work = [
            (spec, products[spec.sku])
            for spec in catalog
            if spec.sku in products and products[spec.sku].pk not in with_images
        ]
        if jobs <= 1 or len(work) < 2 * jobs or not _can_fork_database_work():
            results = [picture_product(spec, product, size) for spec, product in work]
        else:
            global _FORKED_WORK
            _FORKED_WORK = (work, size)
            # Children must not share the parent's connection: each opens its own.
            connections.close_all()
            context = multiprocessing.get_context("fork")
            try:
                with context.Pool(jobs) as pool:
                    results = pool.map(_picture_forked, range(len(work)), chunksize=1)
            finally:
                _FORKED_WORK = None
        return sum(r[0] for r in results), sum(r[1] for r in results)

    @staticmethod
    def _forget_images(products: list[Product]) -> None:
        for image in ProductImage.objects.filter(product__in=products):
            for name in ("original", *settings.SHOP_IMAGE_RENDITIONS, "cutout"):
                file = getattr(image, name)
                if file:
                    file.delete(save=False)
            image.delete()

    # --- shoppers and orders --------------------------------------------------------

    def _shoppers(self) -> list:
        User = get_user_model()
        users = []
        for index, (email, first, last) in enumerate(DEMO_SHOPPERS):
            user = User.objects.filter(email__iexact=email).first()
            if user is None:
                # An opaque username, like every account's: never the email's.
                user = User(
                    username=username_free(),
                    email=email,
                    first_name=first,
                    last_name=last,
                )
                # Only the documented demo shopper can log in.
                if index == 0:
                    user.set_password(DEMO_PASSWORD)
                else:
                    user.set_unusable_password()
                user.save()
            users.append(user)
        return users

    def _orders(
        self, catalog: list[ProductSpec], shoppers: list, count: int
    ) -> tuple[int, int]:
        """Write the missing historical orders in bulk.

        History only: stock is not decremented, no signal is sent and no email goes
        out; the co-purchase statistics are rebuilt by ``recompute_crosssells``.
        """
        if count == 0:
            return 0, 0
        done = set(
            Order.objects.filter(
                idempotency_key__startswith=ORDER_KEY_PREFIX
            ).values_list("idempotency_key", flat=True)
        )
        baskets = [
            b
            for b in build_history(catalog, orders=count, shoppers=len(shoppers))
            if f"{ORDER_KEY_PREFIX}{b.number}" not in done
        ]
        if not baskets:
            return 0, 0
        variants: dict[str, Variant] = {}
        first_of_product: dict[str, Variant] = {}
        for variant in Variant.objects.select_related("product").filter(
            product__sku__in=[spec.sku for spec in catalog]
        ):
            variants[variant.sku] = variant
            first_of_product.setdefault(variant.product.sku, variant)
        now = timezone.now()
        orders, lines = [], []
        for basket in baskets:
            chosen = [
                (
                    variants.get(line.variant_sku)
                    or first_of_product.get(line.product_sku),
                    line.quantity,
                )
                for line in basket.lines
            ]
            chosen = [
                (variant, quantity)
                for variant, quantity in chosen
                if variant is not None
            ]
            if not chosen:
                continue
            order_lines = [
                OrderLine(
                    product=variant.product,
                    variant=variant,
                    sku=variant.sku,
                    title=variant.product.title,
                    variant_label=variant.label,
                    unit_price=variant.price,
                    quantity=quantity,
                    line_total=quantize_money(variant.price * quantity),
                )
                for variant, quantity in chosen
            ]
            orders.append(self._order(basket, order_lines, shoppers, now))
            lines.append(order_lines)
        with transaction.atomic():
            Order.objects.bulk_create(orders, batch_size=500)
            for order, order_lines in zip(orders, lines, strict=True):
                for line in order_lines:
                    line.order = order
            created_lines = OrderLine.objects.bulk_create(
                [line for group in lines for line in group], batch_size=1000
            )
        return len(orders), len(created_lines)

    @staticmethod
    def _order(
        basket: Basket, order_lines: list[OrderLine], shoppers: list, now
    ) -> Order:
        subtotal = quantize_money(
            sum((line.line_total for line in order_lines), Decimal("0"))
        )
        shipping = (
            Decimal("0.00")
            if subtotal >= settings.SHOP_FREE_SHIPPING_OVER
            else quantize_money(settings.SHOP_SHIPPING_FLAT)
        )
        customer = basket.customer
        user = shoppers[basket.shopper] if basket.shopper is not None else None
        return Order(
            number=f"H-{basket.number:05d}",
            idempotency_key=f"{ORDER_KEY_PREFIX}{basket.number}",
            user=user,
            email=user.email if user else customer.email,
            status=Order.Status.PAID,
            currency=settings.SHOP_CURRENCY,
            subtotal=subtotal,
            shipping=shipping,
            total=subtotal + shipping,
            shipping_name=f"{user.first_name} {user.last_name}"
            if user
            else customer.name,
            shipping_line1=customer.line1,
            shipping_city=customer.city,
            shipping_postcode=customer.postcode,
            shipping_country="United States",
            payment_reference=f"demo-{basket.number:05d}",
            card_last4="4242",
            is_imported=False,
            placed_at=basket.placed_at(now),
        )


# --- pictures, callable in forked processes ------------------------------------------

_FORKED_WORK: tuple[list[tuple[ProductSpec, Product]], int] | None = None


def _can_fork_database_work() -> bool:
    """Forked processes only see committed data in a database file or server."""
    name = str(connection.settings_dict["NAME"])
    in_memory = connection.vendor == "sqlite" and (
        name == ":memory:" or "mode=memory" in name or name.startswith("file:memorydb")
    )
    return not in_memory and not connection.in_atomic_block


def _picture_forked(position: int) -> tuple[int, int]:
    spec, product = _FORKED_WORK[0][position]
    try:
        return picture_product(spec, product, _FORKED_WORK[1])
    finally:
        connections.close_all()


def picture_product(spec: ProductSpec, product: Product, size: int) -> tuple[int, int]:
    """Draw a product's pictures and store them through the image service.

    Returns (pictures drawn, pictures that failed processing).
    """
    drawn = failed = 0
    for position, picture in enumerate(pictures_for(spec, size)):
        buffer = io.BytesIO()
        # Fast compression: the pipeline re-encodes everything shoppers see.
        picture.save(buffer, "PNG", compress_level=1)
        image = product_image_add(
            product=product,
            file=ContentFile(
                buffer.getvalue(), name=f"{slugify(spec.sku)}-{position + 1}.png"
            ),
            alt=spec.title if position == 0 else f"{spec.title}, another view",
            position=position,
            process_now=True,
        )
        drawn += 1
        failed += image.status != ProductImage.Status.READY
    return drawn, failed


def pictures_for(spec: ProductSpec, size: int) -> list[Image.Image]:
    def draw(colour, seed: int) -> Image.Image:
        return draw_product(
            spec.kind,
            colour,
            accent=spec.accent,
            seed=seed,
            size=size,
            title=spec.title,
            illustration=spec.illustration,
        )

    pictures = [draw(spec.colour, spec.seed * 7)]
    if spec.second_colour is not None:
        pictures.append(draw(spec.second_colour, spec.seed * 7))
    elif spec.second_view:
        # The other side, drawn with other details.
        pictures.append(
            draw(spec.colour, spec.seed * 7 + 1).transpose(
                Image.Transpose.FLIP_LEFT_RIGHT
            )
        )
    return pictures
