"""Shoes (side views, toe to the right) and bags (front views)."""

from __future__ import annotations

import random

from .canvas import (
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
    luma,
    mix,
    shadow,
)

# --- shoes --------------------------------------------------------------------------


def sneaker(
    c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random
) -> None:
    sole_colour = accent or WHITE
    high = rng.random() < 0.3  # a high-top
    top = 22.0 if high else 40.0
    upper = (
        Path(11, 70)
        .curve(8.5, 58, 11.5, top + 4)
        .curve(12.5, top, 17, top)
        .curve(25, top + 1, 31, top + 6)
        .curve(33, top + 7, 35, top + 4)
        .to(37, top - 5)
        .curve(38, top - 8, 42, top - 8)
        .curve(45.5, top - 8, 46.5, top - 4)
        .to(47.5, 38 if not high else top + 2)
        .curve(58, 46, 70, 52)
        .curve(87, 55, 92.5, 60.5)
        .curve(95, 63.5, 94, 68)
        .points
    )
    lace_line = Path(46.5, 37 if not high else top + 1).curve(58, 45, 70, 51.5).points
    with c.part(upper, colour) as k:
        k.fill(
            Path(0, 100).to(0, 30).to(16, 30).curve(24, 50, 27, 72).to(27, 100).points,
            shadow(colour, 0.1),
        )
        k.dashed(
            Path(15, top + 2).curve(21, 50, 24.5, 70).points, detail(colour, 0.22), 0.3
        )
        toe = Path(78, 72).curve(75.5, 58, 84, 55.5).curve(92, 57, 98, 70).points
        k.piece(toe, light(colour, 0.1), edge(colour), 0.35)
        k.dashed(
            Path(76.2, 71).curve(73.8, 57, 83.5, 54).points, detail(colour, 0.22), 0.3
        )
        stripe = mix(
            contrast(colour)
            if sole_colour == WHITE or luma_close(sole_colour, colour)
            else sole_colour,
            colour,
            0.1,
        )
        crease(k, (27, 65), (47, 67), (66, 53), 2.4, stripe)
        band = lace_line + [(x - 1.5, y + 5) for x, y in reversed(lace_line)]
        k.piece(band, shadow(colour, 0.06), edge(colour), 0.3)
    collar = (
        Path(12, top + 3)
        .curve(13, top + 0.8, 17, top + 0.8)
        .curve(25, top + 1.8, 31, top + 6.6)
        .curve(33, top + 7.6, 35, top + 4.8)
        .points
    )
    c.line(collar, shadow(colour, 0.35), 1.1)
    lace = (60, 58, 62) if luma(colour) > 200 else WHITE
    holes = [lace_line[int(i * (len(lace_line) - 1) / 5)] for i in range(6)]
    holes = [(x - 0.6, y + 2.4) for x, y in holes]
    for i, (x, y) in enumerate(holes[:-1]):
        nx, ny = holes[i + 1]
        c.line([(x, y), (nx + 1.2, ny - 3.4)], shadow(lace, 0.2), 1.3)
        c.line([(x, y), (nx + 1.2, ny - 3.4)], lace, 0.9)
    for x, y in holes:
        c.dot(x, y, 0.7, shadow(colour, 0.5))
    c.line(Path(45, top - 4).curve(40, top - 8, 37.5, top - 3).points, lace, 0.8)
    c.piece(Box(9.2, top - 2, 13.2, top + 7, 1.4), shadow(colour, 0.25))
    sole = (
        Path(10, 69)
        .to(78, 69)
        .curve(91, 68.5, 95, 65)
        .curve(98, 70, 94, 74)
        .curve(90, 77.5, 82, 77.5)
        .to(15, 78)
        .curve(8, 78, 8, 73.5)
        .curve(8, 69, 10, 69)
        .points
    )
    with c.part(sole, sole_colour, shadow(sole_colour, 0.3), 0.4) as k:
        k.fill(
            Path(0, 76)
            .to(80, 75.8)
            .curve(92, 75, 97, 70)
            .to(100, 100)
            .to(0, 100)
            .points,
            shadow(sole_colour, 0.18),
        )
        k.line(
            Path(8, 71.8).to(80, 71.8).curve(92, 71.2, 97, 67.5).points,
            shadow(sole_colour, 0.12),
            0.3,
        )


