"""The merchant's pair statistics screen: counts, scores, one product's pairs, recompute."""

import re
from html import unescape

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from crosssell.models import BasketTotal, HiddenPair, PairStat
from crosssell.scoring import pair_score
from crosssell.services.counting import order_count
from tests.shop.factories import UserFactory, make_order

from .factories import build_history

pytestmark = pytest.mark.django_db

URL = "/admin/crosssell/pairstat/"
RECOMPUTE_URL = "/admin/crosssell/pairstat/recompute/"
BASKETS = 27  # in the books fixture, and each product's share of them:
BOOK_BASKETS = {
    "Goodnight Moon": 9,
    "Mouse Cookie": 6,
    "Brown Bear": 3,
    "Socks": 16,
    "Lamp": 6,
}


@pytest.fixture
def merchant(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def staff_with(client, *codenames):
    user = UserFactory(is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    client.force_login(user)
    return user


def rows(html):
    """The changelist's rows as lists of cell texts."""
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S)
    if body is None:
        return []
    return [
        [
            unescape(re.sub(r"<[^>]+>", "", cell)).strip()
            for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
        ]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body.group(1), re.S)
    ]


def score_text(*, n_x, n_y, n_xy, n=BASKETS):
    return f"{pair_score(n=n, n_x=n_x, n_y=n_y, n_xy=n_xy):,.2f}"


def ordered(first, second):
    return (first, second) if first.pk < second.pk else (second, first)


def test_the_changelist_shows_counts_scores_and_whether_shown(client, books, merchant):
    html = client.get(URL).content.decode()

    assert "<h1>Pair statistics: what shoppers bought together</h1>" in html
    headings = ["Product A", "Product B", "Bought together", "Baskets with A"]
    for heading in [*headings, "Baskets with B", "Score (G²)", "Shown to shoppers"]:
        assert heading in html

    def expected(x, y, together):
        a, b = ordered(books[x], books[y])
        n_a, n_b = BOOK_BASKETS[a.title], BOOK_BASKETS[b.title]
        score = score_text(n_x=n_a, n_y=n_b, n_xy=together)
        return [a.title, b.title, str(together), str(n_a), str(n_b), score, "Yes"]

    shown = rows(html)
    assert sorted(shown) == sorted(
        [
            expected("Goodnight Moon", "Mouse Cookie", 6),
            expected("Socks", "Lamp", 6),
            expected("Goodnight Moon", "Brown Bear", 3),
        ]
    )
    assert [row[2] for row in shown] == ["6", "6", "3"]  # most bought together first
    assert "Never recomputed" in html
    assert "27</strong> baskets counted" in html


def test_the_score_is_pair_score_of_the_stored_counts(client, books, merchant):
    html = client.get(URL).content.decode()

    moon, mouse = books["Goodnight Moon"], books["Mouse Cookie"]
    row = next(r for r in rows(html) if {r[0], r[1]} == {moon.title, mouse.title})
    expected = pair_score(n=27, n_x=9, n_y=6, n_xy=6)
    assert expected > 0
    assert row[5] == f"{expected:.2f}"


def test_shown_follows_the_minimum_support(client, books, merchant, settings):
    bear = books["Brown Bear"].title

    def bear_row():
        html = client.get(URL).content.decode()
        return next(r for r in rows(html) if bear in r[:2])

    assert bear_row()[6] == "Yes"
    settings.CROSSSELL_MIN_SUPPORT = 4
    assert bear_row()[6] == "No: fewer than 4 baskets"
    assert bear_row()[5] == score_text(n_x=9, n_y=3, n_xy=3)  # the score stays


def test_a_pair_below_chance_is_not_shown(client, merchant):
    # Socks are in every basket: buying them with the lamp says nothing.
    build_history(
        (
            ["Socks", "Lamp", "Poster"],
            [["Socks", "Lamp"]] * 3 + [["Socks", "Poster"]] * 3,
        )
    )

    html = client.get(URL).content.decode()

    assert {row[6] for row in rows(html)} == {"No: not above chance"}
    assert {row[5] for row in rows(html)} == {"0.00"}


def test_a_score_barely_above_chance_does_not_read_as_zero():
    model_admin = admin.site._registry[PairStat]
    row = PairStat(together=57)

    row.score = 0.0042
    assert model_admin.score(row) == "< 0.01"
    row.score = 0.0
    assert model_admin.score(row) == "0.00"
    row.score = 1560.4749
    assert model_admin.score(row) == "1,560.47"


def test_a_hidden_pair_says_so(client, books, merchant):
    a, b = ordered(books["Goodnight Moon"], books["Mouse Cookie"])
    HiddenPair.objects.create(product_a=a, product_b=b)

    html = client.get(URL).content.decode()

    by_pair = {(row[0], row[1]): row[6] for row in rows(html)}
    assert by_pair[(a.title, b.title)] == "Hidden by a merchant"
    assert list(by_pair.values()).count("Yes") == 2


def test_one_products_pairs_either_side_most_bought_first(client, books, merchant):
    moon = books["Goodnight Moon"]

    html = client.get(URL, {"product": moon.pk}).content.decode()

    partners = [
        (row[1] if row[0] == moon.title else row[0], row[2]) for row in rows(html)
    ]
    assert partners == [("Mouse Cookie", "6"), ("Brown Bear", "3")]
    assert "Goodnight Moon" in re.search(r'id="changelist-filter".*', html, re.S)[0]
    # Every product cell links to that product's pairs.
    assert f'href="?product={books["Lamp"].pk}"' in client.get(URL).content.decode()


