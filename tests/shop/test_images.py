import io
import math
import struct
import time
import zlib
from functools import cache

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PIL import Image, ImageCms, ImageDraw, ImageFile

from shop.images import (
    PALETTE,
    ImageRejected,
    colour_name,
    dominant_colours,
    make_cutout,
    make_renditions,
    process_image_file,
    validate_image_upload,
)
from shop.models import Colour

WHITE = (255, 255, 255)
STUDIO_GREY = (226, 226, 226)
LIMITS = {"max_bytes": 10 * 1024 * 1024, "max_pixels": 40_000_000}


def encoded(image: Image.Image, fmt: str = "PNG", **options) -> io.BytesIO:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    buffer.seek(0)
    return buffer


def product_shot(draw, size=(600, 600), background=WHITE) -> Image.Image:
    image = Image.new("RGB", size, background)
    draw(ImageDraw.Draw(image))
    return image


def red_circle_with_white_spot(d):
    d.ellipse((100, 100, 500, 500), fill=(200, 30, 40))
    d.ellipse((270, 270, 330, 330), fill=WHITE)


@cache
def png_bomb(width: int, height: int) -> bytes:
    """A valid 1-bit PNG of zeros: tens of kB on disk, width*height pixels decoded.

    Written by hand because Image.new("1", …) keeps a byte per pixel: 400 MB of
    memory just to build the test file.
    """

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    row = b"\0" * (1 + math.ceil(width / 8))  # filter byte + packed bits
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(height))
    idat += compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", idat)
        + chunk(b"IEND", b"")
    )


# --- dominant colours -----------------------------------------------------------


def test_red_square_on_white_is_all_red_and_the_background_is_not_a_colour():
    image = product_shot(
        lambda d: d.rectangle((150, 150, 450, 450), fill=(205, 30, 35))
    )

    assert dominant_colours(image) == [("red", 1.0)]


def test_navy_shirt_is_navy_not_black():
    def shirt(d):
        d.polygon(
            [
                (200, 120),
                (400, 120),
                (520, 220),
                (460, 280),
                (420, 250),
                (420, 520),
                (180, 520),
                (180, 250),
                (140, 280),
                (80, 220),
            ],
            fill=(24, 34, 78),
        )

    colours = dominant_colours(product_shot(shirt))

    assert [name for name, _ in colours] == ["navy"]
    assert colours[0][1] == 1.0


def test_white_mug_with_a_blue_stripe_on_light_grey_is_white_and_blue():
    def mug(d):
        d.ellipse((380, 230, 480, 380), outline=WHITE, width=18)  # handle
        d.rectangle((170, 150, 420, 470), fill=WHITE)
        d.rectangle((170, 330, 420, 380), fill=(37, 99, 235))

    colours = dominant_colours(product_shot(mug, background=STUDIO_GREY))

    assert [name for name, _ in colours] == ["white", "blue"]
    white, blue = (share for _, share in colours)
    assert 0.7 < white < 0.9 and 0.1 < blue < 0.25
    assert white + blue == pytest.approx(1.0, abs=0.01)


def test_small_touches_under_eight_percent_are_not_reported():
    def bag(d):
        d.rectangle((100, 100, 500, 500), fill=(120, 70, 30))
        d.rectangle((280, 120, 320, 160), fill=(212, 175, 55))  # a gold clasp

    assert [name for name, _ in dominant_colours(product_shot(bag))] == ["brown"]


def test_a_transparent_png_product_is_coloured_without_its_background():
    image = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((50, 50, 350, 350), fill=(30, 150, 60, 255))

    assert dominant_colours(encoded(image)) == [("green", 1.0)]


@pytest.mark.parametrize(
    ("rgb", "name"),
    [
        ((20, 20, 20), "black"),
        ((15, 20, 45), "navy"),  # dark, but clearly blue: navy, not black
        ((28, 40, 92), "navy"),
        ((37, 99, 235), "blue"),
        ((135, 206, 235), "blue"),
        ((250, 250, 250), "white"),
        ((128, 128, 128), "grey"),
        ((120, 70, 30), "brown"),
        ((240, 130, 20), "orange"),
        ((230, 215, 185), "beige"),
        ((245, 210, 40), "yellow"),
        ((212, 175, 55), "gold"),
        ((30, 150, 60), "green"),
        ((15, 140, 130), "teal"),
        ((120, 50, 190), "purple"),
        ((236, 120, 170), "pink"),
        ((128, 0, 0), "red"),
        ((205, 30, 35), "red"),
    ],
)
def test_colour_names(rgb, name):
    assert colour_name(rgb) == name


