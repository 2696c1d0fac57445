from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from sets.models import Set, SetColour
from sets.tasks import set_render_task, sets_render_reconcile

from .factories import SetItemFactory, product_with_cutout, published_set

pytestmark = pytest.mark.django_db


def test_the_render_task_is_safe_to_run_twice():
    board = published_set(products=[product_with_cutout()])

    set_render_task(board.pk)
    board.refresh_from_db()
    first = (board.image.name, board.rendered_version)
    set_render_task(board.pk)
    board.refresh_from_db()

    assert (board.image.name, board.rendered_version) == first == (first[0], 1)
    assert board.colours.count() == 2


def test_the_render_task_ignores_a_deleted_set(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    board = published_set(products=[product_with_cutout()])
    other = published_set(products=[product_with_cutout()])
    deleted = board.pk
    board.delete()

    assert set_render_task(deleted) is None

    assert not default_storage.exists("sets")  # no picture drawn for anyone
    assert not Set.objects.filter(pk=deleted).exists()
    other.refresh_from_db()
    assert (other.rendered_version, other.image.name) == (0, "")
    assert not SetColour.objects.exists()


def test_reconcile_renders_published_sets_left_behind():
    behind = published_set()
    SetItemFactory(set=behind, product=product_with_cutout())
    recent = published_set(products=[product_with_cutout()])
    long_ago = timezone.now() - timedelta(hours=1)
    Set.objects.filter(pk=behind.pk).update(updated_at=long_ago)

    assert sets_render_reconcile() == 1  # the recent one may still be queued

    behind.refresh_from_db()
    recent.refresh_from_db()
    assert behind.rendered_version == behind.version
    assert recent.rendered_version == 0
