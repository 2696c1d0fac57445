"""Celery tasks: take ids, re-fetch, call one service; safe to run twice."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.db.models import F
from django.utils import timezone

from core.queue import enqueue

from .models import Set

# A set edited this recently may still have its render queued: leave it be.
RENDER_GRACE = timedelta(minutes=5)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def set_render_task(set_id: int) -> None:
    from .services.picture import set_render

    set_render(set_id=set_id)


@shared_task
def sets_render_reconcile() -> int:
    """Re-enqueue published sets whose picture is behind (broker down, worker died)."""
    behind = Set.objects.filter(
        published_at__isnull=False,
        rendered_version__lt=F("version"),
        updated_at__lt=timezone.now() - RENDER_GRACE,
    ).values_list("pk", flat=True)[:500]
    for set_id in behind:
        enqueue(set_render_task, set_id)
    return len(behind)
