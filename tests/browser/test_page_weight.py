"""Light pages: the Mermaid library (3.6 MB) is downloaded only where a diagram is drawn.

Each page is opened with an empty cache; Mermaid must be requested exactly when the
page has a diagram, also when a diagram page is reached by Material's instant
navigation from a page without one, and never from another host (Material's own
fallback is unpkg.com). The bytes themselves are measured by
tests/benchmarks/page_weight_benchmark.py.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from conftest import PageWatch, new_context
from hooks.handbook.paths import page_url, process_page
from test_pages import diagram_status
from test_print_font import PAGE_KINDS

MERMAID = re.compile(r"/Mermaid-11\.min\.js$")


def first_visit(browser, site_url: str, path: str):
    context = new_context(browser)
    watch = PageWatch(context.new_page(), site_url)
    mermaid = []
    watch.page.on("request", lambda r: mermaid.append(r.url) if MERMAID.search(urlsplit(r.url).path) else None)
    page = watch.goto(path)
    has_diagram = page.evaluate("() => document.querySelectorAll('article .mermaid').length > 0")
    if has_diagram:
        diagram_status(page)
    return context, watch, has_diagram, mermaid


def test_mermaid_is_downloaded_only_by_pages_that_draw_a_diagram(browser, site_url):
    paths = PAGE_KINDS  # one of each kind: process, sub-process and district pages draw diagrams
    with_diagram = 0
    for path in paths:
        context, watch, has_diagram, mermaid = first_visit(browser, site_url, path)
        assert len(mermaid) == (1 if has_diagram else 0), (path, mermaid)
        assert watch.errors == [] and watch.offsite == [], path
        with_diagram += has_diagram
        context.close()
    assert 0 < with_diagram < len(paths)


def test_mermaid_arrives_with_instant_navigation_to_a_diagram_page(browser, site_url, handbook):
    context, watch, has_diagram, mermaid = first_visit(browser, site_url, "calendar/")
    page = watch.page
    assert not has_diagram and mermaid == []
    page.evaluate("() => window.__same_document = true")
    drawn = [page_url(process_page(unit.id)) for unit in handbook.units.values() if unit.steps]
    links = page.locator('article a[href*="process/"]')
    hrefs = links.evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    first_with_diagram = next(i for i, href in enumerate(hrefs) if any(href.endswith("/" + path) for path in drawn))
    links.nth(first_with_diagram).click()  # a process with a flowchart, named in the calendar
    page.wait_for_url(re.compile(r".*/process/[a-z-]+/(#.*)?$"))
    page.wait_for_function("() => !!document.querySelector('article .mermaid')")  # the new article, not the calendar's
    status = diagram_status(page)
    assert status["count"] == status["drawn"] == 1 and status["errors"] == 0
    assert len(mermaid) == 1
    other = next(unit for unit in handbook.units.values() if unit.steps and page_url(process_page(unit.id)) not in page.url)
    page.evaluate("url => window.location$.next(new URL(url))", site_url + page_url(process_page(other.id)))
    page.wait_for_function("n => document.querySelector('article h1').textContent.startsWith(n + ' ')", arg=other.number)
    assert diagram_status(page)["drawn"] == 1
    assert len(mermaid) == 1  # loaded once, drawn on every diagram page after
    assert page.evaluate("() => window.__same_document") is True
    assert watch.errors == [] and watch.offsite == []
    context.close()
