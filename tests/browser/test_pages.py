"""The built site in Chromium: pages load cleanly, diagrams draw, nothing is fetched from another host."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from hooks.handbook.pages import build_pages
from hooks.handbook.paths import page_url, process_page


def diagram_status(page) -> dict:
    """Mermaid diagrams on the page: how many, how many drawn as SVG, any error diagram."""
    page.wait_for_function("""() => [...document.querySelectorAll('.mermaid')].every(
        d => (d.shadowRoot || d).querySelector('svg'))""", timeout=20000)
    return page.evaluate("""() => {
        const roots = [...document.querySelectorAll('.mermaid')].map(d => d.shadowRoot || d);
        return {
            count: roots.length,
            drawn: roots.filter(r => r.querySelector('svg g')).length,
            errors: roots.filter(r => /Syntax error|Parse error/i.test(r.textContent)).length,
            nodes: roots.map(r => r.querySelectorAll('g.node').length),
        };
    }""")


# Instant navigation changes the address before it swaps the page's content: wait for the new article.
ARTICLE_WITH_DIAGRAM = "() => !!document.querySelector('article .mermaid')"


def test_home_page_loads_cleanly_with_the_duty_map(tab, handbook):
    page = tab.goto("")
    assert page.locator("h1").first.inner_text().startswith("คู่มือการปฏิบัติงาน")
    assert page.locator(".hb-duty-card").count() == len(handbook.duties)
    assert page.locator("html").get_attribute("lang") == "th"
    assert tab.errors == [] and tab.offsite == []


def test_a_process_page_shows_steps_roles_and_its_flowchart(tab, handbook):
    page = tab.goto("process/assessment-classroom/")
    unit = handbook.units["assessment-classroom"]
    assert page.locator("li.hb-step").count() == len(unit.steps)
    assert page.locator("#step-6").is_visible()
    status = diagram_status(page)
    assert status == {"count": 1, "drawn": 1, "errors": 0, "nodes": [8]}  # A..H as the seed draws it
    assert tab.errors == [] and tab.offsite == []


def test_every_process_page_draws_its_diagram(tab, handbook):
    for unit in handbook.units.values():
        page = tab.goto(page_url(process_page(unit.id)))
        status = diagram_status(page)
        expected = 1 if unit.steps else 0
        assert status["count"] == expected and status["drawn"] == expected, (unit.id, status)
        assert status["errors"] == 0, unit.id
        # every step of a generated chart has its box (start and end terminals too)
        if unit.steps and not unit.data.get("flowchart"):
            leaves = sum(1 for s in _leaves(unit.steps))
            improve = sum(1 for s in _leaves(unit.steps) if s.get("decision", {}).get("improve"))
            assert status["nodes"][0] == leaves + improve + 2, unit.id
    assert tab.errors == [] and tab.offsite == []


def _leaves(steps):
    for step in steps:
        if step.get("substeps"):
            yield from _leaves(step["substeps"])
        else:
            yield step


def test_diagrams_draw_after_instant_navigation(tab):
    """Material swaps pages without reloading: the diagram must still draw, from the local Mermaid."""
    page = tab.goto("")
    page.evaluate("() => window.__same_document = true")
    page.locator('.hb-duty-card a[href$="process/media-research/"]').click()
    page.wait_for_url(re.compile(r".*/process/media-research/(#.*)?$"))
    page.wait_for_function(ARTICLE_WITH_DIAGRAM)
    assert page.evaluate("() => window.__same_document") is True  # no full reload happened
    status = diagram_status(page)
    assert status["count"] == 1 and status["drawn"] == 1 and status["errors"] == 0
    page.go_back()
    page.locator('.hb-duty-card a[href$="process/inter-agency-work/"]').click()
    page.wait_for_url(re.compile(r".*/process/inter-agency-work/(#.*)?$"))
    page.wait_for_function(ARTICLE_WITH_DIAGRAM)
    assert diagram_status(page)["drawn"] == 1
    assert page.evaluate("() => window.mermaid.mermaidAPI.getConfig().securityLevel") == "strict"
    assert tab.errors == [] and tab.offsite == []


def test_every_process_page_draws_its_diagram_after_instant_navigation(tab, handbook):
    """Reached through Material's instant navigation (no reload), every diagram still draws."""
    page = tab.goto("")
    page.evaluate("() => window.__same_document = true")
    for unit in handbook.units.values():
        if not unit.steps:
            continue
        page.evaluate("url => window.location$.next(new URL(url))", tab.site_url + page_url(process_page(unit.id)))
        page.wait_for_function("title => document.querySelector('article h1') && "
                               "document.querySelector('article h1').textContent.startsWith(title)", arg=unit.number + " ")
        status = diagram_status(page)
        assert status["count"] == 1 and status["drawn"] == 1 and status["errors"] == 0, (unit.id, status)
    assert page.evaluate("() => window.__same_document") is True
    assert tab.errors == [] and tab.offsite == []


