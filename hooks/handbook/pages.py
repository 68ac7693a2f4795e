"""The site plan: every page kind, and the pages and navigation of a handbook.

`PAGE_KINDS` is the one table of page kinds: for each, the template that draws it
(templates/pages/), the context function that prepares its data (contexts.py), its
path (paths.py), its title, its place in the navigation, the YAML an edit link
opens, and its weight in search. `build_pages(handbook)` walks the handbook in
reading order (`reading_order`: the order of the navigation), renders a page for
each (kind, subject) and builds the navigation from the same walk; the MkDocs hook
only hands the pages to MkDocs.

Each page is Markdown: headings (MkDocs makes the table of contents and permalinks
from them) and diagram fences around finished HTML blocks. Links inside the HTML
are relative to the page (MkDocs does not rewrite raw HTML), and `linkcheck.py`
proves every one of them lands on a page and anchor that exists.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from collections.abc import Callable

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import escape

from . import contexts, paths
from .titles import district_title, duty_title, home_title, unit_title
from .crossrefs import build_crossrefs
from .model import REFERENCE_GROUPS, ROLE_KIND_NAMES, Handbook
from .periods import thai_date
from .problems import inert
from .render import TEMPLATES, Templates, heading
from .text import shorten, squash


@dataclass
class Page:
    path: str  # docs-relative Markdown path, e.g. process/assessment-area.md (paths.py)
    title: str
    markdown: str
    edit_source: str | None = None  # repository path of the YAML it comes from; None: derived from many
    kind: str = ""  # its row in PAGE_KINDS
    search_boost: float | None = None  # below 1: found after the pages it repeats

    def markdown_without_html(self) -> tuple[str, list[str]]:
        """The page's Markdown with each HTML block set aside behind a placeholder
        comment, and the blocks; `restore_html(html, blocks)` puts them back.

        The HTML blocks are finished (escaped, links relative): a Markdown engine
        would only pass them through, at the cost of parsing them, several times
        the cost of the rest of the page. What it still needs to see are the
        headings (table of contents, permalinks) and the diagram fences.
        """
        out: list[str] = []
        blocks: list[str] = []
        block: list[str] = []
        in_fence = False

        def set_aside():
            if block:
                blocks.append("\n".join(block).strip("\n"))
                out.append(f"\n{_HTML_PLACEHOLDER.format(len(blocks) - 1)}\n")
                block.clear()

        for line in self.markdown.split("\n"):
            if in_fence:
                out.append(line)
                in_fence = not line.startswith("```")
            elif line.startswith("<") or (block and not line.strip()):
                block.append(line)
            else:  # a heading, a fence, a blank line: Markdown's
                set_aside()
                out.append(line)
                in_fence = line.startswith("```")
        set_aside()
        return "\n".join(out), blocks


# Text from the YAML is escaped (< becomes &lt;), so no content can forge a placeholder.
_HTML_PLACEHOLDER = "<!--hb-html {}-->"
_HTML_PLACEHOLDERS = re.compile(r"<!--hb-html (\d+)-->")
_ID = re.compile(r'\sid="([^"]*)"')


def restore_html(html_text: str, blocks: list[str]) -> str:
    """The HTML of a page rendered from `Page.markdown_without_html()`, blocks put back."""
    return _HTML_PLACEHOLDERS.sub(lambda m: blocks[int(m.group(1))], html_text)


def anchor_ids(blocks: list[str]) -> set[str]:
    """The ids in a page's set-aside HTML blocks (steps, terms, months, clauses), which
    a Markdown engine never sees: for MkDocs' validation of links to anchors."""
    return {html.unescape(match) for block in blocks for match in _ID.findall(block)}


@dataclass
class Site:
    pages: list = field(default_factory=list)
    nav: list = field(default_factory=list)


# -- the table of page kinds ------------------------------------------------------
@dataclass(frozen=True)
class PageKind:
    """How one kind of page is made and where it goes. Callables take the handbook and
    the page's subject (the duty, process, role, ... it is about; None for pages of
    which there is one)."""

    template: str  # under templates/: pages/<kind>.html
    context: Callable[..., dict]  # contexts.<kind>(handbook, crossrefs, subject)
    path: Callable[[Any], str]  # paths.py
    title: Callable[[Handbook, Any], str]
    nav_group: Callable[[Handbook, Any], tuple]  # the navigation's sections above the page, from the top
    nav_title: Callable[[Handbook, Any], str] | None = None  # the navigation's name, when shorter than the title
    edit_source: Callable[[Handbook, Any], str | None] = lambda handbook, subject: None
    search_boost: float | None = None  # below 1: ranked after the pages it repeats


def _fixed(value):
    return lambda *_args: value


