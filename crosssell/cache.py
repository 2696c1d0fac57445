"""Every cache key of crosssell, and the functions that forget them.

A leaf: it imports no other module of the app, so selectors, services and panels
can all use it without importing each other.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction

RULES_CACHE_KEY = "crosssell:rules:v1"


def list_cache_key(product_id: int) -> str:
    return f"crosssell:list:v1:{product_id}"


def quotes_cache_key(product_id: int) -> str:
    return f"crosssell:quotes:v1:{product_id}"


def added_panel_key(product_id: int) -> str:
    return f"crosssell:panel:added:{product_id}"


def together_panel_key(product_id: int) -> str:
    return f"crosssell:panel:together:{product_id}"


def quotes_forget(product_ids: Iterable[int]) -> None:
    """Drop the cached quotes and the panels that quote them, of these products."""
    product_ids = set(product_ids)
    keys = [added_panel_key(pid) for pid in product_ids]
    keys += [together_panel_key(pid) for pid in product_ids]
    keys += [quotes_cache_key(pid) for pid in product_ids]
    if keys:
        # Now, and again after commit: a reader between the two may have cached
        # the old state, and the second delete drops it.
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))