def luma_close(a: Colour, b: Colour) -> bool:
    return sum(abs(x - y) for x, y in zip(a, b, strict=True)) < 60


def boot(c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random) -> None:
    shaft = rng.choice([10.0, 16.0])
    sole_colour = mix(shadow(colour, 0.6), (40, 32, 28), 0.5)
    tab = Box(21.5, shaft - 7, 28.5, shaft + 6, 2)
    c.piece(tab, shadow(colour, 0.15))
    c.fill(Box(23.6, shaft - 5, 26.4, shaft, 1), (246, 245, 242))
    outline = (
        Path(24, shaft)
        .to(55, shaft)
        .curve(55, 40, 59, 48)
        .curve(66, 57, 80, 60)
        .curve(93, 63, 93, 70)
        .to(93, 75)
        .to(25, 75)
        .curve(20, 60, 23, 46)
        .curve(26, 30, 24, shaft)
        .points
    )
    with c.part(outline, colour) as k:
        gore = (
            Path(32, shaft - 2)
            .curve(37, 40, 41.5, 41)
            .curve(46, 40, 49, shaft - 2)
            .points
        )
        with k.part(gore, shadow(colour, 0.42), edge(colour), 0.35) as g:
            for i in range(12):
                x = 32 + i * 1.5
                g.line(
                    [(x, shaft), (41.5 + (x - 41.5) * 0.25, 44)],
                    shadow(colour, 0.55),
                    0.3,
                )
        crease(k, (58, 50), (70, 56), (84, 59.5), 1.2, light(colour, 0.16))
        crease(k, (54, 30), (55.5, 40), (59, 48), 0.8, shadow(colour, 0.14))
        k.fill(
            Path(18, 100).curve(19, 54, 25, 40).curve(23, 64, 30, 100).points,
            shadow(colour, 0.12),
        )
        k.dashed([(26, 72.5), (92, 72.5)], detail(colour, 0.25), 0.3)
    c.piece(Box(23, shaft - 1, 56, shaft + 1.2, 0.6), shadow(colour, 0.18))
    sole = (
        Path(23, 74.5)
        .to(92, 74.5)
        .curve(95, 74.5, 95, 77)
        .curve(95, 79.5, 91, 79.5)
        .to(23, 79.5)
        .points
    )
    c.piece(sole, sole_colour, shadow(sole_colour, 0.3), 0.3)
    heel = [(24, 79), (41, 79), (40, 88), (25, 88)]
    with c.part(heel, sole_colour, shadow(sole_colour, 0.3), 0.3) as k:
        for y in (82, 85):
            k.line([(20, y), (45, y)], shadow(sole_colour, 0.2), 0.3)


def heel(c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random) -> None:
    point = rng.choice([0.0, 2.5])  # almond or pointed toe
    lining = mix(colour, (232, 214, 196), 0.7)
    stiletto = (
        Path(15, 50)
        .curve(18.5, 68, 21.5, 87)
        .to(24.6, 87)
        .curve(25, 70, 31, 62)
        .to(27, 56)
        .points
    )
    with c.part(stiletto, shadow(colour, 0.1)) as k:
        k.fill(
            Path(21, 56).curve(23.4, 70, 24.5, 92).to(32, 92).to(32, 56).points,
            shadow(colour, 0.22),
        )
    c.piece(Box(21.1, 86.4, 24.9, 89.4, 0.4), (36, 32, 34))
    inside = (
        Path(14.5, 36).curve(40, 42, 64, 64).to(62, 65).curve(36, 52, 14.5, 36).points
    )
    c.piece(inside, lining, shadow(lining, 0.3), 0.3)
    upper = (
        Path(14.5, 36)
        .curve(36, 51, 62, 65)
        .curve(82, 64 - point, 94 + point, 75.5)
        .curve(96 + point, 79.5, 90, 80)
        .to(68, 80.2)
        .curve(40, 79, 19, 52)
        .curve(13.5, 46, 13, 41)
        .curve(12.8, 37, 14.5, 36)
        .points
    )
    with c.part(upper, colour) as k:
        crease(k, (66, 68), (80, 67.5), (90, 73.5), 1.1, light(colour, 0.24))
        k.fill(Path(8, 30).curve(16, 48, 30, 64).to(0, 80).points, shadow(colour, 0.1))
        k.line(
            Path(14.5, 36.8).curve(36, 51.8, 62, 65.8).points,
            shadow(colour, 0.22),
            0.45,
        )
    c.line(
        Path(90, 79.7).to(68, 80).curve(40, 78.8, 19, 52).points,
        shadow(colour, 0.5),
        0.8,
    )
    if rng.random() < 0.35:  # a bow on the vamp
        bow = accent or shadow(colour, 0.15)
        for s in (1, -1):
            c.piece(
                Path(66, 65.5)
                .curve(66 + s * 6, 59.5, 66 + s * 7, 63.5)
                .curve(66 + s * 6, 69.5, 66, 65.5)
                .points,
                bow,
            )
        c.piece(Oval(64.4, 63.8, 67.6, 67.2), shadow(bow, 0.15))


