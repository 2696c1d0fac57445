"""Clothes, laid flat and seen from the front."""

from __future__ import annotations

import math
import random

from .canvas import (
    INK,
    WHITE,
    Box,
    Canvas,
    Colour,
    Oval,
    Path,
    contrast,
    crease,
    detail,
    edge,
    flip,
    light,
    mirror,
    mix,
    shadow,
)


def print_pattern(
    c: Canvas,
    rng: random.Random,
    colour: Colour,
    *,
    kinds=("plain", "plain", "stripes", "dots"),
) -> None:
    """A seeded print over everything drawn inside the current clip."""
    kind = rng.choice(kinds)
    ink = mix(colour, contrast(colour), 0.55)
    if kind == "stripes":
        gap = rng.choice([5.0, 6.0, 7.5])
        for i in range(int(100 / gap) + 1):
            y = i * gap
            c.fill(Box(0, y, 100, y + gap * 0.3), ink)
    elif kind == "dots":
        gap = rng.choice([5.0, 6.5])
        for row in range(int(100 / gap) + 1):
            for col in range(int(100 / gap) + 2):
                x = col * gap + (gap / 2 if row % 2 else 0)
                c.dot(x, row * gap, gap * 0.16, ink)
    elif kind == "pinstripe":
        for i in range(34):
            c.line([(i * 3, 0), (i * 3, 100)], mix(colour, ink, 0.6), 0.22)
    elif kind == "gingham":
        for i in range(21):
            c.fill(Box(i * 5, 0, i * 5 + 1.3, 100), mix(colour, ink, 0.35))
            c.fill(Box(0, i * 5, 100, i * 5 + 1.3), mix(colour, ink, 0.35))
    elif kind == "tartan":
        band = shadow(colour, 0.22)
        for i in range(9):
            c.fill(Box(i * 12, 0, i * 12 + 2.4, 100), band)
            c.fill(Box(0, i * 12, 100, i * 12 + 2.4), band)
        for i in range(9):
            c.line([(i * 12 + 8.5, 0), (i * 12 + 8.5, 100)], ink, 0.3)
            c.line([(0, i * 12 + 8.5), (100, i * 12 + 8.5)], ink, 0.3)
    elif kind == "flowers":
        petal = mix(colour, contrast(colour), 0.5)
        for row in range(12):
            for col in range(12):
                x = col * 9 + (4.5 if row % 2 else 0) + rng.uniform(-1, 1)
                y = row * 9 + rng.uniform(-1, 1)
                for angle in range(0, 360, 72):
                    dx, dy = (
                        math.cos(math.radians(angle)),
                        math.sin(math.radians(angle)),
                    )
                    c.dot(x + dx * 1.2, y + dy * 1.2, 0.85, petal)
                c.dot(x, y, 0.6, (236, 190, 70))


# --- tops ---------------------------------------------------------------------------


def _tee_outline(width: float, sleeve: float, length: float, neck: float) -> list:
    """Right half of a short-sleeved top, from the front neck to the hem centre."""
    side = 50 + width
    half = (
        Path(50, 16 + neck)
        .curve(55.5, 16 + neck, 58.5, 15)
        .to(side, 18.5)
        .curve(side + 8, 20, side + sleeve, 32)
        .to(side + sleeve - 8, 41)
        .to(side, 36)
        .curve(side + 0.8, 60, side, length)
        .curve(60, length + 0.6, 50, length + 0.6)
    )
    return mirror(half.points)


def tshirt(
    c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random
) -> None:
    width = rng.uniform(19, 22)
    length = rng.uniform(82, 86)
    neck = rng.choice([5.0, 6.0, 9.0])  # crew, crew, scoop
    side = 50 + width
    body = _tee_outline(width, 16, length, neck)
    back = Path(41.5, 15).curve(50, 13.6, 58.5, 15).curve(50, 18 + 2 * neck, 41.5, 15)
    c.piece(back.points, shadow(colour, 0.4))
    stitch = detail(colour, 0.2)
    with c.part(body, colour) as k:
        print_pattern(k, rng, colour)
        _body_shading(k, colour, width, length)
        for s in (1, -1):
            hem = [(side + 13.2, 29.4), (side + 6.4, 38.6)]
            k.dashed(hem if s > 0 else flip(hem), stitch, 0.3)
        k.dashed([(50 - width, length - 2.5), (side, length - 2.5)], stitch, 0.3)
    band = (
        Path(41.5, 15)
        .curve(50, 16 + neck + 1.2, 58.5, 15)
        .to(59.8, 15.7)
        .curve(50, 16 + neck + 3.6, 40.2, 15.7)
    )
    c.piece(band.points, shadow(colour, 0.08), edge(colour), 0.3)


