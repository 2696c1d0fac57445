"""A believable order history: popular items, real complements, outfits, book bundles.

Pure data, like the catalog: ``build_history()`` turns the catalog specs into
baskets of variant SKUs, the same every time. The structure is what makes the
co-purchase ranking worth looking at:

- popularity is Zipf-like, inside each kind and across the shop;
- complementary kinds (jeans + tee, dress + heels + clutch, lipstick + nail polish,
  candle + vase, mug + plant…) are bought together far more often than chance;
- outfits of three or four fashion items;
- grandparents buy *Goodnight Moon*, *If You Give a Mouse a Cookie* and *Brown Bear*
  together;
- one cheap tote bag goes into a fifth of all baskets whatever else is in them — the
  "everyone buys socks" item that raw co-occurrence counts would rank first.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from .catalog import ProductSpec

HISTORY_SEED = 1124
DEFAULT_ORDERS = 3200
MAX_LINES = 6
CUSTOMERS = 1200

GOODNIGHT_MOON = "book:Goodnight Moon"
MOUSE_COOKIE = "book:If You Give a Mouse a Cookie"
BROWN_BEAR = "book:Brown Bear, Brown Bear, What Do You See?"
GRANDPARENT_BUNDLE = [GOODNIGHT_MOON, MOUSE_COOKIE, BROWN_BEAR]

# Basket shapes: kinds (or "book:<title>") bought together, and how common the shape is.
BUNDLES: list[tuple[list[str], int]] = [
    ([GOODNIGHT_MOON, MOUSE_COOKIE], 9),
    (GRANDPARENT_BUNDLE, 8),
    ([BROWN_BEAR, "book:The Very Hungry Caterpillar"], 4),
    ([GOODNIGHT_MOON, "book:Little Star Goes to Sleep"], 2),
    (["book", "book"], 4),
    (["book", "book", "book"], 2),
    (["tshirt", "jeans"], 9),
    (["jacket", "jeans"], 3),
    (["coat", "scarf"], 4),
    (["dress", "heel", "clutch"], 6),
    (["dress", "earrings"], 4),
    (["necklace", "earrings"], 4),
    (["watch", "belt"], 2),
    (["sunglasses", "hat"], 2),
    # Outfits: three or four fashion items.
    (["tshirt", "jeans", "sneaker"], 6),
    (["tshirt", "jeans", "sneaker", "backpack"], 2),
    (["blouse", "skirt", "heel"], 4),
    (["blouse", "trousers", "heel", "handbag"], 3),
    (["maxi_dress", "sandal", "hat"], 3),
    (["maxi_dress", "sandal", "sunglasses", "hat"], 2),
    (["sweater", "trousers", "boot"], 3),
    (["jacket", "tshirt", "jeans", "boot"], 2),
    (["shorts", "tshirt", "sandal"], 2),
    # Beauty and home.
    (["lipstick", "nail_polish"], 6),
    (["lipstick", "mascara", "palette"], 3),
    (["face_cream", "perfume"], 3),
    (["candle", "vase"], 5),
    (["candle", "candle"], 2),
    (["mug", "plant"], 4),
    (["cushion", "throw_blanket"], 4),
    (["lamp", "wall_art"], 2),
    (["rug", "cushion"], 2),
    (["mirror", "vase"], 2),
]
SINGLE_WEIGHT = 50  # baskets of one to three popular items with no particular reason
POPULAR_ADD_ON = "tote"  # the first tote is the "socks" that go with everything
POPULAR_ADD_ON_RATE = 0.22
EXTRA_ITEM_RATE = 0.25
DEMO_SHOPPER_RATE = 0.03
# Things people buy two of.
MULTIPLES = {"book", "candle", "nail_polish", "mug", "lipstick", "tshirt", "cushion"}

# Most shoppers wear M; shoe sizes peak at 39.
SIZE_WEIGHTS = {
    "S": 28,
    "M": 42,
    "L": 30,
    "37": 12,
    "38": 24,
    "39": 30,
    "40": 22,
    "41": 12,
}

FIRST_NAMES = [
    "Olivia",
    "Liam",
    "Emma",
    "Noah",
    "Ava",
    "James",
    "Sophia",
    "Lucas",
    "Mia",
    "Ethan",
    "Isabella",
    "Mason",
    "Grace",
    "Leo",
    "Chloe",
    "Daniel",
    "Hannah",
    "Omar",
    "Aisha",
    "Mateo",
    "Zoe",
    "Ruth",
    "Kenji",
    "Fatima",
    "Margaret",
    "Arthur",
    "Nadia",
    "Tomás",
    "Ingrid",
    "Dev",
]
LAST_NAMES = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Garcia",
    "Miller",
    "Davis",
    "Martinez",
    "Lee",
    "Walker",
    "Hall",
    "Young",
    "Nguyen",
    "Patel",
    "Kim",
    "Murphy",
    "Rossi",
    "Schmidt",
    "Silva",
    "Cohen",
    "Okonkwo",
    "Larsen",
    "Dubois",
    "Novak",
    "Haddad",
]
CITIES = [
    ("Springfield", "62701"),
    ("Portland", "97205"),
    ("Madison", "53703"),
    ("Asheville", "28801"),
    ("Boulder", "80302"),
    ("Savannah", "31401"),
    ("Burlington", "05401"),
    ("Santa Fe", "87501"),
]
STREETS = [
    "Elm Street",
    "Maple Avenue",
    "Oak Lane",
    "Cedar Road",
    "Willow Way",
    "Park Place",
]


@dataclass(frozen=True)
class Customer:
    first_name: str
    last_name: str
    email: str
    line1: str
    city: str
    postcode: str

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class BasketLine:
    product_sku: str
    variant_sku: str
    quantity: int


@dataclass
class Basket:
    number: int
    lines: list[BasketLine]
    days_ago: int
    minute_of_day: int
    customer: Customer
    shopper: int | None = None  # index into the demo shoppers, who have accounts

    @property
    def skus(self) -> list[str]:
        """The products in the basket (each once)."""
        return [line.product_sku for line in self.lines]

    def placed_at(self, now: datetime) -> datetime:
        return (now - timedelta(days=self.days_ago)).replace(
            hour=self.minute_of_day // 60,
            minute=self.minute_of_day % 60,
            second=0,
            microsecond=0,
        )


def build_customers(rng: random.Random, count: int) -> list[Customer]:
    customers = []
    for n in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        city, postcode = rng.choice(CITIES)
        ascii_first = (
            unicodedata.normalize("NFKD", first).encode("ascii", "ignore").decode()
        )
        customers.append(
            Customer(
                first_name=first,
                last_name=last,
                email=f"{ascii_first}.{last}{n}@example.com".lower(),
                line1=f"{rng.randint(1, 240)} {rng.choice(STREETS)}",
                city=city,
                postcode=postcode,
            )
        )
    return customers


def build_history(
    catalog: list[ProductSpec],
    *,
    orders: int = DEFAULT_ORDERS,
    seed: int = HISTORY_SEED,
    shoppers: int = 5,
) -> list[Basket]:
    """``orders`` baskets of variant SKUs, numbered from 1, the same every time."""
    rng = random.Random(seed)
    customers = build_customers(random.Random(seed + 1), CUSTOMERS)
    # Repeat customers: a few buy often, most once or twice.
    customer_weights = [1 / (rank + 1) ** 0.3 for rank in range(len(customers))]
    by_kind: dict[str, list[ProductSpec]] = {}
    by_title: dict[str, ProductSpec] = {}
    for spec in catalog:
        by_kind.setdefault(spec.kind, []).append(spec)
        by_title[spec.title] = spec
    # Zipf-like popularity across the shop: a fixed shuffle gives each product a rank.
    ranked = list(catalog)
    random.Random(seed + 2).shuffle(ranked)
    rank_weights = [1 / (rank + 1) ** 0.9 for rank in range(len(ranked))]

    def pick(kind: str) -> ProductSpec | None:
        if kind.startswith("book:"):
            return by_title.get(kind.removeprefix("book:"))
        options = by_kind.get(kind)
        if not options:
            return None  # a smaller catalog (tests) without this kind
        return rng.choices(options, weights=[1 / (i + 1) for i in range(len(options))])[
            0
        ]

    def line_for(spec: ProductSpec) -> BasketLine:
        variants = spec.variants
        if len(variants) == 1:
            variant = variants[0]
        else:
            colours = spec.colour_names
            weights = [
                SIZE_WEIGHTS.get(v.size, 10)
                * (3 if colours and v.colour_name == colours[0] else 2)
                for v in variants
            ]
            variant = rng.choices(variants, weights=weights)[0]
        quantity = 1
        if spec.kind in MULTIPLES and rng.random() < 0.12:
            quantity = 2 if rng.random() < 0.85 else 3
        return BasketLine(
            product_sku=spec.sku, variant_sku=variant.sku, quantity=quantity
        )

    # One product, always the same one, is the "socks".
    socks = by_kind.get(POPULAR_ADD_ON, [None])[0]
    shapes = [shape for shape, _ in BUNDLES] + [None]
    shape_weights = [weight for _, weight in BUNDLES] + [SINGLE_WEIGHT]
    baskets = []
    for number in range(1, orders + 1):
        shape = rng.choices(shapes, weights=shape_weights)[0]
        if shape is None:
            items = rng.choices(
                ranked, weights=rank_weights, k=rng.choices((1, 2, 3), (6, 3, 1))[0]
            )
        else:
            items = [pick(kind) for kind in shape]
            if rng.random() < EXTRA_ITEM_RATE:
                items.append(rng.choices(ranked, weights=rank_weights)[0])
        if rng.random() < POPULAR_ADD_ON_RATE:
            items.append(socks)
        unique = list({spec.sku: spec for spec in items if spec is not None}.values())[
            :MAX_LINES
        ]
        if not unique:
            unique = rng.choices(ranked, weights=rank_weights)
        # Recent months are busier: the shop is growing.
        days_ago = 1 + int(
            364 * (rng.random() if rng.random() < 0.7 else rng.random() ** 2)
        )
        baskets.append(
            Basket(
                number=number,
                lines=[line_for(spec) for spec in unique],
                days_ago=days_ago,
                minute_of_day=rng.choice((7, 9, 12, 13, 19, 20, 21, 22)) * 60
                + rng.randrange(60),
                customer=rng.choices(customers, weights=customer_weights)[0],
                shopper=rng.randrange(shoppers)
                if shoppers and rng.random() < DEMO_SHOPPER_RATE
                else None,
            )
        )
    _give_kathryn_her_books(baskets, by_title)
    return baskets


def _give_kathryn_her_books(
    baskets: list[Basket], by_title: dict[str, ProductSpec]
) -> None:
    """Demo shopper 0 (Kathryn Thompson, the grandmother quoted in the design) bought
    the grandparent bundle: her most recent such baskets are hers."""
    titles = [title.removeprefix("book:") for title in GRANDPARENT_BUNDLE]
    if not all(title in by_title for title in titles):
        return
    bundle = {by_title[title].sku for title in titles}
    hers = sorted(
        (b for b in baskets if bundle <= set(b.skus)), key=lambda b: b.days_ago
    )[:3]
    for basket in hers:
        basket.shopper = 0
