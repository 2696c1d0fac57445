"""Reads that are more than one ORM line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Lower
from django.utils.html import escape

from shop.models import HANDLE_PATTERN, Product, ProductImage, Variant
from shop.money import quantize_money
from shop.selectors import (
    first_image,
    product_images_prefetch,
    public_account_filter,
)

from .models import Set, SetItem, SetLike

_HANDLE = re.compile(HANDLE_PATTERN)


def _can_see_hidden(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_staff)


def set_visible_filter(*, user) -> Q:
    """Published sets to everyone, a creator's own sets to their creator, hidden
    sets also to merchants (to look at the reports); someone else's draft to
    nobody, merchants included. The API and the pages share this rule."""
    visible = Q(status=Set.Status.PUBLISHED)
    if user is not None and user.is_authenticated:
        visible |= Q(owner_id=user.pk)
        if _can_see_hidden(user):
            visible |= Q(status=Set.Status.HIDDEN)
    return visible


def _items_prefetch() -> Prefetch:
    return Prefetch(
        "items",
        queryset=SetItem.objects.select_related("product").prefetch_related(
            product_images_prefetch("product__")
        ),
    )


def set_detail(*, slug: str, user) -> Set | None:
    """The set with its items, their products and images, if ``user`` may see it.

    Drafts and hidden sets are None (a 404) to everyone but their creator and staff.
    """
    return (
        Set.objects.filter(set_visible_filter(user=user), slug=slug)
        .select_related("owner__profile")
        .prefetch_related(_items_prefetch(), "colours")
        .first()
    )


def sets_published(
    *,
    colour: str = "",
    owner_id: int | None = None,
    owner_handle: str = "",
    tag: str = "",
    product_id: int | None = None,
    liked_since: datetime | None = None,
) -> QuerySet[Set]:
    """Published sets with what a list shows (no items), newest first.

    ``product_id``: the sets it is styled in. ``liked_since``: only sets liked since
    then, most liked in that time first ("most liked this week"). ``owner_handle``:
    the sets of the shopper with that public handle (any case); staff have no public
    handle, so theirs never match.
    """
    sets = Set.objects.filter(status=Set.Status.PUBLISHED).select_related(
        "owner__profile"
    )
    if product_id is not None:
        sets = sets.filter(
            Exists(SetItem.objects.filter(set_id=OuterRef("pk"), product_id=product_id))
        )
    if colour:
        sets = sets.filter(colours__colour=colour)
    if owner_id is not None:
        sets = sets.filter(owner_id=owner_id)
    if owner_handle and not _HANDLE.fullmatch(owner_handle):
        # No handle looks like that (and a NUL byte would upset PostgreSQL).
        return sets.none()
    if owner_handle:
        sets = sets.alias(owner_handle_lower=Lower("owner__profile__handle")).filter(
            public_account_filter(prefix="owner__"),
            owner_handle_lower=owner_handle.lower(),
        )
    if tag:
        # Tags are stored comma-joined; match a whole tag, not a substring.
        tags = Q(tags=tag) | Q(tags__startswith=f"{tag},")
        tags |= Q(tags__endswith=f",{tag}") | Q(tags__contains=f",{tag},")
        sets = sets.filter(tags)
    sets = sets.prefetch_related("colours")
    if liked_since is not None:
        return (
            sets.annotate(
                recent_likes=Count(
                    "likes", filter=Q(likes__created_at__gte=liked_since)
                )
            )
            .filter(recent_likes__gt=0)
            .order_by("-recent_likes", "-like_count", "-published_at", "-pk")
        )
    return sets.order_by("-published_at", "-pk")


def sets_of_owner(*, owner) -> QuerySet[Set]:
    """A creator's sets, drafts and hidden ones included, last edited first."""
    return (
        Set.objects.filter(owner=owner)
        .select_related("owner__profile")
        .prefetch_related("colours")
        .order_by("-updated_at", "-pk")
    )


@dataclass(frozen=True)
class ShareLinks:
    url: str  # the set page, with the referral code when the creator shares it
    embed_url: str
    embed_snippet: str  # an <iframe> for a blog
    facebook: str
    pinterest: str
    x: str
    email_subject: str


