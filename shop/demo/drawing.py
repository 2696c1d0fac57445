"""Product pictures for the demo catalog, drawn with Pillow.

Flat illustrations on one plain light background (so the cut-out works), drawn at
twice the size and scaled down for smooth edges. Deterministic for the same inputs.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from PIL import Image, ImageDraw, ImageFont

BACKGROUND = (246, 245, 242)
Colour = tuple[int, int, int]


def shade(colour: Colour, factor: float) -> Colour:
    """Darker below 1, lighter above 1."""
    if factor < 1:
        return tuple(int(c * factor) for c in colour)
    return tuple(int(c + (255 - c) * (factor - 1)) for c in colour)


class Canvas:
    """Coordinates in a 0–100 box, scaled to the real size."""

    def __init__(self, size: int):
        self.scale = size * 2 / 100
        self.image = Image.new("RGB", (size * 2, size * 2), BACKGROUND)
        self.draw = ImageDraw.Draw(self.image)

    def p(self, points):
        return [(x * self.scale, y * self.scale) for x, y in points]

    def poly(self, points, fill, outline=None, width=0):
        self.draw.polygon(
            self.p(points), fill=fill, outline=outline, width=int(width * self.scale)
        )

    def rect(self, x0, y0, x1, y1, fill, radius=0, outline=None, width=0):
        self.draw.rounded_rectangle(
            self.p([(x0, y0), (x1, y1)]),
            radius=radius * self.scale,
            fill=fill,
            outline=outline,
            width=int(width * self.scale),
        )

    def ellipse(self, x0, y0, x1, y1, fill=None, outline=None, width=0):
        self.draw.ellipse(
            self.p([(x0, y0), (x1, y1)]),
            fill=fill,
            outline=outline,
            width=max(1, int(width * self.scale)) if outline else 0,
        )

    def line(self, points, fill, width):
        self.draw.line(
            self.p(points),
            fill=fill,
            width=max(1, int(width * self.scale)),
            joint="curve",
        )

    def arc(self, x0, y0, x1, y1, start, end, fill, width):
        self.draw.arc(
            self.p([(x0, y0), (x1, y1)]),
            start,
            end,
            fill=fill,
            width=max(1, int(width * self.scale)),
        )

    def text(self, xy, text, fill, size, anchor="mm"):
        font = ImageFont.load_default(size=int(size * self.scale))
        self.draw.text(self.p([xy])[0], text, fill=fill, font=font, anchor=anchor)

    def result(self, size: int) -> Image.Image:
        return self.image.resize((size, size), Image.Resampling.LANCZOS)


def _pattern(c: Canvas, rng: random.Random, box, colour: Colour) -> None:
    """Stripes or dots on some garments, inside a rough box."""
    kind = rng.choice(["plain", "plain", "stripes", "dots"])
    x0, y0, x1, y1 = box
    accent = shade(colour, 0.7 if sum(colour) > 380 else 1.45)
    if kind == "stripes":
        for y in range(int(y0), int(y1), 6):
            c.rect(x0, y, x1, y + 2, accent)
    elif kind == "dots":
        for y in range(int(y0) + 2, int(y1), 7):
            for x in range(int(x0) + 2 + (y % 2) * 3, int(x1), 7):
                c.ellipse(x - 1.1, y - 1.1, x + 1.1, y + 1.1, fill=accent)


def tshirt(c, colour, accent, rng):
    body = [
        (30, 22),
        (42, 18),
        (58, 18),
        (70, 22),
        (86, 36),
        (76, 46),
        (70, 40),
        (70, 84),
        (30, 84),
        (30, 40),
        (24, 46),
        (14, 36),
    ]
    c.poly(body, colour)
    _pattern(c, rng, (31, 40, 69, 83), colour)
    c.poly([(30, 84), (70, 84), (70, 80), (30, 80)], shade(colour, 0.85))
    c.arc(42, 12, 58, 26, 0, 180, shade(colour, 0.7), 2)


def sweater(c, colour, accent, rng):
    c.poly(
        [
            (28, 20),
            (72, 20),
            (90, 70),
            (80, 74),
            (70, 46),
            (70, 86),
            (30, 86),
            (30, 46),
            (20, 74),
            (10, 70),
        ],
        colour,
    )
    for x in range(32, 70, 4):
        c.line([(x, 48), (x, 84)], shade(colour, 0.85), 0.8)
    c.rect(30, 82, 70, 88, shade(colour, 0.8))
    c.ellipse(40, 15, 60, 27, fill=shade(colour, 0.78))
    c.ellipse(43, 16, 57, 24, fill=BACKGROUND)


def blouse(c, colour, accent, rng):
    tshirt(c, colour, accent, rng)
    c.poly([(42, 18), (50, 32), (58, 18)], shade(colour, 1.3))
    for y in (40, 52, 64, 76):
        c.ellipse(49, y, 51.5, y + 2.5, fill=shade(colour, 0.6))


def jeans(c, colour, accent, rng):
    c.poly(
        [(30, 12), (70, 12), (76, 90), (56, 90), (50, 38), (44, 90), (24, 90)], colour
    )
    c.rect(30, 12, 70, 18, shade(colour, 0.8))
    c.line([(50, 18), (50, 38)], shade(colour, 0.65), 0.8)
    c.arc(32, 14, 46, 30, 0, 90, shade(colour, 0.65), 0.8)
    c.arc(54, 14, 68, 30, 90, 180, shade(colour, 0.65), 0.8)
    c.line([(28, 60), (44, 60)], shade(colour, 1.2), 0.5)


def shorts(c, colour, accent, rng):
    c.poly(
        [(26, 24), (74, 24), (80, 70), (56, 72), (50, 44), (44, 72), (20, 70)], colour
    )
    c.rect(26, 24, 74, 31, shade(colour, 0.8))
    _pattern(c, rng, (27, 32, 73, 70), colour)


def skirt(c, colour, accent, rng):
    c.poly([(36, 24), (64, 24), (80, 80), (20, 80)], colour)
    _pattern(c, rng, (30, 32, 70, 78), colour)
    c.rect(35, 20, 65, 27, shade(colour, 0.75))
    for x in (32, 42, 50, 58, 68):
        c.line([(50 + (x - 50) * 0.35, 28), (x, 78)], shade(colour, 0.85), 0.6)


def dress(c, colour, accent, rng, length=86):
    c.poly(
        [
            (38, 12),
            (44, 12),
            (50, 20),
            (56, 12),
            (62, 12),
            (64, 40),
            (82, length),
            (18, length),
            (36, 40),
        ],
        colour,
    )
    c.rect(35, 38, 65, 43, shade(colour, 0.72))
    _pattern(c, rng, (30, 46, 70, length - 2), colour)


def maxi_dress(c, colour, accent, rng):
    dress(c, colour, accent, rng, length=94)


def jacket(c, colour, accent, rng, length=78):
    c.poly(
        [
            (30, 16),
            (44, 12),
            (56, 12),
            (70, 16),
            (88, 66),
            (78, 70),
            (70, 42),
            (70, length),
            (30, length),
            (30, 42),
            (22, 70),
            (12, 66),
        ],
        colour,
    )
    c.poly(
        [(44, 12), (50, 40), (56, 12), (52, 12), (50, 20), (48, 12)], shade(colour, 0.7)
    )
    c.line([(50, 40), (50, length)], shade(colour, 0.6), 0.8)
    for y in range(46, length - 4, 9):
        c.ellipse(46, y, 48.5, y + 2.5, fill=shade(colour, 0.5))


def coat(c, colour, accent, rng):
    jacket(c, colour, accent, rng, length=92)
    c.rect(30, 54, 70, 57, shade(colour, 0.75))


def sneaker(c, colour, accent, rng):
    sole = accent or (255, 255, 255)
    c.poly(
        [
            (12, 62),
            (14, 44),
            (34, 40),
            (50, 30),
            (62, 32),
            (70, 46),
            (88, 54),
            (90, 64),
        ],
        colour,
    )
    c.rect(10, 62, 91, 72, sole, radius=4)
    c.line([(12, 66), (90, 66)], shade(sole, 0.8), 0.6)
    for i in range(4):
        c.line(
            [(46 + i * 4, 34 + i * 2), (54 + i * 4, 40 + i * 2)], (255, 255, 255), 1.2
        )
    c.poly([(62, 32), (70, 46), (78, 50), (72, 36)], shade(colour, 0.8))


def boot(c, colour, accent, rng):
    c.poly([(34, 14), (58, 14), (60, 58), (84, 66), (88, 80), (30, 80)], colour)
    c.rect(28, 80, 90, 86, shade(colour, 0.55), radius=2)
    c.rect(32, 14, 60, 20, shade(colour, 0.75))
    c.rect(30, 76, 44, 86, shade(colour, 0.5))


def heel(c, colour, accent, rng):
    c.poly(
        [
            (16, 54),
            (30, 46),
            (48, 50),
            (66, 58),
            (86, 60),
            (88, 70),
            (58, 70),
            (40, 62),
            (24, 62),
        ],
        colour,
    )
    c.poly([(16, 54), (22, 52), (24, 84), (19, 84)], shade(colour, 0.7))
    c.poly([(60, 70), (88, 70), (88, 73), (60, 73)], shade(colour, 0.6))


def sandal(c, colour, accent, rng):
    c.rect(14, 62, 88, 70, shade(colour, 0.6), radius=4)
    for x in (26, 46, 66):
        c.arc(x - 10, 40, x + 10, 74, 180, 360, colour, 3)
    c.rect(14, 70, 30, 78, shade(colour, 0.5))


def handbag(c, colour, accent, rng):
    c.arc(32, 14, 68, 56, 180, 360, shade(colour, 0.7), 3.5)
    c.poly([(20, 36), (80, 36), (86, 84), (14, 84)], colour)
    c.rect(20, 36, 80, 44, shade(colour, 0.8))
    c.rect(45, 42, 55, 50, accent or (212, 170, 60), radius=1.5)


def tote(c, colour, accent, rng):
    c.arc(30, 10, 48, 50, 180, 360, shade(colour, 0.7), 2.5)
    c.arc(52, 10, 70, 50, 180, 360, shade(colour, 0.7), 2.5)
    c.rect(22, 30, 78, 88, colour, radius=2)
    if accent:
        c.text((50, 60), "because.", accent, 9)


def backpack(c, colour, accent, rng):
    c.arc(38, 8, 62, 30, 180, 360, shade(colour, 0.7), 3)
    c.rect(24, 18, 76, 90, colour, radius=14)
    c.rect(32, 54, 68, 82, shade(colour, 0.82), radius=6)
    c.line([(34, 58), (66, 58)], shade(colour, 0.6), 1)


def clutch(c, colour, accent, rng):
    c.rect(14, 36, 86, 70, colour, radius=6)
    c.poly([(14, 40), (86, 40), (50, 58)], shade(colour, 0.82))
    c.ellipse(47, 52, 53, 58, fill=accent or (212, 170, 60))


def necklace(c, colour, accent, rng):
    gold = accent or (212, 170, 60)
    c.arc(22, 8, 78, 70, 20, 160, gold, 1.5)
    c.line([(50, 70), (50, 74)], gold, 1)
    c.poly([(50, 72), (58, 82), (50, 94), (42, 82)], colour)


def earrings(c, colour, accent, rng):
    gold = accent or (212, 170, 60)
    for x in (34, 66):
        c.arc(x - 4, 20, x + 4, 32, 180, 360, gold, 1.5)
        c.line([(x, 26), (x, 40)], gold, 1.2)
        c.ellipse(x - 8, 40, x + 8, 62, fill=colour)


def bracelet(c, colour, accent, rng):
    c.ellipse(20, 30, 80, 74, outline=accent or (212, 170, 60), width=6)
    for angle in range(0, 360, 45):
        import math

        x = 50 + 30 * math.cos(math.radians(angle))
        y = 52 + 22 * math.sin(math.radians(angle))
        c.ellipse(x - 4, y - 4, x + 4, y + 4, fill=colour)


def ring(c, colour, accent, rng):
    c.ellipse(30, 40, 70, 84, outline=accent or (212, 170, 60), width=5)
    c.poly([(50, 22), (60, 32), (50, 44), (40, 32)], colour)


def watch(c, colour, accent, rng):
    c.rect(40, 6, 60, 94, colour, radius=4)
    c.ellipse(30, 30, 70, 70, fill=accent or (200, 200, 205))
    c.ellipse(34, 34, 66, 66, fill=(255, 255, 255))
    c.line([(50, 50), (50, 38)], (30, 30, 30), 1.5)
    c.line([(50, 50), (59, 54)], (30, 30, 30), 1.5)


def sunglasses(c, colour, accent, rng):
    c.line([(10, 42), (90, 42)], colour, 2)
    for x in (30, 70):
        c.rect(x - 17, 40, x + 17, 62, colour, radius=9)
        c.rect(x - 14, 43, x + 14, 59, accent or (40, 40, 50), radius=7)


def hat(c, colour, accent, rng):
    c.ellipse(8, 56, 92, 78, fill=shade(colour, 0.85))
    c.poly([(28, 66), (32, 34), (50, 28), (68, 34), (72, 66)], colour)
    c.rect(29, 56, 71, 63, accent or shade(colour, 0.5))


def scarf(c, colour, accent, rng):
    c.poly([(30, 10), (50, 10), (56, 80), (40, 80)], colour)
    c.poly([(50, 10), (70, 10), (64, 60), (52, 60)], shade(colour, 0.85))
    _pattern(c, rng, (32, 14, 54, 78), colour)
    for x in range(40, 57, 3):
        c.line([(x, 80), (x, 88)], colour, 0.8)


def belt(c, colour, accent, rng):
    c.rect(6, 44, 94, 56, colour, radius=2)
    c.rect(20, 40, 34, 60, None, outline=accent or (212, 170, 60), width=2)
    for x in range(50, 90, 8):
        c.ellipse(x, 48.5, x + 3, 51.5, fill=shade(colour, 0.5))


def cushion(c, colour, accent, rng):
    c.rect(14, 20, 86, 84, colour, radius=12)
    _pattern(c, rng, (18, 24, 82, 80), colour)
    c.ellipse(47, 49, 53, 55, fill=shade(colour, 0.7))


def vase(c, colour, accent, rng):
    c.poly(
        [
            (42, 14),
            (58, 14),
            (56, 26),
            (70, 50),
            (64, 88),
            (36, 88),
            (30, 50),
            (44, 26),
        ],
        colour,
    )
    c.rect(40, 12, 60, 16, shade(colour, 0.8))
    c.line([(34, 60), (66, 60)], shade(colour, 1.3), 1.5)


def lamp(c, colour, accent, rng):
    c.poly([(30, 12), (70, 12), (82, 46), (18, 46)], accent or (245, 235, 215))
    c.rect(47, 46, 53, 82, colour)
    c.ellipse(30, 78, 70, 90, fill=colour)


def candle(c, colour, accent, rng):
    c.rect(28, 34, 72, 88, (226, 232, 236), radius=6)
    c.rect(32, 46, 68, 84, colour, radius=4)
    c.line([(50, 34), (50, 26)], (40, 40, 40), 1)
    c.poly([(50, 12), (55, 22), (50, 28), (45, 22)], (250, 170, 40))


def mug(c, colour, accent, rng):
    c.arc(60, 36, 86, 70, 270, 90, colour, 5)
    c.rect(20, 26, 68, 84, colour, radius=5)
    if accent:
        c.rect(20, 48, 68, 58, accent)


def plant(c, colour, accent, rng):
    leaf = (46, 125, 60)
    for angle in (-40, -15, 10, 35):
        import math

        x = 50 + 34 * math.sin(math.radians(angle))
        y = 50 - 34 * math.cos(math.radians(angle))
        c.ellipse(
            min(50, x) - 6, min(56, y) - 6, max(50, x) + 6, max(56, y) + 6, fill=leaf
        )
    c.poly([(30, 56), (70, 56), (64, 90), (36, 90)], colour)
    c.rect(28, 54, 72, 60, shade(colour, 0.8))


def throw_blanket(c, colour, accent, rng):
    c.rect(14, 26, 86, 80, colour, radius=4)
    for y in range(30, 80, 8):
        c.line([(14, y), (86, y)], shade(colour, 0.85), 1.2)
    c.rect(14, 70, 86, 80, shade(colour, 0.75))
    for x in range(16, 86, 4):
        c.line([(x, 80), (x, 86)], colour, 0.8)


def wall_art(c, colour, accent, rng):
    c.rect(16, 12, 84, 88, (60, 50, 40))
    c.rect(20, 16, 80, 84, (250, 248, 240))
    c.ellipse(28, 26, 58, 56, fill=colour)
    c.rect(46, 50, 74, 76, accent or shade(colour, 0.6))


def mirror(c, colour, accent, rng):
    c.ellipse(16, 16, 84, 84, fill=colour)
    c.ellipse(22, 22, 78, 78, fill=(214, 228, 236))
    c.line([(34, 36), (46, 28)], (255, 255, 255), 2)


def rug(c, colour, accent, rng):
    c.rect(10, 24, 90, 78, colour, radius=2)
    c.rect(18, 32, 82, 70, None, outline=accent or shade(colour, 0.6), width=2)
    c.poly([(50, 38), (70, 51), (50, 64), (30, 51)], accent or shade(colour, 0.6))


def lipstick(c, colour, accent, rng):
    c.rect(38, 50, 62, 90, accent or (30, 30, 34), radius=2)
    c.rect(41, 34, 59, 52, (212, 170, 60))
    c.poly([(42, 34), (42, 18), (58, 10), (58, 34)], colour)


def nail_polish(c, colour, accent, rng):
    c.rect(42, 12, 58, 44, (30, 30, 34), radius=2)
    c.rect(28, 44, 72, 90, colour, radius=10)
    c.line([(36, 54), (36, 80)], shade(colour, 1.5), 2)


def perfume(c, colour, accent, rng):
    c.rect(42, 12, 58, 26, accent or (212, 170, 60), radius=2)
    c.rect(46, 26, 54, 32, (200, 200, 200))
    c.rect(24, 32, 76, 90, colour, radius=8)
    c.rect(34, 52, 66, 70, (255, 255, 255), radius=2)


def face_cream(c, colour, accent, rng):
    c.rect(20, 36, 80, 50, accent or (240, 240, 240), radius=4)
    c.rect(22, 50, 78, 84, colour, radius=8)
    c.rect(32, 60, 68, 72, (255, 255, 255), radius=2)


def mascara(c, colour, accent, rng):
    c.rect(42, 8, 58, 52, accent or (30, 30, 34), radius=3)
    c.rect(42, 52, 58, 92, colour, radius=3)
    c.rect(42, 50, 58, 54, (212, 170, 60))


def palette(c, colour, accent, rng):
    c.rect(12, 24, 88, 78, (40, 40, 44), radius=6)
    tones = [shade(colour, f) for f in (0.6, 0.8, 1.0, 1.2, 1.4, 1.6)]
    for i, tone in enumerate(tones):
        x = 20 + (i % 3) * 22
        y = 32 + (i // 3) * 22
        c.ellipse(x, y, x + 16, y + 16, fill=tone)


def book(c, colour, accent, rng, title: str = "", illustration: str | None = None):
    ink = accent or (255, 255, 255)
    c.rect(22, 8, 80, 92, shade(colour, 0.7), radius=2)
    c.rect(26, 8, 80, 92, colour, radius=2)
    c.rect(22, 8, 27, 92, shade(colour, 0.55))
    art = illustration or rng.choice(
        ["moon", "sun", "star", "bear", "mouse", "caterpillar"]
    )
    if art == "moon":
        c.ellipse(40, 50, 66, 76, fill=(250, 230, 140))
        c.ellipse(47, 46, 73, 72, fill=colour)
        for x, y in ((36, 52), (70, 80), (62, 52)):
            c.ellipse(x, y, x + 2, y + 2, fill=(255, 255, 255))
    elif art == "sun":
        c.ellipse(42, 54, 64, 76, fill=(250, 200, 60))
    elif art == "star":
        c.poly(
            [
                (53, 48),
                (57, 60),
                (69, 60),
                (59, 67),
                (63, 80),
                (53, 72),
                (43, 80),
                (47, 67),
                (37, 60),
                (49, 60),
            ],
            (250, 220, 80),
        )
    elif art == "bear":
        bear = (140, 90, 50)
        c.ellipse(38, 50, 46, 58, fill=bear)
        c.ellipse(60, 50, 68, 58, fill=bear)
        c.ellipse(40, 52, 66, 80, fill=bear)
        c.ellipse(48, 66, 58, 76, fill=(210, 170, 120))
        c.ellipse(46, 60, 49, 63, fill=(20, 20, 20))
        c.ellipse(57, 60, 60, 63, fill=(20, 20, 20))
    elif art == "mouse":
        grey = (170, 170, 175)
        c.ellipse(38, 50, 50, 62, fill=grey)
        c.ellipse(56, 50, 68, 62, fill=grey)
        c.ellipse(42, 56, 64, 78, fill=grey)
        c.ellipse(60, 70, 74, 84, fill=(200, 150, 90))  # the cookie
        c.ellipse(48, 63, 51, 66, fill=(20, 20, 20))
        c.ellipse(55, 63, 58, 66, fill=(20, 20, 20))
    else:
        for i in range(5):
            c.ellipse(
                36 + i * 7,
                62 - (i % 2) * 4,
                46 + i * 7,
                72 - (i % 2) * 4,
                fill=(90, 170, 60),
            )
        c.ellipse(70, 54, 80, 64, fill=(220, 50, 50))
    words = title.split()
    lines, current = [], ""
    for word in words:
        if len(current) + len(word) + 1 > 13 and current:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        lines.append(current)
    for i, text in enumerate(lines[:4]):
        c.text((53, 18 + i * 8), text, ink, 6.2)


DRAWERS: dict[str, Callable] = {
    "tshirt": tshirt,
    "blouse": blouse,
    "sweater": sweater,
    "jeans": jeans,
    "trousers": jeans,
    "skirt": skirt,
    "shorts": shorts,
    "dress": dress,
    "maxi_dress": maxi_dress,
    "jacket": jacket,
    "coat": coat,
    "sneaker": sneaker,
    "boot": boot,
    "heel": heel,
    "sandal": sandal,
    "handbag": handbag,
    "tote": tote,
    "backpack": backpack,
    "clutch": clutch,
    "necklace": necklace,
    "earrings": earrings,
    "bracelet": bracelet,
    "ring": ring,
    "watch": watch,
    "sunglasses": sunglasses,
    "hat": hat,
    "scarf": scarf,
    "belt": belt,
    "cushion": cushion,
    "vase": vase,
    "lamp": lamp,
    "candle": candle,
    "mug": mug,
    "plant": plant,
    "throw_blanket": throw_blanket,
    "wall_art": wall_art,
    "mirror": mirror,
    "rug": rug,
    "lipstick": lipstick,
    "nail_polish": nail_polish,
    "perfume": perfume,
    "face_cream": face_cream,
    "mascara": mascara,
    "palette": palette,
    "book": book,
}
KINDS = tuple(DRAWERS)


def draw_product(
    kind: str,
    colour: Colour,
    *,
    accent: Colour | None = None,
    seed: int = 0,
    size: int = 1000,
    title: str = "",
    illustration: str | None = None,
) -> Image.Image:
    canvas = Canvas(size)
    rng = random.Random(f"{kind}:{seed}")
    drawer = DRAWERS[kind]
    if kind == "book":
        drawer(canvas, colour, accent, rng, title=title, illustration=illustration)
    else:
        drawer(canvas, colour, accent, rng)
    return canvas.result(size)
