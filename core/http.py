"""Facts about a request that every app asks the same way."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.http import url_has_allowed_host_and_scheme


def client_ip(request: HttpRequest) -> str:
    """The client's address, trusting exactly ``TRUSTED_PROXY_COUNT`` proxies.

    Each trusted proxy appends the address it saw to X-Forwarded-For, so with N of
    them the client is the N-th entry from the right; anything left of it was
    written by the client and is ignored. With no proxy declared the header is
    ignored entirely (a client could write any address into it).
    """
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if count <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if not forwarded:
        return remote
    # Fewer entries than proxies: every entry was written by one of ours.
    return forwarded[-count] if len(forwarded) >= count else forwarded[0]


def client_bucket(request: HttpRequest) -> str:
    """The address a limit counts against: one IPv4 address or one IPv6 /64.

    A single IPv6 customer line holds a whole /64, so counting single v6 addresses
    would let one client rotate through billions of buckets.
    """
    raw = client_ip(request)
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return raw or "unknown"
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def guest_key(request: HttpRequest) -> str:
    """Who a guest is for "once" counters (a vote, a view, a visit): their address
    bucket, for the day.

    A script without cookies gets a new session on every request, so a session
    cannot tell guests apart; the address can. Keyed hash of the bucket and the UTC
    date: stable for one day, and it reveals no address to whoever reads the table.
    """
    day = timezone.now().date().isoformat()
    digest = salted_hmac("core.http.guest_key", f"{day}|{client_bucket(request)}")
    return f"addr:{digest.hexdigest()[:24]}"


def wants_json(request: HttpRequest) -> bool:
    """Whether the caller asked for JSON (fetch with Accept, or the API)."""
    if request.path.startswith("/api/"):
        return True
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "text/html" not in accept


def safe_next(request: HttpRequest, *candidates: str | None, fallback: str) -> str:
    """The first candidate that is a page of this site (``next``, the referrer…),
    else ``fallback``.

    Another host (``https://evil.example``, ``//evil.example``), another scheme
    (``javascript:``) and, on an HTTPS request, plain HTTP are refused: a redirect
    after a form must never take the visitor off the shop.
    """
    for candidate in candidates:
        if candidate and url_has_allowed_host_and_scheme(
            candidate,
            allowed_hosts={request.get_host()},
            require_https=request.is_secure(),
        ):
            return candidate
    return fallback
