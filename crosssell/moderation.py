"""Pure text rules for shoppers' notes: display names, fingerprints and flags.

A flag draws the merchant's eye; it never hides or rejects a note by itself. The
rules look at form only (links, contact details, listed words, shouting, copies),
never at sentiment: a glowing note and a scathing one are judged alike.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from core.text import short_display_name

ANONYMOUS_NAME = "A verified buyer"

_LINK = re.compile(
    r"(?:https?://|www\.)\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|co|shop|"
    r"biz|info|ly|me|app|store|uk|de|fr|us|ru|cn)\b(?:/\S*)?",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Seven or more digits, possibly split by spaces, dots, dashes or brackets.
_PHONE = re.compile(r"(?:\+?\d[\s().-]*){7,}")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
SHOUTING_MIN_LETTERS = 20
SHOUTING_SHARE = 0.7


@dataclass(frozen=True)
class Flag:
    code: str
    detail: str

    def as_dict(self) -> dict:
        return {"code": self.code, "detail": self.detail}


FLAG_LABELS = {
    "link": "Contains a link",
    "email": "Contains an email address",
    "phone": "Contains a phone number",
    "blocklist": "Uses a blocked word",
    "shouting": "Written in capitals",
    "copied": "Same text as another note",
    "reported": "Reported by a reader",
}


def display_name_from(full_name: str) -> str:
    """ "Kathryn Thompson" → "Kathryn T.": a first name and an initial, never more.

    The rule is ``core.text.short_display_name`` (shared with the set pages); a
    name without any letter is shown as "A verified buyer".
    """
    return short_display_name(full_name) or ANONYMOUS_NAME


def fingerprint(text: str) -> str:
    """The same for two texts that differ only in case, accents, spacing or punctuation."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(ch for ch in folded if ch.isalnum())
    return hashlib.sha256(letters.encode()).hexdigest()


def is_shouting(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < SHOUTING_MIN_LETTERS:
        return False
    upper = sum(1 for ch in letters if ch.isupper())
    return upper / len(letters) >= SHOUTING_SHARE


def text_flags(text: str, *, blocklist: list[str], copied: bool) -> list[Flag]:
    """Every rule the text trips, each once, in a fixed order."""
    flags: list[Flag] = []
    if match := _EMAIL.search(text):
        flags.append(Flag("email", match.group(0)))
    without_emails = _EMAIL.sub(" ", text)
    if match := _LINK.search(without_emails):
        flags.append(Flag("link", match.group(0)))
    if match := _PHONE.search(without_emails):
        digits = re.sub(r"\D", "", match.group(0))
        if len(digits) >= 7:
            flags.append(Flag("phone", match.group(0).strip()))
    words = {word.casefold() for word in _WORD.findall(text)}
    hits = sorted(word for word in blocklist if word in words)
    if hits:
        flags.append(Flag("blocklist", ", ".join(hits)))
    if is_shouting(text):
        flags.append(Flag("shouting", "mostly capital letters"))
    if copied:
        flags.append(Flag("copied", "another note has the same text"))
    return flags
