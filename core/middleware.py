"""Requests no page of ours can answer, refused before any view runs."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

from .http import wants_json

NUL_MESSAGE = "The address holds a NUL character (%00); nothing here takes one."
NUL_PAGE_MESSAGE = (
    "The link holds a character no page here takes (%00). Check where it came "
    "from, or start again from the shop."
)


class RejectNulBytesMiddleware:
    """400 for a NUL character in the path or the query string.

    PostgreSQL can't hold NUL in text, so a search, a filter or a lookup that passes
    one on fails inside the database driver with a 500 (found by the API fuzzer:
    ``/products/?q=a%00b``, ``/api/products/a%00b/``). No address of the shop has a
    use for one. Bodies are covered already: Django's form fields and DRF's
    serializer fields refuse NUL as bad input.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "%00" in request.META.get("QUERY_STRING", "") or "\x00" in request.path:
            if wants_json(request):
                return JsonResponse({"detail": NUL_MESSAGE}, status=400)
            # No request context: this runs before sessions and authentication.
            page = render_to_string("core/400.html", {"message": NUL_PAGE_MESSAGE})
            return HttpResponse(page, status=400)
        return self.get_response(request)