def _front_file(handbook: Handbook, _subject=None) -> str | None:
    return handbook.front.rel if handbook.front else None


def _registry(kind: str):
    return lambda handbook, _subject: handbook.registry_files[kind].rel


DUTIES = "หน้าที่และกระบวนงาน"
ROLES = "บทบาท"
REFERENCES = "กฎหมายและเอกสารอ้างอิง"
DISTRICTS = "แนวปฏิบัติระดับเขต"
APPENDIX = "ภาคผนวก"


def _duty_group(duty: dict) -> tuple:
    return (DUTIES, f"{duty['number']}. {shorten(duty['title'], 60)}")


def _process_group(handbook: Handbook, unit) -> tuple:
    """A process sits in its duty's section; one with sub-processes heads a section of its own."""
    top = unit.parent or unit
    group = _duty_group(handbook.duties[top.duty])
    return (*group, unit_title(top)) if top.children else group


def _reference_group(reference: dict) -> tuple:
    return (REFERENCES, next(group for group, kinds in REFERENCE_GROUPS.items() if reference["kind"] in kinds))


PAGE_KINDS: dict[str, PageKind] = {
    "home": PageKind(
        "pages/home.html", contexts.home, _fixed(paths.HOME), lambda handbook, _: home_title(handbook),
        nav_group=_fixed(()), nav_title=_fixed("หน้าแรก"), edit_source=_front_file),
    "duty": PageKind(
        "pages/duty.html", contexts.duty, lambda duty: paths.duty_page(duty["id"]),
        lambda handbook, duty: duty_title(duty),
        nav_group=lambda handbook, duty: _duty_group(duty), edit_source=_registry("duties")),
    "process": PageKind(
        "pages/process.html", contexts.process, lambda unit: paths.process_page(unit.id),
        lambda handbook, unit: unit_title(unit),
        nav_group=_process_group, edit_source=lambda handbook, unit: unit.source.rel),
    "calendar": PageKind(
        "pages/calendar.html", contexts.calendar, _fixed(paths.CALENDAR), _fixed("ปฏิทินการปฏิบัติงานตามปีงบประมาณ"),
        nav_group=_fixed(()), nav_title=_fixed("ปฏิทินการปฏิบัติงาน")),
    "roles": PageKind(
        "pages/roles.html", contexts.roles, _fixed(paths.ROLES), _fixed("บทบาทและผู้เกี่ยวข้อง"),
        nav_group=_fixed((ROLES,)), edit_source=_registry("roles")),
    "matrix": PageKind(
        "pages/matrix.html", contexts.matrix, _fixed(paths.MATRIX), _fixed("ตารางบทบาท × กระบวนงาน"),
        nav_group=_fixed((ROLES,))),
    "role": PageKind(
        "pages/role.html", contexts.role, lambda role: paths.role_page(role["id"]), lambda handbook, role: role["name"],
        nav_group=lambda handbook, role: (ROLES, ROLE_KIND_NAMES[role["kind"]]), edit_source=_registry("roles")),
    "references": PageKind(
        "pages/references.html", contexts.references, _fixed(paths.REFERENCES), _fixed("กฎหมายและเอกสารอ้างอิง"),
        nav_group=_fixed((REFERENCES,))),
    "reference": PageKind(
        "pages/reference.html", contexts.reference, lambda reference: paths.reference_page(reference["id"]),
        lambda handbook, reference: reference["title"],
        nav_group=lambda handbook, reference: _reference_group(reference),
        nav_title=lambda handbook, reference: reference.get("short_title") or reference["title"],
        edit_source=lambda handbook, reference: handbook.references[reference["id"]].rel),
    "districts": PageKind(
        "pages/districts.html", contexts.districts, _fixed(paths.DISTRICTS), _fixed("แนวปฏิบัติของสำนักงานเขตพื้นที่การศึกษา"),
        nav_group=_fixed((DISTRICTS,))),
    # A district's manual is a local version of national processes, which staff look for first.
    "district": PageKind(
        "pages/district.html", contexts.district, lambda district: paths.district_page(district["id"]),
        lambda handbook, district: district_title(district),
        nav_group=_fixed((DISTRICTS,)), edit_source=lambda handbook, district: handbook.districts[district["id"]].rel,
        search_boost=0.85),
    "duty-analysis": PageKind(
        "pages/duty-analysis.html", contexts.duty_analysis, _fixed(paths.DUTY_ANALYSIS),
        _fixed("ตารางวิเคราะห์บทบาท อำนาจ หน้าที่"), nav_group=_fixed((APPENDIX,)), edit_source=_front_file),
    "glossary": PageKind(
        "pages/glossary.html", contexts.glossary, _fixed(paths.GLOSSARY), _fixed("อภิธานศัพท์และคำย่อ"),
        nav_group=_fixed((APPENDIX,))),
    "bibliography": PageKind(
        "pages/bibliography.html", contexts.bibliography, _fixed(paths.BIBLIOGRAPHY), _fixed("บรรณานุกรม"),
        nav_group=_fixed((APPENDIX,)), edit_source=_front_file),
    "committees": PageKind(
        "pages/committees.html", contexts.committees, _fixed(paths.COMMITTEES), _fixed("คณะทำงาน"),
        nav_group=_fixed((APPENDIX,)), edit_source=_front_file),
    # The errata repeat the handbook's text for reviewers: found after the text itself.
    "errata": PageKind(
        "pages/errata.html", contexts.errata, _fixed(paths.ERRATA),
        _fixed("บันทึกการแก้ไขข้อผิดพลาดจากการแปลงเอกสาร (Errata)"),
        nav_group=_fixed((APPENDIX,)), nav_title=_fixed("บันทึกการแก้ไข (Errata)"), search_boost=0.5),
}


