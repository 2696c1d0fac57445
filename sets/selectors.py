"""Reads that are more than one ORM line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.html import escape

from shop.models import ProductImage

from .models import Set, SetItem


def _can_see_hidden(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_staff)


def set_visible_filter(*, user) -> Q:
    """Published sets for everyone; a creator's own sets; everything for merchants."""
    if _can_see_hidden(user):
        return Q()
    visible = Q(status=Set.Status.PUBLISHED)
    if user is not None and user.is_authenticated:
        visible |= Q(owner_id=user.pk)
    return visible


def _items_prefetch() -> Prefetch:
    return Prefetch(
        "items",
        queryset=SetItem.objects.select_related("product").prefetch_related(
            Prefetch(
                "product__images",
                queryset=ProductImage.objects.order_by("position", "pk"),
            )
        ),
    )


def set_detail(*, slug: str, user) -> Set | None:
    """The set with its items, their products and images, if ``user`` may see it.

    Drafts and hidden sets are None (a 404) to everyone but their creator and staff.
    """
    return (
        Set.objects.filter(set_visible_filter(user=user), slug=slug)
        .select_related("owner")
        .prefetch_related(_items_prefetch(), "colours")
        .first()
    )


def sets_published(
    *,
    colour: str = "",
    owner_username: str = "",
    tag: str = "",
    product_id: int | None = None,
    liked_since: datetime | None = None,
) -> QuerySet[Set]:
    """Published sets with what a list shows (no items), newest first.

    ``product_id``: the sets it is styled in. ``liked_since``: only sets liked since
    then, most liked in that time first ("most liked this week").
    """
    sets = Set.objects.filter(status=Set.Status.PUBLISHED).select_related("owner")
    if product_id is not None:
        sets = sets.filter(
            Exists(SetItem.objects.filter(set_id=OuterRef("pk"), product_id=product_id))
        )
    if colour:
        sets = sets.filter(colours__colour=colour)
    if owner_username:
        sets = sets.filter(owner__username=owner_username)
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
        .select_related("owner")
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


def set_share_links(*, set: Set, user) -> ShareLinks:
    """Plain share links (no third-party scripts); the creator's carry their code."""
    page = f"{settings.SITE_URL}{set.get_absolute_url()}"
    embed = f"{page}embed/"
    is_owner = user is not None and user.is_authenticated and user.pk == set.owner_id
    if is_owner:
        ref = "?" + urlencode({"ref": set.referral_code})
        page, embed = page + ref, embed + ref
    image = f"{settings.SITE_URL}{set.image.url}" if set.image else ""
    title = set.title or "A set"
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
