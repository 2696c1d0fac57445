"""The set editor in a real browser: drag, resize, keyboard, undo, autosave, publish."""

import re

import pytest
from playwright.sync_api import expect
from rest_framework.test import APIClient

from sets.models import Set
from sets.services.editing import ItemSpec, set_create
from tests.sets.factories import product_with_cutout
from tests.shop.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-good-password-1"  # UserFactory's


def sign_in_through(page, path: str, user) -> None:
    """Open an editor page as a guest: log in on the page it sends you to, come back."""
    page.goto(path)
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))


def centre(box: dict) -> tuple[float, float]:
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def drag(page, start: tuple[float, float], end: tuple[float, float]) -> None:
    page.mouse.move(*start)
    page.mouse.down()
    page.mouse.move(*end, steps=12)
    page.mouse.up()


def shown_geometry(item) -> list[float]:
    """The item's left, top, width and height on the canvas, as fractions."""
    values = item.evaluate(
        "e => [e.style.left, e.style.top, e.style.width, e.style.height]"
    )
    return [float(value.rstrip("%")) / 100 for value in values]


def test_build_a_set_by_dragging_resizing_and_keyboard_then_publish(page):
    shopper = UserFactory(email="maya@example.com")
    product_with_cutout(title="Striped Scarf", size=(200, 100))  # twice as wide
    product_with_cutout(title="Tall Vase", size=(100, 200))

    sign_in_through(page, "/sets/new/", shopper)
    canvas = page.get_by_role("region", name="Set canvas")
    items = canvas.locator(".editor-item")
    status = page.locator("[data-save-status]")

    # Drag the scarf's tile onto the canvas, a third of the way in.
    tile = page.locator(".editor-tile", has_text="Striped Scarf")
    expect(tile.locator("img")).to_have_js_property("complete", True)
    box = canvas.bounding_box()
    drop = (box["x"] + box["width"] / 3, box["y"] + box["height"] / 3)
    drag(page, centre(tile.locator("[data-drag-source]").bounding_box()), drop)
    expect(items).to_have_count(1)
    # The first change created the draft and the address became its editor's.
    expect(page).to_have_url(re.compile(r"/sets/[\w-]+/edit/$"))
    expect(status).to_have_text("Saved")
    board = Set.objects.get()
    assert board.owner == shopper and board.status == Set.Status.DRAFT
    assert page.url.endswith(f"/sets/{board.slug}/edit/")
    scarf = board.items.get()
    assert (scarf.width, scarf.height) == pytest.approx((0.34, 0.17))
    assert scarf.x + scarf.width / 2 == pytest.approx(1 / 3, abs=0.01)
    assert scarf.y + scarf.height / 2 == pytest.approx(1 / 3, abs=0.01)

    # Pull the bottom-right corner handle outwards: bigger, same shape.
    handle = canvas.locator('[data-handle="se"]')
    start = centre(handle.bounding_box())
    drag(page, start, (start[0] + 80, start[1] + 40))
    expect(status).to_have_text("Saved")
    scarf = board.items.get()  # a save replaces the rows
    assert scarf.width > 0.45
    assert scarf.width / scarf.height == pytest.approx(2.0)
    assert scarf.x == pytest.approx(1 / 3 - 0.17, abs=0.01)  # the top-left stayed

    # The vase with the keyboard: focus its "Add to set" button and press Enter.
    add_vase = page.locator(".editor-tile", has_text="Tall Vase").get_by_role(
        "button", name="Add to set"
    )
    add_vase.focus()
    page.keyboard.press("Enter")
    expect(items).to_have_count(2)
    expect(canvas.get_by_role("button", name=re.compile("Tall Vase"))).to_be_visible()

    # Undo and redo, with the buttons and with the keys.
    page.get_by_role("button", name="Undo", exact=True).click()
    expect(items).to_have_count(1)
    page.get_by_role("button", name="Redo", exact=True).click()
    expect(items).to_have_count(2)
    page.keyboard.press("Control+z")
    expect(items).to_have_count(1)
    page.keyboard.press("Control+Shift+z")
    expect(items).to_have_count(2)

    # Select the scarf from the keyboard, nudge it, turn it and flip it.
    canvas.get_by_role("button", name=re.compile("Striped Scarf")).focus()
    page.keyboard.press("ArrowDown")
    page.get_by_role("button", name="Rotate right").click()
    page.get_by_role("button", name="Flip").click()
    page.get_by_label("Title").fill("Picnic by the river")
    expect(status).to_have_text("Saved")
    shown = [shown_geometry(items.nth(index)) for index in range(2)]

    page.get_by_role("button", name="Publish").click()

    expect(page).to_have_url(re.compile(rf"/sets/{board.slug}/$"))
    board.refresh_from_db()
    assert board.status == Set.Status.PUBLISHED
    assert board.title == "Picnic by the river"
    scarf, vase = board.items.order_by("z")
    assert (scarf.product.title, vase.product.title) == ("Striped Scarf", "Tall Vase")
    assert (scarf.rotation, scarf.flip_h) == (15.0, True)
    assert scarf.width / scarf.height == pytest.approx(2.0)
    assert (vase.width, vase.height, vase.rotation) == pytest.approx((0.17, 0.34, 0))
    # What the editor showed is what was stored.
    for stored, on_screen in zip((scarf, vase), shown, strict=True):
        assert [stored.x, stored.y, stored.width, stored.height] == pytest.approx(
            on_screen, abs=1e-5
        )
    assert page.console_errors == []


def test_a_change_saved_elsewhere_meanwhile_gets_the_conflict_message(page):
    owner = UserFactory(email="maya@example.com")
    scarf = product_with_cutout(title="Striped Scarf")
    board = set_create(
        owner=owner,
        title="Picnic",
        items=[ItemSpec(product_id=scarf.pk, x=0.1, y=0.1, width=0.3, height=0.3)],
    )
    sign_in_through(page, f"/sets/{board.slug}/edit/", owner)
    canvas = page.get_by_role("region", name="Set canvas")
    expect(canvas.locator(".editor-item")).to_have_count(1)

    # Another tab saves through the API meanwhile.
    other_tab = APIClient()
    other_tab.force_login(owner)
    response = other_tab.patch(
        f"/api/sets/{board.slug}/",
        {"version": 1, "title": "Picnic at noon"},
        format="json",
    )
    assert response.status_code == 200

    # This tab, still at version 1, moves the scarf.
    canvas.get_by_role("button", name=re.compile("Striped Scarf")).focus()
    page.keyboard.press("ArrowRight")

    expect(page.get_by_role("alert")).to_contain_text(
        "This set was changed in another tab or window — reload to get the latest"
    )
    expect(page.locator("[data-save-status]")).to_have_text("Not saved")
    expect(page.get_by_role("button", name="Publish")).to_be_disabled()
    board.refresh_from_db()
    assert (board.version, board.title) == (2, "Picnic at noon")
    assert board.items.get().x == pytest.approx(0.1)  # nothing overwritten

    page.get_by_role("button", name="Reload").click()
    expect(page.get_by_label("Title")).to_have_value("Picnic at noon")
    expect(page.locator("[data-save-status]")).to_have_text("Saved")
    # The refused save is the only thing the browser complains about.
    assert [error for error in page.console_errors if "409" not in error] == []
