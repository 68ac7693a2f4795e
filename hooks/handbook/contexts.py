"""What each page kind shows, as data: one context function per page kind.

`<kind>(handbook, crossrefs, subject)` returns the variables of the template
`templates/pages/<kind>.html` (the table in pages.py pairs them): the subject of
the page (a duty, a process, a role, ...; None for pages of which there is one)
and what the page needs computed (orders, groupings, diagrams). No markup here:
the templates write it. Names of subjects that several pages print (a duty's,
a process's, a district manual's title) are in titles.py.
"""
from __future__ import annotations

from collections import Counter

from . import flowchart, paths, provenance
from .crossrefs import PARTS, CrossRefs, leaf_processes, member_units, members_of
from .model import Handbook, StepRef, Unit, walk_steps
from .periods import ALL_YEAR, IN_MONTHS, NO_TIME, OTHER_TIME, TIME_KINDS
from .text import squash, thai_sorted
from .titles import short_name
from .validation import clauses_by_anchor

HANDBOOK_GROUP = "กลุ่มนิเทศ ติดตาม และประเมินผลการจัดการศึกษา"
# Who opens the handbook to find their own work ("ฉันคือ…" on the home page): people
# and the groups of the office they work in; committees, schools, organisations and
# communities are on the roles page.
READER_KINDS = ("person", "group")
# Thai vowels written before the consonant they follow in speech: dictionary order
# (and so the glossary's ก–ฮ index) files a word under the consonant after them.
_LEADING_VOWELS = "เแโใไ"


# -- the glossary's index -------------------------------------------------------
def index_letter(term: str) -> str:
    """The letter a term is filed under in the glossary's index: its first consonant
    (a leading vowel aside, as dictionaries file เกณฑ์ under ก)."""
    text = squash(term)
    return (text[1:2] if text[:1] in _LEADING_VOWELS and len(text) > 1 else text[:1]).upper()


# -- shared pieces --------------------------------------------------------------
def _front(handbook: Handbook) -> dict:
    """handbook.yaml (preface, duty analysis, bibliography, committees), or nothing."""
    return handbook.front.data if handbook.front else {}


def _analysis_rows(handbook: Handbook) -> list[tuple[int, dict, dict]]:
    """The duty analysis's printed rows: (position in handbook.yaml, row, the duty it belongs to)."""
    return [(index, row, handbook.duties[row["duty"]]) for index, row in enumerate(_front(handbook).get("duty_analysis", []))]


def _by_owner(items: list, ref_of=lambda item: item) -> list[tuple[StepRef, list]]:
    """Steps (or things about steps: ref_of gives the step) in runs that share a process
    (or a section of a district manual, which numbers its steps from 1): (the run's
    first step, the run)."""
    groups = []
    for item in items:
        ref = ref_of(item)
        if not groups or _owner(groups[-1][0]) != _owner(ref):
            groups.append((ref, []))
        groups[-1][1].append(item)
    return groups


def _owner(ref: StepRef) -> tuple:
    return (ref.unit.id if ref.unit else None, ref.district["id"] if ref.district else None,
            ref.section["id"] if ref.section else None)


def _work_of(work) -> StepRef:
    return work.ref


def _timed_steps(handbook: Handbook, crossrefs: CrossRefs) -> dict[str, list[StepRef]]:
    """Every step, in the handbook's order, by the kind of its time (periods.TIME_KINDS)."""
    by_kind = {kind: [] for kind in TIME_KINDS}
    for ref in handbook.all_steps():
        by_kind[crossrefs.time_of(ref).kind].append(ref)
    return by_kind


def _by_month(crossrefs: CrossRefs, items: list, ref_of=lambda item: item) -> list[tuple[int, list]]:
    """(fiscal month, its items grouped by owner) for the 12 months, October first."""
    return [(month, _by_owner([item for item in items if month in crossrefs.time_of(ref_of(item)).months], ref_of))
            for month in range(12)]


