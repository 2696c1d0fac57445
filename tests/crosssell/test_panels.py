import pytest
from django.urls import reverse

from shop.models import CartLine
from tests.shop.factories import ProductFactory, VariantFactory

from .conftest import build_history

pytestmark = pytest.mark.django_db


def add(client, product):
    return client.post(reverse("shop:cart_add"), {"sku": product.sku, "quantity": 1})


def test_added_page_shows_partners_beside_the_mini_cart(client, books):
    response = client.get(add(client, books["Goodnight Moon"])["Location"])
    html = response.content.decode()
    assert "Customers who bought <em>Goodnight Moon</em> also bought" in html
    assert html.index("Mouse Cookie") < html.index("Brown Bear")
    assert "Lamp" not in html and "Socks" not in html
    assert 'aria-label="Add to cart: Mouse Cookie"' in html


def test_added_page_without_partners_shows_no_panel(client, books):
    html = client.get(add(client, books["Poster"])["Location"]).content.decode()
    assert "also bought" not in html


def test_partner_add_to_cart_works_in_one_click(client, books):
    add(client, books["Goodnight Moon"])
    response = add(client, books["Mouse Cookie"])
    assert response["Location"].startswith("/cart/added/mouse-cookie/")
    assert CartLine.objects.count() == 2


def test_product_page_frequently_bought_together_with_add_all(client, books):
    html = client.get(books["Goodnight Moon"].get_absolute_url()).content.decode()
    assert "Frequently bought together" in html
    assert "Add all to cart" in html
    assert (
        "Total for all 3: <strong>$30.00</strong>" in html
    )  # three products at $10.00
    response = client.post(
        reverse("shop:cart_add_many"),
        {
            "sku": [
                books["Goodnight Moon"].sku,
                books["Mouse Cookie"].sku,
                books["Brown Bear"].sku,
            ]
        },
    )
    assert response.status_code == 302
    assert CartLine.objects.count() == 3


def test_cart_page_suggests_for_the_whole_cart(client, books):
    add(client, books["Mouse Cookie"])
    add(client, books["Brown Bear"])
    html = client.get("/cart/").content.decode()
    assert "You might also need" in html
    panel = html[html.index("You might also need") :]
    assert "Goodnight Moon" in panel
    assert "Mouse Cookie" not in panel and "Brown Bear" not in panel


def test_panels_run_a_constant_number_of_queries(client, django_assert_max_num_queries):
    names = ["Hub"] + [f"Partner {i}" for i in range(12)]
    baskets = [["Hub", f"Partner {i}"] for i in range(12) for _ in range(2)] + [
        ["Other"]
    ] * 0
    products = build_history((names, baskets))
    for _ in range(5):
        VariantFactory(product=ProductFactory())
    add(client, products["Hub"])
    url = "/cart/added/hub/"
    client.get(url)
    with django_assert_max_num_queries(8):
        client.get(url)
    client.get(products["Hub"].get_absolute_url())
    with django_assert_max_num_queries(
        1
    ):  # the visitor's session; page and panel cached
        client.get(products["Hub"].get_absolute_url())
    with django_assert_max_num_queries(10):
        client.get("/cart/")
