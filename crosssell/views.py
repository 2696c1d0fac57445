"""Pages for shoppers' notes: the form, "Helpful", "Report" and the unsubscribe link."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.http import guest_key, safe_next, wants_json
from core.ratelimit import rate_limited
from shop.models import Order
from shop.selectors import SESSION_ORDERS_KEY, order_for_buyer

from .forms import NoteForm, note_form_context, writer_name
from .models import Note
from .selectors import order_products
from .services.followups import (
    NoteLinkExpired,
    NoteLinkInvalid,
    note_link_order_number,
    opt_out_email,
)
from .services.notes import (
    NoteError,
    note_email_opt_out,
    note_mark_helpful,
    note_report,
    note_submit,
)


class LinkExpired(Exception):
    pass


def _order_for_writer(request: HttpRequest, number: str) -> tuple[Order, str]:
    """The order if this visitor may write its notes, and the signed link token if any.

    The buyer's session or account, or the emailed link for this very order; anyone
    else gets a 404 that says nothing about whether the order exists.
    """
    token = request.GET.get("t") or request.POST.get("t") or ""
    if token:
        try:
            linked = note_link_order_number(token)
        except NoteLinkExpired as exc:
            raise LinkExpired from exc
        except NoteLinkInvalid as exc:
            raise Http404("No such order") from exc
        order = (
            Order.objects.filter(number=number).first() if linked == number else None
        )
    else:
        order = order_for_buyer(
            number=number, session=request.session, user=request.user
        )
    if order is None:
        raise Http404("No such order")
    return order, token


@rate_limited("note-submit")
def note_form(request: HttpRequest, number: str) -> HttpResponse:
    """/orders/<number>/why/: "Why did you buy these together?" (also the email's link)."""
    try:
        order, token = _order_for_writer(request, number)
    except LinkExpired:
        return render(request, "crosssell/link_expired.html", status=410)
    next_url = safe_next(request, request.POST.get("next"), fallback="")
    form = products = None
    status = 200
    if request.method == "POST":
        products = order_products(order=order)
        form = NoteForm(
            request.POST, products=products, name=writer_name(request, order)
        )
        if form.is_valid():
            data = form.cleaned_data
            try:
                note_submit(
                    order=order,
                    author=request.user
                    if order.user_id and order.user_id == request.user.pk
                    else None,
                    product_ids=data["products"],
                    text=data["text"],
                    reasons=data["reasons"],
                    display=data["display"],
                    name=data["name"],
                )
            except NoteError as exc:
                for field, message in exc.errors.items():
                    form.add_error(field if field in form.fields else None, message)
            else:
                messages.success(
                    request,
                    "Thank you! Your note is waiting for review; once approved, "
                    "shoppers will see it beside these products.",
                )
                if next_url:
                    return redirect(next_url)
                here = reverse("crosssell:note_form", args=[order.number])
                return redirect(f"{here}?t={token}" if token else here)
        status = 400
    context = note_form_context(
        request, order, form=form, token=token, next_url=next_url, products=products
    )
    return render(request, "crosssell/note_page.html", context, status=status)


def _back(request: HttpRequest) -> HttpResponse:
    # ``next`` when the form sent one (refused if not ours), else the referrer.
    target = request.POST.get("next") or request.headers.get("referer", "")
    return redirect(safe_next(request, target, fallback=reverse("shop:home")))


def _visible_note(note_id: int) -> Note:
    return get_object_or_404(Note, pk=note_id, status=Note.Status.APPROVED)


def _guest_key(request: HttpRequest) -> str:
    return "" if request.user.is_authenticated else guest_key(request)


@require_POST
@rate_limited("note-helpful")
def note_helpful(request: HttpRequest, note_id: int) -> HttpResponse:
    """Count a "Helpful"; answers JSON to the page's script, a redirect otherwise."""
    answer_json = wants_json(request)
    note = Note.objects.filter(pk=note_id, status=Note.Status.APPROVED).first()
    if note is None:
        if answer_json:
            return JsonResponse(
                {"detail": "This note is not shown any more."}, status=404
            )
        raise Http404("No such note")
    try:
        counted = note_mark_helpful(
            note=note, user=request.user, guest_key=_guest_key(request)
        )
    except NoteError as exc:
        if answer_json:
            return JsonResponse({"detail": str(exc)}, status=400)
        messages.error(request, str(exc))
        return _back(request)
    message = (
        "Thanks — you marked this note as helpful."
        if counted
        else "You have already marked this note as helpful."
    )
    if answer_json:
        count = Note.objects.filter(pk=note.pk).values_list("helpful_count", flat=True)
        return JsonResponse(
            {"counted": counted, "helpful_count": count.first(), "message": message}
        )
    (messages.success if counted else messages.info)(request, message)
    return _back(request)


REPORT_REASONS = {
    "spam": "Spam or advertising",
    "offensive": "Offensive or hateful",
    "off_topic": "Not about these products",
    "private": "Shares someone's private details",
    "other": "Something else",
}


@require_POST
@rate_limited("note-report")
def note_report_view(request: HttpRequest, note_id: int) -> HttpResponse:
    note = _visible_note(note_id)
    reason = REPORT_REASONS.get(request.POST.get("reason", ""), "")
    guest = not request.user.is_authenticated
    # Read only: a guest without a session gets none (a guest who bought has one).
    orders = request.session.get(SESSION_ORDERS_KEY, []) if guest else []
    try:
        outcome = note_report(
            note=note,
            user=request.user,
            guest_key=_guest_key(request),
            session_key=(request.session.session_key or "") if orders else "",
            order_numbers=orders,
            reason=reason,
        )
    except NoteError as exc:
        messages.error(request, str(exc))
        return _back(request)
    if outcome.hidden:
        messages.success(
            request, "Thanks for telling us. We have taken the note down for review."
        )
    elif outcome.recorded:
        messages.success(
            request, "Thanks for telling us. The shop will look at this note."
        )
    else:
        messages.info(request, "You have already reported this note.")
    return _back(request)


@csrf_exempt  # the signed token is the authority; mail clients' one-click POST has no CSRF
def notes_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    email = opt_out_email(token)
    if email is None:
        raise Http404("Unknown unsubscribe link")
    done = False
    if request.method == "POST":
        note_email_opt_out(email=email)
        done = True
    return render(request, "crosssell/unsubscribe.html", {"email": email, "done": done})
