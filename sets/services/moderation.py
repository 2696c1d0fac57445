"""Merchants hide sets that break the rules and restore them after a look."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Case, Q, Value, When
from django.db.models.query import QuerySet
from django.utils import timezone

from ..models import Set, SetReport


def sets_hide(*, sets: QuerySet[Set]) -> int:
    """Hide the given sets from everyone but their creators and the merchants."""
    with transaction.atomic():
        return sets.exclude(status=Set.Status.HIDDEN).update(
            status=Set.Status.HIDDEN, updated_at=timezone.now()
        )


def sets_restore(*, sets: QuerySet[Set]) -> int:
    """Put hidden sets back as they were (published if they ever were) and close
    their open reports."""
    with transaction.atomic():
        hidden = sets.filter(status=Set.Status.HIDDEN)
        ids = list(hidden.values_list("pk", flat=True))
        restored = Set.objects.filter(pk__in=ids).update(
            status=Case(
                When(
                    Q(published_at__isnull=False) & ~Q(title=""),
                    then=Value(Set.Status.PUBLISHED),
                ),
                default=Value(Set.Status.DRAFT),
            ),
            updated_at=timezone.now(),
        )
        SetReport.objects.filter(set_id__in=ids, resolved_at__isnull=True).update(
            resolved_at=timezone.now()
        )
    return restored


def set_hide(*, board: Set) -> Set:
    sets_hide(sets=Set.objects.filter(pk=board.pk))
    board.refresh_from_db()
    return board


def set_restore(*, board: Set) -> Set:
    sets_restore(sets=Set.objects.filter(pk=board.pk))
    board.refresh_from_db()
    return board
