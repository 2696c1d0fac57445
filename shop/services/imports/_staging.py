"""The order import's second pass: rows streamed into a temporary staging table
(``COPY … FROM STDIN`` on PostgreSQL, batched inserts elsewhere), checked against the
shop, and turned into orders and lines by set-based SQL inside the database."""

from __future__ import annotations

import io
from collections.abc import Iterator

from django.conf import settings
from django.utils import timezone

from .reading import MAX_ERRORS, ImportFailed

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
STAGING_BATCH = 5000
COPY_BUFFER_CHARS = 1 << 20


def stage(cursor, rows: Iterator[tuple], *, postgres: bool) -> int:
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


def check_orders_agree(cursor, *, key_prefix: str) -> None:
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


def check_numbers_free(cursor) -> None:
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


def insert_orders(cursor, *, staged: int) -> tuple[int, int]:
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


def link_confirmed_accounts(cursor) -> None:
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
