from decimal import Decimal as D

import pytest

from shop.exceptions import (
    CheckoutInProgress,
    EmptyCart,
    GiftCardInvalid,
    OutOfStock,
    VoucherInvalid,
)
from shop.models import (
    Cart,
    GiftCard,
    Order,
    PaymentAttempt,
    Variant,
    Voucher,
    VoucherUse,
)
from shop.payments import PaymentDeclined
from shop.services.orders import order_fulfil, order_refund
from shop.signals import order_paid, order_refunded

from .factories import GiftCardFactory, VoucherFactory, product_with_variant
from .helpers import DECLINED_CARD, cart_with, charge_status, place

pytestmark = pytest.mark.django_db


def test_placing_an_order_snapshots_lines_takes_stock_and_charges(
    django_capture_on_commit_callbacks, mailoutbox
):
    # given a cart with two books
    moon = product_with_variant(price="8.99", stock=5, title="Goodnight Moon")
    mouse = product_with_variant(
        price="9.50", stock=1, title="If You Give a Mouse a Cookie"
    )
    cart = cart_with((moon, 2), (mouse, 1))
    received = []
    order_paid.connect(
        lambda sender, order, **kw: received.append(order.number),
        weak=False,
        dispatch_uid="t1",
    )

    # when
    with django_capture_on_commit_callbacks(execute=True):
        order = place(cart)

    # then
    order_paid.disconnect(dispatch_uid="t1")
    assert order.status == Order.Status.PAID
    assert order.subtotal == D("27.48")
    assert order.shipping == D("4.95")
    assert order.total == D("32.43")
    assert [
        (line.title, line.unit_price, line.quantity, line.line_total)
        for line in order.lines.all()
    ] == [
        ("Goodnight Moon", D("8.99"), 2, D("17.98")),
        ("If You Give a Mouse a Cookie", D("9.50"), 1, D("9.50")),
    ]
    moon.refresh_from_db()
    mouse.refresh_from_db()
    assert (moon.stock, mouse.stock) == (3, 0)
    mouse.product.refresh_from_db()
    assert mouse.product.is_in_stock is False
    assert Cart.objects.get(pk=cart.pk).status == Cart.Status.ORDERED
    assert charge_status(order.payment_reference) == "charged"
    assert received == [order.number]
    assert len(mailoutbox) == 1
    assert order.number in mailoutbox[0].subject
    assert mailoutbox[0].to == ["kathryn@example.com"]


def test_price_snapshot_survives_a_later_price_change():
    variant = product_with_variant(price="20.00")
    order = place(cart_with((variant, 1)))
    variant.product.price = D("99.00")
    variant.product.save()
    assert order.lines.get().unit_price == D("20.00")


def test_same_token_twice_makes_one_order_and_one_charge():
    variant = product_with_variant(stock=5)
    cart = cart_with((variant, 1))
    first = place(cart, token="tok-double-click")
    second = place(cart, token="tok-double-click")
    assert first.pk == second.pk
    assert Order.objects.count() == 1
    assert PaymentAttempt.objects.filter(token="tok-double-click").count() == 1
    variant.refresh_from_db()
    assert variant.stock == 4


def test_declined_card_writes_nothing_and_keeps_the_cart():
    variant = product_with_variant(stock=3)
    cart = cart_with((variant, 1))
    with pytest.raises(PaymentDeclined, match="declined"):
        place(cart, card=DECLINED_CARD)
    assert Order.objects.count() == 0
    assert PaymentAttempt.objects.count() == 0
    variant.refresh_from_db()
    assert variant.stock == 3
    cart.refresh_from_db()
    assert cart.status == Cart.Status.OPEN
    # and the shopper can try again with another card
    assert place(cart).status == Order.Status.PAID


def test_stock_gone_after_charge_voids_payment_and_writes_no_order():
    variant = product_with_variant(stock=2)
    cart = cart_with((variant, 2))
    Variant.objects.filter(pk=variant.pk).update(
        stock=1
    )  # someone else bought one meanwhile
    with pytest.raises(OutOfStock, match="only 1 left"):
        place(cart, token="tok-sold-out")
    attempt = PaymentAttempt.objects.get(token="tok-sold-out")
    assert attempt.status == PaymentAttempt.Status.VOIDED
    assert charge_status(attempt.reference) == "voided"
    assert Order.objects.count() == 0
    variant.refresh_from_db()
    assert variant.stock == 1
    assert Cart.objects.get(pk=cart.pk).status == Cart.Status.OPEN


def test_empty_cart_cannot_be_ordered():
    cart = Cart.objects.create()
    with pytest.raises(EmptyCart):
        place(cart)
    assert Order.objects.count() == 0


def test_a_cart_in_checkout_cannot_be_checked_out_by_another_token():
    variant = product_with_variant()
    cart = cart_with((variant, 1))
    Cart.objects.filter(pk=cart.pk).update(
        status=Cart.Status.FROZEN, checkout_token="other"
    )
    with pytest.raises(CheckoutInProgress):
        place(cart, token="mine")
    assert Order.objects.count() == 0


