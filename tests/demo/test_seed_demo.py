import re
from collections import Counter
from decimal import Decimal as D
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db.models import Count, Sum

from crosssell.models import Note, PairStat
from demo.catalog import CATEGORIES, build_catalog
from demo.history import DEFAULT_ORDERS, build_history
from demo.management.commands import seed_demo
from sets.models import Set
from shop.models import (
    Category,
    Order,
    OrderLine,
    Product,
    ProductColour,
    ProductImage,
    Variant,
)

NAMED_BOOKS = {
    "Goodnight Moon",
    "If You Give a Mouse a Cookie",
    "Brown Bear, Brown Bear, What Do You See?",
}
SHOE_KINDS = {"sneaker", "boot", "heel", "sandal"}


@pytest.fixture(scope="module")
def catalog():
    return build_catalog()


@pytest.fixture(scope="module")
def history(catalog):
    return build_history(catalog)


def lift(baskets, a: set, b: set) -> float:
    """How many times more often baskets hold both than chance would say."""
    n = len(baskets)
    with_a = sum(bool(a & set(x.skus)) for x in baskets)
    with_b = sum(bool(b & set(x.skus)) for x in baskets)
    both = sum(bool(a & set(x.skus)) and bool(b & set(x.skus)) for x in baskets)
    return both * n / (with_a * with_b)


def skus_of(catalog, kind: str) -> set[str]:
    return {spec.sku for spec in catalog if spec.kind == kind}


# --- the data definitions (cheap: no database) ----------------------------------------


def test_catalog_has_the_shape_the_shop_needs(catalog):
    assert len(catalog) >= 150
    assert build_catalog() == catalog  # repeatable
    assert {(s.department, s.category) for s in catalog} == {
        (top, child) for top, children in CATEGORIES.items() for child in children
    }
    by_title = {spec.title: spec for spec in catalog}
    assert set(by_title) >= NAMED_BOOKS
    moon = by_title["Goodnight Moon"]
    assert (moon.illustration, moon.colour) == ("moon", (34, 110, 64))  # green cover
    assert by_title["If You Give a Mouse a Cookie"].illustration == "mouse"
    assert by_title["Brown Bear, Brown Bear, What Do You See?"].illustration == "bear"
    assert len([s for s in catalog if s.kind == "book"]) >= 15


def test_catalog_skus_sizes_colours_and_stock(catalog):
    product_skus = [spec.sku for spec in catalog]
    variant_skus = [v.sku for spec in catalog for v in spec.variants]
    assert len(set(product_skus)) == len(product_skus)
    assert len(set(variant_skus)) == len(variant_skus)
    for spec in catalog:
        if spec.department != "Fashion":
            assert [v.sku for v in spec.variants] == [spec.sku], spec.sku
        elif spec.kind in SHOE_KINDS:
            assert spec.sizes == ["37", "38", "39", "40", "41"], spec.sku
        elif spec.sizes:
            assert spec.sizes == ["S", "M", "L"], spec.sku
    assert len([s for s in catalog if len(s.colour_names) > 1]) >= 5
    sold_out = [s for s in catalog if s.stock == 0]
    assert len(sold_out) == 1
    assert len([v for s in catalog if s.stock for v in s.variants if v.stock == 0]) >= 5
    assert len([s for s in catalog if s.featured]) >= 6


def test_catalog_copy_is_believable(catalog):
    assert len({spec.slug for spec in catalog}) == len(catalog)
    assert all(spec.brand for spec in catalog)
    descriptions = [spec.description for spec in catalog]
    assert len(set(descriptions)) == len(descriptions)
    for text in descriptions:
        assert 2 <= len(re.findall(r"[.!?…](?:\s|$)", text)) <= 3, text
        assert "lorem" not in text.lower() and "{" not in text
    for spec in catalog:
        assert spec.price > 0 and spec.price.as_tuple().exponent == -2, spec.sku


def test_every_kind_can_be_drawn(catalog):
    from demo.drawing import KINDS

    assert {spec.kind for spec in catalog} <= set(KINDS)


