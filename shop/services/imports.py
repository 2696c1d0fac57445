"""Bringing a shop's existing catalog and order history in from CSV files.

Both imports read the file twice, streaming: first every row is checked and bad
rows are reported with their line numbers (then nothing is written); then the rows
are written in one transaction. Importing the same file again changes nothing.
Memory does not grow with the file: orders pass through a staging table (COPY on
PostgreSQL) and are grouped inside the database.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.files import File
from django.db import connection, transaction
from django.utils.text import slugify

from ..models import Category, Product, Variant

MAX_ERRORS = 20
CATALOG_COLUMNS = ("sku", "title", "price", "category", "description", "image_path")
ORDER_COLUMNS = ("order_id", "email", "sku", "quantity", "unit_price", "placed_at")


class ImportFailed(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    skipped: int = 0
    notes: list[str] = field(default_factory=list)


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            yield (
                reader.line_num,
                {
                    key.strip(): (value or "").strip()
                    for key, value in row.items()
                    if key
                },
            )


def _header(path: Path, required: tuple[str, ...]) -> list[str]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        header = [name.strip() for name in next(csv.reader(handle), [])]
    missing = [name for name in required if name not in header]
    if missing:
        raise ImportFailed(
            [
                f"line 1: missing column(s): {', '.join(missing)} (expected {','.join(required)})"
            ]
        )
    return header


def _money(text: str) -> Decimal:
    value = Decimal(text)
    if (
        not value.is_finite()
        or value < 0
        or value != value.quantize(Decimal("0.01"))
        or value >= Decimal("1e10")
    ):
        raise InvalidOperation
    return value


class _Errors(list):
    def add(self, line: int, message: str) -> None:
        if len(self) < MAX_ERRORS:
            self.append(f"line {line}: {message}")
        elif len(self) == MAX_ERRORS:
            self.append("… and more; fix these first")


# --- catalog ---------------------------------------------------------------------


def catalog_import(*, path: Path) -> ImportResult:
    from ..images import ImageRejected, validate_image_upload

    path = Path(path)
    _header(path, CATALOG_COLUMNS)
    errors = _Errors()
    products: dict[str, dict] = {}
    variants: list[dict] = []
    seen: set[str] = set()
    for line, row in _rows(path):
        sku = row.get("sku", "")
        if not sku or len(sku) > 64:
            errors.add(line, "a SKU is required (at most 64 characters)")
            continue
        if sku in seen:
            errors.add(line, f"SKU {sku!r} appears twice")
            continue
        seen.add(sku)
        try:
            price = _money(row.get("price", ""))
        except (InvalidOperation, ValueError):
            errors.add(line, f"price {row.get('price')!r} is not an amount like 12.50")
            continue
        stock_text = row.get("stock", "")
        if stock_text and (not stock_text.isdigit() or int(stock_text) > 1_000_000):
            errors.add(line, f"stock {stock_text!r} is not a whole number of 0 or more")
            continue
        image = row.get("image_path", "")
        image_path = None
        if image:
            image_path = (
                (path.parent / image) if not Path(image).is_absolute() else Path(image)
            )
            if not image_path.is_file():
                errors.add(line, f"image {image!r} not found")
                continue
            try:
                with image_path.open("rb") as handle:
                    validate_image_upload(
                        handle, max_bytes=10 * 1024 * 1024, max_pixels=40_000_000
                    )
            except ImageRejected as exc:
                errors.add(line, f"image {image!r}: {exc.message}")
                continue
        record = {
            "line": line,
            "sku": sku,
            "title": row.get("title", "")[:200],
            "price": price,
            "category": row.get("category", ""),
            "description": row.get("description", ""),
            "brand": row.get("brand", "")[:120],
            "image": image_path,
            "size": row.get("size", "")[:32],
            "colour": row.get("colour", "")[:40],
            "stock": int(stock_text) if stock_text else None,
        }
        parent = row.get("parent_sku", "")
        if parent:
            record["parent"] = parent
            variants.append(record)
            continue
        if not record["title"]:
            errors.add(line, "a title is required")
            continue
        if not record["category"]:
            errors.add(line, "a category is required (e.g. 'Fashion > Tops')")
            continue
        products[sku] = record
    known_parents = set(
        Product.objects.filter(sku__in={v["parent"] for v in variants}).values_list(
            "sku", flat=True
        )
    )
    for record in variants:
        if record["parent"] not in products and record["parent"] not in known_parents:
            errors.add(
                record["line"],
                f"parent SKU {record['parent']!r} is neither in the file nor in the shop",
            )
    taken = dict(
        Variant.objects.filter(sku__in=[v["sku"] for v in variants]).values_list(
            "sku", "product__sku"
        )
    )
    for record in variants:
        if record["sku"] in taken and taken[record["sku"]] != record["parent"]:
            errors.add(
                record["line"],
                f"variant SKU {record['sku']!r} already belongs to product {taken[record['sku']]!r}",
            )
    if errors:
        raise ImportFailed(sorted(errors, key=_line_of))
    return _catalog_write(products, variants)


def _line_of(message: str) -> int:
    try:
        return int(message.split(":", 1)[0].removeprefix("line "))
    except ValueError:
        return 10**9


def _category(path_text: str, cache: dict[str, Category]) -> Category:
    parent = None
    key = ""
    for name in [part.strip() for part in path_text.split(">") if part.strip()]:
        key = f"{key}>{name}"
        if key not in cache:
            found = Category.objects.filter(name__iexact=name, parent=parent).first()
            if found is None:
                slug = base = slugify(name)[:120] or "category"
                n = 1
                while Category.objects.filter(slug=slug).exists():
                    n += 1
                    slug = f"{base}-{n}"
                found = Category.objects.create(name=name, slug=slug, parent=parent)
            cache[key] = found
        parent = cache[key]
    return parent


def _catalog_write(products: dict[str, dict], variants: list[dict]) -> ImportResult:
    from .catalog import product_image_add, products_refresh_stock_flag

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
                slug = base = slugify(record["title"])[:150] or slugify(sku)
                if Product.objects.filter(slug=slug).exists():
                    slug = f"{base[:140]}-{slugify(sku)}"[:160]
                product = Product.objects.create(sku=sku, slug=slug, **wanted)
                result.created += 1
            elif any(getattr(product, name) != value for name, value in wanted.items()):
                for name, value in wanted.items():
                    setattr(product, name, value)
                product.save(update_fields=[*wanted.keys(), "updated_at"])
                result.updated += 1
            else:
                result.skipped += 1
            record["product"] = product
            if record["image"] is not None and not product.images.exists():
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
        with_variants = set()
        for record in variants:
            product = parents[record["parent"]]
            with_variants.add(product.pk)
            wanted = {"size": record["size"], "colour_name": record["colour"]}
            if record["price"] != product.price:
                wanted["price_override"] = record["price"]
            if record["stock"] is not None:
                wanted["stock"] = record["stock"]
            variant, created = Variant.objects.get_or_create(
                sku=record["sku"], defaults={"product": product, **wanted}
            )
            if created:
                result.created += 1
            elif any(getattr(variant, name) != value for name, value in wanted.items()):
                for name, value in wanted.items():
                    setattr(variant, name, value)
                variant.save(update_fields=list(wanted))
                result.updated += 1
        for sku, record in products.items():
            product = record["product"]
            if product.pk in with_variants:
                continue
            # A product without variant rows is its own single variant (same SKU).
            wanted_stock = record["stock"]
            variant = Variant.objects.filter(product=product).first()
            if variant is None:
                Variant.objects.create(
                    product=product, sku=sku, stock=wanted_stock or 0
                )
            elif wanted_stock is not None and variant.stock != wanted_stock:
                Variant.objects.filter(pk=variant.pk).update(stock=wanted_stock)
        products_refresh_stock_flag(
            product_ids=[r["product"].pk for r in products.values()]
            + list(with_variants)
        )
    return result


# --- orders ----------------------------------------------------------------------


def _sku_index() -> dict[str, tuple[int, int, str, str, str]]:
    """SKU → (variant id, product id, sku, title, label): variants' own SKUs, and
    single-variant products' SKUs. Catalog-sized, built once; never a query per row."""
    index: dict[str, tuple[int, int, str, str, str]] = {}
    per_product: dict[int, list] = {}
    rows = Variant.objects.values_list(
        "pk",
        "product_id",
        "sku",
        "product__sku",
        "product__title",
        "size",
        "colour_name",
    )
    for pk, product_id, sku, product_sku, title, size, colour in rows.iterator(
        chunk_size=5000
    ):
        label = " / ".join(part for part in (size, colour) if part)
        index[sku] = (pk, product_id, sku, title, label)
        per_product.setdefault(product_id, []).append((product_sku, index[sku]))
    for entries in per_product.values():
        if len(entries) == 1:
            index.setdefault(entries[0][0], entries[0][1])
    return index


