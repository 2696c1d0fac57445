"""The set pages through Django's test client: what they show, who may see them,
likes, views, referrals, sharing, the embed, browsing and their query counts."""

import re
from datetime import timedelta
from decimal import Decimal as D

import pytest
from allauth.account.models import EmailAddress
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sets.models import Set, SetColour, SetLike, SetReferralVisit, SetReport
from sets.services.editing import ItemSpec, set_create, set_publish
from shop.models import CartLine
from tests.shop.factories import (
    ProductFactory,
    UserFactory,
    VariantFactory,
    product_with_variant,
)

from .factories import SetFactory, SetItemFactory, product_with_cutout, published_set

pytestmark = pytest.mark.django_db


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _buyable(title: str, price: str = "10.00", **kwargs):
    """A single-variant product with a cut-out, in stock."""
    product = product_with_cutout(title=title, price=D(price), **kwargs)
    VariantFactory(product=product, sku=product.sku, stock=5)
    return product


def _rendered(board: Set) -> Set:
    """Pretend the picture of the current version was drawn (no Pillow needed)."""
    Set.objects.filter(pk=board.pk).update(
        image=f"sets/{board.pk}/{board.slug}-v{board.version}.jpg",
        medium=f"sets/{board.pk}/{board.slug}-v{board.version}-medium.jpg",
        thumb=f"sets/{board.pk}/{board.slug}-v{board.version}-thumb.jpg",
        rendered_version=board.version,
    )
    board.refresh_from_db()
    return board


# --- the set page -----------------------------------------------------------------


