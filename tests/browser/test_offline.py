"""The offline copy (`./handbook build --offline`) opened straight from disk in Chromium.

Built as the command builds it (HANDBOOK_OFFLINE=1, then a PDF and the zip), opened
through file:// URLs: every link names a file that exists, pages follow each other,
every diagram draws, search finds and ranks exactly as on the served site for every
evaluation query, and no request leaves the machine. (Firefox reads the same files;
it is not installed here, so it is not tested.)
"""
from __future__ import annotations

import html
import json
import os
import posixpath
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from conftest import REPO_ROOT, PageWatch, new_context
from hooks.handbook.paths import process_page
from hooks.publish.offline import SEARCH_SCRIPTS, SHIM
from test_pages import diagram_status

ONE_PDF = "pdf/qa-research.pdf"  # the PDF step of the command, kept to one PDF here (tests/browser/test_pdf.py has them all)
QUERIES = [item["q"] for item in yaml.safe_load((REPO_ROOT / "tests/benchmarks/search_queries.yaml").read_text("utf-8"))["queries"]]
_HREF = re.compile(r'<(?:a|link)\s[^>]*?\bhref="([^"]*)"')


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> Path:
    """site-offline/ and site-offline.zip, made by the steps of `./handbook build --offline`."""
    folder = tmp_path_factory.mktemp("offline") / "site-offline"
    env = {**os.environ, "HANDBOOK_OFFLINE": "1"}
    for step in (["-m", "mkdocs", "build", "--strict", "-q", "-d", str(folder)],
                 ["-m", "hooks.publish.pdf", str(folder), "--only", ONE_PDF],
                 ["-m", "hooks.publish.offline", "zip", str(folder)]):
        result = subprocess.run([sys.executable, *step], cwd=REPO_ROOT, env=env, capture_output=True, text=True)
        assert result.returncode == 0, f"{step}:\n{result.stdout}\n{result.stderr}"
    return folder


@pytest.fixture
def disk_tab(browser, offline_site):
    """A tab on the offline copy; every http(s) request counts as leaving the machine."""
    context = new_context(browser)
    watch = PageWatch(context.new_page(), offline_site.as_uri() + "/")
    yield watch
    context.close()


def test_every_link_of_every_page_names_a_file_that_exists(offline_site):
    checked = 0
    for page in sorted(offline_site.rglob("*.html")):
        rel = page.relative_to(offline_site).as_posix()
        if rel == "404.html":  # shown by web servers only; it links from the site's root
            continue
        for href in _HREF.findall(page.read_text("utf-8")):
            href = html.unescape(href)
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), unquote(parts.path)))
            assert not href.split("#")[0].endswith("/"), f"{rel}: {href} is a folder, not a file"
            if target.startswith("pdf/") and target != ONE_PDF:
                continue  # written by the command's PDF step (one of them is made here)
            assert (offline_site / target).is_file(), f"{rel}: {href} -> {target} does not exist"
            checked += 1
    assert checked > 1000


def test_pages_follow_each_other_from_disk_and_draw_their_diagrams(disk_tab, handbook):
    page = disk_tab.goto("index.html")
    page.locator('.hb-duty-card a[href$="process/media-research.html"]').click()
    page.wait_for_url(re.compile(r".*/process/media-research\.html$"))
    assert page.locator("article h1").inner_text().startswith(handbook.units["media-research"].number)
    page.locator("a.hb-role").first.click()
    page.wait_for_load_state("load")
    assert re.search(r"/role/[a-z0-9-]+\.html(#.*)?$", page.url) and page.locator("article h1").count() == 1
    for unit in handbook.units.values():
        page = disk_tab.goto(process_page(unit.id).replace(".md", ".html"))
        status = diagram_status(page)
        expected = 1 if unit.steps else 0
        assert (status["count"], status["drawn"], status["errors"]) == (expected, expected, 0), unit.id
    assert disk_tab.errors == [] and disk_tab.offsite == []


