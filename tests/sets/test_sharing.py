import pytest
from django.core import mail
from rest_framework.test import APIClient

from sets.exceptions import SetInvalid, SetRateLimited, SetStateError
from sets.selectors import set_share_links
from sets.services.sharing import SHARE_EMAILS_PER_HOUR, set_share_email
from tests.shop.factories import UserFactory

from .factories import SetFactory, published_set

pytestmark = pytest.mark.django_db


def test_the_creators_links_carry_the_referral_code_and_others_do_not(settings):
    settings.SITE_URL = "https://because.example"
    board = published_set(title='Cosy "autumn"')

    own = set_share_links(set=board, user=board.owner)
    theirs = set_share_links(set=board, user=UserFactory())

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

    set_share_email(
        set=board,
        sender=board.owner,
        to_email=" friend@example.com ",
        message="You would\nlove this",
    )

    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["friend@example.com"]
    assert sent.subject == "Kathryn Thompson shared “Picnic” with you"
    assert f"/sets/{board.slug}/?ref={board.referral_code}" in sent.body
    assert "“You would love this”" in sent.body


def test_emails_are_rate_limited_per_sender():
    board = published_set()
    sender = UserFactory()

    for _ in range(SHARE_EMAILS_PER_HOUR):
        set_share_email(set=board, sender=sender, to_email="a@example.com")
    with pytest.raises(SetRateLimited):
        set_share_email(set=board, sender=sender, to_email="a@example.com")
    set_share_email(set=board, sender=UserFactory(), to_email="a@example.com")

    assert len(mail.outbox) == SHARE_EMAILS_PER_HOUR + 1


def test_bad_addresses_and_drafts_are_refused():
    with pytest.raises(SetInvalid):
        set_share_email(
            set=published_set(), sender=UserFactory(), to_email="not an address"
        )
    with pytest.raises(SetStateError):
        set_share_email(set=SetFactory(), sender=UserFactory(), to_email="a@b.example")
    assert mail.outbox == []


def test_sharing_through_the_api():
    board = published_set()
    client = APIClient()
    client.force_login(board.owner)

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
