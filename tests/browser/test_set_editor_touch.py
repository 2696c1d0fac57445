"""The set editor on a phone: real touches through the DevTools protocol.

Input.dispatchTouchEvent goes through Chromium's own input pipeline, so the tiles'
``touch-action``, the browser's scrolling and its ``pointercancel`` behave as on a
phone: before the fix a finger moving on a tile scrolled the page and the drag was
cancelled.
"""

import pytest
from playwright.sync_api import expect

from sets.models import Set
from tests.browser.helpers import new_page, sign_in_through
from tests.sets.factories import product_with_cutout
from tests.shop.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
TOUCH_HINT = "Press and hold to drag onto the set, or use “Add to set”."
TOUCH_TITLE = "Press and hold to drag onto the set, or use Add to set"
HOLD_WAIT_MS = 500  # the editor picks a product up after 350 ms
SCROLL_POSITIONS = """() => [
    window.scrollY, document.querySelector("[data-panel-tiles]").scrollTop,
]"""


@pytest.fixture
def phone(browser, live_server):
    """Like the suite's ``page`` fixture, on a 390×844 touch screen."""
    page = new_page(
        browser, live_server, viewport=PHONE, is_mobile=True, has_touch=True
    )
    page.cdp = page.context.new_cdp_session(page)
    yield page
    page.context.close()


def touch(page, kind: str, point: tuple[float, float] | None = None) -> None:
    """One touch event at a point of the viewport (``touchEnd`` takes none)."""
    points = [] if point is None else [{"x": point[0], "y": point[1]}]
    page.cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})


def steps(start, end, count: int):
    return [
        (
            start[0] + (end[0] - start[0]) * step / count,
            start[1] + (end[1] - start[1]) * step / count,
        )
        for step in range(1, count + 1)
    ]


def open_editor_on_phone(page, shopper):
    sign_in_through(page, "/sets/new/", shopper)
    tile = page.locator(".editor-tile", has_text="Striped Scarf")
    expect(tile.locator("img")).to_have_js_property("complete", True)
    return tile.locator("[data-drag-source]")


def view_both(page, media) -> tuple[tuple[float, float], dict]:
    """Scroll the canvas to the top of the screen: on a phone the products are one
    sideways row right under it, so the whole canvas and the tiles share the screen.
    Returns where to press on the tile and the canvas's box (viewport pixels)."""
    page.get_by_role("region", name="Set canvas").evaluate(
        "element => window.scrollTo(0, element.getBoundingClientRect().top + scrollY)"
    )
    box = media.bounding_box()
    press = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    canvas = page.get_by_role("region", name="Set canvas").bounding_box()
    assert canvas["y"] > -1 and canvas["y"] + canvas["height"] < press[1]
    assert 0 < press[0] < PHONE["width"] and press[1] < PHONE["height"] - 20
    # Nothing sticks out sideways: the row scrolls inside itself, not the page.
    assert page.evaluate("() => document.documentElement.scrollWidth") == PHONE["width"]
    return press, canvas


def test_press_and_hold_then_drag_puts_the_product_where_the_finger_lets_go(phone):
    page = phone
    shopper = UserFactory(email="maya@example.com")
    product_with_cutout(title="Striped Scarf", size=(200, 100))
    product_with_cutout(title="Tall Vase", size=(100, 200))
    media = open_editor_on_phone(page, shopper)
    expect(page.locator(".editor-panel__hint")).to_have_text(TOUCH_HINT)
    expect(media).to_have_attribute("title", TOUCH_TITLE)
    press, canvas = view_both(page, media)
    drop = (canvas["x"] + canvas["width"] * 0.4, canvas["y"] + canvas["height"] * 0.45)
    before = page.evaluate(SCROLL_POSITIONS)
    assert before[0] > 0

    touch(page, "touchStart", press)
    page.wait_for_timeout(HOLD_WAIT_MS)
    # Picked up: the ghost is under the finger before it moves, and the tile's
    # media swallows the long press's menu.
    ghost = page.locator(".editor-ghost")
    expect(ghost).to_have_count(1)
    shown = ghost.bounding_box()
    assert shown["x"] + shown["width"] / 2 == pytest.approx(press[0], abs=1)
    assert shown["y"] + shown["height"] / 2 == pytest.approx(press[1], abs=1)
    menu = """e => !e.dispatchEvent(
        new MouseEvent("contextmenu", {bubbles: true, cancelable: true})
    )"""
    assert media.evaluate(menu) is True
    positions = []
    for point in steps(press, drop, 12):
        touch(page, "touchMove", point)
        positions.append(page.evaluate(SCROLL_POSITIONS))
    expect(page.locator("[data-canvas]")).to_have_class("editor-canvas is-drop-target")
    touch(page, "touchEnd")

    assert positions == [before] * 12  # the page stayed put under the finger
    items = page.get_by_role("region", name="Set canvas").locator(".editor-item")
    expect(items).to_have_count(1)
    expect(items).to_have_attribute("aria-label", "Striped Scarf (item 1 of 1)")
    expect(ghost).to_have_count(0)
    expect(page.locator("[data-save-status]")).to_have_text("Saved")
    scarf = Set.objects.get(owner=shopper).items.get()
    assert scarf.product.title == "Striped Scarf"
    assert (scarf.width, scarf.height) == pytest.approx((0.34, 0.17))
    where = (
        (drop[0] - canvas["x"]) / canvas["width"],
        (drop[1] - canvas["y"]) / canvas["height"],
    )
    assert (scarf.x + scarf.width / 2, scarf.y + scarf.height / 2) == pytest.approx(
        where, abs=0.01
    )
    # The status line above got shorter ("Saved"), and the browser's scroll
    # anchoring kept the screen still: the tile has not moved.
    box = media.bounding_box()
    assert box["y"] + box["height"] / 2 == pytest.approx(press[1], abs=0.5)
    # Once let go, the media's menu is the browser's again.
    assert media.evaluate(menu) is False
    assert page.console_errors == []


