"""The product image pipeline, Pillow only.

Validation refuses anything that is not a real raster image before a pixel is
decoded; processing fixes orientation, strips metadata, makes WebP renditions, a
transparent cut-out for the set editor, and the product's dominant colours on the
shop's named palette — ignoring the plain light background product shots have.
"""

from __future__ import annotations

import colorsys
import io
import warnings
from dataclasses import dataclass
from typing import BinaryIO

from PIL import (
    Image,
    ImageChops,
    ImageDraw,
    ImageFilter,
    ImageOps,
    UnidentifiedImageError,
)

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
CUTOUT_MAX_EDGE = 800
MASK_EDGE = 320
COLOUR_SAMPLE_EDGE = 96
BACKGROUND_TOLERANCE = 28  # per channel, for the flood fill from the border
MIN_COLOUR_SHARE = 0.08


class ImageRejected(Exception):
    """An upload we will not store; ``message`` tells the merchant why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ValidatedImage:
    format: str
    width: int
    height: int


@dataclass(frozen=True)
class ProcessedImage:
    width: int
    height: int
    renditions: dict[str, bytes]
    cutout: bytes
    colours: list[tuple[str, float]]


def _size_of(fileobj: BinaryIO) -> int:
    size = getattr(fileobj, "size", None)
    if size is not None:
        return int(size)
    position = fileobj.tell()
    fileobj.seek(0, io.SEEK_END)
    size = fileobj.tell()
    fileobj.seek(position)
    return size


def validate_image_upload(
    fileobj: BinaryIO, *, max_bytes: int, max_pixels: int
) -> ValidatedImage:
    """Refuse oversized files, non-images (SVG, HTML…), corrupt files and pixel bombs."""
    size = _size_of(fileobj)
    if size > max_bytes:
        raise ImageRejected(
            f"The image is {size / 1_048_576:.1f} MB; the limit is {max_bytes / 1_048_576:.0f} MB."
        )
    if size == 0:
        raise ImageRejected("The file is empty.")
    fileobj.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # open() reads only the header: the size is known before any decoding.
            with Image.open(fileobj) as image:
                if image.format not in ALLOWED_FORMATS:
                    raise ImageRejected(
                        f"{image.format or 'This'} files are not accepted; upload a JPEG, PNG, WebP or GIF."
                    )
                width, height = image.size
                if width * height > max_pixels:
                    raise ImageRejected(
                        f"The image is {width}×{height} pixels; the limit is "
                        f"{max_pixels / 1_000_000:.0f} megapixels."
                    )
                image_format = image.format
                image.verify()
            fileobj.seek(0)
            with Image.open(fileobj) as image:
                image.load()
    except ImageRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRejected(
            "The image has too many pixels to be processed safely."
        ) from None
    except UnidentifiedImageError:
        raise ImageRejected(
            "This file is not an image we can read; upload a JPEG, PNG, WebP or GIF."
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise ImageRejected("The image file is damaged or incomplete.") from None
    finally:
        fileobj.seek(0)
    return ValidatedImage(format=image_format, width=width, height=height)


def _flatten(image: Image.Image, background=(255, 255, 255)) -> Image.Image:
    """RGB on a white background, whatever the mode (palette, alpha, greyscale)."""
    if image.mode in ("RGBA", "LA") or (
        image.mode == "P" and "transparency" in image.info
    ):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, background)
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image.convert("RGB")


def open_upright(fileobj: BinaryIO) -> Image.Image:
    """The image decoded, turned the way its EXIF orientation says, metadata dropped."""
    with Image.open(fileobj) as image:
        image.load()
        upright = ImageOps.exif_transpose(image)
    upright.info.pop("exif", None)
    return upright


def make_renditions(image: Image.Image, sizes: dict[str, int]) -> dict[str, bytes]:
    """WebP renditions, longest edge at most each size, never upscaled, no metadata."""
    flat = _flatten(image)
    out = {}
    for name, edge in sizes.items():
        copy = flat.copy()
        copy.thumbnail((edge, edge), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        copy.save(buffer, "WEBP", quality=84, method=4)
        out[name] = buffer.getvalue()
    return out


def _background_mask(rgb: Image.Image) -> Image.Image:
    """255 where a pixel belongs to the light background connected to the border.

    A flood fill from the border rather than a global threshold, so white parts
    inside the product (a white collar, a mug's rim) stay part of the product.
    """
    width, height = rgb.size
    corners = [
        rgb.getpixel(p)
        for p in ((0, 0), (width - 1, 0), (0, height - 1), (width - 1, height - 1))
    ]
    reference = tuple(
        sorted(channel)[len(channel) // 2] for channel in zip(*corners, strict=True)
    )
    if sum(reference) / 3 < 170:
        return Image.new("L", rgb.size, 0)  # not a light background: keep everything
    # Pixels near the background colour become 255 in 'near', then the fill marks
    # those reachable from the border.
    difference = ImageChops.difference(rgb, Image.new("RGB", rgb.size, reference))
    filled = difference.convert("L").point(
        lambda v: 255 if v <= BACKGROUND_TOLERANCE * 2 // 3 else 0
    )
    seeds = [(x, 0) for x in range(0, width, max(1, width // 32))]
    seeds += [(x, height - 1) for x in range(0, width, max(1, width // 32))]
    seeds += [(0, y) for y in range(0, height, max(1, height // 32))]
    seeds += [(width - 1, y) for y in range(0, height, max(1, height // 32))]
    for seed in seeds:
        if filled.getpixel(seed) == 255:
            ImageDraw.floodfill(filled, seed, 128)
    return filled.point(lambda v: 255 if v == 128 else 0)


def make_cutout(image: Image.Image) -> bytes:
    """A transparent PNG of the product: border-connected light background removed."""
    rgb = _flatten(image)
    rgb.thumbnail((CUTOUT_MAX_EDGE, CUTOUT_MAX_EDGE), Image.Resampling.LANCZOS)
    # The fill runs pixel by pixel in Python, so it works on a small copy; the
    # mask is scaled back up, which also gives the edge a little softness.
    small = rgb.copy()
    small.thumbnail((MASK_EDGE, MASK_EDGE), Image.Resampling.BOX)
    background = _background_mask(small).resize(rgb.size, Image.Resampling.BILINEAR)
    alpha = ImageChops.invert(background).filter(ImageFilter.GaussianBlur(0.6))
    cut = rgb.convert("RGBA")
    cut.putalpha(alpha)
    box = alpha.point(lambda v: 255 if v > 16 else 0).getbbox()
    if box:
        margin = 4
        box = (
            max(0, box[0] - margin),
            max(0, box[1] - margin),
            min(cut.width, box[2] + margin),
            min(cut.height, box[3] + margin),
        )
        cut = cut.crop(box)
    buffer = io.BytesIO()
    cut.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def classify(rgb: tuple[int, int, int]) -> str:
    """The palette name of one colour: greys by lightness first, then by hue."""
    r, g, b = (channel / 255 for channel in rgb)
    hue, lightness, saturation = colorsys.rgb_to_hls(r, g, b)
    degrees = hue * 360
    chroma = max(r, g, b) - min(r, g, b)
    if chroma < 0.09 or (saturation < 0.12 and chroma < 0.2):
        if lightness < 0.2:
            return "black"
        if lightness > 0.86:
            return "white"
        return "grey"
    if lightness < 0.1:
        return "black"
    if lightness > 0.93:
        return "white"
    warm = degrees < 50 or degrees >= 340
    if warm and lightness > 0.72 and saturation < 0.6:
        return "pink" if degrees >= 340 or degrees < 12 else "beige"
    if 20 <= degrees < 50 and lightness < 0.42:
        return "brown"
    if (degrees < 20 or degrees >= 345) and lightness < 0.3 and saturation < 0.55:
        return "brown"
    if 30 <= degrees < 55 and saturation < 0.45 and lightness > 0.55:
        return "beige"
    if degrees < 12 or degrees >= 345:
        return "red"
    if degrees < 40:
        return "orange"
    if degrees < 50:
        return "gold" if lightness < 0.55 else "yellow"
    if degrees < 68:
        return "yellow"
    if degrees < 160:
        return "green"
    if degrees < 190:
        return "teal"
    if degrees < 250:
        return "navy" if lightness < 0.33 else "blue"
    if degrees < 295:
        return "purple"
    return "pink"


def dominant_colours(image: Image.Image, *, limit: int = 3) -> list[tuple[str, float]]:
    """(palette name, share of the product's pixels), largest first, background ignored."""
    rgb = _flatten(image)
    rgb.thumbnail((COLOUR_SAMPLE_EDGE, COLOUR_SAMPLE_EDGE), Image.Resampling.BOX)
    foreground = ImageChops.invert(_background_mask(rgb))
    # Edge pixels are half product, half background: a one-pixel erosion keeps
    # their blend (pink around red) out of the count — unless nothing is left.
    eroded = foreground.filter(ImageFilter.MinFilter(3))
    if eroded.getbbox() is not None:
        foreground = eroded
    counts: dict[str, int] = {}
    pixels = rgb.getdata()
    mask = foreground.getdata()
    total = 0
    for pixel, is_product in zip(pixels, mask, strict=True):
        if not is_product:
            continue
        name = classify(pixel)
        counts[name] = counts.get(name, 0) + 1
        total += 1
    if not total:
        return []
    shares = sorted(
        ((name, count / total) for name, count in counts.items()),
        key=lambda item: -item[1],
    )
    return [
        (name, round(share, 3))
        for name, share in shares[:limit]
        if share >= MIN_COLOUR_SHARE
    ]


def process_image_file(
    fileobj: BinaryIO, sizes: dict[str, int] | None = None
) -> ProcessedImage:
    """Everything the shop keeps for one uploaded image, from one decode."""
    if sizes is None:
        from django.conf import settings

        sizes = settings.SHOP_IMAGE_RENDITIONS
    try:
        image = open_upright(fileobj)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ImageRejected("The image file is damaged or not an image.") from exc
    return ProcessedImage(
        width=image.width,
        height=image.height,
        renditions=make_renditions(image, sizes),
        cutout=make_cutout(image),
        colours=dominant_colours(image),
    )
