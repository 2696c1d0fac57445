import pytest

from sets.models import Set, SetReport
from sets.services.social import set_report
from tests.shop.factories import UserFactory

from .factories import SetFactory, published_set

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/sets/set/"


def test_the_set_list_shows_open_reports(admin_client, django_assert_max_num_queries):
    reported = published_set(title="Loud set")
    for _ in range(2):
        set_report(board=reported, reporter=UserFactory(), reason="spam")
    for _ in range(5):
        SetFactory()

    with django_assert_max_num_queries(12):
        response = admin_client.get(CHANGELIST)
    only_reported = admin_client.get(f"{CHANGELIST}?reported=open")

    assert response.status_code == 200
    assert "Loud set" in response.text
    assert list(only_reported.context["cl"].result_list) == [reported]
    assert only_reported.context["cl"].result_list[0].open_reports == 2


def test_hide_and_restore_actions(admin_client):
    board = published_set()
    set_report(board=board, reporter=UserFactory(), reason="offensive")

    # From the filtered list: the queryset carries the report-count annotation.
    admin_client.post(
        f"{CHANGELIST}?reported=open",
        {"action": "hide_sets", "_selected_action": [board.pk]},
    )
    board.refresh_from_db()
    assert board.status == Set.Status.HIDDEN

    admin_client.post(
        CHANGELIST, {"action": "restore_sets", "_selected_action": [board.pk]}
    )
    board.refresh_from_db()
    assert board.status == Set.Status.PUBLISHED
    assert SetReport.objects.get().resolved_at is not None


def test_the_set_page_shows_its_reports_and_items(admin_client):
    board = published_set()
    set_report(board=board, reporter=UserFactory(), reason="copyright", message="Mine")

    response = admin_client.get(f"{CHANGELIST}{board.pk}/change/")

    assert response.status_code == 200
    assert "Someone else" in response.text
    assert "Mine" in response.text
