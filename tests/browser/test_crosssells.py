"""A shopper adds a book and buys what others bought with it, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from crosssell.services.counting import order_count
from crosssell.services.lists import product_lists_refresh
from shop.models import CartLine
from tests.shop.factories import make_order, product_with_variant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_added_page_shows_partners_and_their_add_to_cart_works(page):
    moon = product_with_variant(
        title="Goodnight Moon", slug="goodnight-moon", price="8.99"
    ).product
    mouse = product_with_variant(
        title="If You Give a Mouse a Cookie", slug="mouse", price="9.50"
    ).product
    other = product_with_variant(title="Desk Lamp", slug="lamp").product
    baskets = [[moon, mouse]] * 3 + [[other]] * 3
    for index, basket in enumerate(baskets):
        order_count(order_id=make_order(basket, number=f"b{index}").pk)
    product_lists_refresh(product_ids=[moon.pk, mouse.pk, other.pk])

    page.goto("/products/goodnight-moon/")
    page.get_by_role("button", name="Add to cart").first.click()
    expect(page).to_have_url(re.compile(r"/cart/added/goodnight-moon/"))
    panel = page.get_by_role("region", name=re.compile("Customers who bought"))
    expect(panel).to_contain_text("If You Give a Mouse a Cookie")
    expect(panel).not_to_contain_text("Desk Lamp")

    panel.get_by_role(
        "button", name="Add to cart: If You Give a Mouse a Cookie"
    ).click()
    expect(page).to_have_url(re.compile(r"/cart/added/mouse/"))
    expect(page.locator("header")).to_contain_text("$18.49")
    assert CartLine.objects.count() == 2
    assert page.console_errors == []


def test_frequently_bought_together_picks_options_and_adds_the_ticked_items(page):
    from tests.crosssell.factories import build_outfit

    outfit = build_outfit()
    page.goto("/products/trousers/")
    bundle = page.locator("form[data-bundle]")
    total = bundle.locator("[data-bundle-total-line]")
    expect(total).to_have_text("Total for all 3: $113.00")

    # The belt comes in two sizes: the shopper must pick one or untick it.
    bundle.get_by_role("button", name="Add all to cart").click()
    expect(bundle.get_by_role("alert")).to_have_text(
        "Choose an option for Leather Belt, or untick it."
    )
    expect(page).to_have_url(re.compile(r"/products/trousers/$"))
    assert not CartLine.objects.exists()

    bundle.get_by_label("Option for Leather Belt").select_option("BELT-L")
    expect(total).to_have_text("Total for all 3: $117.00")  # 65 + 34 + 18
    expect(bundle.get_by_role("alert")).to_be_hidden()

    # Picking a size in the buy box above picks it for "This item" too.
    page.locator("fieldset.variants").get_by_role("radio", name="L", exact=True).check()
    expect(bundle.get_by_label("Option for Pleated Trousers")).to_have_value("TR-L")

    bundle.get_by_label("Canvas Tote").uncheck()
    expect(total).to_have_text("Total for 2: $99.00")
    bundle.get_by_role("button", name="Add 2 items to cart").click()
    expect(page).to_have_url(re.compile(r"/cart/added/trousers/"))
    assert sorted(CartLine.objects.values_list("variant__sku", flat=True)) == [
        "BELT-L",
        "TR-L",
    ]
    assert outfit["tote"].pk not in CartLine.objects.values_list(
        "variant__product_id", flat=True
    )
    assert page.console_errors == []


def test_a_partner_card_asks_for_a_size_then_adds_it(page):
    from tests.crosssell.factories import build_outfit

    outfit = build_outfit()
    page.goto("/products/tote/")
    page.get_by_role("button", name="Add to cart").first.click()
    expect(page).to_have_url(re.compile(r"/cart/added/tote/"))
    panel = page.get_by_role("region", name=re.compile("Customers who bought"))
    add_belt = panel.get_by_role("button", name="Add to cart: Leather Belt")
    add_belt.click()  # no size yet: the browser holds the form back
    expect(page).to_have_url(re.compile(r"/cart/added/tote/"))
    panel.get_by_label("Option for Leather Belt").select_option(label="L — $34.00")
    add_belt.click()
    expect(page).to_have_url(re.compile(r"/cart/added/belt/"))
    assert sorted(CartLine.objects.values_list("variant__sku", flat=True)) == sorted(
        ["BELT-L", outfit["tote"].sku]
    )
    assert page.console_errors == []
