"""Text normalisation shared by the index (Python) and the query side (JS).

The browser's copy is docs/assets/javascripts/thai-search/normalize.js; a property
test (tests/test_search_worker.py) runs both on random strings and compares them.
Every character class is spelled out here and there alike, never left to what
``\\s`` or ``\\w`` mean in one language or the other.

* Unicode NFC, lower case, zero-width characters removed;
* "ํา" (nikhahit + sara aa, a common conversion artefact) -> "ำ";
* Thai digits -> Arabic digits (๒๕๕๓ -> 2553);
* abbreviation dots removed (ก.ต.ป.น. -> กตปน, สมศ. -> สมศ);
* ``spaceless``: the same text without separators (spaces, dashes, slashes,
  punctuation, brackets of every kind), for phrase matching. It never drops
  words: a bracketed part stays, its brackets go. (Dropping the bracketed part of
  a name is a separate step, ``without_brackets``.)
"""

from __future__ import annotations

import html
import re
import unicodedata

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_DIGIT_TABLE = {ord(t): str(i) for i, t in enumerate(THAI_DIGITS)}
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# What counts as a space, in both languages.
SPACES = " \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# Separators a reader may or may not type inside a phrase.
SEPARATORS = SPACES + "\\-\u2010-\u2015/\\\\,.:;!?\"'\u2018\u2019\u201c\u201d()\\[\\]{}<>\u00b7\u2022|"
_ZERO_WIDTH = re.compile(f"[{ZERO_WIDTH}]")
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(f"[{SPACES}]+")
_SEPARATOR = re.compile(f"[{SEPARATORS}]+")
_BRACKETED = re.compile(r"\([^()]*\)")

# A Thai syllable-ish group of an abbreviation: optional leading vowel,
# one consonant, any following vowels/tone marks ("มี", "เม", "ก").
_ABBR_GROUP = "[\u0e40-\u0e44]?[\u0e01-\u0e2e][\u0e31-\u0e3a\u0e47-\u0e4e]*"
# Two or more dotted groups: ก.ต.ป.น.  พ.ร.บ.  ม.ค.  มี.ค.  เม.ย.  พ.ศ.
GENERIC_ABBR = re.compile(rf"(?:{_ABBR_GROUP}\.){{2,}}(?:{_ABBR_GROUP}(?![\u0e01-\u0e4e]))?")
# A short consonant cluster with a final dot, not inside a Thai word: สพฐ.  สมศ.
CLUSTER_ABBR = re.compile(r"(?<![\u0e01-\u0e4e])[\u0e01-\u0e2e]{2,5}\.")
# Dots right after a Thai letter: abbreviation dots (the query side removes them all).
THAI_DOTS = re.compile(r"([\u0e01-\u0e4e])\.+")


def thai_digits_to_arabic(text: str) -> str:
    return text.translate(_DIGIT_TABLE)


def normalize_text(text: str) -> str:
    """Normalise running text (not yet segmented)."""
    text = unicodedata.normalize("NFC", text)
    text = _ZERO_WIDTH.sub("", text)
    text = text.replace("\u0e4d\u0e32", "\u0e33")
    text = thai_digits_to_arabic(text)
    return text.lower()


def display_text(text: str) -> str:
    """Text as the index ships it for display: NFC, no zero-width characters, "ํา"
    -> "ำ" (the worker then derives phrase keys without redoing those steps)."""
    text = unicodedata.normalize("NFC", text)
    text = _ZERO_WIDTH.sub("", text)
    return text.replace("\u0e4d\u0e32", "\u0e33")


def strip_abbreviation_dots(token: str) -> str:
    """ก.ต.ป.น. -> กตปน ; สมศ. -> สมศ ; leaves other tokens alone."""
    return token.replace(".", "") if "." in token else token


def spaceless(text: str) -> str:
    """Normalised text without separators, for phrase matching (same as normalize.js)."""
    return _SEPARATOR.sub("", normalize_text(text))


def without_brackets(text: str) -> str:
    """A name without its bracketed parts: "สมศ. (องค์การมหาชน)" -> "สมศ. "."""
    return _BRACKETED.sub(" ", text)


def collapse_spaces(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def html_to_text(value: str) -> str:
    """Text of an index field (escaped HTML with a few kept tags)."""
    value = _TAG.sub(" ", value)
    value = html.unescape(value)
    return collapse_spaces(value)
