"""The cross-sell panels that fill the shop's slots (see shop.panels)."""

from __future__ import annotations

import hashlib
from decimal import Decimal

from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import render_to_string

from shop.cache import CSRF_MARKER
from shop.models import Product

from .selectors import Partner, cart_crosssells, product_crosssells

# Panels are the same for every visitor but their CSRF token: the HTML is kept for a
# minute with a marker where the token goes. A minute-old price or stock state in a
# suggestion is harmless — adding to the cart checks both again.
PANEL_TIMEOUT = 60
ADDED_PANEL_SIZE = 6
TOGETHER_PANEL_SIZE = 3
CART_PANEL_SIZE = 4


def _cached_panel(request, key: str, render) -> str:
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, PANEL_TIMEOUT)
    if not html:
        return ""
    return (
        html.replace(CSRF_MARKER, get_token(request)) if request is not None else html
    )


def _render(template: str, context: dict) -> str:
    return render_to_string(template, {**context, "csrf_token": CSRF_MARKER})


def _product_id(product=None, product_id=None) -> int | None:
    if isinstance(product, Product):
        return product.pk
    return product_id


def added_panel(request, *, product=None, product_id=None, **context) -> str:
    """/cart/added/<slug>/: "Customers who bought X also bought", beside the mini-cart."""
    pid = _product_id(product, product_id)
    if not pid:
        return ""

    def render() -> str:
        partners = product_crosssells(product_id=pid, limit=ADDED_PANEL_SIZE)
        if not partners:
            return ""
        return _render(
            "crosssell/partials/added_panel.html",
            {
                "product": product,
                "partners": partners,
                "here": getattr(request, "path", ""),
            },
        )

    return _cached_panel(request, added_panel_key(pid), render)


def together_panel(
    request,
    *,
    product=None,
    product_id=None,
    product_title="",
    product_price=None,
    product_sku=None,
    **context,
) -> str:
    """Product page: "Frequently bought together" with an "Add all to cart" button."""
    pid = _product_id(product, product_id)
    partners: list[Partner] = (
        product_crosssells(product_id=pid, limit=TOGETHER_PANEL_SIZE) if pid else []
    )
    addable = [partner for partner in partners if partner.one_click_sku]
    if not partners:
        return ""
    total = sum((partner.product.price for partner in addable), Decimal("0"))
    if product_price is not None and product_sku:
        total += product_price
    return render_to_string(
        "crosssell/partials/together_panel.html",
        {
            "partners": partners,
            "addable": addable,
            "product_title": product_title,
            "product_sku": product_sku,
            "product_price": product_price,
            "total": total,
            "here": getattr(request, "path", ""),
        },
        request=request,
    )


def cart_panel(request, *, lines=None, **context) -> str:
    """Cart page: "You might also need", for the cart as a whole."""
    product_ids = sorted({line.variant.product_id for line in lines or []})
    if not product_ids:
        return ""

    def render() -> str:
        partners = cart_crosssells(product_ids=product_ids, limit=CART_PANEL_SIZE)
        if not partners:
            return ""
        return _render(
            "crosssell/partials/cart_panel.html",
            {"partners": partners, "here": getattr(request, "path", "")},
        )

    digest = hashlib.sha1(",".join(map(str, product_ids)).encode()).hexdigest()[:16]  # noqa: S324
    return _cached_panel(request, f"crosssell:panel:cart:{digest}", render)


def added_panel_key(product_id: int) -> str:
    return f"crosssell:panel:added:{product_id}"


def thanks_panel(request, *, order=None, lines=None, **context) -> str:
    """Thank-you page (and the account's order page): "Why did you buy these together?"."""
    from .forms import note_form_context

    if order is None or request is None:
        return ""
    products = None
    if lines is not None:  # the page has them, with their images, already
        products = list(
            {line.product_id: line.product for line in lines if line.product}.values()
        )
    note_context = note_form_context(
        request, order, next_url=request.path, products=products
    )
    if not note_context["can_write"]:
        return ""
    return render_to_string(
        "crosssell/partials/note_form.html", note_context, request=request
    )
