"""Jewellery and accessories: ``colour`` is the stone, strap, frame or fabric."""

from __future__ import annotations

import math
import random

from .canvas import (
    BACKGROUND,
    GOLD,
    INK,
    WHITE,
    Box,
    Canvas,
    Colour,
    Oval,
    Path,
    arc_points,
    contrast,
    crease,
    detail,
    edge,
    flip,
    light,
    mix,
    shadow,
)

# --- jewellery ----------------------------------------------------------------------


def _gem(c: Canvas, shape, colour: Colour) -> None:
    """A cut stone: lit facets top left, shade bottom right, a glint."""
    x0, y0, x1, y1 = _bounds(shape)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    with c.part(shape, colour, shadow(colour, 0.45), 0.35) as k:
        k.fill(
            [(x0 - 5, y0 - 5), (cx + 1, y0 - 5), (cx, cy), (x0 - 5, cy + 1)],
            light(colour, 0.22),
        )
        k.fill(
            [(x1 + 5, y1 + 5), (cx - 1, y1 + 5), (cx, cy), (x1 + 5, cy - 1)],
            shadow(colour, 0.22),
        )
        w, h = (x1 - x0) * 0.22, (y1 - y0) * 0.22
        k.piece(
            [
                (cx - w, cy - h),
                (cx + w, cy - h),
                (cx + w * 1.4, cy),
                (cx, cy + h * 1.6),
                (cx - w * 1.4, cy),
            ],
            light(colour, 0.08),
            light(colour, 0.3),
            0.25,
        )
        k.dot(
            x0 + (x1 - x0) * 0.3,
            y0 + (y1 - y0) * 0.28,
            min(x1 - x0, y1 - y0) * 0.07,
            WHITE,
        )


def _bounds(shape) -> tuple[float, float, float, float]:
    if isinstance(shape, Oval | Box):
        return shape.x0, shape.y0, shape.x1, shape.y1
    xs, ys = [x for x, _ in shape], [y for _, y in shape]
    return min(xs), min(ys), max(xs), max(ys)


def _metal_line(c: Canvas, points, metal: Colour, width: float) -> None:
    c.line(points, shadow(metal, 0.3), width)
    c.line(points, metal, width * 0.62)
    c.dashed(points, light(metal, 0.45), width * 0.25, dash=0.9)


def _drop(cx: float, top: float, width: float, height: float) -> list:
    """A teardrop hanging from (cx, top)."""
    r = width / 2
    return (
        Path(cx, top)
        .curve(cx + r * 0.9, top + height * 0.3, cx + r, top + height - r)
        .cubic(
            (cx + r, top + height + r * 0.35),
            (cx - r, top + height + r * 0.35),
            cx - r,
            top + height - r,
        )
        .curve(cx - r * 0.9, top + height * 0.3, cx, top)
        .points
    )


def necklace(
    c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random
) -> None:
    metal = accent or GOLD
    bottom = 58.0 + rng.uniform(-3, 3)
    half = Path(18, 6).cubic((19, 44), (36, bottom), 50, bottom).points
    chain = half + [(100 - x, y) for x, y in reversed(half[:-1])]
    if rng.random() < 0.4:  # a strand of beads
        bead = rng.choice([colour, (244, 238, 226)])
        for x, y in chain[::2]:
            c.piece(
                Oval(x - 1.7, y - 1.7, x + 1.7, y + 1.7), bead, shadow(bead, 0.35), 0.25
            )
            c.dot(x - 0.5, y - 0.6, 0.55, light(bead, 0.6))
    else:
        _metal_line(c, chain, metal, 1.1)
    c.piece(Oval(47.6, bottom - 1.4, 52.4, bottom + 5), metal, shadow(metal, 0.35), 0.3)
    c.fill(Oval(48.9, bottom, 51.1, bottom + 3.4), BACKGROUND)
    style = rng.choice(["drop", "round", "heart"])
    top = bottom + 4.4
    if style == "drop":
        setting = _drop(50, top, 17, 26)
        c.piece(setting, metal, shadow(metal, 0.35), 0.35)
        _gem(c, _drop(50, top + 2.4, 13.4, 21.6), colour)
    elif style == "round":
        c.piece(Oval(39, top, 61, top + 22), metal, shadow(metal, 0.35), 0.35)
        _gem(c, Oval(41.4, top + 2.4, 58.6, top + 19.6), colour)
    else:
        heart = (
            Path(50, top + 5)
            .cubic((46, top - 2), (36, top + 2), 38, top + 10)
            .curve(40, top + 17, 50, top + 24)
            .curve(60, top + 17, 62, top + 10)
            .cubic((64, top + 2), (54, top - 2), 50, top + 5)
            .points
        )
        c.piece(heart, metal, shadow(metal, 0.35), 0.35)
        inner = [
            (50 + (x - 50) * 0.82, top + 12 + (y - top - 12) * 0.82) for x, y in heart
        ]
        _gem(c, inner, colour)


