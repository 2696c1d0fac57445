"""The demo catalog: categories, products and variants, their drawn pictures, and
the demo shoppers.

Repeatable (fixed random seeds) and idempotent: categories are keyed on slug,
products and variants on SKU, shoppers on email, so running it again creates
nothing and changes nothing. A run that was interrupted fills in what is missing
(products without pictures).
"""

from __future__ import annotations

import io
import multiprocessing
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import connection, connections, transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image

from shop.models import Category, Product, ProductImage, Variant
from shop.services.accounts import username_free
from shop.services.catalog import product_image_add

from ..catalog import CATEGORIES, ProductSpec
from ..drawing import draw_product

DEMO_SHOPPERS = [
    ("shopper@because.local", "Kathryn", "Thompson"),
    ("maria@because.local", "Maria", "Lopez"),
    ("sam@because.local", "Sam", "Okafor"),
    ("priya@because.local", "Priya", "Raman"),
    ("tom@because.local", "Tom", "Ashby"),
]
DEMO_PASSWORD = "because-demo"  # noqa: S105 — the documented demo login, not a secret
IMAGE_SIZE = 1000


def category_slug(top: str, child: str | None = None) -> str:
    return slugify(top) if child is None else slugify(child)


def catalog_seed(*, catalog: list[ProductSpec]) -> tuple[int, int]:
    """Categories, then the products and variants that are missing: (new products,
    new variants). Existing ones are left alone."""
    with transaction.atomic():
        categories = _categories()
        return _products(catalog, categories)


def _categories() -> dict[str, Category]:
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
    catalog: list[ProductSpec], categories: dict[str, Category]
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


def pictures_seed(
    *, catalog: list[ProductSpec], size: int, force: bool, jobs: int
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
        _forget_images(list(products.values()))
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


def _forget_images(products: list[Product]) -> None:
    for image in ProductImage.objects.filter(product__in=products):
        for name in ("original", *settings.SHOP_IMAGE_RENDITIONS, "cutout"):
            file = getattr(image, name)
            if file:
                file.delete(save=False)
        image.delete()


def shoppers_seed() -> list:
    """The demo shoppers, made when missing. Their email addresses are confirmed, so
    that the demo history's orders in their names join their accounts."""
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
        EmailAddress.objects.get_or_create(
            user=user,
            email=user.email,
            defaults={"verified": True, "primary": True},
        )
        users.append(user)
    return users


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
