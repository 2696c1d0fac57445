"""Enqueue Celery tasks after commit, without ever failing the request that asks.

If the broker is down the task is logged and left to the periodic reconcile sweeps:
a checkout must never be lost because Redis or a worker is.
"""

import importlib
import logging

from celery import Task, current_app
from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue(task: Task, *args, countdown: int | None = None, **kwargs) -> None:
    try:
        task.apply_async(args=args, kwargs=kwargs, countdown=countdown)
    except Exception:  # the broker's errors vary by transport; the sweep recovers
        logger.exception(
            "could not enqueue %s%r; the reconcile sweep will retry", task.name, args
        )


def enqueue_on_commit(task: Task, *args, **kwargs) -> None:
    transaction.on_commit(lambda: enqueue(task, *args, **kwargs))


def enqueue_on_commit_by_name(name: str, *args, **kwargs) -> None:
    """Like ``enqueue_on_commit`` for a task named, not imported: for services whose
    task module imports them back (the import would run in a loop)."""
    transaction.on_commit(lambda: enqueue(task_by_name(name), *args, **kwargs))


def task_by_name(name: str) -> Task:
    """The registered task ``name`` ("app.tasks.func"); its module is imported first,
    since outside a worker Celery registers tasks only as their modules load."""
    importlib.import_module(name.rpartition(".")[0])
    return current_app.tasks[name]
