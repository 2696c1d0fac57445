"""Bringing a shop's existing catalog and order history in from CSV files.

Both imports check every row before writing anything: bad rows are reported with
their line numbers (up to ``MAX_ERRORS`` of them) and then nothing is written. The
writing happens in one transaction, and importing the same file again changes
nothing (products and variants are keyed on SKU, orders on ``import-<order_id>``).

Orders are meant for big files, so memory does not grow with the file: the file is
read twice, streaming — a validation pass, then a pass that streams the rows into a
temporary staging table (``COPY … FROM STDIN`` on PostgreSQL, batched inserts
elsewhere) — and the orders and lines are built from the staging table by
set-based SQL inside the database. Python holds one SKU → variant dictionary the
size of the catalog, never the file. Imported orders are history: stock is not
touched, no signal is sent, no email goes out. An imported order joins an account
only through a confirmed email address (``services.accounts``): at import when the
address is already confirmed, else when it is confirmed or at the next sign-in.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from ..models import Category, Product, Variant

MAX_ERRORS = 20
CATALOG_COLUMNS = ("sku", "title", "price", "category", "description", "image_path")
CATALOG_OPTIONAL_COLUMNS = ("parent_sku", "size", "colour", "brand", "stock")
ORDER_COLUMNS = ("order_id", "email", "sku", "quantity", "unit_price", "placed_at")
# Optional, per order: what was charged for shipping and where it went.
ORDER_OPTIONAL_COLUMNS = {
    "shipping": None,
    "shipping_name": 120,
    "shipping_line1": 200,
    "shipping_city": 100,
    "shipping_postcode": 20,
    "shipping_country": 60,
}
ORDER_KEY_PREFIX = "import-"
ORDER_NUMBER_PREFIX = "I-"
MAX_QUANTITY = 10_000
MAX_STOCK = 1_000_000
# Strict shapes that Python and the database read identically.
MONEY = re.compile(r"[0-9]{1,10}(?:\.[0-9]{1,2})?")
WHOLE_NUMBER = re.compile(r"[0-9]{1,7}")
SAFE_ORDER_ID = re.compile(r"[A-Za-z0-9._-]+")
STAGING_BATCH = 5000
COPY_BUFFER_CHARS = 1 << 20


class ImportFailed(Exception):
    """The file was refused; ``errors`` are "line N: …" messages. Nothing was written."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    skipped: int = 0
    lines: int = 0
    notes: list[str] = field(default_factory=list)


class _Errors(list):
    """Collects at most MAX_ERRORS messages; ``full`` tells the reader to stop."""

    full = False

    def add(self, line: int, message: str) -> None:
        if len(self) < MAX_ERRORS:
            self.append(f"line {line}: {message}")
        elif not self.full:
            self.append(
                f"… more errors after line {line - 1} not shown; fix these first"
            )
            self.full = True


# --- reading ----------------------------------------------------------------------


def _header(path: Path, required: tuple[str, ...]) -> list[str]:
    """The file's column names; ImportFailed if one we need is missing."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            header = [name.strip() for name in next(csv.reader(handle), [])]
    except UnicodeDecodeError:
        raise ImportFailed(
            ["line 1: the file is not UTF-8 text (save it as CSV UTF-8)"]
        ) from None
    if not header:
        raise ImportFailed(["line 1: the file is empty; expected a header row"])
    missing = [name for name in required if name not in header]
    if missing:
        raise ImportFailed(
            [
                f"line 1: missing column(s): {', '.join(missing)} (expected {','.join(required)})"
            ]
        )
    duplicated = sorted({name for name in header if name and header.count(name) > 1})
    if duplicated:
        raise ImportFailed([f"line 1: column(s) appear twice: {', '.join(duplicated)}"])
    return header


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str] | None]]:
    """(line number, stripped row) streaming; the row is None when its field count is
    wrong. The line number is where the record ends (quoted fields may span lines)."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        reader.fieldnames = [name.strip() for name in reader.fieldnames or []]
        try:
            for row in reader:
                if None in row or None in row.values():
                    yield reader.line_num, None
                    continue
                yield (
                    reader.line_num,
                    {key: value.strip() for key, value in row.items()},
                )
        except (csv.Error, UnicodeDecodeError) as exc:
            raise ImportFailed(
                [f"line {reader.line_num + 1}: unreadable CSV ({exc})"]
            ) from None


