"""Placing an order: freeze the cart, charge outside any row lock, then one transaction.

The order of events, and why:

1. The cart is frozen with a conditional UPDATE, which also claims the checkout
   token: a double-click or a resubmitted form finds the cart frozen by its own
   token and waits for (or returns) the one order instead of charging again.
2. The card is charged with the token as the gateway's idempotency key — no row lock
   is held while a slow gateway answers.
3. One ``atomic()`` first turns the cart from frozen-by-this-token to ordered (a
   conditional UPDATE, which also locks the cart's row), then locks the variants
   in primary-key order, checks and takes the stock, locks and uses the voucher
   and gift card, and writes the order and its lines with price and title
   snapshots.
4. If step 3 fails (stock ran out meanwhile, voucher used up, or the cart is no
   longer frozen by this token because a gateway call outlived the freeze and
   another checkout of the same cart won) the charge is voided and the cart
   reopens if it is still ours, so the shopper sees a clear message and pays
   nothing, and the cart makes one order.
5. After commit ``order_paid`` fires and the confirmation email is enqueued.

A token answers only for the cart that claimed it: a checkout token is unique
among carts (a database constraint), and an order is returned for a token only to
the cart holding it, so a replayed token never shows another visitor's order.
"""

from __future__ import annotations

import logging
import secrets
import time
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from core.queue import enqueue_on_commit
from core.signals import send_robust_on_commit

from ..exceptions import (
    CheckoutInProgress,
    EmptyCart,
    GiftCardInvalid,
    NotAvailable,
    OutOfStock,
)
from ..lock_objects import gift_card_for_update, variants_for_update, voucher_for_update
from ..models import (
    Cart,
    GiftCardUse,
    Order,
    OrderLine,
    PaymentAttempt,
    Variant,
    VoucherUse,
)
from ..payments import Charge, get_gateway
from ..selectors import CartPricing, cart_lines, cart_price, line_total
from ..signals import order_paid
from .catalog import products_refresh_stock_flag
from .discounts import gift_card_check, voucher_check

logger = logging.getLogger(__name__)

# A cart left frozen longer than this by a crashed request may be checked out again.
FROZEN_STALE_SECONDS = 120
DUPLICATE_WAIT_SECONDS = 10.0
FORM_EXPIRED = "This checkout form has expired. Please reload the page."


@dataclass(frozen=True)
class ShippingAddress:
    name: str
    line1: str
    city: str
    postcode: str
    country: str
    line2: str = ""


def order_number_new() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    suffix = "".join(secrets.choice(alphabet) for _ in range(6))
    return f"{timezone.now():%y%m}-{suffix}"


def _order_for_token(*, token: str, cart: Cart) -> Order | None:
    """The order placed with ``token``, for the cart that placed it only.

    Any other cart presenting the token (a replayed or copied form) is told the
    form expired, which says nothing about the order.
    """
    order = Order.objects.filter(idempotency_key=token).first()
    if order is None:
        return None
    if not Cart.objects.filter(pk=cart.pk, checkout_token=token).exists():
        raise CheckoutInProgress(FORM_EXPIRED)
    return order


def _wait_for_duplicate(*, token: str, cart: Cart) -> Order:
    """Another request with the same token is placing the order: wait for it."""
    deadline = time.monotonic() + DUPLICATE_WAIT_SECONDS
    while time.monotonic() < deadline:
        order = _order_for_token(token=token, cart=cart)
        if order is not None:
            return order
        if not Cart.objects.filter(
            pk=cart.pk, checkout_token=token, status=Cart.Status.FROZEN
        ).exists():
            order = _order_for_token(token=token, cart=cart)
            if order is not None:
                return order
            raise CheckoutInProgress(
                "Your previous attempt did not go through. Please try again."
            )
        time.sleep(0.1)
    raise CheckoutInProgress(
        "Your order is still being processed. Please wait a moment and refresh the page."
    )


def _cart_freeze(*, cart: Cart, token: str) -> Order | None:
    """Claim the cart for this checkout token. Returns an order if one already exists."""
    try:
        with transaction.atomic():
            frozen = Cart.objects.filter(pk=cart.pk, status=Cart.Status.OPEN).update(
                status=Cart.Status.FROZEN,
                checkout_token=token,
                updated_at=timezone.now(),
            )
    except IntegrityError:  # another cart holds this token (a copied form)
        raise CheckoutInProgress(FORM_EXPIRED) from None
    if frozen:
        return None
    cart.refresh_from_db(fields=["status", "checkout_token", "updated_at"])
    if cart.checkout_token == token:
        existing = _order_for_token(token=token, cart=cart)
        if existing is not None:
            return existing
        return _wait_for_duplicate(token=token, cart=cart)
    if cart.status == Cart.Status.FROZEN:
        age = (timezone.now() - cart.updated_at).total_seconds()
        if age > FROZEN_STALE_SECONDS and _cart_refreeze(cart=cart, token=token):
            return None
        raise CheckoutInProgress(
            "This cart is already being checked out in another window. Please wait a moment."
        )
    raise EmptyCart("This cart has already been ordered. Your cart is now empty.")


