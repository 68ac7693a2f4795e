"""Flowcharts as drawn in Chromium: each box carries the number of the step it draws, as
the step list above it writes it; the legend shows exactly the shapes the chart draws;
a phone opens any diagram full-screen, zooms, pans and closes it, also after Material's
instant navigation and from a folder opened as file://.

Material draws diagrams in a closed shadow root: conftest's init script opens it.
"""
from __future__ import annotations

import re

import pytest
from conftest import OPEN_SHADOW_ROOTS, PageWatch, new_context

from hooks.handbook import flowchart, paths
from hooks.handbook.model import walk_steps

# Each drawn box: its shape (as Mermaid draws it: a stadium is a path, a rounded box a
# rect with rx, a diamond a polygon) and its label; each group of sub-steps: its label.
DRAWN = """() => {
  const root = document.querySelector('article .mermaid').shadowRoot;
  const shape = node => {
    const outline = node.querySelector(':scope > .label-container');
    if (!outline) return 'unknown';
    if (outline.tagName === 'polygon') return 'decision';
    if (outline.tagName === 'rect') return Number(outline.getAttribute('rx') || 0) > 0 ? 'rounded' : 'activity';
    return 'terminal';
  };
  const text = element => element.textContent.replace(/\\s+/g, ' ').trim();
  return {
    boxes: [...root.querySelectorAll('g.node')].map(node => ({shape: shape(node), label: text(node.querySelector('.nodeLabel'))})),
    groups: [...root.querySelectorAll('g.cluster')].map(group => text(group.querySelector('.cluster-label'))),
    legend: [...document.querySelectorAll('article .hb-legend [data-shape]')].map(item => item.dataset.shape),
    listed: [...document.querySelectorAll('article li.hb-step > .hb-step-number')].map(text),
  };
}"""


def diagram_pages(handbook):
    """(page, steps, the seed's chart or None) for each page with one diagram."""
    found = [(paths.process_page(unit.id), unit.steps, unit.data.get("flowchart"))
             for unit in handbook.units.values() if unit.steps]
    return found


def wait_for_diagrams(page):
    page.wait_for_function("""() => [...document.querySelectorAll('article .mermaid')].every(
        d => (d.shadowRoot || d).querySelector('svg g.node'))""", timeout=20000)


def leading_number(label: str) -> str | None:
    match = re.match(r"(\d+(?:\.\d+)*) ", label)
    return match.group(1) if match else None


@pytest.fixture(scope="module")
def drawn_charts(browser, site_url, handbook) -> dict:
    """Each process page with a diagram, visited once: (page, steps, the seed's chart, what is drawn)."""
    context = new_context(browser)
    watch = PageWatch(context.new_page(), site_url)
    charts = []
    for path, steps, chart in diagram_pages(handbook):
        page = watch.page
        page.goto(site_url + paths.page_url(path), wait_until="load")
        wait_for_diagrams(page)
        charts.append((path, steps, chart, page.evaluate(DRAWN)))
    page.wait_for_selector("article .hb-legend svg.hb-shape")
    legend_text = page.locator("article .hb-legend").inner_text()
    context.close()
    return {"charts": charts, "legend_text": legend_text, "errors": watch.errors, "offsite": watch.offsite}


def test_each_box_carries_the_number_of_the_step_it_draws(drawn_charts):
    """A chart drawn from the steps: the numbers in its boxes and groups are the step
    list's, each once. A chart the seed prints: every box the seed ties to a step is
    numbered, with a number of the list (tests/test_flowcharts.py checks which)."""
    problems = []
    for path, steps, chart, drawn in drawn_charts["charts"]:
        listed = drawn["listed"]
        assert listed == [step["number"] for step, _, _ in walk_steps(steps, ())], path
        numbers = [leading_number(label) for label in [box["label"] for box in drawn["boxes"]] + drawn["groups"]]
        numbered = [number for number in numbers if number]
        if chart is None:
            if sorted(numbered) != sorted(listed):
                problems.append(f"{path}: boxes {numbered}, steps {listed}")
        else:
            if not set(numbered) <= set(listed) or len(numbered) != sum(1 for node in chart["nodes"] if node.get("step")):
                problems.append(f"{path}: boxes {numbered}, steps {listed}")
    assert drawn_charts["charts"] and problems == []
    assert drawn_charts["errors"] == [] and drawn_charts["offsite"] == []


def test_the_legend_shows_exactly_the_shapes_the_chart_draws(drawn_charts):
    for path, _steps, _chart, drawn in drawn_charts["charts"]:
        shapes = {box["shape"] for box in drawn["boxes"]} | ({"group"} if drawn["groups"] else set())
        assert "unknown" not in shapes, path
        assert set(drawn["legend"]) == shapes | {"arrow"}, path
        assert len(drawn["legend"]) == len(set(drawn["legend"])), path
    # each shape is drawn (an svg), never a character the font may lack
    assert "⬭" not in drawn_charts["legend_text"]


