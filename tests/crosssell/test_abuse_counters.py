"""Abuse: a script inflating "Helpful", hiding notes with reports, flooding notes.

Each test performs the attack the way a script would (no cookies, one address, or
one account behind changing X-Forwarded-For headers) and checks that it fails.
"""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from crosssell.models import Note, NoteReport, NoteVote
from crosssell.services.notes import note_report
from tests.shop.factories import UserFactory

from .factories import approved_note, build_history
from .helpers import GOOD, buy, form_data, history_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def books():
    return build_history(
        (
            ["Goodnight Moon", "Mouse Cookie", "Lamp"],
            [["Goodnight Moon", "Mouse Cookie"]] * 3 + [["Lamp"]] * 4,
        )
    )


@pytest.fixture
def note(books):
    return approved_note(
        history_order(books, "hist0"), [books["Goodnight Moon"], books["Mouse Cookie"]]
    )


def _limit(settings, **rates):
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        **{scope.replace("_", "-"): rate for scope, rate in rates.items()},
    }


def _helpful(client, note, **extra):
    return client.post(
        reverse("crosssell:note_helpful", args=[note.pk]),
        HTTP_ACCEPT="application/json",
        **extra,
    )


def _report(client, note, **extra):
    return client.post(
        reverse("crosssell:note_report", args=[note.pk]), {"reason": "spam"}, **extra
    )


def _shown_on_product_page(books) -> bool:
    page = Client().get(books["Goodnight Moon"].get_absolute_url())
    return "former first grade teacher" in page.content.decode()


# --- "Helpful" ----------------------------------------------------------------------


def test_a_cookieless_script_counts_helpful_once_per_address(note):
    # given a note and a script that keeps no cookies, from one address
    # when it presses "Helpful" 100 times
    answers = [_helpful(Client(), note).status_code for _ in range(100)]

    # then the note has one vote more, the rest were repeats or refused, and no
    # session row was made for any of them
    note.refresh_from_db()
    assert note.helpful_count == 1
    assert NoteVote.objects.count() == 1
    assert answers[0] == 200
    assert set(answers[1:60]) == {200}  # "already counted", nothing written
    assert set(answers[60:]) == {429}  # past "note-helpful" (60/h)
    assert Session.objects.count() == 0


def test_another_address_counts_once_more(note):
    for _ in range(3):
        _helpful(Client(), note, REMOTE_ADDR="203.0.113.7")
        _helpful(Client(), note, REMOTE_ADDR="198.51.100.9")

    note.refresh_from_db()
    assert note.helpful_count == 2


def test_past_the_rate_helpful_answers_429_json_and_writes_nothing(note, settings):
    _limit(settings, note_helpful="2/h")
    client = Client()
    _helpful(client, note, REMOTE_ADDR="203.0.113.1")
    _helpful(client, note, REMOTE_ADDR="203.0.113.1")

    refused = _helpful(client, note, REMOTE_ADDR="203.0.113.1")
    page = client.post(
        reverse("crosssell:note_helpful", args=[note.pk]), REMOTE_ADDR="203.0.113.1"
    )

    assert refused.status_code == 429
    assert refused.json()["code"] == "rate_limited"
    assert "try again" in refused.json()["detail"]
    assert int(refused["Retry-After"]) > 0
    assert page.status_code == 429
    assert "Please slow down" in page.content.decode()
    note.refresh_from_db()
    assert note.helpful_count == 1


@pytest.mark.parametrize("proxies", [0, 1])
def test_a_signed_in_script_meets_the_account_limit_whatever_its_forwarded_for(
    note, settings, proxies
):
    settings.TRUSTED_PROXY_COUNT = proxies
    _limit(settings, note_helpful="5/h")
    client = Client()
    client.force_login(UserFactory())

    # each request claims another address; behind one proxy the proxy's own entry
    # would be the last one, here each is different, so only the account holds
    answers = [
        _helpful(
            client,
            note,
            HTTP_X_FORWARDED_FOR=f"10.0.0.{index}, 192.0.2.{index}",
        ).status_code
        for index in range(8)
    ]

    assert answers == [200] * 5 + [429] * 3
    note.refresh_from_db()
    assert note.helpful_count == 1


def test_forwarded_for_cannot_spread_a_guest_over_addresses(note, settings):
    # given one proxy in front: it writes the real client as the last entry
    settings.TRUSTED_PROXY_COUNT = 1
    _limit(settings, note_helpful="3/h")

    answers = [
        _helpful(
            Client(), note, HTTP_X_FORWARDED_FOR=f"10.9.{index}.1, 203.0.113.50"
        ).status_code
        for index in range(5)
    ]

    assert answers == [200, 200, 200, 429, 429]
    note.refresh_from_db()
    assert note.helpful_count == 1


def test_without_a_declared_proxy_forwarded_for_is_ignored(note, settings):
    settings.TRUSTED_PROXY_COUNT = 0

    for index in range(5):
        _helpful(Client(), note, HTTP_X_FORWARDED_FOR=f"198.51.100.{index}")

    note.refresh_from_db()
    assert note.helpful_count == 1


