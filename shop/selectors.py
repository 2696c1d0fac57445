"""Reads that are more than one ORM line."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch, Q, QuerySet
from django.db.models.functions import Lower

from core.text import short_display_name

from .exceptions import GiftCardInvalid, VoucherInvalid
from .models import (
    Cart,
    CartLine,
    Category,
    Colour,
    GiftCard,
    Order,
    Product,
    ProductImage,
    Profile,
    Variant,
    Voucher,
)
from .money import quantize_money
from .services.discounts import (
    gift_card_check,
    gift_card_find,
    voucher_check,
    voucher_discount,
    voucher_find,
)

SORTS = {
    "relevance": None,
    "newest": ("-created_at", "pk"),
    "price": ("price", "pk"),
    "-price": ("-price", "pk"),
    "title": ("title", "pk"),
}


def product_images_prefetch(prefix: str = "") -> Prefetch:
    """A product's images in gallery order, for ``first_image`` and the galleries.

    ``prefix`` is the path to the product: ``"product__"`` from a line or a set item,
    ``"variant__product__"`` from a cart line.
    """
    return Prefetch(
        f"{prefix}images", queryset=ProductImage.objects.order_by("position", "pk")
    )


def first_image(product: Product) -> ProductImage | None:
    """The product's first picture from its prefetched images (no query), or None."""
    images = list(product.images.all())
    return images[0] if images else None


def product_list(
    *,
    query: str = "",
    category: Category | None = None,
    colour: str = "",
    sort: str = "",
) -> QuerySet[Product]:
    """Active products for the list pages: search, category (with its children), colour."""
    products = Product.objects.filter(is_active=True).select_related("category")
    if category is not None:
        products = products.filter(Q(category=category) | Q(category__parent=category))
    if colour:
        products = products.filter(colours__colour=colour)
    ordered = False
    query = query.strip()[:200]
    if query:
        if settings.IS_POSTGRES:
            from django.contrib.postgres.search import (
                SearchQuery,
                SearchRank,
                SearchVector,
            )

            vector = (
                SearchVector("title", weight="A", config="english")
                + SearchVector("brand", weight="B", config="english")
                + SearchVector("description", weight="C", config="english")
            )
            search = SearchQuery(query, search_type="websearch", config="english")
            products = products.annotate(rank=SearchRank(vector, search)).filter(
                Q(rank__gt=0) | Q(title__icontains=query) | Q(sku__iexact=query)
            )
            if sort in ("", "relevance"):
                products = products.order_by("-rank", "title", "pk")
                ordered = True
        else:
            condition = Q()
            for word in query.split()[:8]:
                condition &= (
                    Q(title__icontains=word)
                    | Q(brand__icontains=word)
                    | Q(description__icontains=word)
                    | Q(category__name__icontains=word)
                    | Q(sku__iexact=word)
                )
            products = products.filter(condition)
    if not ordered:
        order = SORTS.get(sort) or ("-is_featured", "title", "pk")
        products = products.order_by(*order)
    return products.prefetch_related(product_images_prefetch())


@dataclass(frozen=True)
class ProductListParams:
    """The product list's query parameters, parsed once for the list and category
    pages, the products API and the set editor's product search.

    ``color`` is the documented name; ``colour`` is accepted too (the sets API used
    it). A value that is not a palette colour or a known sort is dropped, not an
    error: a shared link with a stale filter still lists products.
    """

    query: str = ""
    colour: str = ""
    category_slug: str = ""
    sort: str = ""

    @classmethod
    def from_query(cls, params: Mapping[str, str]) -> ProductListParams:
        colour = (params.get("color") or params.get("colour") or "").strip().lower()
        sort = params.get("sort", "")
        return cls(
            query=params.get("q", "").strip()[:200],
            colour=colour if colour in Colour.values else "",
            category_slug=params.get("category", "").strip(),
            sort=sort if sort in SORTS else "",
        )


def category_by_slug(*, slug: str) -> Category | None:
    return Category.objects.filter(slug=slug).first() if slug else None


def product_list_for(
    *, params: ProductListParams, category: Category | None = None
) -> QuerySet[Product]:
    """``product_list`` filtered by parsed parameters and a resolved category (the
    category page's own, or ``params.category_slug`` looked up by the caller)."""
    return product_list(
        query=params.query, category=category, colour=params.colour, sort=params.sort
    )


def product_list_api(*, params: ProductListParams) -> QuerySet[Product]:
    """The products of the APIs' lists: a ``category`` slug that names no category
    lists nothing (the list page ignores it instead and lists everything)."""
    category = category_by_slug(slug=params.category_slug)
    if params.category_slug and category is None:
        return product_list().none()
    return product_list_for(params=params, category=category)


