"""Catalog pages: home, product list, category, product page, and the health check."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from core.cache import csrf_put_back, render_for_cache
from core.pagination import page_of, querystring_without_page

from ..cache import product_page_cached
from ..models import Category, Colour
from ..selectors import (
    ProductListParams,
    category_by_slug,
    category_tree,
    first_image,
    product_detail,
    product_list,
    product_list_for,
    variant_choices,
    variant_selected,
)

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
    params = ProductListParams.from_query(request.GET)
    if category is None:
        # An unknown ?category= on the page lists everything (the APIs list nothing).
        category = category_by_slug(slug=params.category_slug)
    products = product_list_for(params=params, category=category)
    page = page_of(request, products, settings.SHOP_PRODUCTS_PER_PAGE)
    return render(
        request,
        "shop/product_list.html",
        {
            "page": page,
            "products": page.object_list,
            "query": params.query,
            "colour": params.colour,
            "sort": params.sort,
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
    cached = product_page_cached(slug, _product_body)
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
    """The product page's cacheable part, rendered; ``{"missing": True}`` for a
    product that doesn't exist or isn't on sale."""
    product = product_detail(slug=slug)
    if product is None:
        return {"missing": True}
    variants = list(product.variants.all())
    cover = first_image(product)
    body = render_for_cache(
        "shop/partials/product_body.html",
        {
            "product": product,
            "images": list(product.images.all()),
            "variants": variants,
            "selected_variant": variant_selected(variants),
            "has_choices": len(variants) > 1,
            "in_stock": any(variant.stock > 0 for variant in variants),
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


def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})
