"""Cached HTML: one copy for everyone, each visitor's CSRF token put back in."""

from django.template import engines
from django.test import RequestFactory

from core.cache import CSRF_MARKER, csrf_put_back


def _render_for_everyone() -> str:
    template = engines["django"].from_string(
        '<form method="post">{% csrf_token %}</form>'
    )
    return template.render({"csrf_token": CSRF_MARKER})


def test_the_cached_html_holds_the_marker_not_a_token():
    html = _render_for_everyone()

    assert f'value="{CSRF_MARKER}"' in html


def test_each_visitor_gets_their_own_token_in_place_of_the_marker():
    # given one cached copy and two visitors
    html = _render_for_everyone()
    first, second = RequestFactory().get("/"), RequestFactory().get("/")

    # when it is served to each
    mine, theirs = csrf_put_back(html, first), csrf_put_back(html, second)

    # then each page carries a token of that visitor's (a new CSRF secret) and no
    # marker
    assert CSRF_MARKER not in mine
    assert CSRF_MARKER not in theirs
    assert "CSRF_COOKIE" in first.META
    assert "CSRF_COOKIE" in second.META
    assert first.META["CSRF_COOKIE"] != second.META["CSRF_COOKIE"]
    assert mine != theirs


def test_empty_html_or_no_request_is_left_as_it_is_and_sets_no_token():
    request = RequestFactory().get("/")

    assert csrf_put_back("", request) == ""
    assert "CSRF_COOKIE" not in request.META
    assert csrf_put_back(f"<i>{CSRF_MARKER}</i>", None) == f"<i>{CSRF_MARKER}</i>"
