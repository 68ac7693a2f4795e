"""Every page of the site, generated from the handbook as Markdown with escaped HTML blocks.

`build_pages(handbook)` returns `Page`s (path, title, Markdown, YAML source) and
the navigation; the MkDocs hook only hands them to MkDocs. Links inside HTML
blocks are written relative to the page (MkDocs does not rewrite raw HTML), and
`linkcheck.py` proves every one of them lands on a page and anchor that exists.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from . import flowchart
from .crossrefs import CrossRefs, build_crossrefs
from .model import KIND_NAMES, REFERENCE_GROUPS, ROLE_KIND_NAMES, Handbook, StepRef, Unit, step_anchor, walk_steps
from .periods import FISCAL_MONTHS, MONTH_NAMES, describe, months_of
from .text import Abbreviations, attr, html_text, md_text, shorten, thai_sort_key
from .validation import clauses_by_anchor

HANDBOOK_GROUP = "กลุ่มนิเทศ ติดตาม และประเมินผลการจัดการศึกษา"
ROLE_FIELDS = ("ผู้รับผิดชอบ", "ผู้มีส่วนร่วม")


@dataclass
class Page:
    path: str  # docs-relative Markdown path, e.g. process/assessment-area.md
    title: str
    markdown: str
    edit_source: str | None = None  # repository path of the YAML it comes from

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


def restore_html(html: str, blocks: list[str]) -> str:
    """The HTML of a page rendered from `Page.markdown_without_html()`, blocks put back."""
    return _HTML_PLACEHOLDERS.sub(lambda m: blocks[int(m.group(1))], html)


@dataclass
class Site:
    pages: list = field(default_factory=list)
    nav: list = field(default_factory=list)


def page_url(path: str) -> str:
    """Directory-style URL of a docs path: process/x.md -> process/x/, index.md -> ''."""
    if path == "index.md":
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


def href(from_path: str, to_path: str, anchor: str | None = None) -> str:
    """Relative link from one generated page to another (raw HTML is not rewritten by MkDocs)."""
    here, target = page_url(from_path), page_url(to_path)
    if here == target and anchor:
        return f"#{anchor}"
    rel = posixpath.relpath("/" + target, "/" + here)
    rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{anchor}" if anchor else "")


# Pages that only cross-reference (the lean reference build of the benchmark leaves them out).
CROSS_REFERENCE_PAGES = ("role/", "ref/", "roles.md", "matrix.md", "references.md", "calendar.md", "glossary.md")


class _Renderer:
    def __init__(self, handbook: Handbook, lean: bool = False, titles_only: bool = False):
        self.hb = handbook
        self.lean = lean or titles_only
        self.titles_only = titles_only
        self.x: CrossRefs = build_crossrefs(handbook)
        self.abbr = Abbreviations(handbook.abbreviations)
        self.path = "index.md"  # page being rendered
        self.terms = {definition["id"]: definition for _u, definition, _s, _p in handbook.definitions()}
        self.step_order = {id(ref.step): n for n, ref in enumerate(handbook.all_steps())}  # handbook order

    # -- small pieces -------------------------------------------------
    def t(self, text) -> str:
        return html_text(text, self.abbr)

    def link(self, to_path: str, text: str, anchor: str | None = None, cls: str | None = None,
             title: str | None = None) -> str:
        if self.lean and to_path.startswith(CROSS_REFERENCE_PAGES):
            return self.t(text)
        klass = f' class="{cls}"' if cls else ""
        hover = f' title="{attr(" ".join(title.split()))}"' if title else ""
        return f'<a{klass}{hover} href="{attr(href(self.path, to_path, anchor))}">{self.t(text)}</a>'

    def role_link(self, role_id: str) -> str:
        return self.link(f"role/{role_id}.md", self.hb.roles[role_id]["name"], cls="hb-role")

    def unit_link(self, unit: Unit, anchor: str | None = None, text: str | None = None) -> str:
        return self.link(unit.page, text or f"{unit.number} {unit.title}", anchor)

    def ref_link(self, ref_id: str, text: str | None = None, anchor: str | None = None) -> str:
        data = self.hb.references[ref_id].data
        return self.link(f"ref/{ref_id}.md", text or data["title"], anchor)

    def duty_link(self, duty_id: str, with_number: bool = True) -> str:
        duty = self.hb.duties[duty_id]
        text = f"{duty['number']}. {duty['title']}" if with_number else duty["title"]
        return self.link(f"duty/{duty_id}.md", text)

    def district_link(self, district: dict, text: str | None = None, anchor: str | None = None) -> str:
        return self.link(f"district/{district['id']}.md", text or district_title(district), anchor)

    def step_place_link(self, ref: StepRef, text: str | None = None, title: str | None = None) -> str:
        place = ref.unit.page if ref.unit is not None else f"district/{ref.district['id']}.md"
        return self.link(place, f"{ref.step['number']} {text or ref.step['text']}", ref.anchor, title=title)

    def owner_link(self, ref: StepRef) -> str:
        if ref.unit is not None:
            return self.unit_link(ref.unit)
        return self.district_link(ref.district)

    @staticmethod
    def heading(level: int, text: str, anchor: str | None = None) -> str:
        suffix = f" {{#{anchor}}}" if anchor else ""
        return f"{'#' * level} {md_text(text)}{suffix}\n"

    def ul(self, items: list[str], cls: str | None = None) -> str:
        if not items:
            return ""
        klass = f' class="{cls}"' if cls else ""
        return f"<ul{klass}>\n" + "\n".join(f"<li>{item}</li>" for item in items) + "\n</ul>\n"

    def table(self, columns: list[str], rows: list[list[str]], cls: str = "hb-table", escaped: bool = False,
              searchable: bool = True) -> str:
        head = "".join(f"<th>{self.t(c)}</th>" for c in columns)
        body = ["<tr>" + "".join(f"<td>{cell if escaped else self.t(cell)}</td>" for cell in row) + "</tr>"
                for row in rows]
        return table_html(head, body, cls, searchable)

    def paragraphs(self, texts) -> str:
        return "".join(f"<p>{self.t(text)}</p>\n" for text in texts or [])

    def mermaid(self, source: str | None) -> str:
        if not source or self.lean:
            return ""
        return f"\n```mermaid\n{source}```\n"

    def source_text(self, source: dict) -> str:
        """Where a page's content comes from: a converted seed (by its number) or another document."""
        return self.t(f"เอกสาร {source['seed'][:3]}" if source.get("seed") else source["document"])

    def period_text(self, step: dict) -> str:
        parts = []
        if "period" in step:
            parts.append(describe(step["period"]))
        if step.get("period_text") and step.get("period_text") != step.get("period"):
            parts.append(f"({step['period_text']})")
        return " ".join(parts)

    # -- steps ----------------------------------------------------------
    def steps_html(self, steps: list, section: str | None = None) -> str:
        return f'<ol class="hb-steps">\n{self._steps_items(steps, section)}</ol>\n'

    def _steps_items(self, steps: list, section: str | None) -> str:
        out = []
        for step in steps:
            meta = []
            if "period" in step or "period_text" in step:
                meta.append(("ระยะเวลา", self.t(self.period_text(step))))
            if step.get("responsible"):
                meta.append(("ผู้รับผิดชอบ", " ".join(self.role_link(r) for r in step["responsible"])))
            if step.get("responsible_text"):
                meta.append(("ผู้รับผิดชอบ (ตามต้นฉบับ)", self.t(step["responsible_text"])))
            if step.get("participants"):
                meta.append(("ผู้มีส่วนร่วม", " ".join(self.role_link(r) for r in step["participants"])))
            if step.get("standard"):
                meta.append(("มาตรฐานคุณภาพงาน", self.t(step["standard"])))
            if step.get("outputs"):
                meta.append(("ผลผลิต", "; ".join(self.t(o) for o in step["outputs"])))
            if step.get("terms"):
                meta.append(("คำศัพท์", " ".join(self.link("glossary.md", self.terms[t]["term"], f"term-{t}") for t in step["terms"])))
            if "decision" in step:
                decision = step["decision"]
                text = decision.get("question") or step.get("label") or step["text"]
                detail = f"{self.t(text)} — {self.t(decision.get('pass') or flowchart.DEFAULT_PASS)}: ดำเนินการต่อ"
                if decision.get("retry"):
                    anchor = step_anchor(decision["retry"], section)
                    back = f'<a href="#{attr(anchor)}">{self.t(decision["retry"])}</a>'
                    improve = f"{self.t(decision['improve'])} แล้ว" if decision.get("improve") else ""
                    detail += f"; {self.t(decision.get('fail') or flowchart.DEFAULT_FAIL)}: {improve}กลับไปขั้นตอนที่ {back}"
                meta.append(("การตัดสินใจ", detail))
            meta_html = ""
            if meta:
                # Role badges repeat the role's name on every step: kept out of the search
                # index so that a role's name finds the role's page first.
                meta_html = '<dl class="hb-step-meta">' + "".join(
                    f"<dt>{k}</dt><dd{' data-search-exclude' if k in ROLE_FIELDS else ''}>{v}</dd>" for k, v in meta) + "</dl>"
            sub = ""
            if step.get("substeps"):
                sub = f'\n<ol class="hb-steps">\n{self._steps_items(step["substeps"], section)}</ol>\n'
            anchor = step_anchor(step["number"], section)
            out.append(f'<li class="hb-step" id="{attr(anchor)}"><span class="hb-step-number">{self.t(step["number"])}</span> '
                       f'<span class="hb-step-text">{self.t(step["text"])}</span>{meta_html}{sub}</li>\n')
        return "".join(out)

    # -- pages ------------------------------------------------------------
    def render_all(self) -> Site:
        site = Site()

        def add(path: str, title: str, render, edit_source: str | None = None) -> Page | None:
            if self.lean and path.startswith(CROSS_REFERENCE_PAGES):
                if not self.titles_only:
                    return None
                render = lambda: self.heading(1, title)  # noqa: E731
            self.path = path
            page = Page(path=path, title=title, markdown=render(), edit_source=edit_source)
            site.pages.append(page)
            return page

        hb = self.hb
        front_rel = hb.front.rel if hb.front else None
        add("index.md", hb.front.data["title"] if hb.front else "คู่มือการปฏิบัติงาน", self.home, front_rel)
        duty_nav = []
        for duty in hb.ordered_duties():
            entries = [{duty_title(duty): f"duty/{duty['id']}.md"}]
            add(f"duty/{duty['id']}.md", duty_title(duty), lambda d=duty: self.duty(d),
                hb.registry_files["duties"].rel)
            for unit in hb.processes_of_duty(duty["id"]):
                add(unit.page, unit_title(unit), lambda u=unit: self.unit(u), unit.source.rel)
                if unit.children:
                    children = [{unit_title(unit): unit.page}]
                    for child in unit.children:
                        add(child.page, unit_title(child), lambda u=child: self.unit(u), unit.source.rel)
                        children.append({unit_title(child): child.page})
                    entries.append({unit_title(unit): children})
                else:
                    entries.append({unit_title(unit): unit.page})
            duty_nav.append({f"{duty['number']}. {shorten(duty['title'], 60)}": entries})

        district_nav = []
        for district in hb.ordered_districts():
            path = f"district/{district['id']}.md"
            add(path, district_title(district), lambda d=district: self.district(d), hb.districts[district["id"]].rel)
            district_nav.append({district_title(district): path})
        add("districts.md", "แนวปฏิบัติของสำนักงานเขตพื้นที่การศึกษา", self.districts_index, None)

        role_nav = [{"บทบาทและผู้เกี่ยวข้อง": "roles.md"}]
        add("roles.md", "บทบาทและผู้เกี่ยวข้อง", self.roles_index, hb.registry_files["roles"].rel)
        add("matrix.md", "ตารางบทบาท × กระบวนงาน", self.matrix, None)
        role_nav.append({"ตารางบทบาท × กระบวนงาน": "matrix.md"})
        roles_by_kind = {kind: [] for kind in ROLE_KIND_NAMES}
        for role in hb.roles.values():
            path = f"role/{role['id']}.md"
            add(path, role["name"], lambda r=role: self.role(r), hb.registry_files["roles"].rel)
            roles_by_kind[role["kind"]].append({role["name"]: path})
        role_nav += [{ROLE_KIND_NAMES[kind]: entries} for kind, entries in roles_by_kind.items() if entries]

        ref_nav = [{"กฎหมายและเอกสารอ้างอิง": "references.md"}]
        add("references.md", "กฎหมายและเอกสารอ้างอิง", self.references_index, None)
        refs_by_group = {group: [] for group in REFERENCE_GROUPS}
        for ref in hb.ordered_references():
            path = f"ref/{ref['id']}.md"
            add(path, ref["title"], lambda r=ref: self.reference(r), hb.references[ref["id"]].rel)
            group = next(g for g, kinds in REFERENCE_GROUPS.items() if ref["kind"] in kinds)
            refs_by_group[group].append({ref.get("short_title") or ref["title"]: path})
        ref_nav += [{group: entries} for group, entries in refs_by_group.items() if entries]

        add("calendar.md", "ปฏิทินการปฏิบัติงานตามปีงบประมาณ", self.calendar, None)
        add("glossary.md", "อภิธานศัพท์และคำย่อ", self.glossary, None)
        add("duty-analysis.md", "ตารางวิเคราะห์บทบาท อำนาจ หน้าที่", self.duty_analysis, front_rel)
        add("bibliography.md", "บรรณานุกรม", self.bibliography, front_rel)
        add("committees.md", "คณะทำงาน", self.committees, front_rel)
        add("errata.md", "บันทึกการแก้ไขข้อผิดพลาดจากการแปลงเอกสาร (Errata)", self.errata, None)

        site.nav = _escape_nav([
            {"หน้าแรก": "index.md"},
            {"หน้าที่และกระบวนงาน": duty_nav},
            *([] if self.lean and not self.titles_only else [
                {"ปฏิทินการปฏิบัติงาน": "calendar.md"},
                {"บทบาท": role_nav},
                {"กฎหมายและเอกสารอ้างอิง": ref_nav},
            ]),
            {"แนวปฏิบัติระดับเขต": [{"แนวปฏิบัติของสำนักงานเขตพื้นที่การศึกษา": "districts.md"}] + district_nav},
            {"ภาคผนวก": [
                {"ตารางวิเคราะห์บทบาท อำนาจ หน้าที่": "duty-analysis.md"},
                *([] if self.lean and not self.titles_only else [{"อภิธานศัพท์และคำย่อ": "glossary.md"}]),
                {"บรรณานุกรม": "bibliography.md"},
                {"คณะทำงาน": "committees.md"},
                {"บันทึกการแก้ไข (Errata)": "errata.md"},
            ]},
        ])
        return site

    def home(self) -> str:
        hb = self.hb
        front = hb.front.data if hb.front else {}
        out = [self.heading(1, front.get("title", "คู่มือการปฏิบัติงาน"))]
        out.append(f'<p class="hb-lead">{self.t(HANDBOOK_GROUP)} — {self.t(" ".join(front.get("publisher", [])))}</p>\n')
        out.append(self.heading(2, "แผนที่หน้าที่และกระบวนงาน", "duty-map"))
        cards = []
        for duty in hb.ordered_duties():
            units = hb.processes_of_duty(duty["id"])
            items = []
            for unit in units:
                children = "".join(f"<li>{self.unit_link(c)}</li>" for c in unit.children)
                items.append(f"<li>{self.unit_link(unit)}" + (f"<ul>{children}</ul>" if children else "") + "</li>")
            cards.append(f'<div class="hb-duty-card"><h3 class="hb-duty-title">{self.duty_link(duty["id"])}</h3>'
                         f'<ul>{"".join(items)}</ul></div>')
        out.append('<div class="hb-duty-map">\n' + "\n".join(cards) + "\n</div>\n")
        out.append(self.heading(2, "เริ่มต้นใช้งาน", "start"))
        out.append(self.ul([
            self.link("calendar.md", "ปฏิทินการปฏิบัติงาน: แต่ละเดือนต้องทำอะไร"),
            *([self.link("role/supervisor.md", "งานของศึกษานิเทศก์")] if "supervisor" in hb.roles else []),
            self.link("matrix.md", "ตารางบทบาท × กระบวนงาน: ใครรับผิดชอบอะไร"),
            self.link("references.md", "กฎหมายและเอกสารอ้างอิง"),
            self.link("districts.md", "แนวปฏิบัติของสำนักงานเขตพื้นที่การศึกษา"),
            self.link("glossary.md", "อภิธานศัพท์และคำย่อ"),
        ]))
        if front.get("preface"):
            out.append(self.heading(2, "คำนำ", "preface"))
            out.append(self.paragraphs(front["preface"]))
            if front.get("preface_signature"):
                out.append(f'<p class="hb-signature">{self.t(front["preface_signature"])}</p>\n')
        return "\n".join(out)

    def duty(self, duty: dict) -> str:
        hb = self.hb
        out = [self.heading(1, duty_title(duty))]
        clause = duty["clause"]
        ref = hb.references[clause["ref"]].data
        clause_data = clauses_by_anchor(ref).get(clause["anchor"])
        out.append(f'<p class="hb-meta">ตาม{self.ref_link(clause["ref"], ref["title"])} '
                   f'{self.ref_link(clause["ref"], clause["label"], clause["anchor"])}</p>\n')
        if clause_data and clause_data.get("text"):
            out.append(f'<blockquote class="hb-clause"><p>{self.t(clause_data["label"])} {self.t(clause_data["text"])}</p></blockquote>\n')
        if duty.get("description"):
            out.append(f'<p class="hb-note">{self.t(duty["description"])}</p>\n')
        out.append(self.heading(2, "กระบวนงาน", "processes"))
        items = []
        for unit in hb.processes_of_duty(duty["id"]):
            children = "".join(f"<li>{self.unit_link(c)}</li>" for c in unit.children)
            items.append(self.unit_link(unit) + (f"<ul>{children}</ul>" if children else ""))
        out.append(self.ul(items))
        rows = [row for row in (hb.front.data["duty_analysis"] if hb.front else []) if row["duty"] == duty["id"]]
        if rows:
            out.append(self.heading(2, "ตารางวิเคราะห์บทบาท อำนาจ หน้าที่", "analysis"))
            out.append(self.analysis_table(rows, with_duty=False))
        districts = []
        for unit in hb.processes_of_duty(duty["id"]):
            for child in [unit, *unit.children]:
                for district in self.x.implemented_by.get(child.id, []):
                    if district not in districts:
                        districts.append(district)
        if districts:
            out.append(self.heading(2, "แนวปฏิบัติระดับเขตพื้นที่", "districts"))
            out.append(self.ul([self.district_link(d) for d in districts]))
        return "\n".join(out)

    def analysis_table(self, rows: list, with_duty: bool = True) -> str:
        columns = (["บทบาท/อำนาจหน้าที่ตามประกาศ ศธ."] if with_duty else []) + \
            ["งาน / เรื่อง", "ขั้นตอนการปฏิบัติงาน", "บุคคล / หน่วยงานที่เกี่ยวข้อง"]
        body = []
        for row in rows:
            cells = []
            if with_duty:
                cells.append(self.duty_link(row["duty"]))
            work = self.t(row["work"])
            if row.get("process"):
                unit = self.hb.units[row["process"]]
                work += f'<br><span class="hb-see">{self.unit_link(unit, text="ดูคู่มือ " + unit.number)}</span>'
            cells.append(work)
            cells.append("<br>".join(self.t(s) for s in row["steps"]))
            people = []
            roles = row.get("roles", [])
            for index, person in enumerate(row["people"]):
                people.append(self.link(f"role/{roles[index]}.md", person) if index < len(roles) else self.t(person))
            cells.append("<br>".join(people))
            body.append(cells)
        return self.table(columns, body, escaped=True)

    def unit(self, unit: Unit) -> str:
        hb = self.hb
        process = unit.process
        data = unit.data
        out = [self.heading(1, unit_title(unit))]
        meta = [f"หน้าที่: {self.duty_link(unit.duty)}"]
        if unit.parent:
            meta.append(f"ส่วนหนึ่งของ: {self.unit_link(unit.parent)}")
        meta.append(f"ที่มา: {self.source_text(process['source'])}"
                    + (f" บรรทัด {self.t(process['source']['lines'])}" if process["source"].get("lines") else ""))
        out.append('<p class="hb-meta">' + " · ".join(meta) + "</p>\n")
        if unit.parent is None:
            if process.get("document_title"):
                out.append(f'<p class="hb-meta">ชื่อเอกสาร: {self.t(process["document_title"])}</p>\n')
            out.append(self.heading(2, "วัตถุประสงค์", "objectives"))
            out.append('<ol class="hb-plain">' + "".join(f"<li>{self.t(o)}</li>" for o in process["objectives"]) + "</ol>\n")
            out.append(self.heading(2, "ขอบเขตของงาน", "scope"))
            out.append(self.paragraphs([process["scope"]]))
            if process.get("definitions"):
                out.append(self.heading(2, "คำจำกัดความ", "definitions"))
                items = []
                for definition in process["definitions"]:
                    english = f' <span class="hb-en">({self.t(definition["english"])})</span>' if definition.get("english") else ""
                    items.append(f'<dt id="term-{attr(definition["id"])}">{self.t(definition["term"])}{english}</dt>'
                                 f'<dd>{self.t(definition["meaning"])}</dd>')
                out.append('<dl class="hb-definitions">' + "".join(items) + "</dl>\n")
        if unit.children:
            out.append(self.heading(2, "กระบวนงานย่อย", "subprocesses"))
            out.append(self.ul([self.unit_link(child) for child in unit.children]))
        if unit.steps:
            out.append(self.heading(2, "ขั้นตอนการปฏิบัติงาน", "steps"))
            out.append(self.steps_html(unit.steps))
            out.append(self.heading(2, "แผนผังขั้นตอนการปฏิบัติงาน (Flow Chart)", "flowchart"))
            chart = data.get("flowchart")
            if chart:
                out.append(f'<p class="hb-note">แผนผังตามที่ปรากฏในต้นฉบับ{(" (" + self.t(chart["origin"]) + ")") if chart.get("origin") else ""}</p>\n')
            out.append(self.mermaid(flowchart.for_steps_or_chart(unit.steps, chart)))
            out.append(LEGEND)
        if unit.parent is None:
            if process.get("forms"):
                out.append(self.heading(2, "แบบฟอร์มที่ใช้", "forms"))
                out.append(self.ul([self.t(f) for f in process["forms"]]))
            if process["references"]:
                out.append(self.heading(2, "เอกสารอ้างอิง", "references"))
                out.append(self.citations(process["references"]))
            if process.get("summary_table"):
                out.append(self.summary_table(process["summary_table"]))
        districts = self.x.implemented_by.get(unit.id, [])
        if districts:
            out.append(self.heading(2, "แนวปฏิบัติระดับเขตพื้นที่", "districts"))
            out.append(self.ul([self.district_link(d) for d in districts]))
        return "\n".join(out)

    def summary_table(self, table: dict) -> str:
        out = [self.heading(2, "แบบฟอร์มมาตรฐานงาน (ตามต้นฉบับ)", "summary-table")]
        if table.get("title"):
            out.append(f'<p class="hb-meta">ชื่องาน: {self.t(table["title"])}</p>\n')
        if table.get("objectives"):
            out.append(f'<p class="hb-meta">วัตถุประสงค์: {self.t(table["objectives"])}</p>\n')
        width = len(table["columns"])
        rows = [list(row) + [""] * (width - len(row)) if len(row) < width else row for row in table["rows"]]
        columns = list(table["columns"]) + [""] * (max((len(r) for r in rows), default=width) - width)
        out.append(self.table(columns, rows, cls="hb-table hb-summary"))
        if table.get("references"):
            out.append(f'<p class="hb-meta">เอกสารอ้างอิง: {self.t(table["references"])}</p>\n')
        if table.get("notes"):
            out.append(f'<p class="hb-note">{self.t(table["notes"])}</p>\n')
        return "\n".join(out)

    def district(self, district: dict) -> str:
        out = [self.heading(1, district_title(district))]
        out.append(f'<p class="hb-meta">ชื่อเอกสาร: {self.t(district["title"])} · {self.t(district["office"])} · '
                   f'ที่มา: {self.source_text(district["source"])}</p>\n')
        if district.get("summary"):
            out.append(f'<p class="hb-lead">{self.t(district["summary"])}</p>\n')
        out.append('<div class="admonition info"><p class="admonition-title">ดำเนินการตามกระบวนงานระดับชาติ</p>'
                   + self.ul([self.unit_link(self.hb.units[u]) for u in district["implements"]]) + "</div>\n")
        out.append(self.paragraphs(district.get("intro")))
        for section in district["sections"]:
            title = f"{section['number']} {section['title']}" if section.get("number") else section["title"]
            out.append(self.heading(2, title, section["id"]))
            if section.get("implements"):
                out.append('<p class="hb-meta">กระบวนงานระดับชาติ: '
                           + ", ".join(self.unit_link(self.hb.units[u]) for u in section["implements"]) + "</p>\n")
            out.append(self.paragraphs(section.get("paragraphs")))
            if section.get("objectives"):
                out.append('<p class="hb-meta">วัตถุประสงค์</p><ol class="hb-plain">'
                           + "".join(f"<li>{self.t(o)}</li>" for o in section["objectives"]) + "</ol>\n")
            if section.get("steps"):
                out.append(self.steps_html(section["steps"], section["id"]))
            chart = section.get("flowchart")
            if chart or section.get("steps"):
                out.append(self.mermaid(flowchart.for_steps_or_chart(section.get("steps"), chart)))
            for table in section.get("tables", []):
                if table.get("title"):
                    out.append(f'<p class="hb-meta">{self.t(table["title"])}</p>\n')
                out.append(self.table(table["columns"], table["rows"]))
            if section.get("references"):
                out.append(self.citations(section["references"]))
        if district.get("references"):
            out.append(self.heading(2, "เอกสารอ้างอิง", "document-references"))
            out.append(self.citations(district["references"]))
        return "\n".join(out)

    def citations(self, citations: list) -> str:
        items = [self.ref_link(c["ref"], c["cited_as"], c.get("clause")) if "ref" in c else self.t(c["cited_as"])
                 for c in citations]
        return '<ol class="hb-plain">' + "".join(f"<li>{i}</li>" for i in items) + "</ol>\n"

    def districts_index(self) -> str:
        out = [self.heading(1, "แนวปฏิบัติของสำนักงานเขตพื้นที่การศึกษา")]
        out.append("<p>คู่มือที่สำนักงานเขตพื้นที่การศึกษาแต่ละแห่งจัดทำขึ้นเพื่อปฏิบัติตามกระบวนงานระดับชาติ</p>\n")
        rows = []
        for district in self.hb.ordered_districts():
            rows.append([self.district_link(district), self.t(district["office"]),
                         "<br>".join(self.unit_link(self.hb.units[u]) for u in district["implements"])])
        out.append(self.table(["คู่มือ", "สำนักงาน", "กระบวนงานระดับชาติ"], rows, escaped=True))
        return "\n".join(out)

    def role(self, role: dict) -> str:
        hb, x = self.hb, self.x
        role_id = role["id"]
        out = [self.heading(1, role["name"])]
        facts = []
        if role.get("english"):
            facts.append(self.t(role["english"]))
        if role.get("abbreviation"):
            facts.append(f"คำย่อ: {self.t(role['abbreviation'])}")
        if facts:
            out.append('<p class="hb-meta">' + " · ".join(facts) + "</p>\n")
        if role.get("description"):
            out.append(self.paragraphs([role["description"]]))
        responsible, participant = x.responsible[role_id], x.participant[role_id]
        analysis = x.analysis[role_id]
        units = {u.id: u for u in x.units_of_role(role_id)}
        for row in analysis:
            if row.get("process"):
                units.setdefault(row["process"], hb.units[row["process"]])
        ordered = sorted(units.values(), key=lambda u: [int(p) for p in u.number.split(".")])
        out.append(self.heading(2, "กระบวนงานที่เกี่ยวข้อง", "processes"))
        if ordered:
            rows = []
            for unit in ordered:
                how = []
                if any(r.unit is unit for r in responsible):
                    how.append("รับผิดชอบ")
                if any(r.unit is unit for r in participant):
                    how.append("มีส่วนร่วม")
                if any(row.get("process") == unit.id for row in analysis):
                    how.append("ระบุในตารางวิเคราะห์บทบาท")
                rows.append([self.unit_link(unit), self.duty_link(unit.duty), self.t(", ".join(how))])
            out.append(self.table(["กระบวนงาน", "หน้าที่", "ลักษณะการมีส่วนร่วม"], rows, escaped=True, searchable=False))
        else:
            out.append("<p>ยังไม่มีกระบวนงานที่ระบุบทบาทนี้</p>\n")
        for title, anchor, refs in (("ขั้นตอนที่รับผิดชอบ", "responsible", responsible),
                                    ("ขั้นตอนที่มีส่วนร่วม", "participates", participant)):
            if not refs:
                continue
            out.append(self.heading(2, f"{title} ({len(refs)})", anchor))
            out.append(self.steps_by_owner(["ขั้นตอน", "ระยะเวลา"], refs,
                                           lambda ref: f"<td>{self.t(self.period_text(ref.step))}</td>"))
        timed = [r for r in responsible + participant if "period" in r.step]
        if timed:
            out.append(self.heading(2, "ปฏิทินงานของบทบาทนี้", "calendar"))
            out.append(self.role_calendar(timed, {id(r) for r in responsible}))
        if role.get("variants"):
            out.append(self.heading(2, "คำที่ใช้เรียกในต้นฉบับ", "variants"))
            out.append('<p class="hb-note">ต้นฉบับสะกดบทบาทนี้ได้หลายแบบ (รวมคำที่แปลงเอกสารผิดพลาด) ซึ่งทั้งหมดหมายถึงบทบาทเดียวกัน:</p>\n')
            out.append(self.ul([self.t(v) for v in role["variants"]]))
        return "\n".join(out)

    def roles_index(self) -> str:
        out = [self.heading(1, "บทบาทและผู้เกี่ยวข้อง")]
        out.append(f'<p>ดูภาพรวมได้ที่ {self.link("matrix.md", "ตารางบทบาท × กระบวนงาน")}</p>\n')
        rows = []
        for role in self.hb.roles.values():
            count = len(self.x.units_of_role(role["id"]))
            rows.append([self.link(f"role/{role['id']}.md", role["name"]), self.t(ROLE_KIND_NAMES[role["kind"]]),
                         self.t(role.get("english", "")), self.t(str(count))])
        out.append(self.table(["บทบาท", "ประเภท", "English", "จำนวนกระบวนงาน"], rows, escaped=True))
        return "\n".join(out)

    def matrix(self) -> str:
        hb, x = self.hb, self.x
        leaves = [u for unit in hb.ordered_processes() for u in ([unit] if not unit.children else unit.children)]
        out = [self.heading(1, "ตารางบทบาท × กระบวนงาน")]
        out.append('<p>● รับผิดชอบอย่างน้อยหนึ่งขั้นตอน · ○ มีส่วนร่วม · □ ระบุในตารางวิเคราะห์บทบาท อำนาจ หน้าที่ '
                   '<span class="hb-hover-hint">(เลื่อนเมาส์ไปที่เลขกระบวนงานเพื่อดูชื่อ)</span></p>\n')
        columns = "".join(f'<th><a href="{attr(href(self.path, u.page))}" title="{attr(u.title)}">{self.t(u.number)}</a></th>'
                          for u in leaves)
        rows = []
        for role in hb.roles.values():
            cells = []
            for unit in leaves:
                mark = ""
                if any(r.unit is unit for r in x.responsible[role["id"]]):
                    mark = "●"
                elif any(r.unit is unit for r in x.participant[role["id"]]):
                    mark = "○"
                elif any(row.get("process") == unit.id for row in x.analysis[role["id"]]):
                    mark = "□"
                cells.append(f'<td class="hb-mark">{mark}</td>')
            role_cell = self.link(f"role/{role['id']}.md", role["name"])
            rows.append(f"<tr><th>{role_cell}</th>{''.join(cells)}</tr>")
        out.append(table_html(f"<th>บทบาท</th>{columns}", rows, "hb-table hb-matrix"))
        return "\n".join(out)

    def reference(self, ref: dict) -> str:
        x = self.x
        out = [self.heading(1, ref["title"])]
        facts = [self.t(KIND_NAMES[ref["kind"]])]
        if ref.get("year"):
            facts.append(f"พ.ศ. {self.t(str(ref['year']))}")
        if ref.get("issuer"):
            facts.append(self.t(ref["issuer"]))
        out.append('<p class="hb-meta">' + " · ".join(facts) + "</p>\n")
        if ref.get("amends"):
            out.append(f'<p class="hb-meta">แก้ไขเพิ่มเติม: {self.ref_link(ref["amends"])}</p>\n')
        for amendment in x.amended_by.get(ref["id"], []):
            out.append(f'<p class="hb-meta">แก้ไขเพิ่มเติมโดย: {self.ref_link(amendment["id"])}</p>\n')
        if ref.get("description"):
            out.append(self.paragraphs([ref["description"]]))
        duties = [d for d in self.hb.ordered_duties() if d["clause"]["ref"] == ref["id"]]
        if duties:
            out.append(self.heading(2, "หน้าที่ของกลุ่มนิเทศฯ ตามเอกสารนี้", "duties"))
            items = []
            for duty in duties:
                clause_link = self.link(f"ref/{ref['id']}.md", duty["clause"]["label"], duty["clause"]["anchor"])
                items.append(f"{clause_link}: {self.duty_link(duty['id'])}")
            out.append(self.ul(items))
        cited = x.cited_by.get(ref["id"], [])
        out.append(self.heading(2, f"กระบวนงานที่อ้างถึง ({len(cited)})", "cited-by"))
        if cited:
            items = []
            for kind, owner, citation in cited:
                if kind == "process":
                    items.append(f'{self.unit_link(owner)} <span class="hb-note">— อ้างว่า “{self.t(citation["cited_as"])}”</span>')
                else:
                    items.append(f'{self.district_link(owner)} <span class="hb-note">— อ้างว่า “{self.t(citation["cited_as"])}”</span>')
            out.append(self.ul(items))
        else:
            out.append("<p>ไม่มีกระบวนงานใดอ้างถึงโดยตรง</p>\n")
        if ref.get("variants"):
            out.append(self.heading(2, "ชื่อที่ใช้อ้างในต้นฉบับ", "variants"))
            out.append(self.ul([self.t(v) for v in ref["variants"]]))
        if ref.get("preamble") or ref.get("clauses"):
            out.append(self.heading(2, "ตัวบท", "text"))
            out.append(self.paragraphs(ref.get("preamble")))
            out.append(self.clauses_html(ref.get("clauses", [])))
            if ref.get("closing"):
                out.append('<div class="hb-closing">' + self.paragraphs(ref["closing"]) + "</div>\n")
        return "\n".join(out)

    def clauses_html(self, clauses: list) -> str:
        if not clauses:
            return ""
        items = []
        for clause in clauses:
            text = f' <span class="hb-clause-text">{self.t(clause["text"])}</span>' if clause.get("text") else ""
            items.append(f'<li id="{attr(clause["anchor"])}" class="hb-clause-item">'
                         f'<a class="hb-clause-label" href="#{attr(clause["anchor"])}">{self.t(clause["label"])}</a>{text}'
                         f'{self.clauses_html(clause.get("clauses", []))}</li>')
        return '<ol class="hb-clauses">' + "\n".join(items) + "</ol>\n"

    def references_index(self) -> str:
        out = [self.heading(1, "กฎหมายและเอกสารอ้างอิง")]
        by_kind = {}
        for ref in self.hb.ordered_references():
            by_kind.setdefault(ref["kind"], []).append(ref)
        for kind, refs in by_kind.items():
            out.append(self.heading(2, KIND_NAMES[kind], f"kind-{kind}"))
            rows = [[self.link(f"ref/{r['id']}.md", r["title"]), self.t(str(r.get("year", ""))),
                     self.t(str(len(self.x.cited_by.get(r["id"], []))))] for r in refs]
            out.append(self.table(["ชื่อเอกสาร", "พ.ศ.", "จำนวนกระบวนงานที่อ้าง"], rows, escaped=True))
        return "\n".join(out)

    def month_tables(self, refs: list[StepRef]) -> str:
        by_month = {}
        for ref in refs:
            for month in months_of(ref.step["period"]):
                by_month.setdefault(month, []).append(ref)
        out = []
        for month in range(12):
            if month not in by_month:
                continue
            out.append(f'<h3 id="{attr(self._month_anchor(month))}">{self.t(MONTH_NAMES[month])} ({self.t(FISCAL_MONTHS[month])})</h3>')
            rows = []
            for ref in by_month[month]:
                roles = " ".join(self.role_link(r) for r in ref.step.get("responsible", []))
                rows.append([self.owner_link(ref), self.step_place_link(ref), roles])
            out.append(self.table(["กระบวนงาน", "ขั้นตอน", "ผู้รับผิดชอบ"], rows, escaped=True, searchable=False))
        return "\n".join(out)

    def steps_by_owner(self, columns: list[str], refs: list[StepRef], cells, cls: str = "hb-table",
                       shortened: bool = False) -> str:
        """Steps in a table, under a heading row for each process (or district manual)
        they belong to: the process is named once, not on every step."""
        head = "".join(c if c.startswith("<th") else f"<th>{self.t(c)}</th>" for c in columns)
        body, owner = [], None
        for ref in refs:
            if (ref.unit, ref.district) != owner:
                owner = (ref.unit, ref.district)
                body.append(f'<tr class="hb-group"><th colspan="{len(columns)}">{self.owner_link(ref)}</th></tr>')
            if shortened and len(ref.step["text"]) > 70:  # the whole text on hover
                step = self.step_place_link(ref, shorten(ref.step["text"], 70), title=ref.step["text"])
            else:
                step = self.step_place_link(ref)
            body.append(f"<tr><td>{step}</td>{cells(ref)}</tr>")
        return table_html(head, body, cls, searchable=False)  # role pages repeat the process pages' steps

    def role_calendar(self, timed: list[StepRef], responsible: set[int]) -> str:
        """A role's fiscal year: one row per dated step, marked in each of its months
        (■ responsible, □ taking part); a month's column reads as that month's work."""
        months = [f'<th><a href="{attr(href(self.path, "calendar.md", self._month_anchor(m)))}" '
                  f'title="{attr(MONTH_NAMES[m])}">{self.t(FISCAL_MONTHS[m])}</a></th>' for m in range(12)]
        ordered = sorted(timed, key=lambda ref: self.step_order[id(ref.step)])

        def marks(ref: StepRef) -> str:
            mark, months = ("■" if id(ref) in responsible else "□"), months_of(ref.step["period"])
            return "".join(f'<td class="hb-mark">{mark if m in months else ""}</td>' for m in range(12))

        legend = '<p class="hb-note" data-search-exclude>■ รับผิดชอบ · □ มีส่วนร่วม · คลิกชื่อเดือนเพื่อดูงานทั้งหมดของเดือนนั้นในปฏิทินรวม</p>\n'
        return legend + self.steps_by_owner(["ขั้นตอน", *months], ordered, marks, cls="hb-table hb-calendar",
                                            shortened=True)

    def _month_anchor(self, month: int) -> str:
        return f"month-{month + 1}"

    def calendar(self) -> str:
        hb = self.hb
        out = [self.heading(1, "ปฏิทินการปฏิบัติงานตามปีงบประมาณ")]
        out.append("<p>ปีงบประมาณเริ่มเดือนตุลาคมและสิ้นสุดเดือนกันยายน ตารางนี้รวบรวมทุกขั้นตอนที่คู่มือระบุช่วงเวลาไว้ "
                   "ขั้นตอนที่ไม่ระบุเวลาไม่ปรากฏในปฏิทิน ปฏิทินของแต่ละบทบาทอยู่ในหน้าของบทบาทนั้น "
                   f'(เช่น {self.link("role/supervisor.md", "ศึกษานิเทศก์") if "supervisor" in hb.roles else ""})</p>\n')
        timed = [ref for ref in hb.all_steps() if "period" in ref.step]
        owners = {}
        for ref in timed:
            key = ref.unit.id if ref.unit else "district:" + ref.district["id"]
            owners.setdefault(key, []).append(ref)
        header = "".join(f'<th><a href="#{self._month_anchor(m)}">{self.t(FISCAL_MONTHS[m])}</a></th>' for m in range(12))
        rows = []
        for refs in owners.values():
            months = {m for ref in refs for m in months_of(ref.step["period"])}
            cells = "".join(f'<td class="hb-mark">{"■" if m in months else ""}</td>' for m in range(12))
            first = refs[0]
            name = (self.unit_link(first.unit, text=f"{first.unit.number} {shorten(first.unit.title, 45)}") if first.unit
                    else self.district_link(first.district, shorten(district_title(first.district), 45)))
            rows.append(f"<tr><th>{name}</th>{cells}</tr>")
        out.append(self.heading(2, "ภาพรวมทั้งปี", "overview"))
        out.append(table_html(f"<th>กระบวนงาน</th>{header}", rows, "hb-table hb-calendar", searchable=False))
        out.append(self.heading(2, "รายเดือน", "by-month"))
        out.append(self.month_tables(timed))
        return "\n".join(out)

    def glossary(self) -> str:
        out = [self.heading(1, "อภิธานศัพท์และคำย่อ")]
        out.append(self.heading(2, "คำจำกัดความ", "terms"))
        terms = sorted(self.hb.definitions(), key=lambda item: thai_sort_key(item[1]["term"]))
        items = []
        for unit, definition, _source, _path in terms:
            english = f' <span class="hb-en">({self.t(definition["english"])})</span>' if definition.get("english") else ""
            items.append(f'<dt id="term-{attr(definition["id"])}">{self.t(definition["term"])}{english}</dt>'
                         f'<dd>{self.t(definition["meaning"])}<br><span class="hb-see">นิยามใน '
                         f'{self.unit_link(unit, "term-" + definition["id"])}</span></dd>')
        out.append('<dl class="hb-definitions">' + "\n".join(items) + "</dl>\n")
        out.append(self.heading(2, "คำย่อ", "abbreviations"))
        rows = []
        for item in sorted(self.hb.abbreviations, key=lambda i: thai_sort_key(i["abbr"])):
            target = ""
            if item.get("role"):
                target = self.role_link(item["role"])
            elif item.get("ref"):
                target = self.ref_link(item["ref"])
            rows.append([html_text(item["abbr"]), html_text(item["expansion"]), html_text(item.get("english", "")), target])
        out.append(self.table(["คำย่อ", "คำเต็ม", "English", "ดูเพิ่ม"], rows, escaped=True))
        return "\n".join(out)

    def duty_analysis(self) -> str:
        out = [self.heading(1, "ตารางวิเคราะห์บทบาท อำนาจ หน้าที่")]
        out.append("<p>ตามประกาศกระทรวงศึกษาธิการ: หน้าที่ → งาน → ขั้นตอนการปฏิบัติงาน → บุคคล/หน่วยงานที่เกี่ยวข้อง</p>\n")
        out.append(self.analysis_table(self.hb.front.data["duty_analysis"] if self.hb.front else []))
        return "\n".join(out)

    def bibliography(self) -> str:
        out = [self.heading(1, "บรรณานุกรม")]
        items = []
        for item in (self.hb.front.data["bibliography"] if self.hb.front else []):
            title = self.ref_link(item["ref"], item["title"]) if item.get("ref") else f'<strong>{self.t(item["title"])}</strong>'
            if item.get("ref"):
                title = f"<strong>{title}</strong>"
            items.append(f'{self.t(item["author"])}. {title}. {self.t(item.get("publication", ""))}')
        out.append(self.ul(items, "hb-bibliography"))
        return "\n".join(out)

    def committees(self) -> str:
        out = [self.heading(1, "คณะทำงาน")]
        for index, committee in enumerate(self.hb.front.data["committees"] if self.hb.front else []):
            out.append(self.heading(2, committee["title"], f"committee-{index + 1}"))
            rows = [[m["name"], m.get("position", ""), m.get("office", "")] for m in committee["members"]]
            out.append(self.table(["ชื่อ", "ตำแหน่ง/หน้าที่", "สังกัด"], rows))
        return "\n".join(out)

    def errata(self) -> str:
        out = [self.heading(1, "บันทึกการแก้ไขข้อผิดพลาดจากการแปลงเอกสาร (Errata)")]
        out.append("<p>ต้นฉบับเป็นเอกสารที่แปลงจาก PDF/Word ซึ่งมีคำผิดจากการแปลง (OCR) คู่มือนี้คงถ้อยคำทางราชการไว้ตามต้นฉบับ "
                   "และแก้เฉพาะข้อผิดพลาดที่ชัดเจนเท่านั้น ทุกการแก้ไขมีบันทึกไว้ด้านล่างเพื่อให้ผู้ตรวจสอบเทียบกับต้นฉบับได้</p>\n")
        by_file = {}
        for source, erratum in self.x.errata:
            by_file.setdefault(source.rel, []).append(erratum)
        out.append(f"<p>รวม {len(self.x.errata)} รายการ ใน {len(by_file)} ไฟล์</p>\n")
        for rel, errata in sorted(by_file.items()):
            out.append(self.heading(2, rel))
            rows = [[e["where"], e["source"], e["corrected"], e.get("why", "")] for e in errata]
            out.append(self.table(["ตำแหน่ง", "ต้นฉบับ", "แก้เป็น", "เหตุผล"], rows))
        return "\n".join(out)


