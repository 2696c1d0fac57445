"""Annotated partners rank above unannotated partners of similar score, and no more."""

import pytest

from crosssell.scoring import partner_rank_key
from crosssell.selectors import product_crosssells
from crosssell.services.notes import note_submit, notes_approve
from shop.models import Order

from .factories import build_history

pytestmark = pytest.mark.django_db


def key(score, annotated, together=5, pid=1, boost=1.25):
    return partner_rank_key(
        score=score, together=together, product_id=pid, annotated=annotated, boost=boost
    )


def test_a_note_lifts_a_partner_past_a_slightly_better_one():
    assert key(10.0, True) < key(12.0, False)  # 10 × 1.25 = 12.5 beats 12
    assert sorted([key(12.0, False), key(10.0, True)])[0] == key(10.0, True)


def test_a_note_cannot_carry_a_weak_pair_past_a_much_stronger_one():
    assert key(30.0, False) < key(10.0, True)  # 12.5 < 30
    assert key(12.6, False) < key(10.0, True)


def test_ties_go_to_the_annotated_then_to_more_baskets_then_lower_id():
    assert key(10.0, True) < key(12.5, False)
    assert key(8.0, False, together=9) < key(8.0, False, together=3)
    assert key(8.0, False, pid=2) < key(8.0, False, pid=7)


def test_without_a_boost_notes_do_not_reorder():
    assert key(10.0, True, boost=1.0) > key(12.0, False, boost=1.0)


@pytest.fixture
def shop():
    names = ["Moon", "Strong", "Close", "Similar", "Filler"]
    baskets = (
        [["Moon", "Strong"]] * 12
        + [["Moon", "Close"]] * 7
        + [["Moon", "Similar"]] * 6
        + [["Filler"]] * 20
    )
    return build_history((names, baskets))


def titles(partners):
    return [partner.product.title for partner in partners]


def test_ranking_with_and_without_notes(shop, django_capture_on_commit_callbacks):
    before = product_crosssells(product_id=shop["Moon"].pk)
    assert titles(before) == ["Strong", "Close", "Similar"]
    close, similar = before[1].score, before[2].score
    assert similar < close < similar * 1.25  # similar scores, as the rule means
    assert before[0].score > close * 1.25

    # A basket of the history: Moon + Similar (baskets hist19..hist24).
    order = Order.objects.get(number="hist19")
    note = note_submit(
        order=order,
        product_ids=[shop["Moon"].pk, shop["Similar"].pk],
        text="The lamp makes the bedtime story feel like an occasion.",
        name="Ada L",
    )
    with django_capture_on_commit_callbacks(execute=True):
        notes_approve(note_ids=[note.pk])
    after = product_crosssells(product_id=shop["Moon"].pk)
    assert titles(after) == ["Strong", "Similar", "Close"]
    assert [bool(p.quotes) for p in after] == [False, True, False]
