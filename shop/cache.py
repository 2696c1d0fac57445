"""Caches of what is the same for every visitor, and their invalidation.

The product page's body (gallery, details, buy box) is rendered once per product and
kept until the product, its variants, stock, images or colours change. The visitor's
own parts — mini-cart, CSRF token (``core.cache``), panels — are added per request.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db import transaction

PRODUCT_PAGE_TIMEOUT = 60 * 60


def product_page_key(slug: str) -> str:
    return f"product-page:v3:{slug}"  # v3: the body carries variant_choices


def product_page_cached(slug: str, build: Callable[[str], dict]) -> dict:
    """The product page's cached body for ``slug``; ``build(slug)`` makes and stores
    it on a miss (a missing product is cached too, as ``{"missing": True}``)."""
    cached = cache.get(product_page_key(slug))
    if cached is None:
        cached = build(slug)
        cache.set(product_page_key(slug), cached, PRODUCT_PAGE_TIMEOUT)
    return cached


def product_pages_forget(
    *, slugs: Iterable[str] = (), product_ids: Iterable[int] = ()
) -> None:
    """Drop cached product pages, after the current transaction commits."""
    slugs = set(slugs)
    product_ids = set(product_ids)

    def forget() -> None:
        keys = {product_page_key(slug) for slug in slugs}
        if product_ids:
            from .models import Product

            keys |= {
                product_page_key(slug)
                for slug in Product.objects.filter(pk__in=product_ids).values_list(
                    "slug", flat=True
                )
            }
        if keys:
            cache.delete_many(list(keys))

    transaction.on_commit(forget)
