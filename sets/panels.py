"""The sets panels that fill the shop's slots (see core.panels)."""

from __future__ import annotations

from django.core.cache import cache
from django.template.loader import render_to_string

from .selectors import sets_of_owner, sets_published

STYLED_IN_SIZE = 4
# The same for every visitor and free of CSRF tokens: kept a minute per product.
STYLED_IN_TIMEOUT = 60
ACCOUNT_PANEL_SIZE = 4


def styled_in_key(product_id: int) -> str:
    return f"sets:panel:styled-in:{product_id}"


def styled_in_panel(request, *, product_id=None, product_title="", **context) -> str:
    """Product page: "Styled in these sets", a few published sets holding it."""
    if not product_id:
        return ""
    html = cache.get(styled_in_key(product_id))
    if html is None:
        sets = list(sets_published(product_id=product_id)[:STYLED_IN_SIZE])
        html = (
            render_to_string(
                "sets/partials/styled_in_panel.html",
                {"sets": sets, "product_title": product_title},
            )
            if sets
            else ""
        )
        cache.set(styled_in_key(product_id), html, STYLED_IN_TIMEOUT)
    return html


def account_panel(request, *, user=None, **context) -> str:
    """Account page: the shopper's own drafts and sets, with the way to make one."""
    user = user if user is not None else getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    sets = list(sets_of_owner(owner=user)[: ACCOUNT_PANEL_SIZE + 1])
    return render_to_string(
        "sets/partials/account_panel.html",
        {
            "sets": sets[:ACCOUNT_PANEL_SIZE],
            "has_more": len(sets) > ACCOUNT_PANEL_SIZE,
            "user": user,
        },
        request=request,
    )
