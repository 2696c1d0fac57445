"""Home: textiles, ceramics, lighting, plants and things for the wall."""

from __future__ import annotations

import math
import random

from .canvas import (
    GLASS,
    GOLD,
    INK,
    LEAF,
    WHITE,
    Box,
    Canvas,
    Colour,
    Oval,
    Path,
    arc_points,
    contrast,
    crease,
    light,
    mirror,
    mix,
    shadow,
)

TERRACOTTA: Colour = (196, 112, 78)
OAK: Colour = (190, 150, 104)


def _companion(colour: Colour) -> Colour:
    """A second colour that sits well next to ``colour`` in a print or weave."""
    options = [
        (222, 172, 52),
        (236, 226, 204),
        (32, 48, 104),
        TERRACOTTA,
        (34, 110, 64),
    ]
    return max(
        options, key=lambda o: sum(abs(a - b) for a, b in zip(o, colour, strict=True))
    )


def cushion(
    c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random
) -> None:
    outline = (
        Path(14, 20)
        .curve(50, 25, 86, 20)
        .curve(81, 52, 86, 84)
        .curve(50, 79, 14, 84)
        .curve(19, 52, 14, 20)
        .points
    )
    ink = accent or _companion(colour)
    style = rng.choice(["plain", "stripes", "diamonds", "block", "dots"])
    with c.part(outline, colour, shadow(colour, 0.3), 0.9) as k:
        if style == "stripes":
            for x in range(24, 80, 12):
                k.fill(Box(x, 0, x + 4, 100), mix(ink, colour, 0.1))
        elif style == "diamonds":
            for row in range(5):
                for col in range(5):
                    x, y = 22 + col * 14 + (7 if row % 2 else 0), 26 + row * 13
                    k.fill(
                        [(x, y - 5), (x + 5, y), (x, y + 5), (x - 5, y)],
                        mix(ink, colour, 0.15),
                    )
        elif style == "block":
            k.fill(Box(0, 60, 100, 100), mix(ink, colour, 0.1))
        elif style == "dots":
            for row in range(7):
                for col in range(7):
                    k.dot(
                        20 + col * 10 + (5 if row % 2 else 0),
                        26 + row * 9.5,
                        1.4,
                        mix(ink, colour, 0.2),
                    )
        k.glaze(
            Path(70, 20).curve(76, 52, 70, 84).to(100, 84).to(100, 20).points, INK, 0.1
        )
        for start, bend, end in (
            ((15, 21), (21, 25), (27, 31)),
            ((85, 21), (79, 25), (73, 31)),
            ((15, 83), (21, 79), (27, 73)),
            ((85, 83), (79, 79), (73, 73)),
        ):
            crease(k, start, bend, end, 1.0, INK, 0.18)
    if rng.random() < 0.4:  # tassels at the corners
        for x, y, dx, dy in (
            (14, 20, -1, -1),
            (86, 20, 1, -1),
            (14, 84, -1, 1),
            (86, 84, 1, 1),
        ):
            for i in range(5):
                c.line(
                    [(x, y), (x + dx * (3 + i * 0.4), y + dy * (5 - i * 0.6))],
                    shadow(ink, 0.05),
                    0.5,
                )
    elif style == "plain":
        c.piece(Oval(48, 49, 53, 54), shadow(colour, 0.25))


