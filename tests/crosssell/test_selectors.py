import pytest

from crosssell.models import Exclusion, HiddenPair, PinnedPartner
from crosssell.selectors import cart_crosssells, product_crosssells, rules_forget
from crosssell.services.counting import order_count
from crosssell.services.lists import list_cache_key, product_lists_refresh
from shop.models import Product
from tests.shop.factories import (
    CategoryFactory,
    ProductFactory,
    VariantFactory,
    make_order,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop_history():
    """Moon and Mouse are bought together; socks go with everything; Bear sells alone."""
    products = {
        name: ProductFactory(title=name)
        for name in ("moon", "mouse", "bear", "socks", "lamp")
    }
    for product in products.values():
        VariantFactory(product=product, sku=product.sku, stock=5)
    baskets = (
        [["moon", "mouse"]] * 6
        + [["moon", "mouse", "socks"]] * 2
        + [["moon", "socks"]] * 3
        + [["bear", "socks"]] * 8
        + [["lamp", "socks"]] * 8
        + [["socks"]] * 10
        + [["moon", "lamp"]] * 1
    )
    for index, basket in enumerate(baskets):
        order = make_order([products[name] for name in basket], number=f"s{index}")
        order_count(order_id=order.pk)
    product_lists_refresh(product_ids=[p.pk for p in products.values()])
    return products


def titles(partners):
    return [partner.product.title for partner in partners]


def test_real_complement_ranks_above_the_popular_item(shop_history):
    partners = product_crosssells(product_id=shop_history["moon"].pk)
    assert titles(partners)[0] == "mouse"
    assert partners[0].together == 8
    # the lamp was bought with the moon book once: below minimum support, never shown
    assert "lamp" not in titles(partners)


def test_inactive_and_sold_out_partners_are_left_out(shop_history):
    Product.objects.filter(pk=shop_history["mouse"].pk).update(is_in_stock=False)
    assert "mouse" not in titles(product_crosssells(product_id=shop_history["moon"].pk))
    Product.objects.filter(pk=shop_history["mouse"].pk).update(
        is_in_stock=True, is_active=False
    )
    assert "mouse" not in titles(product_crosssells(product_id=shop_history["moon"].pk))


def test_pinned_first_and_hidden_never(
    shop_history, django_capture_on_commit_callbacks
):
    moon, mouse, bear = (
        shop_history["moon"],
        shop_history["mouse"],
        shop_history["bear"],
    )
    PinnedPartner.objects.create(product=moon, partner=bear)
    HiddenPair.objects.create(
        product_a_id=min(moon.pk, mouse.pk), product_b_id=max(moon.pk, mouse.pk)
    )
    from django.core.cache import cache

    cache.delete(list_cache_key(moon.pk))
    partners = product_crosssells(product_id=moon.pk)
    assert titles(partners)[0] == "bear" and partners[0].is_pinned
    assert "mouse" not in titles(partners)


def test_excluded_products_and_categories(shop_history):
    bags = CategoryFactory(name="Bags", slug="bags")
    Product.objects.filter(pk=shop_history["socks"].pk).update(category=bags)
    Exclusion.objects.create(category=bags)
    rules_forget()
    assert "socks" not in titles(product_crosssells(product_id=shop_history["bear"].pk))


def test_cart_partners_exclude_what_is_in_the_cart(shop_history):
    ids = [shop_history["moon"].pk, shop_history["mouse"].pk]
    partners = titles(cart_crosssells(product_ids=ids))
    assert "moon" not in partners and "mouse" not in partners


def test_served_from_cache_without_queries_for_the_list(
    shop_history, django_assert_max_num_queries
):
    product_crosssells(product_id=shop_history["moon"].pk)  # warm
    with django_assert_max_num_queries(3):  # lists cached; products, images, variants
        product_crosssells(product_id=shop_history["moon"].pk)


def test_api_lists_ranked_partners_by_product_or_variant_sku(client, shop_history):
    moon = shop_history["moon"]
    response = client.get(f"/api/products/{moon.sku}/crosssells/")
    assert response.status_code == 200
    first = response.json()[0]
    assert first["title"] == "mouse"
    assert first["n_xy"] == 8 and first["score"] > 0
    assert first["url"] == shop_history["mouse"].get_absolute_url()
    assert set(first) == {
        "sku",
        "title",
        "url",
        "price",
        "image",
        "n_xy",
        "score",
        "is_pinned",
        "notes",
    }


def test_api_unknown_sku_is_a_json_404(client):
    response = client.get("/api/products/NOPE/crosssells/")
    assert response.status_code == 404
    assert response.json() == {"detail": "No product with SKU NOPE."}


def test_api_is_in_the_schema(client):
    assert b"/api/products/{sku}/crosssells/" in client.get("/api/schema/").content
