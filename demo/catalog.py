"""The demo catalog: 150+ products across fashion, home, beauty and children's books.

Pure data, no database: ``build_catalog()`` returns the same list of specs every
time (fixed random seed), so the seed command, its tests and the benchmarks agree
on every SKU without touching the shop.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import slugify

CATALOG_SEED = 20261124

CATEGORIES = {
    "Fashion": [
        "Tops",
        "Bottoms",
        "Dresses",
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
GOLD = (212, 170, 60)
WHITE = (250, 250, 250)
LETTER_SIZES = ["S", "M", "L"]
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

# Kinds that come in several colours (each colour × size its own variant).
COLOUR_VARIANT_KINDS = {"tshirt", "sweater", "sneaker", "handbag", "tote", "scarf"}
JEWELLERY_KINDS = {"necklace", "earrings", "bracelet", "ring", "watch"}
SHOE_KINDS = {"sneaker", "boot", "heel", "sandal"}
CLOTHES_KINDS = {
    "tshirt", "blouse", "sweater", "jacket", "coat", "jeans", "trousers", "skirt",
    "shorts", "dress", "maxi_dress",
}  # fmt: skip

# kind, category, noun, price range, sizes, adjectives (one per product of the kind)
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
        "jacket",
        "Tops",
        "Jacket",
        (90, 180),
        LETTER_SIZES,
        ["Cropped", "Denim", "Utility"],
    ),
    ("coat", "Tops", "Coat", (160, 290), LETTER_SIZES, ["Wool", "Trench", "Belted"]),
    (
        "jeans",
        "Bottoms",
        "Jeans",
        (58, 110),
        LETTER_SIZES,
        ["Straight", "High-Rise", "Wide-Leg", "Slim"],
    ),
    (
        "trousers",
        "Bottoms",
        "Trousers",
        (48, 88),
        LETTER_SIZES,
        ["Tailored", "Pleated", "Cropped"],
    ),
    (
        "skirt",
        "Bottoms",
        "Skirt",
        (36, 72),
        LETTER_SIZES,
        ["Midi", "Pleated", "A-Line"],
    ),
    (
        "shorts",
        "Bottoms",
        "Shorts",
        (28, 48),
        LETTER_SIZES,
        ["Linen", "Denim", "Paperbag"],
    ),
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
        ["Tiered", "Slip", "Smocked"],
    ),
    (
        "sneaker",
        "Shoes",
        "Sneakers",
        (70, 120),
        SHOE_SIZES,
        ["Court", "Canvas", "Runner", "Retro"],
    ),
    ("boot", "Shoes", "Boots", (110, 220), SHOE_SIZES, ["Chelsea", "Ankle", "Lace-Up"]),
    (
        "heel",
        "Shoes",
        "Heels",
        (80, 150),
        SHOE_SIZES,
        ["Pointed", "Block", "Slingback"],
    ),
    ("sandal", "Shoes", "Sandals", (40, 90), SHOE_SIZES, ["Strappy", "Slide", "Woven"]),
    (
        "handbag",
        "Bags",
        "Handbag",
        (95, 240),
        [],
        ["Structured", "Top-Handle", "Saddle", "Bucket"],
    ),
    ("tote", "Bags", "Tote Bag", (18, 45), [], ["Canvas", "Market", "Shopper", "Book"]),
    ("backpack", "Bags", "Backpack", (60, 130), [], ["Roll-Top", "Everyday", "Mini"]),
    ("clutch", "Bags", "Clutch", (45, 95), [], ["Envelope", "Evening", "Pleated"]),
    (
        "necklace",
        "Jewellery",
        "Necklace",
        (35, 120),
        [],
        ["Pendant", "Drop", "Pearl", "Chain"],
    ),
    (
        "earrings",
        "Jewellery",
        "Earrings",
        (25, 80),
        [],
        ["Drop", "Enamel", "Hoop", "Stud"],
    ),
    ("bracelet", "Jewellery", "Bracelet", (28, 90), [], ["Beaded", "Charm", "Cuff"]),
    ("ring", "Jewellery", "Ring", (30, 110), [], ["Stacking", "Signet", "Stone"]),
    ("watch", "Accessories", "Watch", (120, 260), [], ["Classic", "Minimal", "Field"]),
    (
        "sunglasses",
        "Accessories",
        "Sunglasses",
        (40, 140),
        [],
        ["Round", "Cat-Eye", "Aviator"],
    ),
    ("hat", "Accessories", "Hat", (32, 78), [], ["Fedora", "Sun", "Bucket"]),
    ("scarf", "Accessories", "Scarf", (24, 70), [], ["Wool", "Silk", "Checked"]),
    (
        "belt",
        "Accessories",
        "Belt",
        (28, 60),
        LETTER_SIZES,
        ["Leather", "Woven", "Skinny"],
    ),
]
HOME = [
    ("cushion", "Textiles", "Cushion", (24, 55), ["Velvet", "Linen", "Bouclé"]),
    ("throw_blanket", "Textiles", "Throw", (45, 120), ["Wool", "Waffle", "Chunky"]),
    ("rug", "Textiles", "Rug", (90, 260), ["Flatweave", "Kilim", "Jute-Blend"]),
    ("vase", "Decor", "Vase", (22, 75), ["Ceramic", "Glass", "Stoneware"]),
    ("wall_art", "Decor", "Art Print", (30, 110), ["Abstract", "Botanical", "Coastal"]),
    ("mirror", "Decor", "Mirror", (60, 180), ["Round", "Arched", "Scalloped"]),
    ("plant", "Decor", "Planter", (18, 60), ["Terracotta", "Glazed", "Footed"]),
    ("lamp", "Lighting", "Table Lamp", (55, 160), ["Ceramic", "Brass", "Mushroom"]),
    ("candle", "Lighting", "Candle", (16, 42), ["Fig", "Cedar", "Amber", "Sea Salt"]),
    ("mug", "Kitchen", "Mug", (12, 28), ["Stoneware", "Speckled", "Enamel"]),
]
BEAUTY = [
    ("lipstick", "Makeup", "Lipstick", (16, 34), ["Satin", "Matte", "Sheer"]),
    (
        "nail_polish",
        "Makeup",
        "Nail Polish",
        (9, 18),
        ["Gloss", "Gel-Finish", "Quick-Dry"],
    ),
    ("mascara", "Makeup", "Mascara", (14, 28), ["Volume", "Lengthening", "Waterproof"]),
    ("palette", "Makeup", "Eyeshadow Palette", (28, 54), ["Nude", "Dusk", "Garden"]),
    (
        "face_cream",
        "Skincare",
        "Face Cream",
        (22, 68),
        ["Daily", "Overnight", "Barrier"],
    ),
    ("perfume", "Fragrance", "Eau de Parfum", (48, 120), ["Neroli", "Oud", "Fig Leaf"]),
]
UNCOLOURED_TITLES = {"candle", "perfume", "face_cream", "mascara", "palette", "plant"}
PRODUCTS_PER_KIND = {
    "tshirt": 4,
    "jeans": 4,
    "dress": 4,
    "sneaker": 4,
    "handbag": 4,
    "tote": 4,
    "necklace": 4,
    "earrings": 4,
    "candle": 4,
}

# title, author, cover, ink, illustration, price, blurb
BOOKS = [
    (
        "Goodnight Moon",
        "Margaret Wise Brown",
        (34, 110, 64),
        (250, 230, 140),
        "moon",
        "8.99",
        "In a great green room a little bunny says goodnight to everything in sight, one "
        "soft line at a time. The bedtime book generations of parents know by heart.",
    ),
    (
        "If You Give a Mouse a Cookie",
        "Laura Numeroff",
        (236, 226, 204),
        (150, 60, 40),
        "mouse",
        "9.50",
        "Give a mouse a cookie and he will want a glass of milk — and that is only the "
        "beginning. A circular story that makes children shout out what comes next.",
    ),
    (
        "Brown Bear, Brown Bear, What Do You See?",
        "Bill Martin Jr.",
        (240, 240, 236),
        (120, 70, 30),
        "bear",
        "8.49",
        "A brown bear, a red bird, a yellow duck: each animal sees the next in a chant "
        "toddlers pick up after one reading. Perfect for first colours and first words.",
    ),
    (
        "The Very Hungry Caterpillar",
        "Eric Carle",
        (250, 250, 250),
        (40, 110, 40),
        "caterpillar",
        "10.99",
        "A tiny caterpillar eats his way through a week of food before becoming a "
        "butterfly. Counting, days of the week and a happy ending in one sturdy book.",
    ),
    (
        "Little Star Goes to Sleep",
        "Ada Fenwick",
        (32, 48, 104),
        (250, 220, 80),
        "star",
        "7.99",
        "The smallest star in the sky is far too excited to close her eyes. A gentle "
        "countdown to sleep with a soft rhyme on every page.",
    ),
    (
        "Sunny Saturday",
        "Priya Raman",
        (240, 176, 60),
        (120, 40, 20),
        "sun",
        "8.25",
        "A day at the park, a picnic and a puddle: everything a small person could want "
        "from a Saturday. Warm, funny pictures full of things to point at.",
    ),
    (
        "The Bear Who Lost His Hat",
        "Tom Ashby",
        (200, 38, 48),
        (255, 255, 255),
        "bear",
        "9.99",
        "Bear asks every animal in the wood whether they have seen his hat. The answer "
        "is hiding in plain sight, and young readers always spot it first.",
    ),
    (
        "Moon Over the Meadow",
        "Clara Holt",
        (22, 40, 80),
        (250, 230, 140),
        "moon",
        "8.75",
        "As the moon rises, the meadow animals settle down one by one. A quiet, "
        "beautifully painted book for the last story of the night.",
    ),
    (
        "Mouse Moves House",
        "June Okafor",
        (238, 176, 196),
        (80, 40, 60),
        "mouse",
        "7.50",
        "Mouse packs up her teacup, her thimble and her favourite sock and sets off for a "
        "new home. A reassuring story for children facing a big move.",
    ),
    (
        "Ten Little Stars",
        "Ada Fenwick",
        (110, 48, 110),
        (250, 220, 80),
        "star",
        "6.99",
        "Ten stars twinkle, then nine, then eight, and counting backwards has never "
        "been so sleepy. A board book built for small hands.",
    ),
    (
        "Hello, Sun!",
        "Priya Raman",
        (44, 92, 196),
        (255, 255, 255),
        "sun",
        "7.25",
        "Good morning to the sun, the birds and the dog next door. A bright wake-up book "
        "that turns the first minutes of the day into a game.",
    ),
    (
        "Caterpillar Counts to Ten",
        "Eric Lund",
        (222, 172, 52),
        (40, 90, 40),
        "caterpillar",
        "8.99",
        "One leaf, two berries, three flowers: a caterpillar counts everything on her "
        "way up the garden. Die-cut pages children love to poke a finger through.",
    ),
    (
        "Goodnight, Little Farm",
        "Nora Bell",
        (112, 118, 58),
        (255, 255, 255),
        "moon",
        "9.25",
        "The cows, the hens and the sleepy farm cat are tucked in as the moon comes up. "
        "A lullaby of a book with a gentle, repeating rhythm.",
    ),
    (
        "A Cookie for Grandma",
        "Laura Tate",
        (176, 122, 72),
        (255, 255, 255),
        "mouse",
        "8.50",
        "A little mouse bakes her very first cookie and carries it all the way across "
        "town to Grandma. A sweet story about patience and giving.",
    ),
    (
        "Where Do Bears Sleep?",
        "Sam Ito",
        (22, 128, 122),
        (255, 255, 255),
        "bear",
        "9.75",
        "Bears in caves, owls in trees, fish in the deep blue sea — and where do you "
        "sleep? A lift-the-flap tour of animal beds around the world.",
    ),
]

# What each kind of thing is, in a sentence or two. {adjective}, {noun}, {colour}
# and {brand} are filled in; one is chosen per product so neighbours differ.
KIND_COPY = {
    "tshirt": [
        "A {adjective_lower} tee in heavyweight cotton jersey with a neat ribbed neck.",
        "Our best-selling tee, cut {adjective_lower} and finished with a double-stitched hem.",
    ],
    "blouse": [
        "A {adjective_lower} blouse with a soft collar and covered buttons down the front.",
        "Light, floaty and easy to tuck in: a {adjective_lower} blouse for the office and after.",
    ],
    "sweater": [
        "A {adjective_lower} sweater knitted in a mid-weight yarn that keeps its shape.",
        "Crew neck, dropped shoulders and ribbed cuffs: the {adjective_lower} sweater you'll live in.",
    ],
    "jacket": [
        "A {adjective_lower} jacket with deep pockets and a boxy, layer-friendly fit.",
        "The in-between-seasons {adjective_lower} jacket, lined at the body so it slides on easily.",
    ],
    "coat": [
        "A {adjective_lower} coat with a generous collar, cut long enough to cover a blazer.",
        "Warm without the bulk: a {adjective_lower} coat with a fully lined body and hidden buttons.",
    ],
    "jeans": [
        "{adjective} jeans in rigid denim that softens and moulds to you over time.",
        "Five-pocket {adjective_lower} jeans with a touch of stretch and a clean, dark wash.",
    ],
    "trousers": [
        "{adjective} trousers with pressed creases and an elasticated back waist.",
        "Smart enough for meetings, easy enough for travel: {adjective_lower} trousers in a drapey weave.",
    ],
    "skirt": [
        "A {adjective_lower} skirt that moves beautifully and sits comfortably at the waist.",
        "This {adjective_lower} skirt has a concealed side zip and pockets deep enough for a phone.",
    ],
    "shorts": [
        "{adjective} shorts with a relaxed leg and a mid-thigh length.",
        "Easy {adjective_lower} shorts for long weekends, with a soft drawstring waist.",
    ],
    "dress": [
        "A {adjective_lower} dress with a flattering waist and a skirt that swishes as you walk.",
        "Knee-length and fully lined, this {adjective_lower} dress goes from lunch to a wedding.",
    ],
    "maxi_dress": [
        "A floor-sweeping {adjective_lower} maxi dress with thin adjustable straps.",
        "Made for holidays and garden parties: a {adjective_lower} maxi dress in a breezy fabric.",
    ],
    "sneaker": [
        "{adjective} sneakers with a cushioned insole and a grippy rubber cupsole.",
        "Low-profile {adjective_lower} sneakers that go with jeans, dresses and everything between.",
    ],
    "boot": [
        "{adjective} boots in smooth leather on a stacked heel you can walk in all day.",
        "Pull-on {adjective_lower} boots with a padded footbed and a weatherproof sole.",
    ],
    "heel": [
        "{adjective} heels on a comfortable 7 cm heel, with a padded footbed for long evenings.",
        "Elegant {adjective_lower} heels in soft suede that finish any dress or tailoring.",
    ],
    "sandal": [
        "{adjective} sandals with a moulded footbed and adjustable buckles.",
        "Flat {adjective_lower} sandals that pack down small and walk all day.",
    ],
    "handbag": [
        "A {adjective_lower} handbag in grained leather with a detachable shoulder strap.",
        "Roomy inside, neat outside: a {adjective_lower} handbag with three inner pockets.",
    ],
    "tote": [
        "A sturdy {adjective_lower} tote with long handles that sit comfortably on the shoulder.",
        "The {adjective_lower} tote our shoppers add to almost every order — groceries, gym kit, library books.",
    ],
    "backpack": [
        "A {adjective_lower} backpack with a padded laptop sleeve and a water-resistant finish.",
        "Light, tidy and well organised: a {adjective_lower} backpack for commutes and day trips.",
    ],
    "clutch": [
        "A {adjective_lower} clutch just big enough for a phone, keys and a lipstick.",
        "Slim {adjective_lower} clutch with a magnetic closure and a hidden wrist strap.",
    ],
    "necklace": [
        "A {adjective_lower} necklace on a fine adjustable chain, plated in 18k gold.",
        "Delicate enough to wear every day, special enough to give: a {adjective_lower} necklace.",
    ],
    "earrings": [
        "{adjective} earrings on hypoallergenic hooks, light enough to forget you're wearing them.",
        "Little {adjective_lower} earrings that catch the light when you turn your head.",
    ],
    "bracelet": [
        "A {adjective_lower} bracelet that stacks well with a watch or on its own.",
        "This {adjective_lower} bracelet fastens with a secure lobster clasp and an extender chain.",
    ],
    "ring": [
        "A {adjective_lower} ring in recycled sterling silver with a polished finish.",
        "Wear this {adjective_lower} ring alone or stack it with its neighbours.",
    ],
    "watch": [
        "A {adjective_lower} watch with a sapphire-coated glass and a quick-release strap.",
        "Clean dial, quiet movement: a {adjective_lower} watch that will outlast the trends.",
    ],
    "sunglasses": [
        "{adjective} sunglasses with UV400 lenses and sturdy acetate frames.",
        "Flattering {adjective_lower} sunglasses that come with a recycled-fabric case.",
    ],
    "hat": [
        "A {adjective_lower} hat with an inner sweatband and a shapeable brim.",
        "Packable {adjective_lower} hat that springs back into shape after a day in a bag.",
    ],
    "scarf": [
        "A generous {adjective_lower} scarf, long enough to wrap twice.",
        "Soft {adjective_lower} scarf with fringed ends that brightens a plain coat.",
    ],
    "belt": [
        "A {adjective_lower} belt with a brushed-metal buckle, sized to sit on the hip or the waist.",
        "The {adjective_lower} belt that finishes jeans and dresses alike.",
    ],
    "cushion": [
        "A {adjective_lower} cushion with a feather-blend pad and a hidden zip.",
        "Plump {adjective_lower} cushion that brings a sofa or a reading chair to life.",
    ],
    "throw_blanket": [
        "A {adjective_lower} throw, big enough to share on the sofa on a cold evening.",
        "Drape this {adjective_lower} throw over the end of the bed for instant warmth.",
    ],
    "rug": [
        "A {adjective_lower} rug, 160 × 230 cm, with a low pile that vacuums easily.",
        "Hard-wearing {adjective_lower} rug that pulls a living room together.",
    ],
    "vase": [
        "A {adjective_lower} vase, weighted at the base so tall stems won't tip it.",
        "Beautiful empty, better with flowers: a hand-finished {adjective_lower} vase.",
    ],
    "wall_art": [
        "A {adjective_lower} print on heavyweight matte paper, ready to frame at 50 × 70 cm.",
        "Limited-run {adjective_lower} print from an independent illustrator.",
    ],
    "mirror": [
        "A {adjective_lower} mirror with a slim metal frame and a fixing kit included.",
        "Bounce light around a hallway with this {adjective_lower} mirror.",
    ],
    "plant": [
        "A {adjective_lower} planter with a drainage hole and a matching saucer.",
        "This {adjective_lower} planter fits a 15 cm nursery pot — perfect for a trailing pothos.",
    ],
    "lamp": [
        "A {adjective_lower} table lamp with a linen shade and an inline dimmer.",
        "Warm, low light for evenings: a {adjective_lower} table lamp for a side table or desk.",
    ],
    "candle": [
        "A {adjective_lower} candle poured from soy wax with a cotton wick; about 45 hours of burn.",
        "Our {adjective_lower} candle fills a room without overpowering it.",
    ],
    "mug": [
        "A {adjective_lower} mug that holds a proper 350 ml of tea.",
        "Hand-glazed {adjective_lower} mug with a comfortable, generous handle.",
    ],
    "lipstick": [
        "A {adjective_lower} lipstick with a creamy glide and eight hours of colour.",
        "Richly pigmented {adjective_lower} lipstick, enriched with shea butter.",
    ],
    "nail_polish": [
        "A {adjective_lower} nail polish with a wide brush that covers in two coats.",
        "Chip-resistant {adjective_lower} nail polish, free from the usual harsh solvents.",
    ],
    "mascara": [
        "A {adjective_lower} mascara with a curved brush that separates every lash.",
        "Buildable {adjective_lower} mascara that never clumps or flakes.",
    ],
    "palette": [
        "A {adjective_lower} palette of nine blendable shades, from everyday mattes to a soft shimmer.",
        "Everything for a day-to-night eye in one slim {adjective_lower} palette with a mirror.",
    ],
    "face_cream": [
        "A {adjective_lower} face cream with ceramides and niacinamide for soft, calm skin.",
        "Lightweight {adjective_lower} face cream that sinks in fast and sits well under make-up.",
    ],
    "perfume": [
        "A {adjective_lower} eau de parfum that opens bright and settles into something warm.",
        "Our {adjective_lower} eau de parfum, blended in Grasse and bottled in recycled glass.",
    ],
}
DEPARTMENT_COPY = {
    "Fashion": [
        "Designed by {brand} in small runs.",
        "Made in Portugal from responsibly sourced materials.",
        "Easy to dress up or down.",
        "Free returns within 30 days.",
    ],
    "Home": [
        "From {brand}, made in small batches.",
        "Each piece is finished by hand, so no two are quite alike.",
        "It arrives gift-wrapped in recycled paper.",
        "Wipe clean with a damp cloth.",
    ],
    "Beauty": [
        "Vegan and cruelty-free, from {brand}.",
        "Dermatologically tested.",
        "Packed in a refillable case.",
        "Free from parabens and synthetic fragrance.",
    ],
}
# Said only of what is sold by size.
CLOTHES_COPY = [
    "True to size; if you're between sizes, take the larger one.",
    "Machine washable at 30 °C.",
]
SHOES_COPY = [
    "True to size; if you're between sizes, go up.",
    "Comes with a cotton dust bag.",
]
JEWELLERY_COPY = [
    "Nickel-free and gift-boxed.",
    "Made in small runs by {brand}.",
    "Polish gently with the cloth included.",
]


@dataclass
class VariantSpec:
    sku: str
    size: str = ""
    colour_name: str = ""
    stock: int = 20


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
    variants: list[VariantSpec] = field(default_factory=list)
    featured: bool = False
    illustration: str | None = None
    seed: int = 0
    # A second picture: another colour of the product, or another view of it.
    second_colour: tuple[int, int, int] | None = None
    second_view: bool = False

    @property
    def slug(self) -> str:
        return slugify(self.title)[:150]

    @property
    def stock(self) -> int:
        return sum(variant.stock for variant in self.variants)

    @property
    def sizes(self) -> list[str]:
        return list(
            dict.fromkeys(variant.size for variant in self.variants if variant.size)
        )

    @property
    def colour_names(self) -> list[str]:
        return list(
            dict.fromkeys(v.colour_name for v in self.variants if v.colour_name)
        )


def _price(rng: random.Random, low: int, high: int) -> Decimal:
    whole = Decimal(rng.randrange(low, high + 1)).quantize(Decimal("0.01"))
    return whole - Decimal("0.01") if rng.random() < 0.7 else whole


def _describe(rng: random.Random, kind: str, department: str, **context) -> str:
    context["adjective_lower"] = context["adjective"].lower()
    lead = rng.choice(KIND_COPY[kind]).format(**context)
    if kind in JEWELLERY_KINDS:
        closers = JEWELLERY_COPY
    else:
        closers = list(DEPARTMENT_COPY[department])
        if kind in SHOE_KINDS:
            closers += SHOES_COPY
        elif kind in CLOTHES_KINDS:
            closers += CLOTHES_COPY
    extra = rng.sample(closers, rng.choice((1, 2)))
    return " ".join([lead, *(sentence.format(**context) for sentence in extra)])


def _variants(
    rng: random.Random, sku: str, sizes: list[str], colours: list[str], colour_name: str
) -> list[VariantSpec]:
    if not sizes and not colours:
        # A single-variant product: the variant's SKU is the product's.
        return [VariantSpec(sku=sku, colour_name=colour_name, stock=rng.randint(8, 60))]
    variants = []
    for colour in colours or [""]:
        for size in sizes or [""]:
            parts = [sku, colour.upper(), size]
            variants.append(
                VariantSpec(
                    sku="-".join(part for part in parts if part),
                    size=size,
                    colour_name=colour or colour_name,
                    stock=rng.randint(4, 30),
                )
            )
    return variants


def build_catalog(seed: int = CATALOG_SEED) -> list[ProductSpec]:
    """The demo products, the same every time for the same seed."""
    rng = random.Random(seed)
    specs: list[ProductSpec] = []
    colour_names = list(PALETTE)
    for kind, category, noun, (low, high), sizes, adjectives in FASHION:
        for n in range(PRODUCTS_PER_KIND.get(kind, 3)):
            adjective = adjectives[n % len(adjectives)]
            brand = rng.choice(BRANDS["Fashion"])
            accent = (
                GOLD
                if kind in JEWELLERY_KINDS
                else WHITE
                if kind == "sneaker"
                else None
            )
            colours = []
            if kind in COLOUR_VARIANT_KINDS and n % 2 == 0:
                colours = rng.sample(colour_names, rng.choice((2, 3)))
            colour_name = colours[0] if colours else rng.choice(colour_names)
            sku = f"F-{kind[:4].upper()}-{n + 1:02d}"
            if colours or kind in JEWELLERY_KINDS:
                title = f"{adjective} {noun}"
            else:
                title = f"{adjective} {noun} in {colour_name}"
            specs.append(
                ProductSpec(
                    sku=sku,
                    title=title,
                    brand=brand,
                    kind=kind,
                    department="Fashion",
                    category=category,
                    price=_price(rng, low, high),
                    colour_name=colour_name,
                    colour=PALETTE[colour_name],
                    accent=accent,
                    description=_describe(
                        rng,
                        kind,
                        "Fashion",
                        adjective=adjective,
                        noun=noun,
                        brand=brand,
                        colour=colour_name.lower(),
                    ),
                    variants=_variants(rng, sku, list(sizes), colours, colour_name),
                    seed=len(specs),
                    second_colour=PALETTE[colours[1]] if colours else None,
                    second_view=not colours and len(specs) % 4 == 0,
                )
            )
    for department, rows in (("Home", HOME), ("Beauty", BEAUTY)):
        for kind, category, noun, (low, high), adjectives in rows:
            for n in range(PRODUCTS_PER_KIND.get(kind, 3)):
                adjective = adjectives[n % len(adjectives)]
                colour_name = rng.choice(colour_names)
                brand = rng.choice(BRANDS[department])
                sku = f"{department[0]}-{kind[:4].upper()}-{n + 1:02d}"
                title = f"{adjective} {noun}"
                if kind not in UNCOLOURED_TITLES:
                    title += f" in {colour_name}"
                specs.append(
                    ProductSpec(
                        sku=sku,
                        title=title,
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
                            kind,
                            department,
                            adjective=adjective,
                            noun=noun,
                            brand=brand,
                            colour=colour_name.lower(),
                        ),
                        variants=_variants(rng, sku, [], [], ""),
                        seed=len(specs),
                        second_view=department == "Home" and len(specs) % 3 == 0,
                    )
                )
    for n, (title, author, cover, ink, art, price, blurb) in enumerate(BOOKS):
        sku = f"BK-{n + 1:03d}"
        specs.append(
            ProductSpec(
                sku=sku,
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
                description=f"{blurb} Hardback, 32 pages; ages 0–5.",
                variants=[VariantSpec(sku=sku, stock=rng.randint(20, 80))],
                seed=len(specs),
            )
        )
    _add_featured_and_stock_realism(rng, specs)
    return specs


def _add_featured_and_stock_realism(
    rng: random.Random, specs: list[ProductSpec]
) -> None:
    for spec in rng.sample([s for s in specs if s.department != "Books"], 9):
        spec.featured = True
    # One product sold out altogether…
    sold_out = next(s for s in specs if s.kind == "maxi_dress")
    sold_out.featured = False
    for variant in sold_out.variants:
        variant.stock = 0
    # …popular sizes gone in a few others, and some running low.
    sized = [s for s in specs if len(s.variants) > 1 and s is not sold_out]
    for spec in rng.sample(sized, 10):
        rng.choice(spec.variants).stock = 0
    for spec in rng.sample([s for s in specs if s is not sold_out], 12):
        rng.choice(spec.variants).stock = rng.randint(1, 3)


def sold_out_product(specs: list[ProductSpec]) -> ProductSpec:
    return next(spec for spec in specs if spec.stock == 0)
