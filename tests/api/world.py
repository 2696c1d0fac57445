"""A small shop with one object of every kind and a known owner of each.

Used by the API fuzzer and the IDOR matrix: the owner ("owner") has a draft and a
published set, an account order, a guest order placed in the owner's session, an
open cart with one line, a pending and an approved note; another shopper
("other") has a published set of their own; the merchant is the shop's staff
superuser. Everything is committed (the live server sees it).
"""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.utils import user_pk_to_url_str
from django.test import Client
from django.utils import timezone

from crosssell.services.counting import order_count
from crosssell.services.followups import note_link_token, opt_out_token
from crosssell.services.lists import product_lists_refresh
from crosssell.services.notes import note_submit, notes_approve
from sets.models import Set
from shop.models import Cart, CartLine, Order, Product, Variant
from shop.selectors import SESSION_ORDERS_KEY
from shop.services.cart import SESSION_CART_KEY
from tests.sets.factories import SetFactory, SetItemFactory
from tests.shop.factories import (
    ProductFactory,
    UserFactory,
    VariantFactory,
    make_order,
)

PASSWORD = "a-good-password-1"
NOTE_TEXT = "These two were classics with my first graders year after year."


@dataclass
class World:
    owner: object
    other: object
    merchant: object
    products: list[Product]
    variants: list[Variant]
    draft: Set
    published: Set
    other_published: Set
    account_order: Order
    guest_order: Order
    cart: Cart
    cart_line: CartLine
    pending_note: object
    approved_note: object
    tokens: dict[str, str]


def build_world() -> World:
    owner = UserFactory(username="owner", email="owner@example.com")
    other = UserFactory(username="other", email="other@example.com")
    merchant = UserFactory(
        username="merchant",
        email="merchant@example.com",
        is_staff=True,
        is_superuser=True,
    )
    products = [
        ProductFactory(title=title, slug=slug, sku=sku)
        for title, slug, sku in (
            ("Goodnight Moon", "goodnight-moon", "BOOK-MOON"),
            ("Mouse Cookie", "mouse-cookie", "BOOK-MOUSE"),
            ("Brown Bear", "brown-bear", "BOOK-BEAR"),
        )
    ]
    variants = [VariantFactory(product=p, sku=p.sku, stock=10) for p in products]

    draft = SetFactory(owner=owner, slug="owners-draft", title="Owner's draft")
    published = SetFactory(
        owner=owner,
        slug="owners-set",
        title="Owner's set",
        status=Set.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    other_published = SetFactory(
        owner=other,
        slug="others-set",
        title="Other's set",
        status=Set.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    for board in (draft, published, other_published):
        for z, product in enumerate(products[:2]):
            SetItemFactory(set=board, product=product, z=z)

    # Two baskets with Moon and Mouse: the pair passes CROSSSELL_MIN_SUPPORT.
    account_order = make_order(
        products[:2], number="A1000001", user=owner, email=owner.email
    )
    guest_order = make_order(products, number="G1000001", email="guest@example.com")
    for order in (account_order, guest_order):
        order_count(order_id=order.pk)
    product_lists_refresh(product_ids=[p.pk for p in products])

    approved_note = note_submit(
        order=account_order,
        product_ids=[p.pk for p in products[:2]],
        text=NOTE_TEXT,
        name="Kathryn Thompson",
        author=owner,
    )
    notes_approve(note_ids=[approved_note.pk], moderator=merchant)
    approved_note.refresh_from_db()
    pending_note = note_submit(
        order=guest_order,
        product_ids=[products[1].pk, products[2].pk],
        text="Bought for my niece; she reads the bear one every night.",
        name="Kathryn Thompson",
    )

    cart = Cart.objects.create(owner=owner)
    cart_line = CartLine.objects.create(cart=cart, variant=variants[2], quantity=1)
    tokens = {
        "confirm_email_forged": "MQ:1vForged:not-a-real-signature",
        "reset_uidb36": user_pk_to_url_str(owner),
        "note_link_guest_order": note_link_token(order=guest_order),
        "opt_out_forged": opt_out_token(email=owner.email)[:-4] + "AAAA",
    }
    return World(
        owner=owner,
        other=other,
        merchant=merchant,
        products=products,
        variants=variants,
        draft=draft,
        published=published,
        other_published=other_published,
        account_order=account_order,
        guest_order=guest_order,
        cart=cart,
        cart_line=cart_line,
        pending_note=pending_note,
        approved_note=approved_note,
        tokens=tokens,
    )


def signed_in_client(user, *, world: World | None = None) -> Client:
    """A test client signed in as ``user``; the owner's also holds the guest order."""
    client = Client()
    if user is not None:
        client.force_login(user)
    if world is not None and user == world.owner:
        session = client.session
        session[SESSION_ORDERS_KEY] = [world.guest_order.number]
        session[SESSION_CART_KEY] = world.cart.pk
        session.save()
    return client
