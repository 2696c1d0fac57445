"""The order import: past orders from CSV (or rows in memory), checked, then staged."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from ...models import Variant
from ._staging import (
    STAGING_COLUMNS,
    STAGING_TABLE,
    check_numbers_free,
    check_orders_agree,
    insert_orders,
    link_confirmed_accounts,
    stage,
)
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
SAFE_ORDER_ID = re.compile(r"[A-Za-z0-9._-]+")


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
    errors = Errors()
    latest = timezone.now() + timedelta(days=1)
    # Rows of one order usually follow each other: remember the last answers.
    last_order_id = last_key = last_number = None
    last_email_checked = None
    last_placed = last_placed_text = None
    for line, row in rows:
        if row is None:
            errors.add(line, field_count_error(header))
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


def orders_import(*, path: Path | str) -> ImportResult:
    """Import past orders, one CSV row per order line.

    Orders become ``paid``, ``is_imported`` orders keyed on ``import-<order_id>``
    (existing ones are skipped whole), numbered ``I-<order_id>``, with totals from
    their lines (plus the optional ``shipping``). SKUs are variant SKUs or
    single-variant products' SKUs.
    """
    path = Path(path)
    header = read_header(path, ORDER_COLUMNS)
    return _orders_write(
        lambda: read_rows(path),
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
            staged = stage(cursor, checked(), postgres=postgres)
            if postgres:
                cursor.execute(f"ANALYZE {STAGING_TABLE}")
            check_orders_agree(cursor, key_prefix=key_prefix)
            cursor.execute(f"SELECT COUNT(DISTINCT idem) FROM {STAGING_TABLE}")
            in_file = cursor.fetchone()[0]
            # Orders already imported are skipped whole.
            cursor.execute(
                f"DELETE FROM {STAGING_TABLE} WHERE idem IN "
                f"(SELECT idempotency_key FROM shop_order WHERE idempotency_key LIKE %s)",
                [key_prefix + "%"],
            )
            staged -= max(cursor.rowcount, 0)
            check_numbers_free(cursor)
            result.created, result.lines = insert_orders(cursor, staged=staged)
            link_confirmed_accounts(cursor)
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
