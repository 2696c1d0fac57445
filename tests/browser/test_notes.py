"""The whole Because loop in a real browser: buy two books, say why, approve, quote."""

import re

import pytest
from playwright.sync_api import expect

from crosssell.models import Note
from crosssell.services.counting import order_count
from tests.shop.factories import UserFactory, make_order, product_with_variant

from .helpers import fill_checkout

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WHY = (
    "I'm a grandmother and former first grade teacher. These books were classics "
    "and beloved by my students year after year."
)


def test_buy_two_books_say_why_approve_and_the_next_shopper_sees_it(
    page, browser, live_server
):
    moon = product_with_variant(
        title="Goodnight Moon", slug="goodnight-moon", price="8.99"
    ).product
    mouse = product_with_variant(
        title="If You Give a Mouse a Cookie", slug="mouse", price="9.50"
    ).product
    lamp = product_with_variant(title="Desk Lamp", slug="lamp").product
    # One earlier basket of both: this purchase makes two, the minimum to be shown
    # (and other baskets, so that two books together is more than chance).
    order_count(order_id=make_order([moon, mouse], number="earlier").pk)
    for index in range(3):
        order_count(order_id=make_order([lamp], number=f"lamp{index}").pk)

    # The buyer: two books, checkout, and the note on the thank-you page.
    for slug in ("goodnight-moon", "mouse"):
        page.goto(f"/products/{slug}/")
        page.get_by_role("button", name="Add to cart").first.click()
    page.goto("/checkout/")
    fill_checkout(page, card="4242 4242 4242 4242")
    page.get_by_role("button", name="Place order").click()
    expect(page).to_have_url(re.compile(r"/orders/.+/thanks/"))
    form = page.get_by_role("region", name="Why did you buy these together?")
    expect(form.get_by_role("checkbox", name="Goodnight Moon")).to_be_checked()
    expect(
        form.get_by_role("checkbox", name="If You Give a Mouse a Cookie")
    ).to_be_checked()
    expect(
        form.get_by_label("Kathryn T. (first name and last initial)")
    ).to_be_checked()
    form.get_by_label("Why did you buy these together?").fill(WHY)
    expect(form.get_by_text(re.compile(r"of 1,000 characters"))).to_be_visible()
    form.get_by_label("A gift").check()
    form.get_by_role("button", name="Share").click()
    expect(page.get_by_role("status")).to_contain_text("waiting for review")
    expect(form).to_contain_text("Waiting for review")
    assert Note.objects.get().status == "pending"

    # The merchant approves it in admin.
    UserFactory(
        username="merchant",
        email="merchant@example.com",
        is_staff=True,
        is_superuser=True,
        password="merchant-pass-123",
    )
    merchant = browser.new_context(base_url=live_server.url)
    admin = merchant.new_page()
    admin.goto("/admin/login/?next=/admin/crosssell/note/")
    # The admin's login is the shop's (allauth: by email, lock-out, two-factor).
    admin.get_by_label("Email").fill("merchant@example.com")
    admin.get_by_label("Password").fill("merchant-pass-123")
    admin.get_by_role("button", name="Log in").click()
    expect(admin.locator("#result_list")).to_contain_text("grandmother")
    admin.locator("input[name=_selected_action]").first.check()
    admin.locator("select[name=action]").select_option("approve_selected")
    admin.get_by_role("button", name="Go").click()
    expect(admin.locator(".messagelist")).to_contain_text("1 note approved")
    merchant.close()
    assert Note.objects.get().status == "approved"

    # A new visitor adds one book and sees the quote beside the mini-cart.
    visitor = browser.new_context(base_url=live_server.url)
    shopper = visitor.new_page()
    errors = []
    shopper.on("pageerror", lambda exc: errors.append(str(exc)))
    shopper.goto("/products/goodnight-moon/")
    shopper.get_by_role("button", name="Add to cart").first.click()
    expect(shopper).to_have_url(re.compile(r"/cart/added/goodnight-moon/"))
    panel = shopper.get_by_role("region", name=re.compile("Customers who bought"))
    expect(panel).to_contain_text(
        "Customers who bought Goodnight Moon also bought If You Give a Mouse a "
        "Cookie because:"
    )
    expect(panel).to_contain_text("former first grade teacher")
    expect(panel).to_contain_text("— Kathryn T.")
    expect(panel).to_contain_text("Verified purchase")
    expect(panel).not_to_contain_text("Thompson")
    url_before = shopper.url
    panel.get_by_role("button", name="Helpful").click()
    # counted in place, without leaving the page
    expect(panel.get_by_role("button", name="Helpful (1)")).to_be_visible()
    expect(shopper.locator("#xs-helpful-status")).to_have_text(
        "Thanks — you marked this note as helpful."
    )
    assert shopper.url == url_before
    assert Note.objects.get().helpful_count == 1
    visitor.close()
    assert errors == [] and page.console_errors == []
