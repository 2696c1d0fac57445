"""Demo sets on the demo catalog, made, published and liked through the services.

Run by ``seed_demo`` after the catalog: the sets are laid out by hand on its
products (by SKU) and owned by its demo shoppers (created here, unable to log in,
if they are missing).
Every layout is fixed, so two runs draw the same pictures. The pictures are
rendered here, not left to a worker, so ``make run`` shows them at once.

Safe to run again: a set whose owner already has one with its title is left alone.
A set loses the items whose product is missing or no longer sold, and is skipped
when none are left.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.db import transaction
from PIL import Image

from sets.models import SIZE_MAX, SIZE_MIN, Set
from sets.services.editing import ItemSpec, set_create, set_publish
from sets.services.picture import set_render
from sets.services.social import set_like
from shop.images import OPEN_FORMATS
from shop.models import Product, ProductImage
from shop.selectors import product_images_prefetch
from shop.services.accounts import username_free

from .catalog import DEMO_SHOPPERS

KATHRYN, MARIA, SAM, PRIYA, TOM = (email for email, _first, _last in DEMO_SHOPPERS)


@dataclass(frozen=True)
class Piece:
    """A product on a layout: its box's centre and longer side, canvas-relative.

    The box takes the shape of the product's cut-out, as the editor makes it when a
    product is dropped on the canvas.
    """

    sku: str
    cx: float
    cy: float
    size: float
    rotation: float = 0.0
    flip_h: bool = False


@dataclass(frozen=True)
class Plan:
    owner: str  # a demo shopper's email
    title: str
    description: str
    tags: str
    pieces: tuple[Piece, ...]  # back to front
    liked_by: tuple[str, ...] = ()
    publish: bool = True


PLANS: tuple[Plan, ...] = (
    Plan(
        owner=MARIA,
        title="Summer linen weekend",
        description=(
            "Light layers for two slow days by the sea: linen that creases "
            "nicely, a hat for the midday sun and one bag for everything."
        ),
        tags="summer,linen,weekend,beach",
        pieces=(
            Piece("F-TOTE-02", 0.74, 0.54, 0.40),
            Piece("F-BLOU-02", 0.31, 0.29, 0.46),
            Piece("F-SHOR-01", 0.33, 0.68, 0.36),
            Piece("F-HAT-02", 0.73, 0.17, 0.42, rotation=8),
            Piece("F-SAND-03", 0.82, 0.84, 0.26, rotation=350),
            Piece("F-SUNG-01", 0.50, 0.88, 0.28, rotation=352),
            Piece("F-EARR-03", 0.10, 0.88, 0.15),
        ),
        liked_by=(KATHRYN, SAM, PRIYA, TOM),
    ),
    Plan(
        owner=MARIA,
        title="Office to dinner",
        description=(
            "Tailoring that works through a long meeting, then swap the tote for "
            "a clutch and add pearls for dinner."
        ),
        tags="work,office,evening",
        pieces=(
            Piece("F-COAT-01", 0.27, 0.32, 0.52),
            Piece("F-BLOU-01", 0.55, 0.27, 0.36),
            Piece("F-TROU-01", 0.53, 0.68, 0.54),
            Piece("F-HAND-01", 0.82, 0.36, 0.30),
            Piece("F-CLUT-01", 0.82, 0.69, 0.30, rotation=352),
            Piece("F-HEEL-01", 0.22, 0.83, 0.32, flip_h=True),
            Piece("F-NECK-03", 0.87, 0.10, 0.16),
            Piece("F-WATC-02", 0.78, 0.90, 0.17, rotation=20),
        ),
        liked_by=(PRIYA, KATHRYN),
    ),
    Plan(
        owner=PRIYA,
        title="Autumn walk",
        description=(
            "Leaves underfoot and a flask in the bag: a trench over soft knit, "
            "boots that do not mind the mud."
        ),
        tags="autumn,walk,layers",
        pieces=(
            Piece("F-COAT-02", 0.30, 0.36, 0.56),
            Piece("F-SWEA-01", 0.68, 0.27, 0.40),
            Piece("F-JEAN-01", 0.64, 0.67, 0.50),
            Piece("F-SCAR-01", 0.15, 0.74, 0.36, rotation=12),
            Piece("F-BELT-01", 0.39, 0.85, 0.22),
            Piece("F-BOOT-02", 0.85, 0.82, 0.26),
            Piece("F-HAT-03", 0.87, 0.10, 0.24, rotation=8),
        ),
        liked_by=(MARIA, SAM, TOM),
    ),
    Plan(
        owner=SAM,
        title="A reading corner",
        description=(
            "A lamp, a throw, something green and a mug within reach: all a "
            "corner needs to become the best seat in the flat."
        ),
        tags="home,cosy,reading",
        pieces=(
            Piece("H-RUG-03", 0.50, 0.83, 0.44, rotation=90),
            Piece("H-WALL-02", 0.31, 0.23, 0.36),
            Piece("H-WALL-01", 0.58, 0.17, 0.26),
            Piece("H-LAMP-03", 0.83, 0.42, 0.46),
            Piece("H-THRO-01", 0.44, 0.58, 0.32),
            Piece("H-CUSH-01", 0.25, 0.53, 0.24, rotation=350),
            Piece("H-CUSH-02", 0.62, 0.51, 0.22, rotation=8),
            Piece("H-PLAN-01", 0.12, 0.77, 0.36),
            Piece("H-MUG-01", 0.81, 0.85, 0.14),
        ),
        liked_by=(MARIA, PRIYA, KATHRYN),
    ),
    Plan(
        owner=SAM,
        title="Kitchen shelf",
        description=(
            "Two shelves of things that get used every day, in glazes that sit "
            "happily side by side."
        ),
        tags="kitchen,ceramics,home",
        pieces=(
            Piece("H-VASE-01", 0.16, 0.28, 0.34),
            Piece("H-MUG-02", 0.40, 0.34, 0.22),
            Piece("H-PLAN-02", 0.64, 0.31, 0.28),
            Piece("H-CAND-01", 0.86, 0.34, 0.22),
            Piece("H-MUG-03", 0.17, 0.76, 0.22, flip_h=True),
            Piece("H-VASE-03", 0.39, 0.70, 0.36),
            Piece("H-MUG-01", 0.61, 0.77, 0.20),
            Piece("H-PLAN-03", 0.84, 0.74, 0.28),
        ),
        liked_by=(TOM,),
    ),
    Plan(
        owner=TOM,
        title="Bedtime books",
        description=(
            "The pile by our bed, in the order the little one asks for them. "
            "Goodnight Moon always comes last."
        ),
        tags="kids,books,bedtime",
        pieces=(
            Piece("H-THRO-02", 0.50, 0.62, 0.62),
            Piece("BK-008", 0.18, 0.70, 0.28, rotation=350),
            Piece("BK-002", 0.58, 0.30, 0.34, rotation=6),
            Piece("BK-003", 0.45, 0.66, 0.34),
            Piece("BK-005", 0.75, 0.63, 0.30, rotation=8),
            Piece("BK-001", 0.29, 0.34, 0.40, rotation=354),
            Piece("H-LAMP-03", 0.86, 0.22, 0.34),
        ),
        liked_by=(KATHRYN, MARIA, PRIYA, SAM),
    ),
    Plan(
        owner=PRIYA,
        title="Everyday beauty bag",
        description=(
            "What actually lives in my bag: one cream, one palette, mascara, a "
            "lipstick and a scent for the evening."
        ),
        tags="beauty,everyday,makeup",
        pieces=(
            Piece("F-CLUT-03", 0.46, 0.72, 0.62),
            Piece("B-FACE-01", 0.27, 0.31, 0.32),
            Piece("B-PALE-02", 0.62, 0.30, 0.32, rotation=6),
            Piece("B-PERF-01", 0.88, 0.28, 0.34),
            Piece("B-MASC-01", 0.12, 0.64, 0.30, rotation=340),
            Piece("B-LIPS-02", 0.87, 0.66, 0.26, rotation=15),
            Piece("B-NAIL-02", 0.68, 0.88, 0.18),
        ),
        liked_by=(MARIA, KATHRYN),
    ),
    Plan(
        owner=KATHRYN,
        title="A garden party",
        description=(
            "For my niece's wedding in the orchard: a tea dress, heels that "
            "survive grass and a clutch just big enough."
        ),
        tags="summer,wedding,garden",
        pieces=(
            Piece("F-DRES-02", 0.36, 0.45, 0.64),
            Piece("F-HAT-01", 0.77, 0.16, 0.34, rotation=6),
            Piece("F-EARR-01", 0.77, 0.36, 0.16),
            Piece("F-CLUT-02", 0.78, 0.54, 0.30, rotation=350),
            Piece("F-HEEL-03", 0.74, 0.84, 0.34),
            Piece("F-NECK-04", 0.13, 0.16, 0.22),
            Piece("F-BRAC-02", 0.15, 0.86, 0.20),
        ),
        liked_by=(MARIA, PRIYA),
    ),
    Plan(
        owner=KATHRYN,
        title="Hallway ideas",
        description="Still deciding: a mirror by the door, somewhere for the bags.",
        tags="home,hallway",
        pieces=(
            Piece("H-MIRR-02", 0.40, 0.38, 0.50),
            Piece("H-VASE-02", 0.78, 0.66, 0.34),
            Piece("F-TOTE-01", 0.30, 0.78, 0.34),
        ),
        publish=False,
    ),
)


def _aspect(images: list[ProductImage]) -> float:
    """Width over height of the product's cut-out (the renderer's picture), else 1."""
    for image in images:
        if not image.cutout:
            continue
        try:
            with (
                default_storage.open(image.cutout.name, "rb") as handle,
                Image.open(handle, formats=OPEN_FORMATS) as picture,
            ):
                width, height = picture.size
        except (OSError, ValueError):
            return 1.0
        return width / height if width and height else 1.0
    return 1.0


def _item(piece: Piece, product_id: int, aspect: float) -> ItemSpec:
    longer = min(max(piece.size, SIZE_MIN), SIZE_MAX)
    width = longer if aspect >= 1 else max(longer * aspect, SIZE_MIN)
    height = longer / aspect if aspect >= 1 else longer
    height = max(height, SIZE_MIN)
    return ItemSpec(
        product_id=product_id,
        x=round(piece.cx - width / 2, 4),
        y=round(piece.cy - height / 2, 4),
        width=round(width, 4),
        height=round(height, 4),
        rotation=piece.rotation,
        flip_h=piece.flip_h,
    )


def sets_seed() -> str:
    """Make, publish, like and render the planned sets that are missing; a summary."""
    products = _products()
    if not products:
        return "No demo products to make sets with; run seed_demo."
    made: list[tuple[Plan, Set]] = []
    skipped: list[str] = []
    present = 0
    likes = 0
    # One transaction: a run that fails leaves no half-made demo behind.
    with transaction.atomic():
        shoppers = _shoppers()
        for plan in PLANS:
            owner = shoppers[plan.owner]
            if Set.objects.filter(owner=owner, title=plan.title).exists():
                present += 1
                continue
            items = [
                _item(piece, *products[piece.sku])
                for piece in plan.pieces
                if piece.sku in products
            ]
            if not items:
                skipped.append(plan.title)
                continue
            board = set_create(
                owner=owner,
                title=plan.title,
                description=plan.description,
                tags=plan.tags,
                items=items,
            )
            if plan.publish:
                board = set_publish(board=board, user=owner)
            made.append((plan, board))
        for plan, board in made:
            if plan.publish:
                likes += sum(
                    set_like(board=board, user=shoppers[email])
                    for email in plan.liked_by
                )
    # After commit, so that the renders read the committed sets. With eager
    # tasks publishing has rendered them already and these change nothing.
    published = [board for plan, board in made if plan.publish]
    rendered = 0
    for board in published:
        board = set_render(set_id=board.pk)
        rendered += bool(board is not None and board.image)
    summary = (
        f"Seeded {len(made)} demo sets"
        + (f" ({present} were there already)" if present else "")
        + f": {len(published)} published "
        f"({rendered} with pictures), {len(made) - len(published)} draft, "
        f"{likes} likes, by {len({board.owner_id for _, board in made})} "
        "demo shoppers."
    )
    if skipped:
        summary += f" Skipped (no products): {', '.join(skipped)}."
    return summary


def _shoppers() -> dict[str, object]:
    """The demo shoppers by email; the missing ones are made, unable to log in."""
    User = get_user_model()
    found = {}
    for email, first, last in DEMO_SHOPPERS:
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            # An opaque username, like every account's: never the email's.
            user = User.objects.create_user(
                username=username_free(),
                email=email,
                first_name=first,
                last_name=last,
                password=None,  # unusable: a demo account, not a login
            )
        found[email] = user
    return found


def _products() -> dict[str, tuple[int, float]]:
    """The planned SKUs that are on sale: their id and cut-out aspect."""
    skus = {piece.sku for plan in PLANS for piece in plan.pieces}
    return {
        product.sku: (product.pk, _aspect(list(product.images.all())))
        for product in Product.objects.filter(
            sku__in=skus, is_active=True
        ).prefetch_related(product_images_prefetch())
    }
