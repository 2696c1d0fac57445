"""Shop pages, one module per part of the shop; ``shop/urls.py`` routes to these.

Each view parses input, calls a service or selector, and renders.
"""

from .account import account, account_order, account_profile
from .cart import (
    cart_add,
    cart_add_many,
    cart_added,
    cart_line_remove,
    cart_line_update,
    cart_view,
)
from .catalog import category_view, healthz, home, product_list_view, product_view
from .checkout import checkout, thanks

__all__ = [
    "account",
    "account_order",
    "account_profile",
    "cart_add",
    "cart_add_many",
    "cart_added",
    "cart_line_remove",
    "cart_line_update",
    "cart_view",
    "category_view",
    "checkout",
    "healthz",
    "home",
    "product_list_view",
    "product_view",
    "thanks",
]
