"""Text normalisation shared by the index (Python) and the query side (JS).

The browser worker (docs/assets/javascripts/thai-search/worker.js) implements
exactly the same rules; keep the two in step.

* Unicode NFC, lower case, zero-width characters removed;
* "ํา" (nikhahit + sara aa, a common conversion artefact) -> "ำ";
* Thai digits -> Arabic digits (๒๕๕๓ -> 2553);
* abbreviation dots removed (ก.ต.ป.น. -> กตปน, สมศ. -> สมศ).
"""

from __future__ import annotations

import html
import re
import unicodedata

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_DIGIT_TABLE = {ord(t): str(i) for i, t in enumerate(THAI_DIGITS)}
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")

# A Thai syllable-ish group of an abbreviation: optional leading vowel,
# one consonant, any following vowels/tone marks ("มี", "เม", "ก").
_ABBR_GROUP = "[\u0e40-\u0e44]?[\u0e01-\u0e2e][\u0e31-\u0e3a\u0e47-\u0e4e]*"
# Two or more dotted groups: ก.ต.ป.น.  พ.ร.บ.  ม.ค.  มี.ค.  เม.ย.  พ.ศ.
GENERIC_ABBR = re.compile(rf"(?:{_ABBR_GROUP}\.){{2,}}(?:{_ABBR_GROUP}(?![\u0e01-\u0e4e]))?")
# A short consonant cluster with a final dot, not inside a Thai word: สพฐ.  สมศ.
CLUSTER_ABBR = re.compile(r"(?<![\u0e01-\u0e4e])[\u0e01-\u0e2e]{2,5}\.")


def thai_digits_to_arabic(text: str) -> str:
    return text.translate(_DIGIT_TABLE)


def normalize_text(text: str) -> str:
    """Normalise running text (not yet segmented)."""
    text = unicodedata.normalize("NFC", text)
    text = _ZERO_WIDTH.sub("", text)
    text = text.replace("\u0e4d\u0e32", "\u0e33")
    text = thai_digits_to_arabic(text)
    return text.lower()


def strip_abbreviation_dots(token: str) -> str:
    """ก.ต.ป.น. -> กตปน ; สมศ. -> สมศ ; leaves other tokens alone."""
    return token.replace(".", "") if "." in token else token


def html_to_text(value: str) -> str:
    """Text of an index field (escaped HTML with a few kept tags)."""
    value = _TAG.sub(" ", value)
    value = html.unescape(value)
    return _SPACE.sub(" ", value).strip()
