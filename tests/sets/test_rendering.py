"""The composite is checked by its pixels: position, size, rotation, flip, stacking."""

import io

import pytest
from PIL import Image

from sets.composite import CANVAS_EDGE, Layer, compose, flatten, render
from sets.models import Set, SetColour
from sets.services.editing import ItemSpec, set_create, set_publish, set_update
from sets.services.picture import set_render
from tests.shop.factories import UserFactory

from .factories import (
    BLUE,
    GREEN,
    RED,
    YELLOW,
    SetFactory,
    SetItemFactory,
    product_with_cutout,
)

WHITE = (255, 255, 255)


def two_tone(left=RED, right=BLUE, size=(200, 200)) -> Image.Image:
    image = Image.new("RGBA", size, (*right, 255))
    image.paste((*left, 255), (0, 0, size[0] // 2, size[1]))
    return image


def near(actual, expected, tolerance=12) -> bool:
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=False))


def pixel(image: Image.Image, x: int, y: int) -> tuple:
    return image.convert("RGB").getpixel((x, y))


def test_an_item_at_the_top_left_shows_there_and_nowhere_else():
    # A quarter-canvas box at the top left: 300 x 300 pixels of 1200.
    canvas = flatten(compose([Layer(two_tone(), x=0, y=0, width=0.25, height=0.25)]))

    assert canvas.size == (CANVAS_EDGE, CANVAS_EDGE)
    assert near(pixel(canvas, 75, 150), RED)
    assert near(pixel(canvas, 225, 150), BLUE)
    assert pixel(canvas, 320, 150) == WHITE
    assert pixel(canvas, 150, 320) == WHITE
    assert pixel(canvas, 900, 900) == WHITE


def test_a_wide_cut_out_is_contained_in_its_box_centred():
    # 200 x 100 into a 300 x 300 box: drawn 300 x 150, from y=75 to y=225.
    wide = two_tone(size=(200, 100))
    canvas = flatten(compose([Layer(wide, x=0, y=0, width=0.25, height=0.25)]))

    assert pixel(canvas, 75, 40) == WHITE
    assert near(pixel(canvas, 75, 150), RED)
    assert near(pixel(canvas, 225, 150), BLUE)
    assert pixel(canvas, 75, 260) == WHITE


def test_rotation_is_clockwise_about_the_box_centre_like_css():
    # Turned 90° clockwise, the left (red) half ends up on top.
    canvas = flatten(
        compose([Layer(two_tone(), x=0, y=0, width=0.25, height=0.25, rotation=90)])
    )

    assert near(pixel(canvas, 150, 75), RED)
    assert near(pixel(canvas, 150, 225), BLUE)


def test_rotation_by_45_degrees_leaves_the_box_corners_empty():
    canvas = flatten(
        compose([Layer(two_tone(), x=0.25, y=0.25, width=0.5, height=0.5, rotation=45)])
    )

    assert pixel(canvas, 310, 310) == WHITE  # the box's top-left corner
    assert near(pixel(canvas, 600, 330), RED)  # the left half's corner is now on top
    assert near(pixel(canvas, 600, 870), BLUE)


def test_a_flipped_item_is_mirrored():
    canvas = flatten(
        compose([Layer(two_tone(), x=0, y=0, width=0.25, height=0.25, flip_h=True)])
    )

    assert near(pixel(canvas, 75, 150), BLUE)
    assert near(pixel(canvas, 225, 150), RED)


def test_flip_is_applied_before_rotation_like_css_rotate_then_scalex():
    # CSS "rotate(90deg) scaleX(-1)": mirrored (red right), then turned: red below.
    canvas = flatten(
        compose(
            [
                Layer(
                    two_tone(),
                    x=0,
                    y=0,
                    width=0.25,
                    height=0.25,
                    rotation=90,
                    flip_h=True,
                )
            ]
        )
    )

    assert near(pixel(canvas, 150, 75), BLUE)
    assert near(pixel(canvas, 150, 225), RED)


def test_later_items_are_stacked_on_top():
    green = Image.new("RGBA", (100, 100), (*GREEN, 255))
    yellow = Image.new("RGBA", (100, 100), (*YELLOW, 255))
    canvas = flatten(
        compose(
            [
                Layer(green, x=0, y=0, width=0.5, height=0.5),
                Layer(yellow, x=0.25, y=0.25, width=0.5, height=0.5),
            ]
        )
    )

    assert near(pixel(canvas, 100, 100), GREEN)
    assert near(pixel(canvas, 450, 450), YELLOW)  # the overlap shows the top item
    assert near(pixel(canvas, 800, 800), YELLOW)


def test_transparent_parts_of_a_cut_out_show_what_is_below():
    ring = Image.new("RGBA", (100, 100), (0, 0, 0, 0))
    ring.paste((*RED, 255), (0, 0, 100, 20))  # only a red bar at the top
    green = Image.new("RGBA", (100, 100), (*GREEN, 255))
    canvas = flatten(
        compose(
            [
                Layer(green, x=0, y=0, width=0.5, height=0.5),
                Layer(ring, x=0, y=0, width=0.5, height=0.5),
            ]
        )
    )

    assert near(pixel(canvas, 300, 50), RED)
    assert near(pixel(canvas, 300, 400), GREEN)


