"""The set editor in a real browser: drag, resize, keyboard, undo, autosave, publish."""

import re

import pytest
from playwright.sync_api import expect
from rest_framework.test import APIClient

from sets.models import Set
from sets.services.editing import ItemSpec, set_create
from tests.sets.factories import (
    framed_png,
    half_png,
    item_payload,
    product_with_cutout,
    product_with_png,
)
from tests.shop.factories import UserFactory

from .helpers import sign_in_through

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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


def canvas_point(canvas, x: float, y: float) -> tuple[float, float]:
    """Canvas units (0..1 across the square) to page pixels."""
    box = canvas.bounding_box()
    return box["x"] + box["width"] * x, box["y"] + box["height"] * y


def selected_titles(canvas) -> list[str]:
    pressed = canvas.locator('.editor-item[aria-pressed="true"]')
    return [
        label.split(" (")[0]
        for label in pressed.evaluate_all(
            "items => items.map(item => item.getAttribute('aria-label'))"
        )
    ]


def open_set_in_editor(page, board, owner) -> tuple:
    """Sign in on the set's editor and wait until every picture has loaded."""
    sign_in_through(page, f"/sets/{board.slug}/edit/", owner)
    canvas = page.get_by_role("region", name="Set canvas")
    pictures = canvas.locator(".editor-item img")
    expect(pictures).to_have_count(board.items.count())
    for index in range(pictures.count()):
        expect(pictures.nth(index)).to_have_js_property("complete", True)
        assert pictures.nth(index).evaluate("image => image.naturalWidth") > 0
    return canvas, page.locator("[data-save-status]")


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
    # A mouse drags straight away (a finger presses and holds first).
    expect(page.locator(".editor-panel__hint")).to_have_text(
        "Drag a product onto the canvas, or press “Add to set”."
    )
    expect(tile.locator("[data-drag-source]")).to_have_attribute(
        "title", "Drag onto the canvas"
    )
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


def test_a_press_on_a_see_through_part_goes_to_the_item_below(page):
    owner = UserFactory(email="maya@example.com")
    scarf = product_with_cutout(title="Striped Scarf")  # opaque to the edges
    # Opaque only in its middle half: 0.40-0.60 of the canvas once placed.
    box = product_with_png(framed_png(size=(200, 200), margin=50), title="Green Box")
    # Opaque on the left half; mirrored, then turned a quarter clockwise, that
    # half is the bottom one: 0.20-0.35 down the canvas.
    flag = product_with_png(half_png(size=(200, 200)), title="Yellow Flag")
    board = set_create(
        owner=owner,
        title="Layers",
        items=[
            ItemSpec(product_id=scarf.pk, x=0.1, y=0.1, width=0.4, height=0.4),
            ItemSpec(product_id=box.pk, x=0.3, y=0.3, width=0.4, height=0.4),
            ItemSpec(
                product_id=flag.pk,
                x=0.55,
                y=0.05,
                width=0.3,
                height=0.3,
                rotation=90,
                flip_h=True,
            ),
        ],
    )
    canvas, status = open_set_in_editor(page, board, owner)
    label = page.locator("[data-selection-label]")

    # The box's see-through corner, with the scarf under it: the scarf.
    page.mouse.click(*canvas_point(canvas, 0.35, 0.35))
    expect(label).to_have_text("Striped Scarf")
    assert selected_titles(canvas) == ["Striped Scarf"]
    # The box's opaque middle (clear of the scarf's corner handle): the box.
    page.mouse.click(*canvas_point(canvas, 0.56, 0.56))
    expect(label).to_have_text("Green Box")
    # Its see-through corner with nothing under it: no selection.
    page.mouse.click(*canvas_point(canvas, 0.64, 0.64))
    expect(label).to_have_text("Select an item to edit it")
    assert selected_titles(canvas) == []
    # The flag, mirrored and turned: its opaque half is now the bottom one.
    page.mouse.click(*canvas_point(canvas, 0.7, 0.3))
    expect(label).to_have_text("Yellow Flag")
    page.mouse.click(*canvas_point(canvas, 0.7, 0.1))
    expect(label).to_have_text("Select an item to edit it")

    # Dragging from the box's see-through corner moves the scarf under it.
    drag(page, canvas_point(canvas, 0.35, 0.35), canvas_point(canvas, 0.45, 0.4))
    expect(label).to_have_text("Striped Scarf")
    expect(status).to_have_text("Saved")
    stored = board.items.order_by("z")
    assert [item.product.title for item in stored] == [
        "Striped Scarf",
        "Green Box",
        "Yellow Flag",
    ]
    assert (stored[0].x, stored[0].y) == pytest.approx((0.2, 0.15), abs=0.005)
    assert [(item.x, item.y) for item in stored[1:]] == pytest.approx(
        [(0.3, 0.3), (0.55, 0.05)]
    )
    assert page.console_errors == []


