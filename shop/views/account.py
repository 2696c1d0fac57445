"""The shopper's account: orders, one order, the public handle."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from core.pagination import page_of
from core.ratelimit import RateLimited

from ..forms import ProfileHandleForm
from ..models import Order
from ..selectors import order_lines, orders_of_user, public_identity
from ..services.profiles import HandleInvalid, profile_for, profile_handle_change


@login_required
def account(request: HttpRequest) -> HttpResponse:
    page = page_of(request, orders_of_user(user=request.user), 10)
    return render(
        request, "shop/account.html", {"page": page, "orders": page.object_list}
    )


@login_required
def account_profile(request: HttpRequest) -> HttpResponse:
    """The shopper's public handle, and the form to choose another."""
    profile = profile_for(user=request.user)
    status = 200
    if request.method == "POST":
        form = ProfileHandleForm(request.POST)
        if form.is_valid():
            try:
                profile = profile_handle_change(
                    user=request.user, handle=form.cleaned_data["handle"]
                )
            except HandleInvalid as exc:
                form.add_error("handle", exc.message)
                status = 400
            except RateLimited as exc:
                form.add_error("handle", exc.message)
                status = 429
            else:
                messages.success(request, f"Your handle is now {profile.handle}.")
                return redirect("shop:account_profile")
        else:
            status = 400
    else:
        form = ProfileHandleForm(initial={"handle": profile.handle})
    user = request.user
    return render(
        request,
        "shop/account_profile.html",
        {
            "form": form,
            "profile": profile,
            "identity": public_identity(user=user),
            "is_public": user.is_active and not (user.is_staff or user.is_superuser),
        },
        status=status,
    )


@login_required
def account_order(request: HttpRequest, number: str) -> HttpResponse:
    order = get_object_or_404(Order, number=number, user=request.user)
    return render(
        request,
        "shop/account_order.html",
        {"order": order, "lines": order_lines(order=order)},
    )