@pytest.fixture
def phone(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    context.add_init_script(OPEN_SHADOW_ROOTS)
    watch = PageWatch(context.new_page(), site_url)
    yield watch
    context.close()


def viewer_state(page) -> dict:
    return page.evaluate("""() => {
        const dialog = document.querySelector('dialog.hb-viewer');
        const canvas = dialog && dialog.querySelector('.hb-viewer-canvas');
        const svg = canvas && canvas.querySelector('svg');
        return {
            open: !!(dialog && dialog.open),
            boxes: svg ? svg.querySelectorAll('g.node').length : 0,
            scale: canvas ? Number(canvas.dataset.scale || 0) : 0,
            transform: canvas ? canvas.style.transform : '',
            fills: dialog ? (r => r.width >= innerWidth - 1 && r.height >= innerHeight - 1)(dialog.getBoundingClientRect()) : false,
        };
    }""")


def page_boxes(page) -> int:
    return page.evaluate("() => document.querySelector('article .mermaid').shadowRoot.querySelectorAll('g.node').length")


def open_viewer(page) -> dict:
    page.locator("article .hb-diagram-open").first.click()
    page.wait_for_function("() => document.querySelector('dialog.hb-viewer[open] .hb-viewer-canvas svg g.node')")
    return viewer_state(page)


def test_a_phone_opens_a_diagram_full_screen_zooms_pans_and_closes_it(phone):
    page = phone.goto(paths.page_url(paths.process_page("qa-external-assessment")))
    wait_for_diagrams(page)
    opened = open_viewer(page)
    assert opened["open"] and opened["fills"] and opened["boxes"] == page_boxes(page)
    # the buttons zoom in and out
    page.locator('dialog.hb-viewer [data-action="in"]').click()
    zoomed = viewer_state(page)
    assert zoomed["scale"] > opened["scale"]
    page.locator('dialog.hb-viewer [data-action="out"]').click()
    assert viewer_state(page)["scale"] < zoomed["scale"]
    # a wheel (or a pinch) zooms around the pointer; a drag pans
    stage = page.locator("dialog.hb-viewer .hb-viewer-stage").bounding_box()
    page.mouse.move(stage["x"] + 100, stage["y"] + 200)
    before = viewer_state(page)
    page.mouse.wheel(0, -400)
    page.wait_for_function("scale => Number(document.querySelector('.hb-viewer-canvas').dataset.scale) > scale",
                           arg=before["scale"])
    panned_from = viewer_state(page)["transform"]
    page.mouse.down()
    page.mouse.move(stage["x"] + 40, stage["y"] + 120, steps=5)
    page.mouse.up()
    assert viewer_state(page)["transform"] != panned_from
    # Esc closes; so does ✕
    page.keyboard.press("Escape")
    assert viewer_state(page)["open"] is False
    open_viewer(page)
    page.locator('dialog.hb-viewer [data-action="close"]').click()
    assert viewer_state(page)["open"] is False
    assert phone.errors == [] and phone.offsite == []


def test_the_viewer_works_after_instant_navigation(phone, handbook):
    page = phone.goto(paths.page_url(paths.process_page("qa-external-assessment")))
    page.evaluate("() => window.__same_document = true")
    for unit_id in ("assessment-classroom", "supervision-networks"):
        unit = handbook.units[unit_id]
        page.evaluate("url => window.location$.next(new URL(url))", phone.site_url + paths.page_url(paths.process_page(unit_id)))
        page.wait_for_function("title => document.querySelector('article h1') && "
                               "document.querySelector('article h1').textContent.startsWith(title)", arg=unit.number + " ")
        wait_for_diagrams(page)
        assert page.locator("article .hb-diagram-open").count() == 1
        opened = open_viewer(page)
        assert opened["open"] and opened["boxes"] == page_boxes(page)
        page.keyboard.press("Escape")
    assert page.evaluate("() => window.__same_document") is True  # no reload happened
    assert phone.errors == [] and phone.offsite == []


def test_the_viewer_works_from_a_folder_opened_as_file(browser, built_site, handbook):
    """Opened from disk, the viewer draws the page's diagram whole, with nothing fetched.
    (Material's instant navigation does not start from file://, and with it Material's
    own drawing of the page's diagrams: the viewer does not depend on it.)"""
    unit = handbook.units["qa-external-assessment"]
    source = flowchart.for_steps_or_chart(unit.steps, unit.data.get("flowchart"), handbook.roles).source
    boxes = len(re.findall(r'^\s+\w+(?:\(\[|\(|\[|\{)"', source, re.MULTILINE))
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(OPEN_SHADOW_ROOTS)
    page = context.new_page()
    errors, offsite = [], []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: offsite.append(request.url) if not request.url.startswith(("file:", "data:")) else None)
    page.goto((built_site / paths.page_url(paths.process_page(unit.id)) / "index.html").as_uri())
    opened = open_viewer(page)
    assert opened["open"] and opened["boxes"] == boxes
    page.keyboard.press("Escape")
    context.close()
    assert errors == [] and offsite == []
