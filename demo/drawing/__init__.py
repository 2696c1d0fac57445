"""Product pictures for the demo catalog, drawn with Pillow.

Flat illustrations on one plain light background (so the cut-out works), drawn at
twice the size and scaled down for smooth edges. The same arguments always give the
same picture; ``seed`` varies proportions, prints and details.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from PIL import Image

from . import accessories, beauty, book, fashion, home, shoes_bags
from .canvas import BACKGROUND, Canvas, Colour

__all__ = ["BACKGROUND", "DRAWERS", "KINDS", "draw_product"]

DRAWERS: dict[str, Callable[..., None]] = {
    **fashion.DRAWERS,
    **shoes_bags.DRAWERS,
    **accessories.DRAWERS,
    **home.DRAWERS,
    **beauty.DRAWERS,
    **book.DRAWERS,
}
KINDS: tuple[str, ...] = tuple(DRAWERS)


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
    """An RGB picture of one ``kind`` of product in ``colour``, ``size`` pixels square.

    ``accent`` is the second colour (hardware, a sole, a book's lettering) where the
    kind has one; ``title`` and ``illustration`` are for books.
    """
    try:
        drawer = DRAWERS[kind]
    except KeyError:
        raise ValueError(f"no drawing for product kind {kind!r}") from None
    blank = Canvas.blank(size)
    rng = random.Random(f"{kind}:{seed}")
    # a touch of framing variety, so no two seeds give the same picture
    canvas = blank.zoomed(
        (50, 50), rng.uniform(0.95, 1.0), (50 + rng.uniform(-1, 1), 50)
    )
    colour = tuple(int(channel) for channel in colour)
    if kind == "book":
        drawer(canvas, colour, accent, rng, title=title, illustration=illustration)
    else:
        drawer(canvas, colour, accent, rng)
    return blank.result(size)