def earrings(
    c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random
) -> None:
    metal = accent or GOLD
    style = rng.choice(["drop", "hoop", "tassel", "fan"])
    for cx in (33.0, 67.0):
        hook = (
            Path(cx, 26)
            .to(cx, 19)
            .curve(cx, 12, cx + 5, 12.5)
            .curve(cx + 9, 13.5, cx + 8, 20)
            .points
        )
        _metal_line(c, hook, metal, 1.0)
        c.piece(Oval(cx - 2.2, 24.5, cx + 2.2, 28.9), metal, shadow(metal, 0.35), 0.3)
        if style == "drop":
            c.piece(_drop(cx, 28.5, 15, 30), metal, shadow(metal, 0.35), 0.35)
            _gem(c, _drop(cx, 31, 11.6, 25.4), colour)
        elif style == "hoop":
            ring = arc_points(cx, 48, 13, 13, 0, 360, 48)
            _metal_line(c, ring, metal, 2.6)
            _gem(c, Oval(cx - 5, 56, cx + 5, 66), colour)
        elif style == "tassel":
            c.piece(Box(cx - 3, 28.5, cx + 3, 36, 1.2), metal, shadow(metal, 0.35), 0.3)
            tassel = [(cx - 3, 36), (cx + 3, 36), (cx + 7.5, 76), (cx - 7.5, 76)]
            with c.part(tassel, colour) as k:
                for i in range(13):
                    x = cx - 7 + i * 1.17
                    k.line(
                        [(cx + (x - cx) * 0.35, 36), (x, 77)],
                        shadow(colour, 0.22),
                        0.28,
                    )
            c.piece(Box(cx - 3.4, 40, cx + 3.4, 42.4, 0.6), metal)
        else:
            fan = (
                Path(cx, 30)
                .to(cx + 14, 56)
                .curve(cx, 66, cx - 14, 56)
                .to(cx, 30)
                .points
            )
            with c.part(fan, colour) as k:
                for angle in range(-26, 30, 8):
                    dx = math.tan(math.radians(angle)) * 34
                    k.line([(cx, 30), (cx + dx, 66)], shadow(colour, 0.18), 0.35)
            c.line(Path(cx + 14, 56).curve(cx, 66, cx - 14, 56).points, metal, 1.2)


