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

``reading`` reads the CSV files, ``catalog`` and ``orders`` check and write, and
``_staging`` is the orders' staging table.
"""

from .catalog import CATALOG_COLUMNS, CATALOG_OPTIONAL_COLUMNS, catalog_import
from .orders import (
    ORDER_COLUMNS,
    ORDER_OPTIONAL_COLUMNS,
    order_number_for,
    orders_import,
    orders_import_rows,
    sku_index,
)
from .reading import MAX_ERRORS, ImportFailed, ImportResult

__all__ = [
    "CATALOG_COLUMNS",
    "CATALOG_OPTIONAL_COLUMNS",
    "MAX_ERRORS",
    "ORDER_COLUMNS",
    "ORDER_OPTIONAL_COLUMNS",
    "ImportFailed",
    "ImportResult",
    "catalog_import",
    "order_number_for",
    "orders_import",
    "orders_import_rows",
    "sku_index",
]
