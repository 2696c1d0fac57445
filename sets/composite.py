"""A set's picture, drawn with Pillow exactly as the editor's CSS places the items.

Pure pixels: no models, no storage. ``compose`` stacks the cut-outs on a
transparent square; ``render`` adds the white background, the JPEG files and the
dominant colours. Geometry is described in sets.models.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from PIL import Image, ImageOps

from shop.images import colour_shares

CANVAS_EDGE = 1200
RENDITION_EDGES = {"medium": 600, "thumb": 300}
BACKGROUND = (255, 255, 255)
JPEG_QUALITY = 88
COLOUR_SAMPLE_EDGE = 100
COLOUR_LIMIT = 4
PREPARE_THREADS = 4


@dataclass(frozen=True)
class Layer:
    """One item to draw: its cut-out (RGBA) and its canvas-relative geometry."""

    image: Image.Image
    x: float
    y: float
    width: float
    height: float
    rotation: float = 0.0
    flip_h: bool = False


@dataclass(frozen=True)
class RenderedSet:
    image: bytes  # JPEG, CANVAS_EDGE square
    renditions: dict[str, bytes]  # name -> JPEG, per RENDITION_EDGES
    colours: list[tuple[str, float]]  # (Colour value, share of the items' pixels)


def compose(layers: Iterable[Layer], *, edge: int = CANVAS_EDGE) -> Image.Image:
    """RGBA square of side ``edge``, transparent where no item is; back to front."""
    layers = list(layers)
    canvas = Image.new("RGBA", (edge, edge), (0, 0, 0, 0))
    # Scaling and turning release the GIL, so items are prepared side by side;
    # only the stacking has to be in order.
    with ThreadPoolExecutor(max_workers=PREPARE_THREADS) as pool:
        prepared = pool.map(lambda layer: _prepare(layer, edge), layers)
        for picture, left, top in prepared:
            _paste(canvas, picture, left, top)
    return canvas


def _prepare(layer: Layer, edge: int) -> tuple[Image.Image, int, int]:
    """The item's picture scaled, mirrored and turned, and where its corner goes."""
    source = layer.image if layer.image.mode == "RGBA" else layer.image.convert("RGBA")
    box_width, box_height = layer.width * edge, layer.height * edge
    # Contained in its box, centred, aspect kept: CSS object-fit: contain.
    scale = min(box_width / source.width, box_height / source.height)
    size = (max(1, round(source.width * scale)), max(1, round(source.height * scale)))
    picture = (
        source
        if size == source.size
        # Bicubic after a box reduction: within a hair of Lanczos on a downscale at
        # half its cost, which keeps a 20-item render under the 300 ms budget.
        else source.resize(size, Image.Resampling.BICUBIC, reducing_gap=2.0)
    )
    # CSS applies "rotate(r) scaleX(-1)" right to left: mirror first, then rotate.
    if layer.flip_h:
        picture = ImageOps.mirror(picture)
    if layer.rotation % 360:
        # Pillow turns counter-clockwise, CSS clockwise. Premultiplied alpha keeps
        # the transparent surroundings from bleeding dark into the edge.
        picture = (
            picture.convert("RGBa")
            .rotate(-layer.rotation, resample=Image.Resampling.BICUBIC, expand=True)
            .convert("RGBA")
        )
    centre_x = (layer.x + layer.width / 2) * edge
    centre_y = (layer.y + layer.height / 2) * edge
    return (
        picture,
        round(centre_x - picture.width / 2),
        round(centre_y - picture.height / 2),
    )


def _paste(canvas: Image.Image, picture: Image.Image, left: int, top: int) -> None:
    """Alpha-composite ``picture`` at (left, top), clipped to the canvas."""
    crop_left, crop_top = max(0, -left), max(0, -top)
    crop_right = min(picture.width, canvas.width - left)
    crop_bottom = min(picture.height, canvas.height - top)
    if crop_right <= crop_left or crop_bottom <= crop_top:
        return  # entirely off the canvas
    if (crop_left, crop_top, crop_right, crop_bottom) != (0, 0, *picture.size):
        picture = picture.crop((crop_left, crop_top, crop_right, crop_bottom))
    canvas.alpha_composite(picture, dest=(max(0, left), max(0, top)))


def flatten(canvas: Image.Image) -> Image.Image:
    """RGB on the set's white background."""
    flat = Image.new("RGB", canvas.size, BACKGROUND)
    flat.paste(canvas, mask=canvas.getchannel("A"))
    return flat


def colours(
    canvas: Image.Image, *, limit: int = COLOUR_LIMIT
) -> list[tuple[str, float]]:
    """Named colours of the items' pixels (background ignored), largest share first."""
    factor = max(1, canvas.width // COLOUR_SAMPLE_EDGE)
    sample = canvas.reduce(factor)
    # A sample pixel counts only when every pixel it averages is opaque item: the
    # soft edges, half item and half transparent, would read as darker colours.
    covered = sample.getchannel("A").point(lambda value: 255 if value == 255 else 0)
    return colour_shares(sample.convert("RGB"), covered, limit=limit)


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY)
    return buffer.getvalue()


def render(layers: Iterable[Layer]) -> RenderedSet:
    """The set's picture and its smaller renditions as JPEG, with its colours."""
    canvas = compose(layers)
    flat = flatten(canvas)
    renditions = {}
    current = flat
    for name, edge in sorted(RENDITION_EDGES.items(), key=lambda item: -item[1]):
        if current.width % edge == 0:
            current = current.reduce(current.width // edge)  # an exact box average
        else:
            current = current.resize(
                (edge, edge), Image.Resampling.LANCZOS, reducing_gap=2.0
            )
        renditions[name] = _jpeg(current)
    return RenderedSet(
        image=_jpeg(flat), renditions=renditions, colours=colours(canvas)
    )