def _body_shading(k: Canvas, colour: Colour, width: float, length: float) -> None:
    """Soft folds from the arms and a shaded right side."""
    side = 50 + width
    for s in (1, -1):
        start, bend, end = (side + 1, 37), (side - 4, 41), (side - 7, 49)
        if s < 0:
            start, bend, end = flip([start, bend, end])
        crease(k, start, bend, end, 1.2, INK, 0.12)
    k.glaze(Box(side - 2.2, 39.5, side, length + 3), INK, 0.07)
    k.glaze(Box(50 - width, 39.5, 50 - width + 1.6, length + 3), WHITE, 0.07)


def blouse(
    c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random
) -> None:
    width = rng.uniform(18, 20)
    length = rng.uniform(80, 84)
    side = 50 + width
    half = (
        Path(50, 20)
        .to(57, 14)
        .to(side - 1, 17.5)
        .curve(side + 9, 21, side + 16, 60)
        .to(side + 9, 61.5)
        .curve(side + 3, 48, side, 38)
        .curve(side + 1.6, 62, side + 0.6, length - 4)
        .curve(side - 2, length + 1, 50, length + 2)
    )
    body = mirror(half.points)
    c.piece([(43, 14), (57, 14), (50, 21)], shadow(colour, 0.4))
    with c.part(body, colour) as k:
        print_pattern(
            k, rng, colour, kinds=("plain", "plain", "dots", "pinstripe", "gingham")
        )
        _body_shading(k, colour, width, length)
        for s in (1, -1):
            start, bend, end = (side + 3, 30), (side + 8, 42), (side + 11, 56)
            if s < 0:
                start, bend, end = flip([start, bend, end])
            crease(k, start, bend, end, 1.1, INK, 0.12)
    for s in (1, -1):
        cuff = [
            (side + 9, 61.5),
            (side + 16, 60),
            (side + 16.6, 65),
            (side + 9.6, 66.5),
        ]
        c.piece(cuff if s > 0 else flip(cuff), shadow(colour, 0.05))
    placket = Box(48.3, 22, 51.7, length + 1.6)
    c.piece(placket, light(colour, 0.04), edge(colour), 0.3)
    c.piece(Box(42.6, 12.2, 57.4, 15.4, 1.2), shadow(colour, 0.06), edge(colour), 0.3)
    for s in (1, -1):
        leaf = [(50, 20.5), (57.4, 13.6), (60.4, 15.8), (56.5, 27.5)]
        c.piece(leaf if s > 0 else flip(leaf), light(colour, 0.05), edge(colour), 0.35)
    button = accent or detail(colour, 0.35)
    for i in range(6):
        c.dot(50, 25 + i * (length - 28) / 6, 0.85, button)