def test_changed_prices_since_page_load_are_not_charged():
    variant = product_with_variant(price="10.00")
    cart = cart_with((variant, 1))
    from shop.exceptions import NotAvailable

    with pytest.raises(NotAvailable, match="Prices in your cart changed"):
        place(cart, expected_total=D("1.00"))
    assert Order.objects.count() == 0
    assert PaymentAttempt.objects.count() == 0


def test_percent_voucher_with_minimum_spend():
    variant = product_with_variant(price="40.00")
    VoucherFactory(
        code="TEN", kind=Voucher.Kind.PERCENT, value=D("10"), minimum_spend=D("50.00")
    )
    with pytest.raises(VoucherInvalid, match="minimum spend"):
        place(cart_with((variant, 1)), voucher_code="ten")
    order = place(cart_with((variant, 2)), voucher_code=" ten ")
    assert order.discount == D("8.00")
    assert order.shipping == D(
        "0.00"
    )  # 72.00 after discount is over the free-shipping line
    assert order.total == D("72.00")
    assert Voucher.objects.get(code="TEN").times_used == 1


def test_voucher_usage_and_per_customer_limits():
    variant = product_with_variant(price="30.00", stock=50)
    VoucherFactory(code="ONCE", per_customer_limit=1, usage_limit=2)
    place(cart_with((variant, 1)), voucher_code="ONCE", email="a@example.com")
    with pytest.raises(VoucherInvalid, match="can't apply that discount code"):
        place(cart_with((variant, 1)), voucher_code="ONCE", email="A@example.com")
    place(cart_with((variant, 1)), voucher_code="ONCE", email="b@example.com")
    with pytest.raises(VoucherInvalid, match="can't apply that discount code"):
        place(cart_with((variant, 1)), voucher_code="ONCE", email="c@example.com")
    assert VoucherUse.objects.count() == 2


def test_expired_and_unknown_vouchers_are_refused_alike():
    from datetime import timedelta

    from django.utils import timezone

    variant = product_with_variant()
    VoucherFactory(code="OLD", ends_at=timezone.now() - timedelta(days=1))
    with pytest.raises(VoucherInvalid, match="can't apply that discount code"):
        place(cart_with((variant, 1)), voucher_code="OLD")
    with pytest.raises(VoucherInvalid, match="can't apply that discount code"):
        place(cart_with((variant, 1)), voucher_code="NOPE")
    assert Order.objects.count() == 0


def test_gift_card_partial_use_across_orders():
    variant = product_with_variant(price="15.00", stock=10)
    card = GiftCardFactory(code="GIFTCARD0001", initial_balance=D("25.00"))
    first = place(cart_with((variant, 1)), gift_card_code="giftcard0001")
    # 15.00 + 4.95 shipping = 19.95, all on the card, nothing charged
    assert (first.gift_card_amount, first.total, first.payment_reference) == (
        D("19.95"),
        D("0.00"),
        "",
    )
    card.refresh_from_db()
    assert card.balance == D("5.05")
    second = place(cart_with((variant, 1)), gift_card_code="GIFTCARD0001")
    assert (second.gift_card_amount, second.total) == (D("5.05"), D("14.90"))
    card.refresh_from_db()
    assert card.balance == D("0.00")
    with pytest.raises(GiftCardInvalid, match="can't apply that gift card code"):
        place(cart_with((variant, 1)), gift_card_code="GIFTCARD0001")


def test_refund_restores_stock_gift_card_and_voucher_and_fires_once(
    django_capture_on_commit_callbacks,
):
    variant = product_with_variant(price="30.00", stock=1)
    card = GiftCardFactory(code="GC-REFUND-01", initial_balance=D("10.00"))
    VoucherFactory(code="FIVE", value=D("5.00"), usage_limit=1)
    order = place(
        cart_with((variant, 1)), gift_card_code="GC-REFUND-01", voucher_code="FIVE"
    )
    fired = []
    order_refunded.connect(
        lambda sender, order, status, **kw: fired.append(status),
        weak=False,
        dispatch_uid="t2",
    )
    with django_capture_on_commit_callbacks(execute=True):
        order_refund(order=order)
    from shop.exceptions import OrderStateError

    with pytest.raises(OrderStateError, match="already refunded"):
        order_refund(order=order)
    order_refunded.disconnect(dispatch_uid="t2")
    variant.refresh_from_db()
    card.refresh_from_db()
    assert variant.stock == 1
    variant.product.refresh_from_db()
    assert variant.product.is_in_stock is True
    assert card.balance == D("10.00")
    assert Voucher.objects.get(code="FIVE").times_used == 0
    assert fired == ["refunded"]
    assert charge_status(order.payment_reference) == "refunded"
    assert Order.objects.get(pk=order.pk).status == Order.Status.REFUNDED


def test_shipped_orders_are_refunded_not_cancelled():
    from shop.exceptions import OrderStateError

    order = place(cart_with((product_with_variant(), 1)))
    order_fulfil(order=order)
    with pytest.raises(OrderStateError, match="refund it instead"):
        order_refund(order=order, status=Order.Status.CANCELLED)
    assert order_refund(order=order).status == Order.Status.REFUNDED


def test_gift_card_balance_never_negative_in_the_database():
    from django.db import IntegrityError, transaction

    card = GiftCardFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        GiftCard.objects.filter(pk=card.pk).update(balance=D("-1.00"))
