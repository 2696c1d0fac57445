"""Shop pages. Each view parses input, calls a service or selector, and renders."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import replace
from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from core.cache import csrf_put_back, render_for_cache
from core.http import safe_next, wants_json
from core.pagination import page_of, querystring_without_page
from core.ratelimit import Decision, RateLimited, limit_hit, limit_peek, request_keys

from ..cache import PRODUCT_PAGE_TIMEOUT, product_page_key
from ..context_processors import mini_cart_forget, mini_cart_remember
from ..exceptions import ShopError
from ..forms import (
    AddToCartForm,
    CartLineForm,
    CheckoutForm,
    GuestAccountForm,
    ProfileHandleForm,
)
from ..models import Category, Colour, Order, Product, Variant
from ..payments import PaymentDeclined, PaymentError, gateway_is_test
from ..selectors import (
    SESSION_ORDERS_KEY,
    SORTS,
    CartPricing,
    cart_lines,
    cart_price,
    category_tree,
    first_image,
    order_for_buyer,
    product_detail,
    product_images_prefetch,
    product_list,
    public_identity,
    variant_by_sku,
    variant_choices,
)
from ..services.accounts import (
    AccountExists,
    account_confirmation_send,
    account_create_from_order,
    account_exists_for_email,
)
from ..services.cart import (
    cart_add_variant,
    cart_for_session,
    cart_get_or_create,
    cart_remove_line,
    cart_set_quantity,
)
from ..services.checkout import ShippingAddress, order_place
from ..services.discounts import normalise_code
from ..services.profiles import HandleInvalid, profile_for, profile_handle_change

SORT_LABELS = {
    "": "Featured",
    "newest": "Newest",
    "price": "Price: low to high",
    "-price": "Price: high to low",
    "title": "Name",
}


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    featured = list(product_list().filter(is_featured=True)[:8])
    newest = list(product_list(sort="newest")[:8])
    return render(
        request,
        "shop/home.html",
        {"featured": featured, "newest": newest, "categories": category_tree()},
    )


def _listing(request: HttpRequest, *, category: Category | None) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    colour = request.GET.get("color", "").strip().lower()
    if colour and colour not in Colour.values:
        colour = ""
    sort = request.GET.get("sort", "")
    if sort not in SORTS:
        sort = ""
    category_slug = request.GET.get("category", "").strip()
    if category is None and category_slug:
        category = Category.objects.filter(slug=category_slug).first()
    products = product_list(query=query, category=category, colour=colour, sort=sort)
    page = page_of(request, products, settings.SHOP_PRODUCTS_PER_PAGE)
    return render(
        request,
        "shop/product_list.html",
        {
            "page": page,
            "products": page.object_list,
            "query": query,
            "colour": colour,
            "sort": sort,
            "sort_labels": SORT_LABELS,
            "category": category,
            "categories": category_tree(),
            "colours": Colour.choices,
            "querystring": querystring_without_page(request),
        },
    )


@require_GET
def product_list_view(request: HttpRequest) -> HttpResponse:
    return _listing(request, category=None)


@require_GET
def category_view(request: HttpRequest, slug: str) -> HttpResponse:
    category = get_object_or_404(Category.objects.select_related("parent"), slug=slug)
    return _listing(request, category=category)


@require_GET
def product_view(request: HttpRequest, slug: str) -> HttpResponse:
    """The product page. Its body is the same for every visitor, so it is cached;
    the header's mini-cart, the CSRF token and the panels are per request."""
    cached = cache.get(product_page_key(slug))
    if cached is None:
        cached = _product_body(slug)
        cache.set(product_page_key(slug), cached, PRODUCT_PAGE_TIMEOUT)
    if cached["missing"]:
        raise Http404("No such product")
    body = csrf_put_back(cached["body"], request)
    return render(
        request,
        "shop/product_detail.html",
        {
            "body": mark_safe(body),  # noqa: S308 — our own rendered template
            "title": cached["title"],
            "description": cached["description"],
            "image_url": cached["image_url"],
            "product_id": cached["product_id"],
            "variant_choices": cached["variant_choices"],
        },
    )


