"""Writes for "bought together because" notes: submit, moderate, vote, report."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from core.signals import send_robust
from shop.models import Order, OrderLine

from ..cache import quotes_forget
from ..models import Note, NoteEmailOptOut, NotePair, NoteReport, NoteRevision, NoteVote
from ..moderation import ANONYMOUS_NAME, display_name_from, fingerprint, text_flags
from ..selectors import order_product_ids
from ..signals import note_approved, note_rejected

TEXT_MIN = Note.TEXT_MIN
TEXT_MAX = Note.TEXT_MAX
NAME_MAX = Note.NAME_MAX


class NoteError(Exception):
    """A note that cannot be written as asked; ``errors`` maps fields to messages."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


@dataclass(frozen=True)
class Moderation:
    """What one moderation call did: the notes it moved (each moved exactly once)."""

    changed: list[int]
    skipped: list[int]


def group_key(product_ids: Iterable[int]) -> str:
    return ",".join(str(pid) for pid in sorted(set(product_ids)))


def _validated(
    *,
    order: Order,
    product_ids: Iterable[int],
    text: str,
    reasons: Iterable[str],
    display: str,
    name: str,
) -> tuple[list[int], str, list[str], str, str]:
    if order.status not in Order.COUNTED_STATUSES:
        raise NoteError({"products": "Notes are for paid orders only."})
    errors: dict[str, str] = {}
    ordered = order_product_ids(order=order)
    chosen = sorted({int(pid) for pid in product_ids})
    if any(pid not in ordered for pid in chosen):
        errors["products"] = "Pick items from this order."
    elif len(chosen) < 2:
        errors["products"] = "Tick at least two items that you bought together."
    text = (text or "").strip()
    if len(text) < TEXT_MIN:
        errors["text"] = (
            f"Tell us a little more: at least {TEXT_MIN} characters "
            f"(you wrote {len(text)})."
        )
    elif len(text) > TEXT_MAX:
        errors["text"] = (
            f"Please keep it under {TEXT_MAX} characters (you wrote {len(text)})."
        )
    valid_reasons = {code for code, _ in Note.Reason.choices}
    reasons = list(dict.fromkeys(reasons))
    if any(code not in valid_reasons for code in reasons):
        errors["reasons"] = "Pick reasons from the list."
    if display not in Note.Display.values:
        errors["display"] = "Choose how your name is shown."
    name = (name or "").strip()
    if display == Note.Display.NAME:
        if "@" in name or any(ch.isdigit() for ch in name):
            errors["name"] = "Just your name, please — no email address or numbers."
        elif len(name) > NAME_MAX:
            errors["name"] = f"Please keep your name under {NAME_MAX} characters."
        elif display_name_from(name) == ANONYMOUS_NAME:
            errors["name"] = (
                "Type your name, or choose to be shown as “A verified buyer”."
            )
    if errors:
        raise NoteError(errors)
    shown = display_name_from(name) if display == Note.Display.NAME else ANONYMOUS_NAME
    return chosen, text, reasons, display, shown


def _flags(*, text: str, exclude_pk: int | None) -> tuple[str, list[dict]]:
    print_ = fingerprint(text)
    copies = Note.objects.filter(fingerprint=print_)
    if exclude_pk:
        copies = copies.exclude(pk=exclude_pk)
    flags = text_flags(
        text, blocklist=settings.CROSSSELL_NOTE_BLOCKLIST, copied=copies.exists()
    )
    return print_, [flag.as_dict() for flag in flags]


def note_submit(
    *,
    order: Order,
    author=None,
    product_ids: Iterable[int],
    text: str,
    reasons: Iterable[str] = (),
    display: str = Note.Display.NAME,
    name: str = "",
) -> Note:
    """Save the buyer's note for this item group, or update it while still pending.

    The caller has already checked that the visitor bought the order.
    """
    chosen, text, reasons, display, shown = _validated(
        order=order,
        product_ids=product_ids,
        text=text,
        reasons=reasons,
        display=display,
        name=name,
    )
    key = group_key(chosen)
    author = author if author is not None and author.is_authenticated else None
    for _attempt in range(2):
        try:
            with transaction.atomic():
                existing = (
                    Note.objects.select_for_update()
                    .filter(order=order, group_key=key)
                    .first()
                )
                if existing is not None:
                    return _note_edit(
                        existing,
                        text=text,
                        reasons=reasons,
                        display=display,
                        shown=shown,
                    )
                print_, flags = _flags(text=text, exclude_pk=None)
                note = Note.objects.create(
                    order=order,
                    author=author,
                    group_key=key,
                    text=text,
                    reasons=reasons,
                    display=display,
                    display_name=shown,
                    flags=flags,
                    is_flagged=bool(flags),
                    fingerprint=print_,
                    points_offered=max(settings.CROSSSELL_NOTE_POINTS, 0),
                )
                note.products.set(chosen)
                NotePair.objects.bulk_create(
                    NotePair(note=note, product_a_id=a, product_b_id=b)
                    for a, b in combinations(chosen, 2)
                )
                return note
        except IntegrityError:
            # A double submit created the same group at the same moment: edit that one.
            continue
    raise NoteError({"products": "That note was just saved; reload the page."})


