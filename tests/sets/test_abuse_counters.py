"""Abuse: scripts inflating set views, referral visits and likes, flooding reports
and drafts, and reads that would store a session row for every cookie-less client.
"""

import json

import pytest
from django.contrib.sessions.models import Session
from django.core import signing
from django.core.cache import cache
from django.test import Client, RequestFactory
from rest_framework.test import APIClient

from sets.models import Set, SetLike, SetReferralVisit, SetReport
from tests.shop.factories import UserFactory, VariantFactory
from tests.shop.helpers import add

from .factories import SetFactory, SetItemFactory, product_with_cutout, published_set

pytestmark = pytest.mark.django_db

REFERRAL_COOKIE = "sets_ref"


def _limit(settings, **rates):
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        **{scope.replace("_", "-"): rate for scope, rate in rates.items()},
    }


@pytest.fixture
def board():
    product = product_with_cutout(title="Brass Lamp")
    VariantFactory(product=product, sku=product.sku, stock=5)
    return published_set(products=[product])


def _signed_in(user=None, api=False):
    client = APIClient() if api else Client()
    client.force_login(user or UserFactory())
    return client


# --- reads store no session ---------------------------------------------------------


def test_cookieless_reads_create_no_session_rows(board, settings):
    _limit(settings, set_view="10000/h", set_referral="10000/h")
    product = board.items.get().product
    ref = f"?ref={board.referral_code}"
    pages = [
        "/",
        product.get_absolute_url(),
        f"/sets/{board.slug}/",
        f"/sets/{board.slug}/{ref}",
        f"/sets/{board.slug}/embed/{ref}",
        f"/sets/{board.slug}/to/{product.pk}/{ref}",
    ]

    for _ in range(50):
        for page in pages:
            # a bad or expired session cookie must not make a row either
            client = Client()
            client.cookies["sessionid"] = "x" * 32
            assert client.get(page).status_code in {200, 302}, page
            assert Client().get(page).status_code in {200, 302}, page

    assert Session.objects.count() == 0


# --- views --------------------------------------------------------------------------


def test_a_cookieless_script_counts_one_view_per_address(board):
    for _ in range(50):
        Client().get(f"/sets/{board.slug}/")
    for _ in range(3):
        Client().get(f"/sets/{board.slug}/", REMOTE_ADDR="198.51.100.4")

    board.refresh_from_db()
    assert board.view_count == 2


def test_past_the_view_rate_the_set_page_is_served_but_counts_nothing(board, settings):
    _limit(settings, set_view="3/h")
    other = published_set()
    answers = [Client().get(f"/sets/{board.slug}/").status_code for _ in range(3)]

    refused = Client().get(f"/sets/{other.slug}/")

    assert answers == [200, 200, 200]
    assert refused.status_code == 200  # a reader is never turned away
    assert other.title in refused.content.decode()
    other.refresh_from_db()
    assert other.view_count == 0


def test_views_with_the_cache_down_count_nothing(board, monkeypatch):
    monkeypatch.setattr(cache, "add", lambda *args, **kwargs: None)

    Client().get(f"/sets/{board.slug}/")

    board.refresh_from_db()
    assert board.view_count == 0


# --- referral visits ----------------------------------------------------------------


def test_a_cookieless_script_records_one_referral_visit_per_address(board):
    url = f"/sets/{board.slug}/?ref={board.referral_code}"

    for _ in range(40):
        Client().get(url)
    Client().get(url, REMOTE_ADDR="198.51.100.4")

    visits = SetReferralVisit.objects.all()
    assert visits.count() == 2
    assert {visit.visitor[:5] for visit in visits} == {"addr:"}
    assert {visit.session_key for visit in visits} == {""}


def test_past_the_referral_rate_a_link_works_but_records_nothing(board, settings):
    _limit(settings, set_referral="2/h")
    product = board.items.get().product
    url = f"/sets/{board.slug}/?ref={board.referral_code}"
    Client().get(url)
    Client().get(url)

    refused = Client().get(url, REMOTE_ADDR="127.0.0.1")
    redirect = Client().get(
        f"/sets/{board.slug}/to/{product.pk}/?ref={board.referral_code}"
    )
    plain = Client().get(f"/sets/{board.slug}/")  # without ?ref= it is a view

    assert refused.status_code == 200
    assert REFERRAL_COOKIE not in refused.cookies
    assert redirect.status_code == 302
    assert REFERRAL_COOKIE not in redirect.cookies
    assert plain.status_code == 200
    assert SetReferralVisit.objects.count() == 1