def product_detail(*, slug: str) -> Product | None:
    return (
        Product.objects.filter(slug=slug, is_active=True)
        .select_related("category__parent")
        .prefetch_related(
            product_images_prefetch(),
            Prefetch(
                "variants",
                queryset=Variant.objects.filter(is_active=True).order_by(
                    "position", "pk"
                ),
            ),
            "colours",
        )
        .first()
    )


def variant_by_sku(*, sku: str) -> Variant | None:
    """A variant by its own SKU, or a single-variant product by the product's SKU."""
    sku = (sku or "").strip()
    if not sku:
        return None
    variant = Variant.objects.select_related("product").filter(sku=sku).first()
    if variant is not None:
        return variant
    variants = list(
        Variant.objects.select_related("product").filter(product__sku=sku)[:2]
    )
    return variants[0] if len(variants) == 1 else None


def variant_choices(variants) -> list[dict]:
    """The options of these variants that can be bought now, as a shopper picks them
    (primary key, SKU, label, price): plain data, for caches and other apps' panels."""
    return [
        {"pk": v.pk, "sku": v.sku, "label": v.label or v.sku, "price": v.price}
        for v in variants
        if v.is_active and v.stock > 0
    ]


def variant_by_id(*, variant_id: int) -> Variant | None:
    return Variant.objects.select_related("product").filter(pk=variant_id).first()


def variant_selected(variants: Sequence[Variant]) -> Variant | None:
    """The buy box's preselected option: the first in stock, else the first."""
    in_stock = [variant for variant in variants if variant.stock > 0]
    return in_stock[0] if in_stock else (variants[0] if variants else None)


def product_active(*, slug: str) -> Product | None:
    """An active product with its images prefetched (``first_image``), or None."""
    return (
        Product.objects.filter(slug=slug, is_active=True)
        .prefetch_related(product_images_prefetch())
        .first()
    )


def product_by_sku(*, sku: str) -> Product | None:
    product = Product.objects.filter(sku=sku).first()
    if product is None:
        variant = Variant.objects.select_related("product").filter(sku=sku).first()
        product = variant.product if variant else None
    return product


def category_tree() -> list[Category]:
    """Top-level categories with their children, in two queries."""
    return list(
        Category.objects.filter(parent__isnull=True).prefetch_related(
            Prefetch("children", queryset=Category.objects.order_by("position", "name"))
        )
    )


def cart_lines(*, cart: Cart) -> list[CartLine]:
    return list(
        cart.lines.select_related("variant__product").prefetch_related(
            product_images_prefetch("variant__product__")
        )
    )


def cart_line_added(
    *, lines: Sequence[CartLine], product: Product, variant_id: str = ""
) -> CartLine | None:
    """The line the "added to cart" page shows: the variant just added (``?variant=``
    as given, unchecked), else the cart's first line of the product, else None."""
    return next(
        (line for line in lines if str(line.variant_id) == variant_id),
        next((line for line in lines if line.variant.product_id == product.pk), None),
    )