def _note_edit(
    note: Note, *, text: str, reasons: list[str], display: str, shown: str
) -> Note:
    if not note.is_editable:
        raise NoteError(
            {
                "text": "This note has already been reviewed, so it can no longer "
                "be changed."
            }
        )
    print_, flags = _flags(text=text, exclude_pk=note.pk)
    note.text = text
    note.reasons = reasons
    note.display = display
    note.display_name = shown
    note.fingerprint = print_
    note.flags = [*flags, *[f for f in note.flags if f["code"] == "reported"]]
    note.is_flagged = bool(note.flags)
    note.updated_at = timezone.now()
    note.save(
        update_fields=[
            "text",
            "reasons",
            "display",
            "display_name",
            "fingerprint",
            "flags",
            "is_flagged",
            "updated_at",
        ]
    )
    return note


def _panels_forget(note_ids: Iterable[int]) -> None:
    """Drop the cached panels that may quote these notes."""
    quotes_forget(
        Note.products.through.objects.filter(note_id__in=list(note_ids)).values_list(
            "product_id", flat=True
        )
    )


def order_quotes_forget(*, order_id: int) -> None:
    """A refunded or cancelled order's notes leave the panels, counted or not."""
    quotes_forget(
        OrderLine.objects.filter(order_id=order_id, product__isnull=False).values_list(
            "product_id", flat=True
        )
    )


def _moderate(
    *,
    note_ids: Iterable[int],
    from_statuses: list[str],
    to_status: str,
    moderator,
    reason: str = "",
) -> Moderation:
    note_ids = sorted(set(note_ids))
    changed: list[int] = []
    now = timezone.now()
    moderator = moderator if moderator is not None and moderator.pk else None
    with transaction.atomic():
        for note_id in note_ids:
            # A conditional UPDATE: of two moderators clicking at once, exactly one
            # moves the note (PostgreSQL re-checks the WHERE after the row lock).
            moved = Note.objects.filter(pk=note_id, status__in=from_statuses).update(
                status=to_status,
                rejection_reason=reason,
                moderated_at=now,
                moderated_by=moderator,
                updated_at=now,
            )
            if moved:
                changed.append(note_id)
        if changed:
            _panels_forget(changed)
            approved = to_status == Note.Status.APPROVED
            signal = note_approved if approved else note_rejected
            extra = {} if approved else {"reason": reason}

            def announce() -> None:
                for note in Note.objects.filter(pk__in=changed).order_by("pk"):
                    send_robust(
                        signal,
                        event="note moderation",
                        about=f"note {note.pk}",
                        sender=Note,
                        note=note,
                        moderator=moderator,
                        **extra,
                    )

            transaction.on_commit(announce)
    return Moderation(
        changed=changed, skipped=[pk for pk in note_ids if pk not in changed]
    )


def notes_approve(*, note_ids: Iterable[int], moderator=None) -> Moderation:
    """Pending → approved; ``note_approved`` fires once for each note moved."""
    return _moderate(
        note_ids=note_ids,
        from_statuses=[Note.Status.PENDING],
        to_status=Note.Status.APPROVED,
        moderator=moderator,
    )


def notes_reject(*, note_ids: Iterable[int], reason: str, moderator=None) -> Moderation:
    """Pending or approved → rejected, with the reason; ``note_rejected`` fires once each."""
    reason = (reason or "").strip()
    if not reason:
        raise NoteError({"reason": "Give a reason for rejecting."})
    return _moderate(
        note_ids=note_ids,
        from_statuses=[Note.Status.PENDING, Note.Status.APPROVED],
        to_status=Note.Status.REJECTED,
        moderator=moderator,
        reason=reason[:300],
    )


def note_redact(*, note: Note, text: str, reason: str = "", editor=None) -> Note:
    """A merchant changes a note's shown text; the previous text is kept as a revision."""
    text = (text or "").strip()
    if not text:
        raise NoteError({"text": "A redacted note still needs some text."})
    if len(text) > TEXT_MAX:
        raise NoteError({"text": f"Keep it under {TEXT_MAX} characters."})
    with transaction.atomic():
        locked = Note.objects.select_for_update().get(pk=note.pk)
        if locked.text == text:
            return locked
        NoteRevision.objects.create(
            note=locked,
            previous_text=locked.text,
            reason=(reason or "")[:300],
            edited_by=editor if editor is not None and editor.pk else None,
        )
        locked.text = text
        locked.updated_at = timezone.now()
        locked.save(update_fields=["text", "updated_at"])
        _panels_forget([locked.pk])
    return locked