def test_a_guests_referral_is_kept_in_a_signed_cookie_and_read_back(board):
    from sets.views import referral_of_visitor

    response = Client().get(f"/sets/{board.slug}/?ref={board.referral_code}")
    cookie = response.cookies[REFERRAL_COOKIE]

    request = RequestFactory().get("/checkout/")
    request.COOKIES[REFERRAL_COOKIE] = cookie.value
    request.session = {}
    forged = RequestFactory().get("/checkout/")
    forged.COOKIES[REFERRAL_COOKIE] = json.dumps({"set": 1, "code": "x"})
    forged.session = {}

    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert referral_of_visitor(request) == {
        "set": board.pk,
        "code": board.referral_code,
    }
    assert referral_of_visitor(forged) is None
    with pytest.raises(signing.BadSignature):
        signing.get_cookie_signer(salt=REFERRAL_COOKIE + "x").unsign(cookie.value)


def test_a_guest_with_a_session_keeps_the_referral_in_it_without_a_new_row(board):
    # given a guest whose cart made a session
    client = Client()
    add(client, board.items.get().product.variants.get())
    sessions = Session.objects.count()

    client.get(f"/sets/{board.slug}/?ref={board.referral_code}")

    assert Session.objects.count() == sessions == 1
    assert client.session["sets_referral"] == {
        "set": board.pk,
        "code": board.referral_code,
    }
    visit = SetReferralVisit.objects.get()
    assert visit.session_key == client.session.session_key
    assert visit.visitor.startswith("addr:")


# --- likes --------------------------------------------------------------------------


def test_a_cookieless_script_cannot_like(board):
    for _ in range(20):
        Client().post(f"/sets/{board.slug}/like/")
        APIClient().post(f"/api/sets/{board.slug}/like/")

    board.refresh_from_db()
    assert board.like_count == 0
    assert not SetLike.objects.exists()


@pytest.mark.parametrize("proxies", [0, 1])
def test_a_signed_in_script_meets_the_like_limit_whatever_its_forwarded_for(
    board, settings, proxies
):
    settings.TRUSTED_PROXY_COUNT = proxies
    _limit(settings, set_like="4/h")
    page = _signed_in()
    api = APIClient()
    api.force_login(UserFactory())

    page_answers = [
        page.post(
            f"/sets/{board.slug}/like/",
            {"action": "unlike" if index % 2 else "like"},
            HTTP_X_FORWARDED_FOR=f"10.0.0.{index}, 192.0.2.{index}",
        ).status_code
        for index in range(5)
    ]
    cache.clear()  # the API from a fresh window: page and API share "set-like"
    api_answers = [
        api.post(
            f"/api/sets/{board.slug}/like/",
            HTTP_X_FORWARDED_FOR=f"10.0.1.{index}, 192.0.2.{100 + index}",
        ).status_code
        for index in range(5)
    ]
    undo = api.delete(f"/api/sets/{board.slug}/like/")

    assert page_answers == [302, 302, 302, 302, 429]
    assert api_answers == [200, 200, 200, 200, 429]
    assert undo.status_code == 429
    assert undo.json()["code"] == "rate_limited" and int(undo["Retry-After"]) > 0
    board.refresh_from_db()
    assert board.like_count == 1  # the API's like; the page liked and unliked twice
    assert SetLike.objects.count() == 1


# --- reports, drafts, publishing ----------------------------------------------------


def test_reports_are_rate_limited_and_hide_nothing(board, settings):
    _limit(settings, set_report="2/h")
    # the address limit holds across accounts: one script, many accounts
    answers = [
        _signed_in().post(f"/sets/{board.slug}/report/", {"report-reason": "spam"})
        for _ in range(3)
    ]
    api = _signed_in(api=True).post(
        f"/api/sets/{board.slug}/report/", {"reason": "spam"}, format="json"
    )

    assert [answer.status_code for answer in answers] == [302, 302, 429]
    assert api.status_code == 429
    assert SetReport.objects.count() == 2
    board.refresh_from_db()
    assert board.status == Set.Status.PUBLISHED  # reports never hide a set by count


def test_creating_and_publishing_sets_is_rate_limited(settings):
    _limit(settings, set_create="2/h", set_publish="1/h")
    owner = UserFactory()
    api = _signed_in(owner, api=True)

    created = [
        api.post("/api/sets/", {"title": f"Board {i}"}, format="json").status_code
        for i in range(3)
    ]
    drafts = list(Set.objects.filter(owner=owner))
    for draft in drafts:
        SetItemFactory(set=draft)
    first = api.post(f"/api/sets/{drafts[0].slug}/publish/", {}, format="json")
    second = api.post(f"/api/sets/{drafts[1].slug}/publish/", {}, format="json")

    assert created == [201, 201, 429]
    assert len(drafts) == 2
    assert first.status_code == 200
    assert second.status_code == 429
    assert second.json()["code"] == "rate_limited"
    drafts[1].refresh_from_db()
    assert drafts[1].status == Set.Status.DRAFT


def test_a_draft_is_not_counted_or_visited():
    draft = SetFactory()

    assert Client().get(f"/sets/{draft.slug}/?ref={draft.referral_code}").status_code
    assert not SetReferralVisit.objects.exists()
