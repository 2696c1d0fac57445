"""Beauty: make-up, skincare and fragrance, standing upright."""

from __future__ import annotations

import random

from .canvas import (
    GLASS,
    GOLD,
    WHITE,
    Box,
    Canvas,
    Colour,
    Oval,
    Path,
    contrast,
    light,
    mix,
    shadow,
)

LACQUER: Colour = (34, 32, 38)


def _label(c: Canvas, box: Box, paper: Colour) -> None:
    """A small label: a wordmark bar and two lines of small print."""
    c.piece(box, paper, shadow(paper, 0.2), 0.25)
    ink = contrast(paper)
    cx, w = (box.x0 + box.x1) / 2, box.x1 - box.x0
    h = box.y1 - box.y0
    c.line(
        [(cx - w * 0.3, box.y0 + h * 0.36), (cx + w * 0.3, box.y0 + h * 0.36)],
        ink,
        h * 0.13,
    )
    c.line(
        [(cx - w * 0.22, box.y0 + h * 0.62), (cx + w * 0.22, box.y0 + h * 0.62)],
        mix(ink, paper, 0.5),
        h * 0.06,
    )
    c.line(
        [(cx - w * 0.16, box.y0 + h * 0.76), (cx + w * 0.16, box.y0 + h * 0.76)],
        mix(ink, paper, 0.5),
        h * 0.06,
    )


def _shine(
    k: Canvas, x: float, top: float, bottom: float, width: float, colour: Colour
) -> None:
    k.fill(Box(x, top, x + width, bottom, width / 2), light(colour, 0.35))


def lipstick(
    c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random
) -> None:
    metal = accent or GOLD
    case = colour
    # the cap, standing to the right
    with c.part(Box(58, 36, 76, 88, 2), case) as k:
        k.fill(Box(70, 30, 80, 90), shadow(case, 0.18))
        _shine(k, 61, 40, 84, 2, case)
        k.fill(Box(58, 36, 80, 39), metal)
    bullet = (
        Path(33.5, 44)
        .to(33.5, 30)
        .curve(34, 24, 40, 21)
        .to(48.5, 15)
        .to(48.5, 44)
        .points
    )
    with c.part(bullet, colour) as k:
        k.fill(Box(44, 0, 60, 50), shadow(colour, 0.14))
        k.fill(
            [(33.5, 30), (48.5, 15), (48.5, 18.5), (33.5, 33.5)], light(colour, 0.22)
        )
        k.fill(Box(35.5, 30, 37.5, 44), light(colour, 0.16))
    with c.part(Box(31.5, 42, 50.5, 56, 0.6), metal) as k:
        k.fill(Box(45, 40, 52, 58), shadow(metal, 0.18))
        _shine(k, 33.5, 43, 55, 1.6, metal)
    with c.part(Box(29, 55, 53, 88, 2), case) as k:
        k.fill(Box(46, 50, 56, 90), shadow(case, 0.18))
        _shine(k, 32, 58, 84, 2.2, case)
        k.fill(Box(29, 84, 53, 88), metal)


def nail_polish(
    c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random
) -> None:
    cap = accent or rng.choice([LACQUER, GOLD, WHITE])
    tall = rng.random() < 0.5
    cap_top = 12.0 if tall else 22.0
    with c.part(Box(41, cap_top, 59, 46, 2.4), cap) as k:
        k.fill(Box(54, 0, 60, 50), shadow(cap, 0.2))
        _shine(k, 43.5, cap_top + 3, 43, 1.8, cap)
    glass = mix(GLASS, colour, 0.1)
    body = Box(27, 45, 73, 89, 9)
    with c.part(body, glass, shadow(colour, 0.45), 0.45) as k:
        k.fill(Box(29.5, 47.5, 70.5, 86.5, 7), colour)
        k.fill(Box(61, 40, 80, 95), shadow(colour, 0.16))
        k.fill(Box(33, 52, 37, 80, 2), light(colour, 0.45))
        k.fill(Box(39, 52, 40.6, 60, 0.8), light(colour, 0.35))
    c.piece(Box(40, 43.5, 60, 47, 0.6), shadow(cap, 0.15))


def perfume(
    c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random
) -> None:
    metal = accent or GOLD
    tint = mix(colour, (250, 248, 244), 0.25)
    shape = rng.choice(["square", "round", "tall"])
    if shape == "round":
        bottle = Oval(22, 34, 78, 90)
        liquid = Oval(26, 44, 74, 86)
    elif shape == "tall":
        bottle = Box(30, 30, 70, 90, 4)
        liquid = Box(33, 40, 67, 87, 2.5)
    else:
        bottle = Box(22, 36, 78, 90, 5)
        liquid = Box(25.5, 44, 74.5, 86.5, 3)
    top = bottle.y0
    cap = rng.choice(["block", "ball", "tall"])
    if cap == "ball":
        c.piece(Oval(38, top - 26, 62, top - 3), metal, shadow(metal, 0.35), 0.35)
        c.dot(45, top - 19, 2.6, light(metal, 0.5))
    elif cap == "tall":
        with c.part(Box(42, top - 28, 58, top - 3, 1.5), LACQUER) as k:
            _shine(k, 44.5, top - 25, top - 6, 1.8, LACQUER)
    else:
        with c.part(
            Box(36, top - 16, 64, top - 3, 2), metal, shadow(metal, 0.35), 0.35
        ) as k:
            k.fill(Box(56, 0, 70, 100), shadow(metal, 0.18))
            _shine(k, 39, top - 13.5, top - 5.5, 1.8, metal)
    c.piece(Box(44, top - 4, 56, top + 1, 0.6), shadow(metal, 0.1))
    with c.part(bottle, light(tint, 0.35), shadow(colour, 0.4), 0.45) as k:
        k.fill(liquid, colour)
        k.fill(Box(60, 20, 90, 100), shadow(colour, 0.14))
        k.fill(
            Box(bottle.x0 + 3, top + 4, bottle.x0 + 7, bottle.y1 - 5, 2),
            light(colour, 0.45),
        )
    _label(
        c, Box(38, 58, 62, 70, 0.8), rng.choice([WHITE, (30, 28, 32), (244, 234, 212)])
    )


