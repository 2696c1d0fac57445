"""One rate limiter for the whole site, counted in the shared cache.

Every limit is a *scope* with a rate in ``settings.RATE_LIMITS`` ("10/h", "5/15m",
"200/d") and is counted per *key*: the account (``user:<id>``), the client address
(``ip:<address or IPv6 /64>``, through ``TRUSTED_PROXY_COUNT`` proxies), or anything
a caller names (``email:<address>``, ``shop`` for a shop-wide cap). An event is
allowed only while every one of its keys is under the limit, so a script without
cookies meets the address limit and a signed-in one meets the account limit too.

Counting is a fixed window per key: ``cache.add`` then the atomic ``cache.incr``,
which is atomic in Redis across every web process and in local memory within the
one process of the embedded default. The cache can be down (django-redis is set to
swallow errors): a limit then *fails open* (the page works, uncounted) unless the
caller asks to *fail closed*, as the email relay and the login forms do.

Only writes are counted, so pages that only read never touch the limiter.
"""

from __future__ import annotations

import hashlib
import logging
import math
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

from .http import client_bucket, wants_json

logger = logging.getLogger(__name__)

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")
DEFAULT_MESSAGE = (
    "Too many requests in a short time. Please wait a little and try again."
)


@dataclass(frozen=True)
class Rate:
    limit: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> Rate:
        match = _RATE.match(text or "")
        if not match:
            raise ImproperlyConfigured(
                f"A rate is 'N/period' with period s, m, h or d (e.g. '10/h', "
                f"'5/15m'); got {text!r}."
            )
        count, multiple, unit = match.groups()
        return cls(int(count), int(multiple or 1) * _PERIODS[unit])


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: int = 0
    # False when the cache could not be reached (the decision is then the fail mode).
    counted: bool = True


class RateLimited(Exception):
    """Raised by services that enforce a limit themselves; views answer 429."""

    def __init__(self, message: str = DEFAULT_MESSAGE, *, retry_after: int = 60):
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


def rate_for(scope: str) -> Rate:
    try:
        return Rate.parse(settings.RATE_LIMITS[scope])
    except KeyError:
        raise ImproperlyConfigured(
            f"No rate for {scope!r} in settings.RATE_LIMITS."
        ) from None


def request_keys(
    request: HttpRequest, *, by: Iterable[str] = ("user", "ip")
) -> list[str]:
    """The keys a request is counted under: its account when signed in, its address."""
    keys = []
    user = getattr(request, "user", None)
    if "user" in by and user is not None and user.is_authenticated:
        keys.append(f"user:{user.pk}")
    if "ip" in by:
        keys.append(f"ip:{client_bucket(request)}")
    return keys


def _window(rate: Rate, now: float) -> tuple[int, int]:
    index = int(now // rate.seconds)
    return index, max(1, math.ceil((index + 1) * rate.seconds - now))


def _cache_key(scope: str, key: str, index: int) -> str:
    # Keys can hold emails and addresses: hash them so none is stored readable.
    digest = hashlib.blake2b(key.encode(), digest_size=12).hexdigest()
    return f"rl:{scope}:{index}:{digest}"


def _count(cache_key: str, ttl: int, cost: int) -> int | None:
    """Add ``cost`` to one counter; None when the cache is unreachable."""
    try:
        cache.add(cache_key, 0, ttl + 1)
        try:
            return cache.incr(cache_key, cost)
        except ValueError:  # expired between add and incr: a fresh window
            cache.add(cache_key, 0, ttl + 1)
            return cache.incr(cache_key, cost)
    except Exception:  # a cache that raises instead of swallowing its errors
        logger.warning("rate limiter: cache unavailable", exc_info=True)
        return None


def _read(cache_key: str) -> tuple[int | None, bool]:
    sentinel = object()
    try:
        value = cache.get(cache_key, sentinel)
    except Exception:
        logger.warning("rate limiter: cache unavailable", exc_info=True)
        return None, False
    if value is sentinel:
        # django-redis swallowing an error also returns the default: tell a missing
        # key from a dead cache by writing a probe.
        return 0, _cache_alive()
    return int(value or 0), True


def _cache_alive() -> bool:
    try:
        return bool(cache.add("rl:probe", 1, 1)) or cache.get("rl:probe") is not None
    except Exception:
        return False


def _enabled() -> bool:
    return bool(getattr(settings, "RATE_LIMITS_ENABLED", True))


def limit_hit(
    *,
    scope: str,
    keys: Iterable[str],
    rate: Rate | None = None,
    cost: int = 1,
    fail_closed: bool = False,
) -> Decision:
    """Count one event under every key; not allowed when any key is over its rate."""
    if not _enabled():
        return Decision(True)
    rate = rate or rate_for(scope)
    index, ttl = _window(rate, time.time())
    allowed, counted = True, True
    for key in keys:
        value = _count(_cache_key(scope, key, index), ttl, cost)
        if value is None:
            counted = False
            continue
        if value > rate.limit:
            allowed = False
    if not counted and not fail_closed:
        return Decision(True, counted=False)
    if not counted:
        return Decision(False, retry_after=ttl, counted=False)
    return Decision(allowed, retry_after=0 if allowed else ttl)


def limit_peek(
    *,
    scope: str,
    keys: Iterable[str],
    rate: Rate | None = None,
    fail_closed: bool = False,
) -> Decision:
    """Whether an event would still be allowed, without counting one.

    For limits on failures (a login is refused once the failures reached the rate,
    and only a failure counts).
    """
    if not _enabled():
        return Decision(True)
    rate = rate or rate_for(scope)
    index, ttl = _window(rate, time.time())
    for key in keys:
        value, alive = _read(_cache_key(scope, key, index))
        if not alive:
            return Decision(not fail_closed, retry_after=ttl, counted=False)
        if value >= rate.limit:
            return Decision(False, retry_after=ttl)
    return Decision(True)


def limit_reset(*, scope: str, keys: Iterable[str], rate: Rate | None = None) -> None:
    """Forget the current window's count (a successful login clears its account)."""
    rate = rate or rate_for(scope)
    index, _ = _window(rate, time.time())
    try:
        cache.delete_many([_cache_key(scope, key, index) for key in keys])
    except Exception:
        logger.warning("rate limiter: cache unavailable", exc_info=True)


def too_many_requests(
    request: HttpRequest, *, message: str = DEFAULT_MESSAGE, retry_after: int = 60
) -> HttpResponse:
    """The 429 answer: JSON for fetch and the API, a page for a browser."""
    if wants_json(request):
        response = JsonResponse(
            {"detail": message, "code": "rate_limited", "retry_after": retry_after},
            status=429,
        )
    else:
        response = HttpResponse(
            render_to_string(
                "core/429.html",
                {"message": message, "retry_after": retry_after},
                request=request,
            ),
            status=429,
        )
    response["Retry-After"] = str(retry_after)
    return response


def rate_limited(
    scope: str,
    *,
    methods: Iterable[str] = UNSAFE_METHODS,
    by: Iterable[str] = ("user", "ip"),
    fail_closed: bool = False,
    message: str = DEFAULT_MESSAGE,
) -> Callable:
    """View decorator: count each request with one of ``methods``; 429 past the rate."""
    methods = frozenset(m.upper() for m in methods)
    by = tuple(by)

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods:
                decision = limit_hit(
                    scope=scope,
                    keys=request_keys(request, by=by),
                    fail_closed=fail_closed,
                )
                if not decision.allowed:
                    return too_many_requests(
                        request, message=message, retry_after=decision.retry_after
                    )
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