def test_the_pdf_link_opens_the_pdf_from_disk(disk_tab, offline_site):
    page = disk_tab.goto("process/qa-research.html")
    target = Path(unquote(urlsplit(page.locator("a.hb-pdf").evaluate("a => a.href")).path))
    assert target == offline_site / ONE_PDF and target.read_bytes().startswith(b"%PDF")


# Material's result line says results arrived ("พบ # เอกสารที่ตรงกัน", "ไม่พบ...").
RUN_QUERY = """async (query) => {
  const t = JSON.parse(document.getElementById('__config').textContent).translations;
  const other = new RegExp('^' + t['search.result.other'].replace(/[.*+?^${}()|[\\]\\\\]/g, '\\\\$&')
    .replace('#', '(?:มากกว่า )?[0-9,.]+') + '$');  // ui.js: "มากกว่า 60" when capped
  const shown = () => { const text = document.querySelector('.md-search-result__meta').textContent.trim();
    return text === t['search.result.none'] || text === t['search.result.one'] || other.test(text); };
  const input = document.querySelector('.md-search__input');
  const wait = async (done) => { const t0 = performance.now();
    while (!done()) { if (performance.now() - t0 > 20000) throw new Error('no results for ' + query);
      await new Promise(r => setTimeout(r, 10)); } };
  input.focus();
  input.value = '';
  input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true}));
  await wait(() => !shown() && !document.querySelector('.md-search-result__list li'));
  input.value = query;
  input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true}));
  await wait(shown);
  return [...document.querySelectorAll('.md-search-result__list > li')].map(li =>
    [...li.querySelectorAll('a.md-search-result__link')].map(a => a.href));
}"""


def results(page, base: str, query: str) -> list[list[str]]:
    """Every result of a query as site paths (x/ and x.html alike), page by page."""
    def site_path(url: str) -> str:
        parts = urlsplit(url)
        path = unquote(parts.path)[len(unquote(urlsplit(base).path)):]
        path = re.sub(r"(^|/)index\.html$", r"\1", path)
        path = re.sub(r"\.html$", "/", path)
        return path + (f"#{parts.fragment}" if parts.fragment else "")
    return [[site_path(url) for url in item] for item in page.evaluate(RUN_QUERY, query)]


def open_search(watch, path: str):
    page = watch.goto(path)
    page.locator(".md-search__input").click()
    return page


def test_search_from_disk_finds_and_ranks_exactly_as_on_the_server(tab, disk_tab):
    served = open_search(tab, "")
    from_disk = open_search(disk_tab, "index.html")
    differences = []
    for query in QUERIES:
        on_server = results(served, tab.site_url, query)
        on_disk = results(from_disk, disk_tab.site_url, query)
        if on_server != on_disk:
            differences.append((query, [r[0] for r in on_server[:3]], [r[0] for r in on_disk[:3]]))
    assert differences == []
    assert any(results(from_disk, disk_tab.site_url, query) for query in QUERIES[:5])
    assert disk_tab.errors == [] and disk_tab.offsite == [] and tab.offsite == []


def test_search_data_scripts_hold_the_same_data_as_the_server_files(offline_site):
    for json_file, (script_file, variable) in SEARCH_SCRIPTS.items():
        script = (offline_site / script_file).read_text("utf-8")
        prefix = f"var {variable} = "
        assert script.startswith(prefix)
        assert json.loads(script[len(prefix):]) == json.loads((offline_site / json_file).read_text("utf-8"))
    assert SHIM in (offline_site / "index.html").read_text("utf-8")


def test_the_zip_holds_the_whole_folder(offline_site):
    archive = offline_site.with_name(offline_site.name + ".zip")
    with zipfile.ZipFile(archive) as zipped:
        names = set(zipped.namelist())
    on_disk = {f"{offline_site.name}/{path.relative_to(offline_site).as_posix()}" for path in offline_site.rglob("*") if path.is_file()}
    assert names == on_disk
    assert f"{offline_site.name}/index.html" in names and f"{offline_site.name}/{ONE_PDF}" in names
