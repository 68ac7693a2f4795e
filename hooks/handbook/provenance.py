"""Where content comes from and where each correction is: what reviewers read on the errata page.

Readers see the handbook; reviewers also see its provenance, on one page. For every
content file: the document it is (by its title), the page it is shown on, the seed it
was converted from, and each correction (`errata`) and each text kept as printed
(`as_printed`) with the place a reader finds it. A record's `where` names the seed
place and the fields it concerns as field paths:

    เอกสาร 000_edbbb00615e6107c.txt บรรทัด 423-429: steps[0-6].responsible_text, summary_table.rows[0-6][5]

`places()` resolves each field path to the page and anchor it is shown at (paths.py)
and words for the link ("ขั้นตอนที่ 1–7", "แบบฟอร์มมาตรฐานงาน", "ข้อ ๕ (๑) (จ)"). A
path it cannot resolve lands on the document's page: a link never goes nowhere.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import paths
from .loading import SourceFile
from .model import Handbook, walk_steps
from .titles import district_title, home_title, unit_title

# A field path's parts: `steps[3]`, `substeps[0-2]`, `rows[1][5]`, `clause-5-1-e`, `section-39`.
_PART = re.compile(r"([A-Za-z_]+|(?:clause|section)-[a-z0-9-]+)((?:\[[^\]]+\])*)")
_SPAN = re.compile(r"(\d+)-(\d+)")

# Words for the parts of a process page (the headings of templates/pages/process.html).
_PROCESS_PARTS = {
    "objectives": "วัตถุประสงค์", "scope": "ขอบเขตของงาน", "definitions": "คำจำกัดความ",
    "steps": "ขั้นตอนการปฏิบัติงาน", "flowchart": "แผนผังขั้นตอน", "forms": "แบบฟอร์มที่ใช้",
    "forms_intro": "แบบฟอร์มที่ใช้", "references": "เอกสารอ้างอิง", "summary_table": "แบบฟอร์มมาตรฐานงาน",
}


@dataclass(frozen=True)
class Place:
    """Where a reader finds a field: a page (paths.py), an anchor on it, words for the link."""

    page: str
    anchor: str | None
    label: str


@dataclass
class Document:
    """A content file as reviewers name it."""

    kind: str  # process | handbook | district | ref | registry
    id: str
    title: str
    page: str | None  # the page that shows it (None: several, e.g. roles.yaml)
    source: SourceFile

    @property
    def anchor(self) -> str:
        return paths.source_anchor(self.kind, self.id)

    @property
    def data(self) -> dict:
        return self.source.data


def documents(handbook: Handbook) -> list[Document]:
    """Every content file, in the handbook's reading order: processes, the manual's front
    and back matter, district manuals, references, the registries."""
    found = [Document("process", unit.id, unit_title(unit), paths.process_page(unit.id), unit.source)
             for unit in handbook.ordered_processes()]
    if handbook.front:
        found.append(Document("handbook", "front", f"{home_title(handbook)} (ส่วนหน้าและภาคผนวก)",
                              paths.DUTY_ANALYSIS, handbook.front))
    found += [Document("district", district["id"], district_title(district), paths.district_page(district["id"]),
                       handbook.districts[district["id"]]) for district in handbook.ordered_districts()]
    found += [Document("ref", reference["id"], reference["title"], paths.reference_page(reference["id"]),
                       handbook.references[reference["id"]]) for reference in handbook.ordered_references()]
    names = {"duties": ("หน้าที่ (duties.yaml)", None), "roles": ("บทบาท (roles.yaml)", paths.ROLES),
             "abbreviations": ("คำย่อ (abbreviations.yaml)", paths.GLOSSARY)}
    found += [Document("registry", kind, names[kind][0], names[kind][1], source)
              for kind, source in handbook.registry_files.items() if kind in names]
    return found


# -- the seeds, named by their titles ---------------------------------------------------
def seed_titles(handbook: Handbook) -> dict[str, str]:
    """Seed file name -> the title of the document it is a conversion of."""
    titles = {}
    if handbook.front and handbook.front.data.get("source", {}).get("seed"):
        titles[handbook.front.data["source"]["seed"]] = home_title(handbook)
    for district in handbook.ordered_districts():
        if district.get("source", {}).get("seed"):
            titles[district["source"]["seed"]] = district_title(district)
    return titles


def source_words(source: dict | None, titles: dict[str, str]) -> str | None:
    """A `source` for reviewers: the document by its title, then the seed file and lines
    (or the pages of another document)."""
    if not source:
        return None
    if source.get("seed"):
        where = " ".join(part for part in (source["seed"], f"บรรทัด {source['lines']}" if source.get("lines") else "",
                                           f"หน้า {source['pages']}" if source.get("pages") else "") if part)
        return f"{titles.get(source['seed'], 'เอกสาร ' + source['seed'][:3])} ({where})"
    return " ".join(part for part in (source.get("document", ""), f"หน้า {source['pages']}" if source.get("pages") else "")
                    if part)


# -- field paths ----------------------------------------------------------------------
def field_paths(where: str) -> list[str]:
    """The field paths after the seed place: 'เอกสาร 000 บรรทัด 12: steps[1].text, forms[0] (...)'."""
    parts = re.split(r"[;:]\s*", where, maxsplit=1)
    tail = parts[1] if len(parts) == 2 else where
    tail = re.sub(r"\s*\([^)]*\)", "", re.sub(r"\s*ในไฟล์นี้.*$", "", tail))
    return [path.strip() for path in re.split(r",\s*|\s+และ\s+", tail) if _PART.match(path.strip())]


def _parts(path: str) -> list[tuple[str, list[str]]]:
    """`steps[3].substeps[0-2].text` -> [('steps', ['3']), ('substeps', ['0-2']), ('text', [])]."""
    parts = []
    for piece in re.split(r"\.(?![^\[]*\])", path):
        match = _PART.fullmatch(piece)
        if not match:
            return []
        parts.append((match[1], re.findall(r"\[([^\]]+)\]", match[2])))
    return parts


def select_items(items, selector: str) -> list:
    """Items of a list by index (3), span of indices (0-6), or step number / id (3.6, an-id),
    as an erratum's `where` writes them (`steps[3.6]`, `sections[0-6]`); the seed-fidelity
    test resolves every erratum with it too."""
    if not isinstance(items, list):
        return []
    span = _SPAN.fullmatch(selector)
    if span:
        return items[int(span[1]):int(span[2]) + 1]
    if selector.isdigit():
        return items[int(selector):int(selector) + 1]
    return [step for step, _, _ in walk_steps(items, ()) if selector in (step.get("number"), step.get("id"))] or \
        [item for item in items if isinstance(item, dict) and item.get("id") == selector]


def _steps(steps: list, parts: list) -> list:
    """The steps a path names, following `steps[..].substeps[..]` as deep as it goes."""
    chosen = [step for selector in parts[0][1][:1] for step in select_items(steps, selector)]
    if len(parts) > 1 and parts[1][0] == "substeps" and len(chosen) == 1:
        return _steps(chosen[0].get("substeps") or [], parts[1:]) or chosen
    return chosen


def _step_place(page: str, chosen: list, section_id: str | None = None) -> Place | None:
    if not chosen:
        return None
    first, last = chosen[0]["number"], chosen[-1]["number"]
    label = f"ขั้นตอนที่ {first}" if first == last else f"ขั้นตอนที่ {first}–{last}"
    return Place(page, paths.step_anchor(first, section_id), label)


def places(handbook: Handbook, document: Document, where: str) -> list[Place]:
    """The places a record's field paths name, each once, in the order named."""
    found = []
    for path in field_paths(where):
        place = _place(handbook, document, _parts(path))
        if place is not None and place not in found:
            found.append(place)
    if not found and document.page:
        found.append(Place(document.page, None, document.title))
    return found