def sweater(
    c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random
) -> None:
    width = rng.uniform(20, 22.5)
    length = rng.uniform(80, 84)
    side = 50 + width
    half = (
        Path(50, 21)
        .curve(55, 21, 57.5, 14.5)
        .to(side - 1, 17.5)
        .curve(side + 8, 20, side + 14, 48)
        .to(side + 17.5, 74)
        .to(side + 9.5, 76)
        .curve(side + 4, 56, side, 40)
        .to(side, length)
        .to(50, length)
    )
    body = mirror(half.points)
    inside = (
        Path(42.5, 14.5).curve(50, 12.8, 57.5, 14.5).curve(50, 30, 42.5, 14.5).points
    )
    c.piece(inside, shadow(colour, 0.4))
    rib = shadow(colour, 0.1)
    with c.part(body, colour) as k:
        style = rng.choice(["cable", "rib", "plain", "fairisle"])
        if style == "cable":
            for x in (38, 50, 62):
                for y in range(26, int(length) - 6, 5):
                    k.line(
                        Path(x - 2.2, y).curve(x, y + 1.5, x + 2.2, y + 4).points,
                        shadow(colour, 0.18),
                        0.55,
                    )
                    k.line(
                        Path(x + 2.2, y).curve(x, y + 1.5, x - 2.2, y + 4).points,
                        light(colour, 0.1),
                        0.55,
                    )
                k.line([(x - 3.6, 24), (x - 3.6, length)], shadow(colour, 0.12), 0.35)
                k.line([(x + 3.6, 24), (x + 3.6, length)], shadow(colour, 0.12), 0.35)
        elif style == "rib":
            for x in range(30, 72, 3):
                k.line([(x, 22), (x, length)], shadow(colour, 0.09), 0.5)
        elif style == "fairisle":
            ink = mix(colour, contrast(colour), 0.7)
            k.fill(Box(0, 24, 100, 32), ink)
            for i in range(26):
                x = i * 4
                k.fill([(x, 28), (x + 2, 25.5), (x + 4, 28), (x + 2, 30.5)], colour)
            for i in range(34):
                k.dot(i * 3, 34.5, 0.6, ink)
        _body_shading(k, colour, width, length)
        for s in (1, -1):
            start, bend, end = (side + 3, 28), (side + 8, 44), (side + 12, 66)
            if s < 0:
                start, bend, end = flip([start, bend, end])
            crease(k, start, bend, end, 1.1, INK, 0.12)
    # ribbed cuffs and hem
    for s in (1, -1):
        cuff = [
            (side + 9.5, 76),
            (side + 17.5, 74),
            (side + 18.6, 80),
            (side + 10.6, 82),
        ]
        with c.part(cuff if s > 0 else flip(cuff), rib) as k:
            for i in range(8):
                x = side + 9 + i * 1.2
                k.line(
                    [(x, 70), (x + 1.3, 86)]
                    if s > 0
                    else flip([(x, 70), (x + 1.3, 86)]),
                    shadow(colour, 0.2),
                    0.25,
                )
    hem = Box(50 - width, length - 6, 50 + width, length)
    with c.part(hem, rib) as k:
        for i in range(int(width * 2 / 1.4) + 1):
            x = 50 - width + i * 1.4
            k.line([(x, length - 7), (x, length + 1)], shadow(colour, 0.2), 0.25)
    collar = (
        Path(42.5, 14.5)
        .curve(50, 23.5, 57.5, 14.5)
        .to(59.2, 15.4)
        .curve(50, 27, 40.8, 15.4)
        .points
    )
    with c.part(collar, rib, edge(colour), 0.3) as k:
        for i in range(14):
            x = 41 + i * 1.35
            k.line([(x, 12), (50 + (x - 50) * 0.8, 28)], shadow(colour, 0.2), 0.25)


# --- bottoms ------------------------------------------------------------------------

DENIM_STITCH: Colour = (214, 150, 72)


def _legs(
    top: float,
    waist: float,
    hip: float,
    outer: float,
    inner: float,
    hem: float,
    rise: float,
) -> list:
    """Right half of trousers or shorts, from the centre of the waist round to the crotch."""
    half = (
        Path(50, top)
        .to(50 + waist, top)
        .curve(50 + hip + 0.6, top + (rise - top) * 0.55, 50 + hip, rise)
        .to(50 + outer, hem)
        .to(50 + inner, hem + 0.4)
        .curve(51.2, rise + 4, 50.4, rise)
        .to(50, rise)
    )
    return mirror(half.points)


def jeans(c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random) -> None:
    _trousers(c, colour, accent, rng, denim=True)


def trousers(
    c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random
) -> None:
    _trousers(c, colour, accent, rng, denim=False)


