"""The one display-name rule: a first word and an initial, in any script."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.text import FIRST_NAME_MAX, short_display_name


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Kathryn Thompson", "Kathryn T."),
        ("kathryn thompson", "Kathryn T."),
        ("Kathryn", "Kathryn"),
        ("Mary Ann van der Berg", "Mary B."),
        ("  José   Álvarez ", "José Á."),
        ("Anne-Marie O'Neil", "Anne-Marie O."),
        ("D’Arcy Smith-Jones", "D’Arcy S."),
        ("Иван Петров", "Иван П."),
        ("李 小龍", "李 小."),
        ("李小龍", "李."),
        ("김민준", "김."),
        ("محمد علي", "محمد ع."),
        ("דוד כהן", "דוד כ."),
        ("Γιώργος Παπαδόπουλος", "Γιώργος Π."),
        ("straße ßmith", "Straße ß."),
        ("-Anne- -Bob-", "Anne B."),
        ("", ""),
        ("   ", ""),
        ("!!! 123", ""),
    ],
)
def test_short_display_name_is_the_first_word_and_the_last_initial(typed, shown):
    assert short_display_name(typed) == shown


def test_short_display_name_joins_combining_accents_into_one_letter():
    # given a name typed with combining accents (NFD), as some keyboards send it
    typed = unicodedata.normalize("NFD", "Émile Ölund")
    assert len(typed) == len("Émile Ölund") + 2

    # when / then it is shown with the composed letters
    assert short_display_name(typed) == "Émile Ö."


def test_short_display_name_drops_bidi_overrides_and_invisible_controls():
    # A right-to-left override in a name would flip the text around it on the page.
    shown = short_display_name("\u202eKathryn\u202c Thompson\u200b")

    assert shown == "Kathryn T."


def test_short_display_name_cuts_a_long_first_word_on_a_letter():
    assert (
        short_display_name("a" * 40 + " b") == "A" + "a" * (FIRST_NAME_MAX - 1) + " B."
    )


# --- properties -----------------------------------------------------------------

letters = st.characters(categories=["Lu", "Ll", "Lo"])
marks = st.characters(categories=["Mn"])
# One letter with up to two combining marks after it, as typed or decomposed.
grapheme = st.tuples(letters, st.lists(marks, max_size=2)).map(
    lambda pair: pair[0] + "".join(pair[1])
)
word = st.lists(grapheme, min_size=1, max_size=12).map("".join)
separator = st.sampled_from([" ", "  ", ", ", " . ", "\t", " 1 ", " & "])


@given(st.text(min_size=1))
def test_never_empty_when_the_name_has_a_letter(typed):
    shown = short_display_name(typed)

    has_letter = any(unicodedata.category(ch).startswith("L") for ch in typed)
    assert bool(shown) == has_letter


@given(st.text())
def test_shows_only_letters_marks_and_the_initials_punctuation(typed):
    shown = short_display_name(typed)

    assert shown == unicodedata.normalize("NFC", shown)
    assert len(shown.split(" ")) <= 2
    for ch in shown:
        category = unicodedata.category(ch)
        assert category[0] in "LM" or ch in " .-'’ʼ\u2010\u2011\u200c\u200d"


@given(st.lists(word, min_size=2, max_size=5), separator)
def test_never_more_than_the_first_word_and_one_initial(words, sep):
    # given a name of several words
    typed = sep.join(words)

    # when shown
    shown = short_display_name(typed)

    # then it is a prefix of the first word, a space, one letter and a dot
    first, initial = shown.split(" ")
    nfc_first = unicodedata.normalize("NFC", words[0])
    nfc_last = unicodedata.normalize("NFC", words[-1])
    assert first[1:] == nfc_first[1 : len(first)]
    assert first[:1] in (nfc_first[:1], nfc_first[:1].upper())
    assert initial.endswith(".")
    assert sum(1 for ch in initial[:-1] if unicodedata.category(ch)[0] != "M") == 1
    assert initial[:1] in (nfc_last[:1], nfc_last[:1].upper())


@given(word, word)
def test_never_leaks_the_full_last_name(first, last):
    # given a last name of at least two letters that the first name doesn't hold
    nfc_first = unicodedata.normalize("NFC", first).casefold()
    nfc_last = unicodedata.normalize("NFC", last).casefold()
    # Letters counted before casefolding: it turns some marks into letters
    # (U+0345 YPOGEGRAMMENI folds to "ι"), so "Aͅ" is one letter, not two.
    letters_in_last = sum(
        1
        for ch in unicodedata.normalize("NFC", last)
        if unicodedata.category(ch)[0] == "L"
    )
    if letters_in_last < 2 or nfc_last in nfc_first:
        return

    # when shown, then the last name is not there
    shown = short_display_name(f"{first} {last}").casefold()
    assert nfc_last not in shown
