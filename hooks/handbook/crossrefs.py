"""Cross-references computed from the loaded handbook: who does what, when, under which law.

Recorded once per build (after loading), read by the page contexts: which steps a
role is responsible for or takes part in, the units a role works in (`member_of`)
and so the work it shares with them, when each step happens, how a role is
involved in each process, which documents cite a reference, which district
manuals implement a process, the order of processes and steps, the errata.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .model import Handbook, StepRef, Unit
from .periods import StepTime

# A role's part in a step, closest first: named responsible; a unit it works in is
# responsible (the supervisor in the supervision group's steps); named as taking
# part; a unit it works in takes part. A step counts once, under its closest part.
PARTS = ("responsible", "unit-responsible", "participant", "unit-participant")
# How a role is involved in a process, in the order pages name them: its parts in
# the steps, then being named in the duty analysis.
INVOLVEMENT = (*PARTS, "analysis")


@dataclass(frozen=True)
class Work:
    """A step in a role's work: where it is, the role's part in it (PARTS), the unit
    through which the role has that part (for unit-… parts), and when it happens."""

    ref: StepRef
    part: str
    unit: str | None
    time: StepTime


def member_units(handbook: Handbook, role_id: str) -> list[str]:
    """The units a role works in, nearest first, through every level (no repeats, safe on loops)."""
    units, queue = [], [role_id]
    while queue:
        current = queue.pop(0)
        for membership in handbook.roles.get(current, {}).get("member_of", []):
            unit = membership["role"]
            if unit != role_id and unit not in units and unit in handbook.roles:
                units.append(unit)
                queue.append(unit)
    return units


def members_of(handbook: Handbook, unit_id: str) -> list[str]:
    """Roles that work in a unit, directly or through a smaller unit."""
    return [role_id for role_id in handbook.roles if unit_id in member_units(handbook, role_id)]


def by_process_number(unit: Unit) -> list[int]:
    """Sort key of the national manual's order: 2 < 3.1 < 3.2 < 10."""
    return [int(part) for part in unit.number.split(".")]


def leaf_processes(handbook: Handbook) -> list[Unit]:
    """Processes that hold steps themselves, in the manual's order: a process without
    sub-processes, else its sub-processes (the columns of the role × process matrix)."""
    return [unit for top in handbook.ordered_processes() for unit in (top.children or [top])]


@dataclass
class CrossRefs:
    responsible: dict = field(default_factory=lambda: defaultdict(list))  # role -> [StepRef]
    participant: dict = field(default_factory=lambda: defaultdict(list))  # role -> [StepRef]
    analysis: dict = field(default_factory=lambda: defaultdict(list))  # role -> [duty-analysis row]
    cited_by: dict = field(default_factory=lambda: defaultdict(list))  # ref -> [(kind, owner, citation)]
    implemented_by: dict = field(default_factory=lambda: defaultdict(list))  # unit id -> [district data]
    amended_by: dict = field(default_factory=lambda: defaultdict(list))  # ref -> [ref data]
    errata: list = field(default_factory=list)  # (source file, erratum)
    involvement: dict = field(default_factory=lambda: defaultdict(dict))  # role -> {unit id: {INVOLVEMENT kinds}}
    step_order: dict = field(default_factory=dict)  # id(step) -> position in the handbook's order
    terms: dict = field(default_factory=dict)  # term id -> definition
    step_time: dict = field(default_factory=dict)  # id(step) -> StepTime (its own, or its parent's)
    handbook: Handbook | None = None
    _work: dict = field(default_factory=dict)  # role -> [Work], computed when first asked

    def time_of(self, ref: StepRef) -> StepTime:
        return self.step_time[id(ref.step)]

    def work_of(self, role_id: str) -> list[Work]:
        """Every step of a role's work, in the handbook's order, each once with the
        role's closest part in it (PARTS): the steps it is named in, and those of the
        units it works in (member_of), marked as the unit's."""
        if role_id not in self._work:
            units = member_units(self.handbook, role_id)
            sources = [("responsible", None, role_id), *(("unit-responsible", unit, unit) for unit in units),
                       ("participant", None, role_id), *(("unit-participant", unit, unit) for unit in units)]
            found: dict[int, Work] = {}
            for part, unit, named in sources:
                by_role = self.responsible if part.endswith("responsible") else self.participant
                for ref in by_role.get(named, []):
                    found.setdefault(id(ref.step), Work(ref, part, unit, self.time_of(ref)))
            self._work[role_id] = sorted(found.values(), key=lambda work: self.step_order[id(work.ref.step)])
        return self._work[role_id]

    def processes_of_role(self, role_id: str) -> list[tuple[Unit, list[str]]]:
        """(process, how) for every process a role is involved in, in the manual's order;
        how: the INVOLVEMENT kinds that apply (its parts in the process's steps, its
        own or through a unit it works in; named in the duty analysis)."""
        involved: dict[str, set] = {}
        for work in self.work_of(role_id):
            if work.ref.unit is not None:
                involved.setdefault(work.ref.unit.id, set()).add(work.part)
        for unit_id, kinds in self.involvement.get(role_id, {}).items():
            if "analysis" in kinds:
                involved.setdefault(unit_id, set()).add("analysis")
        units = self.handbook.units
        ordered = sorted((units[unit_id] for unit_id in involved), key=by_process_number)
        return [(unit, [kind for kind in INVOLVEMENT if kind in involved[unit.id]]) for unit in ordered]

    def involvement_in(self, role_id: str, unit_id: str) -> str | None:
        """The closest way a role is involved in a process (INVOLVEMENT order), or None."""
        kinds = self.involvement.get(role_id, {}).get(unit_id, ())
        return next((kind for kind in INVOLVEMENT if kind in kinds), None)

    def districts_of_duty(self, duty_id: str) -> list[dict]:
        """District manuals implementing any process (or sub-process) of a duty, without repeats."""
        districts = []
        for unit in self.handbook.processes_of_duty(duty_id):
            for process in [unit, *unit.children]:
                for district in self.implemented_by.get(process.id, []):
                    if district not in districts:
                        districts.append(district)
        return districts


