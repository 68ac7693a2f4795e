"""Every kind of page on a phone (390×844) and on a desktop (1400×900), in Chromium:
no page scrolls sideways (a table's wrapper may), a wide table keeps its first column
in view however far it is scrolled, Thai words break only between words, and the
role × process matrix names its processes without a hover.

Checked: the first page of each kind, the widest pages (the matrix, the calendar, the
supervisor's page, 4.4 with its form and chart, district 004 with its tables) and the
tables of long text. Each page is loaded once and looked at in both sizes.
"""
from __future__ import annotations

import pytest
from conftest import OPEN_SHADOW_ROOTS, PageWatch

from hooks.handbook import paths
from hooks.handbook.pages import build_pages

SIZES = {"phone": (390, 844), "desktop": (1400, 900)}
WIDEST = [paths.MATRIX, paths.CALENDAR, paths.role_page("supervisor"),
          paths.process_page("qa-external-assessment"), paths.district_page("ayutthaya-1-monitoring-committee")]
# Tables of long Thai text in narrow cells.
TEXT_TABLES = [paths.DUTY_ANALYSIS, paths.ROLES, paths.GLOSSARY, paths.DISTRICTS]


@pytest.fixture(scope="module")
def pages_to_check(handbook) -> list[str]:
    first_of_kind = {}
    for page in build_pages(handbook).pages:
        first_of_kind.setdefault(page.kind, page.path)
    return list(dict.fromkeys([*first_of_kind.values(), *WIDEST, *TEXT_TABLES]))


# For each table wider than its wrapper: scrolled to the far right, is the first cell of
# a row (its first, middle and last rows, header included) inside the wrapper's visible
# part and on top, not under the cells that scrolled? A row heading the rows below it
# (one cell spanning the table) keeps its text in view instead.
FIRST_COLUMN_AFTER_SCROLLING = """() => {
  const problems = [];
  let scrolled = 0;
  for (const wrap of document.querySelectorAll('article .hb-table-wrap')) {
    if (wrap.scrollWidth <= wrap.clientWidth + 1) continue;
    scrolled += 1;
    const rows = [...wrap.querySelectorAll('tr')];
    for (const row of [rows[0], rows[1], rows[Math.floor(rows.length / 2)], rows[rows.length - 1]]) {
      const cell = row.firstElementChild;
      const target = cell.colSpan > 1 ? (cell.firstElementChild || cell) : cell;
      row.scrollIntoView({block: 'center'});
      wrap.scrollLeft = wrap.scrollWidth;
      const box = wrap.getBoundingClientRect(), r = target.getBoundingClientRect();
      const left = box.left + wrap.clientLeft, right = left + wrap.clientWidth;
      // a point of the cell on screen, below the site's header (a tall row may not fit the screen)
      const x = Math.max(r.left, left) + 3;
      const y = Math.min(Math.max(r.top, 64) + 8, Math.min(r.bottom, innerHeight) - 2);
      const hit = document.elementFromPoint(x, y);
      if (r.left < left - 1 || r.left > right || !(hit && (cell.contains(hit) || hit === cell)))
        problems.push(`${wrap.firstElementChild.className} row "${row.textContent.trim().slice(0, 30)}": `
                      + `cell at ${Math.round(r.left)}, wrapper ${Math.round(left)}-${Math.round(right)}, `
                      + `on top: ${hit ? hit.tagName + '.' + hit.className : 'nothing'}`);
    }
  }
  return {scrolled, problems};
}"""


# Thai words, as Chromium's own dictionary segments them (Intl.Segmenter), each on one line.
WORDS_BROKEN_ACROSS_LINES = """() => {
  const segmenter = new Intl.Segmenter('th', {granularity: 'word'});
  const broken = [];
  for (const cell of document.querySelectorAll('article td, article th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const part of segmenter.segment(node.data)) {
        if (!part.isWordLike || !/[\\u0e00-\\u0e7f]/.test(part.segment) || part.segment.length < 2) continue;
        const range = document.createRange();
        range.setStart(node, part.index);
        range.setEnd(node, part.index + part.segment.length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(part.segment);
      }
    }
  }
  return broken;
}"""


