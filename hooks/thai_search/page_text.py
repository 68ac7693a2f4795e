"""What of a page goes into the search index: the page's HTML as search reads it.

The page a reader sees is never changed here. ``search_view(html)`` returns the
HTML handed to Material's indexer in place of the page (mkdocs_thai_search.py
swaps it in around Material's ``on_page_context`` and puts the page back after):

* a diagram's source (Mermaid) is left out: it repeats the steps in the page's
  own words, and "flowchart TD n_N1[...]" is no text for a snippet;
* a label whose value is kept out of search (``<dt>`` before a
  ``<dd data-search-exclude>``) goes with it, so no "ผู้รับผิดชอบ" stands alone;
* a label and its value are kept apart by ": ", one item from the next by " · ",
  and every block and line break ends with a space, so words of two cells, lines
  or labels never run together ("ระยะเวลาพ.ค.ผู้รับผิดชอบ…", "ก.ต.ป.น.ผู้บริหาร…").

* every passage (cell, item, value, paragraph) ends with PASSAGE_END, so that
  ``passages(text)`` can tell them apart once Material has made the page text.

``clean_text(text)`` then takes out of the indexed text what is provenance, not
content ("ที่มา: เอกสาร 000 บรรทัด 983-1064"); ``Repeats`` drops a passage a page
already had in an earlier section (a summary table that repeats the steps word for
word): a page's words are indexed once, where they first appear.
"""

from __future__ import annotations

import re

# A Mermaid diagram as mermaid2/superfences leave it in the page.
_DIAGRAM = re.compile(
    r"<(pre|div)\b[^>]*\bclass=\"[^\"]*\bmermaid\b[^\"]*\"[^>]*>.*?</\1>", re.S | re.I)
# A label whose value is excluded from search.
_LABEL_OF_EXCLUDED = re.compile(r"<dt\b[^>]*>(?:(?!</dt>).)*</dt>\s*(?=<dd\b[^>]*\bdata-search-exclude\b)", re.S)
_LABEL_END = re.compile(r"</dt>\s*")
_VALUE_END = re.compile(r"</dd>\s*(?=<dt\b)")
# Ends of blocks and cells, when the next thing is a tag (no text between); line breaks.
_BLOCK_END = re.compile(r"(</(?:div|dd|dt|dl|td|th|tr|caption|figcaption|summary|span|h[1-6])>)(?=<)")
_BREAK = re.compile(r"(<br\s*/?>)(?=\S)")
# The end of a passage: text for Material's parser, gone before anything is shown.
PASSAGE_END = "\u241e"
_PASSAGE = re.compile(r"(</(?:td|th|li|dd|p)>)")
# "1.", "2.3", "1-2." before a passage: numbering, not words
_NUMBERING = re.compile(r"^[0-9๐-๙.\-–]+")

# Provenance: where the manual's text came from (reviewers' information).
_PROVENANCE = re.compile(
    r"(?:\s*[·•|]\s*)?(?:ที่มา\s*:?\s*)?เอกสาร\s*[0-9๐-๙]{3}\s*บรรทัด\s*[0-9๐-๙]+(?:\s*[-–]\s*[0-9๐-๙]+)?"
    r"(?:\s*,\s*[0-9๐-๙]+(?:\s*[-–]\s*[0-9๐-๙]+)?)*")
_DANGLING = re.compile(r"(?:\s*·\s*)+$|^(?:\s*·\s*)+")
_DOUBLE_DOT = re.compile(r"\s*·\s*(?:·\s*)+")


def search_view(html: str) -> str:
    """The page's HTML as the search index should read it (see the module docstring)."""
    html = _DIAGRAM.sub("", html)
    html = _LABEL_OF_EXCLUDED.sub("", html)
    html = _LABEL_END.sub("</dt>: ", html)
    html = _VALUE_END.sub("</dd> · ", html)
    html = _BREAK.sub(r"\1 ", html)
    html = _BLOCK_END.sub(r"\1 ", html)
    return _PASSAGE.sub(r"\1" + PASSAGE_END, html)


class Repeats:
    """Passages a page has had, in document order (one instance per page)."""

    MIN_KEY = 12  # shorter passages ("กลุ่มนิเทศ ๑", "ตามรอบเวลา") repeat by nature

    def __init__(self):
        self.seen: set[str] = set()

    def keep(self, text: str, key) -> str:
        """The text without the passages seen before on the page; key(passage) is the
        spaceless form passages are compared by."""
        out = []
        for passage in text.split(PASSAGE_END):
            found = _NUMBERING.sub("", key(passage))
            if len(found) >= self.MIN_KEY:
                if found in self.seen:
                    continue
                self.seen.add(found)
            out.append(passage)
        return " ".join(out)


def clean_text(text: str) -> str:
    """Indexed text without provenance notes and without separators left dangling."""
    if "บรรทัด" in text:
        text = _PROVENANCE.sub("", text)
    if "·" in text:
        text = _DOUBLE_DOT.sub(" · ", text)
        text = _DANGLING.sub("", text)
    return text.strip()