def test_an_item_hanging_off_the_canvas_is_clipped():
    # The box spans -75..225 pixels: half its red half is off the canvas.
    canvas = flatten(
        compose([Layer(two_tone(), x=-0.0625, y=-0.0625, width=0.25, height=0.25)])
    )

    assert near(pixel(canvas, 30, 30), RED)
    assert near(pixel(canvas, 150, 150), BLUE)
    assert pixel(canvas, 240, 240) == WHITE


def test_render_makes_jpegs_and_names_the_items_colours():
    result = render([Layer(two_tone(), x=0, y=0, width=1, height=1)])

    image = Image.open(io.BytesIO(result.image))
    assert (image.format, image.size) == ("JPEG", (1200, 1200))
    assert Image.open(io.BytesIO(result.renditions["medium"])).size == (600, 600)
    assert Image.open(io.BytesIO(result.renditions["thumb"])).size == (300, 300)
    assert dict(result.colours) == {"red": 0.5, "blue": 0.5}


def test_colours_ignore_the_white_background():
    result = render([Layer(two_tone(), x=0, y=0, width=0.25, height=0.25)])

    assert sorted(name for name, _ in result.colours) == ["blue", "red"]


@pytest.mark.django_db
def test_publishing_renders_the_set_with_the_products_cut_outs(
    django_capture_on_commit_callbacks,
):
    owner = UserFactory()
    left = product_with_cutout(left=RED, right=BLUE)
    right = product_with_cutout(left=GREEN, right=YELLOW)
    board = set_create(
        owner=owner,
        title="Primary colours",
        items=[
            ItemSpec(product_id=left.pk, x=0, y=0, width=0.25, height=0.25),
            ItemSpec(
                product_id=right.pk,
                x=0.75,
                y=0.75,
                width=0.25,
                height=0.25,
                flip_h=True,
            ),
        ],
    )

    with django_capture_on_commit_callbacks(execute=True):
        set_publish(board=board, user=owner)

    board.refresh_from_db()
    assert board.rendered_version == board.version == 2
    with board.image.open("rb") as handle:
        image = Image.open(handle).convert("RGB")
        assert image.size == (1200, 1200)
        assert near(image.getpixel((75, 150)), RED)
        assert near(image.getpixel((225, 150)), BLUE)
        # Flipped: yellow on the left of its box, green on the right.
        assert near(image.getpixel((975, 1050)), YELLOW)
        assert near(image.getpixel((1125, 1050)), GREEN)
        assert image.getpixel((600, 600)) == WHITE
    assert board.medium and board.thumb
    assert sorted(board.colours.values_list("colour", flat=True)) == [
        "blue",
        "green",
        "red",
        "yellow",
    ]


@pytest.mark.django_db
def test_an_edit_of_a_published_set_renders_again_and_drops_the_old_files(
    django_capture_on_commit_callbacks,
):
    owner = UserFactory()
    product = product_with_cutout()
    board = set_create(
        owner=owner,
        title="One thing",
        items=[ItemSpec(product_id=product.pk, x=0, y=0, width=0.25, height=0.25)],
    )
    with django_capture_on_commit_callbacks(execute=True):
        set_publish(board=board, user=owner)
    board.refresh_from_db()
    first_image = board.image.name

    with django_capture_on_commit_callbacks(execute=True):
        set_update(
            board=board,
            user=owner,
            version=board.version,
            items=[
                ItemSpec(product_id=product.pk, x=0.75, y=0.75, width=0.25, height=0.25)
            ],
        )

    board.refresh_from_db()
    assert board.rendered_version == board.version == 3
    assert board.image.name != first_image
    assert not board.image.storage.exists(first_image)
    with board.image.open("rb") as handle:
        image = Image.open(handle).convert("RGB")
        assert image.getpixel((75, 150)) == WHITE
        assert near(image.getpixel((975, 1050)), RED)


@pytest.mark.django_db
def test_a_render_that_is_current_does_nothing():
    board = SetFactory(status=Set.Status.DRAFT)
    SetItemFactory(set=board, product=product_with_cutout())

    # A draft is never rendered; a published one whose picture is current is skipped.
    set_render(set_id=board.pk)
    board.refresh_from_db()
    assert not board.image

    Set.objects.filter(pk=board.pk).update(
        status=Set.Status.PUBLISHED, published_at=board.created_at, rendered_version=1
    )
    set_render(set_id=board.pk)
    board.refresh_from_db()
    assert not board.image
    assert not SetColour.objects.exists()


@pytest.mark.django_db
def test_deleting_a_rendered_set_removes_its_pictures(
    django_capture_on_commit_callbacks,
):
    from sets.services.editing import set_delete

    owner = UserFactory()
    board = set_create(
        owner=owner,
        title="Short-lived",
        items=[
            ItemSpec(product_id=product_with_cutout().pk, x=0, y=0, width=1, height=1)
        ],
    )
    with django_capture_on_commit_callbacks(execute=True):
        set_publish(board=board, user=owner)
    board.refresh_from_db()
    files = [board.image.name, board.medium.name, board.thumb.name]
    storage = board.image.storage
    assert all(storage.exists(name) for name in files)

    with django_capture_on_commit_callbacks(execute=True):
        set_delete(board=board, user=owner)

    assert not any(storage.exists(name) for name in files)
