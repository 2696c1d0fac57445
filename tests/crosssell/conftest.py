import pytest

from crosssell.services.counting import order_count
from crosssell.services.lists import product_lists_refresh
from tests.shop.factories import ProductFactory, VariantFactory

from .test_counting import make_order


def build_history(names_and_baskets):
    names, baskets = names_and_baskets
    products = {}
    for name in names:
        product = ProductFactory(title=name, slug=name.lower().replace(" ", "-"))
        VariantFactory(product=product, sku=product.sku, stock=5)
        products[name] = product
    for index, basket in enumerate(baskets):
        order = make_order([products[name] for name in basket], number=f"hist{index}")
        order_count(order_id=order.pk)
    product_lists_refresh(product_ids=[p.pk for p in products.values()])
    return products


@pytest.fixture
def books():
    """Moon and Mouse go together; Bear goes with Moon; socks go with everything."""
    names = ["Goodnight Moon", "Mouse Cookie", "Brown Bear", "Socks", "Lamp", "Poster"]
    baskets = (
        [["Goodnight Moon", "Mouse Cookie"]] * 6
        + [["Goodnight Moon", "Brown Bear"]] * 3
        + [["Socks", "Lamp"]] * 6
        + [["Socks"]] * 10
        + [["Poster"]] * 2
    )
    return build_history((names, baskets))


def build_outfit():
    """Trousers in three sizes (M sold out) go with a belt in two sizes and a tote."""
    trousers = ProductFactory(title="Pleated Trousers", slug="trousers", price="65.00")
    for position, (size, stock) in enumerate((("S", 4), ("M", 0), ("L", 3))):
        VariantFactory(
            product=trousers,
            sku=f"TR-{size}",
            size=size,
            stock=stock,
            position=position,
        )
    belt = ProductFactory(title="Leather Belt", slug="belt", price="30.00")
    VariantFactory(product=belt, sku="BELT-S", size="S", stock=2, position=0)
    VariantFactory(
        product=belt,
        sku="BELT-L",
        size="L",
        stock=2,
        position=1,
        price_override="34.00",
    )
    tote = ProductFactory(title="Canvas Tote", slug="tote", price="20.00")
    VariantFactory(product=tote, sku=tote.sku, stock=5, price_override="18.00")
    socks = ProductFactory(title="Socks", slug="socks")
    VariantFactory(product=socks, sku=socks.sku)
    baskets = [[trousers, belt, tote]] * 3 + [[socks]] * 5
    for index, basket in enumerate(baskets):
        order_count(order_id=make_order(basket, number=f"outfit{index}").pk)
    product_lists_refresh(product_ids=[trousers.pk, belt.pk, tote.pk])
    return {"trousers": trousers, "belt": belt, "tote": tote}


@pytest.fixture
def outfit():
    return build_outfit()