class CartTakenOver(CheckoutInProgress):
    """The cart is no longer frozen by this checkout's token (internal)."""


def _cart_refreeze(*, cart: Cart, token: str) -> bool:
    """Take over a cart left frozen too long (a crashed or slow request).

    The request that froze it may still be waiting for its gateway: it then finds
    the cart no longer frozen by its token when it writes its order, and voids its
    charge (``order_place``), so the cart still makes one paid order.
    """
    try:
        with transaction.atomic():
            return bool(
                Cart.objects.filter(
                    pk=cart.pk, status=Cart.Status.FROZEN, updated_at=cart.updated_at
                ).update(
                    status=Cart.Status.FROZEN,
                    checkout_token=token,
                    updated_at=timezone.now(),
                )
            )
    except IntegrityError:
        raise CheckoutInProgress(FORM_EXPIRED) from None


def _cart_order(*, cart: Cart, token: str) -> None:
    """Frozen by this token → ordered; call first inside the order's atomic().

    The conditional UPDATE is the final say: if another checkout took the cart over
    meanwhile, this one fails (and its charge is voided) instead of making a second
    order. It also holds the cart's row lock until commit, so the taker waits.
    """
    ordered = Cart.objects.filter(
        pk=cart.pk, status=Cart.Status.FROZEN, checkout_token=token
    ).update(status=Cart.Status.ORDERED, updated_at=timezone.now())
    if not ordered:
        raise CartTakenOver(
            "This cart was checked out in another window while your payment was "
            "being taken. This attempt has been cancelled and you have not been "
            "charged for it."
        )


def _cart_reopen(*, cart: Cart, token: str) -> None:
    Cart.objects.filter(
        pk=cart.pk, checkout_token=token, status=Cart.Status.FROZEN
    ).update(status=Cart.Status.OPEN, checkout_token="", updated_at=timezone.now())


def _take_stock(pricing: CartPricing) -> None:
    """Lock the variants (pk order), check every line, then decrement. Call inside atomic()."""
    wanted: dict[int, int] = {}
    for line in pricing.lines:
        wanted[line.variant_id] = wanted.get(line.variant_id, 0) + line.quantity
    locked = {
        variant.pk: variant for variant in variants_for_update(variant_ids=list(wanted))
    }
    short = [
        variant_id
        for variant_id, quantity in wanted.items()
        if variant_id not in locked
        or not locked[variant_id].is_active
        or locked[variant_id].stock < quantity
    ]
    if short:
        names = {line.variant_id: str(line.variant) for line in pricing.lines}
        detail = "; ".join(
            f"{names[vid]} (only {locked[vid].stock} left)"
            if vid in locked and locked[vid].stock
            else f"{names[vid]} (sold out)"
            for vid in short
        )
        raise OutOfStock(
            f"Sorry, some items sold out while you were checking out: {detail}. "
            "You have not been charged.",
            variant_ids=short,
        )
    for variant_id, quantity in wanted.items():
        Variant.objects.filter(pk=variant_id).update(stock=F("stock") - quantity)
    products_refresh_stock_flag(product_ids=[locked[vid].product_id for vid in wanted])


def _use_voucher(*, pricing: CartPricing, order: Order, email: str) -> None:
    voucher = voucher_for_update(voucher_id=pricing.voucher.pk).get()
    voucher_check(voucher=voucher, subtotal=pricing.subtotal, email=email)
    type(voucher).objects.filter(pk=voucher.pk).update(times_used=F("times_used") + 1)
    VoucherUse.objects.create(
        voucher=voucher, order=order, email=email, amount=pricing.discount
    )


def _use_gift_card(*, pricing: CartPricing, order: Order) -> None:
    card = gift_card_for_update(gift_card_id=pricing.gift_card.pk).get()
    gift_card_check(gift_card=card)
    if card.balance < pricing.gift_card_amount:
        raise GiftCardInvalid(
            "Your gift card balance changed while you were checking out. "
            "Please review your order. You have not been charged."
        )
    type(card).objects.filter(pk=card.pk).update(
        balance=F("balance") - pricing.gift_card_amount
    )
    GiftCardUse.objects.create(
        gift_card=card, order=order, amount=pricing.gift_card_amount
    )


def _charge(*, pricing: CartPricing, card_number: str, token: str) -> Charge | None:
    if pricing.total <= 0:
        return None
    gateway = get_gateway()
    charge = gateway.charge(
        amount=pricing.total,
        currency=settings.SHOP_CURRENCY,
        card_number=card_number,
        idempotency_key=token,
    )
    PaymentAttempt.objects.update_or_create(
        token=token,
        defaults={
            "gateway": gateway.name,
            "reference": charge.reference,
            "amount": charge.amount,
            "currency": charge.currency,
            "status": PaymentAttempt.Status.CHARGED,
        },
    )
    return charge


