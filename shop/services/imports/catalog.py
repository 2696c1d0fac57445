"""The catalog import: products and variants from CSV, keyed on SKU."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils.text import slugify

from ...models import Category, Product, Variant
from .reading import (
    MONEY,
    WHOLE_NUMBER,
    Errors,
    ImportFailed,
    ImportResult,
    field_count_error,
    read_header,
    read_rows,
)

CATALOG_COLUMNS = ("sku", "title", "price", "category", "description", "image_path")
CATALOG_OPTIONAL_COLUMNS = ("parent_sku", "size", "colour", "brand", "stock")
MAX_STOCK = 1_000_000


def _stock(text: str) -> int | None:
    if not text:
        return None
    if not WHOLE_NUMBER.fullmatch(text) or int(text) > MAX_STOCK:
        raise ValueError
    return int(text)


def catalog_import(*, path: Path | str) -> ImportResult:
    """Create or update products and variants from a catalog CSV.

    A row with ``parent_sku`` is a variant of that product (a row of the file or an
    existing product); a product with no variant rows is its own single variant,
    with the product's SKU. Catalog-sized: the checked rows are kept in memory.
    """
    from ...images import ImageRejected, validate_image_upload

    path = Path(path)
    header = read_header(path, CATALOG_COLUMNS)
    errors = Errors()
    products: dict[str, dict] = {}
    variants: list[dict] = []
    seen: set[str] = set()
    for line, row in read_rows(path):
        if errors.full:
            break
        if row is None:
            errors.add(line, field_count_error(header))
            continue
        sku = row["sku"]
        if not sku or len(sku) > 64:
            errors.add(line, "a SKU is required (at most 64 characters)")
            continue
        if sku in seen:
            errors.add(line, f"SKU {sku!r} appears twice")
            continue
        seen.add(sku)
        parent = row.get("parent_sku", "")
        price_text = row["price"]
        if (price_text or not parent) and not MONEY.fullmatch(price_text):
            errors.add(line, f"price {price_text!r} is not an amount like 12.50")
            continue
        try:
            stock = _stock(row.get("stock", ""))
        except ValueError:
            errors.add(
                line,
                f"stock {row.get('stock')!r} is not a whole number from 0 to {MAX_STOCK}",
            )
            continue
        image = row["image_path"]
        image_path = None
        if image:
            image_path = (
                Path(image) if Path(image).is_absolute() else path.parent / image
            )
            if not image_path.is_file():
                errors.add(line, f"image {image!r} not found")
                continue
            try:
                with image_path.open("rb") as handle:
                    validate_image_upload(
                        handle,
                        max_bytes=settings.SHOP_IMAGE_MAX_BYTES,
                        max_pixels=settings.SHOP_IMAGE_MAX_PIXELS,
                    )
            except ImageRejected as exc:
                errors.add(line, f"image {image!r}: {exc.message}")
                continue
        record = {
            "line": line,
            "sku": sku,
            "title": row["title"][:200],
            "price": Decimal(price_text) if price_text else None,
            "category": row["category"],
            "description": row["description"],
            "brand": row.get("brand", "")[:120],
            "image": image_path,
            "size": row.get("size", "")[:32],
            "colour": row.get("colour", "")[:40],
            "stock": stock,
        }
        if parent:
            record["parent"] = parent
            variants.append(record)
            continue
        if not record["title"]:
            errors.add(line, "a title is required")
            continue
        if not [part for part in record["category"].split(">") if part.strip()]:
            errors.add(line, "a category is required (e.g. 'Fashion > Tops')")
            continue
        products[sku] = record
    if not errors.full:
        _catalog_check_against_shop(products, variants, errors)
    if errors:
        raise ImportFailed(sorted(errors, key=_line_of))
    return _catalog_write(products, variants)


def _catalog_check_against_shop(
    products: dict[str, dict], variants: list[dict], errors: Errors
) -> None:
    """Parents exist, and no SKU is taken by another product's variant."""
    parent_skus = {record["parent"] for record in variants}
    in_shop = set(
        _in_chunks(
            parent_skus,
            lambda chunk: Product.objects.filter(sku__in=chunk).values_list(
                "sku", flat=True
            ),
        )
    )
    for record in variants:
        if record["parent"] not in products and record["parent"] not in in_shop:
            errors.add(
                record["line"],
                f"parent SKU {record['parent']!r} is neither in the file nor in the shop",
            )
    # The variant SKUs this file would create, and the product each must belong to.
    owners = {record["sku"]: (record["parent"], record["line"]) for record in variants}
    with_variant_rows = {record["parent"] for record in variants}
    for sku, record in products.items():
        if sku not in with_variant_rows:
            owners[sku] = (sku, record["line"])
    taken = dict(
        _in_chunks(
            owners,
            lambda chunk: Variant.objects.filter(sku__in=chunk).values_list(
                "sku", "product__sku"
            ),
        )
    )
    for sku, owner in taken.items():
        wanted, line = owners[sku]
        if owner != wanted:
            errors.add(line, f"SKU {sku!r} is already a variant of product {owner!r}")


