"""The product image pipeline, Pillow only.

Validation refuses anything that is not a real raster image before a pixel is
decoded. Processing turns the image upright, into sRGB and free of metadata, then
makes WebP renditions, a transparent cut-out for the set editor and the product's
dominant colours on the shop's named palette, ignoring the plain light background
that product shots have.
"""

from __future__ import annotations

import io
import math
import os
import warnings
from dataclasses import dataclass
from functools import lru_cache
from typing import BinaryIO

from PIL import (
    Image,
    ImageChops,
    ImageCms,
    ImageDraw,
    ImageFilter,
    ImageOps,
    UnidentifiedImageError,
)

from shop.models import Colour

ImageSource = Image.Image | str | os.PathLike[str] | BinaryIO
RGB = tuple[int, int, int]

# Pillow identifies the file from its bytes, never from its name; restricting the
# plugins also keeps PSD, EPS, TIFF… parsers away from untrusted uploads.
OPEN_FORMATS = ["JPEG", "PNG", "WEBP", "GIF"]
WORKING_EDGE = 800  # cut-out and colours: plenty for the editor, keeps masks fast
FLOOD_EDGE = 220  # the pure-Python flood fill only ever runs on an image this small
COLOUR_SAMPLE_EDGE = 100
MIN_COLOUR_SHARE = 0.08
WEBP_QUALITY = 85
_SRGB = ImageCms.createProfile("sRGB")

# Reference colours, first one the swatch. Several per name because "blue" covers
# sky blue and denim: nearest-reference works far better than one point per name.
PALETTE: dict[str, tuple[RGB, ...]] = {
    Colour.BLACK: ((20, 20, 20),),
    Colour.WHITE: ((245, 245, 245),),
    Colour.GREY: ((128, 128, 128), (80, 80, 80), (190, 190, 190)),
    Colour.RED: ((200, 30, 40), (140, 20, 30), (230, 50, 50), (110, 35, 45)),
    Colour.PINK: ((236, 120, 170), (248, 190, 210), (215, 50, 120), (200, 130, 150)),
    Colour.ORANGE: ((240, 130, 20), (250, 150, 90), (220, 90, 30)),
    Colour.YELLOW: ((245, 210, 40), (250, 235, 120)),
    Colour.GREEN: (
        (30, 150, 60),
        (20, 80, 40),
        (110, 120, 40),
        (150, 200, 80),
        (140, 180, 150),
    ),
    Colour.TEAL: ((15, 140, 130), (20, 90, 90), (70, 200, 190)),
    Colour.BLUE: (
        (37, 99, 235),
        (0, 0, 255),
        (30, 80, 170),
        (100, 150, 235),
        (170, 210, 235),
        (80, 110, 160),
    ),
    Colour.NAVY: ((28, 40, 92), (20, 28, 60), (0, 0, 128), (25, 25, 112)),
    Colour.PURPLE: ((120, 50, 190), (80, 35, 110), (180, 150, 220), (80, 0, 135)),
    Colour.BROWN: ((120, 70, 30), (80, 50, 30), (160, 110, 70)),
    Colour.BEIGE: ((230, 215, 185), (210, 190, 150), (245, 235, 210)),
    Colour.GOLD: ((212, 175, 55), (180, 140, 40)),
}


