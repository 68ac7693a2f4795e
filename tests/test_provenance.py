"""Readers see the handbook, reviewers see provenance.

Seed files, seed numbers, line numbers and YAML field paths are a reviewer's
business: they appear on the errata page (ที่มาและการแก้ไข) and on no other page.
The errata page names each document by its title and links each correction to the
place a reader finds it; every page that shows a document links to that document's
part of the errata page. Printed forms show what the seed prints, without blank rows.
"""
from __future__ import annotations

import re

import pytest

from hooks.handbook import paths, provenance
from hooks.handbook.pages import build_pages

# What only reviewers read.
PROVENANCE = {
    "a seed file": re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b"),
    "a seed's number": re.compile(r"เอกสาร\s*[0-9๐-๙]{3}(?![0-9๐-๙])"),
    "a line number": re.compile(r"บรรทัด(?:ที่)?\s*[0-9๐-๙]"),
    "a YAML field path": re.compile(r"\b[a-z_]+(?:\[[^\]\s]+\])+(?:\.[a-z_]+)*"),
    "a YAML file": re.compile(r"\b[\w/.-]+\.ya?ml\b"),
}
# The Mermaid source of a diagram is not text a reader sees (entity codes, node ids).
_DIAGRAM = re.compile(r"^```mermaid\n.*?^```", re.DOTALL | re.MULTILINE)


@pytest.fixture(scope="module")
def site(handbook):
    return build_pages(handbook)


@pytest.fixture(scope="module")
def pages(site):
    return {page.path: page for page in site.pages}


def shown(page) -> str:
    """What a page shows: its text and attribute values (tooltips), the diagram fence aside."""
    return _DIAGRAM.sub("", page.markdown)


def test_no_reader_page_shows_seed_files_lines_or_field_paths(site):
    found = [f"{page.path}: {what}: {match.group(0)}"
             for page in site.pages if page.path != paths.ERRATA
             for what, pattern in PROVENANCE.items() for match in pattern.finditer(shown(page))]
    assert found == []


def test_the_errata_page_keeps_what_reviewers_need(handbook, pages):
    """Each correction with its seed place and field path, so the rule above is not empty."""
    errata = shown(pages[paths.ERRATA])
    records = [record for source in handbook.files for key in ("errata", "as_printed")
               for record in (source.data or {}).get(key, []) or []]
    assert records
    for what in ("a seed file", "a line number", "a YAML field path", "a YAML file"):
        assert PROVENANCE[what].search(errata), what
    assert all(str(_escaped(record["where"])) in errata for record in records)


def _escaped(text: str) -> str:
    from markupsafe import escape

    return escape(" ".join(text.split()))


def test_the_errata_page_names_each_document_by_its_title(handbook, pages):
    errata = pages[paths.ERRATA].markdown
    for document in provenance.documents(handbook):
        assert f'{{#{document.anchor}}}' in errata or f'id="{document.anchor}"' in errata, document.title
        if document.data.get("errata"):
            heading = next(line for line in errata.splitlines() if line.endswith(f"{{#{document.anchor}}}"))
            assert heading.startswith("### ") and document.source.rel not in heading


# A field path naming a step, a defined term, a clause or a row of the duty analysis
# links to that place (its anchor), not only to the page.
_SPECIFIC = {
    r"(?:subprocesses\[[^\]]+\]\.|sections\[[^\]]+\]\.)?steps\[": "step-",
    r"definitions\[": "term-",
    r"clause-|clauses\[": "clause-",
    r"duty_analysis\[": "analysis-row-",
}


def test_each_correction_links_to_where_a_reader_finds_it(handbook, site):
    """The page and, where the record's field path names one, the step, term or clause."""
    page_paths = {page.path for page in site.pages}
    anchors = {page.path: set(re.findall(r'\bid="([^"]+)"|\{#([^}]+)\}', page.markdown)) for page in site.pages}
    anchors = {path: {a or b for a, b in found} for path, found in anchors.items()}
    problems = []
    for document in provenance.documents(handbook):
        for item in provenance.records(handbook, document, "errata") + provenance.records(handbook, document, "as_printed"):
            where = item.record["where"]
            if not item.places:
                problems.append(f"{document.title}: no place for {where}")
            for place in item.places:
                if place.page not in page_paths or (place.anchor and place.anchor not in anchors[place.page]):
                    problems.append(f"{document.title}: {where} -> {place}")
            for path in provenance.field_paths(where):
                prefix = next((prefix for head, prefix in _SPECIFIC.items() if re.match(head, path)), None)
                if prefix and not any(re.search(rf"(?:^|-){prefix}", place.anchor or "") for place in item.places):
                    problems.append(f"{document.title}: {path} has no {prefix} link")
    assert problems == []


def test_every_page_of_a_document_links_to_its_provenance(handbook, pages):
    for document in provenance.documents(handbook):
        if document.kind not in ("process", "district", "ref"):
            continue
        link = f'href="{paths.href(document.page, paths.ERRATA, document.anchor)}"'
        assert link in pages[document.page].markdown, document.page


def test_printed_forms_have_no_blank_rows(site):
    """A form's row that holds nothing but its number is the conversion's leftover."""
    blank = re.compile(r"<tr><td[^>]*>[^<]*</td>(?:<td[^>]*></td>)+</tr>")
    found = [page.path for page in site.pages if page.kind in ("process", "district") and blank.search(page.markdown)]
    assert found == []