def _trousers(
    c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random, *, denim: bool
) -> None:
    top, waist, hip, rise, hem = 7.0, 16.0, 18.0, 36.0, 94.0
    outer, inner = rng.choice(
        [(14.5, 4.0), (16.5, 3.4), (21.0, 2.4)]
    )  # slim, straight, wide
    outline = _legs(top, waist, hip, outer, inner, hem, rise)
    stitch = accent or (DENIM_STITCH if denim else shadow(colour, 0.22))
    with c.part(outline, colour) as k:
        # light fades (denim) or pressed creases (tailoring) and the inner-leg shadow
        for s in (1, -1):
            mid = 50 + s * (inner + outer) / 2
            if denim:
                for n in range(3):
                    y = rise - 1 + n * 2.4
                    a, b = (50 + s * 2.2, y), (50 + s * (8.5 - n * 1.4), y - 2.2 - n)
                    crease(k, a, lerp_mid(a, b, -s * 0.5), b, 0.35, light(colour, 0.14))
            else:
                k.line(
                    [(mid, 19), (50 + s * (inner + outer) / 2, hem)],
                    shadow(colour, 0.16),
                    0.35,
                )
            k.fill(
                [
                    (50 + s * 0.4, rise),
                    (50 + s * inner, hem),
                    (50 + s * (inner + 1.8), hem),
                    (50 + s * 2.4, rise),
                ],
                shadow(colour, 0.08),
            )
        k.fill(
            [
                (50 + hip - 1.8, rise),
                (50 + outer - 1.8, hem),
                (50 + outer + 2, hem),
                (50 + hip + 2, rise),
            ],
            shadow(colour, 0.07),
        )
    band = Box(50 - waist, top, 50 + waist, top + 5)
    with c.part(band, shadow(colour, 0.06)) as k:
        k.dashed([(50 - waist, top + 4), (50 + waist, top + 4)], stitch, 0.3)
        k.dashed([(50 - waist, top + 1), (50 + waist, top + 1)], stitch, 0.3)
    for x in (-12, -4.5, 4.5, 12):
        c.piece(
            Box(50 + x - 1, top - 0.6, 50 + x + 1, top + 6.2, 0.4),
            shadow(colour, 0.1),
            edge(colour),
            0.25,
        )
    c.dot(
        53.5,
        top + 2.5,
        1.3 if denim else 1.0,
        (196, 160, 96) if denim else detail(colour, 0.35),
    )
    # fly and pockets
    fly = Path(54, top + 5).to(54, rise - 9).curve(54, rise - 5, 50.4, rise - 4).points
    c.dashed(fly, stitch, 0.32)
    c.line([(50, top + 5), (50, rise - 1)], shadow(colour, 0.25), 0.3)
    for s in (1, -1):
        if denim:
            pocket = (
                Path(50 + s * 10, top + 5)
                .curve(50 + s * 12, 20, 50 + s * (hip - 0.2), 21.5)
                .points
            )
            c.line(pocket, shadow(colour, 0.25), 0.35)
            c.dashed([(x - s * 1, y + 0.8) for x, y in pocket], stitch, 0.3)
        else:
            c.line(
                [(50 + s * 11.5, top + 5), (50 + s * (hip + 0.1), 23)],
                shadow(colour, 0.25),
                0.35,
            )
            c.line(
                [(50 + s * 6, top + 5), (50 + s * 6.6, 19)], shadow(colour, 0.2), 0.3
            )
    if denim:
        for s in (1, -1):
            x0, x1 = 50 + s * inner, 50 + s * outer
            c.dashed([(x0, hem - 2), (x1, hem - 2)], stitch, 0.3)


def lerp_mid(a, b, bow: float):
    """The midpoint of a–b pushed sideways by ``bow`` units (a control point)."""
    mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = (dx * dx + dy * dy) ** 0.5 or 1
    return (mx - dy / length * bow, my + dx / length * bow)


def shorts(
    c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random
) -> None:
    top, waist, hip, rise, hem = 22.0, 20.0, 22.0, 50.0, 70.0
    outline = _legs(top, waist, hip, 27.5, 2.6, hem, rise)
    denim = rng.random() < 0.5
    stitch = DENIM_STITCH if denim else shadow(colour, 0.22)
    with c.part(outline, colour) as k:
        print_pattern(k, rng, colour, kinds=("plain", "plain", "gingham"))
        for s in (1, -1):
            k.glaze(
                [
                    (50 + s * 0.4, rise),
                    (50 + s * 1.6, hem + 1),
                    (50 + s * 5, hem + 1),
                    (50 + s * 3.5, rise),
                ],
                INK,
                0.1,
            )
        k.glaze(
            [
                (50 + hip - 2, rise - 8),
                (50 + 27.5 - 2.5, hem),
                (52 + 27.5, hem),
                (52 + hip, rise - 8),
            ],
            INK,
            0.07,
        )
        for s in (1, -1):
            cuff = [
                (50 + s * 1.2, hem - 5),
                (50 + s * 27.5, hem - 5.4),
                (50 + s * 29, hem + 1),
                (50 + s * 1.2, hem + 1),
            ]
            k.fill(cuff, shadow(colour, 0.08))
            k.line(
                [(50 + s * 1.2, hem - 5), (50 + s * 27.5, hem - 5.4)], edge(colour), 0.3
            )
    band = Box(50 - waist, top, 50 + waist, top + 5.5)
    with c.part(band, shadow(colour, 0.06)) as k:
        if not denim:  # an elastic waist with a drawstring
            for i in range(int(waist * 2 / 1.5)):
                x = 50 - waist + i * 1.5
                k.line([(x, top), (x, top + 6)], shadow(colour, 0.14), 0.25)
    if denim:
        c.dot(53.5, top + 2.7, 1.3, (196, 160, 96))
        c.dashed(
            Path(54.5, top + 5.5).to(54.5, 40).curve(54.5, 44, 50.4, 45).points,
            stitch,
            0.32,
        )
    else:
        tie = accent or contrast(colour)
        c.line(Path(49, top + 4).curve(47, top + 10, 45, top + 14).points, tie, 0.55)
        c.line(Path(51, top + 4).curve(53, top + 10, 54.5, top + 15).points, tie, 0.55)
    c.line([(50, top + 5.5), (50, rise - 1)], shadow(colour, 0.25), 0.3)
    for s in (1, -1):
        pocket = (
            Path(50 + s * 12, top + 5.5)
            .curve(50 + s * 14, 34, 50 + s * (hip + 0.2), 36)
            .points
        )
        c.line(pocket, shadow(colour, 0.25), 0.35)