def _memberships(handbook: Handbook, role_id: str) -> list[tuple[str, str | None]]:
    """(unit, through): every unit a role works in, nearest first, with the unit of
    the role it is reached through (None: the role itself is a member)."""
    reached: list[tuple[str, str | None]] = []
    for unit in member_units(handbook, role_id):
        through = next((nearer for nearer, _ in reached
                        if unit in (m["role"] for m in handbook.roles[nearer].get("member_of", []))), None)
        reached.append((unit, through))
    return reached


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
    timed = _timed_steps(handbook, crossrefs)
    return {
        "group": HANDBOOK_GROUP,
        "publisher": " ".join(front.get("publisher", [])),
        # "ฉันคือ…": the roles a reader can be that have work, in the registry's order.
        "reader_roles": [role for role in handbook.roles.values()
                         if role["kind"] in READER_KINDS and crossrefs.work_of(role["id"])],
        # This month: for each month, the processes with work dated in it (the page
        # shows the reader's current month; the calendar has the steps).
        "months": [(month, [(first, len(run)) for first, run in groups], sum(len(run) for _, run in groups))
                   for month, groups in _by_month(crossrefs, timed[IN_MONTHS])],
        "all_year_count": len(timed[ALL_YEAR]),
        "duties": [(duty, handbook.processes_of_duty(duty["id"])) for duty in handbook.ordered_duties()],
        "manual_title": front.get("title"),
        "edition": front.get("edition"),
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
    return {"roles": [(role, len(crossrefs.processes_of_role(role["id"]))) for role in handbook.roles.values()]}


def matrix(handbook: Handbook, crossrefs: CrossRefs, _subject=None) -> dict:
    columns = leaf_processes(handbook)
    return {
        "columns": columns,
        "rows": [(role, [crossrefs.involvement_in(role["id"], unit.id) for unit in columns])
                 for role in handbook.roles.values()],
    }


def role(handbook: Handbook, crossrefs: CrossRefs, role: dict) -> dict:
    role_id = role["id"]
    work = crossrefs.work_of(role_id)
    by_kind = {kind: [item for item in work if item.time.kind == kind] for kind in TIME_KINDS}
    memberships = _memberships(handbook, role_id)
    members = [(member, dict(_memberships(handbook, member))[role_id]) for member in members_of(handbook, role_id)]
    parts = Counter((item.part, item.unit) for item in work)
    months = _by_month(crossrefs, by_kind[IN_MONTHS], _work_of) if by_kind[IN_MONTHS] else None
    return {
        "role": role,
        "units": memberships,  # the units it works in: (unit, through)
        "members": members,  # the roles that work in it: (member, through)
        "unit_names": {unit: short_name(handbook.roles[unit]) for unit, _ in memberships},
        "work_count": len(work),
        # How many steps for each part, closest first: (part, unit, count).
        "parts": sorted(((part, unit, count) for (part, unit), count in parts.items()),
                        key=lambda item: (PARTS.index(item[0]), [u for u, _ in memberships].index(item[1])
                                          if item[1] else -1)),
        # "My work, this month": the 12 months (none if no step of it names a month),
        # then the steps of all year, of times that are not months, of no time.
        "months": months,
        "month_counts": [sum(len(run) for _, run in groups) for _, groups in months or []],
        "all_year": _by_owner(by_kind[ALL_YEAR], _work_of),
        "other_times": _by_owner(by_kind[OTHER_TIME], _work_of),
        "untimed": _by_owner(by_kind[NO_TIME], _work_of),
        "counts": {kind: len(items) for kind, items in by_kind.items()},
        "processes": crossrefs.processes_of_role(role_id),
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
    timed = _timed_steps(handbook, crossrefs)
    months = _by_month(crossrefs, timed[IN_MONTHS])
    roles_in_months = [role for role in handbook.roles.values()
                       if any(item.time.kind == IN_MONTHS for item in crossrefs.work_of(role["id"]))]
    dated = timed[IN_MONTHS] + timed[ALL_YEAR]
    by_owner = {}  # a process's (or district manual's) dated steps, wherever they are listed
    for ref in sorted(dated, key=lambda ref: crossrefs.step_order[id(ref.step)]):
        by_owner.setdefault(ref.unit.id if ref.unit else "district:" + ref.district["id"], []).append(ref)
    return {
        # The year at a glance (wide screens): a row per process, its months, whether it has all-year work.
        "overview": [(refs[0], {month for ref in refs for month in crossrefs.time_of(ref).months},
                      any(crossrefs.time_of(ref).kind == ALL_YEAR for ref in refs))
                     for refs in by_owner.values()],
        "months": months,
        "month_counts": [sum(len(run) for _, run in groups) for _, groups in months],
        "all_year": _by_owner(timed[ALL_YEAR]),
        "other_times": _by_owner(timed[OTHER_TIME]),
        "untimed_count": len(timed[NO_TIME]),
        # Narrowed to one role: the roles whose work names a month, to their own month
        # view; the roles a reader can be first, the others on request.
        "roles": [role for role in roles_in_months if role["kind"] in READER_KINDS],
        "other_roles": [role for role in roles_in_months if role["kind"] not in READER_KINDS],
    }


def glossary(handbook: Handbook, crossrefs: CrossRefs, _subject=None) -> dict:
    """One entry per term, however many processes define it: each different meaning
    once, with the processes that print it; filed under their index letters."""
    entries: dict[str, dict] = {}
    for unit, definition, _source, _path in handbook.definitions():
        entry = entries.setdefault(squash(definition["term"]), {
            "term": definition["term"], "english": [], "ids": [], "meanings": {}})
        entry["ids"].append(definition["id"])
        if definition.get("english") and definition["english"] not in entry["english"]:
            entry["english"].append(definition["english"])
        entry["meanings"].setdefault(squash(definition["meaning"]), []).append((unit, definition))
    letters: dict[str, list] = {}
    for entry in thai_sorted(list(entries.values()), key=lambda entry: entry["term"]):
        letters.setdefault(index_letter(entry["term"]), []).append(entry)
    return {
        "letters": list(letters.items()),
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
