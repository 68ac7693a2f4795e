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
    _write(process_file, process, "# yaml-language-server: $schema=../schema/process.schema.json\n")
    abbreviations_file = root / "processes" / "abbreviations.yaml"
    abbreviations = yaml.safe_load(abbreviations_file.read_text("utf-8"))
    for item in abbreviations["abbreviations"]:
        if item["abbr"] == "สทศ.":
            item["expansion"] = HOSTILE_EXPANSION
    _write(abbreviations_file, abbreviations, "")
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
    first = next(label for label in labels if label.startswith("1. "))
    assert first.startswith("1. <script>window.__pwned=2</script> end --> X")
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
