"""The one site-wide limiter: rates, keys, windows, fail modes, the 429 answer."""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.test import RequestFactory

from core.ratelimit import (
    Rate,
    limit_hit,
    limit_peek,
    limit_reset,
    rate_limited,
    request_keys,
)


@pytest.mark.parametrize(
    ("text", "rate"),
    [("10/h", Rate(10, 3600)), ("5/15m", Rate(5, 900)), (" 3 / d ", Rate(3, 86400))],
)
def test_rates_parse(text, rate):
    assert Rate.parse(text) == rate


@pytest.mark.parametrize("text", ["", "10", "10/w", "x/h", "-1/h"])
def test_a_bad_rate_names_the_format(text):
    with pytest.raises(ImproperlyConfigured, match="N/period"):
        Rate.parse(text)


def test_an_unknown_scope_is_a_configuration_error(settings):
    settings.RATE_LIMITS = {}
    with pytest.raises(ImproperlyConfigured, match="no-such-scope"):
        limit_hit(scope="no-such-scope", keys=["ip:1.2.3.4"])


def test_events_pass_up_to_the_rate_then_stop():
    decisions = [
        limit_hit(scope="t", keys=["ip:1.2.3.4"], rate=Rate(3, 60)).allowed
        for _ in range(5)
    ]
    assert decisions == [True, True, True, False, False]


def test_a_refusal_says_when_to_retry():
    for _ in range(2):
        limit_hit(scope="t", keys=["ip:1.2.3.4"], rate=Rate(1, 60))
    decision = limit_hit(scope="t", keys=["ip:1.2.3.4"], rate=Rate(1, 60))
    assert not decision.allowed
    assert 1 <= decision.retry_after <= 60


def test_any_key_over_its_rate_refuses_the_event():
    rate = Rate(2, 60)
    limit_hit(scope="t", keys=["user:1", "ip:9.9.9.9"], rate=rate)
    limit_hit(scope="t", keys=["user:2", "ip:9.9.9.9"], rate=rate)
    # A third account from the same address: the address is spent.
    assert not limit_hit(scope="t", keys=["user:3", "ip:9.9.9.9"], rate=rate).allowed
    # The first account from a fresh address is still within its own rate.
    assert limit_hit(scope="t", keys=["user:4", "ip:8.8.8.8"], rate=rate).allowed


def test_scopes_are_counted_apart():
    rate = Rate(1, 60)
    assert limit_hit(scope="a", keys=["ip:1.1.1.1"], rate=rate).allowed
    assert limit_hit(scope="b", keys=["ip:1.1.1.1"], rate=rate).allowed
    assert not limit_hit(scope="a", keys=["ip:1.1.1.1"], rate=rate).allowed


def test_peek_counts_nothing_and_reset_forgets():
    rate = Rate(2, 60)
    for _ in range(5):
        assert limit_peek(scope="t", keys=["email:a@b.c"], rate=rate).allowed
    limit_hit(scope="t", keys=["email:a@b.c"], rate=rate)
    limit_hit(scope="t", keys=["email:a@b.c"], rate=rate)
    assert not limit_peek(scope="t", keys=["email:a@b.c"], rate=rate).allowed
    limit_reset(scope="t", keys=["email:a@b.c"], rate=rate)
    assert limit_peek(scope="t", keys=["email:a@b.c"], rate=rate).allowed


def test_the_window_rolls_over(monkeypatch):
    clock = [1_000_000.0]
    monkeypatch.setattr("core.ratelimit.time.time", lambda: clock[0])
    rate = Rate(1, 60)
    assert limit_hit(scope="t", keys=["ip:1.1.1.1"], rate=rate).allowed
    assert not limit_hit(scope="t", keys=["ip:1.1.1.1"], rate=rate).allowed
    clock[0] += 60
    assert limit_hit(scope="t", keys=["ip:1.1.1.1"], rate=rate).allowed


def test_switched_off_everything_passes(settings):
    settings.RATE_LIMITS_ENABLED = False
    rate = Rate(1, 60)
    assert all(
        limit_hit(scope="t", keys=["ip:1.1.1.1"], rate=rate).allowed for _ in range(5)
    )


def test_a_dead_cache_fails_open_by_default_and_closed_on_request(cache_down):
    rate = Rate(1, 60)
    open_ = [limit_hit(scope="t", keys=["ip:1.1.1.1"], rate=rate) for _ in range(3)]
    assert [d.allowed for d in open_] == [True, True, True]
    assert not open_[0].counted
    closed = limit_hit(scope="t", keys=["ip:1.1.1.1"], rate=rate, fail_closed=True)
    assert not closed.allowed
    assert not limit_peek(
        scope="t", keys=["ip:1.1.1.1"], rate=rate, fail_closed=True
    ).allowed
    assert limit_peek(scope="t", keys=["ip:1.1.1.1"], rate=rate).allowed


def test_request_keys_name_the_account_and_the_address(django_user_model):
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.7")
    request.user = django_user_model(pk=42)
    assert request_keys(request) == ["user:42", "ip:203.0.113.7"]
    assert request_keys(request, by=("ip",)) == ["ip:203.0.113.7"]


def _view(request):
    return HttpResponse("ok")


@pytest.mark.django_db
def test_the_decorator_answers_429_with_json_for_fetch(settings):
    settings.RATE_LIMITS = {"t": "2/m"}
    view = rate_limited("t")(_view)
    factory = RequestFactory()

    def post():
        request = factory.post(
            "/x/", HTTP_ACCEPT="application/json", REMOTE_ADDR="198.51.100.1"
        )
        request.user = AnonymousUser()
        return view(request)

    codes = [post().status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    response = post()
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["code"] == "rate_limited"
    assert int(response["Retry-After"]) >= 1


@pytest.mark.django_db
def test_the_decorator_counts_only_the_methods_it_names(settings):
    settings.RATE_LIMITS = {"t": "1/m"}
    view = rate_limited("t")(_view)
    factory = RequestFactory()

    for _ in range(5):
        request = factory.get("/x/", REMOTE_ADDR="198.51.100.2")
        request.user = AnonymousUser()
        assert view(request).status_code == 200


@pytest.mark.django_db
def test_a_browser_gets_the_429_page(settings):
    settings.RATE_LIMITS = {"t": "0/m"}
    request = RequestFactory().post(
        "/x/", HTTP_ACCEPT="text/html", REMOTE_ADDR="1.2.3.4"
    )
    request.user = AnonymousUser()
    request.session = SessionStore()
    response = rate_limited("t")(_view)(request)
    assert response.status_code == 429
    body = response.content.decode()
    assert "Please slow down" in body
    assert "<html" in body


def test_rates_can_be_overridden_from_the_environment():
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {**os.environ, "DEBUG": "1", "RATE_LIMITS_OVERRIDE": "signup=5/h, x=1/d"}
    printed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os;"
            "os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings';"
            "django.setup();"
            "from django.conf import settings;"
            "print(settings.RATE_LIMITS['signup'], settings.RATE_LIMITS['x'],"
            " settings.RATE_LIMITS['login-account'])",
        ],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()

    assert printed[:2] == ["5/h", "1/d"]
    assert printed[2] == "10/15m"  # the others keep their defaults
