"""Emails to shoppers, plain text and HTML from templates."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from ..models import Order


def order_confirmation_send(*, order: Order) -> None:
    context = {
        "order": order,
        "lines": list(order.lines.all()),
        "site_url": settings.SITE_URL,
        "shop_name": settings.SHOP_NAME,
        "currency_symbol": settings.SHOP_CURRENCY_SYMBOL,
    }
    subject = f"{settings.SHOP_NAME}: your order {order.number} is confirmed"
    text = render_to_string("shop/email/order_confirmation.txt", context)
    html = render_to_string("shop/email/order_confirmation.html", context)
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, [order.email]
    )
    message.attach_alternative(html, "text/html")
    message.send()