def _product_body(slug: str) -> dict:
    product = product_detail(slug=slug)
    if product is None:
        return {"missing": True}
    variants = list(product.variants.all())
    images = list(product.images.all())
    cover = first_image(product)
    in_stock = [variant for variant in variants if variant.stock > 0]
    selected = in_stock[0] if in_stock else (variants[0] if variants else None)
    body = render_for_cache(
        "shop/partials/product_body.html",
        {
            "product": product,
            "images": images,
            "variants": variants,
            "selected_variant": selected,
            "has_choices": len(variants) > 1,
            "in_stock": bool(in_stock),
            "colours": list(product.colours.all()),
            "max_quantity": settings.SHOP_MAX_LINE_QUANTITY,
            "currency_symbol": settings.SHOP_CURRENCY_SYMBOL,
        },
    )
    return {
        "missing": False,
        "body": body,
        "title": product.title,
        "description": product.description[:200],
        "image_url": cover.url("large") if cover else "",
        "product_id": product.pk,
        # For "Frequently bought together": the options in stock, the buy box's first.
        "variant_choices": variant_choices(variants),
    }


def _back(request: HttpRequest, fallback: str) -> str:
    """The page to go back to: ``next`` or the referrer when it is one of ours."""
    return safe_next(
        request,
        request.POST.get("next"),
        request.META.get("HTTP_REFERER"),
        fallback=fallback,
    )


@require_POST
def cart_add(request: HttpRequest) -> HttpResponse:
    form = AddToCartForm(request.POST)
    if not form.is_valid():
        message = " ".join(error for errors in form.errors.values() for error in errors)
        if wants_json(request):
            return JsonResponse({"error": message}, status=400)
        messages.error(request, message)
        return redirect(_back(request, reverse("shop:cart")))
    variant = None
    if form.cleaned_data.get("variant"):
        variant = (
            Variant.objects.select_related("product")
            .filter(pk=form.cleaned_data["variant"])
            .first()
        )
    elif form.cleaned_data.get("sku"):
        variant = variant_by_sku(sku=form.cleaned_data["sku"])
    if variant is None:
        message = "That product or option doesn't exist. Please pick another."
        if wants_json(request):
            return JsonResponse({"error": message}, status=404)
        messages.error(request, message)
        return redirect(reverse("shop:product_list"))
    cart = cart_get_or_create(session=request.session, user=request.user)
    try:
        cart_add_variant(
            cart=cart, variant=variant, quantity=form.cleaned_data["quantity"]
        )
    except ShopError as exc:
        if wants_json(request):
            return JsonResponse({"error": exc.message}, status=409)
        messages.error(request, exc.message)
        return redirect(variant.product.get_absolute_url())
    mini_cart_forget(request)
    added = reverse("shop:cart_added", kwargs={"slug": variant.product.slug})
    return redirect(f"{added}?variant={variant.pk}")


@require_POST
def cart_add_many(request: HttpRequest) -> HttpResponse:
    """Several products in one click ("Add all to cart", "Add the whole set").

    Takes ``sku`` repeated; each is added once. Items that can't be added are listed
    in a message; the others go in. Then the added page of the first one.
    """
    skus = [sku for sku in request.POST.getlist("sku") if sku.strip()][:50]
    if not skus:
        messages.error(
            request, "Nothing was selected to add: tick an item or choose its option."
        )
        return redirect(_back(request, reverse("shop:cart")))
    cart = cart_get_or_create(session=request.session, user=request.user)
    added, problems = [], []
    for sku in skus:
        variant = variant_by_sku(sku=sku)
        if variant is None:
            problems.append(f"{sku}: not found")
            continue
        try:
            cart_add_variant(cart=cart, variant=variant, quantity=1)
            added.append(variant)
        except ShopError as exc:
            problems.append(exc.message)
    mini_cart_forget(request)
    for problem in problems:
        messages.warning(request, problem)
    if not added:
        return redirect("shop:cart")
    if len(added) > 1:
        messages.success(request, f"Added {len(added)} items to your cart.")
    first = added[0]
    return redirect(
        f"{reverse('shop:cart_added', kwargs={'slug': first.product.slug})}?variant={first.pk}"
    )