def bracelet(
    c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random
) -> None:
    metal = accent or GOLD
    if rng.random() < 0.5:  # a strand of beads, the back half first
        beads = 20
        points = [
            (
                50 + 31 * math.cos(2 * math.pi * i / beads),
                52 + 20 * math.sin(2 * math.pi * i / beads),
            )
            for i in range(beads)
        ]
        order = sorted(range(beads), key=lambda i: points[i][1])
        for i in order:
            x, y = points[i]
            near = (y - 32) / 40
            r = 4.0 + 1.0 * near
            tone = shadow(colour, 0.25 * (1 - near))
            if i == 5:
                c.piece(
                    Box(x - 3.4, y - 3, x + 3.4, y + 3, 1),
                    metal,
                    shadow(metal, 0.35),
                    0.3,
                )
                c.piece(
                    Oval(x - 3.6, y + 3, x + 3.6, y + 12),
                    metal,
                    shadow(metal, 0.35),
                    0.3,
                )
                continue
            with c.part(
                Oval(x - r, y - r, x + r, y + r), tone, shadow(tone, 0.35), 0.3
            ) as k:
                k.fill(
                    Oval(x - r * 0.3, y - r * 0.2, x + r * 1.6, y + r * 1.6),
                    shadow(tone, 0.15),
                )
            c.dot(x - r * 0.35, y - r * 0.4, r * 0.25, light(tone, 0.6))
    else:  # a bangle
        depth = 13.0
        outer = (16, 30, 84, 64)
        inner = (21.5, 35, 78.5, 59)
        c.fill(
            Oval(outer[0], outer[1] + depth, outer[2], outer[3] + depth),
            shadow(colour, 0.1),
        )
        c.fill(Box(outer[0], 47, outer[2], 47 + depth), shadow(colour, 0.1))
        c.fill(Oval(*outer), colour)
        with c.clip(Oval(*inner)) as k:
            k.fill(Oval(*inner), shadow(colour, 0.3))
            k.fill(
                Oval(inner[0], inner[1] + depth, inner[2], inner[3] + depth), BACKGROUND
            )
        c.stroke(Oval(*inner), shadow(colour, 0.45), 0.35)
        c.line(arc_points(50, 47, 34, 17, 200, 340), light(colour, 0.3), 0.8)
        front = arc_points(50, 47 + depth, 34, 17, 0, 180)
        c.line(front, edge(colour), 0.45)
        c.line([(outer[0], 47), (outer[0], 47 + depth)], edge(colour), 0.45)
        c.line([(outer[2], 47), (outer[2], 47 + depth)], edge(colour), 0.45)
        c.line(arc_points(50, 47, 34, 17, 0, 180), shadow(colour, 0.25), 0.4)
        for t in (0.28, 0.5, 0.72):
            x = 16 + 68 * t
            y = 47 + depth / 2 + 17 * math.sin(math.acos((x - 50) / 34))
            c.piece(
                Oval(x - 2.6, y - 2.6, x + 2.6, y + 2.6),
                metal,
                shadow(metal, 0.35),
                0.3,
            )


def ring(c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random) -> None:
    metal = accent or GOLD
    cx, cy, rx, ry = 50.0, 64.0, 23.0, 25.0
    band = 4.6
    c.fill(
        Oval(cx - rx + 2.4, cy - ry - 1, cx + rx + 2.4, cy + ry - 1), shadow(metal, 0.3)
    )
    c.fill(Oval(cx - rx, cy - ry, cx + rx, cy + ry), metal)
    # through the ring: its inner surface at the back, the table below
    inner = Oval(cx - rx + band, cy - ry + band, cx + rx - band, cy + ry - band)
    c.fill(inner, shadow(metal, 0.24))
    with c.clip(inner) as k:
        k.fill(
            Oval(inner.x0 + 2, inner.y0 + 21, inner.x1 + 1, inner.y1 + 21), BACKGROUND
        )
    c.line(arc_points(cx, cy, rx - 1.6, ry - 1.6, 110, 200), light(metal, 0.45), 0.9)
    c.stroke(Oval(cx - rx, cy - ry, cx + rx, cy + ry), shadow(metal, 0.4), 0.35)
    top = cy - ry
    for s in (-1, 1):
        c.line(
            [(cx + s * 3, top + 3), (cx + s * 9, top - 10)], shadow(metal, 0.25), 1.6
        )
        c.line([(cx + s * 3, top + 3), (cx + s * 9, top - 10)], metal, 1.0)
    c.piece(
        Path(cx - 8, top + 1)
        .to(cx + 8, top + 1)
        .to(cx + 4, top + 5)
        .to(cx - 4, top + 5)
        .points,
        metal,
        shadow(metal, 0.35),
        0.3,
    )
    w = rng.choice([13.0, 15.0])
    stone = [
        (cx - w, top - 12),
        (cx - w * 0.55, top - 19),
        (cx + w * 0.55, top - 19),
        (cx + w, top - 12),
        (cx, top + 1),
    ]
    with c.part(stone, colour, shadow(colour, 0.45), 0.35) as k:
        k.fill(
            [
                (cx - w, top - 12),
                (cx + w, top - 12),
                (cx + w, top - 25),
                (cx - w, top - 25),
            ],
            light(colour, 0.15),
        )
        k.line([(cx - w, top - 12), (cx + w, top - 12)], shadow(colour, 0.3), 0.3)
        for x in (-0.55, 0, 0.55):
            k.line(
                [(cx + w * x * 0.6, top - 12), (cx, top + 1)], shadow(colour, 0.25), 0.3
            )
        k.line(
            [
                (cx - w * 0.55, top - 19),
                (cx - w * 0.2, top - 12),
                (cx + w * 0.2, top - 19),
                (cx + w * 0.55, top - 12),
            ],
            light(colour, 0.35),
            0.3,
        )
        k.fill(
            [(cx - w, top - 12), (cx - w * 0.3, top - 12), (cx, top + 1)],
            light(colour, 0.2),
        )
    for s in (-1, 1):
        c.dot(cx + s * w * 0.9, top - 12.5, 1.1, metal)
    c.dot(cx - w * 0.35, top - 16, 0.9, WHITE)


