from decimal import Decimal

from django.conf import settings

from .selectors import mini_cart
from .services.cart import SESSION_CART_KEY, cart_for_session

MINI_CART_KEY = "mini_cart"
NAV_CACHE_KEY = "shop:nav-categories:v1"


def mini_cart_for_request(request) -> dict:
    """Count and subtotal for the header; kept in the session so pages stay cheap.

    Views that change the cart drop the cached copy (``mini_cart_forget``).
    """
    session = getattr(request, "session", None)
    if session is None:
        return {"count": 0, "subtotal": Decimal("0.00")}
    if SESSION_CART_KEY not in session and not request.user.is_authenticated:
        return {"count": 0, "subtotal": Decimal("0.00")}
    cached = session.get(MINI_CART_KEY)
    if cached is not None:
        return {"count": cached[0], "subtotal": Decimal(cached[1])}
    summary = mini_cart(cart=cart_for_session(session=session, user=request.user))
    session[MINI_CART_KEY] = [summary.count, str(summary.subtotal)]
    return {"count": summary.count, "subtotal": summary.subtotal}


def mini_cart_remember(request, *, count: int, subtotal: Decimal) -> None:
    """A view that has priced the cart anyway saves the header its queries."""
    if request.session.get(MINI_CART_KEY) != [count, str(subtotal)]:
        request.session[MINI_CART_KEY] = [count, str(subtotal)]


def mini_cart_forget(request) -> None:
    request.session.pop(MINI_CART_KEY, None)


def nav_categories() -> list:
    """Top-level categories for the header: the same for everyone, so cached."""
    from django.core.cache import cache

    from .models import Category

    categories = cache.get(NAV_CACHE_KEY)
    if categories is None:
        categories = [
            {"name": c.name, "url": c.get_absolute_url()}
            for c in Category.objects.filter(parent__isnull=True).order_by(
                "position", "name"
            )
        ]
        cache.set(NAV_CACHE_KEY, categories, 300)
    return categories


def shop(request) -> dict:
    return {
        "nav_categories": nav_categories(),
        "shop_name": settings.SHOP_NAME,
        "currency_symbol": settings.SHOP_CURRENCY_SYMBOL,
        "currency": settings.SHOP_CURRENCY,
        "mini_cart": mini_cart_for_request(request),
    }
