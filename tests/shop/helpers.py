import uuid

from django.urls import reverse

from shop.models import Cart
from shop.payments import DummyGateway
from shop.services.cart import cart_add_variant
from shop.services.checkout import ShippingAddress, order_place

GOOD_CARD = "4242 4242 4242 4242"
DECLINED_CARD = "4000 0000 0000 0002"
ADDRESS = ShippingAddress(
    name="Kathryn Thompson",
    line1="1 Elm Street",
    city="Springfield",
    postcode="12345",
    country="United States",
)


def cart_with(*items) -> Cart:
    """A guest cart holding (variant, quantity) pairs."""
    cart = Cart.objects.create()
    for variant, quantity in items:
        cart_add_variant(cart=cart, variant=variant, quantity=quantity)
    return cart


def place(
    cart: Cart,
    *,
    token: str | None = None,
    card: str = GOOD_CARD,
    email: str = "kathryn@example.com",
    **kwargs,
):
    return order_place(
        cart=cart,
        email=email,
        shipping=ADDRESS,
        card_number=card,
        token=token or uuid.uuid4().hex,
        **kwargs,
    )


def charge_status(reference: str) -> str:
    return DummyGateway.charges[reference]["status"]


# --- through the test client ----------------------------------------------------

CHECKOUT = {
    "email": "guest@example.com",
    "name": "Kathryn Thompson",
    "line1": "1 Elm Street",
    "city": "Springfield",
    "postcode": "12345",
    "country": "United States",
    "card_number": "4242 4242 4242 4242",
    "card_expiry": "12/39",
    "card_cvc": "123",
}


def add(client, variant, quantity=1):
    """Add a variant to the client's cart through the form."""
    return client.post(
        reverse("shop:cart_add"), {"variant": variant.pk, "quantity": quantity}
    )


def checkout(client, token="tok-1", **overrides):
    """Check the client's cart out through the form; the response is the redirect."""
    page = client.get(reverse("shop:checkout"))
    expected = page.context["form"].initial["expected_total"]
    return client.post(
        reverse("shop:checkout"),
        {**CHECKOUT, "token": token, "expected_total": expected, **overrides},
    )
