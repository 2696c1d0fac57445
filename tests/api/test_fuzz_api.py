"""Schemathesis against /api/schema/ on the live test server: every operation, as an
anonymous visitor and signed in, must never answer 5xx and must answer what the
schema says (documented status, content type, body shape).

Runs in both database passes of `make test`, about 15-20 s each. Bounded: 25
generated examples per operation and visitor (valid and invalid data), derandomised
(the same requests every run), no deadline, no shrinking. Each example is sent with
its path parameters as generated (mostly unknown: the 404 path) and again with a
real slug or SKU of the world, so the fuzzed bodies reach the real handlers too.
To fuzz harder once: FUZZ_EXAMPLES=500 pytest tests/api/test_fuzz_api.py
"""

from __future__ import annotations

import itertools
import os

import pytest
import requests
import schemathesis
from django.conf import settings as django_settings
from django.test import Client
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from .world import build_world

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
CSRF = "fuzzcsrf" * 4  # any 32 characters; the cookie and the header must agree

schema = schemathesis.pytest.from_fixture("api_schema")
_turn = itertools.count()


@pytest.fixture
def world(transactional_db, settings):
    settings.RATE_LIMITS_ENABLED = False
    return build_world()


@pytest.fixture
def api_schema(world, live_server):
    # After the database fixture: the live server shares its connection on SQLite.
    return schemathesis.openapi.from_url(f"{live_server.url}/api/schema/")


def _signed_in_cookies(user) -> dict[str, str]:
    """A real session for ``user``, and a CSRF cookie that the header will repeat."""
    client = Client()
    client.force_login(user)
    return {
        django_settings.SESSION_COOKIE_NAME: client.cookies[
            django_settings.SESSION_COOKIE_NAME
        ].value,
        django_settings.CSRF_COOKIE_NAME: CSRF,
    }


def _real_parameters(world, case) -> list[dict]:
    """Path parameters naming objects that exist: own draft, own and other's set.

    The world is built once per test function and the operations run in turn, so
    DELETE is only aimed at the other shopper's set (refused): the owner's sets stay
    for the operations fuzzed after it.
    """
    names = set(case.path_parameters or {})
    if names == {"slug"}:
        boards = [world.draft, world.published, world.other_published]
        if case.method.upper() == "DELETE" and case.path == "/api/sets/{slug}/":
            boards = [world.other_published]
        return [{"slug": board.slug} for board in boards]
    if names == {"sku"}:
        return [{"sku": world.products[0].sku}, {"sku": world.variants[1].sku}]
    return []  # a new kind of parameter: fuzzed with generated values only


FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "25")),
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.generate],  # not the coverage phase: ~1,400 requests more
    suppress_health_check=list(HealthCheck),
)


def _fuzz(case, world, base_url: str, cookies: dict[str, str] | None) -> None:
    http = requests.Session()
    # One connection per request: the test server's keep-alive is not under test.
    headers = {"Connection": "close"}
    if cookies:
        # Signed in: the real session wins over any cookie the fuzzer generated,
        # and unsafe methods carry the CSRF header as the site's scripts do.
        case.cookies = {**(case.cookies or {}), **cookies}
        if case.method.upper() not in ("GET", "HEAD", "OPTIONS"):
            headers["X-CSRFToken"] = CSRF
    # when the fuzzer calls the operation as generated
    calls = [dict(case.path_parameters or {})]
    # and with the path naming an object that exists (each example the next one)
    real = _real_parameters(world, case)
    if real:
        calls.append(real[next(_turn) % len(real)])
    for parameters in calls:
        case.path_parameters = parameters
        case.call_and_validate(
            base_url=base_url, session=http, headers=headers, checks=CHECKS
        )
    http.close()


@schema.parametrize()
@FUZZ
def test_api_as_anonymous_visitor(case, world, live_server):
    _fuzz(case, world, live_server.url, cookies=None)


@schema.parametrize()
@FUZZ
def test_api_signed_in(case, world, live_server):
    _fuzz(case, world, live_server.url, cookies=_signed_in_cookies(world.owner))
