"""Crosssell test data: an order history counted and listed, approved notes."""

from crosssell.services.counting import order_count
from crosssell.services.lists import product_lists_refresh
from crosssell.services.notes import note_submit, notes_approve
from tests.shop.factories import ProductFactory, VariantFactory, make_order

from .helpers import GOOD


def build_history(names_and_baskets):
    """Products by name, with the baskets as counted paid orders hist0, hist1, …"""
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


def approved_note(order, products, text=GOOD, name="Kathryn Thompson", **kwargs):
    note = note_submit(
        order=order,
        product_ids=[p.pk for p in products],
        text=text,
        name=name,
        **kwargs,
    )
    notes_approve(note_ids=[note.pk])
    return note
