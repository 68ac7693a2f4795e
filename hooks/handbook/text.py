"""Turning YAML text into page text safely.

Content fields are text, never markup: everything goes through `html_text`
(for HTML) or `md_text` (for Markdown headings), which escape every character
that could start a tag, an entity, a link, emphasis or an attribute list.
"""
from __future__ import annotations

import re

from markupsafe import escape

# Characters Python-Markdown lets a backslash escape (its ESCAPED_CHARS).
_MD_BACKSLASHED = set("\\`*_{}[]()#+-.!")
_LEADING_VOWELS = "เแโใไ"


def md_text(text: str) -> str:
    """Plain text for a Markdown heading or paragraph: no emphasis, links, HTML or attributes."""
    out = []
    for ch in " ".join(str(text).split()):
        if ch in "&<>":
            out.append(f"&#{ord(ch)};")
        elif ch in _MD_BACKSLASHED:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


class Abbreviations:
    """Escapes text for HTML, explaining known abbreviations on hover with <abbr title=...>."""

    def __init__(self, items: list[dict]):
        self.titles = {}
        for item in items:
            title = item["expansion"] + (f" ({item['english']})" if item.get("english") else "")
            self.titles[item["abbr"]] = _escape(title)
        keys = sorted(self.titles, key=len, reverse=True)
        # Latin abbreviations (NT, SAR) must not match inside longer words (CONTENT).
        alternatives = "|".join(re.escape(k) for k in keys)
        self.pattern = re.compile(f"(?<![A-Za-z0-9])(?:{alternatives})(?![A-Za-z0-9])") if keys else None

    def escape(self, raw: str) -> str:
        """Matches on the raw text, then escapes each piece: entities are never split."""
        if not self.pattern:
            return _escape(raw)
        out, last = [], 0
        for match in self.pattern.finditer(raw):
            out.append(_escape(raw[last:match.start()]))
            out.append(f'<abbr title="{self.titles[match.group(0)]}">{_escape(match.group(0))}</abbr>')
            last = match.end()
        out.append(_escape(raw[last:]))
        return "".join(out)


_NO_ABBREVIATIONS = Abbreviations([])


def html_text(text: str, abbreviations: Abbreviations = _NO_ABBREVIATIONS) -> str:
    """Escaped text for an HTML element's content, with abbreviations explained on hover."""
    return abbreviations.escape(" ".join(str(text).split()))


def attr(text: str) -> str:
    return _escape(text)


def _escape(text) -> str:
    """HTML-escaped text, quotes included, spelled as Jinja's autoescape spells it (&#34; &#39;)."""
    return str(escape(str(text)))


def thai_sort_key(text: str) -> str:
    """Thai dictionary order puts เ แ โ ใ ไ after the consonant they precede."""
    if len(text) > 1 and text[0] in _LEADING_VOWELS:
        return text[1] + text[0] + text[2:]
    return text


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a space where one is near, marked with …"""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip() + " …"