@require_GET
def cart_added(request: HttpRequest, slug: str) -> HttpResponse:
    product = (
        Product.objects.filter(slug=slug, is_active=True)
        .prefetch_related(product_images_prefetch())
        .first()
    )
    if product is None:
        raise Http404("No such product")
    cart = cart_for_session(session=request.session, user=request.user)
    lines = cart_lines(cart=cart) if cart else []
    pricing = cart_price(lines=lines)
    mini_cart_remember(request, count=pricing.item_count, subtotal=pricing.subtotal)
    variant_id = request.GET.get("variant", "")
    added_line = next(
        (line for line in lines if str(line.variant_id) == variant_id),
        next((line for line in lines if line.variant.product_id == product.pk), None),
    )
    return render(
        request,
        "shop/cart_added.html",
        {
            "product": product,
            "image": first_image(product),
            "added_line": added_line,
            "pricing": pricing,
            "lines": lines,
            "cart": cart,
        },
    )


@require_GET
def cart_view(request: HttpRequest) -> HttpResponse:
    cart = cart_for_session(session=request.session, user=request.user)
    lines = cart_lines(cart=cart) if cart else []
    pricing = cart_price(lines=lines)
    mini_cart_remember(request, count=pricing.item_count, subtotal=pricing.subtotal)
    return render(
        request,
        "shop/cart.html",
        {
            "cart": cart,
            "lines": lines,
            "pricing": pricing,
            "max_quantity": settings.SHOP_MAX_LINE_QUANTITY,
            "free_shipping_over": settings.SHOP_FREE_SHIPPING_OVER,
        },
    )


@require_POST
def cart_line_update(request: HttpRequest, line_id: int) -> HttpResponse:
    cart = cart_for_session(session=request.session, user=request.user)
    if cart is None:
        messages.error(request, "Your cart is empty.")
        return redirect("shop:cart")
    form = CartLineForm(request.POST)
    if request.POST.get("remove"):
        form = CartLineForm({"quantity": 0})
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["quantity"]))
        return redirect("shop:cart")
    try:
        line = cart_set_quantity(
            cart=cart, line_id=line_id, quantity=form.cleaned_data["quantity"]
        )
    except ShopError as exc:
        messages.error(request, exc.message)
        return redirect("shop:cart")
    mini_cart_forget(request)
    messages.success(
        request, "Cart updated." if line else "Item removed from your cart."
    )
    return redirect("shop:cart")


@require_POST
def cart_line_remove(request: HttpRequest, line_id: int) -> HttpResponse:
    cart = cart_for_session(session=request.session, user=request.user)
    if cart is not None:
        try:
            cart_remove_line(cart=cart, line_id=line_id)
        except ShopError as exc:
            messages.error(request, exc.message)
            return redirect("shop:cart")
        mini_cart_forget(request)
        messages.success(request, "Item removed from your cart.")
    return redirect("shop:cart")


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
    initial = {"token": uuid.uuid4().hex, "country": "United States"}
    user = request.user
    if user.is_authenticated:
        initial["email"] = user.email
        initial["name"] = user.get_full_name()
        last = user.orders.order_by("-placed_at").first()
        if last is not None:
            initial.update(
                name=last.shipping_name,
                line1=last.shipping_line1,
                line2=last.shipping_line2,
                city=last.shipping_city,
                postcode=last.shipping_postcode,
                country=last.shipping_country,
            )
    return initial


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
    done = Order.objects.filter(idempotency_key=token).first() if token else None
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


def _order_lines(order: Order) -> list:
    """The order's lines with their products and images, for the pages and panels."""
    return list(
        order.lines.select_related("product").prefetch_related(
            product_images_prefetch("product__")
        )
    )


def thanks(request: HttpRequest, number: str) -> HttpResponse:
    order = _order_for_buyer(request, number)
    offer_account = (
        not request.user.is_authenticated
        and order.user_id is None
        and not account_exists_for_email(email=order.email)
    )
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
            "lines": _order_lines(order),
            "account_form": account_form,
        },
    )


@login_required
def account(request: HttpRequest) -> HttpResponse:
    orders = request.user.orders.prefetch_related("lines").order_by("-placed_at")
    page = page_of(request, orders, 10)
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
        {"order": order, "lines": _order_lines(order)},
    )


def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})
