"""What each page kind shows, as data: one context function per page kind.

`<kind>(handbook, crossrefs, subject)` returns the variables of the template
`templates/pages/<kind>.html` (the table in pages.py pairs them): the subject of
the page (a duty, a process, a role, ...; None for pages of which there is one)
and what the page needs computed (orders, groupings, diagrams). No markup here:
the templates write it. Names of subjects that several pages print (a duty's,
a process's, a district manual's title) are here too.
"""
from __future__ import annotations

from . import flowchart, paths, provenance
from .crossrefs import CrossRefs, leaf_processes
from .model import Handbook, StepRef, Unit, walk_steps
from .periods import months_of
from .text import thai_sorted
from .validation import clauses_by_anchor

DEFAULT_TITLE = "คู่มือการปฏิบัติงาน"
HANDBOOK_GROUP = "กลุ่มนิเทศ ติดตาม และประเมินผลการจัดการศึกษา"


# -- names ---------------------------------------------------------------------
def duty_title(duty: dict) -> str:
    return f"หน้าที่ที่ {duty['number']}: {duty['title']}"


def unit_title(unit: Unit) -> str:
    return f"{unit.number} {unit.title}"


def district_title(district: dict) -> str:
    return district.get("short_title") or district["title"]


def home_title(handbook: Handbook) -> str:
    return handbook.front.data["title"] if handbook.front else DEFAULT_TITLE


# -- shared pieces --------------------------------------------------------------
def _front(handbook: Handbook) -> dict:
    """handbook.yaml (preface, duty analysis, bibliography, committees), or nothing."""
    return handbook.front.data if handbook.front else {}


def _analysis_rows(handbook: Handbook) -> list[tuple[int, dict, dict]]:
    """The duty analysis's printed rows: (position in handbook.yaml, row, the duty it belongs to)."""
    return [(index, row, handbook.duties[row["duty"]]) for index, row in enumerate(_front(handbook).get("duty_analysis", []))]


def _by_owner(refs: list[StepRef]) -> list[tuple[StepRef, list[StepRef]]]:
    """Steps in runs that share a process (or district manual): (first step, the run)."""
    groups = []
    for ref in refs:
        if not groups or (groups[-1][0].unit, groups[-1][0].district) != (ref.unit, ref.district):
            groups.append((ref, []))
        groups[-1][1].append(ref)
    return groups


def _diagram(handbook: Handbook, steps: list | None, chart: dict | None) -> flowchart.Diagram | None:
    """A process's flowchart (the manual's own chart, or drawn from its steps): its
    Mermaid source and what its legend says."""
    return flowchart.for_steps_or_chart(steps, chart, handbook.roles) if steps or chart else None


def _borrowed_decisions(handbook: Handbook, unit: Unit) -> list[tuple[dict, dict | None, dict | None]]:
    """(step, district manual, section) for each check of the steps that another seed's
    chart draws (`decision.source`): the district manual converted from that seed, and
    its section that carries out this process (None where there is none)."""
    found = []
    for step, _, _ in walk_steps(unit.steps or [], ()):
        seed = ((step.get("decision") or {}).get("source") or {}).get("seed")
        if not seed or seed == (unit.process.get("source") or {}).get("seed"):
            continue
        district = next((d for d in handbook.ordered_districts() if (d.get("source") or {}).get("seed") == seed), None)
        sections = [s for s in (district or {}).get("sections", []) if unit.id in s.get("implements", [])]
        found.append((step, district, next((s for s in sections if s.get("flowchart")), sections[0] if sections else None)))
    return found


# -- one function per page kind -------------------------------------------------
def home(handbook: Handbook, crossrefs: CrossRefs, _subject=None) -> dict:
    front = _front(handbook)
    return {
        "group": HANDBOOK_GROUP,
        "publisher": " ".join(front.get("publisher", [])),
        "duties": [(duty, handbook.processes_of_duty(duty["id"])) for duty in handbook.ordered_duties()],
        "supervisor": handbook.roles.get("supervisor"),
        "preface": front.get("preface"),
        "preface_signature": front.get("preface_signature"),
    }