def reading_order(handbook: Handbook):
    """(kind, subject) of every page, in the order of the navigation."""
    yield "home", None
    for duty in handbook.ordered_duties():
        yield "duty", duty
        for unit in handbook.processes_of_duty(duty["id"]):
            yield "process", unit
            for child in unit.children:
                yield "process", child
    yield "calendar", None
    yield "roles", None
    yield "matrix", None
    for kind in ROLE_KIND_NAMES:
        for role in handbook.roles.values():
            if role["kind"] == kind:
                yield "role", role
    yield "references", None
    for reference in handbook.ordered_references():  # ordered by kind, as the groups are
        yield "reference", reference
    yield "districts", None
    for district in handbook.ordered_districts():
        yield "district", district
    for kind in ("duty-analysis", "glossary", "bibliography", "committees", "errata"):
        yield kind, None


def build_pages(handbook: Handbook, content_date: date | None = None) -> Site:
    """Every page of the site, and the navigation, from a loaded handbook. `content_date`:
    when the content last changed (history.py), a fact the build knows and the home
    page prints; without it the pages say nothing of it."""
    crossrefs = build_crossrefs(handbook)
    templates = Templates(handbook, crossrefs)
    site = Site()
    entries = []
    for kind_name, subject in reading_order(handbook):
        kind = PAGE_KINDS[kind_name]
        page = Page(path=kind.path(subject), title=kind.title(handbook, subject), markdown="",
                    edit_source=kind.edit_source(handbook, subject), kind=kind_name, search_boost=kind.search_boost)
        page.markdown = templates.render(kind.template, page, content_date=thai_date(content_date) if content_date else None,
                                         **kind.context(handbook, crossrefs, subject))
        site.pages.append(page)
        nav_title = kind.nav_title(handbook, subject) if kind.nav_title else page.title
        entries.append((kind.nav_group(handbook, subject), nav_title, page.path))
    site.nav = navigation(entries)
    return site


def navigation(entries: list[tuple[tuple, str, str]]) -> list:
    """MkDocs' nested navigation from (sections, title, path) in reading order: a section
    appears where its first page does. Titles are printed by the theme as HTML: they
    arrive escaped."""
    nav: list = []
    sections = {(): nav}
    for groups, title, path in entries:
        for depth in range(1, len(groups) + 1):
            if groups[:depth] not in sections:
                sections[groups[:depth]] = []
                sections[groups[:depth - 1]].append({_nav_text(groups[depth - 1]): sections[groups[:depth]]})
        sections[groups].append({_nav_text(title): path})
    return nav


def _nav_text(title: str) -> str:
    return str(escape(squash(title)))


__all__ = ["PAGE_KINDS", "Page", "Site", "anchor_ids", "build_pages", "problem_site", "reading_order", "restore_html"]


def problem_site(problems: list, last_good: Site | None) -> Site:
    """Under `mkdocs serve`, while the content is broken: every page of the last good
    build (or only the home page) lists the problems, so the reader's open page shows
    them on the next reload; the navigation stays that of the last good build."""
    environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True)
    environment.filters["inert"] = inert
    listed = [{"place": f"{problem.file}:{problem.line}" if problem.line else problem.file, "field": problem.field,
               "message": problem.message, "fix": problem.fix} for problem in sorted(set(problems))]
    markdown = environment.get_template("serve/content-problems.html").render(problems=listed, heading=heading)
    shown = [page.path for page in last_good.pages] if last_good else [paths.HOME]
    nav = last_good.nav if last_good else [{_nav_text("พบปัญหาในเนื้อหา"): paths.HOME}]
    return Site(pages=[Page(path=path, title="พบปัญหาในเนื้อหา", markdown=markdown) for path in shown], nav=nav)
