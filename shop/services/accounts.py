"""Accounts made from a guest checkout."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from ..exceptions import ShopError
from ..models import Order


class AccountExists(ShopError):
    pass


def username_free(*, email: str) -> str:
    """A username from the email's local part, numbered if it is taken."""
    User = get_user_model()
    local = email.split("@")[0]
    base = "".join(ch for ch in local if ch.isalnum() or ch in "._-")[:120] or "shopper"
    candidate, n = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}{n}"
    return candidate


def account_create_from_order(*, order: Order, password: str):
    """Turn a guest order's email into an account and give it the guest's orders.

    The email's guest orders are locked first, so two submissions (a double click,
    two tabs) make one account: the second finds it and raises AccountExists.
    The password must already have passed Django's validators (the form does it).
    """
    from allauth.account.models import EmailAddress

    User = get_user_model()
    first, _, last = order.shipping_name.partition(" ")
    with transaction.atomic():
        list(
            Order.objects.select_for_update()
            .filter(email__iexact=order.email, user__isnull=True)
            .order_by("pk")
        )
        if User.objects.filter(email__iexact=order.email).exists():
            raise AccountExists(
                "An account with this email already exists. Please log in."
            )
        user = User.objects.create_user(
            username=username_free(email=order.email),
            email=order.email,
            password=password,
            first_name=first[:150],
            last_name=last[:150],
        )
        EmailAddress.objects.create(
            user=user, email=order.email, primary=True, verified=False
        )
        Order.objects.filter(email__iexact=order.email, user__isnull=True).update(
            user=user
        )
    return user