def skirt(c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random) -> None:
    hem = rng.choice([72.0, 80.0, 86.0])
    flare = rng.uniform(27, 31)
    top, waist = 18.0, 13.5
    half = (
        Path(50, top + 5)
        .to(50 + waist, top + 5)
        .curve(50 + waist + 4, top + 20, 50 + flare, hem - 2)
        .curve(50 + flare * 0.6, hem + 2.4, 50, hem + 2.4)
    )
    outline = mirror(half.points)
    pleated = rng.random() < 0.5
    with c.part(outline, colour) as k:
        if pleated:
            for i in range(-7, 8):
                x0 = 50 + i * waist / 7.5
                x1 = 50 + i * flare / 7.2
                crease(
                    k,
                    (x0, top + 5),
                    lerp_mid((x0, top + 5), (x1, hem + 3), 0),
                    (x1, hem + 3),
                    0.7,
                    INK,
                    0.12,
                )
                k.line(
                    [(x0 + 0.9, top + 5), (x1 + 1.6, hem + 3)], light(colour, 0.1), 0.3
                )
        else:
            print_pattern(k, rng, colour, kinds=("plain", "gingham", "dots", "flowers"))
            for x0, x1 in ((45, 34), (54, 60), (58, 71)):
                crease(
                    k,
                    (x0, top + 12),
                    lerp_mid((x0, top + 12), (x1, hem + 3), 1.5),
                    (x1, hem + 3),
                    1.3,
                    INK,
                    0.12,
                )
        k.glaze(
            Path(50 + waist, top)
            .curve(50 + flare, hem - 10, 50 + flare + 4, hem)
            .to(60, 100)
            .to(50 + waist + 6, top)
            .points,
            INK,
            0.06,
        )
    band = Box(50 - waist, top, 50 + waist, top + 5.5, 0.6)
    c.piece(band, shadow(colour, 0.08))
    c.dot(50 + waist - 3, top + 2.75, 1.0, accent or detail(colour, 0.35))


# --- dresses ------------------------------------------------------------------------


