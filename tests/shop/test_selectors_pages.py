"""The reads the shop's pages and product APIs share: list parameters, the buy
box's option, the "added" line, the checkout's address, the order by token."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict
from django.utils import timezone

from shop.models import Cart, CartLine, Order, ProductColour
from shop.selectors import (
    ProductListParams,
    cart_line_added,
    cart_lines,
    checkout_initial_address,
    order_by_token,
    product_list_api,
    variant_selected,
)
from tests.shop.factories import (
    CategoryFactory,
    UserFactory,
    VariantFactory,
    make_order,
    product_with_variant,
)


def test_list_parameters_are_parsed_from_the_query_string():
    # given every filter, with stray spaces and capitals
    query = QueryDict("q=+linen+shirt+&color=+Red+&category=+tops+&sort=-price")

    # when parsed
    params = ProductListParams.from_query(query)

    # then each is clean
    assert params == ProductListParams(
        query="linen shirt", colour="red", category_slug="tops", sort="-price"
    )


def test_colour_is_accepted_as_well_as_color_and_color_wins():
    assert ProductListParams.from_query(QueryDict("colour=blue")).colour == "blue"
    assert ProductListParams.from_query(QueryDict("color=red")).colour == "red"
    both = QueryDict("color=red&colour=blue")
    assert ProductListParams.from_query(both).colour == "red"


def test_unknown_colour_and_sort_are_dropped_and_the_search_is_cut_to_200():
    # given a colour and a sort nobody offers, and an endless search
    query = QueryDict(f"color=plaid&sort=cheapest&q={'a' * 250}")

    # when parsed
    params = ProductListParams.from_query(query)

    # then the filters are empty and the search is 200 characters
    assert (params.colour, params.sort, len(params.query)) == ("", "", 200)


def test_no_parameters_are_all_empty():
    assert ProductListParams.from_query(QueryDict("")) == ProductListParams()


@pytest.mark.django_db
def test_the_apis_list_nothing_for_an_unknown_category():
    # given a product in a category
    tops = CategoryFactory(slug="tops")
    product_with_variant(category=tops)

    # when an API asks for a category that doesn't exist, then for the real one
    unknown = product_list_api(params=ProductListParams(category_slug="nothing"))
    known = product_list_api(params=ProductListParams(category_slug="tops"))

    # then the first lists nothing, the second the product
    assert list(unknown) == []
    assert [product.category.slug for product in known] == ["tops"]


@pytest.mark.django_db
def test_the_apis_filter_by_colour():
    # given a red and a plain product
    red = product_with_variant(title="Red Tee").product
    ProductColour.objects.create(product=red, colour="red", share="0.900")
    product_with_variant(title="Plain Tee")

    # when an API filters by red
    listed = product_list_api(params=ProductListParams(colour="red"))

    # then only the red one is listed
    assert [product.title for product in listed] == ["Red Tee"]


@pytest.mark.django_db
def test_the_buy_box_preselects_the_first_option_in_stock():
    # given a sold-out option before two in stock
    sold_out = product_with_variant(stock=0)
    product = sold_out.product
    second = VariantFactory(product=product, sku="S-2", stock=3)
    VariantFactory(product=product, sku="S-3", stock=5)

    # when the option is chosen
    chosen = variant_selected(list(product.variants.all()))

    # then it is the first one in stock
    assert chosen == second


@pytest.mark.django_db
def test_the_buy_box_preselects_the_first_option_when_none_is_in_stock():
    sold_out = product_with_variant(stock=0)
    VariantFactory(product=sold_out.product, sku="S-2", stock=0)

    assert variant_selected(list(sold_out.product.variants.all())) == sold_out


def test_a_product_without_options_preselects_none():
    assert variant_selected([]) is None


@pytest.mark.django_db
def test_the_added_line_is_the_variant_just_added_else_the_products_first():
    # given a cart with two options of one product and another product
    shirt = product_with_variant()
    large = VariantFactory(product=shirt.product, sku="SHIRT-L")
    other = product_with_variant()
    cart = Cart.objects.create()
    for variant in (shirt, large, other):
        CartLine.objects.create(cart=cart, variant=variant, quantity=1)
    lines = cart_lines(cart=cart)

    # when the added line is picked by the variant, by nothing, by a stranger's id
    by_variant = cart_line_added(
        lines=lines, product=shirt.product, variant_id=str(large.pk)
    )
    by_product = cart_line_added(lines=lines, product=shirt.product)
    by_unknown = cart_line_added(lines=lines, product=shirt.product, variant_id="0")

    # then the variant's line, else the product's first line
    assert by_variant.variant == large
    assert by_product.variant == shirt
    assert by_unknown.variant == shirt


@pytest.mark.django_db
def test_no_added_line_when_the_product_is_not_in_the_cart():
    cart = Cart.objects.create()
    CartLine.objects.create(cart=cart, variant=product_with_variant(), quantity=1)

    added = cart_line_added(
        lines=cart_lines(cart=cart), product=product_with_variant().product
    )

    assert added is None


def test_a_guest_checks_out_with_no_address_filled_in():
    assert checkout_initial_address(user=AnonymousUser()) == {}


@pytest.mark.django_db
def test_a_shopper_without_orders_gets_their_email_and_name():
    user = UserFactory(email="kt@example.com", first_name="Kathryn", last_name="T")

    assert checkout_initial_address(user=user) == {
        "email": "kt@example.com",
        "name": "Kathryn T",
    }


@pytest.mark.django_db
def test_a_shopper_gets_the_address_of_their_latest_order():
    # given two orders, the older one placed later in the table
    user = UserFactory(email="kt@example.com")
    product = product_with_variant().product
    newer = make_order([product], number="N-2", user=user)
    older = make_order([product], number="N-1", user=user)
    Order.objects.filter(pk=older.pk).update(
        placed_at=timezone.now() - timedelta(days=3), shipping_name="Old Name"
    )
    Order.objects.filter(pk=newer.pk).update(
        shipping_name="Kathryn Thompson",
        shipping_line1="1 Elm Street",
        shipping_line2="Flat 2",
        shipping_city="Springfield",
        shipping_postcode="12345",
        shipping_country="United States",
    )

    # when the checkout form is filled in
    initial = checkout_initial_address(user=user)

    # then with the newer order's address
    assert initial == {
        "email": "kt@example.com",
        "name": "Kathryn Thompson",
        "line1": "1 Elm Street",
        "line2": "Flat 2",
        "city": "Springfield",
        "postcode": "12345",
        "country": "United States",
    }


@pytest.mark.django_db
def test_an_order_is_found_by_its_checkout_token(django_assert_num_queries):
    order = make_order([product_with_variant().product], number="T-1")

    assert order_by_token(token="T-1") == order
    assert order_by_token(token="other") is None
    with django_assert_num_queries(0):
        assert order_by_token(token="") is None
