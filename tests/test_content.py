"""The handbook holds the whole national manual and every district document, faithfully."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from hooks.handbook.model import walk_steps

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path(__import__("os").environ.get("SEEDS_DIR", REPO_ROOT.parent / "shared" / "seeds"))
NATIONAL_SEED = "000_edbbb00615e6107c.txt"

needs_seeds = pytest.mark.skipif(not (SEEDS / NATIONAL_SEED).exists(),
                                 reason=f"seed documents not found in {SEEDS} (set SEEDS_DIR)")


def seed_lines(name: str) -> list[str]:
    return (SEEDS / name).read_text("utf-8").splitlines()


def table_of_contents() -> list[str]:
    """Process numbers listed in the manual's table of contents: 1, 2, 3.1, 3.2, ..."""
    lines = seed_lines(NATIONAL_SEED)
    start = lines.index("สารบัญ")
    numbers, current = [], None
    for line in lines[start:]:
        if line.startswith("บรรณานุกรม"):
            break
        top = re.match(r"^(\d)\. ", line)
        sub = re.match(r"^(\d)\) ", line)
        if top:
            current = top.group(1)
            numbers.append(current)
        elif sub and current:
            if current in numbers:
                numbers.remove(current)  # a work with parts is listed by its parts
            numbers.append(f"{current}.{sub.group(1)}")
    return numbers


def seed_step_numbers() -> list[list[str]]:
    """For each of the 16 process manuals, the step numbers its section 5 prints."""
    text = (SEEDS / NATIONAL_SEED).read_text("utf-8")
    manuals = text.split("ประเภทเอกสาร : คู่มือขั้นตอนการดำเนินงาน")[1:]
    result = []
    for manual in manuals:
        lines = manual.splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith("5. ขั้นตอนการปฏิบัติงาน"))
        end = next(i for i in range(start + 1, len(lines)) if re.match(r"^6\. (Flow|แผน)", lines[i]))
        numbers = []
        for line in lines[start + 1:end]:
            match = re.match(r"^\s*(?:-\s*)?(\d{1,2}(?:\.\d{1,2})*)\.?\s", line)
            if match:
                numbers.append(match.group(1))
        result.append(numbers)
    return result


@needs_seeds
def test_every_work_of_the_table_of_contents_is_a_process(handbook):
    toc = table_of_contents()
    assert len(toc) == 16
    ours = [unit.number for unit in handbook.ordered_processes()]
    assert ours == toc


@needs_seeds
def test_every_process_has_its_complete_step_list(handbook):
    """Step numbers, in order, as section 5 of each manual prints them."""
    processes = handbook.ordered_processes()
    seeds = seed_step_numbers()
    assert len(seeds) == len(processes) == 16
    for unit, printed in zip(processes, seeds):
        if unit.children:
            # Curriculum: each printed group heading (1., 2., 3.) is a sub-process.
            ours = []
            for index, child in enumerate(unit.children, 1):
                ours.append(str(index))
                ours += [step["number"] for step, _, _ in walk_steps(child.steps, ())]
        else:
            ours = [step["number"] for step, _, _ in walk_steps(unit.steps, ())]
        assert ours == printed, f"{unit.number} {unit.id}: {len(ours)} steps here, {len(printed)} in the seed"


def test_curriculum_is_split_into_basic_early_childhood_and_special(handbook):
    curriculum = handbook.units["curriculum"]
    assert [c.id for c in curriculum.children] == [
        "curriculum-basic", "curriculum-early-childhood", "curriculum-special"]
    assert [len(list(walk_steps(c.steps, ()))) for c in curriculum.children] == [9, 8, 8]


def test_measurement_and_evaluation_has_classroom_area_and_national_levels(handbook):
    assert [u.id for u in handbook.processes_of_duty("assessment")] == [
        "assessment-classroom", "assessment-area", "assessment-national"]


def test_every_role_reference_duty_and_process_id_used_resolves(handbook):
    for ref in handbook.all_steps():
        for role in ref.step.get("responsible", []) + ref.step.get("participants", []):
            assert role in handbook.roles, (ref.source.rel, ref.step["number"], role)
    for _kind, _owner, citation, source, _path in handbook.citations():
        if "ref" in citation:
            assert citation["ref"] in handbook.references, (source.rel, citation["ref"])
    for unit in handbook.units.values():
        assert unit.duty in handbook.duties
    for row in handbook.front.data["duty_analysis"]:
        assert row["duty"] in handbook.duties and row.get("process", "curriculum") in handbook.units
        assert all(role in handbook.roles for role in row.get("roles", []))


def test_each_duty_is_tied_to_its_clause_of_the_2553_announcement(handbook):
    from hooks.handbook.validation import clause_anchors

    assert len(handbook.duties) == 8
    for duty in handbook.duties.values():
        reference = handbook.references[duty["clause"]["ref"]].data
        assert reference["year"] == 2553
        assert duty["clause"]["anchor"] in clause_anchors(reference)


@needs_seeds
def test_every_garbled_spelling_of_the_supervisor_maps_to_the_one_role(handbook):
    variants = handbook.role_of_variant()
    seed = (SEEDS / NATIONAL_SEED).read_text("utf-8")
    for garbled in ["ศึกษาในเทศก์", "ศึกษาในเขต", "ศึกษาบัณฑิต", "ก.ป.ต.น."]:
        assert garbled in seed
        assert garbled in variants
    assert variants["ศึกษาในเทศก์"] == variants["ศึกษาบัณฑิต"] == "supervisor"
    assert variants["ก.ป.ต.น."] == "monitoring-committee"


@needs_seeds
def test_every_seed_document_has_its_content(handbook):
    seeds = sorted(p.name for p in SEEDS.glob("*.txt"))
    covered = {handbook.front.data["source"]["seed"]}
    covered |= {u.process["source"]["seed"] for u in handbook.units.values()}
    covered |= {d.data["source"]["seed"] for d in handbook.districts.values()}
    assert covered == set(seeds)


def test_every_district_manual_is_linked_to_national_processes(handbook):
    assert len(handbook.districts) == 4
    for source in handbook.districts.values():
        assert source.data["implements"], source.rel
        assert all(unit in handbook.units for unit in source.data["implements"])


def test_every_fix_of_the_seed_text_is_recorded_as_an_erratum(handbook):
    """Errata entries are complete: where, what the seed printed, what we print."""
    count = 0
    for source in handbook.files:
        for erratum in (source.data or {}).get("errata", []):
            assert erratum["source"] != erratum["corrected"], (source.rel, erratum["where"])
            count += 1
    assert count > 100


@needs_seeds
def test_each_erratum_quotes_text_the_seed_really_prints(handbook):
    """A reviewer can find every 'source' of an erratum in the seed it names."""
    seeds = {p.name: re.sub(r"\s+", "", p.read_text("utf-8")) for p in SEEDS.glob("*.txt")}
    missing = []
    for source in handbook.files:
        data = source.data or {}
        seed = (data.get("source") or {}).get("seed")
        for erratum in data.get("errata", []):
            names = [seed] if seed else list(seeds)
            # A fix that joins a split line quotes the pieces with " | ", " / " or "...".
            pieces = [re.sub(r"\s+", "", piece) for piece in re.split(r"\s[|/]\s|\.\.\.|…", erratum["source"])]
            for needle in filter(None, pieces):
                if not any(needle in seeds.get(name, "") for name in names):
                    missing.append((source.rel, erratum["where"], needle[:60]))
    assert missing == []