def test_every_shop_colour_has_a_reference_swatch():
    assert set(PALETTE) == set(Colour.values)


# --- cut-out ----------------------------------------------------------------------


def test_cutout_removes_the_backdrop_but_keeps_white_inside_the_product():
    cut = Image.open(io.BytesIO(make_cutout(product_shot(red_circle_with_white_spot))))

    assert cut.format == "PNG" and cut.mode == "RGBA"
    assert cut.getpixel((0, 0))[3] == 0
    assert cut.getpixel((cut.width // 2, cut.height // 2)) == (255, 255, 255, 255)
    assert cut.getpixel((cut.width // 2, cut.height // 4)) == (200, 30, 40, 255)
    # cropped to the circle (401 px) with a small margin
    assert 401 <= cut.width <= 420 and 401 <= cut.height <= 420


def test_cutout_edge_is_soft_not_jagged():
    cut = Image.open(io.BytesIO(make_cutout(product_shot(red_circle_with_white_spot))))
    row = [cut.getpixel((x, cut.height // 2))[3] for x in range(cut.width // 2)]

    assert any(0 < alpha < 255 for alpha in row)


def test_cutout_of_a_photo_without_a_plain_backdrop_keeps_everything():
    image = product_shot(
        lambda d: d.rectangle((100, 100, 300, 300), fill=(240, 240, 240)),
        size=(400, 300),
        background=(60, 90, 40),
    )
    cut = Image.open(io.BytesIO(make_cutout(image)))

    assert cut.size == (400, 300)
    assert cut.getchannel("A").getextrema() == (255, 255)


def test_a_speck_of_dust_in_a_corner_does_not_stretch_the_cutout():
    def circle_and_dust(d):
        red_circle_with_white_spot(d)
        d.point([(8, 8), (9, 8)], fill=(90, 90, 90))

    cut = Image.open(io.BytesIO(make_cutout(product_shot(circle_and_dust))))

    assert 401 <= cut.width <= 420 and 401 <= cut.height <= 420


def test_cutout_works_on_at_most_800_pixels():
    big = product_shot(
        lambda d: d.rectangle((0, 500, 2000, 1000), fill=(30, 80, 170)),
        size=(2000, 1500),
    )
    cut = Image.open(io.BytesIO(make_cutout(big)))

    assert cut.width == 800


# --- renditions -------------------------------------------------------------------


def test_renditions_have_the_requested_longest_edge_and_never_upscale():
    image = product_shot(
        lambda d: d.rectangle((50, 50, 250, 550), fill=(30, 150, 60)), size=(300, 600)
    )

    renditions = make_renditions(
        encoded(image), {"thumb": 240, "medium": 600, "large": 1200}
    )

    sizes = {
        name: Image.open(io.BytesIO(data)).size for name, data in renditions.items()
    }
    assert list(renditions) == ["thumb", "medium", "large"]
    assert sizes == {"thumb": (120, 240), "medium": (300, 600), "large": (300, 600)}
    assert {Image.open(io.BytesIO(data)).format for data in renditions.values()} == {
        "WEBP"
    }


def test_renditions_are_turned_upright_and_carry_no_exif():
    # Stored sideways as a camera does: 400×200, red marker top-left, orientation 6
    # ("rotate 90° clockwise to display"), a camera make and an ICC profile: no
    # metadata may reach the shop's pages.
    stored = Image.new("RGB", (400, 200), (30, 80, 170))
    ImageDraw.Draw(stored).rectangle((0, 0, 60, 60), fill=(220, 20, 20))
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "PhoneMaker"
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    photo = encoded(stored, "JPEG", exif=exif.tobytes(), icc_profile=srgb, quality=95)

    renditions = make_renditions(photo, {"thumb": 100, "large": 1200})

    thumb = Image.open(io.BytesIO(renditions["thumb"]))
    large = Image.open(io.BytesIO(renditions["large"]))
    assert thumb.size == (50, 100)
    assert large.size == (200, 400)
    red, green, blue = large.convert("RGB").getpixel((190, 10))  # now top-right
    assert red > 180 and green < 80 and blue < 80
    for rendition in (thumb, large):
        assert not rendition.getexif()
        assert "exif" not in rendition.info and "icc_profile" not in rendition.info


def test_transparent_and_palette_images_get_a_white_background_not_black():
    transparent = Image.new("RGBA", (300, 300), (0, 0, 0, 0))
    ImageDraw.Draw(transparent).ellipse((100, 100, 200, 200), fill=(200, 30, 40, 255))
    palette = transparent.convert("P")

    for source in (encoded(transparent), encoded(palette, "GIF", transparency=0)):
        rendition = Image.open(
            io.BytesIO(make_renditions(source, {"thumb": 150})["thumb"])
        )
        assert rendition.mode == "RGB"
        assert all(channel > 245 for channel in rendition.getpixel((2, 2)))


@pytest.mark.parametrize("mode", ["1", "L", "LA", "P", "PA", "RGBA", "CMYK", "I;16"])
@pytest.mark.parametrize("size", [(1, 1), (1, 500), (3, 2), (300, 200)])
def test_any_mode_and_shape_is_processed(mode, size):
    image = Image.new("RGBA", (300, 200), (255, 255, 255, 0))
    ImageDraw.Draw(image).ellipse((50, 50, 150, 150), fill=(20, 20, 20, 255))

    result = process_image_file(image.resize(size).convert(mode), {"thumb": 100})

    assert (result.width, result.height) == size
    assert Image.open(io.BytesIO(result.cutout)).mode == "RGBA"


def test_sixteen_bit_greyscale_keeps_its_tones():
    grey = Image.new("I;16", (100, 100), 128 * 256)

    rendition = make_renditions(grey, {"thumb": 50})["thumb"]

    assert abs(Image.open(io.BytesIO(rendition)).getpixel((25, 25))[0] - 128) <= 2


# --- validation -------------------------------------------------------------------


@pytest.mark.parametrize(
    "payload",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
        b"just some text pretending to be a photo",
    ],
)
def test_non_images_renamed_to_jpg_are_refused(payload):
    upload = io.BytesIO(payload)
    upload.name = "product.jpg"

    with pytest.raises(ImageRejected) as caught:
        validate_image_upload(upload, **LIMITS)

    assert caught.value.message == (
        "This file is not an image we can read; upload a JPEG, PNG, WebP or GIF."
    )


@pytest.mark.parametrize("fmt", ["BMP", "TIFF"])
def test_real_images_in_other_formats_are_refused(fmt):
    with pytest.raises(ImageRejected, match="upload a JPEG, PNG, WebP or GIF"):
        validate_image_upload(encoded(Image.new("RGB", (50, 50)), fmt), **LIMITS)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF"])
def test_good_images_pass_and_the_file_is_rewound(fmt):
    upload = encoded(Image.new("RGB", (640, 480), (30, 150, 60)), fmt)

    result = validate_image_upload(upload, **LIMITS)

    assert (result.format, result.width, result.height) == (fmt, 640, 480)
    assert upload.tell() == 0


def test_a_truncated_jpeg_is_refused():
    data = encoded(Image.effect_noise((300, 300), 60).convert("RGB"), "JPEG").getvalue()

    with pytest.raises(ImageRejected) as caught:
        validate_image_upload(io.BytesIO(data[: len(data) // 2]), **LIMITS)

    assert caught.value.message == "The image file is damaged or incomplete."


def test_a_png_with_a_broken_checksum_is_refused():
    data = bytearray(encoded(Image.effect_noise((100, 100), 60)).getvalue())
    data[60] ^= 0xFF

    with pytest.raises(ImageRejected, match="damaged or incomplete"):
        validate_image_upload(io.BytesIO(bytes(data)), **LIMITS)


def test_an_oversized_file_is_refused_before_it_is_read_as_an_image():
    upload = io.BytesIO(b"\xff\xd8" + b"\0" * (2 * 1024 * 1024))

    with pytest.raises(ImageRejected) as caught:
        validate_image_upload(upload, max_bytes=1024 * 1024, max_pixels=40_000_000)

    assert caught.value.message == "The file is 2.0 MB; images may be at most 1.0 MB."


def test_a_path_can_be_validated_and_a_missing_one_is_refused(tmp_path):
    path = tmp_path / "shoe.webp"
    Image.new("RGB", (120, 80)).save(path, "WEBP")

    assert validate_image_upload(path, **LIMITS).format == "WEBP"
    with pytest.raises(ImageRejected, match="could not be read"):
        validate_image_upload(tmp_path / "gone.jpg", **LIMITS)


def test_an_empty_file_is_refused():
    with pytest.raises(ImageRejected, match="The file is empty"):
        validate_image_upload(io.BytesIO(b""), **LIMITS)


@pytest.mark.parametrize(
    ("side", "message"),
    [
        (8000, "The image is 8000×8000 pixels; images may have at most 40 megapixels."),
        # past twice Pillow's own limit, its guard speaks first; the answer is the same
        (
            20000,
            "The image has too many pixels; images may have at most 40 megapixels.",
        ),
    ],
)
def test_a_decompression_bomb_is_refused_from_its_header_without_decoding(
    monkeypatch, side, message
):
    bomb = png_bomb(side, side)
    assert len(bomb) < 100_000

    def no_decoding(self):
        raise AssertionError("pixels were decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    started = time.perf_counter()
    with pytest.raises(ImageRejected) as caught:
        validate_image_upload(io.BytesIO(bomb), **LIMITS)

    assert time.perf_counter() - started < 0.5
    assert caught.value.message == message


@pytest.mark.parametrize("side", [10_000, 20_000])  # Pillow warns, then errors
def test_pillows_own_bomb_guard_ends_in_a_clear_rejection_whatever_our_limit(side):
    bomb = io.BytesIO(png_bomb(side, side))

    with pytest.raises(ImageRejected, match="too many pixels"):
        validate_image_upload(bomb, max_bytes=10**7, max_pixels=10**12)


@cache
def _valid_files() -> list[bytes]:
    image = Image.effect_noise((64, 48), 40).convert("RGB")
    return [encoded(image, fmt).getvalue() for fmt in ("JPEG", "PNG", "WEBP", "GIF")]


@hypothesis_settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    which=st.integers(0, 3),
    position=st.integers(0, 10_000),
    garbage=st.binary(min_size=1, max_size=16),
    cut=st.booleans(),
)
def test_damaged_files_only_ever_raise_image_rejected(which, position, garbage, cut):
    data = _valid_files()[which]
    position %= len(data)
    damaged = (
        data[:position] + garbage + (b"" if cut else data[position + len(garbage) :])
    )

    try:
        validate_image_upload(io.BytesIO(damaged), **LIMITS)
    except ImageRejected as rejected:
        assert rejected.message


# --- everything at once -----------------------------------------------------------


def test_process_image_file_gives_renditions_cutout_and_colours_from_a_path(tmp_path):
    path = tmp_path / "mug.jpg"
    product_shot(
        lambda d: d.rectangle((200, 200, 1000, 1000), fill=(22, 150, 60)),
        size=(1200, 1200),
    ).save(path, "JPEG", quality=90)

    result = process_image_file(path, {"thumb": 240, "medium": 600, "large": 1200})

    assert (result.width, result.height) == (1200, 1200)
    assert {
        name: Image.open(io.BytesIO(data)).size
        for name, data in result.renditions.items()
    } == {
        "thumb": (240, 240),
        "medium": (600, 600),
        "large": (1200, 1200),
    }
    cut = Image.open(io.BytesIO(result.cutout))
    assert cut.mode == "RGBA" and 534 <= cut.width <= 560
    assert [name for name, _ in result.colours] == ["green"]


def test_process_image_file_refuses_a_file_that_is_not_an_image():
    with pytest.raises(ImageRejected):
        process_image_file(io.BytesIO(b"<svg/>"), {"thumb": 240})
