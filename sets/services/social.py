"""What other shoppers do with a published set: like, view, report, visit via a share.

"Once" is kept by unique constraints (one like per person and set, one report per
person and set, one referral visit per visitor, set and day), never by a check
before the insert; counters change with F() expressions.

A guest is told apart by ``guest_key`` (``core.http.guest_key``: their address for
the day), never by a session alone: a script without cookies has a new session on
every request, and pages that only read must not store one for it anyway.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from ..exceptions import SetForbidden, SetInvalid, SetStateError
from ..models import Set, SetLike, SetReferralVisit, SetReport

VIEW_REPEAT_SECONDS = 30 * 60
# A guest key holds the day: a guest (an address) counts one view a set and day.
GUEST_VIEW_REPEAT_SECONDS = 24 * 60 * 60


def _require_public(*, board: Set, action: str) -> None:
    if board.status != Set.Status.PUBLISHED:
        raise SetStateError(f"Only published sets can be {action}.")


def set_like(*, board: Set, user) -> bool:
    """Like a published set that is not one's own; True if this call added the like.

    Liking twice is not an error: the second call changes nothing and returns False.
    """
    if user is None or not user.is_authenticated:
        raise SetForbidden("Sign in to like sets.")
    if board.owner_id == user.pk:
        raise SetForbidden("You cannot like your own set.")
    _require_public(board=board, action="liked")
    with transaction.atomic():
        try:
            with transaction.atomic():
                SetLike.objects.create(set=board, user=user)
        except IntegrityError:  # already liked: the constraint is the guard
            return False
        Set.objects.filter(pk=board.pk).update(like_count=F("like_count") + 1)
    board.refresh_from_db(fields=["like_count"])
    return True


def set_unlike(*, board: Set, user) -> bool:
    """Take a like back; True if there was one."""
    if user is None or not user.is_authenticated:
        raise SetForbidden("Sign in to like sets.")
    with transaction.atomic():
        deleted, _ = SetLike.objects.filter(set=board, user=user).delete()
        if deleted:
            Set.objects.filter(pk=board.pk).update(like_count=F("like_count") - 1)
    board.refresh_from_db(fields=["like_count"])
    return bool(deleted)


def set_view_record(
    *, board: Set, user=None, session_key: str = "", guest_key: str = ""
) -> bool:
    """Count a view of a published set; True if it counted.

    The creator's own views do not count, nor the same account again within half
    an hour, nor the same guest (``guest_key``, else ``session_key``) again that
    day. "Again" is an atomic cache add, so two reloads at once count once; with the
    cache down nothing counts (a view is not worth letting a script count freely).
    """
    if board.status != Set.Status.PUBLISHED:
        return False
    signed_in = user is not None and user.is_authenticated
    if signed_in and user.pk == board.owner_id:
        return False
    if signed_in:
        visitor, seconds = f"user:{user.pk}", VIEW_REPEAT_SECONDS
    elif guest_key or session_key:
        visitor = guest_key or f"session:{session_key}"
        seconds = GUEST_VIEW_REPEAT_SECONDS
    else:
        return False  # nobody to tell apart: uncountable, so not counted
    # add() is False for a repeat and None when django-redis swallowed an error.
    if cache.add(f"sets:viewed:{board.pk}:{visitor}", 1, seconds) is not True:
        return False
    with transaction.atomic():
        Set.objects.filter(pk=board.pk).update(view_count=F("view_count") + 1)
    board.refresh_from_db(fields=["view_count"])
    return True


def set_report(*, board: Set, reporter, reason: str, message: str = "") -> SetReport:
    """Report a set to the merchants; each signed-in shopper reports a set once."""
    if reporter is None or not reporter.is_authenticated:
        raise SetForbidden("Sign in to report a set.")
    if board.owner_id == reporter.pk:
        raise SetForbidden("You cannot report your own set.")
    if reason not in SetReport.Reason.values:
        raise SetInvalid(
            "Choose a reason for the report.",
            errors={"reason": [f"One of: {', '.join(SetReport.Reason.values)}."]},
        )
    message = message.strip()
    if len(message) > 1000:
        raise SetInvalid(
            "The message can be at most 1,000 characters long.",
            errors={"message": ["At most 1000 characters."]},
        )
    try:
        with transaction.atomic():
            return SetReport.objects.create(
                set=board, reporter=reporter, reason=reason, message=message
            )
    except IntegrityError:
        raise SetStateError(
            "You have already reported this set; the shop will look at it."
        ) from None


def set_referral_record(
    *, board: Set, code: str, user=None, session_key: str = "", guest_key: str = ""
) -> SetReferralVisit | None:
    """Record a visit to a published set through its creator's referral link.

    Returns the visit (today's existing one on a repeat), or None when nothing is
    recorded: a wrong code, a set that is not public, the creator's own visit, or a
    visitor with neither an account nor a guest key or session.

    A visit credits nothing by itself: it is a statistic for the creator, and the
    rewards app pays commissions only on paid orders attributed to the set. A guest
    is one visitor per address and day (``guest_key``); their session, when they
    have one, is kept beside it so a later order can be matched.
    """
    if not code or code != board.referral_code or board.status != Set.Status.PUBLISHED:
        return None
    signed_in = user is not None and user.is_authenticated
    if signed_in and user.pk == board.owner_id:
        return None
    if not signed_in and not (guest_key or session_key):
        return None
    guest = guest_key or f"session:{session_key}"
    visitor = f"user:{user.pk}" if signed_in else guest
    now = timezone.now()
    try:
        with transaction.atomic():
            return SetReferralVisit.objects.create(
                set=board,
                referral_code=code,
                user=user if signed_in else None,
                session_key=session_key,
                visitor=visitor,
                visited_on=now.date(),
                visited_at=now,
            )
    except IntegrityError:  # this visitor came through this set today already
        return SetReferralVisit.objects.filter(
            set=board, visitor=visitor, visited_on=now.date()
        ).first()