def _field_count_error(header: list[str]) -> str:
    return f"expected {len(header)} fields like the header, found a different number"


def _stock(text: str) -> int | None:
    if not text:
        return None
    if not WHOLE_NUMBER.fullmatch(text) or int(text) > MAX_STOCK:
        raise ValueError
    return int(text)


# --- catalog ----------------------------------------------------------------------


def catalog_import(*, path: Path | str) -> ImportResult:
    """Create or update products and variants from a catalog CSV.

    A row with ``parent_sku`` is a variant of that product (a row of the file or an
    existing product); a product with no variant rows is its own single variant,
    with the product's SKU. Catalog-sized: the checked rows are kept in memory.
    """
    from ..images import ImageRejected, validate_image_upload

    path = Path(path)
    header = _header(path, CATALOG_COLUMNS)
    errors = _Errors()
    products: dict[str, dict] = {}
    variants: list[dict] = []
    seen: set[str] = set()
    for line, row in _rows(path):
        if errors.full:
            break
        if row is None:
            errors.add(line, _field_count_error(header))
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
    products: dict[str, dict], variants: list[dict], errors: _Errors
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


# --- orders ----------------------------------------------------------------------


def sku_index() -> dict[str, int]:
    """SKU → variant id for every variant's own SKU, plus every single-variant
    product's SKU: ``selectors.variant_by_sku`` for a whole file, in one query."""
    index: dict[str, int] = {}
    by_product: dict[int, list[tuple[str, int]]] = {}
    rows = Variant.objects.values_list("pk", "sku", "product_id", "product__sku")
    for pk, sku, product_id, product_sku in rows.iterator(chunk_size=5000):
        index[sku] = pk
        by_product.setdefault(product_id, []).append((product_sku, pk))
    for entries in by_product.values():
        if len(entries) == 1:
            product_sku, pk = entries[0]
            index.setdefault(product_sku, pk)  # a variant's own SKU wins
    return index


def order_number_for(order_id: str, *, prefix: str = ORDER_NUMBER_PREFIX) -> str:
    """``I-<order_id>``, or a hash of it when that would not fit the 20-character field."""
    if len(order_id) <= 20 - len(prefix) and SAFE_ORDER_ID.fullmatch(order_id):
        return prefix + order_id
    digest = hashlib.sha1(order_id.encode()).hexdigest()  # noqa: S324 — a name, not a secret
    return prefix + digest[: 20 - len(prefix)]


def _placed_at(text: str, latest: datetime) -> datetime:
    value = datetime.fromisoformat(text)
    value = value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    if not datetime(1990, 1, 1, tzinfo=UTC) <= value <= latest:
        raise ValueError
    return value


def _order_rows(
    rows: Iterator[tuple[int, dict[str, str] | None]],
    header: list[str],
    index: dict[str, int],
    as_text: Callable,
    *,
    key_prefix: str,
    number_prefix: str,
) -> Iterator[tuple]:
    """Checked rows as (line, key, number, email, placed_at text, variant id, quantity,
    unit price text, shipping text, then the shipping address's five fields). Raises
    ImportFailed, after reading on to collect up to MAX_ERRORS problems, if any row is
    bad; stops yielding at the first."""
    errors = _Errors()
    latest = timezone.now() + timedelta(days=1)
    # Rows of one order usually follow each other: remember the last answers.
    last_order_id = last_key = last_number = None
    last_email_checked = None
    last_placed = last_placed_text = None
    for line, row in rows:
        if row is None:
            errors.add(line, _field_count_error(header))
            if errors.full:
                break
            continue
        order_id = row["order_id"]
        email = row["email"]
        sku = row["sku"]
        quantity = row["quantity"]
        unit_price = row["unit_price"]
        placed = row["placed_at"]
        shipping = row.get("shipping") or "0"
        address = [row.get(name, "") for name in list(ORDER_OPTIONAL_COLUMNS)[1:]]
        problem = _shipping_problem(shipping, address)
        if problem is not None:
            pass
        elif not order_id or len(order_id) > 50:
            problem = "an order_id is required (at most 50 characters)"
        elif email != last_email_checked and not _is_email(email):
            problem = f"email {email!r} is not an email address"
        elif sku not in index:
            problem = f"unknown SKU {sku!r}"
        elif (
            not WHOLE_NUMBER.fullmatch(quantity)
            or not 1 <= int(quantity) <= MAX_QUANTITY
        ):
            problem = (
                f"quantity {quantity!r} must be a whole number from 1 to {MAX_QUANTITY}"
            )
        elif not MONEY.fullmatch(unit_price):
            problem = f"unit_price {unit_price!r} is not an amount like 12.50"
        elif placed != last_placed_text:
            try:
                last_placed = as_text(_placed_at(placed, latest))
                last_placed_text = placed
            except ValueError:
                problem = (
                    f"placed_at {placed!r} is not an ISO 8601 date and time in the past"
                )
        if problem is not None:
            errors.add(line, problem)
            if errors.full:
                break
            continue
        last_email_checked = email
        if errors:
            continue  # keep checking, but stop producing rows
        if order_id != last_order_id:
            last_order_id = order_id
            last_key = key_prefix + order_id
            last_number = order_number_for(order_id, prefix=number_prefix)
        yield (
            line,
            last_key,
            last_number,
            email.lower(),
            last_placed,
            index[sku],
            int(quantity),
            unit_price,
            shipping,
            *address,
        )
    if errors:
        raise ImportFailed(list(errors))