def test_default_history_is_large_and_structured(catalog, history):
    assert DEFAULT_ORDERS >= 3000 and len(history) == DEFAULT_ORDERS
    assert build_history(catalog)[10] == history[10]  # repeatable
    variants = {v.sku: spec.sku for spec in catalog for v in spec.variants}
    for basket in history:
        assert 1 <= len(basket.lines) <= 6
        assert len(set(basket.skus)) == len(basket.skus)
        assert all(
            variants[line.variant_sku] == line.product_sku for line in basket.lines
        )
        assert 1 <= basket.days_ago <= 365
    months = Counter(basket.days_ago // 31 for basket in history)
    assert all(months[m] >= 100 for m in range(11))  # spread over the year
    popularity = Counter(sku for basket in history for sku in basket.skus)
    counts = sorted(popularity.values(), reverse=True)
    assert counts[0] > 10 * counts[len(counts) // 2]  # a long tail


def test_default_history_has_real_complements(catalog, history):
    by_title = {spec.title: spec.sku for spec in catalog}
    moon = by_title["Goodnight Moon"]
    mouse = by_title["If You Give a Mouse a Cookie"]
    bear = by_title["Brown Bear, Brown Bear, What Do You See?"]
    assert lift(history, {moon}, {mouse}) > 5
    assert sum({moon, mouse, bear} <= set(b.skus) for b in history) >= 100
    for first, second in [
        ("jeans", "tshirt"),
        ("dress", "heel"),
        ("heel", "clutch"),
        ("lipstick", "nail_polish"),
        ("candle", "vase"),
        ("mug", "plant"),
    ]:
        assert lift(history, skus_of(catalog, first), skus_of(catalog, second)) > 2, (
            first,
            second,
        )
    fashion = {spec.sku for spec in catalog if spec.department == "Fashion"}
    outfits = [b for b in history if len(fashion & set(b.skus)) >= 3]
    assert len(outfits) >= 0.05 * len(history)
    # The "socks": a tote in a fifth of all baskets, bought with anything, no more.
    tote = max(
        skus_of(catalog, "tote"), key=lambda sku: sum(sku in b.skus for b in history)
    )
    assert sum(tote in b.skus for b in history) >= 0.15 * len(history)
    assert lift(history, {tote}, {moon}) < 1.5
    assert any(b.shopper == 0 and {moon, mouse, bear} <= set(b.skus) for b in history)


# --- the command (slow: every picture goes through the image pipeline) -----------------


def shop_counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Category,
            Product,
            Variant,
            ProductImage,
            ProductColour,
            Order,
            OrderLine,
            get_user_model(),
            PairStat,
            Note,
            Set,
        )
    }


def refuse_queue(monkeypatch):
    """The seed processes pictures itself: it must work with no worker running."""

    def enqueue(task, *args, **kwargs):
        raise AssertionError(f"seed_demo queued {task.name}")

    monkeypatch.setattr("core.queue.enqueue", enqueue)


