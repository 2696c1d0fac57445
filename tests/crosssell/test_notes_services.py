"""Shoppers' notes: who writes what, validation, flags, moderation and its signals."""

import pytest
from django.core.cache import cache

from crosssell.models import Note, NotePair, NoteReport, NoteRevision, NoteVote
from crosssell.moderation import display_name_from, fingerprint, text_flags
from crosssell.services.notes import (
    NoteError,
    note_mark_helpful,
    note_redact,
    note_report,
    note_submit,
    notes_approve,
    notes_reject,
)
from crosssell.signals import note_approved, note_rejected
from shop.models import Order
from tests.shop.factories import ProductFactory, UserFactory, make_order

pytestmark = pytest.mark.django_db

GOOD = "These two were classics with my first graders year after year."


@pytest.fixture
def three():
    return [ProductFactory(title=t) for t in ("Goodnight Moon", "Mouse", "Bear")]


@pytest.fixture
def order(three):
    return make_order(three, number="N1")


def submit(order, products, **kwargs):
    return note_submit(
        order=order,
        product_ids=[p.pk for p in products],
        text=kwargs.pop("text", GOOD),
        name=kwargs.pop("name", "Kathryn Thompson"),
        **kwargs,
    )


class Recorder:
    def __init__(self, signal):
        self.calls = []
        self.signal = signal

    def __call__(self, sender, note, signal, **kwargs):
        self.calls.append((note.pk, kwargs))

    def __enter__(self):
        self.signal.connect(self)
        return self

    def __exit__(self, *exc):
        self.signal.disconnect(self)


# --- display names ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Kathryn Thompson", "Kathryn T."),
        ("kathryn thompson", "Kathryn T."),
        ("Kathryn", "Kathryn"),
        ("Mary Ann van der Berg", "Mary B."),
        ("  José   Álvarez ", "José Á."),
        ("O'Brien, Sean", "O'Brien S."),
        ("Anne-Marie O'Neil", "Anne-Marie O."),
        ("Иван Петров", "Иван П."),
        ("", "A verified buyer"),
        ("!!!", "A verified buyer"),
    ],
)
def test_display_name_is_a_first_name_and_an_initial(typed, shown):
    assert display_name_from(typed) == shown


def test_display_name_never_holds_the_surname():
    shown = display_name_from("Kathryn Thompson-Whitaker")
    assert "Thompson" not in shown and "Whitaker" not in shown


# --- flags ---------------------------------------------------------------------------


def codes(text, copied=False, blocklist=("casino",)):
    return [f.code for f in text_flags(text, blocklist=list(blocklist), copied=copied)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Great pair, see https://example.com/deal for more", ["link"]),
        ("Bought both, details at www.cheap-stuff.biz today", ["link"]),
        ("Found them cheaper on bargains.shop honestly", ["link"]),
        ("Write to me at kathryn.t@example.com about them", ["email"]),
        ("Call me on +1 (555) 123-4567 to hear more", ["phone"]),
        ("Call me on 555 123 4567 to hear more about it", ["phone"]),
        ("Won these at the casino raffle, both are lovely", ["blocklist"]),
        ("THESE BOOKS ARE THE BEST THING I EVER BOUGHT", ["shouting"]),
        ("My kids (ages 4 and 6) read them every night.", []),
        ("Terrible together, the second one fell apart in a week.", []),
        ("I read THE HOBBIT and Goodnight Moon to my kids", []),
    ],
)
def test_flags_catch_contact_details_links_words_and_shouting(text, expected):
    assert codes(text) == expected


def test_flags_do_not_depend_on_sentiment():
    assert codes("I love these, they are wonderful together for bedtime") == []
    assert codes("I hate these, they are awful together for bedtime") == []


def test_copied_text_is_flagged_whatever_its_spacing_and_case(order, three):
    other = make_order(three, number="N2")
    first = submit(order, three[:2])
    copy = submit(other, three[:2], text="  " + GOOD.upper().replace(" ", "  ") + "!!")
    assert fingerprint(first.text) == copy.fingerprint
    assert [f["code"] for f in copy.flags] == ["shouting", "copied"]
    assert first.flags == [] and copy.is_flagged


# --- submitting --------------------------------------------------------------------


def test_a_note_is_saved_pending_with_every_pair_of_its_items(order, three):
    note = submit(order, three, reasons=["gift", "used_together"])
    assert note.status == Note.Status.PENDING
    assert note.display_name == "Kathryn T."
    assert note.text == GOOD
    assert sorted(p.pk for p in note.products.all()) == sorted(p.pk for p in three)
    pairs = set(NotePair.objects.values_list("product_a_id", "product_b_id"))
    ids = sorted(p.pk for p in three)
    assert pairs == {(ids[0], ids[1]), (ids[0], ids[2]), (ids[1], ids[2])}
    assert note.reason_labels() == ["A gift", "Used together"]


