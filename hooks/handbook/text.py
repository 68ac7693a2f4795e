"""Content text made safe for where it lands, and ordered and shortened for readers.

Content fields are text, never markup. On a page they reach HTML through the
templates' autoescaping (and the `text` filter of render.py, which explains known
abbreviations: `Abbreviations.split` finds them); in a Markdown heading through
`md_text`, which escapes every character that could start a tag, an entity, a link,
emphasis or an attribute list.
"""
from __future__ import annotations

import re

# Characters Python-Markdown lets a backslash escape (its ESCAPED_CHARS).
_MD_BACKSLASHED = set("\\`*_{}[]()#+-.!")


def squash(text) -> str:
    """The text on one line, runs of whitespace as one space."""
    return " ".join(str(text).split())


def md_text(text: str) -> str:
    """Plain text for a Markdown heading or paragraph: no emphasis, links, HTML or attributes."""
    out = []
    for ch in squash(text):
        if ch in "&<>":
            out.append(f"&#{ord(ch)};")
        elif ch in _MD_BACKSLASHED:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


class Abbreviations:
    """The handbook's abbreviations (abbreviations.yaml), found in text so that pages explain them on hover."""

    def __init__(self, items: list[dict]):
        self.titles = {}
        for item in items:
            self.titles[item["abbr"]] = item["expansion"] + (f" ({item['english']})" if item.get("english") else "")
        keys = sorted(self.titles, key=len, reverse=True)
        # Latin abbreviations (NT, SAR) must not match inside longer words (CONTENT).
        alternatives = "|".join(re.escape(k) for k in keys)
        self.pattern = re.compile(f"(?<![A-Za-z0-9])(?:{alternatives})(?![A-Za-z0-9])") if keys else None

    def split(self, text: str) -> list[tuple[str, str | None]]:
        """The text in pieces, in order: (abbreviation, its expansion) for each known
        abbreviation, (text, None) for the text between them. Matched on the raw text,
        before any escaping, so that entities are never split."""
        if not self.pattern:
            return [(text, None)]
        pieces, last = [], 0
        for match in self.pattern.finditer(text):
            if match.start() > last:
                pieces.append((text[last:match.start()], None))
            pieces.append((match.group(0), self.titles[match.group(0)]))
            last = match.end()
        if last < len(text) or not pieces:
            pieces.append((text[last:], None))
        return pieces


def thai_sorted(items, key) -> list:
    """The items in Thai dictionary order of key(item) (PyThaiNLP's collate: leading
    vowels after the consonant they precede, tone marks only to break ties)."""
    from pythainlp.util import collate  # here: PyThaiNLP takes a while to load, and only pages sort

    rank = {text: index for index, text in enumerate(collate({key(item) for item in items}))}
    return sorted(items, key=lambda item: rank[key(item)])


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a space where one is near, marked with …"""
    text = squash(text)
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip() + " …"
