"""One page of a list, from the ``?page=`` of the request."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


def page_of(request: HttpRequest, items: QuerySet | Sequence, per_page: int) -> Page:
    """The page ``?page=`` asks for: the first for a missing or non-numeric number,
    the last for one past the end (or below 1). Never an error."""
    return Paginator(items, per_page).get_page(request.GET.get("page") or 1)


def querystring_without_page(request: HttpRequest) -> str:
    """The request's query string without ``page``, for the pager's links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
