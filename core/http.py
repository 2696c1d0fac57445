"""Facts about a request that every app asks the same way."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


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


def wants_json(request: HttpRequest) -> bool:
    """Whether the caller asked for JSON (fetch with Accept, or the API)."""
    if request.path.startswith("/api/"):
        return True
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "text/html" not in accept
