"""HTML cached for every visitor, with the one per-visitor part put back in.

A page part that is the same for everyone is rendered once with a marker where a
form's CSRF token goes, kept in the cache, and served with the visitor's own token
in place of the marker.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string

CSRF_MARKER = "__because_csrf_token__"


def render_for_cache(template_name: str, context: dict[str, Any]) -> str:
    """Render a template for every visitor: ``{% csrf_token %}`` writes the marker."""
    return render_to_string(template_name, {**context, "csrf_token": CSRF_MARKER})


def csrf_put_back(html: str, request: HttpRequest | None) -> str:
    """The cached ``html`` with this visitor's CSRF token where the marker is.

    Empty HTML, or no request (a panel rendered outside one), is returned as it is,
    and asks for no token (which would set the CSRF cookie).
    """
    if not html or request is None:
        return html
    return html.replace(CSRF_MARKER, get_token(request))
