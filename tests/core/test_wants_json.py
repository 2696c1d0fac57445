"""wants_json: the one answer to "JSON or a page?" for every view."""

import pytest
from django.test import RequestFactory

from core.http import wants_json


@pytest.mark.parametrize(
    ("path", "accept", "expected"),
    [
        ("/cart/add/", "application/json", True),
        ("/notes/1/helpful/", "application/json, */*;q=0.1", True),
        ("/cart/add/", "text/html,application/xhtml+xml,*/*;q=0.8", False),
        ("/cart/add/", "application/json, text/html", False),
        ("/cart/add/", "*/*", False),
        ("/cart/add/", None, False),
        ("/api/products/", None, True),
        ("/api/products/", "text/html", True),
    ],
)
def test_json_for_fetch_and_the_api_a_page_for_browsers(path, accept, expected):
    extra = {} if accept is None else {"HTTP_ACCEPT": accept}

    assert wants_json(RequestFactory().post(path, **extra)) is expected
