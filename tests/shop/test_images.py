import io

import pytest
from PIL import Image, ImageDraw

from shop.images import (
    ImageRejected,
    classify,
    dominant_colours,
    make_cutout,
    make_renditions,
    process_image_file,
    validate_image_upload,
)

BACKGROUND = (246, 245, 242)
LIMITS = {"max_bytes": 5_000_000, "max_pixels": 40_000_000}


def png(image: Image.Image, fmt: str = "PNG", **kwargs) -> io.BytesIO:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **kwargs)
    buffer.seek(0)
    return buffer


def shot(draw, size=(600, 600)) -> Image.Image:
    image = Image.new("RGB", size, BACKGROUND)
    draw(ImageDraw.Draw(image))
    return image


def test_red_square_on_white_is_red_and_the_background_is_ignored():
    image = shot(lambda d: d.rectangle((150, 150, 450, 450), fill=(205, 30, 35)))
    colours = dominant_colours(image)
    # edge pixels blend into the background; nothing but red is reported
    assert [name for name, _ in colours] == ["red"]
    assert colours[0][1] >= 0.9


def test_navy_shirt_is_navy_not_black():
    image = shot(
        lambda d: d.polygon(
            [(150, 150), (450, 150), (420, 500), (180, 500)], fill=(28, 40, 92)
        )
    )
    assert dominant_colours(image)[0][0] == "navy"


def test_white_mug_with_blue_stripe_keeps_its_white():
    def mug(d):
        d.rectangle(
            (180, 150, 420, 480), fill=(255, 255, 255), outline=(190, 190, 190), width=6
        )
        d.rectangle((180, 290, 420, 350), fill=(37, 99, 235))

    names = [name for name, _ in dominant_colours(shot(mug))]
    assert names[:2] == ["white", "blue"]


@pytest.mark.parametrize(
    ("rgb", "name"),
    [
        ((20, 20, 20), "black"),
        ((250, 250, 250), "white"),
        ((128, 128, 128), "grey"),
        ((120, 70, 30), "brown"),
        ((230, 215, 185), "beige"),
        ((240, 130, 20), "orange"),
        ((245, 210, 40), "yellow"),
        ((30, 150, 60), "green"),
        ((120, 50, 190), "purple"),
        ((236, 120, 170), "pink"),
        ((15, 140, 130), "teal"),
    ],
)
def test_palette_mapping(rgb, name):
    assert classify(rgb) == name


def test_cutout_removes_the_border_background_but_keeps_white_inside():
    def circle(d):
        d.ellipse((100, 100, 500, 500), fill=(200, 30, 40))
        d.ellipse((280, 280, 320, 320), fill=(255, 255, 255))

    cut = Image.open(io.BytesIO(make_cutout(shot(circle))))
    assert cut.mode == "RGBA"
    assert cut.getpixel((0, 0))[3] == 0
    centre = cut.getpixel((cut.width // 2, cut.height // 2))
    assert centre[3] == 255 and centre[:3] == (255, 255, 255)
    # cropped to the product with a small margin
    assert abs(cut.width - 400) <= 12 and abs(cut.height - 400) <= 12


def test_renditions_never_upscale_and_fix_orientation_without_exif():
    image = Image.new("RGB", (400, 200), (200, 30, 40))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° when shown
    upright = Image.open(png(image, "JPEG", exif=exif.tobytes()))
    from shop.images import open_upright

    fixed = open_upright(png(upright, "JPEG", exif=exif.tobytes()))
    assert fixed.size == (200, 400)
    renditions = make_renditions(fixed, {"thumb": 100, "large": 1200})
    thumb = Image.open(io.BytesIO(renditions["thumb"]))
    large = Image.open(io.BytesIO(renditions["large"]))
    assert thumb.size == (50, 100)
    assert large.size == (200, 400)  # not upscaled
    assert thumb.format == "WEBP"
    assert not thumb.getexif()


def test_svg_renamed_to_jpg_is_refused():
    fake = io.BytesIO(
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    )
    fake.name = "evil.jpg"
    with pytest.raises(ImageRejected, match="not an image we can read"):
        validate_image_upload(fake, **LIMITS)


def test_truncated_jpeg_is_refused():
    data = png(Image.new("RGB", (300, 300), (10, 200, 10)), "JPEG").getvalue()
    with pytest.raises(ImageRejected, match="damaged or incomplete"):
        validate_image_upload(io.BytesIO(data[: len(data) // 2]), **LIMITS)


def test_oversized_file_is_refused():
    big = io.BytesIO(b"\0" * 2048)
    with pytest.raises(ImageRejected, match="limit is"):
        validate_image_upload(big, max_bytes=1024, max_pixels=1000)


def test_decompression_bomb_is_refused_before_decoding():
    bomb = png(Image.new("1", (20000, 20000)))
    assert len(bomb.getvalue()) < 200_000
    with pytest.raises(ImageRejected, match="too many pixels|megapixels"):
        validate_image_upload(bomb, **LIMITS)


def test_a_good_image_passes_and_the_file_is_rewound():
    upload = png(shot(lambda d: d.rectangle((10, 10, 50, 50), fill=(0, 0, 0))))
    result = validate_image_upload(upload, **LIMITS)
    assert (result.format, result.width, result.height) == ("PNG", 600, 600)
    assert upload.tell() == 0


def test_process_image_file_gives_everything_at_once():
    result = process_image_file(
        png(shot(lambda d: d.rectangle((100, 100, 500, 500), fill=(22, 150, 60)))),
        {"thumb": 240, "large": 1200},
    )
    assert (result.width, result.height) == (600, 600)
    assert set(result.renditions) == {"thumb", "large"}
    assert [name for name, _ in result.colours] == ["green"]
