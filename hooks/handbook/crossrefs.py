"""Cross-references computed from the loaded handbook: who does what, when, under which law.

Recorded once per build (after loading), read by the page renderers.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .model import Handbook, StepRef


@dataclass
class CrossRefs:
    responsible: dict = field(default_factory=lambda: defaultdict(list))  # role -> [StepRef]
    participant: dict = field(default_factory=lambda: defaultdict(list))  # role -> [StepRef]
    analysis: dict = field(default_factory=lambda: defaultdict(list))  # role -> [duty-analysis row]
    cited_by: dict = field(default_factory=lambda: defaultdict(list))  # ref -> [(kind, owner, citation)]
    implemented_by: dict = field(default_factory=lambda: defaultdict(list))  # unit id -> [district data]
    amended_by: dict = field(default_factory=lambda: defaultdict(list))  # ref -> [ref data]
    errata: list = field(default_factory=list)  # (source file, erratum)

    def units_of_role(self, role_id: str) -> list:
        """Units a role is responsible for or takes part in, in any way, without repeats."""
        seen = {}
        for ref in self.responsible[role_id] + self.participant[role_id]:
            if ref.unit is not None:
                seen.setdefault(ref.unit.id, ref.unit)
        return list(seen.values())


def build_crossrefs(handbook: Handbook) -> CrossRefs:
    refs = CrossRefs()
    for step_ref in handbook.all_steps():
        step = step_ref.step
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
    return refs

