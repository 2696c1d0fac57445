"""Seed the demo shop: catalog with drawn pictures, past orders, a few shoppers.

Repeatable (fixed random seeds) and idempotent: products are keyed on SKU, orders
on their idempotency key, so running it again changes nothing.
"""

from __future__ import annotations

import io
import time
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image

from shop.demo.catalog import CATEGORIES, build_catalog
from shop.demo.drawing import draw_product
from shop.demo.history import build_history, placed_at
from shop.models import Category, Order, OrderLine, Product, Variant
from shop.money import quantize_money
from shop.services.catalog import product_image_add

DEMO_SHOPPERS = [
    ("shopper@because.local", "Kathryn", "Thompson"),
    ("maria@because.local", "Maria", "Lopez"),
    ("sam@because.local", "Sam", "Okafor"),
    ("priya@because.local", "Priya", "Raman"),
    ("tom@because.local", "Tom", "Ashby"),
]
DEMO_PASSWORD = "because-demo"  # noqa: S105 — the documented demo login, not a secret
IMAGE_SIZE = 800


class Command(BaseCommand):
    help = "Seed the demo catalog (with Pillow-drawn pictures), order history and shoppers."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--orders", type=int, default=3200, help="how many past orders"
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing when products exist"
        )
        parser.add_argument(
            "--image-size", type=int, default=IMAGE_SIZE, help="pixels per picture edge"
        )

    def handle(
        self, *args, orders: int, if_empty: bool, image_size: int, **options
    ) -> None:
        self.image_size = image_size
        if if_empty and Product.objects.exists():
            self.stdout.write("The catalog has products already; not seeding the demo.")
            return
        started = time.perf_counter()
        catalog = build_catalog()
        categories = self._categories()
        products, images = self._products(catalog, categories)
        shoppers = self._shoppers()
        created_orders = self._orders(catalog, shoppers, orders)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo shop: {Product.objects.count()} products, {Variant.objects.count()} variants, "
                f"{products} new products, {images} pictures drawn, {created_orders} orders added "
                f"({Order.objects.count()} in all) in {time.perf_counter() - started:.1f}s. "
                f"Demo shopper: {DEMO_SHOPPERS[0][0]} / {DEMO_PASSWORD}"
            )
        )

    def _categories(self) -> dict[str, Category]:
        found = {}
        for position, (top, children) in enumerate(CATEGORIES.items()):
            parent, _ = Category.objects.get_or_create(
                slug=slugify(top), defaults={"name": top, "position": position}
            )
            found[top] = parent
            for child_position, child in enumerate(children):
                category, _ = Category.objects.get_or_create(
                    slug=slugify(f"{top}-{child}" if child == "Accessories" else child),
                    defaults={
                        "name": child,
                        "parent": parent,
                        "position": child_position,
                    },
                )
                found[f"{top}/{child}"] = category
        return found

    def _products(self, catalog, categories) -> tuple[int, int]:
        created = drawn = 0
        used_slugs = set(Product.objects.values_list("slug", flat=True))
        for spec in catalog:
            product = Product.objects.filter(sku=spec.sku).first()
            if product is None:
                slug = (
                    spec.slug
                    if spec.slug not in used_slugs
                    else f"{spec.slug}-{spec.sku.lower()}"
                )
                used_slugs.add(slug)
                with transaction.atomic():
                    product = Product.objects.create(
                        sku=spec.sku,
                        slug=slug,
                        title=spec.title,
                        brand=spec.brand,
                        description=spec.description,
                        category=categories[f"{spec.department}/{spec.category}"],
                        price=spec.price,
                        is_featured=spec.featured,
                        is_in_stock=spec.stock > 0,
                        created_at=timezone.now() - timedelta(days=spec.seed % 60),
                    )
                    if spec.sizes:
                        Variant.objects.bulk_create(
                            Variant(
                                product=product,
                                sku=f"{spec.sku}-{size}",
                                size=size,
                                stock=spec.stock,
                                position=i,
                            )
                            for i, size in enumerate(spec.sizes)
                        )
                    else:
                        Variant.objects.create(
                            product=product,
                            sku=spec.sku,
                            colour_name=spec.colour_name,
                            stock=spec.stock,
                        )
                created += 1
            if not product.images.exists():
                views = [0, 1] if spec.seed % 5 == 0 and spec.kind != "book" else [0]
                for view in views:
                    picture = draw_product(
                        spec.kind,
                        spec.colour,
                        accent=spec.accent,
                        seed=spec.seed * 7 + view,
                        size=self.image_size,
                        title=spec.title,
                        illustration=spec.illustration,
                    )
                    if view:
                        picture = picture.transpose(
                            Image.Transpose.FLIP_LEFT_RIGHT
                        )  # the other side
                    buffer = io.BytesIO()
                    picture.save(buffer, "PNG", optimize=False)
                    product_image_add(
                        product=product,
                        file=ContentFile(
                            buffer.getvalue(), name=f"{spec.sku.lower()}-{view}.png"
                        ),
                        alt=spec.title,
                        position=view,
                        process_now=True,
                    )
                    drawn += 1
        return created, drawn

    def _shoppers(self) -> list:
        User = get_user_model()
        users = []
        for index, (email, first, last) in enumerate(DEMO_SHOPPERS):
            user = User.objects.filter(email__iexact=email).first()
            if user is None:
                user = User(
                    username=email.split("@")[0],
                    email=email,
                    first_name=first,
                    last_name=last,
                )
                if index == 0:
                    user.set_password(DEMO_PASSWORD)
                else:
                    user.set_unusable_password()
                user.save()
            users.append(user)
        return users

    def _orders(self, catalog, shoppers, count: int) -> int:
        if Order.objects.filter(idempotency_key__startswith="seed-").exists():
            return 0
        baskets = build_history(catalog, orders=count, shoppers=len(shoppers))
        variants: dict[str, list[Variant]] = {}
        for variant in (
            Variant.objects.select_related("product")
            .filter(is_active=True)
            .order_by("pk")
        ):
            variants.setdefault(variant.product.sku, []).append(variant)
        now = timezone.now()
        orders, lines = [], []
        for basket in baskets:
            shopper = shoppers[basket.shopper] if basket.shopper is not None else None
            chosen = [
                variants[sku][(basket.number + i) % len(variants[sku])]
                for i, sku in enumerate(basket.skus)
            ]
            order_lines = [
                OrderLine(
                    product=v.product,
                    variant=v,
                    sku=v.sku,
                    title=v.product.title,
                    variant_label=v.label,
                    unit_price=v.price,
                    quantity=1,
                    line_total=quantize_money(v.price),
                )
                for v in chosen
            ]
            subtotal = quantize_money(
                sum((line.line_total for line in order_lines), Decimal("0"))
            )
            shipping = Decimal("0.00") if subtotal >= Decimal("50") else Decimal("4.95")
            order = Order(
                number=f"H-{basket.number:05d}",
                idempotency_key=f"seed-{basket.number}",
                user=shopper,
                email=shopper.email
                if shopper
                else f"customer{basket.number}@example.com",
                status=Order.Status.FULFILLED
                if basket.days_ago > 7
                else Order.Status.PAID,
                currency="USD",
                subtotal=subtotal,
                shipping=shipping,
                total=subtotal + shipping,
                shipping_name=f"{shopper.first_name} {shopper.last_name}"
                if shopper
                else "Demo Customer",
                shipping_line1="1 Demo Street",
                shipping_city="Springfield",
                shipping_postcode="12345",
                shipping_country="United States",
                placed_at=placed_at(now, basket.days_ago, basket.number),
            )
            orders.append(order)
            lines.append(order_lines)
        with transaction.atomic():
            Order.objects.bulk_create(orders, batch_size=500)
            saved = {
                o.number: o
                for o in Order.objects.filter(idempotency_key__startswith="seed-")
            }
            for order, order_lines in zip(orders, lines, strict=True):
                for line in order_lines:
                    line.order = saved[order.number]
            OrderLine.objects.bulk_create(
                [line for group in lines for line in group], batch_size=1000
            )
        return len(orders)
