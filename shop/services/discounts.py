"""Discount codes and gift cards: lookup and the rules, shared by pricing and checkout.

The checks here run twice: once to price the cart for the shopper, and again inside
the order's transaction with the voucher or gift card row locked.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.utils import timezone

from ..exceptions import GiftCardInvalid, VoucherInvalid
from ..models import GiftCard, Voucher, VoucherUse, code_normalised
from ..money import quantize_money

# One answer for every code that can't be used (unknown, expired, not yet valid,
# used up, empty, inactive, minimum spend, already used by this email): nothing in
# it tells someone guessing codes that the one they typed exists.
VOUCHER_REFUSED = (
    "We can't apply that discount code to this order. Check the code, and any "
    "minimum spend or dates that came with it."
)
GIFT_CARD_REFUSED = "We can't apply that gift card code. Check the code and try again."

_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212]+")


def normalise_code(code: str) -> str:
    """A code as typed, compared without case, spaces or dashes (any kind of dash)."""
    return _SEPARATORS.sub("", code or "").upper()


def voucher_find(*, code: str) -> Voucher:
    code = normalise_code(code)
    voucher = (
        Voucher.objects.alias(normalised=code_normalised())
        .filter(normalised=code)
        .first()
        if code
        else None
    )
    if voucher is None:
        raise VoucherInvalid(VOUCHER_REFUSED)
    return voucher


def voucher_check(*, voucher: Voucher, subtotal: Decimal, email: str | None) -> None:
    """Raise VoucherInvalid (one message for every reason) if it can't be used now."""
    now = timezone.now()
    usable = (
        voucher.is_active
        and not (voucher.starts_at and voucher.starts_at > now)
        and not (voucher.ends_at and voucher.ends_at <= now)
        and not (
            voucher.usage_limit is not None
            and voucher.times_used >= voucher.usage_limit
        )
        and subtotal >= voucher.minimum_spend
    )
    if usable and email and voucher.per_customer_limit is not None:
        used = VoucherUse.objects.filter(voucher=voucher, email__iexact=email).count()
        usable = used < voucher.per_customer_limit
    if not usable:
        raise VoucherInvalid(VOUCHER_REFUSED)


def voucher_discount(*, voucher: Voucher, subtotal: Decimal) -> Decimal:
    if voucher.kind == Voucher.Kind.PERCENT:
        amount = quantize_money(subtotal * voucher.value / Decimal(100))
    else:
        amount = voucher.value
    return min(quantize_money(amount), subtotal)


def gift_card_find(*, code: str) -> GiftCard:
    code = normalise_code(code)
    card = (
        GiftCard.objects.alias(normalised=code_normalised())
        .filter(normalised=code)
        .first()
        if code
        else None
    )
    if card is None:
        raise GiftCardInvalid(GIFT_CARD_REFUSED)
    return card


def gift_card_check(*, gift_card: GiftCard) -> None:
    """Raise GiftCardInvalid (the same message as an unknown code) if it can't pay."""
    if (
        not gift_card.is_active
        or (gift_card.expires_at and gift_card.expires_at <= timezone.now())
        or gift_card.balance <= 0
    ):
        raise GiftCardInvalid(GIFT_CARD_REFUSED)
