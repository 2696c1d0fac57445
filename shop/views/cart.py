"""Cart pages: the cart, adding (one or many), the "added" page, line changes."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from core.http import safe_next, wants_json

from ..context_processors import mini_cart_forget, mini_cart_remember
from ..exceptions import ShopError
from ..forms import AddToCartForm, CartLineForm
from ..models import Cart
from ..selectors import (
    CartPricing,
    cart_line_added,
    cart_lines,
    cart_price,
    first_image,
    product_active,
    variant_by_id,
    variant_by_sku,
)
from ..services.cart import (
    cart_add_skus,
    cart_add_variant,
    cart_for_session,
    cart_get_or_create,
    cart_remove_line,
    cart_set_quantity,
    skus_to_add,
)


def _back(request: HttpRequest, fallback: str) -> str:
    """The page to go back to: ``next`` or the referrer when it is one of ours."""
    return safe_next(
        request,
        request.POST.get("next"),
        request.META.get("HTTP_REFERER"),
        fallback=fallback,
    )


def _added_url(variant) -> str:
    added = reverse("shop:cart_added", kwargs={"slug": variant.product.slug})
    return f"{added}?variant={variant.pk}"


def _cart_priced(request: HttpRequest) -> tuple[Cart | None, list, CartPricing]:
    """The visitor's cart, its lines and their price; the header's mini-cart keeps
    the count and subtotal so that it needs no query of its own."""
    cart = cart_for_session(session=request.session, user=request.user)
    lines = cart_lines(cart=cart) if cart else []
    pricing = cart_price(lines=lines)
    mini_cart_remember(request, count=pricing.item_count, subtotal=pricing.subtotal)
    return cart, lines, pricing


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
        variant = variant_by_id(variant_id=form.cleaned_data["variant"])
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
    return redirect(_added_url(variant))


@require_POST
def cart_add_many(request: HttpRequest) -> HttpResponse:
    """Several products in one click ("Add all to cart", "Add the whole set").

    Takes ``sku`` repeated; each is added once (``cart_add_skus``). Items that can't
    be added are listed in a message; the others go in. Then the added page of the
    first one.
    """
    skus = skus_to_add(request.POST.getlist("sku"))
    if not skus:
        messages.error(
            request, "Nothing was selected to add: tick an item or choose its option."
        )
        return redirect(_back(request, reverse("shop:cart")))
    cart = cart_get_or_create(session=request.session, user=request.user)
    result = cart_add_skus(cart=cart, skus=skus)
    mini_cart_forget(request)
    for problem in result.problems:
        messages.warning(request, problem)
    if not result.added:
        return redirect("shop:cart")
    if len(result.added) > 1:
        messages.success(request, f"Added {len(result.added)} items to your cart.")
    return redirect(_added_url(result.added[0]))


@require_GET
def cart_added(request: HttpRequest, slug: str) -> HttpResponse:
    product = product_active(slug=slug)
    if product is None:
        raise Http404("No such product")
    cart, lines, pricing = _cart_priced(request)
    return render(
        request,
        "shop/cart_added.html",
        {
            "product": product,
            "image": first_image(product),
            "added_line": cart_line_added(
                lines=lines,
                product=product,
                variant_id=request.GET.get("variant", ""),
            ),
            "pricing": pricing,
            "lines": lines,
            "cart": cart,
        },
    )


@require_GET
def cart_view(request: HttpRequest) -> HttpResponse:
    cart, lines, pricing = _cart_priced(request)
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
