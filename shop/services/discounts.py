"""Discount codes and gift cards: lookup and the rules, shared by pricing and checkout.

The checks here run twice: once to price the cart for the shopper, and again inside
the order's transaction with the voucher or gift card row locked.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from ..exceptions import GiftCardInvalid, VoucherInvalid
from ..models import GiftCard, Voucher, VoucherUse
from ..money import quantize_money


def normalise_code(code: str) -> str:
    return "".join(code.split()).upper()


def voucher_find(*, code: str) -> Voucher:
    code = normalise_code(code)
    voucher = Voucher.objects.filter(code__iexact=code).first() if code else None
    if voucher is None:
        raise VoucherInvalid(f"We don't recognise the discount code “{code}”.")
    return voucher


def voucher_check(*, voucher: Voucher, subtotal: Decimal, email: str | None) -> None:
    """Raise VoucherInvalid with the reason if the voucher can't be used now."""
    now = timezone.now()
    if not voucher.is_active:
        raise VoucherInvalid(f"The code {voucher.code} is no longer active.")
    if voucher.starts_at and voucher.starts_at > now:
        raise VoucherInvalid(f"The code {voucher.code} is not valid yet.")
    if voucher.ends_at and voucher.ends_at <= now:
        raise VoucherInvalid(f"The code {voucher.code} has expired.")
    if voucher.usage_limit is not None and voucher.times_used >= voucher.usage_limit:
        raise VoucherInvalid(f"The code {voucher.code} has been used up.")
    if subtotal < voucher.minimum_spend:
        raise VoucherInvalid(
            f"The code {voucher.code} needs a minimum spend of {voucher.minimum_spend}."
        )
    if email and voucher.per_customer_limit is not None:
        used = VoucherUse.objects.filter(voucher=voucher, email__iexact=email).count()
        if used >= voucher.per_customer_limit:
            raise VoucherInvalid(f"You have already used the code {voucher.code}.")


def voucher_discount(*, voucher: Voucher, subtotal: Decimal) -> Decimal:
    if voucher.kind == Voucher.Kind.PERCENT:
        amount = quantize_money(subtotal * voucher.value / Decimal(100))
    else:
        amount = voucher.value
    return min(quantize_money(amount), subtotal)


def gift_card_find(*, code: str) -> GiftCard:
    code = normalise_code(code)
    card = GiftCard.objects.filter(code__iexact=code).first() if code else None
    if card is None:
        raise GiftCardInvalid("We don't recognise that gift card code.")
    return card


def gift_card_check(*, gift_card: GiftCard) -> None:
    if not gift_card.is_active:
        raise GiftCardInvalid("That gift card is no longer active.")
    if gift_card.expires_at and gift_card.expires_at <= timezone.now():
        raise GiftCardInvalid("That gift card has expired.")
    if gift_card.balance <= 0:
        raise GiftCardInvalid("That gift card has no balance left.")
