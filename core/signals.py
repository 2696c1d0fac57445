"""Announcing an event so that a receiver's failure cannot undo what happened."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.dispatch import Signal

logger = logging.getLogger(__name__)


def send_robust(
    signal: Signal, *, event: str, about: object, sender: Any, **kwargs: Any
) -> None:
    """Send ``signal`` to every receiver; one that raises is logged as "``event``
    receiver … failed for ``about``" and the others still run."""
    for receiver, result in signal.send_robust(sender=sender, **kwargs):
        if isinstance(result, Exception):
            logger.error(
                "%s receiver %r failed for %s",
                event,
                receiver,
                about,
                exc_info=result,
            )


def send_robust_on_commit(
    signal: Signal, *, event: str, about: object, sender: Any, **kwargs: Any
) -> None:
    """``send_robust`` once the current transaction commits (at once outside one).

    What is announced exists only if the transaction commits, and a receiver's
    failure must not turn a done deed (a placed order, a published set) into an
    error page.
    """
    transaction.on_commit(
        lambda: send_robust(signal, event=event, about=about, sender=sender, **kwargs)
    )
