"""Children's picture books: a front cover with the title and a simple picture."""

from __future__ import annotations

import math
import random

from .canvas import (
    INK,
    Box,
    Canvas,
    Colour,
    Oval,
    Path,
    contrast,
    light,
    luma,
    mix,
    shadow,
    star_points,
)

ILLUSTRATIONS = ("moon", "mouse", "bear", "caterpillar", "star", "sun")
MOON: Colour = (250, 224, 120)
FUR: Colour = (150, 98, 58)
MOUSE_GREY: Colour = (170, 170, 178)
PINK: Colour = (238, 160, 170)
GREEN: Colour = (110, 176, 70)
RED: Colour = (214, 52, 48)

LEFT, TOP, RIGHT, BOTTOM = 20.0, 7.0, 79.0, 91.0
TEXT_LEFT, TEXT_RIGHT = 30.0, 75.0


def book(
    c: Canvas,
    colour: Colour,
    accent: Colour | None,
    rng: random.Random,
    *,
    title: str = "",
    illustration: str | None = None,
) -> None:
    ink = (
        accent if accent and abs(luma(accent) - luma(colour)) > 70 else contrast(colour)
    )
    art = illustration if illustration in ILLUSTRATIONS else rng.choice(ILLUSTRATIONS)
    # the page block shows at the fore-edge and the foot
    pages = Box(LEFT + 3, TOP + 1.6, RIGHT + 2.2, BOTTOM + 1.8, 1.2)
    with c.part(pages, (244, 238, 222), (196, 186, 164), 0.35) as k:
        for i in range(4):
            k.line(
                [(RIGHT + 0.4 + i * 0.5, TOP + 3), (RIGHT + 0.4 + i * 0.5, BOTTOM + 1)],
                (222, 214, 194),
                0.2,
            )
            k.line(
                [
                    (LEFT + 6, BOTTOM + 0.4 + i * 0.4),
                    (RIGHT + 1, BOTTOM + 0.4 + i * 0.4),
                ],
                (222, 214, 194),
                0.2,
            )
    cover = Box(LEFT, TOP, RIGHT, BOTTOM, 1.2)
    with c.part(cover, colour) as k:
        ground = 80.0 - rng.uniform(0, 3)
        text_bottom = _title(k, title, ink)
        if art in ("moon", "sun", "star"):
            _hills(k, colour, ground)
        # the picture is designed to fill 40 units above the ground; shrink it to fit
        room = ground - text_bottom - 3
        factor = max(0.55, min(1.0, room / 40))
        _illustrate(
            k.zoomed((53, 60), factor, (53, ground - 20 * factor - 1)), art, colour
        )
        k.fill(Box(LEFT, TOP, LEFT + 5.5, BOTTOM), shadow(colour, 0.2))
        k.line([(LEFT + 6.2, TOP), (LEFT + 6.2, BOTTOM)], light(colour, 0.25), 0.45)
        k.line([(LEFT + 5.6, TOP), (LEFT + 5.6, BOTTOM)], shadow(colour, 0.35), 0.3)
        k.fill(Box(RIGHT - 1.2, TOP, RIGHT, BOTTOM), shadow(colour, 0.08))


def _wrap(c: Canvas, title: str, width: float) -> tuple[list[str], float]:
    """The title in as few lines as fit, and the largest type size that allows it."""
    words = title.split()
    if not words:
        return [], 0
    for size in (9.0, 8.0, 7.2, 6.4, 5.6, 5.0, 4.4):
        lines: list[str] = []
        for word in words:
            trial = f"{lines[-1]} {word}" if lines else word
            if lines and c.text_width(trial, size) <= width:
                lines[-1] = trial
            else:
                lines.append(word)
        if len(lines) <= (4 if size <= 7.2 else 3) and all(
            c.text_width(line, size) <= width for line in lines
        ):
            return lines, size
    return lines[:4], 4.4


def _title(c: Canvas, title: str, ink: Colour) -> float:
    """Print the title at the top of the cover; return where the lettering ends."""
    lines, size = _wrap(c, title, TEXT_RIGHT - TEXT_LEFT)
    centre = (TEXT_LEFT + TEXT_RIGHT) / 2
    y = TOP + 7
    for line in lines:
        c.text((centre, y + size * 0.55), line, ink, size, bold=size * 0.02)
        y += size * 1.2
    return y


def _hills(c: Canvas, colour: Colour, ground: float) -> None:
    c.fill(
        Path(0, ground)
        .curve(35, ground - 8, 55, ground - 1)
        .curve(70, ground + 3, 100, ground - 6)
        .to(100, 100)
        .to(0, 100)
        .points,
        shadow(colour, 0.22),
    )
    c.fill(
        Path(0, ground + 6)
        .curve(30, ground + 2, 60, ground + 8)
        .to(100, ground + 4)
        .to(100, 100)
        .to(0, 100)
        .points,
        shadow(colour, 0.35),
    )


