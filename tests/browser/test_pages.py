"""The built site in Chromium: pages load cleanly, diagrams draw, nothing is fetched from another host."""
from __future__ import annotations

import re

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
    assert page.evaluate("() => window.__same_document") is True  # no full reload happened
    status = diagram_status(page)
    assert status["count"] == 1 and status["drawn"] == 1 and status["errors"] == 0
    page.go_back()
    page.locator('.hb-duty-card a[href$="process/inter-agency-work/"]').click()
    page.wait_for_url(re.compile(r".*/process/inter-agency-work/(#.*)?$"))
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


def test_no_page_of_the_site_requests_another_host(tab, handbook):
    """Every page, as a browser loads it: no CDN, no web font, no API call, no page error."""
    site = build_pages(handbook)
    paths = [page_url(p.path) for p in site.pages]
    assert paths
    for path in paths:
        tab.goto(path)
    assert tab.offsite == []
    assert tab.errors == []


@pytest.mark.parametrize("path", ["role/supervisor/", "calendar/", "matrix/", "ref/national-education-act-2542/",
                                  "glossary/", "district/supervision-system-and-networks/"])
def test_cross_reference_pages_render(tab, path):
    page = tab.goto(path)
    assert page.locator("article h1").count() == 1
    assert page.locator("article table, article dl, article ul").count() > 0
    assert tab.errors == []
