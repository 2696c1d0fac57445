"""The small drawing layer under the demo product pictures.

Everything is drawn in a 0–100 box (x to the right, y down) on a canvas twice the
requested size, then scaled down with LANCZOS, which smooths the edges. Shapes are
plain values — a list of points (a polygon), ``Oval`` or ``Box`` — so the same
shape can be filled, outlined and used to clip the shading drawn inside it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

Colour = tuple[int, int, int]
Point = tuple[float, float]

BACKGROUND: Colour = (246, 245, 242)
WHITE: Colour = (252, 251, 248)
INK: Colour = (24, 22, 34)
GOLD: Colour = (212, 170, 60)
SILVER: Colour = (196, 198, 204)
LEAF: Colour = (60, 132, 78)
GLASS: Colour = (214, 226, 232)
LINEN: Colour = (236, 228, 212)

SUPERSAMPLE = 2


# --- colour -------------------------------------------------------------------------


def mix(a: Colour, b: Colour, t: float) -> Colour:
    """``a`` moved a fraction ``t`` of the way to ``b``."""
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def luma(colour: Colour) -> float:
    red, green, blue = colour
    return 0.299 * red + 0.587 * green + 0.114 * blue


def shadow(colour: Colour, t: float = 0.2) -> Colour:
    """A fold or underside: darker, a little cooler; stronger on dark colours."""
    return mix(colour, INK, min(0.9, t * (1.6 if luma(colour) < 90 else 1.0)))


def light(colour: Colour, t: float = 0.2) -> Colour:
    """A lit edge or sheen: lighter, a little warmer; weaker on pale colours."""
    return mix(colour, (255, 254, 250), t * (0.6 if luma(colour) > 200 else 1.0))


def edge(colour: Colour) -> Colour:
    """The thin outline around a part: darker, or on near-black a little lighter."""
    return light(colour, 0.2) if luma(colour) < 45 else shadow(colour, 0.32)


def detail(colour: Colour, t: float = 0.3) -> Colour:
    """A stitch, button or print that reads against ``colour``."""
    return light(colour, t + 0.1) if luma(colour) < 70 else shadow(colour, t)


def contrast(colour: Colour) -> Colour:
    """A print colour for the top of ``colour``: cream on dark, ink on light."""
    return (246, 240, 226) if luma(colour) < 150 else (40, 38, 52)


# --- geometry -----------------------------------------------------------------------


@dataclass(frozen=True)
class Oval:
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float
    radius: float = 0


Shape = Sequence[Point] | Oval | Box


class Path:
    """A polygon built from straight lines and Bézier curves."""

    def __init__(self, x: float, y: float):
        self.points: list[Point] = [(x, y)]

    def to(self, x: float, y: float) -> Path:
        self.points.append((x, y))
        return self

    def curve(self, cx: float, cy: float, x: float, y: float, steps: int = 14) -> Path:
        """Quadratic Bézier through control point (cx, cy)."""
        (x0, y0) = self.points[-1]
        for i in range(1, steps + 1):
            t = i / steps
            u = 1 - t
            self.points.append(
                (
                    u * u * x0 + 2 * u * t * cx + t * t * x,
                    u * u * y0 + 2 * u * t * cy + t * t * y,
                )
            )
        return self

    def cubic(
        self,
        c1: Point,
        c2: Point,
        x: float,
        y: float,
        steps: int = 18,
    ) -> Path:
        (x0, y0) = self.points[-1]
        for i in range(1, steps + 1):
            t = i / steps
            u = 1 - t
            a, b, c, d = u**3, 3 * u * u * t, 3 * u * t * t, t**3
            self.points.append(
                (
                    a * x0 + b * c1[0] + c * c2[0] + d * x,
                    a * y0 + b * c1[1] + c * c2[1] + d * y,
                )
            )
        return self


def mirror(half: Sequence[Point], axis: float = 50) -> list[Point]:
    """A symmetric outline from its right half, drawn from top centre to bottom centre."""
    return list(half) + [(2 * axis - x, y) for x, y in reversed(half)]


def flip(shape, axis: float = 50):
    """``shape`` mirrored left to right about x = ``axis``."""
    if isinstance(shape, Oval | Box):
        x0, x1 = 2 * axis - shape.x1, 2 * axis - shape.x0
        if isinstance(shape, Box):
            return Box(x0, shape.y0, x1, shape.y1, shape.radius)
        return Oval(x0, shape.y0, x1, shape.y1)
    return [(2 * axis - x, y) for x, y in shape]


def arc_points(
    cx: float,
    cy: float,
    rx: float,
    ry: float,
    start: float,
    end: float,
    steps: int = 32,
) -> list[Point]:
    """Points on an ellipse, angles in degrees, clockwise from 3 o'clock (y down)."""
    return [
        (
            cx + rx * math.cos(math.radians(start + (end - start) * i / steps)),
            cy + ry * math.sin(math.radians(start + (end - start) * i / steps)),
        )
        for i in range(steps + 1)
    ]