def sandal(
    c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random
) -> None:
    bed = colour
    strap = shadow(colour, 0.14) if luma(colour) > 70 else light(colour, 0.2)
    buckle = accent or GOLD
    straps = rng.choice(["two", "thong"])
    for side in (1, -1):  # the right foot, then the left
        cx = 50 + side * 17

        def place(points, side=side):
            return points if side > 0 else flip(points)

        outline = (
            Path(64, 12)
            .curve(78, 10, 79.5, 30)
            .curve(80, 52, 75, 70)
            .curve(74, 90, 66, 90)
            .curve(57, 90, 57.5, 72)
            .curve(58.5, 54, 54, 38)
            .curve(50, 14, 64, 12)
            .points
        )
        rim = [(x + (x - cx) * 0.06, y + (y - 50) * 0.03 + 0.8) for x, y in outline]
        c.piece(place(rim), shadow(colour, 0.3))
        with c.part(place(outline), bed) as k:
            crease(
                k,
                place([(58, 16)])[0],
                place([(66, 13)])[0],
                place([(75, 16)])[0],
                0.5,
                shadow(colour, 0.12),
            )
        if straps == "two":
            bands = [
                Path(51.5, 24)
                .curve(66, 20, 81.5, 24)
                .to(81.5, 34)
                .curve(66, 30, 51.5, 35)
                .points,
                Path(53.5, 46)
                .curve(66, 41, 80, 45)
                .to(79.5, 56)
                .curve(66, 52, 55.5, 57)
                .points,
            ]
        else:  # a toe post and a Y of straps
            bands = [
                Path(61.5, 21)
                .curve(57, 30, 54.6, 45)
                .to(58.6, 46)
                .curve(60, 32, 63.5, 22)
                .points,
                Path(61.5, 21)
                .curve(70, 30, 79.8, 42)
                .to(77.6, 46)
                .curve(68, 34, 63.5, 22)
                .points,
            ]
            c.piece(place(Oval(60.2, 19, 64.8, 23.6)), shadow(colour, 0.2))
        for band in bands:
            with c.part(place(band), strap) as k:
                if straps == "two":
                    k.dashed(
                        place([(50, band[0][1] + 2), (84, band[0][1] + 0.5)]),
                        detail(colour, 0.22),
                        0.3,
                    )
        if straps == "two":
            c.piece(
                place(Box(74, 43.5, 79, 57.5, 0.8)), buckle, shadow(buckle, 0.35), 0.3
            )
            c.fill(place(Box(75.4, 45.6, 77.6, 55.4, 0.4)), strap)


# --- bags ---------------------------------------------------------------------------


def _hardware(c: Canvas, x: float, y: float, r: float, metal: Colour) -> None:
    c.piece(Oval(x - r, y - r, x + r, y + r), metal, shadow(metal, 0.35), 0.3)
    c.dot(x - r * 0.3, y - r * 0.3, r * 0.35, light(metal, 0.5))


