"""Fields from YAML are text: HTML, Markdown and Mermaid syntax typed into them show literally everywhere."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]

HOSTILE_TITLE = '<img src=x onerror="window.__pwned=1"> **ตัวหนา** [ลิงก์](javascript:alert(1)) {: onclick=x}'
HOSTILE_STEP = '<script>window.__pwned=2</script> end --> X["x"]; %%{init: {"securityLevel":"loose"}}%% # หัวข้อ'
HOSTILE_TERM = "<b>คำ</b> *[HTML]: abbr"
HOSTILE_MEANING = '<a href="javascript:alert(3)">คลิก</a> &lt;b&gt; <!-- ซ่อน'
HOSTILE_EXPANSION = 'คำเต็ม" onmouseover="window.__pwned=4'
HOSTILE_CELL = "| a | b |\n<table><tr><td>ตาราง</td></tr></table>"


# A role with an abbreviation: pages that name it by the abbreviation give its name as a title.
UNIT = "supervision-group"


def payload(field: str) -> str:
    """Markup that runs script if it is ever parsed as HTML: in every field that can become a `title`."""
    return f'{field} <img src=x onerror="window.__pwned=\'{field}\'"> ชื่อยาวพอที่แถบข้างจะตัดให้สั้นลงด้วยจุดไข่ปลา'


# Every text that reaches a `title` attribute (a tooltip): titles and names in the
# sidebar (Material sets a shortened entry's title to its text), abbreviations, a unit's
# name behind its abbreviation; and a long step text, shown whole wherever it is listed.
HOSTILE_STEP_LONG = payload("step") + " " + "ขั้นตอนที่ยาวกว่าเจ็ดสิบตัวอักษรจึงถูกย่อในหน้าบทบาทและแสดงเต็มเมื่อชี้" * 2


def _write(path: Path, data, schema_line: str) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(schema_line)
        yaml.safe_dump(data, handle, allow_unicode=True, sort_keys=False, width=1000)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    for entry in ("mkdocs.yml", "docs", "hooks", "processes"):
        source = REPO_ROOT / entry
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / entry)
    process_file = root / "processes" / "national" / "03-1-assessment-classroom.yaml"
    process = yaml.safe_load(process_file.read_text("utf-8"))
    process["title"] = HOSTILE_TITLE
    process["steps"][0]["text"] = HOSTILE_STEP
    process["steps"][0].pop("label", None)
    process.pop("flowchart", None)  # draw the chart from the steps, hostile text included
    process["definitions"][0]["term"] = HOSTILE_TERM
    process["definitions"][0]["meaning"] = HOSTILE_MEANING
    process["summary_table"]["rows"][0][-1] = HOSTILE_CELL
    process["steps"][1]["text"] = HOSTILE_STEP_LONG
    process["steps"][1]["responsible"] = ["supervisor"]
    _write(process_file, process, "# yaml-language-server: $schema=../schema/process.schema.json\n")
    abbreviations_file = root / "processes" / "abbreviations.yaml"
    abbreviations = yaml.safe_load(abbreviations_file.read_text("utf-8"))
    for item in abbreviations["abbreviations"]:
        if item["abbr"] == "สทศ.":
            item["expansion"] = HOSTILE_EXPANSION
        if item["abbr"] == "พ.ศ.":
            item["expansion"] = payload("expansion")
            item["english"] = payload("english")
    _write(abbreviations_file, abbreviations, "")
    edit = {"duties.yaml": lambda d: d["duties"][0].update(title=payload("duty")),
            "roles.yaml": lambda d: [role.update(name=payload("role") if index == 0 else payload("unit"))
                                     for index, role in enumerate(d["roles"]) if index == 0 or role["id"] == UNIT],
            "references/national-education-act-2542.yaml": lambda d: d.update(title=payload("reference")),
            "references/basic-education-core-curriculum-2551.yaml": lambda d: d.update(short_title=payload("short")),
            "district/002-chiang-rai-1-supervisor-manual.yaml": lambda d: d.update(
                title=payload("district"), short_title=payload("district-short"))}
    for name, change in edit.items():
        path = root / "processes" / name
        data = yaml.safe_load(path.read_text("utf-8"))
        change(data)
        _write(path, data, "")
    site = root / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                            cwd=root, capture_output=True, text=True, env={**os.environ, "SITE_URL": ""})
    assert result.returncode == 0, result.stdout + result.stderr
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(
        type("Quiet", (http.server.SimpleHTTPRequestHandler,), {"log_message": lambda *a: None}), directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture
def hostile_page(browser, hostile_site):
    from conftest import new_context

    context = new_context(browser)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (errors.append("dialog: " + d.message), d.dismiss()))
    yield page, hostile_site[1], errors
    context.close()


def _text(value: str) -> str:
    return " ".join(value.split())


def test_hostile_text_shows_literally_on_the_process_page(hostile_page):
    page, base, errors = hostile_page
    page.goto(base + "process/assessment-classroom/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1500)
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("article img[src=x], article script:not([type]), article table table").count() == 0
    assert page.locator("article a[href^='javascript']").count() == 0
    assert page.locator("article h1").inner_text().strip().rstrip("¶") == "3.1 " + _text(HOSTILE_TITLE)
    assert _text(HOSTILE_TITLE) in page.locator("nav.md-nav--primary").inner_text()  # nav shows it as text too
    assert page.locator("#step-1 .hb-step-text").inner_text().strip() == _text(HOSTILE_STEP)
    assert _text(HOSTILE_TERM) in page.locator("dl.hb-definitions dt").first.inner_text()
    assert page.locator("dl.hb-definitions dd").first.inner_text().strip() == _text(HOSTILE_MEANING)
    assert "| a | b | <table><tr><td>ตาราง</td></tr></table>" in _text(page.locator("table.hb-summary").inner_text())
    assert errors == []


def test_hostile_text_is_a_literal_label_in_the_diagram(hostile_page):
    page, base, errors = hostile_page
    page.goto(base + "process/assessment-classroom/")
    page.wait_for_function("() => document.querySelector('.mermaid') && document.querySelector('.mermaid').shadowRoot"
                           " && document.querySelector('.mermaid').shadowRoot.querySelector('svg g')")
    labels = page.evaluate("""() => [...document.querySelector('.mermaid').shadowRoot
        .querySelectorAll('.nodeLabel')].map(e => e.textContent.replace(/\\s+/g, ' ').trim())""")
    first = next(label for label in labels if label.startswith("1 "))  # a box starts with its step's number
    assert first.startswith("1 <script>window.__pwned=2</script> end --> X")
    assert not page.evaluate("() => /Syntax error/.test(document.querySelector('.mermaid').shadowRoot.textContent)")
    assert page.evaluate("() => window.__pwned") is None
    assert errors == []


def test_hostile_text_stays_text_in_tooltips(hostile_page):
    page, base, errors = hostile_page
    page.goto(base + "process/assessment-national/")
    page.wait_for_load_state("networkidle")
    abbr = page.locator("article abbr", has_text="สทศ.").first
    assert abbr.get_attribute("title").startswith(HOSTILE_EXPANSION)
    assert abbr.get_attribute("onmouseover") is None
    abbr.hover()
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__pwned") is None
    assert errors == []


def test_hostile_text_stays_text_in_search_results(hostile_page):
    from test_search import RESULTS_SHOWN

    page, base, errors = hostile_page
    page.goto(base)
    box = page.locator(".md-search__input")
    box.click()
    box.fill("ตัวหนา")
    box.press("End")
    page.wait_for_function(RESULTS_SHOWN, timeout=30000)
    results = page.locator(".md-search-result__list")
    assert results.locator("img, script, a[href^='javascript']").count() == 0
    titles = page.eval_on_selector_all(".md-search-result__list article h1", "els => els.map(e => e.textContent)")
    assert any('<img src=x onerror="window.__pwned=1">' in title for title in titles), titles
    assert page.evaluate("() => window.__pwned") is None
    assert errors == []


def test_no_page_of_the_hostile_build_carries_the_markup(hostile_site, hostile_page):
    """Nowhere in the built site (titles, navigation, tooltips, search data) does the markup survive."""
    site, _base = hostile_site
    import re

    for file in site.rglob("*.html"):
        text = file.read_text("utf-8")
        assert not re.search(r"<img[^>]*onerror|<script>window\.__pwned", text), file.relative_to(site)
    page, base, errors = hostile_page
    page.goto(base + "process/assessment-classroom/")
    assert page.title().startswith("3.1 " + _text(HOSTILE_TITLE))


# Pages of each kind that carry titles: home, process, duty, role, reference, district,
# matrix, glossary, calendar, the role and reference indexes.
TITLED_PAGES = ["", "process/assessment-classroom/", "process/curriculum/", "duty/curriculum-development/", "role/supervisor/",
                "ref/national-education-act-2542/", "district/chiang-rai-1-supervisor-manual/", "matrix/",
                "glossary/", "calendar/", "roles/", "references/"]

NO_SCRIPT_RAN = "() => window.__pwned === undefined && document.querySelectorAll('img[src=x]').length === 0"
TOOLTIP_SHOWN = """() => {
    const tip = document.getElementById('hb-tooltip');
    if (!tip || tip.style.display === 'none') return null;
    const box = tip.getBoundingClientRect();
    return {text: tip.textContent, children: tip.children.length, left: box.left, right: box.right};
}"""


def _truncated_entries(page) -> int:
    """Mark each entry Material shortens with an ellipsis (sidebar, header; it gives them a title)."""
    return page.evaluate("""() => {
        let count = 0;
        for (const el of document.querySelectorAll('.md-ellipsis')) {
            if (el.offsetWidth && el.offsetWidth < el.scrollWidth) {
                (el.closest('a') || el).setAttribute('data-test-truncated', '');
                count++;
            }
        }
        return count;
    }""")


# Every element whose title holds the hostile markup, and a sample of the others, in `scope`.
MARK_TARGETS = """scope => {
    const all = [...document.querySelectorAll(scope)].filter(el => el.offsetParent !== null);
    document.querySelectorAll('[data-test-target]').forEach(el => el.removeAttribute('data-test-target'));
    all.forEach((el, i) => el.setAttribute('data-test-target', i));
    const hostile = all.map((el, i) => /onerror/.test(el.title + el.textContent) ? i : -1).filter(i => i >= 0);
    const others = all.map((_, i) => i).filter(i => !hostile.includes(i));
    const step = Math.max(1, Math.ceil(others.length / 6));
    return hostile.concat(others.filter((_, n) => n % step === 0));
}"""


def _hover_and_focus_each(page, scope: str, width: int, shown_hostile: set) -> int:
    hovered = 0
    for index in page.evaluate(MARK_TARGETS, scope):
        target = page.locator(f'[data-test-target="{index}"]')
        if not target.count():
            continue  # gone with a re-rendered part of the page (Material redraws some)
        try:
            target.hover(timeout=500)
            hovered += 1
        except Exception:  # noqa: BLE001 - covered by another layer: focus still reaches it
            pass
        try:
            target.focus(timeout=500)  # keyboard users reach links and buttons this way
        except Exception:  # noqa: BLE001 - not focusable, or redrawn meanwhile
            pass
        shown = page.evaluate(TOOLTIP_SHOWN)
        if shown:
            if "onerror" in shown["text"]:  # the markup is there as text, not parsed
                shown_hostile.add(shown["text"].split(" ", 1)[0])
            assert shown["children"] == 0
            assert 0 <= shown["left"] and shown["right"] <= width  # inside the viewport
        assert page.evaluate(NO_SCRIPT_RAN), f"script ran at {index} of {scope}"
    page.keyboard.press("Escape")
    return hovered


@pytest.mark.parametrize("viewport", [(1400, 900), (390, 844)], ids=["desktop", "phone"])
def test_no_tooltip_runs_script_on_hover_or_focus(browser, hostile_site, viewport):
    """Hover and focus every element with a title (and every shortened sidebar entry) on
    pages of each kind: no script runs, no image is made, and the tooltip shows the title as text."""
    from conftest import new_context

    context = new_context(browser)
    page = context.new_page()
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    base = hostile_site[1]
    hovered = truncated = 0
    shown_hostile: set = set()
    phone = viewport[0] < 1000
    for path in TITLED_PAGES if not phone else TITLED_PAGES[:2] + ["role/supervisor/", "calendar/"]:
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        if phone:  # the page first, then the sidebar, which is a drawer over the page
            hovered += _hover_and_focus_each(page, "article [title]", viewport[0], shown_hostile)
            page.locator("label.md-header__button[for=__drawer]").click()
            page.wait_for_timeout(400)
        truncated += _truncated_entries(page)
        hovered += _hover_and_focus_each(page, "[title], [data-test-truncated]", viewport[0], shown_hostile)
    assert page.evaluate(NO_SCRIPT_RAN) and dialogs == []
    assert hovered > 20 and truncated > 0  # shortened entries (their title is their text) were among them
    # the hostile texts were really shown as tooltips, as text: an abbreviation's expansion,
    # a unit's full name behind its abbreviation (the calendar's role buttons)
    assert {"expansion", "unit"} <= shown_hostile, shown_hostile
    context.close()


def test_a_tap_on_a_phone_shows_the_whole_text_and_a_second_tap_follows_the_link(browser, hostile_site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    base = hostile_site[1]
    page.goto(base + "process/curriculum/")
    page.wait_for_load_state("networkidle")
    abbr = page.locator("article abbr", has_text="พ.ศ.").first
    abbr.evaluate("el => el.scrollIntoView({block: 'center'})")  # clear of the sticky header
    abbr.tap()
    tip = page.locator("#hb-tooltip")
    assert tip.is_visible()
    assert tip.text_content() == payload("expansion") + " (" + payload("english") + ")"
    page.touchscreen.tap(5, 400)  # tapping elsewhere dismisses it
    assert not tip.is_visible()
    page.goto(base + "calendar/")
    page.wait_for_load_state("networkidle")
    shortened = page.locator("article a.hb-role[title*='onerror']").first.element_handle()  # the unit, by its abbreviation
    full = shortened.get_attribute("title")
    shortened.evaluate("el => el.scrollIntoView({block: 'center'})")
    shortened.tap()
    assert tip.is_visible() and tip.text_content() == full
    assert page.evaluate("() => location.pathname").endswith("/calendar/")  # not followed yet
    shortened.tap()
    page.wait_for_function("() => location.pathname.includes('/role/')")  # instant navigation: no load event
    assert page.evaluate(NO_SCRIPT_RAN)
    context.close()