def build_crossrefs(handbook: Handbook) -> CrossRefs:
    refs = CrossRefs(handbook=handbook)
    parents: list[StepTime] = []  # the times of the steps above the current one
    for position, step_ref in enumerate(handbook.all_steps()):
        step = step_ref.step
        refs.step_order[id(step)] = position
        del parents[step_ref.depth:]  # all_steps walks depth first: a step's parents came just before it
        time = StepTime.of_step(step, parents[-1] if parents else None)
        refs.step_time[id(step)] = time
        parents.append(time)
        for role in step.get("responsible", []):
            refs.responsible[role].append(step_ref)
        for role in step.get("participants", []):
            if role not in step.get("responsible", []):
                refs.participant[role].append(step_ref)
    if handbook.front:
        for row in handbook.front.data["duty_analysis"]:
            for role in row.get("roles", []):
                if row not in refs.analysis[role]:
                    refs.analysis[role].append(row)
    seen_citations = set()
    for kind, owner, citation, _source, _path in handbook.citations():
        if "ref" not in citation:
            continue
        owner_id = owner.id if kind == "process" else owner["id"]
        key = (citation["ref"], kind, owner_id)
        if key in seen_citations:
            continue
        seen_citations.add(key)
        refs.cited_by[citation["ref"]].append((kind, owner, citation))
    for source in handbook.districts.values():
        district = source.data
        ids = list(district["implements"])
        for section in district["sections"]:
            ids += section.get("implements", [])
        for unit_id in dict.fromkeys(ids):
            refs.implemented_by[unit_id].append(district)
    for source in handbook.references.values():
        if "amends" in source.data:
            refs.amended_by[source.data["amends"]].append(source.data)
    for source in handbook.files:
        if isinstance(source.data, dict):
            for erratum in source.data.get("errata", []):
                refs.errata.append((source, erratum))
    for kind, by_role in (("responsible", refs.responsible), ("participant", refs.participant)):
        for role, step_refs in by_role.items():
            for step_ref in step_refs:
                if step_ref.unit is not None:
                    refs.involvement[role].setdefault(step_ref.unit.id, set()).add(kind)
    for role, rows in refs.analysis.items():
        for row in rows:
            if row.get("process"):
                refs.involvement[role].setdefault(row["process"], set()).add("analysis")
    refs.terms = {definition["id"]: definition for _unit, definition, _source, _path in handbook.definitions()}
    return refs