@dataclass
class CartPricing:
    lines: list[CartLine]
    subtotal: Decimal
    discount: Decimal = Decimal("0.00")
    shipping: Decimal = Decimal("0.00")
    gift_card_amount: Decimal = Decimal("0.00")
    total: Decimal = Decimal("0.00")
    voucher: Voucher | None = None
    gift_card: GiftCard | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def item_count(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def grand_total(self) -> Decimal:
        """Before the gift card: what the order is worth."""
        return self.subtotal - self.discount + self.shipping


def line_total(line: CartLine) -> Decimal:
    return quantize_money(line.variant.price * line.quantity)


def cart_price(
    *,
    lines: list[CartLine],
    voucher_code: str = "",
    gift_card_code: str = "",
    email: str | None = None,
    strict: bool = False,
) -> CartPricing:
    """Price a cart's lines with an optional voucher and gift card.

    With ``strict`` an unusable code raises; otherwise it is dropped and its reason
    is listed in ``errors`` for the page to show.
    """
    subtotal = quantize_money(sum((line_total(line) for line in lines), Decimal("0")))
    pricing = CartPricing(lines=lines, subtotal=subtotal)
    if voucher_code:
        try:
            voucher = voucher_find(code=voucher_code)
            voucher_check(voucher=voucher, subtotal=subtotal, email=email)
            pricing.voucher = voucher
            pricing.discount = voucher_discount(voucher=voucher, subtotal=subtotal)
        except VoucherInvalid as exc:
            if strict:
                raise
            pricing.errors.append(exc.message)
    goods = subtotal - pricing.discount
    if lines and goods < settings.SHOP_FREE_SHIPPING_OVER:
        pricing.shipping = quantize_money(settings.SHOP_SHIPPING_FLAT)
    due = goods + pricing.shipping
    if gift_card_code:
        try:
            card = gift_card_find(code=gift_card_code)
            gift_card_check(gift_card=card)
            pricing.gift_card = card
            pricing.gift_card_amount = min(card.balance, due)
        except GiftCardInvalid as exc:
            if strict:
                raise
            pricing.errors.append(exc.message)
    pricing.total = quantize_money(due - pricing.gift_card_amount)
    return pricing


@dataclass(frozen=True)
class MiniCart:
    count: int
    subtotal: Decimal


def mini_cart(*, cart: Cart | None) -> MiniCart:
    """Count and subtotal for the header: one query."""
    if cart is None:
        return MiniCart(count=0, subtotal=Decimal("0.00"))
    count = 0
    subtotal = Decimal("0")
    rows = CartLine.objects.filter(cart=cart).values_list(
        "quantity", "variant__price_override", "variant__product__price"
    )
    for quantity, override, price in rows:
        count += quantity
        subtotal += (override if override is not None else price) * quantity
    return MiniCart(count=count, subtotal=quantize_money(subtotal))


# The numbers of the orders this session placed (the newest 20), kept by checkout.
SESSION_ORDERS_KEY = "order_numbers"


def order_for_buyer(*, number: str, session, user) -> Order | None:
    """The order if this visitor bought it (it is in their session or account), else None."""
    order = Order.objects.filter(number=number).first()
    if order is None:
        return None
    in_session = number in session.get(SESSION_ORDERS_KEY, [])
    owns = user is not None and user.is_authenticated and order.user_id == user.pk
    return order if (in_session or owns) else None


def order_by_token(*, token: str) -> Order | None:
    """The order placed with this checkout token (a double submit), or None."""
    return Order.objects.filter(idempotency_key=token).first() if token else None


def order_lines(*, order: Order) -> list:
    """The order's lines with their products and images, for the pages and panels."""
    return list(
        order.lines.select_related("product").prefetch_related(
            product_images_prefetch("product__")
        )
    )


def orders_of_user(*, user) -> QuerySet[Order]:
    """A signed-in shopper's orders, newest first, with their lines."""
    return user.orders.prefetch_related("lines").order_by("-placed_at")


def checkout_initial_address(*, user) -> dict[str, str]:
    """The checkout form's contact and address for a signed-in shopper: the
    account's email and name, then the shipping address of their latest order.
    Nothing for a guest."""
    if user is None or not user.is_authenticated:
        return {}
    initial = {"email": user.email, "name": user.get_full_name()}
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


def public_account_filter(*, prefix: str = "") -> Q:
    """Accounts with a public profile: active shoppers, never staff or superusers."""
    return Q(
        **{
            f"{prefix}is_active": True,
            f"{prefix}is_staff": False,
            f"{prefix}is_superuser": False,
        }
    )


@dataclass(frozen=True)
class PublicIdentity:
    """How an account is shown in public (set cards, a creator's page, the API)."""

    name: str  # "Kathryn T.", else the handle; the shop's name for its staff
    handle: str | None  # for /u/<handle>/; None when there is no public profile


def public_identity(*, user) -> PublicIdentity:
    """The account as the public sees it: never its username or email.

    Staff and superusers are shown as the shop (what they make is the shop's own)
    and have no public page; a closed account keeps its name but loses its page.
    Reads ``user.profile``: select it with the user to spare a query per row.
    """
    if user.is_staff or user.is_superuser:
        return PublicIdentity(name=settings.SHOP_NAME, handle=None)
    try:
        handle = user.profile.handle
    except ObjectDoesNotExist:
        handle = None
    name = ""
    # A last name alone would be shown whole: without a first name, the handle.
    if (user.first_name or "").strip():
        name = short_display_name(f"{user.first_name} {user.last_name or ''}")
    return PublicIdentity(
        name=name or handle or "A shopper",
        handle=handle if user.is_active else None,
    )


def profile_public(*, handle: str) -> Profile | None:
    """The shopper known in public by ``handle`` (any case), or None.

    Staff and superuser accounts have no public profile, and a closed account shows
    nothing: for them, as for a handle nobody has, the answer is None.
    """
    return (
        Profile.objects.select_related("user")
        # Lower(), like the unique constraint, so PostgreSQL uses its index.
        .alias(handle_lower=Lower("handle"))
        .filter(public_account_filter(prefix="user__"), handle_lower=handle.lower())
        .first()
    )
