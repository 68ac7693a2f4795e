"""Reading printed pages back: Chromium prints to PDF, poppler reads the PDF.

`pdftotext -bbox` gives every word of every page with its box (in points), so tests
can tell the running header and page numbers from the content, and see text that
fell outside the printable area.
"""
from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

MM = 72 / 25.4  # points per millimetre
A4 = (210 * MM, 297 * MM)
# print.css: @page { margin: 18mm 14mm 16mm }
MARGIN_TOP, MARGIN_SIDE, MARGIN_BOTTOM = 18 * MM, 14 * MM, 16 * MM
MARK_SYMBOLS = "●○□■◆◇"


@dataclass
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class PrintedPage:
    number: int
    width: float
    height: float
    words: list[Word]

    def header(self) -> str:
        return " ".join(w.text for w in self.words if w.y1 <= MARGIN_TOP)

    def header_right(self) -> str:
        """The right-hand box of the header (the page's title): on each header line, the
        run of words that ends at the right margin (text-align: right)."""
        lines: dict[int, list[Word]] = {}
        for word in (w for w in self.words if w.y1 <= MARGIN_TOP):
            lines.setdefault(round(word.y0), []).append(word)
        right = []
        for _y, words in sorted(lines.items()):
            words.sort(key=lambda w: w.x0)
            run = [words[-1]]
            for before, after in zip(reversed(words[:-1]), reversed(words[1:])):
                if after.x0 - before.x1 > 8:  # the space between the two boxes
                    break
                run.insert(0, before)
            if run[-1].x1 >= self.width - MARGIN_SIDE - 3:
                right.extend(run)
        return " ".join(w.text for w in right)

    def footer(self) -> str:
        return " ".join(w.text for w in self.words if w.y0 >= self.height - MARGIN_BOTTOM)

    def content(self) -> list[Word]:
        return [w for w in self.words if MARGIN_TOP < w.y1 and w.y0 < self.height - MARGIN_BOTTOM]

    def content_text(self) -> str:
        return " ".join(w.text for w in self.content())

    def outside(self) -> list[Word]:
        """Words beyond the page's printable width, or off the page."""
        right = self.width - MARGIN_SIDE + 2
        return [w for w in self.words if w.x1 > right or w.x0 < MARGIN_SIDE - 2 or w.y0 < 0 or w.y1 > self.height]


def read_pdf(pdf: Path) -> list[PrintedPage]:
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for number, chunk in enumerate(out.split("<page ")[1:], 1):
        width, height = map(float, re.search(r'width="([\d.]+)" height="([\d.]+)"', chunk).groups())
        words = [Word(html.unescape(m.group(5)), *map(float, m.groups()[:4])) for m in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', chunk)]
        pages.append(PrintedPage(number, width, height, words))
    return pages


def pdf_text(pdf: Path, layout: bool = False) -> str:
    """The PDF's text; `layout` keeps each printed line whole (a step's number beside its
    text) instead of pdftotext's reading order by blocks."""
    command = ["pdftotext"] + (["-layout"] if layout else []) + [str(pdf), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def squeezed(text: str) -> str:
    """Text without any whitespace: a printed line may break a Thai run anywhere a word
    ends, and pdftotext writes the break as a newline."""
    return re.sub(r"\s+", "", text)


def print_to_pdf(page, target: Path) -> list[PrintedPage]:
    """The open page printed as the browser's print dialog would (print.css, A4)."""
    page.evaluate("document.fonts.ready")
    page.pdf(path=str(target), prefer_css_page_size=True, print_background=True)
    return read_pdf(target)