def handbag(
    c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random
) -> None:
    metal = accent or GOLD
    top, bottom = 40.0, 84.0
    handle = arc_points(50, top, 14, 22, 180, 360)
    c.line(handle, edge(colour), 3.8)
    c.line(handle, shadow(colour, 0.08), 2.9)
    c.line(arc_points(50, top, 14, 22, 200, 340), light(colour, 0.12), 0.5)
    body = (
        Path(23, top)
        .to(77, top)
        .curve(80, 60, 82, bottom - 4)
        .curve(82.5, bottom, 77, bottom)
        .to(23, bottom)
        .curve(17.5, bottom, 18, bottom - 4)
        .curve(20, 60, 23, top)
        .points
    )
    with c.part(body, colour) as k:
        k.fill(
            Path(71, top).curve(76, 60, 77, 100).to(90, 100).to(90, top).points,
            shadow(colour, 0.1),
        )
        k.fill(
            Path(29, top).curve(24, 60, 23, 100).to(10, 100).to(10, top).points,
            light(colour, 0.07),
        )
        k.dashed(
            [(23.5, bottom - 2.2), (76.5, bottom - 2.2)], detail(colour, 0.22), 0.3
        )
    flap = (
        Path(22.4, top - 1)
        .to(77.6, top - 1)
        .to(78.6, 55)
        .curve(50, 64, 21.4, 55)
        .points
    )
    with c.part(flap, light(colour, 0.04)) as k:
        k.dashed(
            Path(24, 53.2).curve(50, 61.5, 76, 53.2).points, detail(colour, 0.22), 0.3
        )
        k.fill(Box(0, top - 2, 100, top + 1.8), shadow(colour, 0.1))
    for x in (36, 64):
        _hardware(c, x, top, 1.8, metal)
    c.piece(Box(45.5, 55, 54.5, 62, 1.5), metal, shadow(metal, 0.35), 0.3)
    c.piece(Box(47.6, 56.8, 52.4, 60.2, 1), shadow(metal, 0.15))


def tote(c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random) -> None:
    top, bottom = 34.0, 90.0
    strap = (
        shadow(colour, 0.12) if rng.random() < 0.5 else mix(colour, (176, 122, 72), 0.8)
    )
    back = arc_points(56, top + 2, 11, 25, 180, 360)
    c.line(back, shadow(strap, 0.25), 3.2)
    body = [(16, top), (84, top), (78, bottom), (22, bottom)]
    with c.part(body, colour) as k:
        style = rng.choice(["plain", "stripe", "base", "pocket"])
        band = accent or contrast(colour)
        if style == "stripe":
            for y in (48.0, 54.0):
                k.fill(Box(0, y, 100, y + 3), mix(band, colour, 0.15))
        elif style == "base":
            k.fill(Box(0, 76, 100, 100), shadow(colour, 0.25))
            k.dashed([(20, 76.8), (80, 76.8)], light(colour, 0.3), 0.3)
        elif style == "pocket":
            k.piece(Box(36, 54, 64, 72, 1), light(colour, 0.06), edge(colour), 0.3)
        k.fill(
            [(74, top), (100, top), (100, bottom), (70, bottom)], shadow(colour, 0.08)
        )
        k.fill(Box(0, top - 1, 100, top + 2.4), shadow(colour, 0.1))
        crease(k, (30, top + 3), (28, 60), (31, bottom - 4), 0.8, shadow(colour, 0.08))
    front = arc_points(44, top + 2, 11, 25, 180, 360)
    c.line(front, edge(strap), 3.6)
    c.line(front, strap, 2.7)
    for x in (33, 55):
        c.piece(Box(x - 2.2, top - 1, x + 2.2, top + 6, 0.6), strap)
        c.dashed([(x - 1, top + 5), (x + 1, top + 5)], light(strap, 0.3), 0.25)


