"""The set editor's pages: /sets/new/ and /sets/<slug>/edit/.

The pages only hand the editor its data (the set as the API shows it, the API's
addresses, the panel's filters); everything after that goes through the sets API.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.urls import reverse

from shop.models import Colour
from shop.selectors import category_tree

from .api.serializers import SetSerializer
from .models import MAX_ITEMS, POSITION_MAX, POSITION_MIN, SIZE_MAX, SIZE_MIN, Set
from .selectors import set_detail

# A placeholder slug that the editor replaces; it is a valid slug for reverse().
SLUG = "__slug__"


def _editor_data(request: HttpRequest, board: Set | None) -> dict:
    return {
        "set": (
            SetSerializer(board, context={"request": request}).data
            if board is not None
            else None
        ),
        "urls": {
            "sets": reverse("api-sets"),
            "set": reverse("api-set", args=[SLUG]),
            "publish": reverse("api-set-publish", args=[SLUG]),
            "products": reverse("api-sets-products"),
            "edit": reverse("sets:editor_edit", args=[SLUG]),
            "page": Set(slug=SLUG).get_absolute_url(),
        },
        "csrfToken": get_token(request),
        "currencySymbol": settings.SHOP_CURRENCY_SYMBOL,
        "limits": {
            "items": MAX_ITEMS,
            "sizeMin": SIZE_MIN,
            "sizeMax": SIZE_MAX,
            "positionMin": POSITION_MIN,
            "positionMax": POSITION_MAX,
        },
    }


def _render_editor(request: HttpRequest, board: Set | None) -> HttpResponse:
    return render(
        request,
        "sets/editor.html",
        {
            "board": board,
            "editor_data": _editor_data(request, board),
            "categories": category_tree(),
            "colours": Colour.choices,
        },
    )


@login_required
def editor_new(request: HttpRequest) -> HttpResponse:
    # Nothing is saved until the shopper changes something: an opened and
    # abandoned editor leaves no empty draft behind.
    return _render_editor(request, None)


@login_required
def editor_edit(request: HttpRequest, slug: str) -> HttpResponse:
    board = set_detail(slug=slug, user=request.user)
    # Someone else's set is a 404, published or not: the editor is no one's business.
    if board is None or board.owner_id != request.user.pk:
        raise Http404("No set of yours here.")
    return _render_editor(request, board)
