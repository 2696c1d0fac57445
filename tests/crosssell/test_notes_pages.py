"""Notes through the test client: the thank-you form, links, quotes, votes, admin."""

import re
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from crosssell.models import Note, NoteEmailOptOut, NoteInvite
from crosssell.services.followups import (
    LINK_SALT,
    note_followups_send,
    note_link_token,
    opt_out_token,
)
from crosssell.services.notes import note_submit
from shop.models import Order
from tests.shop.factories import UserFactory

from .factories import approved_note, build_history
from .helpers import GOOD, buy, form_data, history_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def books():
    """Moon and Mouse bought together twice before, so they are partners."""
    return build_history(
        (
            ["Goodnight Moon", "Mouse Cookie", "Brown Bear", "Lamp"],
            [["Goodnight Moon", "Mouse Cookie"]] * 3
            + [["Goodnight Moon", "Brown Bear"]] * 3
            + [["Lamp"]] * 6,
        )
    )


def note_url(order):
    return reverse("crosssell:note_form", args=[order.number])


# --- the thank-you page ----------------------------------------------------------------


def test_thanks_page_asks_why_with_every_item_ticked(client, books):
    order, thanks = buy(client, books["Goodnight Moon"], books["Mouse Cookie"])
    html = client.get(thanks).content.decode()
    assert "Why did you buy these together?" in html
    assert html.count('name="products"') == 2 and html.count("checked") >= 3
    assert 'value="name"' in html and "Kathryn T. (first name and last initial)" in html
    assert "A verified buyer" in html
    assert ">Share</button>" in html
    assert "points" not in html.split('id="why"')[1].split("</section>")[0]


def test_the_points_promise_shows_only_when_points_are_on(client, books, settings):
    settings.CROSSSELL_NOTE_POINTS = 25
    _, thanks = buy(client, books["Goodnight Moon"], books["Mouse Cookie"])
    assert "Earn 25 points</strong> when your note is approved" in (
        client.get(thanks).content.decode()
    )


def test_a_single_item_order_is_not_asked(client, books):
    _, thanks = buy(client, books["Lamp"])
    assert "Why did you buy these together?" not in client.get(thanks).content.decode()


def test_sharing_a_note_from_the_thanks_page(client, books):
    order, thanks = buy(client, books["Goodnight Moon"], books["Mouse Cookie"])
    data = form_data(order, [books["Goodnight Moon"], books["Mouse Cookie"]])
    response = client.post(note_url(order), {**data, "next": thanks}, follow=True)
    assert response.redirect_chain[-1][0] == thanks
    html = response.content.decode()
    assert "Your note is waiting for review" in html
    assert "Waiting for review" in html
    note = Note.objects.get()
    assert note.status == "pending" and note.display_name == "Kathryn T."
    assert note.reasons == ["gift"] and note.order == order