def _place(handbook: Handbook, document: Document, parts: list) -> Place | None:
    if not parts:
        return None
    try:
        return {"process": _process_place, "district": _district_place, "ref": _reference_place,
                "handbook": _front_place, "registry": _registry_place}[document.kind](handbook, document, parts)
    except (KeyError, IndexError, TypeError):  # a path naming nothing lands on the page
        return None


def _process_place(handbook: Handbook, document: Document, parts: list) -> Place | None:
    unit = handbook.units[document.id]
    (name, selectors), rest = parts[0], parts[1:]
    if name == "subprocesses" and rest:
        children = select_items([child.data for child in unit.children], selectors[0])
        unit = next(child for child in unit.children if child.data is children[0])
        (name, selectors), rest = rest[0], rest[1:]
    page = paths.process_page(unit.id)
    if name == "steps":
        return _step_place(page, _steps(unit.steps, [(name, selectors), *rest]))
    if name == "definitions" and selectors:
        definition = select_items(unit.process.get("definitions", []), selectors[0])[0]
        return Place(paths.process_page(document.id), paths.term_anchor(definition["id"]), f"คำจำกัดความ “{definition['term']}”")
    if name in _PROCESS_PARTS:
        # front matter (objectives … summary table) is on the process's own page, not a sub-process's
        host = page if name in ("steps", "flowchart") else paths.process_page(document.id)
        return Place(host, paths.PROCESS_SECTIONS[name], _PROCESS_PARTS[name])
    return Place(page, None, document.title)


def _district_place(handbook: Handbook, document: Document, parts: list) -> Place | None:
    (name, selectors), rest = parts[0], parts[1:]
    if name != "sections" or not selectors:
        return Place(document.page, None, document.title)
    section = select_items(document.data["sections"], selectors[0])[0]
    title = " ".join(str(part) for part in (section.get("number"), section["title"]) if part)
    if rest and rest[0][0] == "steps":
        place = _step_place(document.page, _steps(section.get("steps") or [], rest), section["id"])
        if place is not None:
            return Place(place.page, place.anchor, f"{title}: {place.label}")
    return Place(document.page, paths.section_anchor(section), title)