def test_no_kind_of_page_requests_another_host(tab, handbook):
    """A page of every kind (and the 404 page), as a browser loads it and runs its scripts:
    no CDN, no web font, no API call, no page error. What each page's HTML and CSS name is
    scanned statically for every page below."""
    first_of_kind = {}
    for page in build_pages(handbook).pages:
        first_of_kind.setdefault(page.kind, page)
    assert len(first_of_kind) > 1
    for page in first_of_kind.values():
        tab.goto(page_url(page.path))
    tab.goto("404.html")
    assert tab.offsite == []
    assert tab.errors == []


# What makes a browser fetch by itself, as HTML and CSS write it: src/srcset/poster/data
# attributes, <link> that loads (stylesheet, icon, preload, manifest …), CSS url() and @import.
_LOADS = [
    re.compile(r"""\s(?:src|srcset|poster|data)\s*=\s*["']?\s*((?:https?:|wss?:)?//[^"'\s>]+)""", re.I),
    re.compile(r"""url\(\s*["']?\s*((?:https?:)?//[^"')\s]+)""", re.I),
    re.compile(r"""@import\s+["']\s*((?:https?:)?//[^"']+)""", re.I),
]
_LINK = re.compile(r"<link\s[^>]*>", re.I)
_LINK_HREF = re.compile(r"""\shref\s*=\s*["']?((?:https?:)?//[^"'\s>]+)""", re.I)
_LINK_REL = re.compile(r"""\srel\s*=\s*["']?([^"'>]+)""", re.I)
_NOT_FETCHED = {"canonical", "alternate", "author", "license", "me", "next", "prev", "search", "help"}


def off_host_loads(text: str, local_host: str) -> list[str]:
    found = [match.group(1) for pattern in _LOADS for match in pattern.finditer(text)]
    for tag in _LINK.findall(text):
        href, rel = _LINK_HREF.search(tag), _LINK_REL.search(tag)
        if href and not (rel and set(rel.group(1).lower().split()) <= _NOT_FETCHED):
            found.append(href.group(1))
    return [url for url in found if urlsplit(url if "//" != url[:2] else "http:" + url).netloc != local_host]


def test_off_host_scan_sees_what_a_browser_would_fetch():
    """The scan below must see the ways a page can fetch from elsewhere, and let plain links be."""
    fetching = ['<script src="https://cdn.example/x.js">', "<img srcset='//cdn.example/a.png 2x'>",
                '<link rel="stylesheet" href="https://fonts.example/css">', '<link href="https://x.example/i.png" rel=icon>',
                "body { background: url( 'https://x.example/bg.png') }", '@import "https://x.example/more.css";']
    for text in fetching:
        assert off_host_loads(text, "127.0.0.1:8000"), text
    harmless = ['<a href="https://www.obec.go.th/">สพฐ.</a>', '<link rel="canonical" href="https://site.example/x/">',
                '<script src="../assets/x.js">', '<img src="http://127.0.0.1:8000/a.png">']
    for text in harmless:
        assert off_host_loads(text, "127.0.0.1:8000") == [], text


def test_no_built_page_or_stylesheet_names_a_file_on_another_host(built_site, site_url):
    """Every built HTML page and stylesheet (ours, Material's, Mermaid's): nothing that a
    browser would fetch lives on another host."""
    local_host = urlsplit(site_url).netloc
    scanned, offenders = 0, []
    for path in sorted(built_site.rglob("*")):
        if path.suffix in (".html", ".css") and path.is_file():
            scanned += 1
            offenders += [f"{path.relative_to(built_site)}: {url}"
                          for url in off_host_loads(path.read_text("utf-8", errors="replace"), local_host)]
    assert scanned > len(list(built_site.glob("process/*/index.html")))
    assert offenders == []


@pytest.mark.parametrize("path", ["role/supervisor/", "calendar/", "matrix/", "ref/national-education-act-2542/",
                                  "glossary/", "district/supervision-system-and-networks/"])
def test_cross_reference_pages_render(tab, path):
    page = tab.goto(path)
    assert page.locator("article h1").count() == 1
    assert page.locator("article table, article dl, article ul").count() > 0
    assert tab.errors == []