def duty(handbook: Handbook, crossrefs: CrossRefs, duty: dict) -> dict:
    clause = duty["clause"]
    reference = handbook.references[clause["ref"]].data
    return {
        "duty": duty,
        "reference": reference,
        "clause": clause,
        "clause_text": clauses_by_anchor(reference).get(clause["anchor"]),
        "processes": handbook.processes_of_duty(duty["id"]),
        "analysis": [row for row in _analysis_rows(handbook) if row[1]["duty"] == duty["id"]],
        "districts": crossrefs.districts_of_duty(duty["id"]),
    }


def process(handbook: Handbook, crossrefs: CrossRefs, unit: Unit) -> dict:
    summary = unit.process.get("summary_table") if unit.parent is None else None
    if summary:  # rows as wide as the widest: the manuals leave trailing cells out
        width = len(summary["columns"])
        # A row with nothing but its number is the form's blank line (the conversion moved
        # its text into row 1, as the table's notes say): not shown.
        rows = [list(row) + [""] * (width - len(row)) for row in summary["rows"]
                if any(str(cell).strip() for cell in row[1:])]
        columns = list(summary["columns"]) + [""] * (max((len(row) for row in rows), default=width) - width)
        summary = {**summary, "columns": columns, "rows": rows}
    chart = unit.data.get("flowchart")
    top = unit.parent or unit
    return {
        "unit": unit,
        "process": unit.process,
        "chart": chart,
        "diagram": _diagram(handbook, unit.steps, chart) if unit.steps else None,
        "borrowed_decisions": _borrowed_decisions(handbook, unit),
        "summary_table": summary,
        "districts": crossrefs.implemented_by.get(unit.id, []),
        # Where reviewers find the process's source and corrections (the errata page).
        "provenance": paths.source_anchor("process", top.id),
    }


def district(handbook: Handbook, crossrefs: CrossRefs, district: dict) -> dict:
    return {
        "district": district,
        "sections": [(section, _diagram(handbook, section.get("steps"), section.get("flowchart")))
                     for section in district["sections"]],
        "provenance": paths.source_anchor("district", district["id"]),
    }


def districts(handbook: Handbook, crossrefs: CrossRefs, _subject=None) -> dict:
    return {"districts": handbook.ordered_districts()}


def roles(handbook: Handbook, crossrefs: CrossRefs, _subject=None) -> dict:
    return {"roles": [(role, len(crossrefs.units_of_role(role["id"]))) for role in handbook.roles.values()]}


def matrix(handbook: Handbook, crossrefs: CrossRefs, _subject=None) -> dict:
    columns = leaf_processes(handbook)
    return {
        "columns": columns,
        "rows": [(role, [crossrefs.involvement_in(role["id"], unit.id) for unit in columns])
                 for role in handbook.roles.values()],
    }


def role(handbook: Handbook, crossrefs: CrossRefs, role: dict) -> dict:
    responsible, participant = crossrefs.responsible[role["id"]], crossrefs.participant[role["id"]]
    responsible_steps = {id(ref) for ref in responsible}
    timed = sorted((ref for ref in responsible + participant if "period" in ref.step),
                   key=lambda ref: crossrefs.step_order[id(ref.step)])
    return {
        "role": role,
        "processes": crossrefs.processes_of_role(role["id"]),
        # The steps it is responsible for, and those it takes part in, by process.
        "responsible": {"count": len(responsible), "groups": _by_owner(responsible)} if responsible else None,
        "participant": {"count": len(participant), "groups": _by_owner(participant)} if participant else None,
        # The role's year: one row per dated step, in the handbook's order.
        "calendar": [(first, [(ref, id(ref) in responsible_steps, months_of(ref.step["period"])) for ref in run])
                     for first, run in _by_owner(timed)],
    }


