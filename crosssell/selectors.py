"""Reads for the cross-sell panels and API."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from shop.models import Order, Product, ProductImage, Variant
from shop.selectors import first_image, product_images_prefetch

from .cache import RULES_CACHE_KEY, list_cache_key, quotes_cache_key
from .models import (
    BasketTotal,
    Exclusion,
    HiddenPair,
    Note,
    NotePair,
    PairStat,
    PinnedPartner,
    ProductCrosssells,
    ProductStat,
)
from .scoring import pair_score, partner_rank_key

LIST_CACHE_TIMEOUT = 60 * 60 * 6


@dataclass(frozen=True)
class Quote:
    """An approved note, as shown beside a partner: "… also bought Y because: …"."""

    note_id: int
    text: str
    display_name: str
    reasons: tuple[str, ...]
    helpful_count: int
    incentivised: bool
    source_title: str
    created_at: datetime


@dataclass(frozen=True)
class Partner:
    product: Product
    together: int
    score: float
    is_pinned: bool = False
    quotes: tuple[Quote, ...] = ()

    @property
    def quote(self) -> Quote | None:
        return self.quotes[0] if self.quotes else None

    @property
    def more_quotes(self) -> tuple[Quote, ...]:
        return self.quotes[1:]

    @property
    def one_click_sku(self) -> str | None:
        """The SKU to add in one click, or None when the shopper must pick a size."""
        variants = list(self.product.variants.all())
        return variants[0].sku if len(variants) == 1 else None

    @property
    def image(self) -> ProductImage | None:
        return first_image(self.product)


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
            product_images_prefetch(),
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
    # Room beyond the limit for partners that cannot be shown and for annotated ones
    # that move up past their neighbours (partner_rank_key).
    candidates = list(dict.fromkeys(candidates))[: limit * 3]
    showable = _showable(candidates)
    quotes = pair_quotes(source_ids=product_ids, partner_ids=list(showable))
    boost = settings.CROSSSELL_NOTE_RANK_BOOST
    chosen = [pid for pid in candidates if pid in showable]
    chosen = [pid for pid in chosen if pid in pinned] + sorted(
        (pid for pid in chosen if pid not in pinned),
        key=lambda pid: partner_rank_key(
            score=scores.get(pid, 0.0),
            together=together.get(pid, 0),
            product_id=pid,
            annotated=pid in quotes,
            boost=boost,
        ),
    )
    return [
        Partner(
            product=showable[pid],
            together=together.get(pid, 0),
            score=scores.get(pid, 0.0),
            is_pinned=pid in pinned,
            quotes=tuple(quotes.get(pid, ())),
        )
        for pid in chosen[:limit]
    ]


QUOTES_PER_PARTNER = 4
QUOTES_PER_SOURCE = 300


def _quotes_by_source(source_ids: set[int]) -> dict[int, list[tuple[int, Quote]]]:
    """Each source product's approved notes as (partner id, quote), most helpful first.

    Kept in the cache per product (dropped when one of its notes is moderated, voted
    on or reported); the products not cached are read together in one query.
    """
    keys = {quotes_cache_key(pid): pid for pid in source_ids}
    cached = cache.get_many(list(keys))
    found = {keys[key]: value for key, value in cached.items()}
    missing = source_ids - set(found)
    if not missing:
        return found
    rows = (
        NotePair.objects.filter(
            note__status=Note.Status.APPROVED,
            # Verified purchases only: a refunded order's notes leave with its counts.
            note__order__status__in=Order.COUNTED_STATUSES,
        )
        .filter(Q(product_a_id__in=missing) | Q(product_b_id__in=missing))
        .select_related("note")
        .annotate(a_title=F("product_a__title"), b_title=F("product_b__title"))
        .order_by("-note__helpful_count", "-note__created_at", "-note_id")
    )
    fresh: dict[int, list[tuple[int, Quote]]] = {pid: [] for pid in missing}
    for row in rows:
        note = row.note
        ends = ((row.product_a_id, row.product_b_id, row.a_title),)
        ends += ((row.product_b_id, row.product_a_id, row.b_title),)
        for source_id, partner_id, source_title in ends:
            entries = fresh.get(source_id)
            if entries is None or len(entries) >= QUOTES_PER_SOURCE:
                continue
            entries.append(
                (
                    partner_id,
                    Quote(
                        note_id=note.pk,
                        text=note.text,
                        display_name=note.display_name,
                        reasons=tuple(note.reason_labels()),
                        helpful_count=note.helpful_count,
                        incentivised=note.points_offered > 0,
                        source_title=source_title,
                        created_at=note.created_at,
                    ),
                )
            )
    cache.set_many(
        {quotes_cache_key(pid): entries for pid, entries in fresh.items()},
        LIST_CACHE_TIMEOUT,
    )
    return {**found, **fresh}


def _rank_quote(quote: Quote) -> tuple:
    return (-quote.helpful_count, -quote.created_at.timestamp(), -quote.note_id)


def pair_quotes(
    *, source_ids: Iterable[int], partner_ids: Iterable[int]
) -> dict[int, list[Quote]]:
    """Approved notes about a source product and a partner, most helpful first."""
    sources = set(source_ids)
    partners = set(partner_ids) - sources
    if not sources or not partners:
        return {}
    found: dict[int, dict[int, Quote]] = {}
    for entries in _quotes_by_source(sources).values():
        for partner_id, quote in entries:
            if partner_id in partners:
                found.setdefault(partner_id, {}).setdefault(quote.note_id, quote)
    return {
        partner_id: sorted(quotes.values(), key=_rank_quote)[:QUOTES_PER_PARTNER]
        for partner_id, quotes in found.items()
    }


# --- the merchant's pair statistics -------------------------------------------------


def basket_total() -> BasketTotal:
    """The basket count and the last full recompute; an unsaved zero row before any."""
    return BasketTotal.objects.filter(pk=1).first() or BasketTotal(pk=1)


def pair_stats() -> QuerySet[PairStat]:
    """Every pair with each product's basket count, for the merchant's statistics.

    The counts are subqueries on ProductStat's primary key, which PostgreSQL evaluates
    after a page's ORDER BY … LIMIT, so only for the rows kept. Order by ``together``
    or narrow to one product (``pair_stats_of_product``), never by the counts; and
    leave the products and the hidden flags to ``pair_stats_page``: joined here, they
    would be computed for every pair before the sort (docs/benchmarks.md).
    """
    baskets = ProductStat.objects.values("baskets")
    return PairStat.objects.annotate(
        baskets_a=Coalesce(
            Subquery(baskets.filter(product_id=OuterRef("product_a_id"))), 0
        ),
        baskets_b=Coalesce(
            Subquery(baskets.filter(product_id=OuterRef("product_b_id"))), 0
        ),
    )


def pair_stats_of_product(
    queryset: QuerySet[PairStat], *, product_ids: Iterable[int]
) -> QuerySet[PairStat]:
    """The pairs a product is in, on either side (one index scan per side)."""
    product_ids = list(product_ids)
    return queryset.filter(
        Q(product_a_id__in=product_ids) | Q(product_b_id__in=product_ids)
    )


def pair_stats_page(*, pairs: Iterable[PairStat], baskets: int) -> list[PairStat]:
    """One page of ``pair_stats()`` with ``title_a``, ``title_b``, ``is_hidden``,
    ``score`` and ``is_shown`` set: two queries, whatever the page's length.

    Shown to shoppers means what the ranking keeps — a score above 0 and at least
    CROSSSELL_MIN_SUPPORT baskets with both — and not hidden by a merchant.
    Exclusions, stock and the length of each product's list still apply on top.
    """
    pairs = list(pairs)
    if not pairs:
        return pairs
    a_ids = {pair.product_a_id for pair in pairs}
    b_ids = {pair.product_b_id for pair in pairs}
    titles = dict(
        Product.objects.filter(pk__in=a_ids | b_ids).values_list("pk", "title")
    )
    hidden = set(
        HiddenPair.objects.filter(
            product_a_id__in=a_ids, product_b_id__in=b_ids
        ).values_list("product_a_id", "product_b_id")
    )
    minimum = settings.CROSSSELL_MIN_SUPPORT
    for pair in pairs:
        # A deleted product's pairs stay until the next recompute.
        pair.title_a = titles.get(
            pair.product_a_id, f"deleted product {pair.product_a_id}"
        )
        pair.title_b = titles.get(
            pair.product_b_id, f"deleted product {pair.product_b_id}"
        )
        pair.is_hidden = (pair.product_a_id, pair.product_b_id) in hidden
        pair.score = pair_score(
            n=baskets, n_x=pair.baskets_a, n_y=pair.baskets_b, n_xy=pair.together
        )
        pair.is_shown = (
            pair.score > 0 and pair.together >= minimum and not pair.is_hidden
        )
    return pairs


def order_products(*, order) -> list[Product]:
    """An order's distinct products, in the order bought, with their images."""
    ids = order_product_ids(order=order)
    products = Product.objects.filter(pk__in=ids).prefetch_related(
        product_images_prefetch()
    )
    by_id = {product.pk: product for product in products}
    return [by_id[pid] for pid in ids if pid in by_id]


def order_notes(*, order) -> list[Note]:
    """The notes written on an order, oldest first, with their products."""
    return list(
        Note.objects.filter(order=order).prefetch_related("products").order_by("pk")
    )


def order_product_ids(*, order: Order) -> list[int]:
    """The distinct products of an order, in the order they were bought."""
    ids = order.lines.filter(product__isnull=False).order_by("pk")
    return list(dict.fromkeys(ids.values_list("product_id", flat=True)))
