"""The set pages: a set, the embeddable widget, browsing, a creator's and one's own.

Each view parses input, calls a selector or a service, and renders. The editor's
pages (/sets/new/, /sets/<slug>/edit/) live in views_editor.py.
"""

from __future__ import annotations

import json
from datetime import timedelta
from urllib.parse import urlencode

from csp.decorators import csp_replace
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.html import format_html
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET, require_POST

from core.http import client_bucket, guest_key
from core.pagination import page_of, querystring_without_page
from core.ratelimit import limit_hit, rate_limited, request_keys
from shop.models import Colour
from shop.selectors import profile_public

from .exceptions import SetEmailUnconfirmed, SetError, SetInvalid, SetRateLimited
from .forms import ReportForm, ShareEmailForm
from .models import Set
from .selectors import (
    set_geometry,
    set_is_liked,
    set_item_product,
    set_page,
    set_share_links,
    set_shopping_list,
    sets_more_by_owner,
    sets_of_owner,
    sets_published,
)
from .services.sharing import set_share_email
from .services.social import (
    set_like,
    set_referral_record,
    set_report,
    set_unlike,
    set_view_record,
)

SETS_PER_PAGE = 24
SORTS = {
    "": "Newest",
    "week": "Most liked this week",
    "month": "Most liked this month",
}
LIKED_SINCE = {"week": timedelta(days=7), "month": timedelta(days=30)}
# The last set a guest came to through a shared link: in the session they already
# have, else in a signed cookie (a page that only reads stores no session).
SESSION_REFERRAL_KEY = "sets_referral"
REFERRAL_COOKIE = "sets_ref"
REFERRAL_COOKIE_SALT = "sets.referral"
REFERRAL_COOKIE_DAYS = 30


def _colour_param(request: HttpRequest) -> str:
    colour = request.GET.get("color", "").strip().lower()
    return colour if colour in Colour.values else ""


# --- browsing ---------------------------------------------------------------------


@require_GET
def set_browse(request: HttpRequest) -> HttpResponse:
    sort = request.GET.get("sort", "")
    if sort not in SORTS:
        sort = ""
    colour = _colour_param(request)
    since = timezone.now() - LIKED_SINCE[sort] if sort in LIKED_SINCE else None
    page = page_of(
        request, sets_published(colour=colour, liked_since=since), SETS_PER_PAGE
    )
    return render(
        request,
        "sets/browse.html",
        {
            "page": page,
            "sets": page.object_list,
            "sort": sort,
            "sorts": SORTS,
            "sort_label": SORTS[sort],
            "colour": colour,
            "colour_label": Colour(colour).label if colour else "",
            "colours": Colour.choices,
            "querystring": querystring_without_page(request),
        },
    )


@require_GET
def creator_sets(request: HttpRequest, handle: str) -> HttpResponse:
    """A shopper's public page, found by their handle; staff have none (404)."""
    profile = profile_public(handle=handle)
    if profile is None:
        raise Http404("No such creator.")
    if profile.handle != handle:  # another case of the same handle
        return redirect("sets:creator", handle=profile.handle, permanent=True)
    creator = profile.user
    page = page_of(request, sets_published(owner_id=creator.pk), SETS_PER_PAGE)
    return render(
        request,
        "sets/creator.html",
        {
            "creator": creator,
            "page": page,
            "sets": page.object_list,
            "querystring": querystring_without_page(request),
        },
    )


@login_required
@require_GET
def my_sets(request: HttpRequest) -> HttpResponse:
    page = page_of(request, sets_of_owner(owner=request.user), SETS_PER_PAGE)
    return render(
        request,
        "sets/mine.html",
        {
            "page": page,
            "sets": page.object_list,
            "querystring": querystring_without_page(request),
        },
    )


# --- the set page ---------------------------------------------------------------


def _visible_set(request: HttpRequest, slug: str) -> Set:
    board = set_page(slug=slug, user=request.user)
    if board is None:
        raise Http404("No set here, or it is not public.")
    return board


def _guest_key(request: HttpRequest) -> str:
    return "" if request.user.is_authenticated else guest_key(request)


def _stored_session_key(request: HttpRequest) -> str:
    """The key of the session stored for this visitor, or "" when there is none.

    Reading loads the session: a cookie that names no stored session (expired, or
    made up by a script) leaves no key, so writing to it would not create a row.
    """
    session = request.session
    if not session.session_key:
        return ""
    session.get(SESSION_REFERRAL_KEY)
    return session.session_key or ""