def face_cream(
    c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random
) -> None:
    lid = accent or rng.choice([WHITE, GOLD, (226, 222, 214)])
    top, bottom = 46.0, 82.0
    with c.part(Box(18, top, 82, bottom, 6), colour) as k:
        k.fill(Box(72, 0, 100, 100), shadow(colour, 0.14))
        k.fill(Box(18, bottom - 5, 100, bottom + 1), shadow(colour, 0.1))
        _shine(k, 23, top + 6, bottom - 8, 2.6, colour)
    _label(
        c, Box(36, 57, 64, 71, 1), rng.choice([WHITE, (244, 234, 212), (30, 28, 32)])
    )
    with c.part(Box(16, 30, 84, 47, 3.2), lid) as k:
        k.fill(Box(70, 0, 100, 100), shadow(lid, 0.16))
        for x in range(19, 82, 2):
            k.line([(x, 30), (x, 47)], shadow(lid, 0.08), 0.3)
        k.fill(Box(16, 30, 100, 32.5), light(lid, 0.3))
    c.fill(Oval(16.2, 27.4, 83.8, 33.4), light(lid, 0.2))
    c.stroke(Oval(16.2, 27.4, 83.8, 33.4), shadow(lid, 0.25), 0.3)


def mascara(
    c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random
) -> None:
    metal = accent or GOLD
    # the tube
    with c.part(Box(26, 30, 44, 90, 4), colour) as k:
        k.fill(Box(38.5, 0, 50, 100), shadow(colour, 0.16))
        _shine(k, 29, 34, 86, 2.2, colour)
        k.text((35, 62), "LASH", contrast(colour), 3.6, bold=0.15)
    c.piece(Box(26.5, 26, 43.5, 31, 0.8), metal)
    # the wand: handle cap, stem and brush
    with c.part(Box(56, 8, 72, 42, 3), colour) as k:
        k.fill(Box(67, 0, 80, 50), shadow(colour, 0.16))
        _shine(k, 58.6, 12, 38, 1.8, colour)
    c.piece(Box(56.5, 40, 71.5, 45, 0.8), metal)
    c.fill(Box(63, 45, 65, 62), (40, 38, 44))
    brush = (
        Path(59.5, 62)
        .to(68.5, 62)
        .curve(69.5, 76, 66, 88)
        .curve(64, 90, 62, 88)
        .curve(58.5, 76, 59.5, 62)
        .points
    )
    with c.part(brush, (28, 26, 30)) as k:
        for y in range(62, 90, 2):
            k.line([(56, y), (72, y + 1)], (70, 68, 74), 0.4)
    c.fill(Box(63.4, 60, 64.6, 89), (56, 54, 60))


def palette(
    c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random
) -> None:
    case = rng.choice([LACQUER, colour])
    tones = [
        light(colour, 0.55),
        light(colour, 0.25),
        colour,
        shadow(colour, 0.25),
        mix(colour, (214, 170, 120), 0.5),
        mix(colour, (240, 200, 190), 0.6),
        mix(colour, (150, 100, 70), 0.5),
        mix(colour, GOLD, 0.55),
        shadow(colour, 0.5),
    ]
    rng.shuffle(tones)
    tones[4] = colour
    with c.part(Box(14, 20, 86, 82, 5), case) as k:
        k.fill(Box(80, 0, 100, 100), shadow(case, 0.2))
        k.fill(Box(14, 20, 100, 22.5), light(case, 0.2))
    for i, tone in enumerate(tones):
        x = 21 + (i % 3) * 20
        y = 26 + (i // 3) * 18.5
        well = Box(x - 0.8, y - 0.8, x + 18.8 - 2, y + 16.8, 2.4)
        c.fill(well, shadow(case, 0.35) if case != LACQUER else (20, 19, 24))
        with c.part(Box(x, y, x + 16.4, y + 16, 2), tone, shadow(tone, 0.25), 0.3) as k:
            if i in (1, 5, 7):  # shimmer
                for _ in range(10):
                    k.dot(
                        rng.uniform(x, x + 16),
                        rng.uniform(y, y + 16),
                        0.35,
                        light(tone, 0.6),
                    )
            k.fill(
                Path(x, y + 16)
                .curve(x + 8, y + 10, x + 16.4, y + 13)
                .to(x + 16.4, y + 16)
                .points,
                shadow(tone, 0.08),
            )


DRAWERS = {
    "lipstick": lipstick,
    "nail_polish": nail_polish,
    "perfume": perfume,
    "face_cream": face_cream,
    "mascara": mascara,
    "palette": palette,
}
