"""A believable order history: popular items, real complements, outfits, book bundles."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

# Complements by kind: (kinds that go together, weight of this basket shape).
BUNDLES = [
    (["book:Goodnight Moon", "book:If You Give a Mouse a Cookie"], 10),
    (
        [
            "book:Goodnight Moon",
            "book:If You Give a Mouse a Cookie",
            "book:Brown Bear, Brown Bear, What Do You See?",
        ],
        8,
    ),
    (
        [
            "book:Brown Bear, Brown Bear, What Do You See?",
            "book:The Very Hungry Caterpillar",
        ],
        5,
    ),
    (["book", "book"], 4),
    (["tshirt", "jeans"], 9),
    (["tshirt", "jeans", "sneaker"], 6),
    (["blouse", "skirt", "heel"], 4),
    (["dress", "heel", "clutch"], 6),
    (["dress", "earrings"], 4),
    (["maxi_dress", "sandal", "hat"], 3),
    (["sweater", "trousers", "boot"], 3),
    (["coat", "scarf"], 4),
    (["jacket", "jeans"], 3),
    (["watch", "belt"], 2),
    (["necklace", "earrings"], 4),
    (["lipstick", "nail_polish"], 6),
    (["lipstick", "mascara", "palette"], 3),
    (["face_cream", "perfume"], 3),
    (["candle", "vase"], 5),
    (["mug", "plant"], 4),
    (["cushion", "throw_blanket"], 4),
    (["lamp", "wall_art"], 2),
    (["rug", "cushion"], 2),
    (["mirror", "vase"], 2),
]
SINGLE_WEIGHT = 30  # baskets of 1–3 popular items with no particular reason
POPULAR_ADD_ON = "tote"  # the "socks" that go with everything
POPULAR_ADD_ON_RATE = 0.22


@dataclass
class Basket:
    number: int
    skus: list[str]
    days_ago: int
    shopper: int | None


def build_history(
    catalog, *, orders: int, seed: int = 1124, shoppers: int = 5
) -> list[Basket]:
    """Baskets of product SKUs (variants are chosen when the orders are written)."""
    rng = random.Random(seed)
    by_kind: dict[str, list] = {}
    by_title = {}
    for spec in catalog:
        if spec.stock == 0:
            continue
        by_kind.setdefault(spec.kind, []).append(spec)
        by_title[spec.title] = spec
    # Zipf-like popularity inside each kind and across the shop.
    ranked = list(catalog)
    rng.shuffle(ranked)
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(ranked))]

    def pick(kind: str):
        if kind.startswith("book:"):
            return by_title[kind[5:]]
        options = by_kind[kind]
        return rng.choices(options, weights=[1 / (i + 1) for i in range(len(options))])[
            0
        ]

    shapes = [shape for shape, _ in BUNDLES] + [None]
    shape_weights = [weight for _, weight in BUNDLES] + [SINGLE_WEIGHT]
    baskets = []
    for number in range(1, orders + 1):
        shape = rng.choices(shapes, weights=shape_weights)[0]
        if shape is None:
            items = rng.choices(ranked, weights=weights, k=rng.randint(1, 3))
        else:
            items = [pick(kind) for kind in shape]
            if rng.random() < 0.25:
                items.append(rng.choices(ranked, weights=weights)[0])
        if rng.random() < POPULAR_ADD_ON_RATE:
            items.append(pick(POPULAR_ADD_ON))
        skus = list(dict.fromkeys(spec.sku for spec in items if spec.stock > 0))
        if not skus:
            continue
        baskets.append(
            Basket(
                number=number,
                skus=skus,
                days_ago=rng.randint(1, 365),
                shopper=rng.randrange(shoppers) if rng.random() < 0.08 else None,
            )
        )
    return baskets


def placed_at(now, days_ago: int, number: int):
    return now - timedelta(days=days_ago, minutes=(number * 37) % 1440)
