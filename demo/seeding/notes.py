"""Demo "because" notes on the demo history, written and moderated through the services.

Run by ``seed_demo`` after the co-purchase recompute. For the most bought-together pairs, the newest paid order holding both gets a note
in its buyer's name, approved by the merchant; a few more wait in the moderation
queue (one of them flagged) so that the admin has something to show.
"""

from __future__ import annotations

import random

from django.db.models import Count

from crosssell.models import Note, PairStat
from crosssell.services.counting import COUNTED_STATUSES
from crosssell.services.notes import NoteError, note_submit, notes_approve
from shop.models import Order, OrderLine, Product

NOTES = 40

KATHRYN = (
    "I'm a grandmother and former first grade teacher. These books were classics "
    "and beloved by my students year after year."
)

TEXTS = {
    "Books": [
        "We read {a} and then {b} every night; my two-year-old asks for them in that order.",
        "{b} was the natural next book after {a}: both are gentle and rhythmic, perfect for bedtime.",
        "A gift for a new baby. {a} and {b} are the two I remember from my own childhood.",
    ],
    "Fashion": [
        "{b} is exactly what {a} needed; together they make an outfit I wear to work and to dinner.",
        "Bought {a} first, then came back for {b} because the colours go so well together.",
        "I wanted one look for a wedding: {a} with {b} did it without trying too hard.",
    ],
    "Home": [
        "{a} and {b} turned a plain corner of our living room into the cosiest spot in the flat.",
        "The tones of {a} and {b} match beautifully. I would buy them together again.",
        "A housewarming present: {a} with {b} felt thoughtful without being fussy.",
    ],
    "Beauty": [
        "{a} and {b} are my everyday routine; one without the other feels unfinished.",
        "My travel kit: {a} plus {b} covers everything I need for a weekend away.",
        "I tried {b} because it was suggested with {a}, and now I use them together daily.",
    ],
}
REASONS = {
    "Books": ["gift", "complements"],
    "Fashion": ["used_together"],
    "Home": ["complements", "gift"],
    "Beauty": ["used_together", "recommended"],
}
PENDING = [
    "Both arrived quickly and the quality is better than I expected for the price.",
    "Great together! Text me on 555 201 3344 and I'll tell you where I found them cheaper.",
    "The second one did not really go with the first in person; the colours clash a bit.",
]


def department(product: Product) -> str:
    category = product.category
    while category is not None and category.parent_id is not None:
        category = category.parent
    return category.name if category is not None else ""


def notes_seed(*, count: int = NOTES) -> tuple[str, list[str]]:
    """Write ``count`` approved notes and a few pending ones: (summary, the orders
    skipped and why)."""
    rng = random.Random(7)
    written, approved = [], 0
    pairs = PairStat.objects.order_by("-together", "id")[: count * 3]
    used_orders: set[int] = set()
    skipped: list[str] = []
    kathryn = _kathryn()
    if kathryn is not None:
        written.append(kathryn)
        used_orders.add(kathryn.order_id)
        approved += len(notes_approve(note_ids=[kathryn.pk]).changed)
    for pair in pairs:
        if len(written) >= count + len(PENDING):
            break
        order = _newest_order(pair.product_a_id, pair.product_b_id, used_orders)
        if order is None:
            continue
        a, b = (
            Product.objects.select_related("category__parent")
            .filter(pk__in=[pair.product_a_id, pair.product_b_id])
            .order_by("pk")
        )
        dept = department(a)
        pending = len(written) >= count
        if pending:
            text = PENDING[len(written) - count]
        else:
            text = rng.choice(TEXTS.get(dept, TEXTS["Home"])).format(
                a=a.title, b=b.title
            )
        try:
            note = note_submit(
                order=order,
                author=order.user,
                product_ids=[a.pk, b.pk],
                text=text,
                reasons=REASONS.get(dept, []),
                display="anonymous" if rng.random() < 0.15 else "name",
                name=order.shipping_name,
            )
        except NoteError as exc:
            skipped.append(f"skipped order {order.number}: {exc}")
            continue
        used_orders.add(order.pk)
        written.append(note)
        if not pending:
            approved += len(notes_approve(note_ids=[note.pk]).changed)
    summary = (
        f"Wrote {len(written)} demo notes: {approved} approved, "
        f"{len(written) - approved} waiting for moderation."
    )
    return summary, skipped


def _kathryn() -> Note | None:
    """The design's own example: Kathryn T. on the grandparent bundle of books."""
    books = Product.objects.filter(
        category__parent__name="Books"
    ) | Product.objects.filter(category__name="Books")
    for order in Order.objects.filter(
        shipping_name__startswith="Kathryn Thompson", status__in=COUNTED_STATUSES
    ).order_by("-placed_at"):
        ids = list(
            order.lines.filter(product__in=books).values_list("product_id", flat=True)
        )
        if len(set(ids)) >= 2:
            return note_submit(
                order=order,
                author=order.user,
                product_ids=ids,
                text=KATHRYN,
                reasons=["gift", "complements"],
                name=order.shipping_name,
            )
    return None


def _newest_order(a: int, b: int, used: set[int]) -> Order | None:
    both = (
        OrderLine.objects.filter(product_id__in=[a, b])
        .values("order_id")
        .annotate(n=Count("product_id", distinct=True))
        .filter(n=2)
        .values("order_id")
    )
    return (
        Order.objects.filter(pk__in=both, status__in=COUNTED_STATUSES)
        .exclude(pk__in=used)
        .select_related("user")
        .order_by("-placed_at")
        .first()
    )
