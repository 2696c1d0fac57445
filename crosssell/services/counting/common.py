"""What both ways of counting share: the counted statuses and the pair's key.

A product pair (a < b) is stored under one bigint id, ``a * 2**32 + b``.
"""

from __future__ import annotations

from shop.models import Order

from ...models import BasketTotal

COUNTED_STATUSES = Order.COUNTED_STATUSES
PAIR_KEY = 4294967296  # 2**32: the pair's id is a * 2**32 + b
STATUS_SQL = ", ".join(f"'{status}'" for status in COUNTED_STATUSES)


def total_row() -> None:
    """Make sure the one BasketTotal row exists."""
    BasketTotal.objects.get_or_create(pk=1)