def star_points(cx: float, cy: float, outer: float, inner: float, spikes: int = 5):
    points = []
    for i in range(spikes * 2):
        radius = outer if i % 2 == 0 else inner
        angle = math.radians(-90 + i * 180 / spikes)
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def lerp(a: Point, b: Point, t: float) -> Point:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


# --- canvas -------------------------------------------------------------------------


@lru_cache(maxsize=64)
def font(pixels: int) -> ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=max(6, pixels))


class Canvas:
    """Draws shapes given in 0–100 units onto an image (or a clipped region of it)."""

    def __init__(self, image: Image.Image, scale: float, offset: Point = (0, 0)):
        self.image = image
        self.scale = scale
        self.offset = offset
        self.draw = ImageDraw.Draw(image)

    @classmethod
    def blank(cls, size: int, background: Colour = BACKGROUND) -> Canvas:
        pixels = size * SUPERSAMPLE
        return cls(Image.new("RGB", (pixels, pixels), background), pixels / 100)

    def result(self, size: int) -> Image.Image:
        return self.image.resize((size, size), Image.Resampling.LANCZOS)

    # transforms

    def _xy(self, points: Sequence[Point]) -> list[Point]:
        s, (ox, oy) = self.scale, self.offset
        return [(x * s - ox, y * s - oy) for x, y in points]

    def _box(self, x0: float, y0: float, x1: float, y1: float) -> list[float]:
        (a, b), (c, d) = self._xy([(x0, y0), (x1, y1)])
        return [min(a, c), min(b, d), max(a, c), max(b, d)]

    def _width(self, width: float) -> int:
        return max(1, round(width * self.scale))

    def _render(self, draw, shape: Shape, fill) -> None:
        if isinstance(shape, Oval):
            draw.ellipse(self._box(shape.x0, shape.y0, shape.x1, shape.y1), fill=fill)
        elif isinstance(shape, Box):
            box = self._box(shape.x0, shape.y0, shape.x1, shape.y1)
            radius = min(
                shape.radius * self.scale, (box[2] - box[0]) / 2, (box[3] - box[1]) / 2
            )
            draw.rounded_rectangle(box, radius=max(0, radius), fill=fill)
        else:
            draw.polygon(self._xy(shape), fill=fill)

    # drawing

    def fill(self, shape: Shape, colour: Colour) -> None:
        self._render(self.draw, shape, colour)

    def glaze(self, shape: Shape, colour: Colour, opacity: float) -> None:
        """Lay ``colour`` over ``shape`` at ``opacity``, so prints show through shading."""
        mask = Image.new("L", self.image.size, 0)
        self._render(ImageDraw.Draw(mask), shape, round(255 * opacity))
        box = mask.getbbox()
        if box:
            self.image.paste(colour, box, mask.crop(box))

    def stroke(self, shape: Shape, colour: Colour, width: float = 0.45) -> None:
        """An outline centred on the shape's edge."""
        pixels = self._width(width)
        if isinstance(shape, Oval):
            box = self._box(shape.x0, shape.y0, shape.x1, shape.y1)
            half = pixels / 2
            grown = [box[0] - half, box[1] - half, box[2] + half, box[3] + half]
            self.draw.ellipse(grown, outline=colour, width=pixels)
        elif isinstance(shape, Box):
            box = self._box(shape.x0, shape.y0, shape.x1, shape.y1)
            half = pixels / 2
            grown = [box[0] - half, box[1] - half, box[2] + half, box[3] + half]
            radius = min(
                shape.radius * self.scale, (box[2] - box[0]) / 2, (box[3] - box[1]) / 2
            )
            self.draw.rounded_rectangle(
                grown, radius=max(0, radius + half), outline=colour, width=pixels
            )
        else:
            points = self._xy(shape)
            self.draw.line(
                [*points, points[0], points[1]],
                fill=colour,
                width=pixels,
                joint="curve",
            )

    def line(self, points: Sequence[Point], colour: Colour, width: float = 0.5) -> None:
        pixels = self._width(width)
        xy = self._xy(points)
        self.draw.line(xy, fill=colour, width=pixels, joint="curve")
        if pixels > 3:  # round caps
            r = pixels / 2 - 0.5
            for x, y in (xy[0], xy[-1]):
                self.draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)

    def dashed(
        self,
        points: Sequence[Point],
        colour: Colour,
        width: float = 0.35,
        dash: float = 1.6,
    ) -> None:
        """A stitch line: dashes of ``dash`` units along the polyline."""
        on, carried = True, 0.0
        for a, b in zip(points, points[1:], strict=False):
            length = math.dist(a, b)
            t = 0.0
            while t < length:
                step = min(dash - carried, length - t)
                if on:
                    self.line(
                        [lerp(a, b, t / length), lerp(a, b, (t + step) / length)],
                        colour,
                        width,
                    )
                t += step
                carried += step
                if carried >= dash - 1e-9:
                    on, carried = not on, 0.0

    def dot(self, x: float, y: float, r: float, colour: Colour) -> None:
        self.fill(Oval(x - r, y - r, x + r, y + r), colour)

    def text(
        self,
        xy: Point,
        text: str,
        colour: Colour,
        size: float,
        anchor: str = "mm",
        bold: float = 0,
    ) -> None:
        """``text`` at ``size`` units tall; ``bold`` thickens the strokes (units)."""
        self.draw.text(
            self._xy([xy])[0],
            text,
            fill=colour,
            font=font(round(size * self.scale)),
            anchor=anchor,
            stroke_width=round(bold * self.scale),
            stroke_fill=colour,
        )

    def text_width(self, text: str, size: float) -> float:
        """Width of ``text`` in units."""
        return font(round(size * self.scale)).getlength(text) / self.scale

    def zoomed(self, centre: Point, factor: float, to: Point) -> Canvas:
        """A view drawing what is designed around ``centre`` at ``to``, ``factor`` times the size."""
        s = self.scale
        ox = self.offset[0] - (to[0] - centre[0] * factor) * s
        oy = self.offset[1] - (to[1] - centre[1] * factor) * s
        view = Canvas(self.image, s * factor, (ox, oy))
        view.draw = self.draw
        return view

    @contextmanager
    def clip(self, *shapes: Shape) -> Iterator[Canvas]:
        """Draw inside the union of ``shapes`` only."""
        mask = Image.new("L", self.image.size, 0)
        draw = ImageDraw.Draw(mask)
        for shape in shapes:
            self._render(draw, shape, 255)
        box = mask.getbbox()
        if box is None:
            yield Canvas(Image.new("RGB", (1, 1)), self.scale)
            return
        region = self.image.crop(box)
        yield Canvas(
            region, self.scale, (self.offset[0] + box[0], self.offset[1] + box[1])
        )
        self.image.paste(region, box, mask.crop(box))

    @contextmanager
    def part(
        self,
        shape: Shape,
        colour: Colour,
        outline: Colour | None | bool = True,
        width: float = 0.45,
    ) -> Iterator[Canvas]:
        """Fill ``shape``, let the caller shade inside it, then outline it."""
        self.fill(shape, colour)
        with self.clip(shape) as inside:
            yield inside
        if outline:
            self.stroke(shape, edge(colour) if outline is True else outline, width)

    def piece(
        self,
        shape: Shape,
        colour: Colour,
        outline: Colour | None | bool = True,
        width: float = 0.45,
    ) -> None:
        """A filled, outlined shape with nothing drawn inside."""
        self.fill(shape, colour)
        if outline:
            self.stroke(shape, edge(colour) if outline is True else outline, width)


def crease(
    c: Canvas,
    start: Point,
    bend: Point,
    end: Point,
    width: float,
    colour: Colour,
    opacity: float | None = None,
) -> None:
    """A tapered fold: a thin lens from ``start`` to ``end``, bowed towards ``bend``.

    Opaque in ``colour``, or with ``opacity`` a glaze of it over what is beneath.
    """
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = math.hypot(dx, dy) or 1
    nx, ny = -dy / length * width, dx / length * width
    lens = (
        Path(*start)
        .curve(bend[0] + nx, bend[1] + ny, *end)
        .curve(bend[0] - nx, bend[1] - ny, *start)
    )
    if opacity is None:
        c.fill(lens.points, colour)
    else:
        c.glaze(lens.points, colour, opacity)