def _illustrate(c: Canvas, art: str, colour: Colour) -> None:
    """One picture, designed around (53, 60) and standing on y = 80."""
    cx, cy = 53.0, 60.0
    ground = 80.0
    if art == "moon":
        c.fill(Oval(cx - 12, cy - 14, cx + 12, cy + 10), MOON)
        c.fill(Oval(cx - 4, cy - 19, cx + 18, cy + 4), colour)
        for x, y, r in (
            (cx + 10, cy - 8, 2.0),
            (cx - 16, cy - 10, 1.4),
            (cx + 15, cy + 6, 1.6),
            (cx - 4, cy + 11, 1.1),
        ):
            c.fill(star_points(x, y, r, r * 0.45), MOON)
        c.fill(Box(cx + 6, ground - 9, cx + 14, ground + 1), shadow(colour, 0.3))
        c.fill(
            [(cx + 5, ground - 9), (cx + 10, ground - 14), (cx + 15, ground - 9)],
            shadow(colour, 0.3),
        )
        c.fill(Box(cx + 8.6, ground - 6, cx + 11.4, ground - 3), MOON)
    elif art == "sun":
        sun = (250, 196, 64)
        for i in range(12):
            angle = i * 30
            a = _polar(cx, cy - 4, 13.5, angle)
            b = _polar(cx, cy - 4, 18.5, angle)
            c.line([a, b], sun, 1.4)
        c.fill(Oval(cx - 11, cy - 15, cx + 11, cy + 7), sun)
        _face(c, cx, cy - 4, 3.6, (120, 70, 30))
    elif art == "star":
        c.fill(star_points(cx, cy - 3, 16, 7.4), MOON)
        _face(c, cx, cy - 2, 3.0, (120, 90, 30))
        for x, y, r in (
            (cx - 17, cy - 14, 2.2),
            (cx + 18, cy - 12, 1.8),
            (cx + 16, cy + 10, 1.5),
        ):
            c.fill(star_points(x, y, r, r * 0.45), MOON)
    elif art == "bear":
        inner = light(FUR, 0.35)
        for s in (-1, 1):
            c.fill(Oval(cx + s * 11 - 5.5, cy - 16, cx + s * 11 + 5.5, cy - 5), FUR)
            c.fill(Oval(cx + s * 11 - 3, cy - 13.5, cx + s * 11 + 3, cy - 7.5), inner)
        c.fill(Oval(cx - 15, cy - 12, cx + 15, cy + 16), FUR)
        c.fill(Oval(cx - 7.5, cy + 1, cx + 7.5, cy + 13), inner)
        c.fill(Oval(cx - 3, cy + 2.5, cx + 3, cy + 6.5), INK)
        for s in (-1, 1):
            c.dot(cx + s * 6.5, cy - 2, 1.6, INK)
        c.line([(cx, cy + 6), (cx, cy + 9), (cx - 2.4, cy + 10.4)], INK, 0.5)
        c.line([(cx, cy + 9), (cx + 2.4, cy + 10.4)], INK, 0.5)
    elif art == "mouse":
        cookie = (204, 150, 86)
        c.fill(Oval(cx + 4, cy + 6, cx + 22, cy + 24), cookie)
        for dx, dy in ((9, 11), (15, 14), (11, 18), (17, 19), (13, 9)):
            c.dot(cx + dx, cy + dy, 1.1, (92, 56, 32))
        for s in (-1, 1):
            c.fill(Oval(cx + s * 10 - 8, cy - 18, cx + s * 10 + 8, cy - 2), MOUSE_GREY)
            c.fill(Oval(cx + s * 10 - 5, cy - 15, cx + s * 10 + 5, cy - 5), PINK)
        c.fill(
            Path(cx - 11, cy - 4)
            .curve(cx - 12, cy + 10, cx, cy + 14)
            .curve(cx + 12, cy + 10, cx + 11, cy - 4)
            .curve(cx, cy - 12, cx - 11, cy - 4)
            .points,
            MOUSE_GREY,
        )
        c.dot(cx, cy + 12, 1.8, PINK)
        for s in (-1, 1):
            c.dot(cx + s * 4.5, cy + 1, 1.4, INK)
            for dy in (-1.2, 1.2):
                c.line(
                    [(cx + s * 3, cy + 11), (cx + s * 13, cy + 10 + dy * 2)],
                    shadow(MOUSE_GREY, 0.4),
                    0.3,
                )
    else:  # caterpillar
        leaf = (
            (70, 150, 60)
            if sum(abs(a - b) for a, b in zip(colour, GREEN, strict=True)) > 120
            else (250, 220, 110)
        )
        c.fill(
            Path(cx - 22, cy + 20)
            .curve(cx - 6, cy + 4, cx + 22, cy + 14)
            .curve(cx + 2, cy + 30, cx - 22, cy + 20)
            .points,
            leaf,
        )
        for i in range(6):
            x = cx - 16 + i * 5.6
            y = cy + 6 + (3 if i % 2 else 0) - i * 1.2
            c.fill(
                Oval(x - 4.6, y - 4.6, x + 4.6, y + 4.6),
                mix(GREEN, (60, 130, 60), (i % 2) * 0.5),
            )
        hx, hy = cx + 17, cy - 6
        c.line([(hx - 2, hy - 5), (hx - 4, hy - 10)], (70, 60, 90), 0.6)
        c.line([(hx + 2, hy - 5), (hx + 4, hy - 10)], (70, 60, 90), 0.6)
        c.fill(Oval(hx - 6, hy - 6, hx + 6, hy + 6), RED)
        for s in (-1, 1):
            c.dot(hx + s * 2.5, hy - 1, 1.4, (240, 220, 60))
            c.dot(hx + s * 2.5, hy - 1, 0.6, INK)


def _face(c: Canvas, x: float, y: float, size: float, ink: Colour) -> None:
    c.dot(x - size, y - size * 0.4, size * 0.3, ink)
    c.dot(x + size, y - size * 0.4, size * 0.3, ink)
    c.line(
        Path(x - size * 0.9, y + size * 0.6)
        .curve(x, y + size * 1.5, x + size * 0.9, y + size * 0.6)
        .points,
        ink,
        size * 0.18,
    )


def _polar(x: float, y: float, r: float, degrees: float) -> tuple[float, float]:
    return (
        x + r * math.cos(math.radians(degrees)),
        y + r * math.sin(math.radians(degrees)),
    )


DRAWERS = {"book": book}