def watch(c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random) -> None:
    metal = accent or GOLD
    strap_top = Path(40, 30).to(41.5, 5).curve(50, 3.4, 58.5, 5).to(60, 30).points
    with c.part(strap_top, colour) as k:
        k.dashed([(42.6, 30), (43.3, 6.8)], detail(colour, 0.25), 0.3)
        k.dashed([(57.4, 30), (56.7, 6.8)], detail(colour, 0.25), 0.3)
        k.fill(Box(55, 0, 60, 40), shadow(colour, 0.08))
    strap_bottom = Path(40, 68).to(60, 68).to(58.5, 92).curve(50, 99, 41.5, 92).points
    with c.part(strap_bottom, colour) as k:
        k.dashed([(42.6, 68), (43.3, 91)], detail(colour, 0.25), 0.3)
        k.dashed([(57.4, 68), (56.7, 91)], detail(colour, 0.25), 0.3)
        k.fill(Box(55, 0, 60, 100), shadow(colour, 0.08))
        for y in (78, 83, 88):
            k.dot(50, y, 0.9, shadow(colour, 0.5))
    c.piece(Box(39, 74, 61, 77.2, 0.8), shadow(colour, 0.15))
    for y0, y1 in ((28, 36), (64, 72)):
        c.piece(
            Box(38.5, y0, 61.5, y1, 1.5), shadow(metal, 0.08), shadow(metal, 0.4), 0.3
        )
    c.piece(Box(67.5, 46.5, 72.5, 53.5, 1.2), metal, shadow(metal, 0.4), 0.3)
    c.piece(Oval(30, 30, 70, 70), metal, shadow(metal, 0.4), 0.4)
    c.line(arc_points(50, 50, 18.6, 18.6, 150, 250), light(metal, 0.45), 0.9)
    dial_colour = rng.choice([WHITE, (244, 238, 224), mix(colour, INK, 0.35)])
    c.piece(Oval(33.4, 33.4, 66.6, 66.6), dial_colour, shadow(metal, 0.3), 0.4)
    ink = contrast(dial_colour)
    for hour in range(12):
        angle = math.radians(hour * 30)
        long = 2.6 if hour % 3 == 0 else 1.4
        a = (50 + 14.2 * math.sin(angle), 50 - 14.2 * math.cos(angle))
        b = (50 + (14.2 - long) * math.sin(angle), 50 - (14.2 - long) * math.cos(angle))
        c.line([a, b], ink, 0.9 if hour % 3 == 0 else 0.5)
    hour_hand, minute_hand = (
        math.radians(rng.choice([300, 310, 60])),
        math.radians(rng.choice([60, 70, 290])),
    )
    c.line(
        [(50, 50), (50 + 8 * math.sin(hour_hand), 50 - 8 * math.cos(hour_hand))],
        ink,
        1.2,
    )
    c.line(
        [(50, 50), (50 + 12 * math.sin(minute_hand), 50 - 12 * math.cos(minute_hand))],
        ink,
        0.8,
    )
    c.line([(50, 54), (50 + 3, 50 - 13)], (200, 60, 50), 0.3)
    c.dot(50, 50, 1.2, metal)
    c.fill(
        Path(36, 44)
        .curve(40, 36, 48, 35)
        .to(47.5, 36.5)
        .curve(41, 38, 37.5, 45)
        .points,
        light(dial_colour, 0.5),
    )


