"""The demo catalog: 150+ products across fashion, home, beauty and children's books."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import slugify

CATEGORIES = {
    "Fashion": [
        "Tops",
        "Bottoms",
        "Dresses",
        "Outerwear",
        "Shoes",
        "Bags",
        "Jewellery",
        "Accessories",
    ],
    "Home": ["Decor", "Lighting", "Textiles", "Kitchen"],
    "Beauty": ["Makeup", "Skincare", "Fragrance"],
    "Books": ["Children's books"],
}

PALETTE = {
    "Scarlet": (200, 38, 48),
    "Navy": (32, 48, 104),
    "Forest": (34, 110, 64),
    "Mustard": (222, 172, 52),
    "Black": (28, 28, 30),
    "Blush": (238, 176, 196),
    "Cream": (236, 226, 204),
    "Cobalt": (44, 92, 196),
    "Olive": (112, 118, 58),
    "Plum": (110, 48, 110),
    "Tan": (176, 122, 72),
    "Teal": (22, 128, 122),
    "Coral": (240, 118, 92),
    "Grey": (140, 142, 148),
    "Chocolate": (96, 58, 36),
    "Lilac": (170, 140, 210),
}
LETTER_SIZES = ["XS", "S", "M", "L", "XL"]
SHOE_SIZES = ["37", "38", "39", "40", "41"]

BRANDS = {
    "Fashion": [
        "Wren & Wool",
        "Northfield",
        "Ostara",
        "Harbour Lane",
        "Maison Petit",
        "Kestrel",
    ],
    "Home": ["Hearth & Co", "Linden Home", "Mossgrove"],
    "Beauty": ["Lumen", "Petal Lab", "Aster Beauty"],
}

# kind, category, noun, price range, sizes, adjectives
FASHION = [
    (
        "tshirt",
        "Tops",
        "Cotton Tee",
        (18, 32),
        LETTER_SIZES,
        ["Everyday", "Relaxed", "Organic", "Boxy"],
    ),
    ("blouse", "Tops", "Blouse", (38, 68), LETTER_SIZES, ["Silk", "Linen", "Pleated"]),
    (
        "sweater",
        "Tops",
        "Sweater",
        (54, 98),
        LETTER_SIZES,
        ["Merino", "Cable-Knit", "Cashmere-Blend"],
    ),
    (
        "jeans",
        "Bottoms",
        "Jeans",
        (58, 110),
        ["26", "28", "30", "32"],
        ["Straight", "High-Rise", "Wide-Leg"],
    ),
    (
        "trousers",
        "Bottoms",
        "Trousers",
        (48, 88),
        LETTER_SIZES,
        ["Tailored", "Pleated"],
    ),
    (
        "skirt",
        "Bottoms",
        "Skirt",
        (36, 72),
        LETTER_SIZES,
        ["Midi", "Pleated", "A-Line"],
    ),
    ("shorts", "Bottoms", "Shorts", (28, 48), LETTER_SIZES, ["Linen", "Denim"]),
    (
        "dress",
        "Dresses",
        "Dress",
        (64, 140),
        LETTER_SIZES,
        ["Wrap", "Tea", "Sundress", "Shift"],
    ),
    (
        "maxi_dress",
        "Dresses",
        "Maxi Dress",
        (88, 160),
        LETTER_SIZES,
        ["Tiered", "Slip"],
    ),
    (
        "jacket",
        "Outerwear",
        "Jacket",
        (90, 180),
        LETTER_SIZES,
        ["Cropped", "Denim", "Utility"],
    ),
    ("coat", "Outerwear", "Coat", (160, 290), LETTER_SIZES, ["Wool", "Trench"]),
    (
        "sneaker",
        "Shoes",
        "Sneakers",
        (70, 120),
        SHOE_SIZES,
        ["Court", "Canvas", "Runner"],
    ),
    ("boot", "Shoes", "Boots", (110, 220), SHOE_SIZES, ["Chelsea", "Ankle"]),
    ("heel", "Shoes", "Heels", (80, 150), SHOE_SIZES, ["Pointed", "Block"]),
    ("sandal", "Shoes", "Sandals", (40, 90), SHOE_SIZES, ["Strappy", "Slide"]),
    ("handbag", "Bags", "Handbag", (95, 240), [], ["Structured", "Top-Handle"]),
    ("tote", "Bags", "Tote Bag", (18, 45), [], ["Canvas", "Market"]),
    ("backpack", "Bags", "Backpack", (60, 130), [], ["Roll-Top", "Everyday"]),
    ("clutch", "Bags", "Clutch", (45, 95), [], ["Envelope", "Evening"]),
    ("necklace", "Jewellery", "Necklace", (35, 120), [], ["Pendant", "Drop"]),
    ("earrings", "Jewellery", "Earrings", (25, 80), [], ["Drop", "Enamel"]),
    ("bracelet", "Jewellery", "Bracelet", (28, 90), [], ["Beaded", "Charm"]),
    (
        "ring",
        "Jewellery",
        "Ring",
        (30, 110),
        ["5", "6", "7", "8"],
        ["Stacking", "Signet"],
    ),
    ("watch", "Accessories", "Watch", (120, 260), [], ["Classic", "Minimal"]),
    ("sunglasses", "Accessories", "Sunglasses", (40, 140), [], ["Round", "Cat-Eye"]),
    ("hat", "Accessories", "Hat", (32, 78), [], ["Fedora", "Sun"]),
    ("scarf", "Accessories", "Scarf", (24, 70), [], ["Wool", "Silk"]),
    ("belt", "Accessories", "Belt", (28, 60), ["S", "M", "L"], ["Leather", "Woven"]),
]
HOME = [
    ("cushion", "Textiles", "Cushion", (24, 55), ["Velvet", "Linen", "Bouclé"]),
    ("throw_blanket", "Textiles", "Throw", (45, 120), ["Wool", "Waffle", "Chunky"]),
    ("rug", "Textiles", "Rug", (90, 260), ["Flatweave", "Kilim"]),
    ("vase", "Decor", "Vase", (22, 75), ["Ceramic", "Glass", "Stoneware"]),
    ("wall_art", "Decor", "Art Print", (30, 110), ["Abstract", "Botanical"]),
    ("mirror", "Decor", "Mirror", (60, 180), ["Round", "Arched"]),
    ("plant", "Decor", "Planter", (18, 60), ["Terracotta", "Glazed"]),
    ("lamp", "Lighting", "Table Lamp", (55, 160), ["Ceramic", "Brass"]),
    ("candle", "Lighting", "Candle", (16, 42), ["Fig", "Cedar", "Amber", "Sea Salt"]),
    ("mug", "Kitchen", "Mug", (12, 28), ["Stoneware", "Speckled", "Enamel"]),
]
BEAUTY = [
    ("lipstick", "Makeup", "Lipstick", (16, 34), ["Satin", "Matte", "Sheer"]),
    ("nail_polish", "Makeup", "Nail Polish", (9, 18), ["Gloss", "Gel-Finish"]),
    ("mascara", "Makeup", "Mascara", (14, 28), ["Volume", "Lengthening"]),
    ("palette", "Makeup", "Eyeshadow Palette", (28, 54), ["Nude", "Dusk"]),
    (
        "face_cream",
        "Skincare",
        "Face Cream",
        (22, 68),
        ["Daily", "Overnight", "Barrier"],
    ),
    ("perfume", "Fragrance", "Eau de Parfum", (48, 120), ["Neroli", "Oud", "Fig Leaf"]),
]
BOOKS = [
    (
        "Goodnight Moon",
        "Margaret Wise Brown",
        (34, 110, 64),
        (250, 230, 140),
        "moon",
        "8.99",
    ),
    (
        "If You Give a Mouse a Cookie",
        "Laura Numeroff",
        (236, 226, 204),
        (150, 60, 40),
        "mouse",
        "9.50",
    ),
    (
        "Brown Bear, Brown Bear, What Do You See?",
        "Bill Martin Jr.",
        (240, 240, 236),
        (120, 70, 30),
        "bear",
        "8.49",
    ),
    (
        "The Very Hungry Caterpillar",
        "Eric Carle",
        (250, 250, 250),
        (40, 110, 40),
        "caterpillar",
        "10.99",
    ),
    (
        "Little Star Goes to Sleep",
        "Ada Fenwick",
        (32, 48, 104),
        (250, 220, 80),
        "star",
        "7.99",
    ),
    ("Sunny Saturday", "Priya Raman", (240, 176, 60), (120, 40, 20), "sun", "8.25"),
    (
        "The Bear Who Lost His Hat",
        "Tom Ashby",
        (200, 38, 48),
        (255, 255, 255),
        "bear",
        "9.99",
    ),
    (
        "Moon Over the Meadow",
        "Clara Holt",
        (22, 40, 80),
        (250, 230, 140),
        "moon",
        "8.75",
    ),
    (
        "Mouse Moves House",
        "June Okafor",
        (238, 176, 196),
        (80, 40, 60),
        "mouse",
        "7.50",
    ),
    ("Ten Little Stars", "Ada Fenwick", (110, 48, 110), (250, 220, 80), "star", "6.99"),
    ("Hello, Sun!", "Priya Raman", (44, 92, 196), (255, 255, 255), "sun", "7.25"),
    (
        "Caterpillar Counts to Ten",
        "Eric Lund",
        (222, 172, 52),
        (40, 90, 40),
        "caterpillar",
        "8.99",
    ),
    (
        "Goodnight, Little Farm",
        "Nora Bell",
        (112, 118, 58),
        (255, 255, 255),
        "moon",
        "9.25",
    ),
    (
        "A Cookie for Grandma",
        "Laura Tate",
        (176, 122, 72),
        (255, 255, 255),
        "mouse",
        "8.50",
    ),
    (
        "Where Do Bears Sleep?",
        "Sam Ito",
        (22, 128, 122),
        (255, 255, 255),
        "bear",
        "9.75",
    ),
]
DESCRIPTIONS = [
    "{adjective} and easy to wear, cut from materials that soften with every wash.",
    "Designed in small batches by {brand}; the kind of piece you reach for first.",
    "Pairs as well with weekend denim as with something smarter for the evening.",
    "Made to last: reinforced seams, considered details and a finish that ages well.",
    "A quiet classic in {colour}, chosen again and again by our shoppers.",
    "Thoughtfully sized and generously proportioned, with a true-to-size fit.",
    "Responsibly made and packed without plastic.",
]


@dataclass
class ProductSpec:
    sku: str
    title: str
    brand: str
    kind: str
    department: str
    category: str
    price: Decimal
    colour_name: str
    colour: tuple[int, int, int]
    accent: tuple[int, int, int] | None
    description: str
    sizes: list[str] = field(default_factory=list)
    featured: bool = False
    illustration: str | None = None
    stock: int = 25
    seed: int = 0

    @property
    def slug(self) -> str:
        return slugify(self.title)[:150]


def _price(rng: random.Random, low: int, high: int) -> Decimal:
    return (
        Decimal(rng.randrange(low, high + 1)) - Decimal("0.01")
        if rng.random() < 0.7
        else Decimal(rng.randrange(low, high + 1))
    )


def _describe(rng: random.Random, **context) -> str:
    first, second = rng.sample(DESCRIPTIONS, 2)
    return f"{first.format(**context)} {second.format(**context)}"


def build_catalog(seed: int = 20261124) -> list[ProductSpec]:
    """A fixed, repeatable list of products."""
    rng = random.Random(seed)
    specs: list[ProductSpec] = []
    colour_names = list(PALETTE)
    for kind, category, noun, (low, high), sizes, adjectives in FASHION:
        count = (
            4
            if kind
            in {
                "tshirt",
                "dress",
                "jeans",
                "sneaker",
                "handbag",
                "tote",
                "necklace",
                "earrings",
            }
            else 3
        )
        for n in range(count):
            colour_name = colour_names[rng.randrange(len(colour_names))]
            adjective = adjectives[n % len(adjectives)]
            brand = rng.choice(BRANDS["Fashion"])
            accent = (
                (212, 170, 60)
                if kind in {"necklace", "earrings", "bracelet", "ring", "watch"}
                else None
            )
            if kind == "sneaker":
                accent = (250, 250, 250)
            specs.append(
                ProductSpec(
                    sku=f"F-{kind[:4].upper()}-{n + 1:02d}",
                    title=f"{adjective} {noun} in {colour_name}",
                    brand=brand,
                    kind=kind,
                    department="Fashion",
                    category=category,
                    price=_price(rng, low, high),
                    colour_name=colour_name,
                    colour=PALETTE[colour_name],
                    accent=accent,
                    sizes=list(sizes),
                    description=_describe(
                        rng,
                        adjective=adjective,
                        brand=brand,
                        colour=colour_name.lower(),
                    ),
                    seed=len(specs),
                )
            )
    for department, rows in (("Home", HOME), ("Beauty", BEAUTY)):
        for kind, category, noun, (low, high), adjectives in rows:
            for n in range(3):
                adjective = adjectives[n % len(adjectives)]
                colour_name = colour_names[rng.randrange(len(colour_names))]
                brand = rng.choice(BRANDS[department])
                specs.append(
                    ProductSpec(
                        sku=f"{department[0]}-{kind[:4].upper()}-{n + 1:02d}",
                        title=f"{adjective} {noun}"
                        + (
                            f" in {colour_name}"
                            if kind not in {"candle", "perfume", "face_cream"}
                            else ""
                        ),
                        brand=brand,
                        kind=kind,
                        department=department,
                        category=category,
                        price=_price(rng, low, high),
                        colour_name=colour_name,
                        colour=PALETTE[colour_name],
                        accent=None,
                        description=_describe(
                            rng,
                            adjective=adjective,
                            brand=brand,
                            colour=colour_name.lower(),
                        ),
                        seed=len(specs),
                    )
                )
    for n, (title, author, cover, ink, art, price) in enumerate(BOOKS):
        specs.append(
            ProductSpec(
                sku=f"BK-{n + 1:03d}",
                title=title,
                brand=author,
                kind="book",
                department="Books",
                category="Children's books",
                price=Decimal(price),
                colour_name="",
                colour=cover,
                accent=ink,
                illustration=art,
                featured=n < 3,
                stock=40,
                description=(
                    f"{title} by {author}: a picture book to read aloud, again and again. "
                    "Sturdy pages, bright pictures, and a rhythm little listeners learn by heart."
                ),
                seed=len(specs),
            )
        )
    for spec in rng.sample([s for s in specs if s.department != "Books"], 7):
        spec.featured = True
    # A little realism: one sold-out product and some low stock.
    specs[5].stock = 0
    for spec in rng.sample(specs, 12):
        spec.stock = rng.randrange(1, 5)
    return specs
