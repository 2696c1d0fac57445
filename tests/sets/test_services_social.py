import pytest

from sets.exceptions import SetForbidden, SetInvalid, SetStateError
from sets.models import Set, SetLike, SetReferralVisit, SetReport
from sets.services.moderation import set_hide, set_restore
from sets.services.social import (
    set_like,
    set_referral_record,
    set_report,
    set_unlike,
    set_view_record,
)
from tests.shop.factories import UserFactory

from .factories import SetFactory, published_set

pytestmark = pytest.mark.django_db


def test_a_like_counts_once_per_person():
    board = published_set()
    fan = UserFactory()

    assert set_like(board=board, user=fan) is True
    assert set_like(board=board, user=fan) is False
    set_like(board=board, user=UserFactory())

    board.refresh_from_db()
    assert board.like_count == 2
    assert SetLike.objects.filter(set=board).count() == 2


def test_nobody_likes_their_own_set():
    board = published_set()

    with pytest.raises(SetForbidden, match="own set"):
        set_like(board=board, user=board.owner)

    assert board.like_count == 0
    assert not SetLike.objects.exists()


def test_drafts_and_hidden_sets_cannot_be_liked():
    draft = SetFactory()
    hidden = published_set()
    set_hide(board=hidden)

    for board in (draft, hidden):
        with pytest.raises(SetStateError):
            set_like(board=board, user=UserFactory())

    assert not SetLike.objects.exists()


def test_unlike_takes_the_like_back_once():
    board = published_set()
    fan = UserFactory()
    set_like(board=board, user=fan)

    assert set_unlike(board=board, user=fan) is True
    assert set_unlike(board=board, user=fan) is False

    board.refresh_from_db()
    assert board.like_count == 0


def test_views_count_once_per_visitor_and_never_the_creators_own():
    board = published_set()
    shopper = UserFactory()

    assert set_view_record(board=board, user=shopper) is True
    assert set_view_record(board=board, user=shopper) is False
    assert set_view_record(board=board, session_key="guest-session") is True
    assert set_view_record(board=board, session_key="guest-session") is False
    assert set_view_record(board=board, user=board.owner) is False
    assert set_view_record(board=SetFactory(), user=shopper) is False  # a draft

    board.refresh_from_db()
    assert board.view_count == 2


def test_a_report_is_kept_once_per_shopper():
    board = published_set()
    reporter = UserFactory()

    report = set_report(board=board, reporter=reporter, reason="spam", message=" Ads ")

    assert (report.reason, report.message, report.resolved_at) == ("spam", "Ads", None)
    with pytest.raises(SetStateError, match="already reported"):
        set_report(board=board, reporter=reporter, reason="other")
    with pytest.raises(SetInvalid):
        set_report(board=board, reporter=UserFactory(), reason="boring")
    with pytest.raises(SetForbidden):
        set_report(board=board, reporter=board.owner, reason="spam")
    assert SetReport.objects.count() == 1


def test_hide_and_restore_put_a_set_back_as_it_was_and_close_reports():
    published = published_set()
    draft = SetFactory()
    set_report(board=published, reporter=UserFactory(), reason="offensive")

    set_hide(board=published)
    set_hide(board=draft)
    assert {published.status, draft.status} == {Set.Status.HIDDEN}

    set_restore(board=published)
    set_restore(board=draft)
    assert (published.status, draft.status) == ("published", "draft")
    assert SetReport.objects.get().resolved_at is not None


def test_a_visit_through_the_creators_link_is_recorded_once_a_day():
    board = published_set()
    shopper = UserFactory()

    visit = set_referral_record(board=board, code=board.referral_code, user=shopper)
    again = set_referral_record(board=board, code=board.referral_code, user=shopper)

    assert visit is not None
    assert again.pk == visit.pk
    assert (visit.set_id, visit.user_id, visit.visitor, visit.referral_code) == (
        board.pk,
        shopper.pk,
        f"user:{shopper.pk}",
        board.referral_code,
    )
    assert visit.visited_on == visit.visited_at.date()
    assert SetReferralVisit.objects.count() == 1


def test_a_guest_visit_is_recorded_by_session():
    board = published_set()

    visit = set_referral_record(
        board=board, code=board.referral_code, session_key="abc123"
    )

    assert (visit.user, visit.session_key, visit.visitor) == (
        None,
        "abc123",
        "session:abc123",
    )


def test_visits_that_earn_nothing_are_not_recorded():
    board = published_set()
    draft = SetFactory()

    assert set_referral_record(board=board, code="wrong", user=UserFactory()) is None
    assert set_referral_record(board=board, code="", session_key="s1") is None
    assert set_referral_record(board=board, code=board.referral_code) is None
    assert (
        set_referral_record(board=board, code=board.referral_code, user=board.owner)
        is None
    )
    assert (
        set_referral_record(board=draft, code=draft.referral_code, session_key="s2")
        is None
    )
    assert not SetReferralVisit.objects.exists()
