import pytest
from django.core.management import call_command

from shop.demo.catalog import build_catalog
from shop.demo.history import build_history
from shop.models import Order, Product, ProductImage, Variant

NAMED_BOOKS = {
    "Goodnight Moon",
    "If You Give a Mouse a Cookie",
    "Brown Bear, Brown Bear, What Do You See?",
}


def test_default_history_is_large_and_has_real_complements():
    catalog = build_catalog()
    baskets = build_history(catalog, orders=3200)
    assert len(baskets) >= 3000
    moon = next(s.sku for s in catalog if s.title == "Goodnight Moon")
    mouse = next(s.sku for s in catalog if s.title == "If You Give a Mouse a Cookie")
    together = sum(moon in b.skus and mouse in b.skus for b in baskets)
    with_moon = sum(moon in b.skus for b in baskets)
    assert together / with_moon > 0.5  # bought together far more than chance
    assert (
        build_history(catalog, orders=3200)[10].skus == baskets[10].skus
    )  # repeatable


def test_catalog_covers_the_departments():
    catalog = build_catalog()
    assert len(catalog) >= 150
    assert {spec.title for spec in catalog} >= NAMED_BOOKS
    assert {spec.department for spec in catalog} == {
        "Fashion",
        "Home",
        "Beauty",
        "Books",
    }
    assert len({spec.sku for spec in catalog}) == len(catalog)


@pytest.mark.django_db
def test_seed_demo_builds_a_shop_and_is_idempotent():
    call_command("seed_demo", orders=200, image_size=240)
    assert Product.objects.count() >= 150
    assert (
        set(
            Product.objects.filter(title__in=NAMED_BOOKS).values_list(
                "title", flat=True
            )
        )
        == NAMED_BOOKS
    )
    assert Order.objects.filter(status__in=["paid", "fulfilled"]).count() == 200
    assert not Product.objects.filter(images__isnull=True).exists()
    assert not ProductImage.objects.exclude(status=ProductImage.Status.READY).exists()
    assert not ProductImage.objects.filter(cutout="").exists()
    assert not Product.objects.filter(colours__isnull=True).exists()
    assert Variant.objects.filter(size="M").exists()
    counts = (
        Product.objects.count(),
        Variant.objects.count(),
        Order.objects.count(),
        ProductImage.objects.count(),
    )
    call_command("seed_demo", orders=200, image_size=240)
    assert (
        Product.objects.count(),
        Variant.objects.count(),
        Order.objects.count(),
        ProductImage.objects.count(),
    ) == counts
    call_command("seed_demo", if_empty=True)
    assert Order.objects.count() == counts[2]
