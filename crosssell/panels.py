"""The cross-sell panels that fill the shop's slots (see core.panels)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string

from core.cache import csrf_put_back, render_for_cache
from shop.models import Product
from shop.selectors import variant_choices

from .cache import added_panel_key, together_panel_key
from .forms import note_form_context
from .selectors import cart_crosssells, product_crosssells

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
    return csrf_put_back(html, request) if html else ""


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
        return render_for_cache(
            "crosssell/partials/added_panel.html",
            {
                "product": product,
                "partners": partners,
                "here": getattr(request, "path", ""),
            },
        )

    return _cached_panel(request, added_panel_key(pid), render)


@dataclass(frozen=True)
class BundleOption:
    pk: int
    sku: str
    label: str
    price: Decimal


@dataclass(frozen=True)
class BundleItem:
    """One line of "Frequently bought together": a product to tick, maybe an option."""

    title: str
    price: Decimal
    sku: str | None = None  # one in stock: ticking adds it
    options: tuple[BundleOption, ...] = ()  # several: the shopper picks one
    selected: str | None = None  # the option chosen to begin with (this item's)
    is_this_item: bool = False


def _bundle_item(
    title: str,
    choices: list[dict],
    *,
    price: Decimal | None = None,
    is_this_item: bool = False,
) -> BundleItem | None:
    """A product of the bundle from its options in stock (``variant_choices``): one
    is ticked with its SKU, several are picked from — the page's own product starting
    on its first, as the buy box above does. None when nothing of it can be bought."""
    options = tuple(BundleOption(**choice) for choice in choices)
    if not options:
        return None
    if len(options) == 1:
        return BundleItem(
            title=title,
            price=options[0].price,
            sku=options[0].sku,
            is_this_item=is_this_item,
        )
    return BundleItem(
        title=title,
        price=options[0].price if price is None else price,
        options=options,
        selected=options[0].sku if is_this_item else None,
        is_this_item=is_this_item,
    )


def together_panel(
    request,
    *,
    product=None,
    product_id=None,
    product_title="",
    product_variants=(),
    **context,
) -> str:
    """Product page: "Frequently bought together" — the best partners, each ticked,
    an option to pick where there are several, the total, and "Add all to cart".

    Cached per product like the other panels; the page's own product comes from the
    product page's cached body, so a cached panel costs no query.
    """
    pid = _product_id(product, product_id)
    if not pid:
        return ""

    def render() -> str:
        partners = product_crosssells(product_id=pid, limit=TOGETHER_PANEL_SIZE)
        if not partners:
            return ""
        this = _bundle_item(product_title, list(product_variants), is_this_item=True)
        # The partners' variants are prefetched (active, in stock): no query.
        others = (
            _bundle_item(
                partner.product.title,
                variant_choices(partner.product.variants.all()),
                price=partner.product.price,
            )
            for partner in partners
        )
        items = [item for item in (this, *others) if item]
        return render_for_cache(
            "crosssell/partials/together_panel.html",
            {
                "partners": partners,
                "items": items,
                "total": sum((item.price for item in items), Decimal("0")),
                "currency_symbol": settings.SHOP_CURRENCY_SYMBOL,
                "here": getattr(request, "path", ""),
            },
        )

    return _cached_panel(request, together_panel_key(pid), render)


def cart_panel(request, *, lines=None, **context) -> str:
    """Cart page: "You might also need", for the cart as a whole."""
    product_ids = sorted({line.variant.product_id for line in lines or []})
    if not product_ids:
        return ""

    def render() -> str:
        partners = cart_crosssells(product_ids=product_ids, limit=CART_PANEL_SIZE)
        if not partners:
            return ""
        return render_for_cache(
            "crosssell/partials/cart_panel.html",
            {"partners": partners, "here": getattr(request, "path", "")},
        )

    digest = hashlib.sha1(",".join(map(str, product_ids)).encode()).hexdigest()[:16]  # noqa: S324
    return _cached_panel(request, f"crosssell:panel:cart:{digest}", render)


def thanks_panel(request, *, order=None, lines=None, **context) -> str:
    """Thank-you page (and the account's order page): "Why did you buy these together?"."""
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
