import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from shop.models import CartLine
from tests.shop.factories import ProductFactory, VariantFactory

from .factories import build_history

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


def queries_of_a_repeat_visit(client, url) -> tuple[int, str]:
    """The queries of a page's second visit (the first fills the caches), its HTML."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_panels_run_a_constant_number_of_queries():
    partners = [f"Partner {i}" for i in range(12)]
    baskets = [["Few", name] for name in partners[:2]] * 2 + [
        ["Many", name] for name in partners
    ] * 2
    products = build_history((["Few", "Many", *partners], baskets))
    for _ in range(5):
        VariantFactory(product=ProductFactory())
    queries, shown = {}, {}

    for hub in ("Few", "Many"):
        client = Client()
        add(client, products[hub])
        added, html = queries_of_a_repeat_visit(client, f"/cart/added/{hub.lower()}/")
        product, _ = queries_of_a_repeat_visit(client, products[hub].get_absolute_url())
        cart, _ = queries_of_a_repeat_visit(client, "/cart/")
        queries[hub] = {"added": added, "product": product, "cart": cart}
        shown[hub] = html.count('aria-label="Add to cart: Partner')

    assert shown["Few"] == 2 and shown["Many"] > 2
    assert queries["Few"] == queries["Many"]
    # the product page and its panels are cached: the visitor's session at most
    assert queries["Many"]["added"] <= 8
    assert queries["Many"]["product"] <= 1
    assert queries["Many"]["cart"] <= 10


def bundle_of(html):
    start = html.index("Buy them together")
    return html[start : html.index("</form>", start)]


def item_of(bundle, title):
    """The bundle's line (its <li>) that holds this title."""
    at = bundle.index(title)
    return bundle[bundle.rindex("<li", 0, at) : bundle.index("</li>", at)]


def test_together_bundle_lets_the_shopper_pick_each_option(client, outfit):
    bundle = bundle_of(client.get("/products/trousers/").content.decode())
    # This item: the sizes in stock, the buy box's first one chosen.
    assert '<option value="TR-S" data-price="65.00"' in bundle
    assert 'value="TR-S" data-price="65.00" data-variant' in bundle
    assert "TR-M" not in bundle  # sold out
    this = item_of(bundle, "Pleated Trousers")
    assert "This item:" in this and " selected>S</option>" in this
    # A partner with two sizes: nothing chosen for the shopper, a dearer size says so.
    belt = item_of(bundle, "Leather Belt")
    assert '<option value="">Choose an option</option>' in belt
    assert "selected" not in belt
    assert "L — $34.00" in belt
    # A one-option partner is ticked with its SKU, at its own (variant) price.
    tote = item_of(bundle, "Canvas Tote")
    assert f'checked data-price="18.00" name="sku" value="{outfit["tote"].sku}"' in tote
    assert "$18.00" in tote and "<select" not in tote
    # 65 + 30 + 18
    assert "Total for all 3: <strong>$113.00</strong>" in bundle
    assert "Add all to cart" in bundle


def test_together_bundle_adds_what_was_ticked_and_chosen(client, outfit):
    response = client.post(
        reverse("shop:cart_add_many"),
        {"sku": ["TR-L", "", outfit["tote"].sku], "next": "/products/trousers/"},
    )
    assert response.status_code == 302
    assert sorted(CartLine.objects.values_list("variant__sku", flat=True)) == [
        outfit["tote"].sku,
        "TR-L",
    ]


def test_together_bundle_with_nothing_chosen_goes_back_with_a_message(client, outfit):
    response = client.post(
        reverse("shop:cart_add_many"),
        {"sku": ["", ""], "next": "/products/trousers/"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/products/trousers/"
    assert "Nothing was selected to add" in response.content.decode()
    assert not CartLine.objects.exists()


@pytest.mark.parametrize("next_url", ["//evil.example/", "https://evil.example/x"])
def test_adding_never_redirects_to_another_site(client, outfit, next_url):
    nothing = client.post(reverse("shop:cart_add_many"), {"sku": "", "next": next_url})
    assert nothing["Location"] == reverse("shop:cart")
    invalid = client.post(
        reverse("shop:cart_add"), {"sku": "TR-S", "quantity": 0, "next": next_url}
    )
    assert invalid["Location"] == reverse("shop:cart")


def test_a_sold_out_product_page_bundles_only_its_partners(client, outfit):
    outfit["trousers"].variants.update(stock=0)
    html = client.get("/products/trousers/").content.decode()
    bundle = bundle_of(html)
    assert "This item" not in bundle
    assert "Total for all 2: <strong>$48.00</strong>" in bundle


def test_a_partner_with_sizes_is_added_from_its_card(client, outfit):
    add(client, outfit["tote"])
    html = client.get("/cart/added/tote/").content.decode()
    panel = html[html.index("also bought") :]
    card = panel[panel.rindex("<li", 0, panel.index("Leather Belt")) :]
    card = card[: card.index("</li>")]
    assert 'name="variant" required' in card
    assert "Choose options" not in card
    belt_l = outfit["belt"].variants.get(sku="BELT-L")
    assert f'<option value="{belt_l.pk}">L — $34.00</option>' in card
    response = client.post(
        reverse("shop:cart_add"), {"variant": belt_l.pk, "quantity": 1}
    )
    assert response["Location"].startswith("/cart/added/belt/")
    assert CartLine.objects.filter(variant=belt_l).exists()


def test_the_together_cards_leave_the_adding_to_the_bundle(client, outfit):
    html = client.get("/products/trousers/").content.decode()
    cards = html[html.index("Frequently bought together") : html.index("xs-bundle")]
    assert "Add to cart" not in cards and "<select" not in cards


def test_the_product_page_with_its_bundle_costs_no_query_once_cached(
    client, outfit, django_assert_max_num_queries
):
    assert "Buy them together" in client.get("/products/trousers/").content.decode()
    with django_assert_max_num_queries(1):  # the visitor's session, at most
        html = client.get("/products/trousers/").content.decode()
    assert "Buy them together" in html
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert token and "CSRF" not in token.upper()
