"""Serving user-uploaded media: only pictures, each with a fixed content type.

Uploads are written by shoppers and merchants, so the server never guesses what a
file is: the extension picks one image content type from a fixed table, the
browser is told not to sniff (``X-Content-Type-Options: nosniff``), and anything
else (HTML, SVG with its scripts, a directory, a path out of MEDIA_ROOT) is a 404.
Only routed when ``SERVE_MEDIA`` is on; otherwise a front server serves media.
"""

from __future__ import annotations

import os
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponse,
    HttpResponseNotFound,
    HttpResponseNotModified,
)
from django.utils._os import safe_join
from django.utils.http import http_date
from django.views.static import was_modified_since

CONTENT_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
}


def _not_found() -> HttpResponse:
    # Plain, with no page around it: a missing picture costs no database query.
    response = HttpResponseNotFound(b"Not found", content_type="text/plain")
    response["X-Content-Type-Options"] = "nosniff"
    return response


def media_serve(request: HttpRequest, path: str) -> HttpResponse:
    if request.method not in {"GET", "HEAD"}:
        return _not_found()
    content_type = CONTENT_TYPES.get(PurePosixPath(path).suffix.lower())
    if content_type is None or "\x00" in path:
        return _not_found()
    try:
        full_path = safe_join(os.fspath(settings.MEDIA_ROOT), path)
    except SuspiciousFileOperation:  # a path out of MEDIA_ROOT
        return _not_found()
    try:
        stat = os.stat(full_path)
    except OSError:
        return _not_found()
    if not os.path.isfile(full_path):
        return _not_found()
    if not was_modified_since(
        request.META.get("HTTP_IF_MODIFIED_SINCE"), int(stat.st_mtime)
    ):
        return HttpResponseNotModified()
    # FileResponse closes the file when the response is done.
    response = FileResponse(open(full_path, "rb"), content_type=content_type)  # noqa: SIM115
    response["Last-Modified"] = http_date(stat.st_mtime)
    response["X-Content-Type-Options"] = "nosniff"
    # A picture never needs to run anything, even when opened on its own.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
