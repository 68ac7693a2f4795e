"""Where every page lives and every anchor on it, and the links between them.

The one place for addresses: a page's path (docs-relative Markdown path, as MkDocs
knows it: `role/supervisor.md`), its URL (`role/supervisor/`), the anchors the
generated pages carry (steps, terms, months, clauses, district sections), and the
relative link from one generated page to another (`href`). Templates reach these
functions as `paths.…`; nothing else spells a path or an anchor.
"""
from __future__ import annotations

from functools import cache

# Pages of which the site has one.
HOME = "index.md"
CALENDAR = "calendar.md"
ROLES = "roles.md"
MATRIX = "matrix.md"
REFERENCES = "references.md"
DISTRICTS = "districts.md"
DUTY_ANALYSIS = "duty-analysis.md"
GLOSSARY = "glossary.md"
BIBLIOGRAPHY = "bibliography.md"
COMMITTEES = "committees.md"
ERRATA = "errata.md"


# Pages of which the site has one per duty, process, role, reference, district manual.
def duty_page(duty_id: str) -> str:
    return f"duty/{duty_id}.md"


def process_page(unit_id: str) -> str:
    """A process of the national manual, or one of its sub-processes."""
    return f"process/{unit_id}.md"


def role_page(role_id: str) -> str:
    return f"role/{role_id}.md"


def reference_page(reference_id: str) -> str:
    return f"ref/{reference_id}.md"


def district_page(district_id: str) -> str:
    return f"district/{district_id}.md"


# Anchors.
def step_anchor(number: str, section_id: str | None = None) -> str:
    """A step's anchor on its page: step-3-1 for step 3.1; on a district page the
    section's id comes first (sections number their steps from 1 each)."""
    anchor = "step-" + str(number).replace(".", "-")
    return f"{section_id}-{anchor}" if section_id else anchor


def step_place(ref) -> tuple[str, str]:
    """The page and anchor of a step (a model.StepRef): its process's or its district manual's."""
    if ref.unit is not None:
        return process_page(ref.unit.id), step_anchor(ref.step["number"])
    return district_page(ref.district["id"]), step_anchor(ref.step["number"], ref.section["id"])


def term_anchor(term_id: str) -> str:
    """A defined term, on the process page that defines it and in the glossary alike."""
    return f"term-{term_id}"


def month_anchor(month: int) -> str:
    """A month of the fiscal year (0 = October), in the calendar and in a role's months
    alike: month-1 is October (search's role + month rule reads these)."""
    return f"month-{month + 1}"


# A role's work by month on its page (the calendar and the home page link to it).
ROLE_MONTHS = "months"


def letter_anchor(letter: str) -> str:
    """A letter of the glossary's ก–ฮ index: its code point (letter-e01 for ก), an ASCII id."""
    return f"letter-{ord(letter):x}"


def clause_anchor(clause: dict) -> str:
    """A clause of a reference's text: its anchor is written in the reference's YAML (`anchor:`)."""
    return clause["anchor"]


def section_anchor(section: dict) -> str:
    """A section of a district manual: its id, written in the manual's YAML."""
    return section["id"]


# The headings of a process page, by the YAML field each shows (the errata page links
# a correction to the heading its field is under).
PROCESS_SECTIONS = {
    "objectives": "objectives", "scope": "scope", "definitions": "definitions", "subprocesses": "subprocesses",
    "steps": "steps", "flowchart": "flowchart", "forms": "forms", "forms_intro": "forms",
    "references": "references", "summary_table": "summary-table", "districts": "districts",
}
# The text of a legal reference (its preamble, clauses and closing), on its page.
REFERENCE_TEXT = "text"


def analysis_row_anchor(index: int) -> str:
    """A row of the duty-analysis table (0 = the first row of handbook.yaml's duty_analysis)."""
    return f"analysis-row-{index + 1}"


def committee_anchor(index: int) -> str:
    """A working committee on the committees page (0 = the first)."""
    return f"committee-{index + 1}"


def source_anchor(kind: str, subject_id: str) -> str:
    """A document's part of the errata page (where its content comes from, its corrections):
    kind is process, district, ref, handbook or registry."""
    return f"source-{kind}-{subject_id}"


AS_PRINTED = "as-printed"  # the errata page's list of text kept as printed


# URLs and links.
def page_url(path: str) -> str:
    """Directory-style URL of a docs path: process/x.md -> process/x/, index.md -> ''."""
    if path == HOME:
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


@cache  # pages repeat the same links many times
def href(from_path: str, to_path: str, anchor: str | None = None) -> str:
    """Relative link from one generated page to another (MkDocs does not rewrite links in HTML)."""
    here, target = page_url(from_path), page_url(to_path)
    if here == target and anchor:
        return f"#{anchor}"
    # Directory URLs: up from here to the folder both share, then down to the target.
    here_parts, target_parts = here.split("/")[:-1], target.split("/")[:-1]
    shared = 0
    while shared < min(len(here_parts), len(target_parts)) and here_parts[shared] == target_parts[shared]:
        shared += 1
    relative = "../" * (len(here_parts) - shared) + "".join(part + "/" for part in target_parts[shared:])
    return (relative or "./") + (f"#{anchor}" if anchor else "")
