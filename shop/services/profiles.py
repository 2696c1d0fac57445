"""Public profiles: the opaque handle a shopper is known by in public.

Every account has one Profile, made with a random handle (``shopper-7k3q9x``) when
the account is saved for the first time and, for accounts older than that rule, on
first need. The shopper may choose another handle; the database's case-insensitive
unique constraint, not a lookup before the write, decides who gets a taken one.
"""

from __future__ import annotations

import re

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.ratelimit import RateLimited, limit_hit, limit_peek

from ..exceptions import ShopError
from ..models import HANDLE_PATTERN, Profile, handle_random

HANDLE_MIN = 3
HANDLE_MAX = 30
HANDLE_RATE_SCOPE = "handle-change"
_HANDLE = re.compile(HANDLE_PATTERN)
# Words that would let a shopper pass for the shop, its staff or a system page. A
# handle is refused when it is one of them or has one as a part between hyphens
# ("kate-support"), ignoring case; the strongest also as a prefix ("adminkate").
RESERVED_HANDLE_WORDS = frozenset(
    {
        "admin",
        "administrator",
        "because",
        "help",
        "merchant",
        "moderator",
        "official",
        "owner",
        "root",
        "security",
        "shop",
        "staff",
        "support",
        "system",
        "team",
    }
)
RESERVED_HANDLE_PREFIXES = ("admin", "because", "merchant", "moderator", "official")
# Fixed paths and words that must never be someone's /u/<handle>/.
RESERVED_HANDLES = frozenset({"account", "accounts", "api", "me", "new", "u", "www"})
HANDLE_NEW_ATTEMPTS = 8


class HandleInvalid(ShopError):
    pass


def handle_validate(*, handle: str) -> str:
    """The handle, stripped, if a shopper may take it; else HandleInvalid."""
    handle = (handle or "").strip()
    if not HANDLE_MIN <= len(handle) <= HANDLE_MAX:
        raise HandleInvalid(
            f"Your handle must be {HANDLE_MIN} to {HANDLE_MAX} characters long."
        )
    if not _HANDLE.fullmatch(handle):
        raise HandleInvalid(
            "Use only letters a–z, digits and single hyphens between them "
            "(like kate-styles)."
        )
    lowered = handle.lower()
    parts = lowered.split("-")
    if (
        lowered in RESERVED_HANDLES
        or lowered.replace("-", "") in RESERVED_HANDLE_WORDS
        or any(part in RESERVED_HANDLE_WORDS for part in parts)
        or lowered.startswith(RESERVED_HANDLE_PREFIXES)
    ):
        raise HandleInvalid(
            "That handle is reserved for the shop. Please choose another one."
        )
    return handle


def profile_for(*, user) -> Profile:
    """The account's profile, made with a fresh random handle if it has none yet.

    Safe to call twice at once for one account (the second finds the first's row)
    and retried on the rare random handle that is already someone's.
    """
    try:
        return user.profile
    except Profile.DoesNotExist:
        pass
    last_error: IntegrityError | None = None
    for _ in range(HANDLE_NEW_ATTEMPTS):
        try:
            with transaction.atomic():
                profile, _created = Profile.objects.get_or_create(
                    user=user, defaults={"handle": handle_random()}
                )
        except IntegrityError as exc:  # the random handle was taken: draw again
            last_error = exc
            continue
        user.profile = profile
        return profile
    raise last_error  # type: ignore[misc]


def profile_handle_change(*, user, handle: str) -> Profile:
    """Give the account the handle it chose.

    Raises HandleInvalid (a message for the form) when the handle breaks the rules
    or belongs to someone else, and RateLimited once the account changed its handle
    as often as ``RATE_LIMITS["handle-change"]`` allows: only changes count, so a
    mistyped or taken handle costs nothing. Nothing is written on any failure.
    """
    keys = [f"user:{user.pk}"]
    decision = limit_peek(scope=HANDLE_RATE_SCOPE, keys=keys)
    if not decision.allowed:
        raise RateLimited(
            "You have changed your handle several times today. "
            "Please try again tomorrow.",
            retry_after=decision.retry_after,
        )
    profile = profile_for(user=user)
    if (handle or "").strip() == profile.handle:
        return profile
    handle = handle_validate(handle=handle)
    now = timezone.now()
    try:
        with transaction.atomic():
            Profile.objects.filter(pk=profile.pk).update(
                handle=handle, handle_changed_at=now
            )
    except IntegrityError:
        raise HandleInvalid(
            "That handle is taken. Please choose another one."
        ) from None
    limit_hit(scope=HANDLE_RATE_SCOPE, keys=keys)
    profile.refresh_from_db(fields=["handle", "handle_changed_at"])
    return profile