def test_a_bad_note_shows_the_errors_and_keeps_the_text(client, books):
    order, _ = buy(client, books["Goodnight Moon"], books["Mouse Cookie"])
    data = form_data(order, [books["Goodnight Moon"]], text="Too short", name="x@y.com")
    response = client.post(note_url(order), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Tick at least two items" in html or "at least two" in html
    assert "at least 20 characters" in html
    assert "Too short</textarea>" in html
    assert not Note.objects.exists()


def test_a_foreign_product_id_is_a_form_error(client, books):
    order, _ = buy(client, books["Goodnight Moon"], books["Mouse Cookie"])
    data = form_data(order, [books["Goodnight Moon"], books["Lamp"]])
    response = client.post(note_url(order), data)
    assert response.status_code == 400 and not Note.objects.exists()


def test_only_the_buyer_may_write(client, books):
    order, _ = buy(client, books["Goodnight Moon"], books["Mouse Cookie"])
    from django.test import Client

    stranger = Client()
    assert stranger.get(note_url(order)).status_code == 404
    data = form_data(order, [books["Goodnight Moon"], books["Mouse Cookie"]])
    assert stranger.post(note_url(order), data).status_code == 404
    assert stranger.get(note_url(order) + "?t=forged").status_code == 404
    assert not Note.objects.exists()


def test_the_account_owner_writes_from_their_order_page(client, books):
    user = UserFactory(first_name="Kathryn", last_name="Thompson")
    client.force_login(user)
    order, _ = buy(client, books["Goodnight Moon"], books["Mouse Cookie"])
    assert order.user == user
    from django.test import Client

    fresh = Client()
    fresh.force_login(user)  # a new session: only the account says it is theirs
    page = fresh.get(reverse("shop:account_order", args=[order.number]))
    assert "Why did you buy these together?" in page.content.decode()
    data = form_data(order, [books["Goodnight Moon"], books["Mouse Cookie"]])
    fresh.post(note_url(order), data)
    assert Note.objects.get().author == user


def test_pending_notes_can_be_edited_from_the_page(client, books):
    order, _ = buy(client, books["Goodnight Moon"], books["Mouse Cookie"])
    pair = [books["Goodnight Moon"], books["Mouse Cookie"]]
    client.post(note_url(order), form_data(order, pair))
    note = Note.objects.get()
    page = client.get(note_url(order) + f"?edit={note.pk}").content.decode()
    assert GOOD.replace("'", "&#x27;") in page
    client.post(note_url(order), form_data(order, pair, text=GOOD + " Also: cosy."))
    assert Note.objects.count() == 1 and Note.objects.get().text.endswith("cosy.")


# --- the follow-up email and its links ---------------------------------------------


def old_order(client, books, days=4, token="tok-old"):
    order, _ = buy(client, books["Goodnight Moon"], books["Mouse Cookie"], token=token)
    Order.objects.filter(pk=order.pk).update(
        placed_at=timezone.now() - timedelta(days=days)
    )
    return order


def test_one_follow_up_email_with_a_signed_link_that_needs_no_login(client, books):
    order = old_order(client, books)
    mail.outbox.clear()
    assert note_followups_send() == 1
    assert note_followups_send() == 0  # asked once
    message = mail.outbox[0]
    assert message.to == [order.email]
    assert "Why did you buy these together?" in message.subject
    assert (
        message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    )
    link = re.search(r"http://\S+/orders/\S+/why/\?t=\S+", message.body).group(0)
    path = link.split("8000", 1)[1] if "8000" in link else link
    from django.test import Client

    stranger_with_link = Client()
    page = stranger_with_link.get(path)
    assert page.status_code == 200
    assert "Why did you buy these together?" in page.content.decode()
    token = path.split("?t=")[1]
    data = form_data(order, [books["Goodnight Moon"], books["Mouse Cookie"]], t=token)
    response = stranger_with_link.post(note_url(order), data)
    assert response.status_code == 302 and Note.objects.count() == 1


def test_no_email_for_recent_old_single_item_noted_or_unsubscribed_orders(
    client, books
):
    old_order(client, books, days=1, token="recent")
    old_order(client, books, days=30, token="ancient")
    single, _ = buy(client, books["Lamp"], token="single")
    Order.objects.filter(pk=single.pk).update(
        placed_at=timezone.now() - timedelta(days=4)
    )
    noted = old_order(client, books, token="noted")
    note_submit(
        order=noted,
        product_ids=[books["Goodnight Moon"].pk, books["Mouse Cookie"].pk],
        text=GOOD,
        name="K T",
    )
    mail.outbox.clear()
    assert note_followups_send() == 0 and mail.outbox == []
    opted = old_order(client, books, token="opted")
    NoteEmailOptOut.objects.create(email=opted.email.lower())
    assert note_followups_send() == 0 and mail.outbox == []


def test_unsubscribe_link_is_honoured(client, books):
    order = old_order(client, books)
    url = reverse(
        "crosssell:notes_unsubscribe", args=[opt_out_token(email=order.email)]
    )
    assert "Unsubscribe" in client.get(url).content.decode()
    assert client.post(url).status_code == 200
    assert NoteEmailOptOut.objects.filter(email=order.email.lower()).exists()
    mail.outbox.clear()
    assert note_followups_send() == 0 and mail.outbox == []
    assert (
        client.get(reverse("crosssell:notes_unsubscribe", args=["nope"])).status_code
        == 404
    )


def test_an_expired_link_says_so_and_a_tampered_one_is_404(client, books, settings):
    order = old_order(client, books)
    from django.test import Client

    visitor = Client()
    token = note_link_token(order=order)
    settings.CROSSSELL_NOTE_LINK_DAYS = 0
    import time

    time.sleep(1.1)
    expired = visitor.get(note_url(order) + f"?t={token}")
    assert expired.status_code == 410 and "expired" in expired.content.decode()
    settings.CROSSSELL_NOTE_LINK_DAYS = 30
    assert visitor.get(note_url(order) + f"?t={token[:-2]}xx").status_code == 404
    other, _ = buy(client, books["Goodnight Moon"], books["Mouse Cookie"], token="b")
    assert visitor.get(note_url(other) + f"?t={token}").status_code == 404
    # another purpose's signature does not open the form
    foreign = signing.dumps({"order": order.number}, salt="something-else")
    assert visitor.get(note_url(order) + f"?t={foreign}").status_code == 404
    assert signing.loads(token, salt=LINK_SALT) == {"order": order.number}
    assert NoteInvite.objects.count() == 0


# --- quotes on the panels ------------------------------------------------------------


def test_the_added_page_quotes_an_approved_note(client, books):
    approved_note(
        history_order(books, "hist0"), [books["Goodnight Moon"], books["Mouse Cookie"]]
    )
    response = client.post(
        reverse("shop:cart_add"), {"sku": books["Goodnight Moon"].sku, "quantity": 1}
    )
    html = client.get(response["Location"]).content.decode()
    assert (
        "Customers who bought <strong>Goodnight Moon</strong> also bought "
        "<strong>Mouse Cookie</strong> because:" in html
    )
    assert "former first grade teacher" in html
    assert "— Kathryn T." in html and "Verified purchase" in html
    assert "Thompson" not in html
    assert "Received points for sharing" not in html  # none were offered


def test_pending_and_rejected_notes_are_not_quoted(client, books):
    note_submit(
        order=history_order(books, "hist0"),
        product_ids=[books["Goodnight Moon"].pk, books["Mouse Cookie"].pk],
        text=GOOD,
        name="Kathryn T",
    )
    response = client.post(
        reverse("shop:cart_add"), {"sku": books["Goodnight Moon"].sku, "quantity": 1}
    )
    assert "because:" not in client.get(response["Location"]).content.decode()


def test_incentivised_notes_disclose_it(client, books, settings):
    settings.CROSSSELL_NOTE_POINTS = 20
    approved_note(
        history_order(books, "hist0"), [books["Goodnight Moon"], books["Mouse Cookie"]]
    )
    html = client.get(books["Goodnight Moon"].get_absolute_url()).content.decode()
    assert "Received points for sharing" in html


HOSTILE = (
    '<script>alert("pwned")</script><img src=x onerror=alert(1)> '
    "https://spam.example.com/deal " + "Supercalifragilistic" * 20
)


def test_hostile_text_is_escaped_and_links_are_not_rendered(client, books):
    approved_note(
        history_order(books, "hist0"),
        [books["Goodnight Moon"], books["Mouse Cookie"]],
        text=HOSTILE,
        name='<b>Eve</b> "Hacker"',
    )
    html = client.get(books["Goodnight Moon"].get_absolute_url()).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;" in html
    assert 'href="https://spam.example.com' not in html
    assert "B H." in html or "Eve H." in html or "B E." in html  # an initial only
    assert "Hacker" not in html


def test_several_notes_most_helpful_first_with_more_reasons(client, books):
    pair = [books["Goodnight Moon"], books["Mouse Cookie"]]
    first = approved_note(history_order(books, "hist0"), pair, text="First: " + GOOD)
    second = approved_note(history_order(books, "hist1"), pair, text="Second: " + GOOD)
    from crosssell.services.notes import note_mark_helpful

    second.refresh_from_db()
    note_mark_helpful(note=second, guest_key="addr:a")
    note_mark_helpful(note=second, guest_key="addr:b")
    html = client.get(books["Goodnight Moon"].get_absolute_url()).content.decode()
    assert html.index("Second: ") < html.index("First: ")
    assert "1 more reason" in html
    assert first.pk != second.pk


def test_helpful_and_report_buttons(client, books):
    note = approved_note(
        history_order(books, "hist0"), [books["Goodnight Moon"], books["Mouse Cookie"]]
    )
    page = books["Goodnight Moon"].get_absolute_url()
    helpful = reverse("crosssell:note_helpful", args=[note.pk])
    response = client.post(helpful, {"next": page}, follow=True)
    assert "you marked this note as helpful" in response.content.decode()
    response = client.post(helpful, {"next": page}, follow=True)
    assert "already marked this note" in response.content.decode()
    assert Note.objects.get().helpful_count == 1
    assert "Helpful (1)" in client.get(page).content.decode()
    report = reverse("crosssell:note_report", args=[note.pk])
    response = client.post(report, {"next": page, "reason": "spam"}, follow=True)
    assert "The shop will look at this note." in response.content.decode()
    note.refresh_from_db()
    assert (
        note.status == "approved" and note.reports.get().reason == "Spam or advertising"
    )
    # a merchant's report takes it down at once
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.post(report, {"next": page, "reason": "spam"}, follow=True)
    assert "taken the note down for review" in response.content.decode()
    note.refresh_from_db()
    assert note.status == "pending"
    assert "because:" not in response.content.decode()
    # a note that is not shown cannot be voted on or reported
    assert client.post(helpful).status_code == 404
    assert client.get(helpful).status_code == 405


def test_helpful_answers_json_to_the_pages_script(client, books):
    note = approved_note(
        history_order(books, "hist0"), [books["Goodnight Moon"], books["Mouse Cookie"]]
    )
    url = reverse("crosssell:note_helpful", args=[note.pk])
    first = client.post(url, HTTP_ACCEPT="application/json")
    assert first.status_code == 200
    assert first.json() == {
        "counted": True,
        "helpful_count": 1,
        "message": "Thanks — you marked this note as helpful.",
    }
    again = client.post(url, HTTP_ACCEPT="application/json").json()
    assert again["counted"] is False and again["helpful_count"] == 1
    missing = client.post(
        reverse("crosssell:note_helpful", args=[note.pk + 100]),
        HTTP_ACCEPT="application/json",
    )
    assert missing.status_code == 404 and "detail" in missing.json()


def test_next_must_stay_on_this_site(client, books):
    note = approved_note(
        history_order(books, "hist0"), [books["Goodnight Moon"], books["Mouse Cookie"]]
    )
    response = client.post(
        reverse("crosssell:note_helpful", args=[note.pk]),
        {"next": "https://evil.example.com/"},
    )
    assert response["Location"] == "/"


def test_the_panels_run_a_constant_number_of_queries_with_notes(
    client, books, django_assert_max_num_queries
):
    pair = [books["Goodnight Moon"], books["Mouse Cookie"]]
    for number in ("hist0", "hist1", "hist2"):
        approved_note(history_order(books, number), pair, text=f"{number}: {GOOD}")
    approved_note(
        history_order(books, "hist3"), [books["Goodnight Moon"], books["Brown Bear"]]
    )
    url = books["Goodnight Moon"].get_absolute_url()
    client.get(url)
    with django_assert_max_num_queries(12) as captured:
        html = client.get(url).content.decode()
    assert html.count("because:") == 4
    budget = len(captured)
    for number in ("hist4", "hist5"):
        approved_note(
            history_order(books, number),
            [books["Goodnight Moon"], books["Brown Bear"]],
            text=f"{number}: {GOOD}",
        )
    client.get(url)
    with django_assert_max_num_queries(budget):
        client.get(url)


def test_the_api_lists_the_approved_notes_of_each_partner(client, books):
    approved_note(
        history_order(books, "hist0"),
        [books["Goodnight Moon"], books["Mouse Cookie"]],
        reasons=["gift"],
    )
    data = client.get(f"/api/products/{books['Goodnight Moon'].sku}/crosssells/").json()
    mouse = next(item for item in data if item["title"] == "Mouse Cookie")
    assert mouse["notes"] == [
        {
            "text": GOOD,
            "display_name": "Kathryn T.",
            "reasons": ["A gift"],
            "helpful_count": 0,
            "incentivised": False,
            "bought_with": "Goodnight Moon",
            "created_at": mouse["notes"][0]["created_at"],
        }
    ]
    bear = next(item for item in data if item["title"] == "Brown Bear")
    assert bear["notes"] == []


def test_a_refunded_orders_note_leaves_the_panels(
    client, books, django_capture_on_commit_callbacks
):
    from shop.services.orders import order_refund

    order, _ = buy(client, books["Goodnight Moon"], books["Mouse Cookie"], token="r")
    approved_note(order, [books["Goodnight Moon"], books["Mouse Cookie"]])
    url = books["Goodnight Moon"].get_absolute_url()
    assert "because:" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        order_refund(order=order)
    assert "because:" not in client.get(url).content.decode()


# --- the merchant's screens ----------------------------------------------------------


@pytest.fixture
def merchant(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def test_admin_lists_notes_with_their_flags_and_filters(client, books, merchant):
    order = history_order(books, "hist0")
    note_submit(
        order=order,
        product_ids=[books["Goodnight Moon"].pk, books["Mouse Cookie"].pk],
        text="Email me at someone@example.com for a discount on both",
        name="K T",
    )
    html = client.get("/admin/crosssell/note/").content.decode()
    assert "Contains an email address" in html and "Goodnight Moon" in html
    assert order.number in html
    flagged = client.get("/admin/crosssell/note/?flag=email").content.decode()
    assert "someone@example.com" in flagged
    assert "0 notes" in client.get("/admin/crosssell/note/?flag=phone").content.decode()


def test_admin_bulk_approve_and_reject(client, books, merchant):
    pair = [books["Goodnight Moon"], books["Mouse Cookie"]]
    notes = [
        note_submit(
            order=history_order(books, n),
            product_ids=[p.pk for p in pair],
            text=f"{n} {GOOD}",
            name="K T",
        )
        for n in ("hist0", "hist1", "hist2")
    ]
    url = "/admin/crosssell/note/"
    client.post(
        url,
        {"action": "approve_selected", "_selected_action": [notes[0].pk, notes[1].pk]},
    )
    response = client.post(
        url,
        {"action": "reject_selected", "_selected_action": [notes[2].pk], "reason": ""},
        follow=True,
    )
    assert "Give a reason for rejecting" in response.content.decode()
    assert Note.objects.get(pk=notes[2].pk).status == "pending"
    client.post(
        url,
        {
            "action": "reject_selected",
            "_selected_action": [notes[2].pk],
            "reason": "Off topic",
        },
    )
    statuses = dict(Note.objects.values_list("pk", "status"))
    assert statuses == {
        notes[0].pk: "approved",
        notes[1].pk: "approved",
        notes[2].pk: "rejected",
    }
    assert Note.objects.get(pk=notes[2].pk).moderated_by == merchant


def test_admin_redaction_keeps_history(client, books, merchant):
    note = approved_note(
        history_order(books, "hist0"),
        [books["Goodnight Moon"], books["Mouse Cookie"]],
        text="Kathryn Thompson at 12 Elm St says these are great",
    )
    url = f"/admin/crosssell/note/{note.pk}/change/"
    assert client.get(url).status_code == 200
    client.post(
        url,
        {
            "text": "Kathryn says these are great",
            "redaction_reason": "address",
            "reports-TOTAL_FORMS": 0,
            "reports-INITIAL_FORMS": 0,
            "revisions-TOTAL_FORMS": 0,
            "revisions-INITIAL_FORMS": 0,
        },
    )
    note.refresh_from_db()
    assert note.text == "Kathryn says these are great" and note.status == "approved"
    revision = note.revisions.get()
    assert revision.previous_text.startswith("Kathryn Thompson at 12 Elm St")
    assert "12 Elm St" in client.get(url).content.decode()  # the history is shown


def test_admin_change_page_approves_and_rejects(client, books, merchant):
    pair = [books["Goodnight Moon"], books["Mouse Cookie"]]
    note = note_submit(
        order=history_order(books, "hist0"),
        product_ids=[p.pk for p in pair],
        text=GOOD,
        name="K T",
    )
    url = f"/admin/crosssell/note/{note.pk}/change/"
    page = client.get(url).content.decode()
    assert 'value="Approve this note"' in page and "hist0" in page
    inline = {
        "text": GOOD,
        "reports-TOTAL_FORMS": 0,
        "reports-INITIAL_FORMS": 0,
        "revisions-TOTAL_FORMS": 0,
        "revisions-INITIAL_FORMS": 0,
    }
    response = client.post(url, {**inline, "_reject": "1"}, follow=True)
    assert "Give a reason for rejecting" in response.content.decode()
    client.post(url, {**inline, "_approve": "1"})
    assert Note.objects.get().status == "approved"
    client.post(url, {**inline, "_reject": "1", "_reject_reason": "Spam after all"})
    note.refresh_from_db()
    assert note.status == "rejected" and note.rejection_reason == "Spam after all"