def test_a_quick_swipe_on_a_tile_scrolls_and_adds_nothing(phone):
    page = phone
    shopper = UserFactory(email="maya@example.com")
    product_with_cutout(title="Striped Scarf")
    media = open_editor_on_phone(page, shopper)
    press, _ = view_both(page, media)
    before = page.evaluate("() => window.scrollY")

    # Straight away, no hold: the finger moves up the screen.
    touch(page, "touchStart", press)
    for point in steps(press, (press[0], press[1] - 300), 10):
        touch(page, "touchMove", point)
    touch(page, "touchEnd")

    assert page.evaluate("() => window.scrollY") > before + 200  # it scrolled
    page.wait_for_timeout(1000)  # past the hold and the autosave delay
    expect(page.locator(".editor-ghost")).to_have_count(0)
    expect(page.locator(".editor-item")).to_have_count(0)
    assert not Set.objects.exists()
    assert page.console_errors == []


def test_a_tap_or_a_hold_let_go_off_the_canvas_adds_nothing_but_the_button_does(
    phone,
):
    page = phone
    shopper = UserFactory(email="maya@example.com")
    product_with_cutout(title="Striped Scarf")
    media = open_editor_on_phone(page, shopper)
    press, _ = view_both(page, media)
    before = page.evaluate(SCROLL_POSITIONS)

    touch(page, "touchStart", press)  # a tap
    touch(page, "touchEnd")
    page.wait_for_timeout(HOLD_WAIT_MS)
    expect(page.locator(".editor-ghost")).to_have_count(0)
    touch(page, "touchStart", press)  # picked up, moved, let go on the panel
    page.wait_for_timeout(HOLD_WAIT_MS)
    expect(page.locator(".editor-ghost")).to_have_count(1)
    for point in steps(press, (press[0] + 20, press[1] + 80), 6):
        touch(page, "touchMove", point)
    touch(page, "touchEnd")
    expect(page.locator(".editor-ghost")).to_have_count(0)
    page.wait_for_timeout(1000)  # longer than the autosave delay
    expect(page.locator(".editor-item")).to_have_count(0)
    assert not Set.objects.exists()
    assert page.evaluate(SCROLL_POSITIONS) == before

    # "Add to set" is still there for a finger.
    button = page.locator(".editor-tile", has_text="Striped Scarf").get_by_role(
        "button", name="Add to set"
    )
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    touch(page, "touchStart", (box["x"] + box["width"] / 2, box["y"] + 8))
    touch(page, "touchEnd")
    expect(page.locator(".editor-item")).to_have_count(1)
    expect(page.locator("[data-save-status]")).to_have_text("Saved")
    assert Set.objects.get(owner=shopper).items.get().product.title == "Striped Scarf"
    assert page.console_errors == []


def test_a_sideways_swipe_scrolls_the_row_of_products_and_adds_nothing(phone):
    page = phone
    shopper = UserFactory(email="maya@example.com")
    product_with_cutout(title="Striped Scarf")
    for index in range(6):  # newest first: these come before the scarf
        product_with_cutout(title=f"Silk Scarf {index}")
    open_editor_on_phone(page, shopper)
    first = page.locator(".editor-tile").first.locator("[data-drag-source]")
    press, _ = view_both(page, first)
    row = page.locator("[data-panel-tiles]")
    assert row.evaluate("e => e.scrollLeft") == 0

    touch(page, "touchStart", press)
    for point in steps(press, (press[0] - 200, press[1]), 10):
        touch(page, "touchMove", point)
    touch(page, "touchEnd")

    page.wait_for_timeout(600)  # past the hold
    assert row.evaluate("e => e.scrollLeft") > 100
    expect(page.locator(".editor-ghost")).to_have_count(0)
    expect(page.locator(".editor-item")).to_have_count(0)
    assert page.console_errors == []