def _placed_at(text: str) -> datetime:
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


def order_number_for(order_id: str) -> str:
    number = f"I-{order_id}"
    if len(number) <= 20 and all(ch.isalnum() or ch in "-_." for ch in order_id):
        return number
    return "I-" + hashlib.sha1(order_id.encode()).hexdigest()[:18]  # noqa: S324 — a name, not a secret


def _validated_order_rows(path: Path, index) -> Iterator[tuple]:
    """Staging rows, or ImportFailed with every problem's line number."""
    errors = _Errors()
    for line, row in _rows(path):
        order_id = row.get("order_id", "")
        email = row.get("email", "")
        sku = row.get("sku", "")
        if not order_id or len(order_id) > 50:
            errors.add(line, "an order_id is required (at most 50 characters)")
            continue
        if "@" not in email or len(email) > 254 or " " in email:
            errors.add(line, f"email {email!r} is not an email address")
            continue
        target = index.get(sku)
        if target is None:
            errors.add(line, f"unknown SKU {sku!r}")
            continue
        quantity_text = row.get("quantity", "")
        if not quantity_text.isdigit() or not 1 <= int(quantity_text) <= 10_000:
            errors.add(
                line,
                f"quantity {quantity_text!r} must be a whole number from 1 to 10000",
            )
            continue
        try:
            unit_price = _money(row.get("unit_price", ""))
        except (InvalidOperation, ValueError):
            errors.add(
                line,
                f"unit_price {row.get('unit_price')!r} is not an amount like 12.50",
            )
            continue
        try:
            placed = _placed_at(row.get("placed_at", ""))
        except ValueError:
            errors.add(
                line,
                f"placed_at {row.get('placed_at')!r} is not an ISO 8601 date and time",
            )
            continue
        if errors:
            continue  # keep checking, but stop producing rows
        quantity = int(quantity_text)
        variant_id, product_id, variant_sku, title, label = target
        yield (
            line,
            f"import-{order_id}",
            order_number_for(order_id),
            email.lower(),
            placed,
            variant_id,
            product_id,
            variant_sku,
            title[:200],
            label[:80],
            quantity,
            unit_price,
            unit_price * quantity,
        )
    if errors:
        raise ImportFailed(list(errors))