def _void(*, charge: Charge | None, token: str) -> None:
    if charge is None:
        return
    try:
        get_gateway().void(reference=charge.reference)
    except Exception:  # the attempt row stays CHARGED for the merchant to see
        logger.exception("could not void charge %s", charge.reference)
        return
    PaymentAttempt.objects.filter(token=token).update(
        status=PaymentAttempt.Status.VOIDED
    )


def order_place(
    *,
    cart: Cart,
    email: str,
    shipping: ShippingAddress,
    card_number: str,
    token: str,
    user=None,
    voucher_code: str = "",
    gift_card_code: str = "",
    expected_total: Decimal | None = None,
) -> Order:
    """Place the order for ``cart``; idempotent on ``token``.

    ``expected_total`` is what the shopper saw on the page; if prices changed since,
    nothing is charged and the shopper is asked to review.
    """
    if not token or len(token) > 64:
        raise CheckoutInProgress(FORM_EXPIRED)
    existing = _order_for_token(token=token, cart=cart)
    if existing is not None:
        return existing
    email = email.strip()
    duplicate = _cart_freeze(cart=cart, token=token)
    if duplicate is not None:
        return duplicate

    charge = None
    try:
        lines = cart_lines(cart=cart)
        if not lines:
            raise EmptyCart("Your cart is empty.")
        for line in lines:
            if not line.variant.is_active or not line.variant.product.is_active:
                raise NotAvailable(
                    f"{line.variant.product.title} is no longer available. "
                    "Please remove it from your cart."
                )
        pricing = cart_price(
            lines=lines,
            voucher_code=voucher_code,
            gift_card_code=gift_card_code,
            email=email,
            strict=True,
        )
        # The page shows the total before any gift card (whose balance it never
        # shows), so that is what the shopper agreed to.
        if expected_total is not None and expected_total != pricing.grand_total:
            raise NotAvailable(
                "Prices in your cart changed since you loaded this page. The new "
                f"total is {pricing.grand_total}. Please review and place the order "
                "again."
            )
        charge = _charge(pricing=pricing, card_number=card_number, token=token)
        with transaction.atomic():
            _cart_order(cart=cart, token=token)
            _take_stock(pricing)
            order = Order.objects.create(
                number=order_number_new(),
                idempotency_key=token,
                user=user if user is not None and user.is_authenticated else None,
                email=email,
                status=Order.Status.PAID,
                currency=settings.SHOP_CURRENCY,
                subtotal=pricing.subtotal,
                shipping=pricing.shipping,
                discount=pricing.discount,
                gift_card_amount=pricing.gift_card_amount,
                total=pricing.total,
                voucher=pricing.voucher,
                shipping_name=shipping.name,
                shipping_line1=shipping.line1,
                shipping_line2=shipping.line2,
                shipping_city=shipping.city,
                shipping_postcode=shipping.postcode,
                shipping_country=shipping.country,
                payment_reference=charge.reference if charge else "",
                card_last4=charge.card_last4 if charge else "",
            )
            OrderLine.objects.bulk_create(
                OrderLine(
                    order=order,
                    product=line.variant.product,
                    variant=line.variant,
                    sku=line.variant.sku,
                    title=line.variant.product.title,
                    variant_label=line.variant.label,
                    unit_price=line.variant.price,
                    quantity=line.quantity,
                    line_total=line_total(line),
                )
                for line in lines
            )
            if pricing.voucher is not None:
                _use_voucher(pricing=pricing, order=order, email=email)
            if pricing.gift_card is not None:
                _use_gift_card(pricing=pricing, order=order)
            PaymentAttempt.objects.filter(token=token).update(
                status=PaymentAttempt.Status.CAPTURED
            )
            send_robust_on_commit(
                order_paid,
                event="order_paid",
                about=order.number,
                sender=Order,
                order=order,
            )
            from ..tasks import order_confirmation_send

            enqueue_on_commit(order_confirmation_send, order.pk)
    except (IntegrityError, CartTakenOver) as exc:
        # The same token won the race in another request: that order (and its one
        # idempotent charge) stands. Otherwise another checkout of this cart won
        # after the freeze went stale: this charge is voided, that order stands.
        _void_if_not_ours(charge=charge, token=token)
        existing = _order_for_token(token=token, cart=cart)
        if existing is not None:
            return existing
        _cart_reopen(cart=cart, token=token)
        if isinstance(exc, CartTakenOver):
            raise CheckoutInProgress(exc.message) from None
        raise
    except Exception:
        # Declined card, stock sold out meanwhile, voucher used up, or a crash: the
        # shopper pays nothing and keeps their cart.
        _void_if_not_ours(charge=charge, token=token)
        _cart_reopen(cart=cart, token=token)
        raise
    return order


def _void_if_not_ours(*, charge: Charge | None, token: str) -> None:
    """Void a charge that made no order.

    A concurrent duplicate that placed the order with the same token shares this
    idempotent charge: that one is kept.
    """
    if charge is not None and not Order.objects.filter(idempotency_key=token).exists():
        _void(charge=charge, token=token)
