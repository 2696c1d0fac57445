"""Reads for the cross-sell panels and API."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Prefetch, Q

from shop.models import Product, ProductImage, Variant

from .models import Exclusion, HiddenPair, PinnedPartner, ProductCrosssells
from .services.lists import list_cache_key

LIST_CACHE_TIMEOUT = 60 * 60 * 6
RULES_CACHE_KEY = "crosssell:rules:v1"


@dataclass(frozen=True)
class Partner:
    product: Product
    together: int
    score: float
    is_pinned: bool = False

    @property
    def one_click_sku(self) -> str | None:
        """The SKU to add in one click, or None when the shopper must pick a size."""
        variants = list(self.product.variants.all())
        return variants[0].sku if len(variants) == 1 else None

    @property
    def image(self) -> ProductImage | None:
        images = list(self.product.images.all())
        return images[0] if images else None


def _stored_list(product_id: int) -> dict:
    """Pinned and ranked partner ids of one product: cache, else one row by key."""
    key = list_cache_key(product_id)
    entry = cache.get(key)
    if entry is None:
        row = (
            ProductCrosssells.objects.filter(pk=product_id)
            .values_list("partners", flat=True)
            .first()
        )
        pinned = list(
            PinnedPartner.objects.filter(product_id=product_id)
            .order_by("position", "pk")
            .values_list("partner_id", flat=True)
        )
        hidden = [
            b if a == product_id else a
            for a, b in HiddenPair.objects.filter(
                Q(product_a_id=product_id) | Q(product_b_id=product_id)
            ).values_list("product_a_id", "product_b_id")
        ]
        entry = {"ranked": row or [], "pinned": pinned, "hidden": hidden}
        cache.set(key, entry, LIST_CACHE_TIMEOUT)
    return entry


def _exclusions() -> tuple[frozenset[int], frozenset[int]]:
    rules = cache.get(RULES_CACHE_KEY)
    if rules is None:
        rows = list(Exclusion.objects.values_list("product_id", "category_id"))
        rules = (
            frozenset(p for p, _ in rows if p),
            frozenset(c for _, c in rows if c),
        )
        cache.set(RULES_CACHE_KEY, rules, LIST_CACHE_TIMEOUT)
    return rules


def rules_forget() -> None:
    cache.delete(RULES_CACHE_KEY)


def _showable(candidate_ids: list[int]) -> dict[int, Product]:
    """Active, in-stock, not excluded products among the candidates, in one query (+ images)."""
    if not candidate_ids:
        return {}
    excluded_products, excluded_categories = _exclusions()
    products = (
        Product.objects.filter(pk__in=candidate_ids, is_active=True, is_in_stock=True)
        .exclude(pk__in=excluded_products)
        .exclude(category_id__in=excluded_categories)
        .exclude(category__parent_id__in=excluded_categories)
        .select_related("category")
        .prefetch_related(
            Prefetch(
                "images", queryset=ProductImage.objects.order_by("position", "pk")
            ),
            Prefetch(
                "variants",
                queryset=Variant.objects.filter(is_active=True, stock__gt=0).order_by(
                    "position", "pk"
                ),
            ),
        )
    )
    return {product.pk: product for product in products}


def product_crosssells(*, product_id: int, limit: int = 6) -> list[Partner]:
    """Merchant-pinned partners first, then the ranked ones that may be shown."""
    return cart_crosssells(product_ids=[product_id], limit=limit)


def cart_crosssells(*, product_ids: Iterable[int], limit: int = 6) -> list[Partner]:
    """Partners of several products combined (their scores add up), minus the products themselves."""
    product_ids = list(dict.fromkeys(product_ids))
    if not product_ids:
        return []
    excluded_products, _ = _exclusions()
    owned = set(product_ids)
    pinned: list[int] = []
    scores: dict[int, float] = {}
    together: dict[int, int] = {}
    hidden: set[int] = set()
    for product_id in product_ids:
        if product_id in excluded_products:
            continue
        entry = _stored_list(product_id)
        hidden.update(entry["hidden"])
        pinned.extend(pid for pid in entry["pinned"] if pid not in pinned)
        for partner_id, count, score in entry["ranked"]:
            scores[partner_id] = scores.get(partner_id, 0.0) + score
            together[partner_id] = together.get(partner_id, 0) + count
    ranked = sorted(scores, key=lambda pid: (-scores[pid], -together[pid], pid))
    candidates = [
        pid for pid in [*pinned, *ranked] if pid not in owned and pid not in hidden
    ]
    candidates = list(dict.fromkeys(candidates))[: limit * 3]
    showable = _showable(candidates)
    partners = []
    for pid in candidates:
        product = showable.get(pid)
        if product is None:
            continue
        partners.append(
            Partner(
                product=product,
                together=together.get(pid, 0),
                score=scores.get(pid, 0.0),
                is_pinned=pid in pinned,
            )
        )
        if len(partners) == limit:
            break
    return partners