def set_share_links(*, board: Set, user) -> ShareLinks:
    """Plain share links (no third-party scripts); the creator's carry their code."""
    page = f"{settings.SITE_URL}{board.get_absolute_url()}"
    embed = f"{page}embed/"
    is_owner = user is not None and user.is_authenticated and user.pk == board.owner_id
    if is_owner:
        ref = "?" + urlencode({"ref": board.referral_code})
        page, embed = page + ref, embed + ref
    image = f"{settings.SITE_URL}{board.image.url}" if board.image else ""
    title = board.title or "A set"
    return ShareLinks(
        url=page,
        embed_url=embed,
        embed_snippet=(
            f'<iframe src="{embed}" width="400" height="520" loading="lazy" '
            f'style="border:0" title="{escape(title)}"></iframe>'
        ),
        facebook="https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": page}),
        pinterest="https://www.pinterest.com/pin/create/button/?"
        + urlencode({"url": page, "media": image, "description": title}),
        x="https://x.com/intent/post?" + urlencode({"url": page, "text": title}),
        email_subject=f"{title} on {settings.SHOP_NAME}",
    )


# --- the set's pages ------------------------------------------------------------------


def set_page_visible_filter(*, user) -> Q:
    """What the set page shows: the same rule as the API (set_visible_filter)."""
    return set_visible_filter(user=user)


def set_page(*, slug: str, user) -> Set | None:
    """The set with everything its page shows: items, products, their images and
    active variants, colours; None (a 404) when ``user`` may not see it."""
    items = Prefetch(
        "items",
        queryset=SetItem.objects.select_related("product").prefetch_related(
            product_images_prefetch("product__"),
            Prefetch(
                "product__variants",
                queryset=Variant.objects.filter(is_active=True).order_by(
                    "position", "pk"
                ),
            ),
        ),
    )
    return (
        Set.objects.filter(set_page_visible_filter(user=user), slug=slug)
        .select_related("owner__profile")
        .prefetch_related(items, "colours")
        .first()
    )


def set_geometry(*, slug: str, user) -> Set | None:
    """The set with its items only (for the picture's stylesheet), if visible."""
    return (
        Set.objects.filter(set_page_visible_filter(user=user), slug=slug)
        .prefetch_related(Prefetch("items", queryset=SetItem.objects.order_by("z")))
        .first()
    )


def set_item_product(*, board: Set, product_id: int) -> Product | None:
    """The product if it is on the set and still sold, else None."""
    item = (
        SetItem.objects.filter(
            set=board, product_id=product_id, product__is_active=True
        )
        .select_related("product")
        .first()
    )
    return item.product if item is not None else None


def set_is_liked(*, board: Set, user) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return SetLike.objects.filter(set=board, user=user).exists()


@dataclass(frozen=True)
class SetProduct:
    """One product of a set as its shopping list shows it (once, however many
    times it is on the canvas)."""

    product: Product
    image: ProductImage | None
    # Active variants in stock; the shopper picks one when there are several.
    variants: tuple[Variant, ...]
    has_choices: bool

    @property
    def is_available(self) -> bool:
        return self.product.is_active

    @property
    def in_stock(self) -> bool:
        return self.is_available and bool(self.variants)

    @property
    def one_click_sku(self) -> str | None:
        """The SKU that "Add to cart" adds without a choice, else None."""
        if self.in_stock and not self.has_choices:
            return self.variants[0].sku
        return None

    @property
    def price(self) -> Decimal:
        """What the whole-set button charges for it: the first in-stock option."""
        return self.variants[0].price if self.variants else self.product.price


@dataclass(frozen=True)
class ShoppingList:
    products: tuple[SetProduct, ...]
    total: Decimal  # of the products that can be bought now, one of each
    buyable: tuple[SetProduct, ...]
    unavailable: tuple[SetProduct, ...]  # sold out or no longer sold


def set_shopping_list(*, board: Set) -> ShoppingList:
    """The set's products, front of the canvas first, from what ``set_page``
    prefetched (no queries)."""
    seen: dict[int, SetProduct] = {}
    for item in sorted(board.items.all(), key=lambda item: -item.z):
        product = item.product
        if product.pk in seen:
            continue
        active = list(product.variants.all())
        seen[product.pk] = SetProduct(
            product=product,
            image=first_image(product),
            variants=tuple(variant for variant in active if variant.stock > 0),
            has_choices=len(active) > 1,
        )
    products = tuple(seen.values())
    buyable = tuple(entry for entry in products if entry.in_stock)
    return ShoppingList(
        products=products,
        total=quantize_money(sum((entry.price for entry in buyable), Decimal("0"))),
        buyable=buyable,
        unavailable=tuple(entry for entry in products if not entry.in_stock),
    )


def sets_more_by_owner(*, board: Set, limit: int = 4) -> list[Set]:
    """The creator's other published sets, newest first."""
    return list(sets_published(owner_id=board.owner_id).exclude(pk=board.pk)[:limit])