def vase(c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random) -> None:
    shape = rng.choice(["belly", "bottle", "jar"])
    if rng.random() < 0.55:
        _stems(c, rng, 50, 30 if shape != "bottle" else 20)
    if shape == "belly":
        half = (
            Path(50, 28)
            .to(58, 28)
            .curve(56, 34, 56, 38)
            .curve(75, 48, 73, 66)
            .curve(71, 84, 60, 90)
            .to(50, 90)
            .points
        )
        lip = Oval(41, 25.6, 59, 30.4)
    elif shape == "bottle":
        half = (
            Path(50, 18)
            .to(55, 18)
            .to(54.5, 22)
            .curve(54, 44, 58, 50)
            .curve(72, 56, 70, 74)
            .curve(69, 88, 60, 90)
            .to(50, 90)
            .points
        )
        lip = Oval(44.5, 16.4, 55.5, 19.6)
    else:
        half = (
            Path(50, 30)
            .to(64, 30)
            .curve(62, 33, 64, 38)
            .curve(72, 56, 68, 80)
            .curve(66, 90, 58, 90)
            .to(50, 90)
            .points
        )
        lip = Oval(36, 27.4, 64, 32.6)
    body = mirror(half)
    with c.part(body, colour) as k:
        k.fill(
            Path(60, 20).curve(72, 55, 62, 95).to(100, 95).to(100, 20).points,
            shadow(colour, 0.14),
        )
        k.fill(
            Path(36, 40).curve(32, 60, 38, 82).to(41, 82).curve(36, 60, 40, 40).points,
            light(colour, 0.22),
        )
        finish = rng.choice(["plain", "ribs", "speckle", "band"])
        if finish == "ribs":
            for x in range(30, 72, 5):
                k.line([(x, 36), (50 + (x - 50) * 0.7, 92)], shadow(colour, 0.1), 0.6)
        elif finish == "speckle":
            for _ in range(70):
                k.dot(
                    rng.uniform(24, 76),
                    rng.uniform(20, 92),
                    rng.uniform(0.25, 0.5),
                    shadow(colour, 0.45),
                )
        elif finish == "band":
            k.fill(Box(0, 60, 100, 63), accent or contrast(colour))
    c.piece(lip, shadow(colour, 0.05))
    inner = Oval(lip.x0 + 1.6, lip.y0 + 0.8, lip.x1 - 1.6, lip.y1 - 0.8)
    c.fill(inner, shadow(colour, 0.5))


def _stems(c: Canvas, rng: random.Random, x: float, base: float) -> None:
    """A few dried grasses or eucalyptus sprigs rising from a vase."""
    stem = rng.choice([(170, 140, 100), (120, 140, 116)])
    for i in range(3):
        angle = math.radians(-25 + i * 25 + rng.uniform(-6, 6))
        length = min(rng.uniform(30, 40), (base - 4) / max(0.5, math.cos(angle)))
        tip = (x + math.sin(angle) * length, base - math.cos(angle) * length)
        c.line([(x, base + 6), tip], shadow(stem, 0.2), 0.6)
        for j in range(6):
            t = 0.35 + j * 0.11
            px, py = x + (tip[0] - x) * t, base + 6 + (tip[1] - base - 6) * t
            side = 1 if j % 2 else -1
            leaf = Oval(
                px + side * 0.5 - 2.2, py - 1.6, px + side * 0.5 + 2.2, py + 1.6
            )
            c.fill(leaf, light(stem, 0.1 * (j % 3)))


def lamp(c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random) -> None:
    base_kind = rng.choice(["brass", "ceramic", "wood"])
    base = {"brass": GOLD, "ceramic": WHITE, "wood": OAK}[base_kind]
    if accent:
        base = accent
    glow = mix(colour, (255, 236, 180), 0.55)
    shade_top, shade_bottom = 10.0, 46.0
    c.fill(Oval(22, shade_bottom - 3, 78, shade_bottom + 3), glow)
    if base_kind == "ceramic":
        body = mirror(
            Path(50, 50)
            .to(54, 50)
            .curve(56, 54, 60, 58)
            .curve(70, 70, 64, 82)
            .to(62, 86)
            .to(50, 86)
            .points
        )
        with c.part(body, base) as k:
            k.fill(
                Path(58, 50).curve(68, 70, 58, 90).to(80, 90).to(80, 50).points,
                shadow(base, 0.12),
            )
            k.fill(
                Path(40, 62)
                .curve(38, 70, 42, 80)
                .to(44, 80)
                .curve(41, 70, 43, 62)
                .points,
                light(base, 0.6),
            )
        c.piece(Box(36, 85.5, 64, 89, 1), shadow(base, 0.06))
    else:
        c.piece(Box(48.6, 46, 51.4, 84, 0.8), base)
        c.fill(Box(50.4, 46, 51.4, 84), shadow(base, 0.15))
        c.piece(Oval(32, 80, 68, 90), base)
        c.fill(Oval(32, 80, 68, 86), light(base, 0.15))
        c.stroke(Oval(32, 80, 68, 86), shadow(base, 0.3), 0.3)
    shade = (
        Path(34, shade_top)
        .to(66, shade_top)
        .to(78, shade_bottom)
        .curve(50, shade_bottom + 3.6, 22, shade_bottom)
        .points
    )
    with c.part(shade, colour) as k:
        k.fill(Path(58, 0).to(66, 0).to(80, 60).to(70, 60).points, shadow(colour, 0.1))
        k.fill(Path(34, 0).to(40, 0).to(30, 60).to(20, 60).points, light(colour, 0.1))
        k.fill(Box(0, shade_bottom - 2.2, 100, 60), shadow(colour, 0.06))
        k.fill(Box(0, 0, 100, shade_top + 1.6), shadow(colour, 0.06))
    c.fill(Oval(35, shade_top - 1.2, 65, shade_top + 1.2), shadow(colour, 0.2))


