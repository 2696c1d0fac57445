"""Notes under concurrency on PostgreSQL: each transition and its signal exactly once."""

import threading

import pytest

from crosssell.models import Note, NoteVote
from crosssell.services.notes import (
    note_mark_helpful,
    note_report,
    note_submit,
    notes_approve,
    notes_reject,
)
from crosssell.signals import note_approved, note_rejected
from tests.concurrency.races import race
from tests.shop.factories import ProductFactory, UserFactory, make_order

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

TEXT = "Both arrived together and made a lovely birthday present."


@pytest.fixture
def note():
    products = [ProductFactory(), ProductFactory()]
    order = make_order(products, number="RACE1")
    return note_submit(
        order=order, product_ids=[p.pk for p in products], text=TEXT, name="Ann B"
    )


class Counter:
    def __init__(self):
        self.lock = threading.Lock()
        self.notes = []

    def __call__(self, sender, note, **kwargs):
        with self.lock:
            self.notes.append(note.pk)


def test_concurrent_approvals_fire_note_approved_once(note):
    counter = Counter()
    note_approved.connect(counter)
    try:
        results = race(*[lambda: notes_approve(note_ids=[note.pk]) for _ in range(6)])
    finally:
        note_approved.disconnect(counter)
    assert sum(len(r.changed) for r in results) == 1, results
    assert counter.notes == [note.pk]
    assert Note.objects.get().status == "approved"


def test_approve_and_reject_racing_give_one_outcome_and_one_signal(note):
    approved, rejected = Counter(), Counter()
    note_approved.connect(approved)
    note_rejected.connect(rejected)
    try:
        race(
            lambda: notes_approve(note_ids=[note.pk]),
            lambda: notes_reject(note_ids=[note.pk], reason="duplicate"),
        )
    finally:
        note_approved.disconnect(approved)
        note_rejected.disconnect(rejected)
    status = Note.objects.get().status
    # Reject may follow approve (taking a note down) but never the other way round.
    if status == "approved":
        assert approved.notes == [note.pk] and rejected.notes == []
    else:
        assert rejected.notes == [note.pk]
        assert len(approved.notes) <= 1


def test_double_submit_of_the_note_form_makes_one_note():
    products = [ProductFactory(), ProductFactory()]
    order = make_order(products, number="RACE2")
    results = race(
        *[
            lambda: note_submit(
                order=order,
                product_ids=[p.pk for p in products],
                text=TEXT,
                name="Ann B",
            )
            for _ in range(4)
        ]
    )
    assert all(isinstance(r, Note) for r in results), results
    assert Note.objects.count() == 1


def test_one_helpful_vote_per_guest_key_under_a_burst(note):
    notes_approve(note_ids=[note.pk])
    note.refresh_from_db()
    results = race(
        *[lambda: note_mark_helpful(note=note, guest_key="addr:same") for _ in range(5)]
    )
    assert results.count(True) == 1 and results.count(False) == 4, results
    assert NoteVote.objects.count() == 1
    assert Note.objects.get().helpful_count == 1


def test_reports_at_once_reach_the_threshold_exactly_once(settings):
    settings.CROSSSELL_NOTE_REPORTS_TO_HIDE = 3
    products = [ProductFactory(), ProductFactory()]
    order = make_order(products, number="RACE-REPORT")
    note = note_submit(
        order=order, product_ids=[p.pk for p in products], text=TEXT, name="Ann B"
    )
    notes_approve(note_ids=[note.pk])
    note.refresh_from_db()
    readers = [UserFactory() for _ in range(4)]

    outcomes = race(
        *[
            (lambda reader=reader: note_report(note=note, user=reader))
            for reader in readers
        ]
    )

    assert [outcome.recorded for outcome in outcomes] == [True] * 4, outcomes
    assert [outcome.hidden for outcome in outcomes].count(True) == 1
    note.refresh_from_db()
    assert note.status == Note.Status.PENDING and note.report_count == 4