def _shipping_problem(shipping: str, address: list[str]) -> str | None:
    if not MONEY.fullmatch(shipping):
        return f"shipping {shipping!r} is not an amount like 4.95"
    limits = list(ORDER_OPTIONAL_COLUMNS.items())[1:]
    for (name, limit), value in zip(limits, address, strict=True):
        if len(value) > limit or "\x00" in value:
            return f"{name} must be text of at most {limit} characters"
    return None


def _is_email(text: str) -> bool:
    if len(text) > 254:
        return False
    try:
        validate_email(text)
    except ValidationError:
        return False
    return True


STAGING_TABLE = "import_order_rows"
STAGING_COLUMNS = {
    "postgresql": (
        "line integer, idem varchar(64), number varchar(20), email varchar(254), "
        "placed_at timestamptz, variant_id bigint, quantity integer, unit_price numeric(12,2), "
        "shipping numeric(12,2), name varchar(120), line1 varchar(200), city varchar(100), "
        "postcode varchar(20), country varchar(60)"
    ),
    "default": (
        "line integer, idem varchar(64), number varchar(20), email varchar(254), "
        "placed_at datetime, variant_id bigint, quantity integer, unit_price decimal, "
        "shipping decimal, name varchar(120), line1 varchar(200), city varchar(100), "
        "postcode varchar(20), country varchar(60)"
    ),
}
COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def orders_import(*, path: Path | str) -> ImportResult:
    """Import past orders, one CSV row per order line.

    Orders become ``paid``, ``is_imported`` orders keyed on ``import-<order_id>``
    (existing ones are skipped whole), numbered ``I-<order_id>``, with totals from
    their lines (plus the optional ``shipping``). SKUs are variant SKUs or
    single-variant products' SKUs.
    """
    path = Path(path)
    header = _header(path, ORDER_COLUMNS)
    return _orders_write(
        lambda: _rows(path),
        header=header,
        key_prefix=ORDER_KEY_PREFIX,
        number_prefix=ORDER_NUMBER_PREFIX,
    )


def orders_import_rows(
    *,
    rows: Sequence[Mapping[str, str]],
    key_prefix: str,
    number_prefix: str,
) -> ImportResult:
    """The same import from rows already in memory (a generated history): each row a
    mapping of ORDER_COLUMNS and any of ORDER_OPTIONAL_COLUMNS to text, checked and
    written exactly like a file's. Orders are keyed ``<key_prefix><order_id>`` and
    numbered ``<number_prefix><order_id>``, so that they never meet a file's."""
    header = [*ORDER_COLUMNS, *ORDER_OPTIONAL_COLUMNS]
    return _orders_write(
        lambda: (
            (line, {name: str(row.get(name, "")).strip() for name in header})
            for line, row in enumerate(rows, start=2)
        ),
        header=header,
        key_prefix=key_prefix,
        number_prefix=number_prefix,
    )