@pytest.fixture(scope="module")
def layout(browser, site_url, pages_to_check) -> dict:
    """Each page loaded once, then looked at in each size (the window resized, as a phone
    turned or a desktop window narrowed): its width, its Thai words broken across lines,
    then, its tables scrolled to their ends, the first cells out of view."""
    context = browser.new_context(viewport=dict(zip(("width", "height"), SIZES["phone"])))
    context.add_init_script(OPEN_SHADOW_ROOTS)
    watch = PageWatch(context.new_page(), site_url)
    page = watch.page
    reports = {size: {"width": width, "wider": [], "broken": [], "scrolled": 0, "problems": []}
               for size, (width, _height) in SIZES.items()}
    for path in pages_to_check:
        page.goto(site_url + paths.page_url(path), wait_until="load")
        # the bundled font in place and every diagram drawn (a diagram could widen the page)
        page.evaluate("() => document.fonts.ready.then(() => true)")
        page.wait_for_function("""() => [...document.querySelectorAll('article .mermaid')].every(
            diagram => (diagram.shadowRoot || diagram).querySelector('svg'))""", timeout=20000)
        for size, (width, height) in SIZES.items():
            report = reports[size]
            page.set_viewport_size({"width": width, "height": height})
            page.evaluate("""() => new Promise(done => {
                document.querySelectorAll('.hb-table-wrap').forEach(wrap => { wrap.scrollLeft = 0; });
                window.scrollTo(0, 0);
                requestAnimationFrame(() => requestAnimationFrame(done));
            })""")
            page_width = page.evaluate("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
            if page_width > width:
                report["wider"].append(f"{path}: {page_width} px")
            report["broken"] += [f"{path}: {word}" for word in page.evaluate(WORDS_BROKEN_ACROSS_LINES)]
            result = page.evaluate(FIRST_COLUMN_AFTER_SCROLLING)
            report["scrolled"] += result["scrolled"]
            report["problems"] += [f"{path}: {problem}" for problem in result["problems"]]
        page.set_viewport_size(dict(zip(("width", "height"), SIZES["phone"])))
    context.close()
    return {"sizes": reports, "errors": watch.errors, "offsite": watch.offsite}


@pytest.mark.parametrize("size", SIZES)
def test_no_page_scrolls_sideways(layout, size):
    assert layout["sizes"][size]["wider"] == []
    assert layout["errors"] == [] and layout["offsite"] == []


@pytest.mark.parametrize("size", SIZES)
def test_a_wide_table_keeps_its_first_column_in_view(layout, size):
    report = layout["sizes"][size]
    if report["width"] < 500:
        assert report["scrolled"]  # on a phone, the matrix and the calendars are wider than the screen
    assert report["problems"] == []


@pytest.mark.parametrize("size", SIZES)
def test_thai_words_in_tables_break_only_between_words(layout, size):
    assert layout["sizes"][size]["broken"] == []


def test_the_matrix_names_every_process_without_a_hover(browser, site_url, handbook):
    """On a phone, each column's number is in the key under the table, with the process's name, in view."""
    width, height = SIZES["phone"]
    context = browser.new_context(viewport={"width": width, "height": height})
    watch = PageWatch(context.new_page(), site_url)
    page = watch.goto(paths.page_url(paths.MATRIX))
    numbers = page.locator("table.hb-matrix thead th a").all_inner_texts()
    key = dict(zip(page.locator("dl.hb-key dt").all_inner_texts(), page.locator("dl.hb-key dd").all_inner_texts()))
    assert numbers and list(key) == numbers
    for unit in handbook.units.values():
        if unit.number in key:
            assert key[unit.number] == " ".join(unit.title.split())
    assert page.locator("dl.hb-key dd a").first.is_visible()
    assert page.locator("table.hb-matrix thead th a[title]").count() == 0  # nothing needs a hover
    context.close()
