"""Emailing a set to a friend, rate limited so the shop cannot be used to spam."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.template.loader import render_to_string
from django.utils import timezone

from ..exceptions import SetForbidden, SetInvalid, SetRateLimited, SetStateError
from ..models import Set
from ..selectors import set_share_links

SHARE_EMAILS_PER_HOUR = 10
MESSAGE_MAX = 500


def set_share_email(*, set: Set, sender, to_email: str, message: str = "") -> None:
    """Email a published set to one address on behalf of a signed-in shopper.

    At most SHARE_EMAILS_PER_HOUR per sender per clock hour, counted with an atomic
    cache increment. The link carries the referral code when the creator sends it.
    """
    if sender is None or not sender.is_authenticated:
        raise SetForbidden("Sign in to email a set to a friend.")
    if set.status != Set.Status.PUBLISHED:
        raise SetStateError("Only published sets can be shared.")
    to_email = to_email.strip()
    try:
        validate_email(to_email)
    except ValidationError:
        raise SetInvalid(
            "That does not look like an email address.",
            errors={"email": ["Enter a valid email address."]},
        ) from None
    message = " ".join(message.split())  # one paragraph, no header tricks
    if len(message) > MESSAGE_MAX:
        raise SetInvalid(
            f"The message can be at most {MESSAGE_MAX} characters long.",
            errors={"message": [f"At most {MESSAGE_MAX} characters."]},
        )
    key = f"sets:share-mail:{sender.pk}:{timezone.now():%Y%m%d%H}"
    cache.add(key, 0, 60 * 60)
    try:
        sent = cache.incr(key)
    except ValueError:  # the key expired between add and incr: a fresh hour
        sent = 1
    # None when the cache is down: sharing still works, unlimited for that while.
    if sent is not None and sent > SHARE_EMAILS_PER_HOUR:
        raise SetRateLimited(
            "You have emailed a lot of sets in the last hour; try again later."
        )
    links = set_share_links(set=set, user=sender)
    sender_name = " ".join((sender.get_full_name() or sender.get_username()).split())
    body = render_to_string(
        "sets/email/share.txt",
        {
            "set": set,
            "link": links.url,
            "message": message,
            "sender_name": sender_name,
            "shop_name": settings.SHOP_NAME,
            "site_url": settings.SITE_URL,
        },
    )
    EmailMessage(
        " ".join(f"{sender_name} shared “{set.title}” with you".split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        [to_email],
    ).send()
