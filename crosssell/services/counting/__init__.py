"""Counting baskets and pairs — incrementally per order, or all at once.

Everything here is set-based SQL, and both paths produce exactly the same rows:
``incremental`` counts one order in or out as it is paid or refunded, ``recompute``
rebuilds every count from the paid orders; ``common`` holds what they share.
"""

from .common import COUNTED_STATUSES, PAIR_KEY
from .incremental import order_count, order_uncount
from .recompute import (
    BASKET_LINES,
    counts_recompute,
    pair_counts_sql,
    recompute_session,
)

__all__ = [
    "BASKET_LINES",
    "COUNTED_STATUSES",
    "PAIR_KEY",
    "counts_recompute",
    "order_count",
    "order_uncount",
    "pair_counts_sql",
    "recompute_session",
]
