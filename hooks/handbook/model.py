"""The handbook as one object: every content file, indexed by id. No I/O here:
loading.py fills it, validation.py checks it, the pages read it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .source import SourceFile


@dataclass
class Unit:
    """A page-sized process: a process of the national manual or one of its sub-processes."""

    id: str
    number: str
    title: str
    process: dict  # the whole process (for a sub-process: its parent)
    steps: list  # top-level steps of this unit
    source: SourceFile
    path: tuple  # field path of this unit's data inside its file (() or ('subprocesses', i))
    parent: Unit | None = None
    children: list = field(default_factory=list)

    @property
    def data(self) -> dict:
        node = self.source.data
        for part in self.path:
            node = node[part]
        return node

    @property
    def duty(self) -> str:
        return self.process["duty"]


@dataclass
class StepRef:
    """A step, where it is, and how deep."""

    unit: Unit | None
    step: dict
    path: tuple  # field path inside the file
    depth: int
    district: dict | None = None
    section: dict | None = None
    source: SourceFile | None = None


def walk_steps(steps, path, depth=0):
    for index, step in enumerate(steps or []):
        here = path + (index,)
        yield step, here, depth
        yield from walk_steps(step.get("substeps"), here + ("substeps",), depth + 1)


def walk_clauses(clauses, path):
    for index, clause in enumerate(clauses or []):
        here = path + (index,)
        yield clause, here
        yield from walk_clauses(clause.get("clauses"), here + ("clauses",))


def clauses_by_anchor(reference: dict) -> dict:
    """Every clause of a legal text, nested ones included, by its anchor."""
    return {clause["anchor"]: clause for clause, _ in walk_clauses(reference.get("clauses", []), ())}


def clause_anchors(reference: dict) -> set:
    return set(clauses_by_anchor(reference))


@dataclass
class Handbook:
    root: Path  # the processes/ directory
    files: list = field(default_factory=list)
    duties: dict = field(default_factory=dict)
    roles: dict = field(default_factory=dict)
    abbreviations: list = field(default_factory=list)
    references: dict = field(default_factory=dict)  # id -> SourceFile
    units: dict = field(default_factory=dict)  # id -> Unit (processes and sub-processes)
    districts: dict = field(default_factory=dict)  # id -> SourceFile
    front: SourceFile | None = None  # handbook.yaml
    registry_files: dict = field(default_factory=dict)  # 'duties' | 'roles' | 'abbreviations' -> SourceFile
    failed_ids: set = field(default_factory=set)  # ids of files that broke their schema
    empty_folders: set = field(default_factory=set)  # 'processes/national/' etc. with no file (reported once)
    renamed: dict = field(default_factory=dict)  # id a file's name says -> (that file, the id it has)

    # -- ordered views -------------------------------------------------
    def ordered_processes(self) -> list[Unit]:
        """Top-level processes in the order of the national manual."""
        tops = [u for u in self.units.values() if u.parent is None]
        return sorted(tops, key=lambda u: [int(p) for p in u.number.split(".")])

    def processes_of_duty(self, duty_id: str) -> list[Unit]:
        return [u for u in self.ordered_processes() if u.duty == duty_id]

    def ordered_duties(self) -> list[dict]:
        return sorted(self.duties.values(), key=lambda d: d["number"])

    def ordered_references(self) -> list[dict]:
        return sorted((f.data for f in self.references.values()),
                      key=lambda r: (_KIND_ORDER.get(r["kind"], 99), r.get("year", 0), r["title"]))

    def ordered_districts(self) -> list[dict]:
        return [f.data for _, f in sorted(self.districts.items(), key=lambda kv: kv[1].rel)]

    def all_steps(self):
        """Every step of every unit and district section, with its place."""
        for unit in self.units.values():
            if unit.steps is None:
                continue
            for step, path, depth in walk_steps(unit.steps, unit.path + ("steps",)):
                yield StepRef(unit=unit, step=step, path=path, depth=depth, source=unit.source)
        for source in self.districts.values():
            for s_index, section in enumerate(source.data["sections"]):
                for step, path, depth in walk_steps(section.get("steps"), ("sections", s_index, "steps")):
                    yield StepRef(unit=None, step=step, path=path, depth=depth, district=source.data,
                                  section=section, source=source)

    def definitions(self):
        """(unit, definition, source, field path) for every defined term."""
        for unit in self.ordered_processes():
            for index, definition in enumerate(unit.process.get("definitions", [])):
                yield unit, definition, unit.source, ("definitions", index)

    def citations(self):
        """(owner kind, owner data, citation, source, field path) for every reference cited."""
        for unit in self.ordered_processes():
            for index, citation in enumerate(unit.process.get("references", [])):
                yield "process", unit, citation, unit.source, ("references", index)
        for source in self.districts.values():
            for index, citation in enumerate(source.data.get("references", [])):
                yield "district", source.data, citation, source, ("references", index)
            for s_index, section in enumerate(source.data["sections"]):
                for index, citation in enumerate(section.get("references", [])):
                    yield "district", source.data, citation, source, ("sections", s_index, "references", index)

    def role_of_variant(self) -> dict:
        """Every spelling of a role (name, abbreviation, variants) -> role id."""
        table = {}
        for role in self.roles.values():
            for text in [role["name"], role.get("abbreviation"), *role.get("variants", [])]:
                if text:
                    table.setdefault(text, role["id"])
        return table


_KIND_ORDER = {kind: n for n, kind in enumerate([
    "act", "royal-decree", "ministerial-regulation", "announcement", "curriculum", "standard",
    "plan", "policy", "manual", "guideline", "report", "book", "form", "other"])}

KIND_NAMES = {
    "act": "พระราชบัญญัติ",
    "royal-decree": "พระราชกฤษฎีกา",
    "ministerial-regulation": "กฎกระทรวง",
    "announcement": "ประกาศ",
    "curriculum": "หลักสูตร",
    "standard": "มาตรฐาน",
    "plan": "แผน",
    "policy": "นโยบาย",
    "manual": "คู่มือ",
    "guideline": "แนวทาง/แนวปฏิบัติ",
    "report": "รายงาน",
    "book": "หนังสือ/เอกสารวิชาการ",
    "form": "แบบฟอร์ม",
    "other": "เอกสารอื่น ๆ",
}

# The sidebar lists references and roles in a few groups, so every page carries only
# the group headings (navigation.prune) instead of all 70 entries.
REFERENCE_GROUPS = {
    "กฎหมาย ระเบียบ และประกาศ": ("act", "royal-decree", "ministerial-regulation", "announcement"),
    "หลักสูตร มาตรฐาน แผน และนโยบาย": ("curriculum", "standard", "plan", "policy"),
    "คู่มือ แนวทาง และเอกสารอื่น": ("manual", "guideline", "report", "book", "form", "other"),
}

ROLE_KIND_NAMES = {
    "person": "บุคคล",
    "group": "กลุ่มงาน",
    "committee": "คณะกรรมการ",
    "unit": "หน่วยงาน/สถานศึกษา",
    "organisation": "องค์กร",
    "community": "ชุมชนและภาคี",
}
