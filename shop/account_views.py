"""The shop's one way in: allauth's log-in and sign-up with the shop's limits.

``/accounts/login/`` and ``/admin/login/`` are the same allauth flow, so both lock out
repeated failures (``shop.account_adapter``) and both ask staff with two-factor for
their code; the stock admin login form, which would skip both, is never served.
"""

from __future__ import annotations

from allauth.account.views import LoginView as AllauthLoginView
from allauth.account.views import SignupView as AllauthSignupView
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from core.http import client_bucket, safe_next
from core.ratelimit import limit_hit

from .account_adapter import LOCKED_OUT_ATTRIBUTE

SIGNUP_LIMITED = (
    "Too many accounts were created from your network in the last hour. Please try "
    "again later, or check out as a guest."
)


class LoginView(AllauthLoginView):
    """allauth's login; a locked-out attempt is the form with its error, as a 429."""

    def form_invalid(self, form) -> HttpResponse:
        response = super().form_invalid(form)
        decision = getattr(self.request, LOCKED_OUT_ATTRIBUTE, None)
        if decision is not None:
            response.status_code = 429
            response["Retry-After"] = str(decision.retry_after)
        return response


class AdminLoginView(LoginView):
    """The same login at /admin/login/, going on to the admin (or its ``next``)."""

    def get_next_url(self) -> str | None:
        return super().get_next_url() or reverse("admin:index")

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        # Posted back here: its ``next`` (a hidden field) or the admin's index.
        context.update(admin_login=True, login_action=self.request.path)
        return context


def admin_login(
    request: HttpRequest, extra_context: dict | None = None
) -> HttpResponse:
    """Replaces ``admin.site.login``: staff already in go on; others may not."""
    if request.user.is_authenticated:
        if request.user.is_active and request.user.is_staff:
            return redirect(
                safe_next(
                    request,
                    request.GET.get(REDIRECT_FIELD_NAME),
                    fallback=reverse("admin:index"),
                )
            )
        raise PermissionDenied("This account cannot use the shop's administration.")
    return AdminLoginView.as_view()(request)


class SignupView(AllauthSignupView):
    """allauth's sign-up; past ``signup`` accounts per address, a form error (429)."""

    def form_valid(self, form) -> HttpResponse:
        decision = limit_hit(scope="signup", keys=[f"ip:{client_bucket(self.request)}"])
        if not decision.allowed:
            form.add_error(None, SIGNUP_LIMITED)
            response = self.form_invalid(form)
            response.status_code = 429
            response["Retry-After"] = str(decision.retry_after)
            return response
        return super().form_valid(form)