LEGEND = ('<p class="hb-legend">คำอธิบายสัญลักษณ์: <span>⬭ จุดเริ่มต้นหรือสิ้นสุดกระบวนงาน</span> '
          '<span>▭ กิจกรรมงานหรือการปฏิบัติ</span> <span>◇ การตัดสินใจ</span> '
          '<span>→ ทิศทางหรือการเคลื่อนไหวของงาน</span></p>\n')


def table_html(head: str, rows: list[str], cls: str = "hb-table", searchable: bool = True) -> str:
    """A generated table (header cells and row HTML given), scrollable on narrow screens.

    Tables that only repeat text of other pages stay out of the search index
    (searchable=False), so a search finds the page the text belongs to, not every
    page listing it."""
    exclude = "" if searchable else " data-search-exclude"
    return (f'<div class="hb-table-wrap"{exclude}><table class="{cls}">\n<thead><tr>{head}</tr></thead>\n<tbody>\n'
            + "\n".join(rows) + "\n</tbody>\n</table></div>\n")


def _escape_nav(entries: list) -> list:
    """Navigation titles are printed by the theme as HTML: content titles must arrive escaped."""
    escaped = []
    for entry in entries:
        (title, target), = entry.items()
        escaped.append({attr(" ".join(title.split())): _escape_nav(target) if isinstance(target, list) else target})
    return escaped


def district_title(district: dict) -> str:
    return district.get("short_title") or district["title"]


def duty_title(duty: dict) -> str:
    return f"หน้าที่ที่ {duty['number']}: {duty['title']}"


def unit_title(unit: Unit) -> str:
    return f"{unit.number} {unit.title}"


def build_pages(handbook: Handbook, lean: bool = False, titles_only: bool = False) -> Site:
    """Every page of the site, and the navigation, from a loaded handbook.

    For the build benchmark only: `lean` leaves out flowcharts and the
    cross-reference pages (roles, references, matrix, calendar, glossary), the
    reference it measures against; `titles_only` is lean with the cross-reference
    pages back in the navigation, each holding only its title: what the generator
    and theme cost per page, before any content.
    """
    return _Renderer(handbook, lean, titles_only).render_all()


__all__ = ["Page", "Site", "build_pages", "href", "page_url", "restore_html"]