def sunglasses(
    c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random
) -> None:
    style = rng.choice(["square", "round", "cat"])
    lens_colour = mix(INK, accent or colour, 0.18)

    def lens(cx: float, grow: float) -> list:
        w, h = 15.5 + grow, 11.5 + grow
        if style == "round":
            return arc_points(cx, 50, w - 1, h + 1.5, 0, 360, 48)
        lift = 4.5 if style == "cat" else 0
        return (
            Path(cx - w, 42 - grow * 0.2)
            .curve(cx, 38.5 - grow, cx + w + lift * 0.4, 39.5 - lift - grow)
            .curve(cx + w + 1, 52, cx + w * 0.6, 59 + grow)
            .curve(cx, 64 + grow, cx - w * 0.7, 59 + grow)
            .curve(cx - w - 0.6, 53, cx - w, 42 - grow * 0.2)
            .points
        )

    for side in (1, -1):
        temple = [(84, 43), (93, 44.5), (93, 47), (84, 47)]
        c.piece(temple if side > 0 else flip(temple), shadow(colour, 0.2))
    c.line(Path(43, 46).curve(50, 40, 57, 46).points, edge(colour), 3.6)
    c.line(Path(43, 46).curve(50, 40, 57, 46).points, colour, 2.8)
    for side in (1, -1):
        cx = 50 + side * 18.5
        frame = lens(0, 2.8)
        inner = lens(0, 0)
        frame = [(cx + x * side, y) for x, y in frame]
        inner = [(cx + x * side, y) for x, y in inner]
        with c.part(frame, colour) as k:
            k.line([(cx - 20, 38), (cx + 20, 38)], light(colour, 0.2), 1.0)
        with c.part(inner, lens_colour, shadow(colour, 0.3), 0.4) as k:
            k.fill(Box(cx - 20, 54, cx + 20, 70), light(lens_colour, 0.12))
            k.fill(
                [(cx - 6, 34), (cx - 1.5, 34), (cx - 14, 66), (cx - 18.5, 66)],
                light(lens_colour, 0.22),
            )
            k.fill(
                [(cx + 1, 34), (cx + 2.6, 34), (cx - 9.8, 66), (cx - 11.4, 66)],
                light(lens_colour, 0.16),
            )
    c.dot(32, 40.8, 0.8, light(colour, 0.5))
    c.dot(68, 40.8, 0.8, light(colour, 0.5))


# --- accessories --------------------------------------------------------------------


