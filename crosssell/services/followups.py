"""The one follow-up email to buyers who did not say why, and its signed links.

The link to the note form is signed, expiring and single-purpose: its salt is used
for nothing else, and it names one order. The unsubscribe link is signed too.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from shop.models import Order

from ..models import Note, NoteEmailOptOut, NoteInvite
from .counting import COUNTED_STATUSES

LINK_SALT = "crosssell.note-link"
OPT_OUT_SALT = "crosssell.note-opt-out"


class NoteLinkExpired(Exception):
    pass


class NoteLinkInvalid(Exception):
    pass


def note_link_token(*, order: Order) -> str:
    return signing.dumps({"order": order.number}, salt=LINK_SALT, compress=True)


def note_link_order_number(token: str) -> str:
    """The order number a link names; raises NoteLinkExpired or NoteLinkInvalid."""
    max_age = timedelta(days=settings.CROSSSELL_NOTE_LINK_DAYS)
    try:
        data = signing.loads(token, salt=LINK_SALT, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise NoteLinkExpired from exc
    except signing.BadSignature as exc:
        raise NoteLinkInvalid from exc
    if not isinstance(data, dict) or not isinstance(data.get("order"), str):
        raise NoteLinkInvalid
    return data["order"]


def note_link_url(*, order: Order) -> str:
    path = reverse("crosssell:note_form", args=[order.number])
    return f"{settings.SITE_URL}{path}?t={note_link_token(order=order)}"


def opt_out_token(*, email: str) -> str:
    return signing.dumps(email.strip().lower(), salt=OPT_OUT_SALT, compress=True)


def opt_out_email(token: str) -> str | None:
    try:
        email = signing.loads(token, salt=OPT_OUT_SALT)
    except signing.BadSignature:
        return None
    return email if isinstance(email, str) and "@" in email else None


def followup_due_orders(*, now=None, limit: int = 500):
    """Paid orders of two or more products, old enough, with no note and no invite."""
    now = now or timezone.now()
    newest = now - timedelta(days=settings.CROSSSELL_NOTE_FOLLOWUP_DAYS)
    oldest = newest - timedelta(days=settings.CROSSSELL_NOTE_FOLLOWUP_WINDOW_DAYS)
    return (
        Order.objects.filter(
            status__in=COUNTED_STATUSES, placed_at__gt=oldest, placed_at__lte=newest
        )
        .exclude(pk__in=Note.objects.values("order_id"))
        .exclude(pk__in=NoteInvite.objects.values("order_id"))
        .exclude(
            email__in=NoteEmailOptOut.objects.values("email"),
        )
        .annotate(products=Count("lines__product", distinct=True))
        .filter(products__gte=2)
        .order_by("placed_at", "pk")[:limit]
    )


def _send(order: Order) -> None:
    unsubscribe = settings.SITE_URL + reverse(
        "crosssell:notes_unsubscribe", args=[opt_out_token(email=order.email)]
    )
    context = {
        "order": order,
        "first_name": (order.shipping_name.split() or [""])[0],
        "lines": list(order.lines.filter(product__isnull=False)),
        "link": note_link_url(order=order),
        "link_days": settings.CROSSSELL_NOTE_LINK_DAYS,
        "unsubscribe": unsubscribe,
        "points": settings.CROSSSELL_NOTE_POINTS,
        "shop_name": settings.SHOP_NAME,
    }
    message = EmailMultiAlternatives(
        f"Why did you buy these together? Your {settings.SHOP_NAME} order {order.number}",
        render_to_string("crosssell/email/note_invite.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        [order.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(
        render_to_string("crosssell/email/note_invite.html", context), "text/html"
    )
    message.send()


def note_followups_send(*, now=None, limit: int = 500) -> int:
    """Email each due order once; the invite row, unique per order, is the guard.

    The row and the email share a transaction: if sending fails the row goes too, and
    the next run tries again.
    """
    sent = 0
    for order in followup_due_orders(now=now, limit=limit):
        try:
            with transaction.atomic():
                NoteInvite.objects.create(order=order)
                if NoteEmailOptOut.objects.filter(email=order.email.lower()).exists():
                    continue  # opted out under another spelling: never ask
                _send(order)
        except IntegrityError:
            continue  # another run got there first
        sent += 1
    return sent