def _counts(request: HttpRequest, scope: str) -> bool:
    """Whether this visit still counts: past the rate the page is served all the
    same (a reader is never turned away), only the counter ignores it."""
    return limit_hit(scope=scope, keys=request_keys(request)).allowed


def _record_referral(request: HttpRequest, board: Set) -> dict | None:
    """Record a visit through the creator's link; for a guest, the referral to keep.

    A guest is one visitor per address and day; no session is stored for them.
    """
    code = request.GET.get("ref", "").strip()[:16]
    if not code or code != board.referral_code:
        return None
    if not _counts(request, "set-referral"):
        return None
    guest = not request.user.is_authenticated
    visit = set_referral_record(
        board=board,
        code=code,
        user=request.user,
        session_key=_stored_session_key(request) if guest else "",
        guest_key=_guest_key(request),
    )
    return {"set": board.pk, "code": code} if visit is not None and guest else None


def _remember_referral(
    request: HttpRequest, response: HttpResponse, referral: dict | None
) -> HttpResponse:
    """Keep a guest's referral for a later order: in the session they already have
    (no new row), else in a signed cookie. ``referral_of_visitor`` reads it back."""
    if referral is None:
        return response
    if _stored_session_key(request):
        request.session[SESSION_REFERRAL_KEY] = referral
    else:
        response.set_signed_cookie(
            REFERRAL_COOKIE,
            json.dumps(referral),
            salt=REFERRAL_COOKIE_SALT,
            max_age=REFERRAL_COOKIE_DAYS * 24 * 60 * 60,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    return response


def referral_of_visitor(request: HttpRequest) -> dict | None:
    """The set a guest last came to through a shared link: ``{"set", "code"}``.

    From the session when it holds one, else from the signed cookie. A referral
    only attributes a later paid order; the visit itself credits nothing.
    """
    referral = request.session.get(SESSION_REFERRAL_KEY)
    if referral:
        return referral
    raw = request.get_signed_cookie(
        REFERRAL_COOKIE,
        default=None,
        salt=REFERRAL_COOKIE_SALT,
        max_age=REFERRAL_COOKIE_DAYS * 24 * 60 * 60,
    )
    try:
        value = json.loads(raw) if raw else None
    except ValueError:
        return None
    if not isinstance(value, dict) or set(value) != {"set", "code"}:
        return None
    return value


def _render_set_page(
    request: HttpRequest,
    board: Set,
    *,
    email_form: ShareEmailForm | None = None,
    report_form: ReportForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    is_owner = user.is_authenticated and user.pk == board.owner_id
    shopping = set_shopping_list(board=board)
    return render(
        request,
        "sets/set_detail.html",
        {
            "set": board,
            "items": list(board.items.all()),
            "shopping": shopping,
            "is_owner": is_owner,
            "liked": set_is_liked(board=board, user=user),
            "can_like": board.is_public and user.is_authenticated and not is_owner,
            "can_report": board.is_public and user.is_authenticated and not is_owner,
            "links": set_share_links(board=board, user=user)
            if board.is_public
            else None,
            "more_sets": sets_more_by_owner(board=board) if board.is_public else [],
            "email_form": email_form or ShareEmailForm(),
            "report_form": report_form or ReportForm(),
            "colours": list(board.colours.all()),
            "picture_is_current": bool(
                board.image and board.rendered_version >= board.version
            ),
            "site_url": settings.SITE_URL,
        },
        status=status,
    )


@require_GET
def set_detail(request: HttpRequest, slug: str) -> HttpResponse:
    board = _visible_set(request, slug)
    if _counts(request, "set-view"):
        set_view_record(board=board, user=request.user, guest_key=_guest_key(request))
    referral = _record_referral(request, board)
    return _remember_referral(request, _render_set_page(request, board), referral)


def _guest_to_login(request: HttpRequest, board: Set) -> HttpResponse:
    return redirect_to_login(board.get_absolute_url())


@require_POST
@rate_limited("set-like")
def set_like_toggle(request: HttpRequest, slug: str) -> HttpResponse:
    board = _visible_set(request, slug)
    if not request.user.is_authenticated:
        if "application/json" in request.headers.get("Accept", ""):
            return JsonResponse({"detail": "Sign in to like sets."}, status=403)
        return _guest_to_login(request, board)
    undo = request.POST.get("action") == "unlike"
    try:
        if undo:
            set_unlike(board=board, user=request.user)
        else:
            set_like(board=board, user=request.user)
    except SetError as exc:
        if "application/json" in request.headers.get("Accept", ""):
            return JsonResponse({"detail": exc.message}, status=403)
        messages.error(request, exc.message)
        return redirect(board.get_absolute_url())
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"liked": not undo, "like_count": board.like_count})
    return redirect(f"{board.get_absolute_url()}#likes")