def _reference_place(handbook: Handbook, document: Document, parts: list) -> Place | None:
    name = parts[0][0]
    chain = []  # the clause and its parents, outermost first
    if name.startswith(("clause-", "section-")):
        chain = _clause_chain(document.data.get("clauses", []), lambda clause: clause["anchor"] == name)
    elif name == "clauses":
        clauses, picked = document.data.get("clauses", []), None
        for part_name, part_selectors in parts:
            if part_name != "clauses" or not part_selectors:
                break
            picked = select_items(clauses, part_selectors[0])[0]
            clauses = picked.get("clauses", [])
        chain = _clause_chain(document.data.get("clauses", []), lambda clause: clause is picked)
    if chain:
        return Place(document.page, paths.clause_anchor(chain[-1]), " ".join(clause["label"] for clause in chain))
    if name in ("preamble", "closing"):
        return Place(document.page, paths.REFERENCE_TEXT, "ตัวบท")
    return Place(document.page, None, document.title)


def _clause_chain(clauses: list, wanted) -> list:
    for clause in clauses:
        if wanted(clause):
            return [clause]
        inner = _clause_chain(clause.get("clauses", []), wanted)
        if inner:
            return [clause, *inner]
    return []


def _front_place(handbook: Handbook, document: Document, parts: list) -> Place | None:
    name, selectors = parts[0]
    index = int(selectors[0]) if selectors and selectors[0].isdigit() else None
    if name == "duty_analysis":
        return Place(paths.DUTY_ANALYSIS, paths.analysis_row_anchor(index) if index is not None else None,
                     f"ตารางวิเคราะห์ฯ แถวที่ {index + 1}" if index is not None else "ตารางวิเคราะห์บทบาท อำนาจ หน้าที่")
    if name == "bibliography":
        return Place(paths.BIBLIOGRAPHY, None, f"บรรณานุกรม รายการที่ {index + 1}" if index is not None else "บรรณานุกรม")
    if name == "committees":
        committee = document.data["committees"][index] if index is not None else None
        return Place(paths.COMMITTEES, paths.committee_anchor(index) if committee else None,
                     f"คณะทำงาน: {committee['title']}" if committee else "คณะทำงาน")
    return Place(paths.HOME, None, "หน้าแรก (คำนำ)")


def _registry_place(handbook: Handbook, document: Document, parts: list) -> Place | None:
    name, selectors = parts[0]
    if name == "roles" and selectors:
        role = select_items(document.data["roles"], selectors[0])[0]
        return Place(paths.role_page(role["id"]), None, role["name"])
    if name == "duties" and selectors:
        duty = select_items(document.data["duties"], selectors[0])[0]
        return Place(paths.duty_page(duty["id"]), None, duty["title"])
    return Place(document.page or paths.GLOSSARY, None, document.title)


# -- what the errata page lists ------------------------------------------------------------
@dataclass
class Record:
    """An erratum or a text kept as printed, with the places a reader finds it."""

    places: list
    record: dict


def records(handbook: Handbook, document: Document, key: str) -> list[Record]:
    """The document's `errata` or `as_printed`, each with its places."""
    return [Record(places(handbook, document, record["where"]), record) for record in document.data.get(key, []) or []]


def chart_origins(handbook: Handbook, document: Document) -> list[tuple[Place, str]]:
    """(where the chart is, its `origin`) for every chart of the document the seed printed."""
    found = []
    if document.kind == "process":
        for unit in [handbook.units[document.id], *handbook.units[document.id].children]:
            chart = unit.data.get("flowchart") or {}
            if chart.get("origin"):
                found.append((Place(paths.process_page(unit.id), paths.PROCESS_SECTIONS["flowchart"], "แผนผังขั้นตอน"),
                              chart["origin"]))
    elif document.kind == "district":
        for section in document.data["sections"]:
            chart = section.get("flowchart") or {}
            if chart.get("origin"):
                found.append((Place(document.page, paths.section_anchor(section), section["title"]), chart["origin"]))
    return found


def table_notes(handbook: Handbook, document: Document) -> list[tuple[Place, str]]:
    """(where the table is, its `notes`) for each printed table of the document whose
    conversion the notes explain (reviewers' reading: the reader page links here)."""
    found = []
    if document.kind == "process":
        table = document.data.get("summary_table") or {}
        if table.get("notes"):
            found.append((Place(document.page, paths.PROCESS_SECTIONS["summary_table"], _PROCESS_PARTS["summary_table"]),
                          table["notes"]))
    elif document.kind == "district":
        for section in document.data["sections"]:
            for table in section.get("tables", []):
                if table.get("notes"):
                    found.append((Place(document.page, paths.section_anchor(section), section["title"]), table["notes"]))
    return found