def test_a_product_without_pairs_or_an_unknown_one_lists_nothing(
    client, books, merchant
):
    for value in (books["Poster"].pk, 999999, "not-a-number"):
        response = client.get(URL, {"product": value})
        assert response.status_code == 200
        assert rows(response.content.decode()) == []


def test_search_by_exact_sku_lists_that_products_pairs(client, books, merchant):
    lamp = books["Lamp"]

    html = client.get(URL, {"q": lamp.sku}).content.decode()

    assert [sorted(row[:2]) for row in rows(html)] == [["Lamp", "Socks"]]
    assert rows(client.get(URL, {"q": lamp.sku[:-1]}).content.decode()) == []


@pytest.mark.parametrize("shown", ["all", "product", "sku"])
def test_the_page_costs_the_same_queries_for_3_or_10_pairs(client, merchant, shown):
    names = [f"Book {number}" for number in range(5)]
    books = build_history((names, [names[:3], names[:3]]))
    first = books[names[0]]
    params = {"all": {}, "product": {"product": first.pk}, "sku": {"q": first.sku}}

    def page():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL, params[shown])
        return len(rows(response.content.decode())), len(queries)

    page()  # the session's and the shop's first-request costs, once
    three_pairs = page()
    order_count(order_id=make_order(list(books.values()), number="all five").pk)
    ten_pairs = page()

    assert PairStat.objects.count() == 10
    expected_rows = (3, 10) if shown == "all" else (2, 4)
    assert (three_pairs[0], ten_pairs[0]) == expected_rows
    assert three_pairs[1] == ten_pairs[1]
    # Session and user (the session from the cache with Redis), the count, the page,
    # its products' titles, its hidden pairs and the basket total, plus the product's
    # title or its SKU.
    assert ten_pairs[1] <= (7 if shown == "all" else 8)


def test_the_screen_is_read_only(client, books, merchant):
    html = client.get(URL).content.decode()

    assert "/admin/crosssell/pairstat/add/" not in html
    assert 'name="action"' not in html
    pair = PairStat.objects.first()
    assert client.get(f"{URL}add/").status_code == 403
    assert client.post(f"{URL}{pair.pk}/delete/", {"post": "yes"}).status_code == 403
    assert PairStat.objects.filter(pk=pair.pk).exists()


def test_the_recompute_button_posts_to_the_recompute_url(client, books, merchant):
    html = client.get(URL).content.decode()

    form = re.search(
        r'<form method="post" action="([^"]+)"[^>]*>(.*?)</form>', html, re.S
    )
    assert form[1] == RECOMPUTE_URL
    assert "csrfmiddlewaretoken" in form[2] and "Recompute all counts" in form[2]


def test_posting_recompute_runs_it_and_says_so(client, books, merchant):
    assert BasketTotal.objects.get(pk=1).recomputed_at is None

    response = client.post(RECOMPUTE_URL, follow=True)

    assert response.redirect_chain == [(URL, 302)]
    html = response.content.decode()
    assert "Full recompute started" in html
    total = BasketTotal.objects.get(pk=1)
    assert total.recomputed_at is not None and total.baskets == BASKETS
    assert "Last full recompute" in html and "Never recomputed" not in html


def test_recompute_works_on_a_fresh_shop_with_no_rows(client, merchant):
    assert client.get(URL).status_code == 200

    client.post(RECOMPUTE_URL)

    total = BasketTotal.objects.get(pk=1)
    assert total.baskets == 0 and total.recomputed_at is not None


def test_a_get_to_recompute_is_refused_and_starts_nothing(client, books, merchant):
    response = client.get(RECOMPUTE_URL)

    assert response.status_code == 405
    assert BasketTotal.objects.get(pk=1).recomputed_at is None


def test_recompute_needs_the_csrf_token(books, merchant):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(merchant)

    assert strict.post(RECOMPUTE_URL).status_code == 403
    assert BasketTotal.objects.get(pk=1).recomputed_at is None


def test_staff_who_may_only_view_see_the_stats_but_cannot_recompute(client, books):
    staff_with(client, "view_pairstat")

    html = client.get(URL).content.decode()

    assert len(rows(html)) == 3
    assert "Recompute all counts" not in html
    assert client.post(RECOMPUTE_URL).status_code == 403
    assert BasketTotal.objects.get(pk=1).recomputed_at is None


def test_staff_with_the_change_permission_may_recompute(client, books):
    staff_with(client, "change_pairstat")

    assert "Recompute all counts" in client.get(URL).content.decode()
    assert client.post(RECOMPUTE_URL).status_code == 302
    assert BasketTotal.objects.get(pk=1).recomputed_at is not None


def test_staff_without_permission_and_visitors_are_refused(client, books):
    assert client.post(RECOMPUTE_URL).status_code == 302  # to the admin login
    staff_with(client)
    assert client.get(URL).status_code == 403
    assert client.post(RECOMPUTE_URL).status_code == 403
    assert BasketTotal.objects.get(pk=1).recomputed_at is None


def test_the_partner_lists_screen_links_to_the_recompute(client, books, merchant):
    html = client.get("/admin/crosssell/productcrosssells/").content.decode()

    assert f'href="{URL}"' in html
    assert "recompute_all" not in html