def test_text_is_stored_exactly_as_written(order, three):
    hostile = '<script>alert("x")</script> & <b>bold</b> — both great together'
    note = submit(order, three[:2], text=hostile)
    assert Note.objects.get(pk=note.pk).text == hostile


def test_one_note_per_order_and_group_editing_it_while_pending(order, three):
    first = submit(order, three[:2])
    again = submit(order, list(reversed(three[:2])), text=GOOD + " Still true.")
    assert again.pk == first.pk
    assert Note.objects.count() == 1
    assert Note.objects.get().text.endswith("Still true.")
    other_group = submit(order, three)
    assert Note.objects.count() == 2 and other_group.pk != first.pk


def test_a_moderated_note_can_no_longer_be_edited(order, three):
    note = submit(order, three[:2])
    notes_approve(note_ids=[note.pk])
    with pytest.raises(NoteError, match="already been reviewed"):
        submit(order, three[:2], text="Something completely different to say.")
    assert Note.objects.get().text == GOOD


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"text": "too short"}, "text", "at least 20 characters"),
        ({"text": "x" * 1001}, "text", "under 1000 characters"),
        ({"name": "kathryn@example.com"}, "name", "no email address"),
        ({"name": "   "}, "name", "A verified buyer"),
        ({"reasons": ["bribe"]}, "reasons", "from the list"),
        ({"display": "full"}, "display", "how your name is shown"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_saved(
    order, three, kwargs, field, message
):
    with pytest.raises(NoteError) as caught:
        submit(order, three[:2], **kwargs)
    assert message in caught.value.errors[field]
    assert not Note.objects.exists() and not NotePair.objects.exists()


def test_items_must_be_two_or_more_from_this_order(order, three):
    stranger = ProductFactory(title="Not bought")
    with pytest.raises(NoteError, match="at least two"):
        submit(order, three[:1])
    with pytest.raises(NoteError, match="from this order"):
        submit(order, [three[0], stranger])
    assert not Note.objects.exists()


def test_only_paid_orders_take_notes(three):
    refunded = make_order(three, number="R1", status=Order.Status.REFUNDED)
    with pytest.raises(NoteError, match="paid orders"):
        submit(refunded, three[:2])


def test_anonymous_display_shows_no_name(order, three):
    note = submit(order, three[:2], display="anonymous", name="")
    assert note.display_name == "A verified buyer"


def test_points_offered_follow_the_setting(order, three, settings):
    settings.CROSSSELL_NOTE_POINTS = 50
    assert submit(order, three[:2]).points_offered == 50


def test_the_author_is_the_signed_in_buyer(order, three):
    user = UserFactory()
    assert submit(order, three[:2], author=user).author == user


# --- moderation and its signals ---------------------------------------------------


def test_approval_fires_note_approved_once_per_transition(
    order, three, django_capture_on_commit_callbacks
):
    note = submit(order, three[:2])
    merchant = UserFactory(is_staff=True)
    with (
        Recorder(note_approved) as approved,
        django_capture_on_commit_callbacks(execute=True),
    ):
        first = notes_approve(note_ids=[note.pk], moderator=merchant)
        second = notes_approve(note_ids=[note.pk], moderator=merchant)
    assert first.changed == [note.pk] and second.skipped == [note.pk]
    assert approved.calls == [(note.pk, {"moderator": merchant})]
    note.refresh_from_db()
    assert note.status == "approved" and note.moderated_by == merchant


def test_a_failing_receiver_is_logged_and_the_others_still_hear(
    order, three, django_capture_on_commit_callbacks, caplog
):
    # Rewards will credit points from note_approved: a receiver that raises must
    # be on the on-call's log, and must not keep the others from hearing.
    note = submit(order, three[:2])

    def broken(sender, note, **kwargs):
        raise RuntimeError("ledger down")

    note_approved.connect(broken, dispatch_uid="test-broken")
    try:
        with (
            Recorder(note_approved) as approved,
            django_capture_on_commit_callbacks(execute=True),
        ):
            notes_approve(note_ids=[note.pk])
    finally:
        note_approved.disconnect(dispatch_uid="test-broken")

    assert approved.calls == [(note.pk, {"moderator": None})]
    assert Note.objects.get().status == "approved"
    failures = [r for r in caplog.records if r.name == "core.signals"]
    assert len(failures) == 1
    assert f"note {note.pk}" in failures[0].getMessage()
    assert "note moderation receiver" in failures[0].getMessage()


def test_rejection_needs_a_reason_and_fires_note_rejected_once(
    order, three, django_capture_on_commit_callbacks
):
    note = submit(order, three[:2])
    with pytest.raises(NoteError, match="reason"):
        notes_reject(note_ids=[note.pk], reason="  ")
    assert Note.objects.get().status == "pending"
    with (
        Recorder(note_rejected) as rejected,
        Recorder(note_approved) as approved,
        django_capture_on_commit_callbacks(execute=True),
    ):
        notes_reject(note_ids=[note.pk], reason="Mentions a surname")
        notes_reject(note_ids=[note.pk], reason="again")
        notes_approve(note_ids=[note.pk])  # rejected notes are not approved by accident
    assert rejected.calls == [
        (note.pk, {"moderator": None, "reason": "Mentions a surname"})
    ]
    assert approved.calls == []
    assert Note.objects.get().rejection_reason == "Mentions a surname"


def test_an_approved_note_can_be_taken_down(
    order, three, django_capture_on_commit_callbacks
):
    note = submit(order, three[:2])
    notes_approve(note_ids=[note.pk])
    with (
        Recorder(note_rejected) as rejected,
        django_capture_on_commit_callbacks(execute=True),
    ):
        notes_reject(note_ids=[note.pk], reason="Turned out to be spam")
    assert len(rejected.calls) == 1 and Note.objects.get().status == "rejected"


def test_redaction_keeps_the_history(order, three):
    note = submit(
        order, three[:2], text="Kathryn Thompson of 12 Elm St loved these two books"
    )
    notes_approve(note_ids=[note.pk])
    merchant = UserFactory(is_staff=True)
    note_redact(
        note=note,
        text="Kathryn loved these two books",
        reason="address",
        editor=merchant,
    )
    revision = NoteRevision.objects.get()
    assert revision.previous_text.startswith("Kathryn Thompson of 12 Elm St")
    assert revision.edited_by == merchant and revision.reason == "address"
    assert Note.objects.get().text == "Kathryn loved these two books"
    assert Note.objects.get().status == "approved"


# --- readers ------------------------------------------------------------------------


def test_helpful_counts_once_per_person_and_per_guest_key(order, three):
    note = submit(order, three[:2])
    notes_approve(note_ids=[note.pk])
    note.refresh_from_db()
    reader = UserFactory()
    assert note_mark_helpful(note=note, user=reader) is True
    assert note_mark_helpful(note=note, user=reader) is False
    assert note_mark_helpful(note=note, guest_key="addr:1") is True
    assert note_mark_helpful(note=note, guest_key="addr:1") is False
    assert note_mark_helpful(note=note, guest_key="addr:2") is True
    assert Note.objects.get().helpful_count == 3 and NoteVote.objects.count() == 3


def test_pending_notes_cannot_be_voted_on(order, three):
    note = submit(order, three[:2])
    with pytest.raises(NoteError):
        note_mark_helpful(note=note, guest_key="addr:1")
    assert Note.objects.get().helpful_count == 0


def test_a_guests_report_flags_an_approved_note_once_and_leaves_it_shown(order, three):
    note = submit(order, three[:2])
    notes_approve(note_ids=[note.pk])
    note.refresh_from_db()
    first = note_report(note=note, guest_key="addr:1", reason="Spam")
    again = note_report(note=note, guest_key="addr:1", reason="Spam")
    assert (first.recorded, first.hidden) == (True, False)
    assert (again.recorded, again.hidden) == (False, False)
    note.refresh_from_db()
    assert note.status == "approved" and note.is_flagged
    assert [f["code"] for f in note.flags] == ["reported"]
    assert note.report_count == 1 and NoteReport.objects.count() == 1
    assert NoteReport.objects.get().reporter_kind == "guest"


def test_enough_signed_in_reports_requeue_an_approved_note(order, three, settings):
    settings.CROSSSELL_NOTE_REPORTS_TO_HIDE = 2
    note = submit(order, three[:2])
    notes_approve(note_ids=[note.pk])
    note.refresh_from_db()
    assert note_report(note=note, user=UserFactory(), reason="Spam").hidden is False
    assert note_report(note=note, user=UserFactory(), reason="Spam").hidden is True
    note.refresh_from_db()
    assert note.status == "pending" and note.report_count == 2
    # back in the queue, but its author cannot rewrite it now
    assert not note.is_editable


def test_moderation_drops_the_cached_quotes_of_its_products(
    order, three, django_capture_on_commit_callbacks
):
    from crosssell.selectors import pair_quotes, quotes_cache_key

    note = submit(order, three[:2])
    assert pair_quotes(source_ids=[three[0].pk], partner_ids=[three[1].pk]) == {}
    assert cache.get(quotes_cache_key(three[0].pk)) == []
    with django_capture_on_commit_callbacks(execute=True):
        notes_approve(note_ids=[note.pk])
    quotes = pair_quotes(source_ids=[three[0].pk], partner_ids=[three[1].pk])
    assert [q.text for q in quotes[three[1].pk]] == [GOOD]
    assert quotes[three[1].pk][0].source_title == "Goodnight Moon"