def test_rotate_with_the_handle_and_the_buttons_then_duplicate(page):
    owner = UserFactory(email="maya@example.com")
    scarf = product_with_cutout(title="Striped Scarf", size=(200, 100))
    board = set_create(
        owner=owner,
        title="Turns",
        items=[ItemSpec(product_id=scarf.pk, x=0.3, y=0.4, width=0.4, height=0.2)],
    )
    canvas, status = open_set_in_editor(page, board, owner)
    page.mouse.click(*canvas_point(canvas, 0.5, 0.5))
    expect(page.locator("[data-selection-label]")).to_have_text("Striped Scarf")

    # Pull the rotate handle round to the right of the centre, Shift snapping.
    handle = canvas.locator('[data-handle="rotate"]')
    page.keyboard.down("Shift")
    drag(page, centre(handle.bounding_box()), canvas_point(canvas, 0.85, 0.51))
    page.keyboard.up("Shift")
    expect(status).to_have_text("Saved")
    assert board.items.get().rotation == 90

    page.get_by_role("button", name="Rotate right").click()
    page.get_by_role("button", name="Rotate right").click()
    page.get_by_role("button", name="Rotate left").click()
    expect(status).to_have_text("Saved")
    assert board.items.get().rotation == 105

    page.get_by_role("button", name="Duplicate").click()
    expect(canvas.locator(".editor-item")).to_have_count(2)
    expect(status).to_have_text("Saved")
    original, copy = board.items.order_by("z")
    assert copy.product == original.product == scarf
    assert (copy.rotation, copy.width, copy.height) == (105, 0.4, 0.2)
    assert (copy.x, copy.y) == pytest.approx((0.33, 0.43))
    assert (original.x, original.y, original.rotation) == pytest.approx((0.3, 0.4, 105))
    assert page.console_errors == []


def test_a_set_holds_at_most_fifty_items(page):
    owner = UserFactory(email="maya@example.com")
    scarf = product_with_cutout(title="Striped Scarf")
    client = APIClient()
    client.force_login(owner)
    response = client.post(
        "/api/sets/",
        {"title": "Full", "items": [item_payload(scarf) for _ in range(49)]},
        format="json",
    )
    assert response.status_code == 201
    board = Set.objects.get(slug=response.json()["slug"])

    sign_in_through(page, f"/sets/{board.slug}/edit/", owner)
    items = page.get_by_role("region", name="Set canvas").locator(".editor-item")
    status = page.locator("[data-save-status]")
    count = page.locator("[data-item-count]")
    expect(items).to_have_count(49)
    add = page.locator(".editor-tile", has_text="Striped Scarf").get_by_role(
        "button", name="Add to set"
    )

    add.click()
    expect(items).to_have_count(50)
    expect(status).to_have_text("Saved")
    expect(count).to_have_text("50 of 50 items")
    assert board.items.count() == 50
    board.refresh_from_db()
    version = board.version

    add.click()
    expect(page.get_by_role("alert")).to_contain_text(
        "A set can hold at most 50 items. Remove one to add another."
    )
    expect(items).to_have_count(50)
    expect(count).to_have_text("50 of 50 items")
    expect(status).to_have_text("Saved")
    page.wait_for_timeout(1000)  # longer than the autosave delay: nothing is sent
    board.refresh_from_db()
    assert board.version == version
    assert board.items.count() == 50
    assert page.console_errors == []