def hat(c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random) -> None:
    sun = rng.random() < 0.45
    ribbon = accent or (contrast(colour) if sun else shadow(colour, 0.55))
    if sun:
        brim = (3, 50, 97, 84)
        crown = (
            Path(29, 66)
            .curve(27, 30, 50, 30)
            .curve(73, 30, 71, 66)
            .curve(50, 73, 29, 66)
            .points
        )
    else:
        brim = (10, 56, 90, 80)
        crown = (
            Path(27, 67)
            .curve(26, 48, 30, 36)
            .curve(35, 29, 43, 31)
            .curve(50, 36, 57, 31)
            .curve(65, 29, 70, 36)
            .curve(74, 48, 73, 67)
            .curve(50, 73, 27, 67)
            .points
        )
    c.fill(Oval(brim[0], brim[1] + 2.4, brim[2], brim[3] + 2.4), shadow(colour, 0.3))
    with c.part(Oval(*brim), colour) as k:
        if sun:
            for i in range(1, 7):
                t = i / 7
                k.stroke(
                    Oval(50 - 47 * t, 67 - 17 * t, 50 + 47 * t, 67 + 17 * t),
                    shadow(colour, 0.12),
                    0.3,
                )
        k.fill(
            Oval(brim[0] + 10, (brim[1] + brim[3]) / 2 - 3, brim[2] - 10, brim[3] - 3),
            shadow(colour, 0.12),
        )
    with c.part(crown, colour) as k:
        k.fill(
            Path(62, 20).curve(74, 40, 70, 80).to(90, 80).to(90, 20).points,
            shadow(colour, 0.1),
        )
        if sun:
            for y in range(34, 66, 3):
                k.line([(20, y), (80, y)], shadow(colour, 0.1), 0.3)
        else:
            crease(k, (50, 36), (50.5, 44), (50, 52), 1.2, shadow(colour, 0.18))
    band = (
        Path(27.6, 59)
        .curve(50, 65.5, 72.4, 59)
        .to(72.9, 66)
        .curve(50, 73, 27.1, 66)
        .points
    )
    c.piece(band, ribbon)
    if sun:
        for s in (1, -1):
            tail = [(63, 67), (66 + s * 2, 82), (70 + s * 2, 81), (65, 67)]
            c.piece(tail, shadow(ribbon, 0.08))
        c.piece(Oval(61, 62.5, 67.5, 69.5), shadow(ribbon, 0.12))
    else:
        c.piece(
            Path(63, 65.5).curve(67, 61, 69, 64).curve(67, 68, 63, 65.5).points,
            shadow(ribbon, 0.2),
        )


def scarf(c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random) -> None:
    print_kind = rng.choice(["stripes", "tartan", "plain", "ends"])
    ink = accent or mix(colour, contrast(colour), 0.6)

    def fabric(k: Canvas) -> None:
        if print_kind == "tartan":
            band = shadow(colour, 0.22)
            for i in range(10):
                k.fill(Box(i * 10, 0, i * 10 + 2, 100), band)
                k.fill(Box(0, i * 10, 100, i * 10 + 2), band)
                k.line([(i * 10 + 6.5, 0), (i * 10 + 6.5, 100)], ink, 0.3)
                k.line([(0, i * 10 + 6.5), (100, i * 10 + 6.5)], ink, 0.3)
        elif print_kind == "stripes":
            for i in range(14):
                k.fill(Box(0, i * 7, 100, i * 7 + 1.6), ink)

    # the inside of the loop behind, then the two sides wrapping down into the knot
    with c.part(Oval(31, 10, 69, 40), colour, False) as k:  # the inside of the loop
        fabric(k)
        k.glaze(Box(0, 0, 100, 100), INK, 0.3)
        for x in (40, 47, 54, 61):
            crease(k, (x, 12), (x + 1.5, 24), (x - 1, 38), 0.9, INK, 0.18)
    back = (
        Path(25, 30)
        .curve(26, 4, 50, 5)
        .curve(74, 4, 75, 30)
        .to(67, 30)
        .curve(66, 14, 50, 14)
        .curve(34, 14, 33, 30)
        .points
    )
    with c.part(back, colour) as k:
        fabric(k)
        k.glaze(Box(0, 0, 100, 100), INK, 0.12)
    for s in (1, -1):
        side = (
            Path(75, 22).curve(78, 38, 57, 45).to(52, 38).curve(66, 34, 66, 22).points
        )
        with c.part(side if s > 0 else flip(side), colour) as k:
            fabric(k)
            crease(
                k, (74, 26), (70, 36), (58, 41), 0.8, INK, 0.16
            ) if s > 0 else crease(k, (26, 26), (30, 36), (42, 41), 0.8, INK, 0.16)
    tails = [
        Path(41, 38)
        .to(53, 38)
        .curve(52, 60, 49, 88)
        .to(33, 88)
        .curve(38, 60, 41, 38)
        .points,
        Path(47, 40)
        .to(59, 39)
        .curve(63, 58, 72, 80)
        .to(57, 84)
        .curve(52, 60, 47, 40)
        .points,
    ]
    for n, tail in enumerate(tails):
        bottom = [p for p in tail if p[1] > 79]
        with c.part(tail, colour) as k:
            fabric(k)
            if print_kind == "ends":
                for y in (69.0, 74.0):
                    k.fill(Box(0, y, 100, y + 2.5), ink)
            k.glaze(Box(0, 30, 100, 46), INK, 0.12)
            crease(
                k, (48 + n * 6, 46), (46 + n * 9, 62), (42 + n * 19, 82), 0.9, INK, 0.12
            )
        (x0, y0), (x1, y1) = min(bottom), max(bottom)
        for i in range(12):
            t = (i + 0.5) / 12
            x, y = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
            c.line([(x, y), (x + (2 if n else -0.3), y + 6)], colour, 0.55)
    knot = Oval(42.5, 32, 57.5, 45)
    with c.part(knot, colour) as k:
        fabric(k)
        k.glaze(Box(0, 0, 100, 100), INK, 0.06)
        crease(k, (44, 37), (50, 39), (56, 37), 0.7, INK, 0.2)