def dress(
    c: Canvas,
    colour: Colour,
    accent: Colour | None,
    rng: random.Random,
    *,
    maxi: bool = False,
) -> None:
    hem = 96.0 if maxi else rng.uniform(78, 84)
    waist_y = 40.0
    flare = (21.0 if maxi else 31.0) + rng.uniform(-1.5, 1.5)
    style = rng.choice(
        ["straps", "sleeves", "straps"]
        if not maxi
        else ["spaghetti", "spaghetti", "straps"]
    )
    neck = 23.0 if style != "spaghetti" else 27.0
    strap = {"straps": 4.0, "sleeves": 4.0, "spaghetti": 0.9}[style]
    half = (
        Path(50, neck)
        .curve(55, neck, 56.5, 12)
        .to(56.5 + strap, 12)
        .curve(61.5, 24, 66, 27)
        .curve(64.5, 33, 62, waist_y)
        .curve(50 + flare * 0.6, waist_y + 18, 50 + flare, hem - 3)
        .curve(50 + flare * 0.5, hem + 2.5, 50, hem + 2.5)
    )
    if style == "spaghetti":
        half = (
            Path(50, neck)
            .curve(54, neck - 2, 57.5, 18)
            .to(60, 18.5)
            .curve(63.5, 24, 63, 28)
            .curve(63, 33, 62, waist_y)
            .curve(50 + flare * 0.6, waist_y + 18, 50 + flare, hem - 3)
            .curve(50 + flare * 0.5, hem + 2.5, 50, hem + 2.5)
        )
    outline = mirror(half.points)
    if style != "spaghetti":
        c.piece(
            Path(43.5 - strap * 0.2, 12)
            .curve(50, 13, 56.5 + strap * 0.2, 12)
            .to(50, neck + 2)
            .points,
            shadow(colour, 0.38),
        )
    else:
        for s in (1, -1):
            c.line([(50 + s * 8.6, 19), (50 + s * 8.2, 7)], shadow(colour, 0.1), 0.8)
    with c.part(outline, colour) as k:
        print_pattern(
            k, rng, colour, kinds=("plain", "plain", "plain", "dots", "flowers")
        )
        folds = [(54, 70), (46, 32), (58, 78), (42, 22)]
        for x0, x1 in folds:
            crease(
                k,
                (x0, waist_y + 6),
                lerp_mid((x0, waist_y + 6), (x1, hem + 3), 1.6),
                (x1, hem + 3),
                1.4,
                INK,
                0.13,
            )
        k.glaze(
            Path(62, waist_y)
            .curve(50 + flare, hem - 12, 50 + flare + 1, hem)
            .to(70, 100)
            .to(64, waist_y)
            .points,
            INK,
            0.07,
        )
        k.glaze(
            [(56, 12), (58.5, 12), (62, 26), (62, waist_y), (60.5, waist_y), (59, 26)],
            INK,
            0.06,
        )
        if maxi and rng.random() < 0.6:  # tiers
            for y in (62.0, 79.0):
                k.line([(0, y), (100, y)], shadow(colour, 0.22), 0.4)
                for i in range(40):
                    x = 20 + i * 1.5
                    k.line(
                        [(x, y + 0.3), (x + 0.3, y + 2.3)], shadow(colour, 0.14), 0.25
                    )
    if style == "sleeves":
        for s in (1, -1):
            sleeve = (
                Path(60.5, 12.5)
                .curve(68, 12, 71.5, 23)
                .to(64.5, 27.5)
                .curve(63, 20, 60.5, 12.5)
                .points
            )
            with c.part(sleeve if s > 0 else flip(sleeve), colour) as k:
                crease(k, (64, 16), (66, 20), (66.5, 25), 0.7, shadow(colour, 0.14))
    sash = accent or shadow(colour, 0.2)
    belt = (
        Path(37.5, waist_y - 2)
        .curve(50, waist_y - 0.8, 62.5, waist_y - 2)
        .to(62.2, waist_y + 1.6)
        .curve(50, waist_y + 2.8, 37.8, waist_y + 1.6)
        .points
    )
    c.piece(belt, sash)
    if rng.random() < 0.5:
        for s in (1, -1):
            loop = (
                Path(50, waist_y)
                .curve(50 + s * 5, waist_y - 5, 50 + s * 6.5, waist_y - 1)
                .curve(50 + s * 5, waist_y + 3, 50, waist_y + 0.5)
                .points
            )
            c.piece(loop, sash)
            tail = [
                (50 + s * 0.5, waist_y + 1),
                (50 + s * 3.5, waist_y + 11),
                (50 + s * 5.5, waist_y + 10),
                (50 + s * 1.5, waist_y + 0.5),
            ]
            c.piece(tail, sash)
        c.piece(Oval(48.3, waist_y - 1.6, 51.7, waist_y + 2), sash)


def maxi_dress(
    c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random
) -> None:
    dress(c, colour, accent, rng, maxi=True)


# --- outerwear ----------------------------------------------------------------------