class ImageRejected(Exception):
    """An image we will not store or cannot process; ``message`` tells the merchant why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ValidatedImage:
    format: str  # JPEG, PNG, WEBP or GIF
    width: int
    height: int


@dataclass(frozen=True)
class ProcessedImage:
    width: int  # upright, as shoppers see it
    height: int
    renditions: dict[str, bytes]  # name -> WebP
    cutout: bytes  # PNG with alpha
    colours: list[tuple[str, float]]  # (Colour value, share of the product's pixels)


# --- validation --------------------------------------------------------------------


def validate_image_upload(
    fileobj: BinaryIO | str | os.PathLike[str], *, max_bytes: int, max_pixels: int
) -> ValidatedImage:
    """Refuse oversized files, non-images (SVG, HTML…), corrupt files and pixel bombs.

    Raises ImageRejected and nothing else. A file object is left rewound to 0.
    """
    if isinstance(fileobj, str | os.PathLike):
        try:
            with open(fileobj, "rb") as handle:
                return validate_image_upload(
                    handle, max_bytes=max_bytes, max_pixels=max_pixels
                )
        except OSError:
            raise ImageRejected("The file could not be read.") from None
    try:
        size = getattr(fileobj, "size", None)
        if size is None:
            fileobj.seek(0, io.SEEK_END)
            size = fileobj.tell()
        fileobj.seek(0)
    except (OSError, ValueError, AttributeError):
        raise ImageRejected("The file could not be read.") from None
    if size > max_bytes:
        raise ImageRejected(
            f"The file is {size / 2**20:.1f} MB; images may be at most "
            f"{max_bytes / 2**20:.1f} MB."
        )
    if size == 0:
        raise ImageRejected("The file is empty.")
    try:
        with warnings.catch_warnings():
            # Pillow only warns between 1x and 2x its own pixel limit; refuse those too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # open() reads the header only, so the size is checked before decoding.
            with Image.open(fileobj, formats=OPEN_FORMATS) as image:
                # A camera JPEG carrying a second picture opens as MPO: still a JPEG.
                image_format = "JPEG" if image.format == "MPO" else str(image.format)
                width, height = image.size
                if width * height > max_pixels:
                    raise ImageRejected(
                        f"The image is {width}×{height} pixels; images may have at most "
                        f"{max_pixels / 1_000_000:g} megapixels."
                    )
                image.verify()  # checksums and structure, without decoding
            fileobj.seek(0)
            # verify() misses a JPEG cut short; only a full decode notices.
            with Image.open(fileobj, formats=OPEN_FORMATS) as image:
                image.load()
    except ImageRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRejected(
            "The image has too many pixels; images may have at most "
            f"{max_pixels / 1_000_000:g} megapixels."
        ) from None
    except UnidentifiedImageError:
        raise ImageRejected(
            "This file is not an image we can read; upload a JPEG, PNG, WebP or GIF."
        ) from None
    except Exception:  # a hostile file can make a decoder raise almost anything
        raise ImageRejected("The image file is damaged or incomplete.") from None
    finally:
        fileobj.seek(0)
    return ValidatedImage(format=image_format, width=width, height=height)


# --- decoding ----------------------------------------------------------------------


def _open_rgb(source: ImageSource) -> Image.Image:
    """Decoded, upright, sRGB, flattened onto white, without metadata."""
    try:
        if isinstance(source, Image.Image):
            return _normalise(source)
        with Image.open(source, formats=OPEN_FORMATS) as image:
            image.load()
            return _normalise(image)
    except Exception as exc:  # stored files can be as hostile as uploads, EXIF too
        raise ImageRejected("The image file is damaged or not an image.") from exc


def _normalise(image: Image.Image) -> Image.Image:
    image = ImageOps.exif_transpose(image)
    if image.mode in ("I", "I;16", "I;16B", "I;16L"):
        # 16-bit greyscale would clip to white on a plain convert; scale it down.
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    image = _to_srgb(image)
    if image.has_transparency_data:
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
    else:
        flat = image.convert("RGB")
    flat.info = {}  # EXIF (GPS, camera serials) and the ICC profile never leave here
    return flat


def _to_srgb(image: Image.Image) -> Image.Image:
    # Phone photos are often Display P3; dropping the profile without converting
    # would dull every colour, in the renditions and in the colour names.
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in ("RGB", "RGBA", "CMYK", "L"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        mode = "RGBA" if image.mode == "RGBA" else "RGB"
        converted = ImageCms.profileToProfile(image, source, _SRGB, outputMode=mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image  # a broken profile: the pixels are still better than nothing
    return converted or image


def _working_copy(rgb: Image.Image) -> Image.Image:
    working = rgb.copy()
    working.thumbnail((WORKING_EDGE, WORKING_EDGE), Image.Resampling.BILINEAR)
    return working


# --- renditions --------------------------------------------------------------------


def make_renditions(source: ImageSource, sizes: dict[str, int]) -> dict[str, bytes]:
    """WebP per name, longest edge = size (never upscaled), upright, no metadata."""
    return _renditions(_open_rgb(source), sizes)


def _renditions(rgb: Image.Image, sizes: dict[str, int]) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    current = rgb
    # Largest first, each made from the one before: faster, and from a source at
    # least as large as the target, so the quality is the same.
    for name, edge in sorted(sizes.items(), key=lambda item: -item[1]):
        current = current.copy()
        current.thumbnail((edge, edge), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        current.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4)
        out[name] = buffer.getvalue()
    return {name: out[name] for name in sizes}


# --- background --------------------------------------------------------------------


def _background_mask(rgb: Image.Image) -> Image.Image:
    """L image, 255 where the plain light background reachable from the border is.

    Connected to the border, not a global threshold, so that white parts inside the
    product (a collar, a mug's glaze) stay. All zeros when there is no plain light
    background to remove (a lifestyle photo): then nothing is cut away.
    """
    width, height = rgb.size
    strips = [(0, 0, width, 1), (0, height - 1, width, height), (0, 0, 1, height)]
    strips.append((width - 1, 0, width, height))
    histogram = _histogram(rgb, strips)
    reference = tuple(
        _quantile(histogram[i * 256 : i * 256 + 256], 0.5) for i in range(3)
    )
    nothing = Image.new("L", rgb.size, 0)
    if min(reference) < 165 or max(reference) - min(reference) > 40:
        return nothing  # not a light, near-neutral backdrop
    difference = ImageChops.difference(rgb, Image.new("RGB", rgb.size, reference))
    red, green, blue = difference.split()
    distance = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    border_distance = _histogram(distance, strips)
    # The tolerance follows how noisy the backdrop is (JPEG noise, a soft gradient),
    # within limits so that a cream product on white is not eaten.
    typical = _quantile(border_distance, 0.5)
    if typical > 12:
        return nothing  # a textured or busy border: not a studio backdrop
    tolerance = max(14, min(40, 2 * typical + 14))
    near = distance.point(lambda value: 255 if value <= tolerance else 0)

    # Flood fill is pure Python, so connectivity is found on a small conservative
    # copy (a pixel counts only if all the pixels it stands for are background) and
    # then refined level by level with cheap constrained dilations.
    levels = [near]
    while max(levels[-1].size) > FLOOD_EDGE:
        levels.append(
            levels[-1].reduce(2).point(lambda value: 255 if value == 255 else 0)
        )
    background = _flood_from_border(levels[-1])
    for level in reversed(levels[:-1]):
        seed = background.resize(level.size, Image.Resampling.NEAREST)
        seed = ImageChops.lighter(seed, _frame(level.size))
        background = ImageChops.darker(seed, level)
        for _ in range(4):
            background = ImageChops.darker(
                background.filter(ImageFilter.MaxFilter(3)), level
            )
    return background


def _flood_from_border(near: Image.Image) -> Image.Image:
    mask = near.copy()
    width, height = mask.size
    border = [(x, y) for x in range(width) for y in (0, height - 1)]
    border += [(x, y) for y in range(height) for x in (0, width - 1)]
    # Every border pixel is a seed: the product may split the backdrop in parts.
    for point in border:
        if mask.getpixel(point) == 255:
            ImageDraw.floodfill(mask, point, 128)
    return mask.point(lambda value: 255 if value == 128 else 0)


def _frame(size: tuple[int, int]) -> Image.Image:
    frame = Image.new("L", size, 0)
    ImageDraw.Draw(frame).rectangle((0, 0, size[0] - 1, size[1] - 1), outline=255)
    return frame


def _histogram(image: Image.Image, boxes: list[tuple[int, int, int, int]]) -> list[int]:
    total = [0] * (256 * len(image.getbands()))
    for box in boxes:
        total = [a + b for a, b in zip(total, image.crop(box).histogram(), strict=True)]
    return total


def _quantile(histogram: list[int], fraction: float) -> int:
    target = sum(histogram) * fraction
    running = 0
    for value, count in enumerate(histogram):
        running += count
        if running >= target:
            return value
    return len(histogram) - 1


# --- cut-out -----------------------------------------------------------------------


def make_cutout(image: ImageSource) -> bytes:
    """Transparent PNG of the product, its light backdrop removed, cropped close."""
    working = _working_copy(_open_rgb(image))
    return _cutout(working, _background_mask(working))


def _cutout(working: Image.Image, background: Image.Image) -> bytes:
    # The median drops lone pixels of sensor noise or dust, which would show as
    # specks beside the product; the blur keeps the edge from looking cut with
    # scissors on a dark set.
    product = ImageChops.invert(background).filter(ImageFilter.MedianFilter(3))
    alpha = product.filter(ImageFilter.GaussianBlur(0.7))
    # Crop to the product without letting a small fleck stretch the box to a corner.
    opened = product.filter(ImageFilter.MinFilter(5)).filter(ImageFilter.MaxFilter(5))
    box = opened.getbbox() or product.getbbox()
    if box is None:
        # Everything looked like background (a blank or white-on-white shot): an
        # invisible cut-out would be worse than an opaque one.
        alpha, box = Image.new("L", working.size, 255), (0, 0, *working.size)
    margin = max(2, round(max(working.size) * 0.01))
    left, top, right, bottom = box
    box = (
        max(0, left - margin),
        max(0, top - margin),
        min(working.width, right + margin),
        min(working.height, bottom + margin),
    )
    cut = working.convert("RGBA")
    cut.putalpha(alpha)
    buffer = io.BytesIO()
    cut.crop(box).save(buffer, "PNG")
    return buffer.getvalue()


# --- colours -----------------------------------------------------------------------


def dominant_colours(image: ImageSource, *, limit: int = 3) -> list[tuple[str, float]]:
    """(Colour value, share of the product's pixels), largest first, background ignored.

    Colours under MIN_COLOUR_SHARE are dropped, so shares sum to at most 1.
    """
    working = _working_copy(_open_rgb(image))
    return _colours(working, _background_mask(working), limit=limit)


def _colours(
    working: Image.Image, background: Image.Image, *, limit: int
) -> list[tuple[str, float]]:
    factor = max(1, math.ceil(max(working.size) / COLOUR_SAMPLE_EDGE))
    sample = working.reduce(factor)
    # A sample pixel counts only when every pixel it averages is product: that
    # keeps the edge, half product and half backdrop (pink around red), out.
    product = ImageChops.invert(background).reduce(factor)
    product = product.point(lambda value: 255 if value == 255 else 0)
    if factor == 1:
        eroded = product.filter(ImageFilter.MinFilter(3))
        product = eroded if eroded.getbbox() else product
    return colour_shares(sample, product, limit=limit)


def colour_shares(
    rgb: Image.Image, mask: Image.Image, *, limit: int
) -> list[tuple[str, float]]:
    """Named colours of the RGB pixels where ``mask`` is 255, largest share first.

    Shares under MIN_COLOUR_SHARE are dropped. Used for products and for sets.
    """
    # Five bits per channel; (1, 1, 1) cannot occur after that, so it marks
    # what the mask leaves out and getcolors() counts the colours in C.
    quantised = rgb.point(lambda value: value & 0xF8)
    quantised.paste((1, 1, 1), mask=ImageChops.invert(mask))
    counts: dict[str, int] = {}
    for count, colour in quantised.getcolors(quantised.width * quantised.height) or []:
        if colour != (1, 1, 1):
            name = colour_name((colour[0] + 4, colour[1] + 4, colour[2] + 4))
            counts[name] = counts.get(name, 0) + count
    total = sum(counts.values())
    if not total:
        return []
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    shares = [(name, round(count / total, 3)) for name, count in ranked]
    return [(name, share) for name, share in shares if share >= MIN_COLOUR_SHARE][
        :limit
    ]


@lru_cache(maxsize=32768)  # bounded by the 32³ quantised colours fed to it
def colour_name(rgb: RGB) -> str:
    """The palette name a shopper would use for one sRGB colour."""
    high, low = max(rgb) / 255, min(rgb) / 255
    chroma = high - low
    # Neutrals are decided by lightness before any hue is trusted: the hue of a
    # nearly grey pixel is noise. A very dark navy still has chroma, so stays navy.
    if high < 0.12:
        return Colour.BLACK.value
    if chroma < 0.08 or chroma < 0.1 * high:
        lightness = (high + low) / 2
        if lightness < 0.22:
            return Colour.BLACK.value
        return Colour.WHITE.value if lightness > 0.86 else Colour.GREY.value
    lab = _lab(rgb)
    _, name = min(
        (math.dist(lab, reference), name)
        for name, references in _PALETTE_LAB
        for reference in references
    )
    return name


def _lab(rgb: RGB) -> tuple[float, float, float]:
    """CIE L*a*b* (D65): distances there are close to how different colours look."""
    linear = [
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
        for c in (channel / 255 for channel in rgb)
    ]
    r, g, b = linear
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    fx, fy, fz = (
        t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in (x, y, z)
    )
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


_PALETTE_LAB = [
    (name.value, tuple(_lab(reference) for reference in references))
    for name, references in PALETTE.items()
]


# --- everything at once ------------------------------------------------------------


def process_image_file(
    source: ImageSource, sizes: dict[str, int] | None = None
) -> ProcessedImage:
    """Renditions, cut-out and colours from a single decode; raises ImageRejected.

    ``sizes`` defaults to settings.SHOP_IMAGE_RENDITIONS.
    """
    if sizes is None:
        from django.conf import settings

        sizes = settings.SHOP_IMAGE_RENDITIONS
    rgb = _open_rgb(source)
    working = _working_copy(rgb)
    background = _background_mask(working)  # one mask for the cut-out and the colours
    return ProcessedImage(
        width=rgb.width,
        height=rgb.height,
        renditions=_renditions(rgb, sizes),
        cutout=_cutout(working, background),
        colours=_colours(working, background, limit=3),
    )
