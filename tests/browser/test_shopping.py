"""A shopper in a real browser: search → product → add to cart → checkout → thanks."""

import re

import pytest
from playwright.sync_api import expect

from shop.models import Order, Variant
from tests.shop.factories import ProductFactory, VariantFactory, product_with_variant

from .helpers import fill_checkout

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_add_to_cart_checkout_thanks(page):
    product_with_variant(
        title="Goodnight Moon", slug="goodnight-moon", price="8.99", stock=5
    )
    product_with_variant(
        title="Brown Bear, Brown Bear", slug="brown-bear", price="7.50"
    )

    page.goto("/")
    page.get_by_role("searchbox").first.fill("moon")
    page.get_by_role("searchbox").first.press("Enter")
    expect(page).to_have_url(re.compile(r"/products/\?q=moon"))
    page.get_by_role("link", name=re.compile("Goodnight Moon")).first.click()

    expect(page.get_by_role("heading", name="Goodnight Moon")).to_be_visible()
    page.get_by_role("button", name="Add to cart").click()

    expect(page).to_have_url(re.compile(r"/cart/added/goodnight-moon/"))
    expect(page.get_by_text("Added to cart").first).to_be_visible()
    expect(page.locator("header")).to_contain_text("$8.99")

    page.get_by_role("link", name=re.compile("checkout", re.I)).first.click()
    expect(page).to_have_url(re.compile(r"/checkout/"))
    fill_checkout(page, card="4242 4242 4242 4242")
    page.get_by_role("button", name="Place order").click()

    expect(page).to_have_url(re.compile(r"/orders/[\w-]+/thanks/"))
    order = Order.objects.get()
    expect(page.get_by_text(order.number).first).to_be_visible()
    expect(page.locator("main")).to_contain_text("Goodnight Moon")
    assert order.email == "kathryn@example.com"
    assert Variant.objects.get(product__slug="goodnight-moon").stock == 4
    assert page.console_errors == []


def test_picking_a_size_and_a_declined_card(page):
    product = ProductFactory(title="Linen Shirt", slug="linen-shirt")
    VariantFactory(product=product, sku="LS-S", size="S", stock=3)
    VariantFactory(product=product, sku="LS-M", size="M", stock=3)

    page.goto("/products/linen-shirt/")
    page.get_by_label("M", exact=True).check()
    page.get_by_role("button", name="Add to cart").click()
    expect(page).to_have_url(re.compile(r"/cart/added/linen-shirt/"))

    page.goto("/checkout/")
    fill_checkout(page, card="4000 0000 0000 0002")
    page.get_by_role("button", name="Place order").click()

    expect(page.get_by_role("alert").first).to_contain_text("declined")
    assert Order.objects.count() == 0
    assert Variant.objects.get(sku="LS-M").stock == 3
    # the cart holds the size the shopper picked
    page.goto("/cart/")
    expect(page.locator("main")).to_contain_text("M")
