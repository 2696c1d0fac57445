"""Text rules that more than one app shows the same way."""

from __future__ import annotations

import unicodedata

# How much of a first name is shown; longer ones are cut on a letter boundary.
FIRST_NAME_MAX = 20
# Inside a name these join two parts of one word: Anne-Marie, O'Neil, ZWNJ in Persian.
_JOINERS = frozenset("-\u2010\u2011'\u2019\u02bc\u200c\u200d")
# Scripts written without spaces between family and given name.
_UNSPACED_SCRIPTS = ("CJK UNIFIED IDEOGRAPH", "HANGUL SYLLABLE", "HIRAGANA", "KATAKANA")


def _is_letter(ch: str) -> bool:
    return unicodedata.category(ch).startswith("L")


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch).startswith("M")


def _words(text: str) -> list[str]:
    """Runs of letters with their combining marks, joined by inner hyphens and
    apostrophes. Digits, punctuation, symbols and control characters (bidi
    overrides among them) split words and are never kept."""
    words: list[str] = []
    current: list[str] = []
    for index, ch in enumerate(text):
        if _is_letter(ch) or (_is_mark(ch) and current):
            current.append(ch)
            continue
        following = text[index + 1 : index + 2]
        joins = ch in _JOINERS and current and current[-1] not in _JOINERS
        if joins and following and _is_letter(following):
            current.append(ch)
            continue
        if current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


def _graphemes(word: str, count: int) -> str:
    """The first ``count`` letters of a word, each with the marks that follow it."""
    taken, seen = [], 0
    for ch in word:
        if not _is_mark(ch):
            if seen == count:
                break
            seen += 1
        taken.append(ch)
    return "".join(taken).rstrip("".join(_JOINERS))


def _letter_count(word: str) -> int:
    return sum(1 for ch in word if _is_letter(ch))


def _capitalised(word: str) -> str:
    head = word[:1].upper()
    # "ß".upper() is "SS": a letter whose capital is two letters stays as typed.
    return (head if len(head) == 1 else word[:1]) + word[1:]


def _unspaced(word: str) -> bool:
    return all(
        _is_mark(ch) or unicodedata.name(ch, "").startswith(_UNSPACED_SCRIPTS)
        for ch in word
    )


def short_display_name(full_name: str) -> str:
    """ "Kathryn Thompson" → "Kathryn T.": the first word and the last word's initial.

    "Иван Петров" → "Иван П.", "Anne-Marie O'Neil" → "Anne-Marie O.", "李 小龍" →
    "李 小.". One word is shown alone ("Cher"), except a name written without spaces
    in Chinese, Japanese or Korean script ("李小龍"), which is the whole name in one
    word: only its first character is shown ("李."). Input is NFC-normalised, so a
    typed "e + combining accent" is shown as one "é". Returns "" only when the
    input holds no letter at all; the caller chooses what to show then.
    """
    words = _words(unicodedata.normalize("NFC", full_name or ""))
    if not words:
        return ""
    first = words[0]
    if len(words) == 1 and _unspaced(first) and _letter_count(first) > 1:
        return f"{_graphemes(first, 1)}."
    first = _capitalised(_graphemes(first, FIRST_NAME_MAX))
    if len(words) == 1:
        return first
    return f"{first} {_capitalised(_graphemes(words[-1], 1))}."
