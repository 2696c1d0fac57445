"""Celery tasks: take ids, re-fetch, call one service; safe to run twice."""

from __future__ import annotations

import logging
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from core.queue import enqueue

from .models import Order, ProductImage
from .services.catalog import product_image_process as image_process

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def product_image_process(image_id: int) -> None:
    image = ProductImage.objects.select_related("product").filter(pk=image_id).first()
    if image is not None:
        image_process(image=image)


@shared_task
def images_reconcile() -> int:
    """Re-enqueue images stuck in processing (a worker died, the broker was down)."""
    stale = ProductImage.objects.filter(
        status=ProductImage.Status.PENDING,
        created_at__lt=timezone.now() - timedelta(minutes=10),
    ).values_list("pk", flat=True)[:500]
    for image_id in stale:
        enqueue(product_image_process, image_id)
    return len(stale)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def order_confirmation_send(order_id: int) -> None:
    from .services.emails import order_confirmation_send as send

    order = Order.objects.filter(pk=order_id).first()
    if order is not None:
        send(order=order)


@shared_task
def sessions_clear() -> None:
    """Delete expired sessions (beat, daily): Django's own ``clearsessions``.

    Guests' sessions pile up otherwise; pages that only read write none (a visitor
    gets one when they add to the cart, sign in or report as a buyer).
    """
    from django.core.management import call_command

    call_command("clearsessions")
