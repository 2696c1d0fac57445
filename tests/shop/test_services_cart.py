"""Adding several SKUs at once: the cap, and what one bad SKU does to the rest."""

import pytest

from shop.models import Cart, CartLine
from shop.services.cart import CART_ADD_SKUS_LIMIT, cart_add_skus, skus_to_add
from tests.shop.factories import product_with_variant


def _quantities(cart) -> dict[str, int]:
    return dict(
        CartLine.objects.filter(cart=cart).values_list("variant__sku", "quantity")
    )


@pytest.mark.django_db
def test_every_sku_that_can_be_added_goes_in_once():
    # given two products in stock
    first = product_with_variant(sku="A-1")
    second = product_with_variant(sku="B-1")
    cart = Cart.objects.create()

    # when both are added at once
    result = cart_add_skus(cart=cart, skus=["A-1", "B-1"])

    # then each is in the cart once, in the order given
    assert result.added == [first, second]
    assert result.problems == []
    assert _quantities(cart) == {"A-1": 1, "B-1": 1}


@pytest.mark.django_db
def test_a_bad_sku_is_reported_and_stops_nothing_else():
    # given one product in stock, one sold out, and a SKU nobody sells
    in_stock = product_with_variant(sku="A-1", title="Tee")
    product_with_variant(sku="B-1", title="Mug", stock=0)
    cart = Cart.objects.create()

    # when all three are added
    result = cart_add_skus(cart=cart, skus=["NOPE", "B-1", "A-1"])

    # then the one in stock went in and the other two say why
    assert result.added == [in_stock]
    assert result.problems == ["NOPE: not found", "Sorry, Mug is out of stock."]
    assert _quantities(cart) == {"A-1": 1}


@pytest.mark.django_db
def test_nothing_is_written_when_no_sku_can_be_added():
    product_with_variant(sku="B-1", title="Mug", stock=0)
    cart = Cart.objects.create()

    result = cart_add_skus(cart=cart, skus=["B-1", "NOPE"])

    assert result.added == []
    assert result.problems == ["Sorry, Mug is out of stock.", "NOPE: not found"]
    assert not CartLine.objects.filter(cart=cart).exists()


@pytest.mark.django_db
def test_a_sku_already_at_the_line_limit_is_reported(settings):
    settings.SHOP_MAX_LINE_QUANTITY = 1
    variant = product_with_variant(sku="A-1")
    cart = Cart.objects.create()
    CartLine.objects.create(cart=cart, variant=variant, quantity=1)

    result = cart_add_skus(cart=cart, skus=["A-1"])

    assert result.added == []
    assert result.problems == ["You can order at most 1 of one item."]
    assert _quantities(cart) == {"A-1": 1}


def test_blank_skus_are_skipped_and_at_most_50_are_taken():
    # given blanks among 60 SKUs
    skus = ["", "  ", *(f"S-{n}" for n in range(60))]

    # when the ones to add are picked
    picked = skus_to_add(skus)

    # then the first 50 non-blank ones
    assert CART_ADD_SKUS_LIMIT == 50
    assert picked == [f"S-{n}" for n in range(50)]


@pytest.mark.django_db
def test_only_the_first_50_skus_are_added():
    # given 51 products in stock
    variants = [product_with_variant(sku=f"S-{n:02d}") for n in range(51)]
    cart = Cart.objects.create()

    # when all 51 are sent
    result = cart_add_skus(cart=cart, skus=[variant.sku for variant in variants])

    # then the 51st is left out
    assert len(result.added) == 50
    assert "S-50" not in _quantities(cart)
    assert CartLine.objects.filter(cart=cart).count() == 50