def candle(
    c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random
) -> None:
    glass = mix(GLASS, colour, 0.08)
    top, bottom = 34.0, 88.0
    wax_top = top + rng.uniform(8, 12)
    flame = (
        Path(50, wax_top - 17)
        .curve(55, wax_top - 8, 50, wax_top - 4)
        .curve(45, wax_top - 8, 50, wax_top - 17)
        .points
    )
    c.fill(flame, (250, 190, 70))
    c.fill(
        Path(50, wax_top - 12)
        .curve(52.4, wax_top - 7, 50, wax_top - 5)
        .curve(47.6, wax_top - 7, 50, wax_top - 12)
        .points,
        (255, 236, 160),
    )
    jar = Box(26, top, 74, bottom, 5)
    with c.part(jar, glass, shadow(glass, 0.28), 0.45) as k:
        k.fill(Box(29.4, wax_top, 70.6, bottom - 3, 3), colour)
        k.fill(Oval(29.4, wax_top - 2.4, 70.6, wax_top + 2.4), light(colour, 0.12))
        k.fill(Box(62, wax_top + 2, 70.6, bottom - 3), shadow(colour, 0.1))
        label = Box(36, 60, 64, 72, 1)
        paper = rng.choice([(240, 232, 214), (250, 249, 245), (40, 38, 44)])
        k.piece(label, paper, shadow(paper, 0.2), 0.3)
        ink = contrast(paper)
        k.line([(40, 64), (60, 64)], ink, 0.9)
        k.line([(42, 67.4), (58, 67.4)], mix(ink, paper, 0.5), 0.5)
        k.line([(44, 69.6), (56, 69.6)], mix(ink, paper, 0.5), 0.5)
        k.fill(Box(29, top - 1, 33, bottom + 1), light(glass, 0.5))
        k.fill(Box(34.5, top - 1, 35.7, bottom + 1), light(glass, 0.5))
        k.fill(Box(26, bottom - 3.4, 74, bottom + 1), shadow(glass, 0.1))
    c.line([(50, wax_top), (50, wax_top - 4.4)], INK, 0.6)
    c.stroke(Oval(26, top - 2.6, 74, top + 2.6), shadow(glass, 0.3), 0.45)


def mug(c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random) -> None:
    top, bottom, left, right = 28.0, 82.0, 20.0, 66.0
    handle = (
        Path(64, 40)
        .curve(86, 36, 84, 58)
        .curve(82, 74, 64, 72)
        .to(64, 65)
        .curve(76, 66, 77, 57)
        .curve(78, 44, 64, 47)
        .points
    )
    with c.part(handle, colour) as k:
        k.fill(Box(0, 60, 100, 100), shadow(colour, 0.12))
    body = (
        Path(left, top)
        .to(right, top)
        .to(right - 1, bottom - 4)
        .curve(right - 1, bottom, right - 5, bottom)
        .to(left + 5, bottom)
        .curve(left + 1, bottom, left + 1, bottom - 4)
        .points
    )
    glaze = rng.choice(["plain", "dipped", "speckle", "stripe"])
    with c.part(body, colour) as k:
        if glaze == "dipped":
            k.fill(
                Path(0, 66)
                .curve(30, 64, 50, 67)
                .curve(70, 70, 100, 67)
                .to(100, 100)
                .to(0, 100)
                .points,
                (214, 196, 170),
            )
        elif glaze == "speckle":
            for _ in range(60):
                k.dot(
                    rng.uniform(left, right),
                    rng.uniform(top, bottom),
                    rng.uniform(0.25, 0.45),
                    shadow(colour, 0.5),
                )
        elif glaze == "stripe":
            k.fill(Box(0, 50, 100, 56), accent or contrast(colour))
        k.fill(Box(right - 8, 0, 100, 100), shadow(colour, 0.12))
        k.fill(Box(left + 4, top + 4, left + 8, bottom - 6, 2), light(colour, 0.2))
    c.piece(Oval(left, top - 4, right, top + 4), light(colour, 0.08))
    c.fill(Oval(left + 2, top - 2.6, right - 2, top + 2.6), shadow(colour, 0.45))
    c.fill(
        Path(left + 2, top)
        .curve(43, top + 5.2, right - 2, top)
        .curve(43, top + 2.6, left + 2, top)
        .points,
        shadow(colour, 0.25),
    )


