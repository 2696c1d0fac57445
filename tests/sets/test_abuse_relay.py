"""Abuse: using "Email a friend" to send spam in the shop's name.

Each test performs the attack through the page or the API and asserts that it fails
and that no mail left the shop.
"""

from types import SimpleNamespace

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from rest_framework.test import APIClient

from sets.exceptions import SetRateLimited
from sets.services.sharing import set_share_email
from tests.shop.factories import UserFactory

from .factories import published_set

pytestmark = pytest.mark.django_db

SUBJECT = "Someone shared a set with you on Because"


@pytest.fixture(autouse=True)
def _one_window(monkeypatch):
    # Every count of a test falls in one window, however slowly it runs.
    monkeypatch.setattr(
        "core.ratelimit.time", SimpleNamespace(time=lambda: 1_800_000_000.0)
    )


def confirmed(user):
    EmailAddress.objects.create(
        user=user, email=user.email, primary=True, verified=True
    )
    return user


def signed_in(user, *, address="198.51.100.7") -> Client:
    client = Client(REMOTE_ADDR=address)
    client.force_login(user)
    return client


def send(client: Client, board, to="friend@example.com", message="Look!"):
    return client.post(
        f"/sets/{board.slug}/email/", {"share-email": to, "share-message": message}
    )


def test_an_unconfirmed_sender_is_refused_with_a_way_to_confirm():
    board = published_set()
    sender = UserFactory()
    EmailAddress.objects.create(
        user=sender, email=sender.email, primary=True, verified=False
    )
    api = APIClient()
    api.force_login(sender)

    page = send(signed_in(sender), board)
    answer = api.post(
        f"/api/sets/{board.slug}/share/", {"email": "f@example.com"}, format="json"
    )

    assert page.status_code == 403
    html = page.content.decode()
    assert "Confirm your email address before emailing sets" in html
    assert '<a href="/accounts/email/">Send the confirmation again</a>' in html
    assert answer.status_code == 403
    assert answer.json()["confirm_url"] == "/accounts/email/"
    assert mail.outbox == []


def test_the_eleventh_mail_in_an_hour_is_refused():
    board = published_set()
    client = signed_in(confirmed(UserFactory()))

    answers = [
        send(client, board, to=f"f{n}@example.com").status_code for n in range(11)
    ]

    assert answers == [302] * 10 + [429]
    assert len(mail.outbox) == 10


def test_fresh_sessions_of_one_account_share_its_count():
    board = published_set()
    sender = confirmed(UserFactory())
    for number in range(10):
        # A new session (and a new address) for every mail.
        send(signed_in(sender, address=f"203.0.113.{number}"), board)

    response = send(signed_in(sender, address="192.0.2.1"), board)

    assert response.status_code == 429
    assert len(mail.outbox) == 10


def test_rotating_accounts_from_one_address_stop_at_the_address_cap():
    board = published_set()
    answers = [
        send(signed_in(confirmed(UserFactory()), address="198.51.100.9"), board)
        for _ in range(11)
    ]
    elsewhere = send(signed_in(confirmed(UserFactory()), address="192.0.2.44"), board)

    assert [answer.status_code for answer in answers] == [302] * 10 + [429]
    assert elsewhere.status_code == 302
    assert len(mail.outbox) == 11


def test_an_ipv6_client_cannot_rotate_through_its_own_64():
    board = published_set()
    answers = [
        send(
            signed_in(confirmed(UserFactory()), address=f"2001:db8:1:2::{n:x}"), board
        ).status_code
        for n in range(11)
    ]

    assert answers == [302] * 10 + [429]
    assert len(mail.outbox) == 10


def test_the_daily_cap_per_account_holds_over_the_hours(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "share-email-daily": "3/d"}
    board = published_set()
    sender = confirmed(UserFactory())

    answers = [
        send(signed_in(sender, address=f"203.0.113.{n}"), board).status_code
        for n in range(4)
    ]

    assert answers == [302, 302, 302, 429]
    assert len(mail.outbox) == 3


def test_the_whole_shop_stops_at_its_daily_cap(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "share-email-shop": "3/d"}
    board = published_set()

    answers = [
        send(signed_in(confirmed(UserFactory()), address=f"203.0.113.{n}"), board)
        for n in range(4)
    ]

    assert [answer.status_code for answer in answers] == [302, 302, 302, 429]
    assert "as many set emails as it can today" in answers[-1].content.decode()
    assert len(mail.outbox) == 3


def test_user_text_never_reaches_the_subject_or_the_headers():
    evil = "Hi\r\nBcc: victim@example.net\r\nSubject: WIN " + "x" * 5000
    board = published_set(title=evil[:120])
    sender = confirmed(
        UserFactory(first_name="Eve\r\nBcc: a@example.net", last_name=evil[:150])
    )

    response = send(signed_in(sender), board, message=evil[:500])

    assert response.status_code == 302
    [sent] = mail.outbox
    assert sent.subject == SUBJECT
    assert sent.recipients() == ["friend@example.com"]
    headers = sent.message().as_string().split("\n\n", 1)[0]
    assert "victim" not in headers
    assert "Bcc" not in headers
    # The sender's name and the title are in the body, each on one line.
    lines = sent.body.splitlines()
    assert lines[0] == (
        "Eve Bcc: a@example.net Hi Bcc: victim@example.net Subject: W"
        " thought you would like this set on Because:"
    )
    assert lines[2] == "Hi Bcc: victim@example.net Subject: WIN " + "x" * 78


def test_the_subject_is_the_same_through_the_api():
    board = published_set(title="Buy pills now")
    api = APIClient()
    api.force_login(confirmed(UserFactory()))

    answer = api.post(
        f"/api/sets/{board.slug}/share/", {"email": "f@example.com"}, format="json"
    )

    assert answer.status_code == 202
    assert [sent.subject for sent in mail.outbox] == [SUBJECT]


def test_a_dead_cache_sends_nothing(cache_down):
    board = published_set()
    sender = confirmed(UserFactory())

    with pytest.raises(SetRateLimited, match="paused for a moment"):
        set_share_email(
            board=board,
            sender=sender,
            to_email="friend@example.com",
            client_address="198.51.100.7",
        )
    response = send(signed_in(sender), board)

    assert response.status_code == 429
    assert "paused for a moment" in response.content.decode()
    assert mail.outbox == []
