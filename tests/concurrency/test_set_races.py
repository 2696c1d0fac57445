"""Races against a real PostgreSQL: threads start together at a barrier."""

import pytest

from sets.exceptions import SetConflict
from sets.models import Set, SetItem, SetLike
from sets.services.editing import ItemSpec, set_create, set_publish, set_update
from sets.services.social import set_like
from tests.concurrency.races import race
from tests.sets.factories import product_with_cutout, published_set
from tests.shop.factories import ProductFactory, UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def spec(product, x: float) -> ItemSpec:
    return ItemSpec(product_id=product.pk, x=x, y=0.1, width=0.2, height=0.2)


def test_two_tabs_saving_the_same_version_one_wins_the_other_conflicts():
    owner = UserFactory()
    product = ProductFactory()
    board = set_create(owner=owner, title="Shared", items=[spec(product, 0.1)])

    def save(x):
        copy = Set.objects.get(pk=board.pk)
        return set_update(
            board=copy, user=owner, version=1, items=[spec(product, x)] * 3
        )

    results = race(lambda: save(0.2), lambda: save(0.3))

    winners = [r for r in results if isinstance(r, Set)]
    conflicts = [r for r in results if isinstance(r, SetConflict)]
    assert (len(winners), len(conflicts)) == (1, 1), results
    assert conflicts[0].current_version == 2
    board.refresh_from_db()
    assert board.version == 2
    # The winner's items, whole: never a mix of both saves.
    assert set(SetItem.objects.filter(set=board).values_list("x", flat=True)) == {
        winners[0].items.first().x
    }
    assert SetItem.objects.filter(set=board).count() == 3


def test_publishing_from_several_tabs_at_once_announces_once(published_signals):
    owner = UserFactory()
    board = set_create(
        owner=owner, title="Launch", items=[spec(product_with_cutout(), 0.1)]
    )

    def publish():
        return set_publish(board=Set.objects.get(pk=board.pk), user=owner)

    results = race(*[publish for _ in range(4)])

    assert all(isinstance(r, Set) for r in results), results
    assert [sent.pk for _, sent in published_signals] == [board.pk]
    board.refresh_from_db()
    assert (board.status, board.version) == ("published", 2)
    assert board.rendered_version == 2


def test_a_double_click_on_like_counts_once():
    board = published_set()
    fan = UserFactory()

    results = race(*[lambda: set_like(board=board, user=fan) for _ in range(4)])

    assert sorted(results) == [False, False, False, True]
    board.refresh_from_db()
    assert board.like_count == 1
    assert SetLike.objects.count() == 1


def test_many_likes_at_once_are_all_counted():
    board = published_set()
    fans = [UserFactory() for _ in range(6)]

    race(*[lambda fan=fan: set_like(board=board, user=fan) for fan in fans])

    board.refresh_from_db()
    assert board.like_count == 6 == SetLike.objects.count()
