"""The demo catalog's product pictures: shape, backdrop, colour and repeatability."""

import io

import pytest
from PIL import Image, ImageChops

from demo.drawing import BACKGROUND, KINDS, draw_product

SIZE = 400
TEAL = (22, 128, 122)
PALETTE = [
    (200, 38, 48),  # scarlet
    (32, 48, 104),  # navy
    (236, 226, 204),  # cream: pale, close to the backdrop
    (28, 28, 30),  # black
    (238, 176, 196),  # blush
]
# Small things on a big square: a chain, a pair of earrings, a ring.
SMALL = {"necklace", "earrings", "ring", "bracelet"}
# Kinds whose largest part is not in the product's colour: metal, lenses, glass,
# a dial, a print in a frame, a palette of shades. The colour must still show.
MIXED = {
    "necklace",
    "earrings",
    "bracelet",
    "ring",
    "watch",
    "sunglasses",
    "wall_art",
    "mirror",
    "palette",
}
EXPECTED_KINDS = {
    "tshirt", "blouse", "sweater", "jeans", "trousers", "skirt", "shorts", "dress",
    "maxi_dress", "jacket", "coat", "sneaker", "boot", "heel", "sandal", "handbag",
    "tote", "backpack", "clutch", "necklace", "earrings", "bracelet", "ring", "watch",
    "sunglasses", "hat", "scarf", "belt", "cushion", "vase", "lamp", "candle", "mug",
    "plant", "throw_blanket", "wall_art", "mirror", "rug", "lipstick", "nail_polish",
    "perfume", "face_cream", "mascara", "palette", "book",
}  # fmt: skip


def _draw(kind, colour=TEAL, **kwargs):
    kwargs.setdefault("size", SIZE)
    if kind == "book":
        kwargs.setdefault("title", "Goodnight Moon")
    return draw_product(kind, colour, **kwargs)


def _object_mask(image):
    """255 where a pixel is visibly not the backdrop."""
    red, green, blue = ImageChops.difference(
        image, Image.new("RGB", image.size, BACKGROUND)
    ).split()
    distance = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    return distance.point(lambda value: 255 if value > 10 else 0)


def _object_colours(image):
    """(count, colour) of every exact colour that is not the backdrop."""
    colours = image.getcolors(image.width * image.height)
    return [(count, colour) for count, colour in colours if colour != BACKGROUND]


def _near(a, b, tolerance=16):
    return max(abs(x - y) for x, y in zip(a, b, strict=True)) <= tolerance


def _png(image):
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def test_every_requested_kind_is_drawn():
    assert set(KINDS) == EXPECTED_KINDS
    assert len(KINDS) == len(set(KINDS))


@pytest.mark.parametrize("kind", KINDS)
def test_renders_an_rgb_square_of_the_requested_size(kind):
    image = _draw(kind)
    assert image.mode == "RGB"
    assert image.size == (SIZE, SIZE)
    assert _draw(kind, size=240).size == (240, 240)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("colour", PALETTE)
def test_the_corners_are_the_flat_backdrop_so_the_cut_out_works(kind, colour):
    image = _draw(kind, colour, seed=3)
    last = SIZE - 1
    for corner in ((0, 0), (last, 0), (0, last), (last, last)):
        assert image.getpixel(corner) == BACKGROUND
    # and the whole border, not just the corners: nothing touches the edge
    border = [
        image.crop(box)
        for box in ((0, 0, SIZE, 1), (0, last, SIZE, SIZE), (0, 0, 1, SIZE))
        + ((last, 0, SIZE, SIZE),)
    ]
    for strip in border:
        assert strip.getcolors() == [(strip.width * strip.height, BACKGROUND)]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("seed", [0, 1, 2, 5])
def test_the_product_fills_a_sensible_part_of_the_picture(kind, seed):
    mask = _object_mask(_draw(kind, seed=seed))
    share = mask.histogram()[255] / (SIZE * SIZE)
    low = 0.04 if kind in SMALL else 0.10
    assert low <= share <= 0.75, f"{kind} covers {share:.0%}"


@pytest.mark.parametrize("kind", sorted(set(KINDS) - MIXED))
@pytest.mark.parametrize("colour", [TEAL, *PALETTE])
def test_the_main_colour_is_the_requested_one(kind, colour):
    for seed in (0, 1, 2, 3):
        colours = _object_colours(_draw(kind, colour, seed=seed))
        _, commonest = max(colours)
        assert _near(commonest, colour), f"{kind} seed {seed}: {commonest}"


@pytest.mark.parametrize("kind", sorted(MIXED))
def test_mixed_products_still_show_the_requested_colour(kind):
    for seed in (0, 1, 2, 3):
        colours = _object_colours(_draw(kind, seed=seed))
        total = sum(count for count, _ in colours)
        near = sum(count for count, colour in colours if _near(colour, TEAL))
        assert near / total >= 0.04, f"{kind} seed {seed}: {near / total:.1%}"


def test_a_book_cover_is_in_the_cover_colour_with_the_title_in_the_accent():
    green, cream = (34, 110, 64), (250, 230, 140)
    image = draw_product(
        "book",
        green,
        accent=cream,
        title="Goodnight Moon",
        illustration="moon",
        size=SIZE,
    )
    _, commonest = max(_object_colours(image))
    assert _near(commonest, green)
    # the lettering sits in the top part of the cover
    top = image.crop(
        (int(SIZE * 0.3), int(SIZE * 0.12), int(SIZE * 0.75), int(SIZE * 0.3))
    )
    assert any(_near(colour, cream, 24) for _, colour in top.getcolors(SIZE * SIZE))


def test_a_book_title_changes_the_cover_and_the_illustration_can_be_chosen():
    first = _draw("book", title="Goodnight Moon", illustration="moon")
    other_title = _draw("book", title="Sunny Saturday", illustration="moon")
    other_picture = _draw("book", title="Goodnight Moon", illustration="bear")
    assert _png(first) != _png(other_title)
    assert _png(first) != _png(other_picture)


@pytest.mark.parametrize("kind", KINDS)
def test_the_same_arguments_give_the_same_picture(kind):
    first = _draw(kind, (200, 38, 48), accent=(212, 170, 60), seed=11)
    again = _draw(kind, (200, 38, 48), accent=(212, 170, 60), seed=11)
    assert _png(first) == _png(again)


def test_the_seed_varies_the_pictures():
    for kind in KINDS:
        pictures = {_png(_draw(kind, seed=seed, size=200)) for seed in range(6)}
        assert len(pictures) == 6, f"{kind}: only {len(pictures)} different pictures"


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="spaceship"):
        draw_product("spaceship", TEAL)
