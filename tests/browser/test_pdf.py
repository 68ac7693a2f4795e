"""The PDFs of `./handbook pdf`, made from the built site and read back with poppler.

Each process page links its PDF, which holds every step exactly as the page shows it
(Thai text layer intact: no vowel lost or swapped) and its flowchart drawn; the whole
handbook holds every process title and step in the national manual's order, with a
table of contents whose page numbers are the pages the parts start on.
"""
from __future__ import annotations

import html
import re
import subprocess
import sys
from urllib.parse import urljoin, urlsplit

import pytest

from printed import MARGIN_SIDE, pdf_text, read_pdf, squeezed
from hooks.handbook.paths import page_url, process_page
from conftest import REPO_ROOT
from hooks.publish.pdf import HANDBOOK_PDF, documents, pdf_of_page


@pytest.fixture(scope="session")
def site_pdfs(built_site, handbook):
    """Every PDF, written into the built site by the command `./handbook pdf` runs."""
    result = subprocess.run([sys.executable, "-m", "hooks.publish.pdf", str(built_site)],
                            cwd=REPO_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return {document.file: built_site / document.file for document in documents(handbook)}


def process_units(handbook):
    for unit in handbook.ordered_processes():
        yield unit
        yield from unit.children


def steps_on_the_page(page) -> list[str]:
    """Each step as the page shows it: its number and its text."""
    return page.evaluate("""() => [...document.querySelectorAll('article li.hb-step')].map(li =>
        li.querySelector(':scope > .hb-step-number').textContent + ' ' + li.querySelector(':scope > .hb-step-text').textContent)""")


def test_every_process_page_links_its_pdf_and_the_home_page_the_whole_handbook(tab, site_pdfs, handbook, built_site):
    for docs_path in ["index.md"] + [process_page(unit.id) for unit in process_units(handbook)]:
        page = tab.goto(page_url(docs_path))
        link = page.locator("a.hb-pdf")
        assert link.count() == 1, docs_path
        target = urljoin(page.url, link.get_attribute("href"))
        assert urlsplit(target).path.lstrip("/") == pdf_of_page(docs_path)
        response = page.request.get(target)
        assert response.ok and response.body().startswith(b"%PDF"), docs_path
    assert set(site_pdfs) == {document.file for document in documents(handbook)}
    assert tab.errors == [] and tab.offsite == []


def test_each_process_pdf_holds_every_step_exactly_as_on_the_page(tab, site_pdfs, handbook):
    for unit in process_units(handbook):
        text = squeezed(pdf_text(site_pdfs[pdf_of_page(process_page(unit.id))], layout=True))
        page = tab.goto(page_url(process_page(unit.id)))
        steps = steps_on_the_page(page)
        assert len(steps) == sum(1 for _ in _all_steps(unit.steps)), unit.id
        for step in steps:
            assert squeezed(step) in text, (unit.id, step)
        for child in unit.children:  # a process's PDF holds its sub-processes too
            for step in _all_steps(child.steps):
                assert squeezed(step["text"]) in text, (unit.id, child.id, step["number"])


def _all_steps(steps):
    for step in steps or []:
        yield step
        yield from _all_steps(step.get("substeps"))


def test_pdfs_draw_the_flowcharts_and_keep_every_page_whole(site_pdfs, handbook):
    for unit in process_units(handbook):
        pdf = site_pdfs[pdf_of_page(process_page(unit.id))]
        text = pdf_text(pdf)
        assert "flowchart TD" not in text and "-->" not in text, unit.id  # drawn, not printed as source
        assert b"/Outlines" in pdf.read_bytes(), unit.id  # bookmarks
        for printed_page in read_pdf(pdf):
            assert printed_page.outside() == [], (unit.id, printed_page.number)
            assert printed_page.header() and printed_page.footer(), (unit.id, printed_page.number)


def test_the_whole_handbook_holds_every_process_title_and_step_in_the_manuals_order(site_pdfs, handbook):
    text = squeezed(pdf_text(site_pdfs[HANDBOOK_PDF]))
    position = 0
    for unit in process_units(handbook):
        title = squeezed(f"{unit.number} {unit.title}")
        found = text.find(title, position)
        assert found >= 0, f"{unit.number} {unit.title} missing or out of the manual's order"
        position = found + len(title)
        for step in _all_steps(unit.steps):
            assert squeezed(step["text"]) in text, (unit.id, step["number"])


def test_the_whole_handbook_has_contents_with_the_page_each_part_starts_on(site_pdfs, handbook, built_site):
    pdf = site_pdfs[HANDBOOK_PDF]
    pages = read_pdf(pdf)
    starts = subprocess.run(["pdfinfo", "-dests", str(pdf)], capture_output=True, text=True, check=True).stdout
    starts = {name: int(page) for page, name in re.findall(r'^\s*(\d+)\s.*"(s\d+)"$', starts, re.M)}
    whole = next(document for document in documents(handbook) if document.file == HANDBOOK_PDF)
    assert len(starts) == len(whole.sections) - 1  # every part but the first (before the contents)
    contents_pages = [p for p in pages if squeezed(p.header_right()) == "สารบัญ"]
    contents = squeezed(" ".join(p.content_text() for p in contents_pages))
    # the page numbers of the contents: the column of numbers at the right margin
    numbers = [int(w.text) for p in contents_pages for w in sorted(p.content(), key=lambda w: w.y0)
               if w.text.isdigit() and w.x1 >= p.width - MARGIN_SIDE - 3]
    assert numbers == [starts[f"s{number}"] for number in range(2, len(whole.sections) + 1)]
    position = 0
    for number, section in enumerate(whole.sections[1:], 2):
        title = squeezed(page_heading(built_site, section.docs_path))
        first_page = pages[starts[f"s{number}"] - 1]
        assert squeezed(first_page.content_text()).startswith(title), section.docs_path
        assert squeezed(first_page.header_right()) == title, section.docs_path  # the running header names the part
        found = contents.find(title, position)
        assert found >= 0, f"contents: {section.docs_path} missing or out of order"
        position = found + len(title)
    assert squeezed(pages[-1].footer()) == f"หน้า{len(pages)}/{len(pages)}"


def page_heading(site_dir, docs_path: str) -> str:
    """The h1 of a built page, as text."""
    built = site_dir / (page_url(docs_path) + "index.html")
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", built.read_text("utf-8"), re.S).group(1)
    return html.unescape(re.sub(r"<[^>]+>", "", re.sub(r'<a class="headerlink".*?</a>', "", heading)))


def test_pdf_command_explains_a_missing_site_in_thai(tmp_path):
    result = subprocess.run([sys.executable, "-m", "hooks.publish.pdf", str(tmp_path / "nothing")],
                            cwd=REPO_ROOT, capture_output=True, text=True)
    assert result.returncode == 2
    assert "./handbook build" in result.stderr and "Traceback" not in result.stderr
