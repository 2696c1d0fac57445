"""The one "first picture" of a product: gallery order, from the prefetch."""

import pytest

from shop.models import Cart, CartLine, Product, ProductImage
from shop.selectors import first_image, product_images_prefetch
from tests.shop.factories import ProductFactory, product_with_variant


def _image(product, *, position, name):
    return ProductImage.objects.create(
        product=product, original=f"products/{name}.png", position=position
    )


@pytest.mark.django_db
def test_the_first_picture_is_the_lowest_position_then_the_oldest(
    django_assert_num_queries,
):
    # given pictures added out of gallery order
    product = ProductFactory()
    _image(product, position=2, name="back")
    front = _image(product, position=1, name="front")
    _image(product, position=1, name="side")

    # when read through the prefetch
    [loaded] = Product.objects.filter(pk=product.pk).prefetch_related(
        product_images_prefetch()
    )

    # then the first picture costs no further query
    with django_assert_num_queries(0):
        assert first_image(loaded) == front


@pytest.mark.django_db
def test_a_product_without_pictures_has_none():
    [loaded] = Product.objects.filter(pk=ProductFactory().pk).prefetch_related(
        product_images_prefetch()
    )

    assert first_image(loaded) is None


@pytest.mark.django_db
def test_the_prefix_reaches_the_product_from_a_related_row(
    django_assert_num_queries,
):
    # given a cart line whose product has two pictures
    variant = product_with_variant()
    _image(variant.product, position=5, name="later")
    first = _image(variant.product, position=0, name="first")
    cart = Cart.objects.create()
    CartLine.objects.create(cart=cart, variant=variant, quantity=1)

    # when the lines are read with the prefetch from the line's side
    lines = list(
        CartLine.objects.select_related("variant__product").prefetch_related(
            product_images_prefetch("variant__product__")
        )
    )

    with django_assert_num_queries(0):
        assert first_image(lines[0].variant.product) == first
