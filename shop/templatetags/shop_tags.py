from decimal import Decimal

from django import template
from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma

from core.panels import render_panels

from .. import selectors
from ..money import quantize_money

register = template.Library()


@register.filter
def money(value) -> str:
    """1234.5 → "$1,234.50" in the shop's currency."""
    if value in (None, ""):
        return ""
    amount = quantize_money(Decimal(str(value)))
    sign = "−" if amount < 0 else ""
    whole, _, cents = f"{abs(amount):.2f}".partition(".")
    return f"{sign}{settings.SHOP_CURRENCY_SYMBOL}{intcomma(int(whole))}.{cents}"


@register.simple_tag(takes_context=True)
def panels(context, slot: str, **kwargs):
    request = context.get("request")
    return render_panels(slot, request, **kwargs)


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced ("" drops one)."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    for key, value in changes.items():
        if value in ("", None):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def first_image(product):
    """The product's first image from its prefetched images, or None."""
    return selectors.first_image(product)


@register.filter
def line_total(line) -> Decimal:
    """A cart line's total at the variant's current price."""
    from ..selectors import line_total as compute

    return compute(line)
