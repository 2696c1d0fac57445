"""The error pages every app's missing page or crash ends on."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404: a search box and the departments (the header's ``nav_categories``)."""
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """500: a standalone page; no database, no context processors."""
    return render(request, "500.html", status=500)
