"""The cross-sell panels that fill the shop's slots (see shop.panels)."""

from __future__ import annotations

from decimal import Decimal

from django.template.loader import render_to_string

from shop.models import Product

from .selectors import Partner, cart_crosssells, product_crosssells

ADDED_PANEL_SIZE = 6
TOGETHER_PANEL_SIZE = 3
CART_PANEL_SIZE = 4


def _product_id(product=None, product_id=None) -> int | None:
    if isinstance(product, Product):
        return product.pk
    return product_id


def added_panel(request, *, product=None, product_id=None, **context) -> str:
    """/cart/added/<slug>/: "Customers who bought X also bought", beside the mini-cart."""
    pid = _product_id(product, product_id)
    partners = product_crosssells(product_id=pid, limit=ADDED_PANEL_SIZE) if pid else []
    if not partners:
        return ""
    return render_to_string(
        "crosssell/partials/added_panel.html",
        {"product": product, "partners": partners},
        request=request,
    )


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
        },
        request=request,
    )


def cart_panel(request, *, lines=None, **context) -> str:
    """Cart page: "You might also need", for the cart as a whole."""
    product_ids = [line.variant.product_id for line in lines or []]
    partners = cart_crosssells(product_ids=product_ids, limit=CART_PANEL_SIZE)
    if not partners:
        return ""
    return render_to_string(
        "crosssell/partials/cart_panel.html", {"partners": partners}, request=request
    )
