"""A shopper opens a published set in a real browser, follows an item to its product,
comes back and buys the whole set in one click."""

import re
from decimal import Decimal as D

import pytest
from playwright.sync_api import expect

from sets.models import Set
from sets.services.editing import ItemSpec, set_create, set_publish
from sets.tasks import set_render_task
from shop.models import CartLine
from tests.sets.factories import BLUE, GREEN, RED, YELLOW, product_with_cutout
from tests.shop.factories import UserFactory, VariantFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _product(title: str, price: str, slug: str, left, right):
    product = product_with_cutout(
        title=title, slug=slug, price=D(price), left=left, right=right
    )
    VariantFactory(product=product, sku=product.sku, stock=5)
    return product


def _published_set() -> Set:
    owner = UserFactory(username="maria", first_name="Maria", last_name="Lopez")
    scarf = _product("Silk Scarf", "35.00", "silk-scarf", RED, YELLOW)
    bag = _product("Canvas Bag", "27.50", "canvas-bag", BLUE, GREEN)
    board = set_create(
        owner=owner,
        title="City break",
        description="Light things for a weekend away.",
        items=[
            ItemSpec(product_id=scarf.pk, x=0.05, y=0.05, width=0.4, height=0.4),
            ItemSpec(
                product_id=bag.pk,
                x=0.5,
                y=0.45,
                width=0.45,
                height=0.45,
                rotation=10,
                flip_h=True,
            ),
        ],
    )
    set_publish(board=board, user=owner)
    set_render_task(board.pk)
    board.refresh_from_db()
    assert board.image and board.rendered_version == board.version
    return board


def test_open_a_set_follow_an_item_come_back_and_buy_the_whole_set(page):
    board = _published_set()

    page.goto(board.get_absolute_url())
    expect(page.get_by_role("heading", name="City break", level=1)).to_be_visible()
    picture = page.locator(f"#set-picture-{board.pk}")
    expect(picture.locator("img.set-picture__image")).to_be_visible()
    # The hotspot sits where the editor put the item: the scarf's top-left quarter.
    scarf = picture.get_by_role("link", name=re.compile("Silk Scarf"))
    box, frame = scarf.bounding_box(), picture.bounding_box()
    assert box["x"] - frame["x"] == pytest.approx(frame["width"] * 0.05, abs=3)
    assert box["width"] == pytest.approx(frame["width"] * 0.4, abs=3)
    scarf.hover()
    expect(scarf.locator(".hotspot__tip")).to_contain_text("$35.00")

    scarf.click()
    expect(page).to_have_url(re.compile(r"/products/silk-scarf/$"))
    expect(page.get_by_role("heading", name="Silk Scarf")).to_be_visible()
    styled = page.get_by_role("region", name="Styled in these sets")
    expect(styled.get_by_role("link", name="City break")).to_be_visible()

    page.go_back()
    expect(page).to_have_url(re.compile(rf"/sets/{board.slug}/$"))
    buy = page.locator(".set-buy")
    expect(buy).to_contain_text("$62.50")
    buy.get_by_role("button", name="Add the whole set to cart").click()
    expect(page).to_have_url(re.compile(r"/cart/added/"))
    expect(page.locator("header")).to_contain_text("$62.50")

    page.goto("/cart/")
    expect(page.get_by_role("link", name="Silk Scarf")).to_be_visible()
    expect(page.get_by_role("link", name="Canvas Bag")).to_be_visible()
    assert CartLine.objects.count() == 2
    assert page.console_errors == []


def test_the_embed_shows_in_a_blogs_frame_and_the_share_link_copies(page, live_server):
    board = _published_set()
    embed = f"{live_server.url}{board.get_absolute_url()}embed/"
    page.route(
        "http://blog.example/",
        lambda route: route.fulfill(
            content_type="text/html",
            body=f"<!DOCTYPE html><title>A blog</title><h1>My blog</h1>"
            f'<iframe src="{embed}" width="400" height="560" title="Set"></iframe>',
        ),
    )

    # Chromium refuses a public page framing a loopback address; passing the
    # server's real responses through the route keeps its headers and skips that.
    page.route(
        f"{live_server.url}/**", lambda route: route.fulfill(response=route.fetch())
    )

    page.goto("http://blog.example/")
    frame = page.frame_locator("iframe")
    expect(frame.get_by_role("link", name=re.compile("Shop the set"))).to_be_visible()
    expect(frame.locator("img.set-picture__image")).to_be_visible()
    link = frame.get_by_role("link", name=re.compile("Canvas Bag")).first
    assert f"ref={board.referral_code}" in link.get_attribute("href")

    page.goto(board.get_absolute_url())
    copy = page.get_by_role("button", name="Copy link")
    expect(copy).to_be_visible()
    copy.click()
    expect(page.locator("[data-copy-status]").first).not_to_be_empty()
    assert page.console_errors == []
