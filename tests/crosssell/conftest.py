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