# --- reports ------------------------------------------------------------------------


def test_one_anonymous_report_leaves_the_note_shown(books, note):
    response = _report(Client(), note, follow=True)

    note.refresh_from_db()
    assert response.status_code == 200
    assert "The shop will look at this note." in response.content.decode()
    assert note.status == Note.Status.APPROVED
    assert _shown_on_product_page(books)
    # still in front of the merchant: recorded and flagged
    assert note.report_count == 1 and note.is_flagged
    assert NoteReport.objects.get().reporter_kind == NoteReport.Reporter.GUEST
    assert Session.objects.count() == 0


def test_a_cookieless_report_flood_records_one_report_and_hides_nothing(books, note):
    answers = {_report(Client(), note).status_code for _ in range(30)}

    note.refresh_from_db()
    assert answers == {302, 429}  # past "note-report" (10/h)
    assert NoteReport.objects.count() == 1
    assert note.status == Note.Status.APPROVED
    assert _shown_on_product_page(books)


def test_three_distinct_signed_in_reporters_hide_the_note(books, note):
    readers = [UserFactory() for _ in range(3)]
    clients = []
    for reader in readers:
        client = Client()
        client.force_login(reader)
        clients.append(client)

    _report(clients[0], note)
    _report(clients[0], note)  # the same reader twice is one reporter
    _report(clients[1], note)
    note.refresh_from_db()
    assert note.status == Note.Status.APPROVED
    assert _shown_on_product_page(books)

    response = _report(clients[2], note, follow=True)

    note.refresh_from_db()
    assert note.status == Note.Status.PENDING
    assert "taken the note down for review" in response.content.decode()
    assert not _shown_on_product_page(books)
    assert (
        sorted(NoteReport.objects.values_list("reporter_kind", flat=True))
        == ["account"] * 3
    )


def test_the_threshold_is_a_setting(books, note, settings):
    settings.CROSSSELL_NOTE_REPORTS_TO_HIDE = 1
    client = Client()
    client.force_login(UserFactory())

    _report(client, note)

    note.refresh_from_db()
    assert note.status == Note.Status.PENDING


def test_a_merchants_report_hides_at_once(books, note):
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    _report(client, note)

    note.refresh_from_db()
    assert note.status == Note.Status.PENDING
    assert NoteReport.objects.get().reporter_kind == "merchant"
    assert not _shown_on_product_page(books)


def test_guests_who_bought_here_count_as_verified_buyers(books, note, settings):
    settings.CROSSSELL_NOTE_REPORTS_TO_HIDE = 2
    buyers = []
    for index in range(2):
        client = Client()
        buy(client, books["Lamp"], token=f"buyer-{index}")
        buyers.append(client)

    _report(buyers[0], note)
    note.refresh_from_db()
    assert note.status == Note.Status.APPROVED
    _report(buyers[1], note)

    note.refresh_from_db()
    assert note.status == Note.Status.PENDING
    assert set(NoteReport.objects.values_list("reporter_kind", flat=True)) == {"buyer"}


def test_a_session_that_claims_orders_it_did_not_pay_is_a_guest(note, settings):
    settings.CROSSSELL_NOTE_REPORTS_TO_HIDE = 1

    outcome = note_report(
        note=note, guest_key="addr:x", session_key="s" * 32, order_numbers=["nope"]
    )

    note.refresh_from_db()
    assert (outcome.recorded, outcome.hidden) == (True, False)
    assert NoteReport.objects.get().session_key == "addr:x"
    assert note.status == Note.Status.APPROVED


def test_anonymous_reports_stay_visible_in_the_admin(note, admin_client):
    _report(Client(), note)

    reported = admin_client.get("/admin/crosssell/note/?reports=shown")
    guests_only = admin_client.get("/admin/crosssell/note/?reports=guests")
    change = admin_client.get(f"/admin/crosssell/note/{note.pk}/change/")

    assert reported.status_code == guests_only.status_code == 200
    assert list(reported.context["cl"].result_list) == [note]
    assert list(guests_only.context["cl"].result_list) == [note]
    assert "Guest" in change.content.decode()
    assert "Reported by a reader" in change.content.decode()


# --- note submission ----------------------------------------------------------------


def test_note_submission_is_rate_limited(books, settings):
    _limit(settings, note_submit="2/h")
    client = Client()
    order, _ = buy(client, books["Goodnight Moon"], books["Mouse Cookie"])
    url = reverse("crosssell:note_form", args=[order.number])
    pair = [books["Goodnight Moon"], books["Mouse Cookie"]]

    client.post(url, form_data(order, pair))
    client.post(url, form_data(order, pair, text="Second go: " + GOOD))
    refused = client.post(url, form_data(order, pair, text="Third go: " + GOOD))

    assert refused.status_code == 429
    assert "Please slow down" in refused.content.decode()
    assert Note.objects.get(order=order).text == "Second go: " + GOOD