def backpack(
    c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random
) -> None:
    webbing = shadow(colour, 0.35)
    c.line(arc_points(50, 20, 7, 9, 180, 360), webbing, 2.2)
    for s in (1, -1):
        strap = [(74, 28), (77.5, 32), (77.5, 74), (74, 78)]
        c.piece(strap if s > 0 else flip(strap), webbing)
    body = (
        Path(50, 16)
        .curve(75, 16, 75, 40)
        .to(76, 84)
        .curve(76, 92, 68, 92)
        .to(32, 92)
        .curve(24, 92, 24, 84)
        .to(25, 40)
        .curve(25, 16, 50, 16)
        .points
    )
    flap = rng.random() < 0.45
    with c.part(body, colour) as k:
        k.fill(
            Path(66, 16).curve(72, 40, 70, 100).to(90, 100).to(90, 10).points,
            shadow(colour, 0.1),
        )
        if not flap:
            zip_line = (
                Path(28, 50)
                .to(28, 40)
                .curve(28, 21, 50, 21)
                .curve(72, 21, 72, 40)
                .to(72, 50)
                .points
            )
            k.line(zip_line, shadow(colour, 0.3), 0.9)
            k.dashed(zip_line, light(colour, 0.3), 0.35, dash=0.7)
    if flap:
        lid = (
            Path(25.5, 36)
            .curve(25, 16, 50, 16)
            .curve(75, 16, 74.5, 36)
            .to(74, 46)
            .curve(50, 50, 26, 46)
            .points
        )
        with c.part(lid, colour) as k:
            k.glaze(Box(0, 0, 100, 24), WHITE, 0.08)
            k.dashed(
                Path(28, 44).curve(50, 47.5, 72, 44).points, detail(colour, 0.2), 0.3
            )
        for x in (38, 62):
            c.piece(Box(x - 2.2, 40, x + 2.2, 62, 0.8), webbing)
            c.piece(Box(x - 3, 56, x + 3, 60.5, 0.6), accent or (60, 58, 62))
    pocket = Box(31, 58 if flap else 54, 69, 86, 6)
    with c.part(pocket, colour) as k:
        k.dashed(
            [(33, pocket.y0 + 5), (67, pocket.y0 + 5)],
            detail(colour, 0.24),
            0.35,
            dash=0.7,
        )
        k.fill(Box(60, 0, 100, 100), shadow(colour, 0.06))
    puller = accent or (60, 58, 62)
    c.piece(Box(58, pocket.y0 + 4, 60.5, pocket.y0 + 11, 0.8), puller)
    if not flap:
        c.piece(Box(70.4, 42, 72.8, 49, 0.8), puller)


def clutch(
    c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random
) -> None:
    metal = accent or GOLD
    top, bottom = 34.0 + rng.uniform(-2, 2), 70.0
    body = Box(12, top, 88, bottom, 3)
    with c.part(body, colour) as k:
        k.fill(Box(0, bottom - 4, 100, 100), shadow(colour, 0.1))
        k.fill(Box(80, 0, 100, 100), shadow(colour, 0.06))
    style = rng.choice(["envelope", "envelope", "pleat"])
    if style == "envelope":
        flap = (
            Path(12, top)
            .to(88, top)
            .to(86, top + 3)
            .curve(62, top + 24, 52, top + 25.5)
            .curve(50, top + 26.5, 48, top + 25.5)
            .curve(38, top + 24, 14, top + 3)
            .points
        )
        c.glaze(
            Path(*flap[2]).curve(50, top + 30, flap[-1][0], flap[-1][1]).points,
            INK,
            0.12,
        )
        with c.part(flap, colour) as k:
            k.fill(Box(0, top, 100, top + 2.5), light(colour, 0.12))
        _hardware(c, 50, top + 22, 2.6, metal)
    else:
        for x in range(20, 82, 8):
            crease(
                c,
                (x + 2, top + 1),
                (x, (top + bottom) / 2),
                (x + 2, bottom - 1),
                0.8,
                INK,
                0.12,
            )
        c.piece(Box(14, top - 1.5, 86, top + 4, 2), metal, shadow(metal, 0.35), 0.3)
        c.line([(16, top + 1.2), (84, top + 1.2)], light(metal, 0.4), 0.4)


DRAWERS = {
    "sneaker": sneaker,
    "boot": boot,
    "heel": heel,
    "sandal": sandal,
    "handbag": handbag,
    "tote": tote,
    "backpack": backpack,
    "clutch": clutch,
}
