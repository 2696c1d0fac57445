"""Start-up checks of the shop: no test gateway in production."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, register
from django.utils.module_loading import import_string


@register()
def payment_gateway_check(app_configs=None, **kwargs) -> list[Error]:
    """With DEBUG off, the test gateway (which takes no money) only for a declared demo."""
    path = settings.SHOP_PAYMENT_GATEWAY
    try:
        gateway = import_string(path)
    except ImportError as exc:
        return [
            Error(
                f"SHOP_PAYMENT_GATEWAY {path!r} cannot be imported: {exc}.",
                hint="Set SHOP_PAYMENT_GATEWAY to the dotted path of a gateway class.",
                id="shop.E002",
            )
        ]
    if settings.DEBUG or getattr(settings, "SHOP_DEMO_PAYMENTS", False):
        return []
    if getattr(gateway, "is_test", False):
        return [
            Error(
                f"The payment gateway is the test gateway ({path}), which takes no "
                "money: every order would ship unpaid.",
                hint=(
                    "Set SHOP_PAYMENT_GATEWAY to a real gateway; or, for a demo shop "
                    "that must not take payments, set SHOP_DEMO_PAYMENTS=1 (the "
                    "checkout page then says no real payment is taken)."
                ),
                id="shop.E001",
            )
        ]
    return []