def _voter(user, guest_key: str) -> dict:
    if user is not None and user.is_authenticated:
        return {"user": user, "session_key": ""}
    if not guest_key:
        raise NoteError({"voter": "We could not tell who you are; try again."})
    return {"user": None, "session_key": guest_key}


def note_mark_helpful(*, note: Note, user=None, guest_key: str = "") -> bool:
    """Count one "Helpful" per account, or per guest key; False when already counted.

    ``guest_key`` is ``core.http.guest_key``: the guest's address for the day. Not
    the session: a script without cookies has a new one on every request.
    """
    voter = _voter(user, guest_key)
    if note.status != Note.Status.APPROVED:
        raise NoteError({"note": "This note is not shown any more."})
    try:
        with transaction.atomic():
            NoteVote.objects.create(note=note, **voter)
            Note.objects.filter(pk=note.pk).update(helpful_count=F("helpful_count") + 1)
            _panels_forget([note.pk])
    except IntegrityError:
        return False
    return True


@dataclass(frozen=True)
class ReportOutcome:
    """What one report did: ``recorded`` False for a repeat by the same reader;
    ``hidden`` when it took the approved note down (back to pending)."""

    recorded: bool
    hidden: bool = False


def _is_merchant(user) -> bool:
    return user.is_staff and user.has_perm("crosssell.change_note")


def _reporter(
    *, user, guest_key: str, session_key: str, order_numbers: Iterable[str]
) -> tuple[dict, str]:
    """Who reports, and what kind of reporter they are (``NoteReport.Reporter``).

    A verified buyer is an account with a paid order, or a guest whose session
    placed a paid order here (checkout keeps the numbers in the session); such a
    guest is told apart by that session, since a new one costs a real order.
    """
    kinds = NoteReport.Reporter
    if user is not None and user.is_authenticated:
        if _is_merchant(user):
            kind = kinds.MERCHANT
        elif Order.objects.filter(
            user=user, status__in=Order.COUNTED_STATUSES
        ).exists():
            kind = kinds.BUYER
        else:
            kind = kinds.ACCOUNT
        return {"user": user, "session_key": ""}, kind
    numbers = [str(number) for number in order_numbers][:20]
    if (
        session_key
        and numbers
        and Order.objects.filter(
            number__in=numbers, status__in=Order.COUNTED_STATUSES
        ).exists()
    ):
        return {"user": None, "session_key": session_key}, kinds.BUYER
    return _voter(None, guest_key), kinds.GUEST


def note_report(
    *,
    note: Note,
    user=None,
    guest_key: str = "",
    session_key: str = "",
    order_numbers: Iterable[str] = (),
    reason: str = "",
) -> ReportOutcome:
    """A reader's report: recorded once per reader and flagged for the merchant.

    An approved note goes back to pending only on a merchant's report or once
    ``CROSSSELL_NOTE_REPORTS_TO_HIDE`` distinct accounts or verified buyers have
    reported it: one anonymous script must not be able to hide what others wrote.
    ``session_key`` and ``order_numbers`` are the guest's session and the orders it
    placed (they make a verified buyer); ``guest_key`` tells other guests apart.
    """
    voter, kind = _reporter(
        user=user,
        guest_key=guest_key,
        session_key=session_key,
        order_numbers=order_numbers,
    )
    threshold = max(int(settings.CROSSSELL_NOTE_REPORTS_TO_HIDE), 1)
    with transaction.atomic():
        # The note's row lock first: two reports at once count one after the other,
        # so the one that reaches the threshold sees the other.
        locked = Note.objects.select_for_update().get(pk=note.pk)
        try:
            with transaction.atomic():
                NoteReport.objects.create(
                    note=locked,
                    reason=(reason or "")[:300],
                    reporter_kind=kind,
                    **voter,
                )
        except IntegrityError:
            return ReportOutcome(recorded=False)
        reports = NoteReport.objects.filter(note=locked)
        total = reports.count()
        trusted = reports.filter(reporter_kind__in=NoteReport.TRUSTED).count()
        locked.flags = [
            *[flag for flag in locked.flags if flag["code"] != "reported"],
            {
                "code": "reported",
                "detail": f"{total} report{'s' if total != 1 else ''} by readers, "
                f"{trusted} of them signed in or verified buyers",
            },
        ]
        locked.is_flagged = True
        locked.report_count = F("report_count") + 1
        fields = ["flags", "is_flagged", "report_count", "updated_at"]
        hidden = locked.status == Note.Status.APPROVED and (
            kind == NoteReport.Reporter.MERCHANT or trusted >= threshold
        )
        if hidden:
            # Back in the queue; moderated_at stays, so the author cannot edit it.
            locked.status = Note.Status.PENDING
            fields.append("status")
        locked.updated_at = timezone.now()
        locked.save(update_fields=fields)
        if hidden:
            _panels_forget([note.pk])
    return ReportOutcome(recorded=True, hidden=hidden)


def note_email_opt_out(*, email: str) -> None:
    NoteEmailOptOut.objects.get_or_create(email=email.strip().lower())
