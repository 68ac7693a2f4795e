"""Printing on A4 loses nothing: every page kind printed by Chromium, read back from the PDF.

Each printed page is A4 with the running header (handbook name, page title) and
"หน้า i / n" at its foot; no text falls off the page; screen-only parts and hover hints
are not printed. The calendars keep all twelve months, the matrix every process
column, with every mark; each flowchart prints whole on one page with its heading.
"""
from __future__ import annotations

import re

import pytest

from printed import A4, MARK_SYMBOLS, print_to_pdf, squeezed
from test_print_font import PAGE_KINDS

DRAWN = """() => !document.querySelector('article pre.mermaid')
  && [...document.querySelectorAll('article div.mermaid')].every(d => d.shadowRoot && d.shadowRoot.querySelector('svg'))"""
SCREEN_ONLY = ["เลื่อนเมาส์", "PDF ของกระบวนงานนี้", "PDF ทั้งเล่ม", "Made with", "GitHub"]


def printed(tab, tmp_path, path: str):
    page = tab.goto(path)
    page.wait_for_function(DRAWN, timeout=20000)
    return page, print_to_pdf(page, tmp_path / "printed.pdf")


def heading_text(page, selector: str) -> str:
    """A heading's text without its permalink sign."""
    return page.evaluate("""sel => { const h = document.querySelector(sel).cloneNode(true);
        h.querySelectorAll('.headerlink').forEach(a => a.remove()); return h.textContent.trim(); }""", selector)


def site_name(page) -> str:
    return page.evaluate("document.querySelector('meta[property=\"og:site_name\"]')?.content "
                         "|| document.querySelector('.md-header__topic .md-ellipsis').textContent.trim()")


@pytest.mark.parametrize("path", PAGE_KINDS)
def test_every_kind_of_page_prints_on_a4_with_header_page_numbers_and_nothing_cut_off(tab, tmp_path, path):
    page, pages = printed(tab, tmp_path, path)
    name = site_name(page)
    title = "" if path == "" else page.evaluate("document.title").rsplit(" - ", 1)[0]  # home: the handbook's name only
    for printed_page in pages:
        where = f"{path or 'home'} page {printed_page.number}"
        assert (round(printed_page.width), round(printed_page.height)) == tuple(map(round, A4)), where
        assert squeezed(name) in squeezed(printed_page.header()), where
        assert squeezed(printed_page.header_right()) == squeezed(title), where
        assert squeezed(printed_page.footer()) == squeezed(f"หน้า {printed_page.number} / {len(pages)}"), where
        assert printed_page.outside() == [], where
    text = squeezed(" ".join(p.content_text() for p in pages))
    for screen_only in SCREEN_ONLY:
        assert squeezed(screen_only) not in text, (path, screen_only)
    assert squeezed(heading_text(page, "article h1")) in text
    assert tab.errors == [] and tab.offsite == []


@pytest.mark.parametrize("path", ["calendar/", "matrix/"])
def test_calendars_and_the_matrix_print_every_month_every_column_and_every_mark(tab, tmp_path, path):
    page, pages = printed(tab, tmp_path, path)
    columns = page.evaluate("""() => [...document.querySelectorAll('article table.hb-calendar, article table.hb-matrix')]
        .map(t => [...t.querySelectorAll('thead th')].map(th => th.textContent.trim()).filter(Boolean))""")
    assert columns, "no calendar or matrix table"
    words = [w.text for p in pages for w in p.content()]
    for header in columns:
        for label in header:
            for word in label.split():
                assert word in words, (path, word)
    if "hb-calendar" in page.content():
        assert {"ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย."} <= set(words)
    on_screen = page.evaluate("() => document.querySelector('article').innerText")
    on_paper = " ".join(p.content_text() for p in pages)
    for symbol in MARK_SYMBOLS:
        assert on_paper.count(symbol) == on_screen.count(symbol), (path, symbol)
    assert sum(on_screen.count(symbol) for symbol in MARK_SYMBOLS) > 0


# Each box's label as the lines it is drawn in (a label wraps inside its box; the number,
# the text and the line of who is responsible): the printed page holds each line whole.
LABEL_LINES = """() => [...document.querySelector('article div.mermaid').shadowRoot.querySelectorAll('.nodeLabel')]
    .map(label => {
        const lines = [];
        let top = null, line = '';
        const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (let i = 0; i < node.data.length; i++) {
                const range = document.createRange();
                range.setStart(node, i);
                range.setEnd(node, i + 1);
                const rect = [...range.getClientRects()].find(box => box.height > 0);
                const at = rect ? rect.top : top;
                if (top !== null && Math.abs(at - top) > 2) { lines.push(line); line = ''; }
                line += node.data[i];
                top = at;
            }
        }
        lines.push(line);
        return lines.filter(text => text.trim());
    }).filter(lines => lines.length)"""


def test_every_flowchart_prints_whole_on_one_page_with_its_heading(tab, tmp_path, handbook):
    from hooks.handbook.paths import page_url, process_page

    for unit in handbook.units.values():
        if not unit.steps:
            continue
        page, pages = printed(tab, tmp_path, page_url(process_page(unit.id)))
        labels = page.evaluate(LABEL_LINES)
        heading = heading_text(page, "#flowchart")
        assert labels, unit.id
        with_heading = [p for p in pages if squeezed(heading) in squeezed(p.content_text())]
        assert len(with_heading) == 1, unit.id
        chart_page = squeezed(with_heading[0].content_text())
        for lines in labels:  # each line of each box (a box beside it may come between its lines)
            for line in lines:
                assert squeezed(line) in chart_page, (unit.id, lines)
    assert tab.errors == [] and tab.offsite == []


def test_printed_header_names_the_process_by_number_and_title(tab, tmp_path, handbook):
    unit = handbook.units["qa-external-assessment"]
    _page, pages = printed(tab, tmp_path, "process/qa-external-assessment/")
    assert len(pages) > 1
    for printed_page in pages:
        assert squeezed(printed_page.header_right()) == squeezed(f"{unit.number} {unit.title}")
        assert re.fullmatch(r"หน้า\d+/\d+", squeezed(printed_page.footer()))


def test_a_roles_work_prints_every_month_and_every_step_it_lists(tab, tmp_path):
    """The supervisor's work by fiscal month on paper: each month's heading and every step
    listed under it, whole (the list is what the reader takes to a meeting)."""
    page, pages = printed(tab, tmp_path, "role/supervisor/")
    entries = page.evaluate("""() => [...document.querySelectorAll('article h2, article h3, article li:not(:has(li))')]
        .map(e => { const c = e.cloneNode(true); c.querySelectorAll('.headerlink').forEach(a => a.remove());
                    return c.textContent.trim(); }).filter(Boolean)""")
    months = page.evaluate("() => [...document.querySelectorAll('article [id^=\"month-\"]')].map(h => h.id)")
    assert len(months) == 12, months
    on_paper = squeezed(" ".join(p.content_text() for p in pages))
    missing = [entry for entry in entries if squeezed(entry) not in on_paper]
    assert entries and missing == [], (len(entries), missing[:3], on_paper[:3000])
