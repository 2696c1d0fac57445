"""allauth's account adapter for the shop: lock-out on failed logins.

Every password check of every login form (the shop's and the admin's, which goes
through allauth too) passes here. A failure is counted per client address
(``login-address``) and per account identifier tried (``login-account``) in the
shared cache; once either reaches its rate the next attempt is refused before the
password is even looked at, even the right password, until the window ends. So a
botnet rotating addresses still locks the account it is guessing at, and one
address cannot spray passwords over many accounts. With the cache unreachable the
check fails closed: nobody logs in rather than everybody guesses.

allauth's own limits (``ACCOUNT_RATE_LIMITS``) stay on beside ours; they see the
client address the same way, through ``TRUSTED_PROXY_COUNT``.
"""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import user_username
from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from core.http import client_bucket, client_ip
from core.ratelimit import Decision, limit_hit, limit_peek, limit_reset

from .services.accounts import username_free

ADDRESS_SCOPE = "login-address"
ACCOUNT_SCOPE = "login-account"
# Set on the request when a login is refused for a lock-out, so the login view can
# answer 429 with Retry-After instead of a plain invalid form.
LOCKED_OUT_ATTRIBUTE = "login_locked_out"
# allauth's default per-account window for failed logins ("5/300s/key").
ALLAUTH_LOCK_SECONDS = 300


def locked_out_message(decision: Decision) -> str:
    if not decision.counted:
        return (
            "Logging in is paused for a moment for your safety. Please try again "
            "in a minute."
        )
    minutes = max(1, -(-decision.retry_after // 60))
    return (
        "Too many failed attempts to log in. For your safety, logging in here is "
        f"paused; please try again in {minutes} minute{'s' if minutes != 1 else ''}."
    )


def _account_key(credentials: dict[str, Any]) -> str:
    identifier = credentials.get("email") or credentials.get("username") or ""
    return f"account:{str(identifier).strip().casefold()}"


def user_display(user) -> str:
    """How allauth names the shopper to themself ("Signed in as Ada."): never the
    opaque username; the first name, else the email they log in with."""
    return (getattr(user, "first_name", "") or "").strip() or user.email or "you"


class AccountAdapter(DefaultAccountAdapter):
    def populate_username(self, request: HttpRequest, user) -> None:
        # allauth would derive a username from the email or the names; it must say
        # nothing about who owns the account (shoppers are shown by their handle).
        user_username(user, username_free())

    def get_client_ip(self, request: HttpRequest) -> str:
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine the client's address.")
        return ip

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        try:
            super().pre_authenticate(request, **credentials)
        except forms.ValidationError:
            # allauth's own lock-out (ACCOUNT_RATE_LIMITS["login_failed"]) answers
            # like ours: the same message, a 429.
            decision = Decision(False, retry_after=ALLAUTH_LOCK_SECONDS)
            setattr(request, LOCKED_OUT_ATTRIBUTE, decision)
            raise forms.ValidationError(
                locked_out_message(decision), code="too_many_login_attempts"
            ) from None
        for scope, key in (
            (ADDRESS_SCOPE, f"ip:{client_bucket(request)}"),
            (ACCOUNT_SCOPE, _account_key(credentials)),
        ):
            decision = limit_peek(scope=scope, keys=[key], fail_closed=True)
            if not decision.allowed:
                setattr(request, LOCKED_OUT_ATTRIBUTE, decision)
                raise forms.ValidationError(
                    locked_out_message(decision), code="too_many_login_attempts"
                )

    def authenticate(self, request: HttpRequest, **credentials: Any):
        user = super().authenticate(request, **credentials)
        if user is not None:
            # The address keeps its failures: an attacker with an account of their
            # own must not wipe them by logging in between guesses.
            limit_reset(scope=ACCOUNT_SCOPE, keys=[_account_key(credentials)])
        return user

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        super().authentication_failed(request, **credentials)
        limit_hit(
            scope=ADDRESS_SCOPE, keys=[f"ip:{client_bucket(request)}"], fail_closed=True
        )
        limit_hit(
            scope=ACCOUNT_SCOPE, keys=[_account_key(credentials)], fail_closed=True
        )
