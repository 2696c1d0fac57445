"""Emailing a set to a friend, so limited that the shop cannot be used to spam.

Mail leaves under the shop's name, so four things stand between a spammer and a
stranger's inbox: only an account with a confirmed email address may send; the
counts per account, per client address and for the whole shop (``share-email``,
``share-email-daily``, ``share-email-shop`` in ``settings.RATE_LIMITS``) live in the
shared cache and fail closed, so a dead cache sends nothing rather than everything;
and the subject line is fixed, with nothing a shopper typed in it.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.template.loader import render_to_string

from core.ratelimit import Decision, limit_hit

from ..exceptions import (
    SetEmailUnconfirmed,
    SetForbidden,
    SetInvalid,
    SetRateLimited,
    SetStateError,
)
from ..models import Set
from ..selectors import set_share_links

MESSAGE_MAX = 500
SENDER_NAME_MAX = 60
# Per account and client address first, so one shopper's flood never spends the
# shop's daily budget; the shop-wide count is taken only for a mail that goes out.
SENDER_SCOPES = ("share-email", "share-email-daily")
SHOP_SCOPE = "share-email-shop"


TOO_MANY = "You have emailed a lot of sets lately; please try again later."
SHOP_FULL = (
    "The shop has sent as many set emails as it can today; please try again "
    "tomorrow, or copy the link instead."
)
PAUSED = (
    "Emailing sets is paused for a moment; please try again in a few minutes, or "
    "copy the link instead."
)


def _check(decision: Decision, message: str) -> None:
    if not decision.allowed:
        raise SetRateLimited(message if decision.counted else PAUSED)


def share_email_subject() -> str:
    """The one subject every shared set goes out with: nothing in it is user text."""
    return f"Someone shared a set with you on {settings.SHOP_NAME}"


def _sender_name(sender: AbstractBaseUser) -> str:
    # The full name the shopper gave, on one line; never the username or the email
    # address (those are private). Only ever in the body.
    name = " ".join(sender.get_full_name().split())[:SENDER_NAME_MAX].strip()
    return name or "A shopper"


def set_share_email(
    *,
    board: Set,
    sender: AbstractBaseUser | AnonymousUser | None,
    to_email: str,
    client_address: str,
    message: str = "",
) -> None:
    """Email a published set to one address on behalf of a signed-in shopper.

    ``client_address`` is the bucket the request came from
    (``core.http.client_bucket``). The link carries the referral code when the
    creator sends it. Raises SetRateLimited past a limit or when the limiter's cache
    is unreachable; nothing is sent then.
    """
    if sender is None or not sender.is_authenticated:
        raise SetForbidden("Sign in to email a set to a friend.")
    if board.status != Set.Status.PUBLISHED:
        raise SetStateError("Only published sets can be shared.")
    to_email = to_email.strip()
    try:
        validate_email(to_email)
    except ValidationError:
        raise SetInvalid(
            "That does not look like an email address.",
            errors={"email": ["Enter a valid email address."]},
        ) from None
    message = " ".join(message.split())  # one paragraph
    if len(message) > MESSAGE_MAX:
        raise SetInvalid(
            f"The message can be at most {MESSAGE_MAX} characters long.",
            errors={"message": [f"At most {MESSAGE_MAX} characters."]},
        )
    if not EmailAddress.objects.filter(user=sender, verified=True).exists():
        raise SetEmailUnconfirmed(
            "Confirm your email address before emailing sets to friends: open the "
            "link we sent you, or ask for a new one."
        )
    keys = [f"user:{sender.pk}", f"ip:{client_address}"]
    for scope in SENDER_SCOPES:
        _check(limit_hit(scope=scope, keys=keys, fail_closed=True), TOO_MANY)
    _check(limit_hit(scope=SHOP_SCOPE, keys=["shop"], fail_closed=True), SHOP_FULL)
    links = set_share_links(board=board, user=sender)
    body = render_to_string(
        "sets/email/share.txt",
        {
            "title": " ".join(board.title.split()),
            "link": links.url,
            "message": message,
            "sender_name": _sender_name(sender),
            "shop_name": settings.SHOP_NAME,
            "site_url": settings.SITE_URL,
        },
    )
    EmailMessage(
        share_email_subject(), body, settings.DEFAULT_FROM_EMAIL, [to_email]
    ).send()
