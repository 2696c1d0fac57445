"""enqueue: a broker that is down never fails the request that enqueues."""

import logging

import pytest
from django.db import transaction

from core.queue import enqueue, enqueue_on_commit


class _Task:
    name = "tests.fake_task"

    def __init__(self, error=None):
        self.error = error
        self.calls = []

    def apply_async(self, *, args, kwargs, countdown):
        if self.error is not None:
            raise self.error
        self.calls.append((args, kwargs, countdown))


def test_the_task_gets_its_arguments_and_countdown():
    task = _Task()

    enqueue(task, 7, "x", countdown=30, flag=True)

    assert task.calls == [((7, "x"), {"flag": True}, 30)]


def test_a_broker_error_is_logged_not_raised(caplog):
    task = _Task(error=ConnectionError("redis down"))

    enqueue(task, 7)

    assert task.calls == []
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1
    assert "tests.fake_task" in errors[0].getMessage()


@pytest.mark.django_db
def test_on_commit_waits_for_the_commit_and_a_rollback_sends_nothing(
    django_capture_on_commit_callbacks,
):
    kept, dropped = _Task(), _Task()
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            enqueue_on_commit(kept, 1)
            assert kept.calls == []
        with pytest.raises(ValueError), transaction.atomic():
            enqueue_on_commit(dropped, 2)
            raise ValueError("rolled back")

    assert kept.calls == [((1,), {}, None)]
    assert dropped.calls == []