def _orders_write(
    read: Callable[[], Iterator[tuple[int, dict[str, str] | None]]],
    *,
    header: list[str],
    key_prefix: str,
    number_prefix: str,
) -> ImportResult:
    """Check every row read by ``read()``, then stage them and write the orders."""
    index = sku_index()
    postgres = connection.vendor == "postgresql"
    as_text = _datetime_text_for(connection)

    def checked() -> Iterator[tuple]:
        return _order_rows(
            read(),
            header,
            index,
            as_text,
            key_prefix=key_prefix,
            number_prefix=number_prefix,
        )

    # Pass 1: check everything; nothing is written if a row is bad.
    rows = sum(1 for _ in checked())
    result = ImportResult(rows=rows)
    if not rows:
        return result
    # Pass 2: stream into a staging table; build orders and lines inside the database.
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            columns = STAGING_COLUMNS["postgresql" if postgres else "default"]
            cursor.execute(f"DROP TABLE IF EXISTS {STAGING_TABLE}")
            cursor.execute(f"CREATE TEMPORARY TABLE {STAGING_TABLE} ({columns})")
            staged = _stage(cursor, checked(), postgres=postgres)
            if postgres:
                cursor.execute(f"ANALYZE {STAGING_TABLE}")
            _check_orders_agree(cursor, key_prefix=key_prefix)
            cursor.execute(f"SELECT COUNT(DISTINCT idem) FROM {STAGING_TABLE}")
            in_file = cursor.fetchone()[0]
            # Orders already imported are skipped whole.
            cursor.execute(
                f"DELETE FROM {STAGING_TABLE} WHERE idem IN "
                f"(SELECT idempotency_key FROM shop_order WHERE idempotency_key LIKE %s)",
                [key_prefix + "%"],
            )
            staged -= max(cursor.rowcount, 0)
            _check_numbers_free(cursor)
            result.created, result.lines = _insert_orders(cursor, staged=staged)
            _link_confirmed_accounts(cursor)
            result.skipped = in_file - result.created
            cursor.execute(f"DROP TABLE {STAGING_TABLE}")
    except IntegrityError as exc:
        # Only a concurrent import of the same orders gets here; nothing was written.
        raise ImportFailed(
            [f"the orders could not be written ({exc}); nothing was imported"]
        ) from exc
    return result


def _datetime_text_for(conn) -> Callable[[datetime], str]:
    if conn.vendor == "postgresql":
        return datetime.isoformat
    return conn.ops.adapt_datetimefield_value


def _stage(cursor, rows: Iterator[tuple], *, postgres: bool) -> int:
    count = 0
    if postgres:
        # COPY's text format, written in large chunks: no per-value adaptation.
        buffer = io.StringIO()
        with cursor.cursor.copy(f"COPY {STAGING_TABLE} FROM STDIN") as copy:
            for (
                line,
                key,
                number,
                email,
                placed,
                variant_id,
                quantity,
                price,
                shipping,
                *address,
            ) in rows:
                texts = "\t".join(value.translate(COPY_ESCAPES) for value in address)
                buffer.write(
                    f"{line}\t{key.translate(COPY_ESCAPES)}\t{number}\t{email.translate(COPY_ESCAPES)}"
                    f"\t{placed}\t{variant_id}\t{quantity}\t{price}\t{shipping}\t{texts}\n"
                )
                count += 1
                if buffer.tell() > COPY_BUFFER_CHARS:
                    copy.write(buffer.getvalue())
                    buffer = io.StringIO()
            copy.write(buffer.getvalue())
        return count
    sql = f"INSERT INTO {STAGING_TABLE} VALUES ({', '.join(['%s'] * 14)})"
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == STAGING_BATCH:
            cursor.executemany(sql, batch)
            count += len(batch)
            batch = []
    if batch:
        cursor.executemany(sql, batch)
        count += len(batch)
    return count


