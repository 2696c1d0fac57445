"""Carts: guests keep theirs in the session; it follows them into their account."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from ..exceptions import (
    CartNotEditable,
    InvalidQuantity,
    NotAvailable,
    OutOfStock,
    ShopError,
)
from ..models import Cart, CartLine, Variant
from ..selectors import variant_by_sku

SESSION_CART_KEY = "cart_id"


def _check_quantity(quantity: int) -> None:
    if not isinstance(quantity, int) or isinstance(quantity, bool):
        raise InvalidQuantity("Quantity must be a whole number.")
    if quantity < 1:
        raise InvalidQuantity("Quantity must be at least 1.")
    if quantity > settings.SHOP_MAX_LINE_QUANTITY:
        raise InvalidQuantity(
            f"You can order at most {settings.SHOP_MAX_LINE_QUANTITY} of one item."
        )


def _touch_open(cart: Cart) -> None:
    """Refuse changes to a cart that is in checkout or already ordered."""
    if not Cart.objects.filter(pk=cart.pk, status=Cart.Status.OPEN).update(
        updated_at=timezone.now()
    ):
        raise CartNotEditable(
            "This cart is being checked out. Please wait a moment or start a new cart."
        )


def cart_get_or_create(*, session, user=None) -> Cart:
    """The shopper's open cart, created on first use and remembered in the session."""
    cart = cart_for_session(session=session, user=user)
    if cart is not None:
        return cart
    if user is not None and user.is_authenticated:
        try:
            with transaction.atomic():
                cart = Cart.objects.create(owner=user)
        except IntegrityError:  # another request of the same shopper made it first
            cart = Cart.objects.get(
                owner=user, status__in=[Cart.Status.OPEN, Cart.Status.FROZEN]
            )
    else:
        cart = Cart.objects.create()
    session[SESSION_CART_KEY] = cart.pk
    return cart


def cart_for_session(*, session, user=None) -> Cart | None:
    """The open (or in-checkout) cart of this visitor, without creating one."""
    if user is not None and user.is_authenticated:
        cart = Cart.objects.filter(
            owner=user, status__in=[Cart.Status.OPEN, Cart.Status.FROZEN]
        ).first()
        if cart is not None:
            session[SESSION_CART_KEY] = cart.pk
        return cart
    cart_id = session.get(SESSION_CART_KEY)
    if not cart_id:
        return None
    return Cart.objects.filter(
        pk=cart_id,
        owner__isnull=True,
        status__in=[Cart.Status.OPEN, Cart.Status.FROZEN],
    ).first()


def cart_add_variant(*, cart: Cart, variant: Variant, quantity: int = 1) -> CartLine:
    """Add ``quantity`` of a variant; refuses more than is in stock."""
    _check_quantity(quantity)
    if not variant.is_active or not variant.product.is_active:
        raise NotAvailable(f"{variant.product.title} is no longer available.")
    with transaction.atomic():
        _touch_open(cart)
        line = CartLine.objects.filter(cart=cart, variant=variant).first()
        current = line.quantity if line else 0
        wanted = current + quantity
        if wanted > settings.SHOP_MAX_LINE_QUANTITY:
            raise InvalidQuantity(
                f"You can order at most {settings.SHOP_MAX_LINE_QUANTITY} of one item."
            )
        if wanted > variant.stock:
            if variant.stock <= current:
                raise OutOfStock(
                    f"Sorry, {variant} is out of stock."
                    if variant.stock == 0
                    else f"You already have all {variant.stock} we have of {variant} in your cart.",
                    variant_ids=[variant.pk],
                )
            raise OutOfStock(
                f"Only {variant.stock} of {variant} left in stock.",
                variant_ids=[variant.pk],
            )
        if line is None:
            try:
                with transaction.atomic():
                    return CartLine.objects.create(
                        cart=cart, variant=variant, quantity=quantity
                    )
            except IntegrityError:
                line = CartLine.objects.get(cart=cart, variant=variant)
        CartLine.objects.filter(pk=line.pk).update(quantity=F("quantity") + quantity)
        line.refresh_from_db(fields=["quantity"])
        return line