@require_POST
def set_email(request: HttpRequest, slug: str) -> HttpResponse:
    board = _visible_set(request, slug)
    if not request.user.is_authenticated:
        return _guest_to_login(request, board)
    form = ShareEmailForm(request.POST)
    if form.is_valid():
        try:
            set_share_email(
                board=board,
                sender=request.user,
                to_email=form.cleaned_data["email"],
                message=form.cleaned_data["message"],
                client_address=client_bucket(request),
            )
        except SetRateLimited as exc:
            form.add_error(None, exc.message)
            return _render_set_page(request, board, email_form=form, status=429)
        except SetEmailUnconfirmed as exc:
            form.add_error(
                None,
                format_html(
                    '{} <a href="{}">Send the confirmation again</a>.',
                    exc.message,
                    reverse("account_email"),
                ),
            )
            return _render_set_page(request, board, email_form=form, status=403)
        except SetInvalid as exc:
            form.add_error("email" if "email" in exc.errors else None, exc.message)
        except SetError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, f"We’ve emailed the set to {form.cleaned_data['email']}."
            )
            return redirect(f"{board.get_absolute_url()}#share")
    return _render_set_page(request, board, email_form=form, status=400)


@require_POST
@rate_limited("set-report")
def set_report_view(request: HttpRequest, slug: str) -> HttpResponse:
    board = _visible_set(request, slug)
    if not request.user.is_authenticated:
        return _guest_to_login(request, board)
    form = ReportForm(request.POST)
    if form.is_valid():
        try:
            set_report(
                board=board,
                reporter=request.user,
                reason=form.cleaned_data["reason"],
                message=form.cleaned_data["message"],
            )
        except SetError as exc:
            messages.error(request, exc.message)
            return redirect(board.get_absolute_url())
        messages.success(request, "Thank you — the shop will look at this set.")
        return redirect(board.get_absolute_url())
    return _render_set_page(request, board, report_form=form, status=400)


@require_GET
def set_picture_css(request: HttpRequest, slug: str) -> HttpResponse:
    """Where each item sits on the picture: the CSP allows no inline styles, so the
    positions come in a stylesheet of their own, addressed by the set's version."""
    board = set_geometry(slug=slug, user=request.user)
    if board is None:
        raise Http404("No set here, or it is not public.")
    response = render(
        request,
        "sets/picture.css",
        {"set": board, "items": list(board.items.all())},
        content_type="text/css; charset=utf-8",
    )
    if board.is_public and request.GET.get("v") == str(board.version):
        patch_cache_control(response, public=True, max_age=60 * 60 * 24)
    else:
        patch_cache_control(response, private=True, no_cache=True)
    return response


@require_GET
def set_product_redirect(request: HttpRequest, slug: str, product_id: int):
    """An item's link from the embed: record the referral, then the product page."""
    board = set_geometry(slug=slug, user=None)
    if board is None:
        raise Http404("No set here, or it is not public.")
    product = set_item_product(board=board, product_id=product_id)
    if product is None:
        raise Http404("That product is not on this set.")
    referral = _record_referral(request, board)
    return _remember_referral(request, redirect(product.get_absolute_url()), referral)


@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
@require_GET
def set_embed(request: HttpRequest, slug: str) -> HttpResponse:
    """A small page for an iframe on a blog; every link carries the referral code."""
    board = set_page(slug=slug, user=None)
    if board is None:
        raise Http404("No set here, or it is not public.")
    return render(
        request,
        "sets/embed.html",
        {
            "set": board,
            "items": list(board.items.all()),
            "shopping": set_shopping_list(board=board),
            "ref_query": urlencode({"ref": board.referral_code}),
            "picture_is_current": bool(
                board.image and board.rendered_version >= board.version
            ),
            "site_url": settings.SITE_URL,
        },
    )
