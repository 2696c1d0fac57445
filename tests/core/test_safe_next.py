"""safe_next: a redirect after a form never leaves the shop."""

import pytest
from django.test import RequestFactory

from core.http import safe_next


def _request(secure=False):
    return RequestFactory().get("/", secure=secure)


@pytest.mark.parametrize(
    "candidate",
    [
        "https://evil.example/",
        "//evil.example/cart/",
        "http://evil.example",
        "javascript:alert(1)",
        "///evil.example",
        "https://testserver.evil.example/",
        "",
        None,
    ],
)
def test_a_target_off_the_shop_gives_the_fallback(candidate):
    # given a next that is another host, scheme or nothing
    # when it is checked / then the fallback is where the visitor goes
    assert safe_next(_request(), candidate, fallback="/cart/") == "/cart/"


@pytest.mark.parametrize(
    "candidate",
    ["/products/lamp/", "/cart/?added=1", "http://testserver/sets/"],
)
def test_a_page_of_the_shop_is_kept(candidate):
    assert safe_next(_request(), candidate, fallback="/cart/") == candidate


def test_plain_http_is_refused_on_an_https_request():
    request = _request(secure=True)

    assert safe_next(request, "http://testserver/", fallback="/") == "/"
    assert safe_next(request, "https://testserver/x/", fallback="/") == (
        "https://testserver/x/"
    )


def test_the_first_safe_candidate_wins_and_unsafe_ones_are_skipped():
    request = _request()

    chosen = safe_next(
        request, "https://evil.example/", None, "/sets/", "/cart/", fallback="/"
    )

    assert chosen == "/sets/"