def test_the_set_page_shows_the_picture_the_items_and_the_whole_set_total():
    lamp = _buyable("Brass Lamp", "40.00")
    rug = _buyable("Wool Rug", "120.50")
    board = _rendered(published_set(products=[lamp, rug], title="Reading corner"))

    response = _client().get(f"/sets/{board.slug}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 id="set-title" class="set-title">Reading corner</h1>' in html
    # Every item on the picture is a link to its product, with title and price.
    assert html.count('class="hotspot__link" href="/products/') == 2
    assert f'href="{lamp.get_absolute_url()}"' in html
    assert "$40.00" in html and "$120.50" in html
    # One "Add to cart" per item to the shop's cart, and the whole set in one.
    assert html.count('action="/cart/add/"') == 2
    assert 'action="/cart/add-many/"' in html
    assert f'name="sku" value="{lamp.sku}"' in html
    assert "Add the whole set to cart" in html
    assert response.context["shopping"].total == D("160.50")
    assert "$160.50" in html
    assert f'href="/sets/{board.slug}/picture.css?v={board.version}"' in html
    assert f'href="/u/{board.owner.profile.handle}/"' in html
    assert board.owner.username not in html


def test_og_and_twitter_tags_carry_the_rendered_picture_as_an_absolute_url(settings):
    settings.SITE_URL = "https://shop.example"
    board = _rendered(published_set(products=[_buyable("Mug")], title="Breakfast"))

    html = _client().get(f"/sets/{board.slug}/").content.decode()

    image = f"https://shop.example/media/sets/{board.pk}/{board.slug}-v1.jpg"
    assert f'<meta property="og:image" content="{image}">' in html
    assert f'<meta name="twitter:image" content="{image}">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<meta property="og:title" content="Breakfast">' in html
    assert f'content="https://shop.example/sets/{board.slug}/"' in html


def test_a_published_set_is_drawn_and_its_picture_shown(
    django_capture_on_commit_callbacks,
):
    owner = UserFactory()
    product = _buyable("Red Scarf")
    board = set_create(
        owner=owner,
        title="Winter",
        items=[ItemSpec(product_id=product.pk, x=0, y=0, width=0.5, height=0.5)],
    )
    with django_capture_on_commit_callbacks(execute=True):
        set_publish(board=board, user=owner)

    html = _client().get(f"/sets/{board.slug}/").content.decode()

    board.refresh_from_db()
    assert board.image
    assert '<meta property="og:image" content="http://' in html
    assert 'class="set-picture__image"' in html
    assert "set-picture--cutouts" not in html


def test_a_set_not_yet_drawn_shows_the_cut_outs_in_place():
    board = published_set(products=[_buyable("Teapot")])

    html = _client().get(f"/sets/{board.slug}/").content.decode()

    assert "set-picture--cutouts" in html
    assert re.search(r'<img src="/media/cutouts/[^"]+-cutout[^"]*\.png"', html)
    assert "og:image" not in html


def test_the_pictures_stylesheet_places_every_item_from_its_geometry():
    board = SetFactory(status=Set.Status.PUBLISHED, published_at=timezone.now())
    SetItemFactory(set=board, x=0.1, y=0.25, width=0.5, height=0.4, z=0)
    SetItemFactory(
        set=board, x=0.3, y=0.3, width=0.2, height=0.2, rotation=90, flip_h=True, z=1
    )

    response = _client().get(f"/sets/{board.slug}/picture.css?v={board.version}")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    css = response.content.decode()
    assert (
        f"#set-picture-{board.pk} .hotspot--0 "
        "{ left: 10%; top: 25%; width: 50%; height: 40%; }"
    ) in css
    assert (
        f"#set-picture-{board.pk} .hotspot--1 .hotspot__shape "
        "{ transform: rotate(90deg) scaleX(-1); }"
    ) in css
    assert "public" in response["Cache-Control"]


def test_items_with_options_offer_a_choice_and_sold_out_ones_are_left_out():
    dress = product_with_cutout(title="Linen Dress", price=D("80.00"))
    VariantFactory(product=dress, sku="DRESS-S", size="S", stock=3)
    VariantFactory(product=dress, sku="DRESS-M", size="M", stock=0)
    VariantFactory(product=dress, sku="DRESS-L", size="L", stock=2)
    sold_out = product_with_cutout(title="Straw Hat", price=D("25.00"))
    VariantFactory(product=sold_out, sku=sold_out.sku, stock=0)
    board = published_set(products=[dress, sold_out, _buyable("Sandals", "30.00")])

    response = _client().get(f"/sets/{board.slug}/")

    html = response.content.decode()
    assert '<option value="DRESS-S">S — $80.00</option>' in html
    assert "DRESS-M" not in html  # out of stock: not offered
    assert "Sold out" in html
    assert "Not included: Straw Hat" in html
    assert response.context["shopping"].total == D("110.00")


def test_drafts_are_seen_by_their_owner_only():
    draft = SetFactory(title="Ideas")
    SetItemFactory(set=draft)
    staff = UserFactory(is_staff=True)

    assert _client().get(f"/sets/{draft.slug}/").status_code == 404
    assert _client(UserFactory()).get(f"/sets/{draft.slug}/").status_code == 404
    assert _client(staff).get(f"/sets/{draft.slug}/").status_code == 404
    response = _client(draft.owner).get(f"/sets/{draft.slug}/")
    assert response.status_code == 200
    assert "Only you can see this set" in response.content.decode()


def test_hidden_sets_are_seen_by_their_owner_and_staff_only():
    board = published_set(products=[_buyable("Vase")])
    Set.objects.filter(pk=board.pk).update(status=Set.Status.HIDDEN)
    staff = UserFactory(is_staff=True)

    assert _client().get(f"/sets/{board.slug}/").status_code == 404
    assert _client(UserFactory()).get(f"/sets/{board.slug}/").status_code == 404
    assert _client().get(f"/sets/{board.slug}/embed/").status_code == 404
    assert _client().get(f"/sets/{board.slug}/picture.css").status_code == 404
    for viewer in (board.owner, staff):
        response = _client(viewer).get(f"/sets/{board.slug}/")
        assert response.status_code == 200
        assert "Hidden by the shop" in response.content.decode()
    board.refresh_from_db()
    assert board.view_count == 0


def test_the_owner_sees_the_edit_link_the_referral_links_and_the_embed_code():
    board = _rendered(published_set(products=[_buyable("Clock")]))

    html = _client(board.owner).get(f"/sets/{board.slug}/").content.decode()
    others = _client(UserFactory()).get(f"/sets/{board.slug}/").content.decode()

    assert f'href="/sets/{board.slug}/edit/"' in html
    assert f"?ref={board.referral_code}" in html
    assert "&lt;iframe src=" in html  # the snippet, escaped in a textarea
    assert "Embed it on your blog" in html
    assert f'href="/sets/{board.slug}/edit/"' not in others
    assert board.referral_code not in others
    assert "https://www.facebook.com/sharer/sharer.php?" in others
    assert "https://www.pinterest.com/pin/create/button/?" in others
    assert "https://x.com/intent/post?" in others


def test_more_sets_by_the_creator_are_linked():
    board = published_set(products=[_buyable("Cup")], title="Tea time")
    other = published_set(owner=board.owner, title="Picnic")
    SetFactory(owner=board.owner, title="Secret draft")

    html = _client().get(f"/sets/{board.slug}/").content.decode()

    assert f"More sets by <bdi>{board.owner.first_name}" in html
    assert f'href="{other.get_absolute_url()}"' in html
    assert "Secret draft" not in html


# --- likes, views, referrals ----------------------------------------------------


def test_a_shopper_likes_a_set_once_and_can_take_it_back():
    board = published_set(products=[_buyable("Bowl")])
    fan = UserFactory()
    client = _client(fan)

    first = client.post(f"/sets/{board.slug}/like/")
    client.post(f"/sets/{board.slug}/like/")

    assert first.status_code == 302
    assert first["Location"] == f"/sets/{board.slug}/#likes"
    board.refresh_from_db()
    assert board.like_count == 1
    assert SetLike.objects.filter(set=board, user=fan).count() == 1
    html = client.get(f"/sets/{board.slug}/").content.decode()
    assert 'aria-pressed="true"' in html

    client.post(f"/sets/{board.slug}/like/", {"action": "unlike"})

    board.refresh_from_db()
    assert board.like_count == 0
    assert not SetLike.objects.exists()


def test_a_like_through_fetch_answers_json():
    board = published_set(products=[_buyable("Plate")])

    response = _client(UserFactory()).post(
        f"/sets/{board.slug}/like/", HTTP_ACCEPT="application/json"
    )

    assert response.json() == {"liked": True, "like_count": 1}


def test_nobody_likes_their_own_set_and_guests_are_sent_to_log_in():
    board = published_set(products=[_buyable("Fork")])

    own = _client(board.owner).post(f"/sets/{board.slug}/like/", follow=True)
    guest = _client().post(f"/sets/{board.slug}/like/")

    assert "You cannot like your own set." in own.content.decode()
    assert guest.status_code == 302
    assert guest["Location"].startswith("/accounts/login/?next=")
    board.refresh_from_db()
    assert board.like_count == 0
    assert not SetLike.objects.exists()
    page = _client(board.owner).get(f"/sets/{board.slug}/").content.decode()
    assert f'action="/sets/{board.slug}/like/"' not in page


def test_views_count_once_per_visitor_and_not_the_owners():
    board = published_set(products=[_buyable("Spoon")])
    visitor = _client(UserFactory())

    visitor.get(f"/sets/{board.slug}/")
    visitor.get(f"/sets/{board.slug}/")
    _client(UserFactory()).get(f"/sets/{board.slug}/")
    _client(board.owner).get(f"/sets/{board.slug}/")

    board.refresh_from_db()
    assert board.view_count == 2


def test_a_visit_through_a_shared_link_is_recorded_for_a_guest_and_a_shopper():
    board = published_set(products=[_buyable("Kettle")])
    guest = _client()
    shopper = UserFactory()

    guest.get(f"/sets/{board.slug}/?ref={board.referral_code}")
    guest.get(f"/sets/{board.slug}/?ref={board.referral_code}")  # same day: once
    _client(shopper).get(f"/sets/{board.slug}/?ref={board.referral_code}")
    _client().get(f"/sets/{board.slug}/?ref=wrongcode")
    _client(board.owner).get(f"/sets/{board.slug}/?ref={board.referral_code}")

    visits = list(SetReferralVisit.objects.order_by("pk"))
    assert len(visits) == 2
    # A guest is their address for the day; the page stored no session for them,
    # the referral is kept in a signed cookie instead.
    assert visits[0].visitor.startswith("addr:") and visits[0].session_key == ""
    assert visits[0].user is None
    assert visits[1].user == shopper
    assert {visit.referral_code for visit in visits} == {board.referral_code}
    assert "sessionid" not in guest.cookies
    assert "sets_ref" in guest.cookies


# --- sharing and reporting ------------------------------------------------------


def _confirmed(user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True)
    return user


def test_a_shopper_emails_a_set_to_a_friend(mailoutbox):
    board = published_set(products=[_buyable("Candle")], title="Calm evening")
    client = _client(_confirmed(UserFactory(first_name="Ann", last_name="Lee")))

    response = client.post(
        f"/sets/{board.slug}/email/",
        {"share-email": "friend@example.com", "share-message": "For your flat"},
    )

    assert response.status_code == 302
    assert response["Location"] == f"/sets/{board.slug}/#share"
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["friend@example.com"]
    assert mailoutbox[0].subject == "Someone shared a set with you on Because"
    assert "Ann Lee thought you would like this set" in mailoutbox[0].body
    assert "Calm evening" in mailoutbox[0].body
    assert f"/sets/{board.slug}/" in mailoutbox[0].body


def test_a_bad_address_is_shown_on_the_form_and_nothing_is_sent(mailoutbox):
    board = published_set(products=[_buyable("Soap")])

    response = _client(UserFactory()).post(
        f"/sets/{board.slug}/email/", {"share-email": "not-an-address"}
    )

    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert mailoutbox == []


def test_emailing_sets_is_rate_limited(mailoutbox):
    board = published_set(products=[_buyable("Towel")])
    client = _client(_confirmed(UserFactory()))
    for number in range(10):  # settings.RATE_LIMITS["share-email"]
        client.post(
            f"/sets/{board.slug}/email/", {"share-email": f"f{number}@example.com"}
        )

    response = client.post(
        f"/sets/{board.slug}/email/", {"share-email": "one-more@example.com"}
    )

    assert response.status_code == 429
    assert "try again later" in response.content.decode()
    assert len(mailoutbox) == 10


def test_guests_are_asked_to_log_in_to_email_a_set(mailoutbox):
    board = published_set(products=[_buyable("Jar")])

    html = _client().get(f"/sets/{board.slug}/").content.decode()
    response = _client().post(
        f"/sets/{board.slug}/email/", {"share-email": "friend@example.com"}
    )

    assert "to email this set to a friend" in html
    assert response.status_code == 302
    assert mailoutbox == []


def test_a_shopper_reports_a_set_once():
    board = published_set(products=[_buyable("Rug")])
    reporter = UserFactory()
    client = _client(reporter)

    first = client.post(
        f"/sets/{board.slug}/report/",
        {"report-reason": "spam", "report-message": "Ads"},
        follow=True,
    )
    second = client.post(
        f"/sets/{board.slug}/report/", {"report-reason": "other"}, follow=True
    )

    assert "the shop will look at this set" in first.content.decode()
    assert "already reported" in second.content.decode()
    report = SetReport.objects.get()
    assert (report.reporter, report.reason, report.message) == (
        reporter,
        "spam",
        "Ads",
    )


def test_a_report_without_a_reason_is_refused_on_the_form():
    board = published_set(products=[_buyable("Chair")])

    response = _client(UserFactory()).post(f"/sets/{board.slug}/report/", {})

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not SetReport.objects.exists()


def test_the_whole_set_form_fills_the_cart():
    one = product_with_variant(title="Book A", price="8.99").product
    two = product_with_variant(title="Book B", price="9.50").product
    board = published_set(products=[one, two])
    client = _client()

    client.get(f"/sets/{board.slug}/")
    response = client.post("/cart/add-many/", {"sku": [one.sku, two.sku]})

    assert response.status_code == 302
    assert CartLine.objects.count() == 2


# --- the embed --------------------------------------------------------------------


def test_the_embed_may_be_framed_anywhere_and_its_links_carry_the_referral_code():
    product = _buyable("Lantern")
    board = _rendered(published_set(products=[product]))

    response = _client().get(f"/sets/{board.slug}/embed/")

    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors *" in policy
    assert "'none'" not in policy.split("frame-ancestors")[1].split(";")[0]
    assert "script-src 'self'" in policy
    assert "X-Frame-Options" not in response
    html = response.content.decode()
    redirect = f"/sets/{board.slug}/to/{product.pk}/?ref={board.referral_code}"
    assert f'href="{redirect}"' in html
    assert f'href="/sets/{board.slug}/?ref={board.referral_code}"' in html
    # The set page itself still refuses to be framed.
    page = _client().get(f"/sets/{board.slug}/")
    assert page["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]


def test_an_item_link_from_the_embed_records_the_visit_and_opens_the_product():
    product = _buyable("Pillow")
    board = published_set(products=[product])
    client = _client()

    response = client.get(
        f"/sets/{board.slug}/to/{product.pk}/?ref={board.referral_code}"
    )

    assert response.status_code == 302
    assert response["Location"] == product.get_absolute_url()
    visit = SetReferralVisit.objects.get()
    assert visit.visitor.startswith("addr:") and visit.user is None
    assert "sets_ref" in response.cookies
    stranger = ProductFactory()
    assert (
        client.get(f"/sets/{board.slug}/to/{stranger.pk}/").status_code == 404
    )  # only the set's own products: no open redirect


def test_drafts_have_no_embed():
    draft = SetFactory()
    SetItemFactory(set=draft)

    assert _client(draft.owner).get(f"/sets/{draft.slug}/embed/").status_code == 404


# --- browsing -------------------------------------------------------------------


def test_browse_lists_published_sets_newest_first_with_a_create_link():
    old = published_set(title="Old one")
    Set.objects.filter(pk=old.pk).update(
        published_at=timezone.now() - timedelta(days=3)
    )
    new = published_set(title="New one")
    SetFactory(title="A draft")

    response = _client().get("/sets/")

    assert response.status_code == 200
    assert [board.pk for board in response.context["sets"]] == [new.pk, old.pk]
    html = response.content.decode()
    assert "A draft" not in html
    assert 'href="/sets/new/"' in html
    assert "2 sets" in html


def test_browse_by_most_liked_this_week_and_this_month():
    liked_now = published_set(title="Hot")
    liked_before = published_set(title="Was hot")
    published_set(title="Never liked")
    for _ in range(2):
        SetLike.objects.create(set=liked_now, user=UserFactory())
    SetLike.objects.create(
        set=liked_before,
        user=UserFactory(),
        created_at=timezone.now() - timedelta(days=20),
    )

    week = _client().get("/sets/?sort=week")
    month = _client().get("/sets/?sort=month")

    assert [board.title for board in week.context["sets"]] == ["Hot"]
    assert [board.title for board in month.context["sets"]] == ["Hot", "Was hot"]
    assert 'aria-current="page">Most liked this week' in week.content.decode()


def test_browse_filters_by_colour_and_says_when_nothing_matches():
    red = published_set(title="Red one")
    SetColour.objects.create(set=red, colour="red", share=D("0.6"))
    published_set(title="Plain one")

    reds = _client().get("/sets/?color=red")
    blues = _client().get("/sets/?color=blue")

    assert [board.title for board in reds.context["sets"]] == ["Red one"]
    assert list(blues.context["sets"]) == []
    assert "No sets yet in blue" in blues.content.decode()


def test_browse_with_no_sets_invites_to_create_one():
    html = _client().get("/sets/").content.decode()

    assert "No sets yet" in html
    assert "Create a set" in html


def test_browse_pages_through_many_sets():
    for number in range(30):
        published_set(title=f"Set number {number}")

    first = _client().get("/sets/")
    second = _client().get("/sets/?page=2")

    assert len(first.context["sets"]) == 24
    assert len(second.context["sets"]) == 6
    assert "Page 1 of 2" in first.content.decode()


def test_a_creators_page_lists_their_published_sets():
    creator = UserFactory(username="maria", first_name="Maria", last_name="Lopez")
    published_set(owner=creator, title="Beach day")
    SetFactory(owner=creator, title="Unfinished")

    response = _client().get(f"/u/{creator.profile.handle}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Sets by Maria L." in html
    assert "Beach day" in html
    assert "Unfinished" not in html
    assert _client().get("/u/nobody-here/").status_code == 404
    # The username is no address: only the handle is.
    assert _client().get("/u/maria/").status_code == 404


def test_my_sets_needs_an_account_and_lists_drafts_with_edit_links():
    me = UserFactory()
    draft = SetFactory(owner=me, title="My draft")
    published_set(owner=me, title="My published set")
    published_set(title="Someone else's")

    guest = _client().get("/sets/mine/")
    response = _client(me).get("/sets/mine/")

    assert guest.status_code == 302
    assert guest["Location"].startswith("/accounts/login/")
    html = response.content.decode()
    assert "My draft" in html and "My published set" in html
    assert "Someone else" not in html
    assert f'href="/sets/{draft.slug}/edit/"' in html


def test_the_account_page_links_to_my_sets():
    me = UserFactory()
    SetFactory(owner=me, title="Kitchen ideas")

    html = _client(me).get("/account/").content.decode()

    assert 'href="/sets/mine/"' in html
    assert "Kitchen ideas" in html


def test_product_pages_show_the_sets_they_are_styled_in():
    product = _buyable("Silk Scarf")
    shown = published_set(products=[product], title="City break")
    SetFactory(title="Draft with it")
    SetItemFactory(set=Set.objects.get(title="Draft with it"), product=product)

    html = _client().get(product.get_absolute_url()).content.decode()

    assert "Styled in these sets" in html
    assert f'href="{shown.get_absolute_url()}"' in html
    assert "Draft with it" not in html


def test_the_header_links_to_sets():
    html = _client().get("/").content.decode()

    assert '<a href="/sets/">Sets</a>' in html


# --- query counts -----------------------------------------------------------------


def _set_with_items(count: int) -> Set:
    products = []
    for number in range(count):
        product = product_with_cutout(title=f"Thing {number}")
        VariantFactory(product=product, sku=f"{product.sku}-S", size="S")
        if number % 2:
            VariantFactory(product=product, sku=f"{product.sku}-M", size="M")
        products.append(product)
    board = published_set(products=products)
    for _ in range(3):
        published_set(owner=board.owner)
    return _rendered(board)


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_set_page_takes_the_same_queries_whatever_its_size(
    django_assert_max_num_queries,
):
    small = _set_with_items(2)
    large = _set_with_items(20)
    viewer = UserFactory()
    baseline = _queries(_client(viewer), f"/sets/{small.slug}/")
    client = _client(viewer)

    with django_assert_max_num_queries(baseline):
        response = client.get(f"/sets/{large.slug}/")

    assert response.status_code == 200
    assert response.content.decode().count('class="hotspot__link"') == 20


def test_browse_takes_the_same_queries_whatever_the_number_of_sets(
    django_assert_max_num_queries,
):
    def add_sets(count: int) -> None:
        for _ in range(count):
            board = published_set(owner=UserFactory())
            SetColour.objects.create(set=board, colour="red", share=D("0.5"))
            SetColour.objects.create(set=board, colour="blue", share=D("0.3"))

    add_sets(2)
    baseline = _queries(_client(), "/sets/")
    add_sets(18)

    client = _client()
    with django_assert_max_num_queries(baseline):
        response = client.get("/sets/")
    with django_assert_max_num_queries(baseline):
        client.get("/sets/?sort=week&color=red")

    assert len(response.context["sets"]) == 20
