"""The client's address through trusted proxies, its bucket, and the guest key."""

from datetime import UTC, datetime

import pytest
from django.test import RequestFactory

from core.http import client_bucket, client_ip, guest_key


def _request(remote="192.0.2.1", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        # no proxy declared: the header is the client's own words, ignored
        (0, None, "192.0.2.1"),
        (0, "203.0.113.9", "192.0.2.1"),
        (0, "203.0.113.9, 198.51.100.7", "192.0.2.1"),
        # one proxy: it appended the address it saw; entries left of it are spoofed
        (1, None, "192.0.2.1"),
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),
        (1, "6.6.6.6 , 7.7.7.7,198.51.100.7", "198.51.100.7"),
        # two proxies: the client is the second entry from the right
        (2, "6.6.6.6, 198.51.100.7, 10.0.0.2", "198.51.100.7"),
        (2, "198.51.100.7, 10.0.0.2", "198.51.100.7"),
        # fewer entries than proxies: every entry is one of ours, take the first
        (2, "10.0.0.2", "10.0.0.2"),
        (1, "", "192.0.2.1"),
        (1, " , ", "192.0.2.1"),
    ],
)
def test_client_ip_trusts_exactly_the_declared_proxies(
    settings, proxies, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies

    assert client_ip(_request(forwarded=forwarded)) == expected


@pytest.mark.parametrize(
    ("remote", "bucket"),
    [
        ("198.51.100.7", "198.51.100.7"),
        ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"),
        ("2001:db8:1:2::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:3::1", "2001:db8:1:3::/64"),
        ("::ffff:198.51.100.7", "198.51.100.7"),
        ("not an address", "not an address"),
        ("", "unknown"),
    ],
)
def test_client_bucket_is_one_ipv4_address_or_one_ipv6_64(settings, remote, bucket):
    settings.TRUSTED_PROXY_COUNT = 0

    assert client_bucket(_request(remote=remote)) == bucket


def test_an_ipv6_client_rotating_inside_its_64_stays_in_one_bucket(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    buckets = {
        client_bucket(_request(forwarded=f"6.6.6.{n}, 2001:db8:7:8::{n:x}"))
        for n in range(1, 50)
    }

    assert buckets == {"2001:db8:7:8::/64"}


def test_the_guest_key_is_the_bucket_for_the_day_and_reveals_no_address(
    settings, monkeypatch
):
    settings.TRUSTED_PROXY_COUNT = 0
    day = datetime(2026, 12, 8, 10, tzinfo=UTC)
    monkeypatch.setattr("django.utils.timezone.now", lambda: day)
    first = guest_key(_request(remote="2001:db8::1"))
    same_64 = guest_key(_request(remote="2001:db8::2"))
    other = guest_key(_request(remote="198.51.100.7"))
    monkeypatch.setattr("django.utils.timezone.now", lambda: day.replace(day=9, hour=0))
    next_day = guest_key(_request(remote="2001:db8::1"))

    assert first == same_64
    assert first.startswith("addr:") and len(first) == 29
    assert len({first, other, next_day}) == 3
    assert "2001" not in first and "198" not in other