def _in_chunks(keys, query: Callable, size: int = 500) -> Iterator:
    keys = list(keys)
    for start in range(0, len(keys), size):
        yield from query(keys[start : start + size])


def _line_of(message: str) -> int:
    try:
        return int(message.split(":", 1)[0].removeprefix("line "))
    except ValueError:
        return 10**9


def _category(path_text: str, cache: dict[str, Category]) -> Category:
    """The category at "Top > Child", creating the missing levels."""
    parent = None
    key = ""
    for name in [part.strip() for part in path_text.split(">") if part.strip()]:
        key = f"{key}>{name.lower()}"
        if key not in cache:
            found = Category.objects.filter(name__iexact=name, parent=parent).first()
            if found is None:
                found = Category.objects.create(
                    name=name[:120],
                    slug=_free_slug(Category, slugify(name)[:120] or "category"),
                    parent=parent,
                )
            cache[key] = found
        parent = cache[key]
    return parent


def _free_slug(model, base: str) -> str:
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _catalog_write(products: dict[str, dict], variants: list[dict]) -> ImportResult:
    from ..catalog import product_image_add, products_refresh_stock_flag

    result = ImportResult(rows=len(products) + len(variants))
    categories: dict[str, Category] = {}
    with transaction.atomic():
        for sku, record in products.items():
            category = _category(record["category"], categories)
            wanted = {
                "title": record["title"],
                "price": record["price"],
                "description": record["description"],
                "brand": record["brand"],
                "category_id": category.pk,
            }
            product = Product.objects.filter(sku=sku).first()
            if product is None:
                base = (slugify(record["title"]) or slugify(sku) or "product")[:140]
                product = Product.objects.create(
                    sku=sku, slug=_free_slug(Product, base), **wanted
                )
                result.created += 1
            elif any(getattr(product, name) != value for name, value in wanted.items()):
                for name, value in wanted.items():
                    setattr(product, name, value)
                product.save(update_fields=[*wanted, "updated_at"])
                result.updated += 1
            else:
                result.skipped += 1
            record["product"] = product
            if record["image"] is not None and not product.images.exists():
                # Processed after commit, by the worker in the production shape.
                with record["image"].open("rb") as handle:
                    product_image_add(
                        product=product,
                        file=File(handle, name=record["image"].name),
                        alt=record["title"],
                    )
        parents = {
            p.sku: p
            for p in Product.objects.filter(sku__in={v["parent"] for v in variants})
        }
        touched = {record["product"].pk for record in products.values()}
        with_variant_rows: dict[int, int] = {}  # product id → variant rows so far
        for record in variants:
            product = parents[record["parent"]]
            position = with_variant_rows.get(product.pk, 0)
            with_variant_rows[product.pk] = position + 1
            touched.add(product.pk)
            price = record["price"]
            wanted = {
                "size": record["size"],
                "colour_name": record["colour"],
                "price_override": price
                if price is not None and price != product.price
                else None,
            }
            if record["stock"] is not None:
                wanted["stock"] = record["stock"]
            variant, created = Variant.objects.get_or_create(
                sku=record["sku"],
                defaults={"product": product, "position": position, **wanted},
            )
            if created:
                result.created += 1
            elif any(getattr(variant, name) != value for name, value in wanted.items()):
                for name, value in wanted.items():
                    setattr(variant, name, value)
                variant.save(update_fields=list(wanted))
                result.updated += 1
            else:
                result.skipped += 1
        for sku, record in products.items():
            product = record["product"]
            if product.pk in with_variant_rows:
                continue
            # A product without variant rows is its own single variant (same SKU) —
            # unless it already has variants of its own from an earlier file.
            own = Variant.objects.filter(product=product, sku=sku).first()
            if own is None and not Variant.objects.filter(product=product).exists():
                Variant.objects.create(
                    product=product, sku=sku, stock=record["stock"] or 0
                )
            elif (
                own is not None
                and record["stock"] is not None
                and own.stock != record["stock"]
            ):
                Variant.objects.filter(pk=own.pk).update(stock=record["stock"])
        products_refresh_stock_flag(product_ids=sorted(touched))
    return result