def plant(c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random) -> None:
    kind = rng.choice(["snake", "round", "broad"])
    leaf = LEAF if kind != "snake" else (56, 110, 70)
    if kind == "snake":
        blades = [(-12, 30), (-6, 14), (0, 8), (7, 18), (13, 34), (-2, 26)]
        for dx, tip in blades:
            base = 50 + dx * 0.5
            blade = (
                Path(base - 4, 62)
                .curve(base + dx - 5, 36, 50 + dx * 1.6, tip)
                .curve(base + dx + 5, 36, base + 4, 62)
                .points
            )
            with c.part(blade, leaf, shadow(leaf, 0.3), 0.35) as k:
                for y in range(int(tip) + 4, 62, 5):
                    k.line([(0, y), (100, y + 2)], shadow(leaf, 0.2), 0.8)
                k.stroke(blade, (196, 190, 90), 0.9)
    elif kind == "round":
        # coin-shaped leaves on long stalks, spaced so the backdrop shows between
        for i in range(8):
            angle = math.radians(-74 + i * 21)
            length = 31 + (i % 2) * 9
            tip = (50 + math.sin(angle) * length * 1.05, 58 - math.cos(angle) * length)
            c.line([(50, 60), tip], shadow(leaf, 0.2), 0.6)
            r = 6.2 + (i % 2) * 0.8
            with c.part(
                Oval(tip[0] - r, tip[1] - r * 0.9, tip[0] + r, tip[1] + r * 0.9),
                light(leaf, 0.06 * (i % 3)),
                shadow(leaf, 0.3),
                0.35,
            ) as k:
                k.fill(Box(tip[0], 0, 100, 100), shadow(leaf, 0.1))
            c.dot(*tip, 0.6, shadow(leaf, 0.3))
    else:
        for i in range(7):
            angle = math.radians(-66 + i * 22)
            length = 34 + (3 - abs(i - 3)) * 3
            tip = (50 + math.sin(angle) * length, 58 - math.cos(angle) * length)
            mid = (
                50 + math.sin(angle) * length * 0.55,
                58 - math.cos(angle) * length * 0.55,
            )
            nx, ny = math.cos(angle) * 6.5, math.sin(angle) * 6.5
            shape = (
                Path(50, 58)
                .curve(mid[0] + nx * 1.5, mid[1] + ny * 1.5, *tip)
                .curve(mid[0] - nx * 1.5, mid[1] - ny * 1.5, 50, 58)
                .points
            )
            tone = light(leaf, 0.08) if i % 2 else leaf
            with c.part(shape, tone, shadow(leaf, 0.3), 0.35) as k:
                k.fill(
                    [
                        (50, 58),
                        tip,
                        (tip[0] + nx * 3, tip[1] + ny * 3),
                        (50 + nx * 3, 58 + ny * 3),
                    ],
                    shadow(tone, 0.12),
                )
            c.line([(50, 58), tip], light(leaf, 0.25), 0.35)
    pot = [(29, 60), (71, 60), (65, 92), (35, 92)]
    with c.part(pot, colour) as k:
        k.fill([(58, 60), (71, 60), (65, 92), (56, 92)], shadow(colour, 0.12))
        k.fill([(34, 64), (38, 64), (39.5, 88), (37.5, 88)], light(colour, 0.2))
    c.piece(Box(27, 56, 73, 65, 1.2), light(colour, 0.05))
    c.fill(Box(62, 56.6, 72.4, 64.4), shadow(colour, 0.08))


