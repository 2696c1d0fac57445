"""Checkout and the thank-you page (with its offer to keep the order in an account)."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import replace
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from core.ratelimit import Decision, limit_hit, limit_peek, request_keys

from ..context_processors import mini_cart_forget
from ..exceptions import ShopError
from ..forms import CheckoutForm, GuestAccountForm
from ..models import Order
from ..payments import PaymentDeclined, PaymentError, gateway_is_test
from ..selectors import (
    SESSION_ORDERS_KEY,
    CartPricing,
    cart_lines,
    cart_price,
    checkout_initial_address,
    order_by_token,
    order_for_buyer,
    order_lines,
)
from ..services.accounts import (
    AccountExists,
    account_confirmation_send,
    account_create_from_order,
    account_offered_for_order,
)
from ..services.cart import cart_for_session
from ..services.checkout import ShippingAddress, order_place
from ..services.discounts import normalise_code

# Digests of the codes this session had accepted (they don't count against the
# code-apply rate again), and the one answer once the rate is reached.
SESSION_CODES_KEY = "shop_codes_accepted"
CODES_LIMITED = (
    "You have tried a lot of codes in a short time. Please wait a while before "
    "trying another one."
)
# Card testing: a script trying stolen card numbers one checkout at a time. Past
# the rate of declined cards no further card goes to the gateway for a while.
PAYMENTS_PAUSED = (
    "Several cards were declined in a short time, so we have paused payments from "
    "this browser for a while. Nothing was charged. Please try again later."
)


def _buyer_keys(request: HttpRequest) -> list[str]:
    """Account, client address and, when there is one, the session."""
    keys = request_keys(request)
    if request.session.session_key:
        keys.append(f"session:{request.session.session_key}")
    return keys


def _checkout_initial(request: HttpRequest) -> dict:
    return {
        "token": uuid.uuid4().hex,
        "country": "United States",
        **checkout_initial_address(user=request.user),
    }


def checkout(request: HttpRequest) -> HttpResponse:
    cart = cart_for_session(session=request.session, user=request.user)
    lines = cart_lines(cart=cart) if cart else []
    if request.method == "POST":
        return _checkout_post(request, cart, lines)
    if not lines:
        messages.info(request, "Your cart is empty — add something first.")
        return redirect("shop:cart")
    pricing = cart_price(lines=lines)
    form = CheckoutForm(
        initial={**_checkout_initial(request), "expected_total": pricing.grand_total}
    )
    return render(
        request,
        "shop/checkout.html",
        {
            "form": form,
            "pricing": _pricing_shown(pricing),
            "lines": lines,
            "demo_payments": gateway_is_test(),
        },
    )


def _pricing_shown(pricing: CartPricing) -> CartPricing:
    """The pricing as the checkout page shows it: without the gift card's share.

    What a gift card pays would tell whoever holds a code its balance (when it is
    less than the order), so the page shows the total before the card and says the
    card is used first; the receipt of the paid order shows what it covered.
    """
    return replace(pricing, gift_card_amount=Decimal("0.00"), total=pricing.grand_total)


def _code_digest(code: str) -> str:
    return hashlib.blake2b(normalise_code(code).encode(), digest_size=8).hexdigest()


def _codes_throttled(request: HttpRequest, data) -> tuple[list[str], Decision | None]:
    """Count the codes this request tries (code-apply).

    Returns the fields holding new codes and, past the rate, the refusal. Codes this
    session already had accepted don't count again, so placing an order with its
    applied code costs nothing; every other code does, per account, client address
    and session.
    """
    accepted = set(request.session.get(SESSION_CODES_KEY, []))
    tried = [
        field
        for field in ("voucher_code", "gift_card_code")
        if normalise_code(data.get(field, ""))
        and _code_digest(data.get(field, "")) not in accepted
    ]
    if not tried:
        return tried, None
    decision = limit_hit(scope="code-apply", keys=_buyer_keys(request), cost=len(tried))
    return tried, None if decision.allowed else decision


def _codes_remember(request: HttpRequest, data, pricing: CartPricing) -> None:
    accepted = [
        _code_digest(data.get(field, ""))
        for field, usable in (
            ("voucher_code", pricing.voucher),
            ("gift_card_code", pricing.gift_card),
        )
        if usable is not None
    ]
    known = request.session.get(SESSION_CODES_KEY, [])
    merged = list(dict.fromkeys([*known, *accepted]))[-10:]
    if merged != known:
        request.session[SESSION_CODES_KEY] = merged


def _checkout_post(request: HttpRequest, cart, lines) -> HttpResponse:
    token = request.POST.get("token", "")
    done = order_by_token(token=token)
    if done is not None and done.number in request.session.get(SESSION_ORDERS_KEY, []):
        return redirect(done.get_absolute_url())
    if not lines:
        messages.info(request, "Your cart is empty — add something first.")
        return redirect("shop:cart")
    data = request.POST.copy()
    code_errors = []
    tried, limited = _codes_throttled(request, data)
    if limited is not None:
        # Past the rate no new code is looked up: the answer is the same for any.
        for field in tried:
            data[field] = ""
        code_errors.append(CODES_LIMITED)
    pricing = cart_price(
        lines=lines,
        voucher_code=data.get("voucher_code", ""),
        gift_card_code=data.get("gift_card_code", ""),
        email=data.get("email") or None,
    )
    code_errors += pricing.errors
    _codes_remember(request, data, pricing)
    # Drop codes that don't apply, so the shopper sees why and the form stays usable.
    if pricing.voucher is None:
        data["voucher_code"] = ""
    if pricing.gift_card is None:
        data["gift_card_code"] = ""
    applying = "apply" in request.POST
    shown = _pricing_shown(pricing)
    form = CheckoutForm(data, payment_required=shown.total > 0 and not applying)
    context = {
        "form": form,
        "pricing": shown,
        "lines": lines,
        "code_errors": code_errors,
        "demo_payments": gateway_is_test(),
    }
    if applying or code_errors:
        if not code_errors and (pricing.voucher or pricing.gift_card):
            messages.success(request, "Code applied.")
        context["form"] = CheckoutForm(
            initial={**data.dict(), "expected_total": shown.total, "card_number": ""},
            payment_required=shown.total > 0,
        )
        response = render(
            request,
            "shop/checkout.html",
            context,
            status=429 if limited is not None else 200,
        )
        if limited is not None:
            response["Retry-After"] = str(limited.retry_after)
        return response
    if not form.is_valid():
        return render(request, "shop/checkout.html", context, status=400)
    paused = limit_peek(scope="payment-declined", keys=_buyer_keys(request))
    if not paused.allowed:
        form.add_error(None, PAYMENTS_PAUSED)
        response = render(request, "shop/checkout.html", context, status=429)
        response["Retry-After"] = str(paused.retry_after)
        return response
    cleaned = form.cleaned_data
    try:
        order = order_place(
            cart=cart,
            email=cleaned["email"],
            shipping=ShippingAddress(
                name=cleaned["name"],
                line1=cleaned["line1"],
                line2=cleaned["line2"],
                city=cleaned["city"],
                postcode=cleaned["postcode"],
                country=cleaned["country"],
            ),
            card_number=cleaned["card_number"],
            token=cleaned["token"],
            user=request.user,
            voucher_code=cleaned["voucher_code"],
            gift_card_code=cleaned["gift_card_code"],
            expected_total=cleaned.get("expected_total"),
        )
    except (ShopError, PaymentError) as exc:
        if isinstance(exc, PaymentDeclined):
            limit_hit(scope="payment-declined", keys=_buyer_keys(request))
        form.add_error(None, exc.message)
        # A fresh token for the next try: a charge voided under the old one must
        # not come back from the gateway as that try's payment.
        data["token"] = uuid.uuid4().hex
        fresh = cart_lines(cart=cart)
        context.update(
            lines=fresh,
            pricing=_pricing_shown(
                cart_price(
                    lines=fresh,
                    voucher_code=cleaned["voucher_code"],
                    gift_card_code=cleaned["gift_card_code"],
                    email=cleaned["email"],
                )
            ),
        )
        return render(request, "shop/checkout.html", context, status=409)
    numbers = request.session.get(SESSION_ORDERS_KEY, [])
    if order.number not in numbers:
        request.session[SESSION_ORDERS_KEY] = [*numbers, order.number][-20:]
    mini_cart_forget(request)
    return redirect(order.get_absolute_url())


def _order_for_buyer(request: HttpRequest, number: str) -> Order:
    """The order if this visitor bought it (their session or account), else 404."""
    order = order_for_buyer(number=number, session=request.session, user=request.user)
    if order is None:
        raise Http404("No such order")
    return order


def thanks(request: HttpRequest, number: str) -> HttpResponse:
    order = _order_for_buyer(request, number)
    offer_account = account_offered_for_order(order=order, user=request.user)
    first, _, last = order.shipping_name.partition(" ")
    account_form = None
    if offer_account:
        account_form = GuestAccountForm(
            request.POST if request.method == "POST" else None,
            email=order.email,
            first_name=first,
            last_name=last,
        )
        if request.method == "POST" and account_form.is_valid():
            try:
                user = account_create_from_order(
                    order=order, password=account_form.cleaned_data["password"]
                )
            except AccountExists as exc:
                messages.error(request, exc.message)
                return redirect("account_login")
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            account_confirmation_send(request=request, user=user)
            messages.success(
                request,
                f"Your account is ready, with this order in it. We’ve sent a link "
                f"to {user.email}; confirm it and any earlier orders placed with "
                f"this address will appear in your account too.",
            )
            return redirect(order.get_absolute_url())
    elif request.method == "POST":
        return redirect(order.get_absolute_url())
    return render(
        request,
        "shop/thanks.html",
        {
            "order": order,
            "lines": order_lines(order=order),
            "account_form": account_form,
        },
    )