@pytest.mark.django_db
def test_seed_demo_builds_a_shop_and_is_idempotent(monkeypatch, catalog):
    refuse_queue(monkeypatch)
    out = StringIO()
    call_command("seed_demo", orders=200, image_size=160, stdout=out)

    assert "shopper@because.local / because-demo" in out.getvalue()
    assert Product.objects.count() == len(catalog) >= 150
    assert (
        set(
            Product.objects.filter(title__in=NAMED_BOOKS).values_list(
                "title", flat=True
            )
        )
        == NAMED_BOOKS
    )
    assert Category.objects.filter(parent=None).count() == 4
    assert Category.objects.get(slug="childrens-books").parent.name == "Books"
    # Pictures: every product has a processed one, with a cut-out and colours.
    assert not Product.objects.filter(images__isnull=True).exists()
    assert not ProductImage.objects.exclude(status=ProductImage.Status.READY).exists()
    assert not ProductImage.objects.filter(cutout="").exists()
    assert not Product.objects.filter(colours__isnull=True).exists()
    two_pictures = Product.objects.annotate(n=Count("images")).filter(n=2).count()
    assert (
        two_pictures
        == len([s for s in catalog if s.second_colour or s.second_view])
        > 10
    )
    # Stock is the catalog's: history does not take from it.
    assert Variant.objects.aggregate(total=Sum("stock"))["total"] == sum(
        s.stock for s in catalog
    )
    assert list(
        Product.objects.filter(is_in_stock=False).values_list("sku", flat=True)
    ) == [next(s.sku for s in catalog if s.stock == 0)]
    # Orders: paid history, snapshotted prices, totals that add up.
    orders = Order.objects.all()
    assert orders.count() == 200
    # Written by the shop's order import, as history: keyed and numbered as the demo's.
    assert set(orders.values_list("status", "is_imported")) == {
        (Order.Status.PAID, True)
    }
    assert {o.idempotency_key for o in orders} == {
        f"seed-{n:05d}" for n in range(1, 201)
    }
    assert {o.number for o in orders} == {f"H-{n:05d}" for n in range(1, 201)}
    assert not orders.filter(shipping_name="").exists()
    assert not orders.filter(shipping_country="").exists()
    for order in orders.prefetch_related("lines__variant__product")[:50]:
        lines = list(order.lines.all())
        assert 1 <= len(lines) <= 6
        assert order.subtotal == sum(line.line_total for line in lines)
        assert order.total == order.subtotal + order.shipping
        for line in lines:
            assert line.unit_price == line.variant.price
            assert line.line_total == line.unit_price * line.quantity
            assert line.product_id == line.variant.product_id
    # Shoppers: one documented login, the others cannot log in.
    User = get_user_model()
    kathryn = User.objects.get(email="shopper@because.local")
    assert (kathryn.first_name, kathryn.last_name) == ("Kathryn", "Thompson")
    assert kathryn.check_password("because-demo")
    assert kathryn.orders.exists()
    others = User.objects.filter(email__endswith="@because.local").exclude(
        pk=kathryn.pk
    )
    assert others.count() == 4 and not any(
        user.has_usable_password() for user in others
    )

    # Then the co-purchase counts, notes on them (Kathryn's on her books) and sets.
    assert PairStat.objects.filter(together__gte=2).exists()
    assert Note.objects.filter(
        order__user=kathryn,
        status=Note.Status.APPROVED,
        text__startswith="I'm a grandmother",
    ).exists()
    assert Set.objects.filter(status=Set.Status.PUBLISHED).count() == 8

    counts = shop_counts()
    out = StringIO()
    call_command("seed_demo", orders=200, image_size=160, stdout=out)
    assert shop_counts() == counts
    assert "(0 new" in out.getvalue() and "0 drawn now" in out.getvalue()
    call_command("seed_demo", if_empty=True, stdout=StringIO())
    assert shop_counts() == counts


@pytest.fixture
def small_catalog(monkeypatch, catalog):
    chosen = [
        next(s for s in catalog if s.second_colour),
        next(s for s in catalog if s.kind == "book"),
        next(s for s in catalog if s.department == "Home"),
    ]
    monkeypatch.setattr(seed_demo, "build_catalog", lambda: chosen)
    return chosen


@pytest.mark.django_db
def test_more_orders_later_adds_only_the_missing_ones(small_catalog):
    call_command("seed_demo", orders=30, no_images=True, stdout=StringIO())
    first = dict(Order.objects.values_list("idempotency_key", "pk"))
    call_command("seed_demo", orders=50, no_images=True, stdout=StringIO())
    after = dict(Order.objects.values_list("idempotency_key", "pk"))
    assert len(after) == 50 and all(after[key] == pk for key, pk in first.items())
    assert ProductImage.objects.count() == 0


@pytest.mark.django_db
def test_force_images_draws_the_pictures_again(monkeypatch, small_catalog):
    refuse_queue(monkeypatch)
    call_command("seed_demo", orders=0, image_size=128, stdout=StringIO())
    old = list(ProductImage.objects.all())
    assert len(old) == 4  # the first product has a second colour
    call_command(
        "seed_demo", orders=0, image_size=128, force_images=True, stdout=StringIO()
    )
    new = list(ProductImage.objects.all())
    assert len(new) == 4 and not {i.pk for i in old} & {i.pk for i in new}
    assert all(image.status == ProductImage.Status.READY for image in new)
    assert not any(default_storage.exists(image.original.name) for image in old)
    assert ProductColour.objects.values("product").distinct().count() == 3
    assert Product.objects.aggregate(total=Sum("price"))["total"] == sum(
        (s.price for s in small_catalog), D("0")
    )