def jacket(
    c: Canvas,
    colour: Colour,
    accent: Colour | None,
    rng: random.Random,
    *,
    coat: bool = False,
) -> None:
    length = rng.uniform(88, 92) if coat else rng.uniform(74, 78)
    width = 20.0 if not coat else 21.0
    side = 50 + width
    v_bottom = 46.0 if not coat else 44.0
    half = (
        Path(50, 11)
        .to(57, 11)
        .to(side - 0.5, 15.5)
        .curve(side + 6, 17, side + 9, 32)
        .to(side + 14, 76 if not coat else 78)
        .to(side + 6.5, 77.5 if not coat else 79.5)
        .to(side + 0.5, 40)
        .curve(side + 1.5, length * 0.7, side + (3 if coat else 1), length)
        .to(50, length + 0.6)
    )
    outline = mirror(half.points)
    c.piece([(43, 11), (57, 11), (50, v_bottom)], shadow(colour, 0.45))
    c.piece(
        [(45.5, 11), (54.5, 11), (50, 26)], (240, 238, 232), shadow(colour, 0.5), 0.25
    )  # a glimpse of shirt
    with c.part(outline, colour) as k:
        if coat and rng.random() < 0.4:
            print_pattern(k, rng, colour, kinds=("tartan",))
        for s in (1, -1):
            start, bend, end = (side + 4, 26), (side + 7, 48), (side + 11, 72)
            if s < 0:
                start, bend, end = flip([start, bend, end])
            crease(k, start, bend, end, 1.0, INK, 0.14)
        k.glaze(Box(side - 2.2, 40, side, length + 2), INK, 0.07)
        k.glaze(Box(50 - width, 40, 50 - width + 1.6, length + 2), WHITE, 0.06)
        k.line([(50.6, v_bottom), (50.6, length + 1)], shadow(colour, 0.28), 0.35)
        k.glaze(Box(0, length - 0.2, 100, length + 3), INK, 0.1)
    for s in (1, -1):
        cuff = [
            (side + 6.5, 77.5 if not coat else 79.5),
            (side + 14, 76 if not coat else 78),
        ]
        c.line(cuff if s > 0 else flip(cuff), shadow(colour, 0.25), 0.35)
        moved = [(x - 0.3, y - 5) for x, y in cuff]
        c.line(moved if s > 0 else flip(moved), shadow(colour, 0.18), 0.3)
    lapel_colour = light(colour, 0.05)
    for s in (1, -1):
        collar = [(57, 11), (60.5, 14), (61.5, 22), (58.5, 23.5), (55, 15)]
        lapel = [
            (55, 15),
            (58.5, 23.5),
            (61, 26),
            (63.5, 25.5) if coat else (62, 25.5),
            (50.8, v_bottom),
            (50, v_bottom),
            (50.5, v_bottom - 3),
        ]
        c.piece(collar if s > 0 else flip(collar), lapel_colour, edge(colour), 0.35)
        c.piece(lapel if s > 0 else flip(lapel), lapel_colour, edge(colour), 0.35)
    button = accent or detail(colour, 0.4)
    if coat:
        for y in (v_bottom + 6, v_bottom + 16):
            for x in (45.5, 54.5):
                c.dot(x, y, 1.1, button)
        if rng.random() < 0.5:  # a belted trench
            c.piece(Box(50 - width - 0.6, 54, side + 0.6, 58), shadow(colour, 0.08))
            c.piece(Box(45, 53, 51, 59, 0.5), button if accent else shadow(colour, 0.3))
            c.fill(Box(46.4, 54.4, 49.6, 57.6), shadow(colour, 0.08))
    else:
        for y in (v_bottom + 6, v_bottom + 16):
            c.dot(50.9, y, 1.0, button)
    pocket_y = length - 17
    for s in (1, -1):
        flap = Box(50 + s * 5.5, pocket_y, 50 + s * 15.5, pocket_y + 3.2, 0.4)
        c.piece(
            Box(
                min(flap.x0, flap.x1),
                pocket_y,
                max(flap.x0, flap.x1),
                pocket_y + 3.2,
                0.4,
            ),
            light(colour, 0.03),
            edge(colour),
            0.3,
        )
    c.piece(Box(37, 33, 44, 34.6, 0.3), light(colour, 0.03), edge(colour), 0.25)


def coat(c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random) -> None:
    jacket(c, colour, accent, rng, coat=True)


DRAWERS = {
    "tshirt": tshirt,
    "blouse": blouse,
    "sweater": sweater,
    "jeans": jeans,
    "trousers": trousers,
    "skirt": skirt,
    "shorts": shorts,
    "dress": dress,
    "maxi_dress": maxi_dress,
    "jacket": jacket,
    "coat": coat,
}