def _check_orders_agree(cursor, *, key_prefix: str) -> None:
    """All rows of one order must name the same email, placed_at and shipping."""
    cursor.execute(
        f"""
        SELECT idem, MIN(line), MAX(line),
               MIN(email) <> MAX(email) OR MIN(placed_at) <> MAX(placed_at)
        FROM {STAGING_TABLE} GROUP BY idem
        HAVING MIN(email) <> MAX(email) OR MIN(placed_at) <> MAX(placed_at)
            OR MIN(shipping) <> MAX(shipping) OR MIN(name) <> MAX(name)
            OR MIN(line1) <> MAX(line1) OR MIN(city) <> MAX(city)
            OR MIN(postcode) <> MAX(postcode) OR MIN(country) <> MAX(country)
        ORDER BY MIN(line) LIMIT {MAX_ERRORS}
        """
    )
    problems = cursor.fetchall()
    if problems:
        raise ImportFailed(
            [
                f"line {last}: order {key.removeprefix(key_prefix)!r} has a different "
                + ("email or placed_at" if basics else "shipping")
                + f" than on line {first}"
                for key, first, last, basics in problems
            ]
        )


def _check_numbers_free(cursor) -> None:
    cursor.execute(
        f"""
        SELECT s.number, MIN(s.line) FROM {STAGING_TABLE} s
        JOIN shop_order o ON o.number = s.number
        GROUP BY s.number ORDER BY MIN(s.line) LIMIT {MAX_ERRORS}
        """
    )
    clashes = cursor.fetchall()
    if clashes:
        raise ImportFailed(
            [
                f"line {line}: order number {number!r} is already used by another order"
                for number, line in clashes
            ]
        )


def _insert_orders(cursor, *, staged: int) -> tuple[int, int]:
    """Orders, then their lines, from what is left in the staging table (all new)."""
    cursor.execute(
        f"""
        INSERT INTO shop_order (
            number, idempotency_key, email, status, currency, subtotal, shipping, discount,
            gift_card_amount, total, shipping_name, shipping_line1, shipping_line2,
            shipping_city, shipping_postcode, shipping_country, payment_reference,
            card_last4, is_imported, placed_at, updated_at
        )
        SELECT MIN(number), idem, MIN(email), %s, %s, SUM(unit_price * quantity),
               MIN(shipping), 0, 0, SUM(unit_price * quantity) + MIN(shipping), MIN(name),
               MIN(line1), '', MIN(city), MIN(postcode), MIN(country), '', '', %s,
               MIN(placed_at), %s
        FROM {STAGING_TABLE} GROUP BY idem
        ORDER BY MIN(placed_at), idem
        """,
        ["paid", settings.SHOP_CURRENCY, True, timezone.now()],
    )
    created = cursor.rowcount
    cursor.execute(
        f"""
        INSERT INTO shop_orderline (
            order_id, product_id, variant_id, sku, title, variant_label, unit_price,
            quantity, line_total
        )
        SELECT o.id, v.product_id, v.id, v.sku, p.title,
               CASE WHEN v.size <> '' AND v.colour_name <> '' THEN v.size || ' / ' || v.colour_name
                    ELSE v.size || v.colour_name END,
               s.unit_price, s.quantity, s.unit_price * s.quantity
        FROM {STAGING_TABLE} s
        JOIN shop_order o ON o.idempotency_key = s.idem
        JOIN shop_variant v ON v.id = s.variant_id
        JOIN shop_product p ON p.id = v.product_id
        ORDER BY s.line
        """
    )
    lines = cursor.rowcount
    if lines != staged:
        # A variant was deleted between the passes: refuse rather than drop lines.
        raise ImportFailed(
            [
                f"{staged - lines} lines name variants deleted during the import; try again"
            ]
        )
    return created, lines


def _link_confirmed_accounts(cursor) -> None:
    """The new orders whose email is a confirmed address of exactly one account join
    that account, in one statement; an unconfirmed address links nothing."""
    from allauth.account.models import EmailAddress

    addresses = EmailAddress._meta.db_table
    cursor.execute(
        f"""
        WITH owners AS (
            SELECT LOWER(email) AS email, MIN(user_id) AS user_id FROM {addresses}
            WHERE verified GROUP BY LOWER(email) HAVING COUNT(DISTINCT user_id) = 1
        )
        UPDATE shop_order SET user_id = owners.user_id FROM owners
        WHERE shop_order.user_id IS NULL AND shop_order.email = owners.email
          AND shop_order.idempotency_key IN (SELECT idem FROM {STAGING_TABLE})
        """
    )
