"""The demo's order history, written by the shop's order import.

``build_history()`` gives baskets of variant SKUs; here they become import rows
(one per order line, with the shipping a checkout would have charged and the
address it went to) and go through ``shop.services.imports.orders_import_rows``,
the same checked, set-based writer as ``import_orders``. Orders are keyed
``seed-<nnnnn>`` and numbered ``H-<nnnnn>``; a second run skips the orders already
written. History only: stock is not touched, no signal is sent, no email goes out;
the co-purchase counts are rebuilt afterwards (``seed_demo`` runs the recompute).
"""

from __future__ import annotations

from datetime import UTC
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from shop.models import Variant
from shop.money import quantize_money
from shop.services.imports import ImportResult, orders_import_rows

from ..catalog import ProductSpec
from ..history import Basket, build_history

ORDER_KEY_PREFIX = "seed-"
ORDER_NUMBER_PREFIX = "H-"
COUNTRY = "United States"


def orders_seed(
    *, catalog: list[ProductSpec], shoppers: list, count: int
) -> ImportResult:
    """Write the first ``count`` orders of the demo history that are missing."""
    if count == 0:
        return ImportResult()
    prices: dict[str, Decimal] = {}
    first_of_product: dict[str, str] = {}
    for variant in Variant.objects.select_related("product").filter(
        product__sku__in=[spec.sku for spec in catalog]
    ):
        prices[variant.sku] = variant.price
        first_of_product.setdefault(variant.product.sku, variant.sku)
    now = timezone.now()
    rows = []
    for basket in build_history(catalog, orders=count, shoppers=len(shoppers)):
        rows.extend(_rows(basket, prices, first_of_product, shoppers, now))
    return orders_import_rows(
        rows=rows, key_prefix=ORDER_KEY_PREFIX, number_prefix=ORDER_NUMBER_PREFIX
    )


def _rows(
    basket: Basket,
    prices: dict[str, Decimal],
    first_of_product: dict[str, str],
    shoppers: list,
    now,
) -> list[dict[str, str]]:
    """The basket's import rows; none when none of its products is in the shop."""
    lines = []
    for line in basket.lines:
        sku = (
            line.variant_sku
            if line.variant_sku in prices
            else first_of_product.get(line.product_sku)
        )
        if sku is not None:
            lines.append((sku, prices[sku], line.quantity))
    if not lines:
        return []
    subtotal = quantize_money(
        sum((price * quantity for _sku, price, quantity in lines), Decimal("0"))
    )
    shipping = (
        Decimal("0.00")
        if subtotal >= settings.SHOP_FREE_SHIPPING_OVER
        else quantize_money(settings.SHOP_SHIPPING_FLAT)
    )
    customer = basket.customer
    user = shoppers[basket.shopper] if basket.shopper is not None else None
    order = {
        "order_id": f"{basket.number:05d}",
        "email": user.email if user else customer.email,
        "placed_at": basket.placed_at(now).astimezone(UTC).isoformat(),
        "shipping": str(shipping),
        "shipping_name": f"{user.first_name} {user.last_name}"
        if user
        else customer.name,
        "shipping_line1": customer.line1,
        "shipping_city": customer.city,
        "shipping_postcode": customer.postcode,
        "shipping_country": COUNTRY,
    }
    return [
        {**order, "sku": sku, "quantity": str(quantity), "unit_price": str(price)}
        for sku, price, quantity in lines
    ]
