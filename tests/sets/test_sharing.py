import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from rest_framework.test import APIClient

from sets.exceptions import (
    SetEmailUnconfirmed,
    SetInvalid,
    SetRateLimited,
    SetStateError,
)
from sets.selectors import set_share_links
from sets.services.sharing import set_share_email
from tests.shop.factories import UserFactory

from .factories import SetFactory, published_set

pytestmark = pytest.mark.django_db
SHARE_EMAILS_PER_HOUR = 10  # settings.RATE_LIMITS["share-email"]
ADDRESS = "198.51.100.7"


def confirmed(user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True)
    return user


def test_the_creators_links_carry_the_referral_code_and_others_do_not(settings):
    settings.SITE_URL = "https://because.example"
    board = published_set(title='Cosy "autumn"')

    own = set_share_links(board=board, user=board.owner)
    theirs = set_share_links(board=board, user=UserFactory())

    assert (
        own.url
        == f"https://because.example/sets/{board.slug}/?ref={board.referral_code}"
    )
    assert own.embed_url == (
        f"https://because.example/sets/{board.slug}/embed/?ref={board.referral_code}"
    )
    assert 'title="Cosy &quot;autumn&quot;"' in own.embed_snippet
    assert own.facebook.startswith("https://www.facebook.com/sharer/sharer.php?u=")
    assert board.referral_code in own.x
    assert theirs.url == f"https://because.example/sets/{board.slug}/"
    assert board.referral_code not in theirs.pinterest


def test_emailing_a_set_sends_one_plain_email_with_the_link(settings):
    settings.SITE_URL = "https://because.example"
    board = published_set(title="Picnic")
    confirmed(board.owner)

    set_share_email(
        board=board,
        sender=board.owner,
        to_email=" friend@example.com ",
        message="You would\nlove this",
        client_address=ADDRESS,
    )

    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["friend@example.com"]
    assert sent.subject == "Someone shared a set with you on Because"
    assert sent.body.startswith(
        "Kathryn Thompson thought you would like this set on Because:\n\nPicnic\n"
    )
    assert f"/sets/{board.slug}/?ref={board.referral_code}" in sent.body
    assert "“You would love this”" in sent.body


def test_emails_are_rate_limited_per_sender():
    board = published_set()
    sender = confirmed(UserFactory())

    for number in range(SHARE_EMAILS_PER_HOUR):
        set_share_email(
            board=board,
            sender=sender,
            to_email="a@example.com",
            client_address=f"203.0.113.{number}",
        )
    with pytest.raises(SetRateLimited):
        set_share_email(
            board=board, sender=sender, to_email="a@example.com", client_address=ADDRESS
        )
    set_share_email(
        board=board,
        sender=confirmed(UserFactory()),
        to_email="a@example.com",
        client_address=ADDRESS,
    )

    assert len(mail.outbox) == SHARE_EMAILS_PER_HOUR + 1


def test_bad_addresses_drafts_and_unconfirmed_senders_are_refused():
    sender = confirmed(UserFactory())
    with pytest.raises(SetInvalid):
        set_share_email(
            board=published_set(),
            sender=sender,
            to_email="not an address",
            client_address=ADDRESS,
        )
    with pytest.raises(SetStateError):
        set_share_email(
            board=SetFactory(),
            sender=sender,
            to_email="a@b.example",
            client_address=ADDRESS,
        )
    with pytest.raises(SetEmailUnconfirmed):
        set_share_email(
            board=published_set(),
            sender=UserFactory(),
            to_email="a@b.example",
            client_address=ADDRESS,
        )
    assert mail.outbox == []


def test_sharing_through_the_api():
    board = published_set()
    client = APIClient()
    client.force_login(confirmed(board.owner))

    links = client.get(f"/api/sets/{board.slug}/share/")
    sent = client.post(
        f"/api/sets/{board.slug}/share/", {"email": "f@example.com"}, format="json"
    )
    bad = client.post(f"/api/sets/{board.slug}/share/", {"email": "x"}, format="json")
    guest = APIClient().post(
        f"/api/sets/{board.slug}/share/", {"email": "f@example.com"}, format="json"
    )
    for _ in range(SHARE_EMAILS_PER_HOUR):
        limited = client.post(
            f"/api/sets/{board.slug}/share/", {"email": "f@example.com"}, format="json"
        )

    assert board.referral_code in links.json()["url"]
    assert sent.status_code == 202
    assert bad.status_code == 400
    assert "email" in bad.json()["errors"]
    assert guest.status_code == 403
    assert limited.status_code == 429
    assert len(mail.outbox) == SHARE_EMAILS_PER_HOUR