def references(handbook: Handbook, crossrefs: CrossRefs, _subject=None) -> dict:
    by_kind = {}
    for reference in handbook.ordered_references():
        by_kind.setdefault(reference["kind"], []).append(
            (reference, len(crossrefs.cited_by.get(reference["id"], []))))
    return {"by_kind": by_kind}


def reference(handbook: Handbook, crossrefs: CrossRefs, reference: dict) -> dict:
    return {
        "reference": reference,
        "amends": handbook.references[reference["amends"]].data if reference.get("amends") else None,
        "amended_by": crossrefs.amended_by.get(reference["id"], []),
        "duties": [duty for duty in handbook.ordered_duties() if duty["clause"]["ref"] == reference["id"]],
        "cited_by": crossrefs.cited_by.get(reference["id"], []),
        "provenance": paths.source_anchor("ref", reference["id"]),
    }


def calendar(handbook: Handbook, crossrefs: CrossRefs, _subject=None) -> dict:
    timed = [ref for ref in handbook.all_steps() if "period" in ref.step]
    by_owner = {}  # a process's (or district manual's) dated steps, wherever they are listed
    for ref in timed:
        by_owner.setdefault(ref.unit.id if ref.unit else "district:" + ref.district["id"], []).append(ref)
    by_month = {}
    for ref in timed:
        for month in months_of(ref.step["period"]):
            by_month.setdefault(month, []).append(ref)
    return {
        "supervisor": handbook.roles.get("supervisor"),
        "overview": [(refs[0], {month for ref in refs for month in months_of(ref.step["period"])})
                     for refs in by_owner.values()],
        "months": [(month, by_month[month]) for month in range(12) if month in by_month],
    }


def glossary(handbook: Handbook, crossrefs: CrossRefs, _subject=None) -> dict:
    return {
        "definitions": [(unit, definition) for unit, definition, _source, _path in
                        thai_sorted(list(handbook.definitions()), key=lambda item: item[1]["term"])],
        "abbreviations": thai_sorted(handbook.abbreviations, key=lambda item: item["abbr"]),
    }


def duty_analysis(handbook: Handbook, crossrefs: CrossRefs, _subject=None) -> dict:
    return {"rows": _analysis_rows(handbook)}


def bibliography(handbook: Handbook, crossrefs: CrossRefs, _subject=None) -> dict:
    return {"items": _front(handbook).get("bibliography", [])}


def committees(handbook: Handbook, crossrefs: CrossRefs, _subject=None) -> dict:
    return {"committees": _front(handbook).get("committees", [])}


def errata(handbook: Handbook, crossrefs: CrossRefs, _subject=None) -> dict:
    """Provenance for reviewers: each document by its title, with its source, its charts'
    origins, its corrections (each linked to where a reader finds it); the text kept
    as printed; where the registries' entries come from."""
    titles = provenance.seed_titles(handbook)
    documents = []
    for document in provenance.documents(handbook):
        documents.append({
            "document": document,
            "source": provenance.source_words(document.data.get("source"), titles),
            "origins": provenance.chart_origins(handbook, document),
            "errata": provenance.records(handbook, document, "errata"),
            "as_printed": provenance.records(handbook, document, "as_printed"),
            "notes": provenance.table_notes(handbook, document),
        })
    role_sources = [(role, provenance.source_words(role.get("source"), titles),
                     [(membership, provenance.source_words(membership.get("source"), titles))
                      for membership in role.get("member_of", [])])
                    for role in handbook.roles.values() if role.get("source") or role.get("member_of")]
    abbreviations = [(item, provenance.source_words(item.get("source"), titles))
                     for item in handbook.abbreviations if item.get("source")]
    return {
        "total": len(crossrefs.errata),
        "documents": documents,
        "kept": [(entry["document"], record) for entry in documents for record in entry["as_printed"]],
        "roles": role_sources,
        "abbreviations": abbreviations,
    }
