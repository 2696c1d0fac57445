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


PANELS_GENERATION_KEY = "crosssell:panels:generation"


def _panels_generation() -> int:
    """Bumped when the exclusion rules change: those reach every product's panels."""
    return cache.get_or_set(PANELS_GENERATION_KEY, 1, None)


def added_panel_key(product_id: int) -> str:
    return f"crosssell:panel:added:{_panels_generation()}:{product_id}"


def together_panel_key(product_id: int) -> str:
    return f"crosssell:panel:together:{_panels_generation()}:{product_id}"


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


def lists_forget(product_ids: Iterable[int]) -> None:
    """Drop the cached lists of these products and the panels that show them."""
    product_ids = set(product_ids)
    keys = [list_cache_key(pid) for pid in product_ids]
    keys += [added_panel_key(pid) for pid in product_ids]
    keys += [together_panel_key(pid) for pid in product_ids]
    if keys:
        cache.delete_many(keys)


def rules_forget() -> None:
    """Drop the cached exclusion rules, and every panel built with them."""
    cache.delete(RULES_CACHE_KEY)
    try:
        cache.incr(PANELS_GENERATION_KEY)
    except ValueError:  # not cached yet: no panel was built under a generation
        cache.set(PANELS_GENERATION_KEY, 2, None)
