"""Celery tasks: take ids, call one service; every one is safe to run twice."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.db import OperationalError
from django.utils import timezone

from core.queue import enqueue

from .services.counting import order_count, order_uncount

# Orders arriving within this many seconds share one re-ranking of their products.
REFRESH_DELAY_SECONDS = 5
REFRESH_SCHEDULED_KEY = "crosssell:refresh-scheduled"


def _lists_changed(product_ids: list[int]) -> None:
    from .services.lists import lists_mark_stale, stale_lists_refresh

    if not product_ids:
        return
    lists_mark_stale(product_ids=product_ids)
    if settings.CELERY_TASK_ALWAYS_EAGER:
        stale_lists_refresh()  # the embedded default: no worker to wait for
    elif cache.add(REFRESH_SCHEDULED_KEY, 1, REFRESH_DELAY_SECONDS):
        enqueue(stale_lists_refresh_task, countdown=REFRESH_DELAY_SECONDS)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def order_count_task(order_id: int) -> int:
    changed = order_count(order_id=order_id)
    _lists_changed(changed)
    return len(changed)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def order_uncount_task(order_id: int) -> int:
    from .services.notes import order_quotes_forget

    changed = order_uncount(order_id=order_id)
    order_quotes_forget(order_id=order_id)
    _lists_changed(changed)
    return len(changed)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def stale_lists_refresh_task() -> int:
    from .services.lists import stale_lists_refresh

    return stale_lists_refresh()


@shared_task
def counts_reconcile(limit: int = 2000) -> int:
    """Count paid orders the workers missed; uncount refunded ones still counted."""
    from shop.models import Order

    from .models import CountedOrder
    from .services.counting import COUNTED_STATUSES

    cutoff = timezone.now() - timedelta(minutes=2)
    missing = (
        Order.objects.filter(
            status__in=COUNTED_STATUSES,
            placed_at__lt=cutoff,
            lines__product__isnull=False,
        )
        .exclude(pk__in=CountedOrder.objects.values("order_id"))
        .values_list("pk", flat=True)
        .distinct()[:limit]
    )
    fixed = 0
    for order_id in missing:
        fixed += bool(order_count_task(order_id))
    leftover = (
        CountedOrder.objects.filter(removed_at__isnull=True)
        .exclude(order__status__in=COUNTED_STATUSES)
        .values_list("order_id", flat=True)[:limit]
    )
    for order_id in leftover:
        fixed += bool(order_uncount_task(order_id))
    return fixed


@shared_task(soft_time_limit=3000, time_limit=3600)
def counts_recompute_task() -> int:
    from .services.counting import counts_recompute
    from .services.lists import all_lists_refresh

    baskets = counts_recompute()
    all_lists_refresh()
    return baskets


@shared_task
def note_followups_task() -> int:
    """The one "why did you buy these together?" email to buyers who did not answer."""
    from .services.followups import note_followups_send

    return note_followups_send()
