"""After the sale: fulfil, cancel, refund. Refunds and cancellations restore stock."""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import F

from core.signals import send_robust_on_commit

from ..exceptions import OrderStateError
from ..lock_objects import order_for_update, variants_for_update
from ..models import GiftCard, Order, PaymentAttempt, Variant, Voucher
from ..payments import get_gateway
from ..signals import order_refunded
from .catalog import products_refresh_stock_flag

logger = logging.getLogger(__name__)


def order_fulfil(*, order: Order) -> Order:
    with transaction.atomic():
        locked = order_for_update(order_id=order.pk).get()
        if locked.status != Order.Status.PAID:
            raise OrderStateError(
                f"Order {locked.number} is {locked.get_status_display().lower()}; only paid orders can be fulfilled."
            )
        locked.status = Order.Status.FULFILLED
        locked.save(update_fields=["status", "updated_at"])
    return locked


def order_refund(*, order: Order, status: str = Order.Status.REFUNDED) -> Order:
    """Refund (or cancel) a paid order: stock back, gift card back, voucher use freed.

    Exactly once: the order row is locked and its status checked, so a second call
    (a double-clicked admin action) raises instead of restocking twice.
    """
    if status not in (Order.Status.REFUNDED, Order.Status.CANCELLED):
        raise ValueError(f"not a refund status: {status}")
    with transaction.atomic():
        locked = order_for_update(order_id=order.pk).get()
        if not locked.is_paid:
            raise OrderStateError(
                f"Order {locked.number} is already {locked.get_status_display().lower()}."
            )
        if status == Order.Status.CANCELLED and locked.status == Order.Status.FULFILLED:
            raise OrderStateError(
                f"Order {locked.number} has shipped; refund it instead of cancelling."
            )
        lines = list(locked.lines.exclude(variant__isnull=True))
        quantities: dict[int, int] = {}
        for line in lines:
            quantities[line.variant_id] = (
                quantities.get(line.variant_id, 0) + line.quantity
            )
        restocked = list(variants_for_update(variant_ids=list(quantities)))
        for variant_id, quantity in quantities.items():
            Variant.objects.filter(pk=variant_id).update(stock=F("stock") + quantity)
        products_refresh_stock_flag(product_ids=[v.product_id for v in restocked])
        for use in locked.gift_card_uses.filter(is_reversed=False).order_by(
            "gift_card_id"
        ):
            GiftCard.objects.filter(pk=use.gift_card_id).update(
                balance=F("balance") + use.amount
            )
            type(use).objects.filter(pk=use.pk).update(is_reversed=True)
        if hasattr(locked, "voucher_use"):
            Voucher.objects.filter(
                pk=locked.voucher_use.voucher_id, times_used__gt=0
            ).update(times_used=F("times_used") - 1)
            locked.voucher_use.delete()
        locked.status = status
        locked.save(update_fields=["status", "updated_at"])
        if locked.payment_reference and locked.total > 0:
            reference, amount = locked.payment_reference, locked.total
            transaction.on_commit(
                lambda: _refund_payment(reference=reference, amount=amount)
            )
        send_robust_on_commit(
            order_refunded,
            event="order_refunded",
            about=locked.number,
            sender=Order,
            order=locked,
            status=status,
        )
    return locked


def _refund_payment(*, reference: str, amount) -> None:
    try:
        get_gateway().refund(reference=reference, amount=amount)
    except Exception:
        logger.exception("gateway refund failed for %s; refund it by hand", reference)
        return
    PaymentAttempt.objects.filter(reference=reference).update(
        status=PaymentAttempt.Status.REFUNDED
    )