def throw_blanket(
    c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random
) -> None:
    ink = accent or _companion(colour)
    weave = rng.choice(["stripes", "check", "knit", "plain"])

    def texture(k: Canvas) -> None:
        if weave == "check":
            for i in range(12):
                k.fill(Box(i * 9, 0, i * 9 + 1.8, 100), mix(ink, colour, 0.45))
                k.fill(Box(0, i * 9, 100, i * 9 + 1.8), mix(ink, colour, 0.45))
        elif weave == "knit":
            for y in range(0, 100, 4):
                for x in range(0, 100, 4):
                    k.line(
                        [(x, y), (x + 2, y + 2.4), (x + 4, y)],
                        shadow(colour, 0.14),
                        0.35,
                    )

    layers = [(30.0, 44.0), (43.0, 57.0), (56.0, 70.0), (69.0, 83.0)]
    for n, (y0, y1) in enumerate(reversed(layers)):
        fold = Box(14 + n * 0.4, y0, 86 - n * 0.4, y1, 6.5)
        with c.part(fold, colour, shadow(colour, 0.3), 0.45) as k:
            texture(k)
            k.fill(Box(0, y1 - 4, 100, y1 + 1), shadow(colour, 0.12))
            k.fill(Box(0, y0 - 1, 100, y0 + 2.2), light(colour, 0.12))
    flap = (
        Path(58, 30)
        .to(76, 30)
        .curve(77, 60, 80, 88)
        .to(62, 90)
        .curve(60, 60, 58, 30)
        .points
    )
    with c.part(flap, colour) as k:
        texture(k)
        if weave in ("stripes", "plain"):
            for y in (74.0, 79.0):
                k.fill(
                    [(50, y), (90, y - 1), (90, y + 2.2), (50, y + 3.2)],
                    mix(ink, colour, 0.1),
                )
        k.fill(
            Path(70, 30).curve(73, 60, 76, 92).to(90, 92).to(90, 30).points,
            shadow(colour, 0.1),
        )
    for i in range(11):
        t = (i + 0.5) / 11
        x, y = 62 + 18 * t, 90 - 2 * t
        c.line([(x, y), (x + 0.4, y + 6)], colour, 0.6)


def wall_art(
    c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random
) -> None:
    frame = rng.choice([(30, 30, 32), OAK, (246, 244, 238), GOLD])
    second = accent or _companion(colour)
    paper = mix(colour, (250, 247, 240), 0.85)
    c.piece(Box(18, 8, 82, 92), frame, shadow(frame, 0.35), 0.35)
    c.fill(Box(19, 9, 81, 10.4), light(frame, 0.2))
    c.piece(Box(21.5, 11.5, 78.5, 88.5), (250, 249, 245), shadow(frame, 0.2), 0.3)
    art = Box(27, 18, 73, 82)
    with c.part(art, paper, shadow(paper, 0.1), 0.2) as k:
        motif = rng.choice(["arches", "sun", "blobs"])
        if motif == "arches":
            for n, tone in enumerate([colour, second, light(colour, 0.35)]):
                r = 20 - n * 6
                k.fill(
                    Path(50 - r, 82)
                    .to(50 - r, 60)
                    .curve(50 - r, 60 - r * 1.1, 50, 60 - r * 1.1)
                    .curve(50 + r, 60 - r * 1.1, 50 + r, 60)
                    .to(50 + r, 82)
                    .points,
                    tone,
                )
            k.dot(60, 28, 5, mix(second, TERRACOTTA, 0.5))
        elif motif == "sun":
            k.fill(
                Path(27, 64)
                .curve(40, 54, 52, 60)
                .curve(62, 66, 73, 58)
                .to(73, 82)
                .to(27, 82)
                .points,
                colour,
            )
            k.dot(50, 44, 11, second)
            k.fill(
                Path(27, 72)
                .curve(44, 64, 60, 72)
                .curve(66, 75, 73, 71)
                .to(73, 82)
                .to(27, 82)
                .points,
                shadow(colour, 0.25),
            )
        else:
            k.fill(
                Path(30, 40)
                .curve(34, 22, 52, 26)
                .curve(66, 30, 58, 46)
                .curve(50, 60, 36, 56)
                .curve(26, 52, 30, 40)
                .points,
                colour,
            )
            k.fill(
                Path(50, 64)
                .curve(56, 50, 68, 56)
                .curve(76, 66, 66, 76)
                .curve(52, 82, 50, 64)
                .points,
                second,
            )
            k.line(
                Path(32, 70).curve(40, 60, 46, 70).curve(52, 80, 58, 66).points,
                INK,
                0.6,
            )
            k.dot(64, 30, 3.4, shadow(colour, 0.3))