def belt(c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random) -> None:
    """A belt rolled up, buckle outermost."""
    metal = accent or rng.choice([GOLD, (176, 178, 184)])
    width, turns = 8.4, 2.9
    pitch = (width + 0.1) / (2 * math.pi)
    end = 2 * math.pi * 3
    start = end - 2 * math.pi * turns
    r_end = 31.0

    def spiral(offset: float) -> list:
        steps = 220
        points = []
        for i in range(steps + 1):
            theta = start + (end - start) * i / steps
            r = r_end - pitch * (end - theta) + offset
            points.append((46 + r * math.cos(theta), 48 + r * math.sin(theta)))
        return points

    centre = spiral(0)
    outer, inner = spiral(width / 2), spiral(-width / 2)
    c.fill(outer + inner[::-1], colour)
    c.line(outer, edge(colour), 0.5)
    c.line(inner, edge(colour), 0.5)
    tip = (
        Path(*inner[0])
        .curve(
            centre[0][0] + 6 * math.sin(start),
            centre[0][1] - 6 * math.cos(start),
            *outer[0],
        )
        .points
    )
    c.fill(tip, colour)
    c.line(tip, edge(colour), 0.5)
    c.dashed(spiral(width / 2 - 1.4), detail(colour, 0.22), 0.3)
    c.dashed(spiral(-width / 2 + 1.4), detail(colour, 0.22), 0.3)
    for i in range(1, 5):  # holes near the pointed tip, in the middle of the roll
        x, y = centre[min(len(centre) - 1, 6 + i * 7)]
        c.dot(x, y, 0.9, shadow(colour, 0.55))
    # the buckle at the outer end, the strap folded round its bar
    bx, by = 46 + r_end, 48
    frame = Box(bx - width / 2 - 2.6, by + 0.5, bx + width / 2 + 2.6, by + 12, 2.4)
    c.stroke(frame, shadow(metal, 0.4), 2.6)
    c.stroke(frame, metal, 1.9)
    c.line(
        [(frame.x0 + 0.6, by + 1), (frame.x0 + 0.6, by + 11)], light(metal, 0.45), 0.4
    )
    c.piece(Box(bx - width / 2, by - 1, bx + width / 2, by + 2.6, 0.8), colour)
    c.line([(bx, by + 1.6), (bx, by + 12.4)], shadow(metal, 0.3), 1.1)
    c.line([(bx, by + 1.6), (bx, by + 12.2)], metal, 0.6)


DRAWERS = {
    "necklace": necklace,
    "earrings": earrings,
    "bracelet": bracelet,
    "ring": ring,
    "watch": watch,
    "sunglasses": sunglasses,
    "hat": hat,
    "scarf": scarf,
    "belt": belt,
}