# "Add all to cart" and "Add the whole set" take at most this many SKUs at once.
CART_ADD_SKUS_LIMIT = 50


@dataclass(frozen=True)
class SkusAdded:
    added: list[Variant]  # in the order given
    problems: list[str]  # one message per SKU that did not go in


def skus_to_add(skus: Iterable[str]) -> list[str]:
    """The SKUs an add-many request adds: the non-blank ones, the first 50."""
    return [sku for sku in skus if sku.strip()][:CART_ADD_SKUS_LIMIT]


def cart_add_skus(*, cart: Cart, skus: Iterable[str]) -> SkusAdded:
    """Add one of each SKU (``skus_to_add`` picks them): the ones that can be added
    go in, each one that can't (unknown, unavailable, out of stock, at the line's
    limit) is listed with its reason and stops nothing else."""
    added: list[Variant] = []
    problems: list[str] = []
    for sku in skus_to_add(skus):
        variant = variant_by_sku(sku=sku)
        if variant is None:
            problems.append(f"{sku}: not found")
            continue
        try:
            cart_add_variant(cart=cart, variant=variant, quantity=1)
        except ShopError as exc:
            problems.append(exc.message)
        else:
            added.append(variant)
    return SkusAdded(added=added, problems=problems)


def cart_set_quantity(*, cart: Cart, line_id: int, quantity: int) -> CartLine | None:
    """Set a line's quantity; 0 removes it. Returns None when removed."""
    if isinstance(quantity, int) and not isinstance(quantity, bool) and quantity == 0:
        cart_remove_line(cart=cart, line_id=line_id)
        return None
    _check_quantity(quantity)
    with transaction.atomic():
        _touch_open(cart)
        line = (
            CartLine.objects.select_related("variant__product")
            .filter(cart=cart, pk=line_id)
            .first()
        )
        if line is None:
            raise NotAvailable("That item is no longer in your cart.")
        if quantity > line.variant.stock:
            raise OutOfStock(
                f"Only {line.variant.stock} of {line.variant} left in stock.",
                variant_ids=[line.variant_id],
            )
        line.quantity = quantity
        line.save(update_fields=["quantity"])
        return line


def cart_remove_line(*, cart: Cart, line_id: int) -> None:
    with transaction.atomic():
        _touch_open(cart)
        CartLine.objects.filter(cart=cart, pk=line_id).delete()


def cart_merge_on_login(*, session, user) -> Cart | None:
    """Fold the guest's session cart into the account's open cart.

    Quantities of the same variant add up, capped by stock and the per-line limit.
    """
    guest_id = session.get(SESSION_CART_KEY)
    guest = (
        Cart.objects.filter(
            pk=guest_id, owner__isnull=True, status=Cart.Status.OPEN
        ).first()
        if guest_id
        else None
    )
    with transaction.atomic():
        target = (
            Cart.objects.select_for_update()
            .filter(owner=user, status__in=[Cart.Status.OPEN, Cart.Status.FROZEN])
            .first()
        )
        if guest is None:
            if target is not None:
                session[SESSION_CART_KEY] = target.pk
            return target
        if target is None:
            if Cart.objects.filter(pk=guest.pk, owner__isnull=True).update(owner=user):
                session[SESSION_CART_KEY] = guest.pk
                guest.owner = user
                return guest
            return None
        if target.status != Cart.Status.OPEN:
            return target
        existing = {
            line.variant_id: line for line in target.lines.select_related("variant")
        }
        for line in guest.lines.select_related("variant"):
            cap = min(line.variant.stock, settings.SHOP_MAX_LINE_QUANTITY)
            if line.variant_id in existing:
                mine = existing[line.variant_id]
                merged = min(mine.quantity + line.quantity, cap)
                if merged > mine.quantity:
                    CartLine.objects.filter(pk=mine.pk).update(quantity=merged)
            elif cap > 0:
                CartLine.objects.create(
                    cart=target, variant=line.variant, quantity=min(line.quantity, cap)
                )
        Cart.objects.filter(pk=guest.pk).update(status=Cart.Status.MERGED)
        session[SESSION_CART_KEY] = target.pk
        return target