def mirror_(
    c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random
) -> None:
    style = rng.choice(["ring", "sunburst", "rattan"])
    glass = (218, 230, 236)
    if style == "sunburst":
        for i in range(36):
            angle = math.radians(i * 10)
            length = 40 if i % 2 else 36
            a = (50 + 24 * math.cos(angle), 50 + 24 * math.sin(angle))
            b = (50 + length * math.cos(angle), 50 + length * math.sin(angle))
            c.line([a, b], shadow(colour, 0.06 * (i % 2)), 2.2)
        c.piece(Oval(20, 20, 80, 80), colour)
        radius = 24.0
    else:
        c.piece(Box(47.2, 4, 52.8, 14, 1.4), shadow(colour, 0.25))
        c.dot(50, 6.6, 0.9, GOLD)
        c.piece(Oval(12, 12, 88, 88), colour)
        if style == "rattan":
            for i in range(72):
                angle = math.radians(i * 5)
                a = (50 + 31 * math.cos(angle), 50 + 31 * math.sin(angle))
                b = (
                    50 + 37.5 * math.cos(angle + 0.05),
                    50 + 37.5 * math.sin(angle + 0.05),
                )
                c.line([a, b], shadow(colour, 0.18), 0.4)
        c.line(arc_points(50, 50, 36, 36, 150, 250), light(colour, 0.3), 1.0)
        radius = 30.0
    with c.part(
        Oval(50 - radius, 50 - radius, 50 + radius, 50 + radius),
        glass,
        shadow(colour, 0.3),
        0.6,
    ) as k:
        for offset, width in ((-10, 7), (2, 3)):
            k.fill(
                [
                    (30 + offset, 100),
                    (36 + offset + width, 100),
                    (86 + offset + width, 0),
                    (80 + offset, 0),
                ],
                light(glass, 0.55),
            )


def rug(c: Canvas, colour: Colour, accent: Colour | None, rng: random.Random) -> None:
    ink = accent or _companion(colour)
    border = shadow(colour, 0.3)
    for x in range(20, 81, 2):
        c.line([(x, 6.5), (x, 12)], (206, 194, 168), 0.55)
        c.line([(x, 88), (x, 93.5)], (206, 194, 168), 0.55)
    with c.part(Box(18, 11, 82, 89), colour) as k:
        k.fill(Box(18, 11, 82, 18), border)
        k.fill(Box(18, 82, 82, 89), border)
        k.fill(Box(18, 11, 22.5, 89), border)
        k.fill(Box(77.5, 11, 82, 89), border)
        for x in range(24, 77, 6):
            k.fill([(x, 18), (x + 3, 14.5), (x + 6, 18)], mix(ink, border, 0.3))
            k.fill([(x, 82), (x + 3, 85.5), (x + 6, 82)], mix(ink, border, 0.3))
        pattern = rng.choice(["medallion", "diamonds", "stripes"])
        if pattern == "medallion":
            k.fill([(50, 28), (66, 50), (50, 72), (34, 50)], ink)
            k.fill([(50, 35), (61, 50), (50, 65), (39, 50)], colour)
            k.fill([(50, 43), (55, 50), (50, 57), (45, 50)], border)
        elif pattern == "diamonds":
            for row in range(4):
                y = 30 + row * 13
                for x in (36, 50, 64):
                    k.fill(
                        [(x, y - 5), (x + 5, y), (x, y + 5), (x - 5, y)],
                        ink if (row + x) % 2 else border,
                    )
        else:
            for y in range(27, 74, 11):
                k.fill(Box(22.5, y, 77.5, y + 2.2), ink)
                for x in range(27, 76, 5):
                    k.dot(x, y + 5.5, 0.7, border)
    c.stroke(Box(18, 11, 82, 89), shadow(colour, 0.45), 0.4)


DRAWERS = {
    "cushion": cushion,
    "vase": vase,
    "lamp": lamp,
    "candle": candle,
    "mug": mug,
    "plant": plant,
    "throw_blanket": throw_blanket,
    "wall_art": wall_art,
    "mirror": mirror_,
    "rug": rug,
}