STAGING_COLUMNS = (
    "line integer, idem varchar(64), number varchar(20), email varchar(254), placed_at timestamptz, "
    "variant_id bigint, product_id bigint, sku varchar(64), title varchar(200), label varchar(80), "
    "quantity integer, unit_price numeric(12,2), line_total numeric(12,2)"
)


def orders_import(*, path: Path) -> ImportResult:
    path = Path(path)
    _header(path, ORDER_COLUMNS)
    index = _sku_index()
    # Pass 1: check everything; nothing is written if a row is bad.
    rows = 0
    for _ in _validated_order_rows(path, index):
        rows += 1
    # Pass 2: stream into a staging table and group inside the database.
    with transaction.atomic(), connection.cursor() as cursor:
        postgres = connection.vendor == "postgresql"
        columns = (
            STAGING_COLUMNS
            if postgres
            else STAGING_COLUMNS.replace("timestamptz", "datetime")
        )
        cursor.execute("DROP TABLE IF EXISTS import_order_rows")
        cursor.execute(f"CREATE TEMPORARY TABLE import_order_rows ({columns})")
        if postgres:
            with cursor.cursor.copy("COPY import_order_rows FROM STDIN") as copy:
                for row in _validated_order_rows(path, index):
                    copy.write_row(row)
        else:
            batch = []
            sql = (
                "INSERT INTO import_order_rows VALUES (" + ", ".join(["%s"] * 13) + ")"
            )
            adapt = connection.ops.adapt_datetimefield_value
            for row in _validated_order_rows(path, index):
                batch.append(
                    (*row[:4], adapt(row[4]), *row[5:11], str(row[11]), str(row[12]))
                )
                if len(batch) == 5000:
                    cursor.executemany(sql, batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
        cursor.execute("SELECT COUNT(DISTINCT idem) FROM import_order_rows")
        in_file = cursor.fetchone()[0]
        cursor.execute(
            """
            INSERT INTO shop_order (
                number, idempotency_key, email, status, currency, subtotal, shipping, discount,
                gift_card_amount, total, shipping_name, shipping_line1, shipping_line2, shipping_city,
                shipping_postcode, shipping_country, payment_reference, card_last4, is_imported,
                placed_at, updated_at
            )
            SELECT MIN(number), idem, MIN(email), 'paid', %s, SUM(line_total), 0, 0, 0, SUM(line_total),
                   '', '', '', '', '', '', '', '', %s, MIN(placed_at), %s
            FROM import_order_rows GROUP BY idem
            ORDER BY MIN(placed_at), idem
            ON CONFLICT DO NOTHING
            """,
            [_currency(), True, datetime.now(UTC)],
        )
        created = cursor.rowcount
        cursor.execute(
            """
            INSERT INTO shop_orderline (order_id, product_id, variant_id, sku, title, variant_label,
                                        unit_price, quantity, line_total)
            SELECT o.id, s.product_id, s.variant_id, s.sku, s.title, s.label, s.unit_price, s.quantity, s.line_total
            FROM import_order_rows s JOIN shop_order o ON o.idempotency_key = s.idem
            WHERE NOT EXISTS (SELECT 1 FROM shop_orderline l WHERE l.order_id = o.id)
            ORDER BY o.id, s.line
            """
        )
        lines = cursor.rowcount
        cursor.execute("DROP TABLE import_order_rows")
    return ImportResult(
        rows=rows,
        created=created,
        skipped=in_file - created,
        notes=[f"{lines} order lines written"],
    )


def _currency() -> str:
    from django.conf import settings

    return settings.SHOP_CURRENCY
