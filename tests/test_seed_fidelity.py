"""What the seeds hold, checked against the content (seed fidelity).

The handbook keeps the wording of the printed manuals (the converted seeds in
shared/seeds, or $SEEDS_DIR). Every change of seed text is an erratum that quotes the
seed and names the fields it fixes; text that looks wrong but cannot be corrected with
certainty is recorded as kept (`as_printed`); the conversion errors found so far must
not come back; every time a seed gives for a step is on that step. These tests state
facts of today's seeds. The rules every edit keeps are in test_content_rules.py.
"""
from __future__ import annotations

import html
import os
import re
from functools import cache
from pathlib import Path

import pytest

from hooks.handbook.model import walk_steps
from hooks.handbook.crossrefs import member_units
from hooks.handbook.provenance import select_items

REPO_ROOT = Path(__file__).resolve().parent.parent
NATIONAL_SEED = "000_edbbb00615e6107c.txt"


def _seeds_dir() -> Path:
    """$SEEDS_DIR, else shared/seeds beside the checkout or a folder above it (worktrees nest)."""
    if os.environ.get("SEEDS_DIR"):
        return Path(os.environ["SEEDS_DIR"])
    for folder in REPO_ROOT.parents:
        if (folder / "shared" / "seeds" / NATIONAL_SEED).exists():
            return folder / "shared" / "seeds"
    return REPO_ROOT.parent / "shared" / "seeds"


SEEDS = _seeds_dir()

pytestmark = pytest.mark.skipif(not (SEEDS / NATIONAL_SEED).exists(),
                                reason=f"seed documents not found in {SEEDS} (set SEEDS_DIR)")

# Keys whose text is not the handbook's text: records about the seed (errata, kept text,
# reviewer notes) and the registries' lists of seed spellings, garbled ones included.
NOT_PRINTED_TEXT = {"errata", "as_printed", "notes", "variants"}


# -- reading the seeds ------------------------------------------------------------------
def printed(text: str) -> str:
    """Text as a reader of the printed page sees it: table markup dropped, spaces collapsed."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return re.sub(r"\s+", " ", text).strip()


def loose(text: str) -> str:
    """For matching titles and spellings across the seeds: no spaces, Arabic digits."""
    return re.sub(r"\s+", "", printed(text)).translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))


@cache
def seed_raw(name: str) -> str:
    return (SEEDS / name).read_text("utf-8")


@cache
def seed_printed(name: str) -> str:
    return printed(seed_raw(name))


def seed_names() -> list[str]:
    return sorted(p.name for p in SEEDS.glob("*.txt"))


def seed_lines(source: dict) -> str:
    """The printed text of the lines a `source` ({seed, lines: "a" or "a-b"}) cites."""
    first, _, last = source["lines"].partition("-")
    lines = seed_raw(source["seed"]).splitlines()[int(first) - 1:int(last or first)]
    return printed(" ".join(lines))


def pieces(text: str) -> list[str]:
    """A fix that joins lines or cells quotes the pieces with " | ", " / ", "..." or "…"."""
    return [p for p in (printed(part) for part in re.split(r"\s[|/]\s|\.\.\.|…", text)) if p]


# -- field paths as errata write them: steps[3].substeps[0-2].text, clause-5-5-a.text ----
_PART = re.compile(r"([A-Za-z_]+|(?:clause|section)-[a-z0-9-]+)((?:\[[^\]]+\])*)")


def field_paths(where: str) -> list[str]:
    """The field paths after the seed place: 'เอกสาร 000 บรรทัด 12: steps[1].text, forms[0] (...)'."""
    parts = re.split(r"[;:]\s*", where, maxsplit=1)
    tail = parts[1] if len(parts) == 2 else where
    tail = re.sub(r"\s*\([^)]*\)", "", re.sub(r"\s*ในไฟล์นี้.*$", "", tail))
    return [p.strip() for p in re.split(r",\s*|\s+และ\s+", tail) if p.strip()]


def resolve(data, path: str):
    """The values at a field path, or None when the path names nothing."""
    nodes = [data]
    for part in re.split(r"\.(?![^\[]*\])", path):
        match = _PART.fullmatch(part)
        if not match:
            return None
        name, selectors = match[1], re.findall(r"\[([^\]]+)\]", match[2])
        found = []
        for node in nodes:
            if not isinstance(node, dict):
                return None
            if name.startswith(("clause-", "section-")):
                items = [c for c, _ in _clauses(node.get("clauses")) if c["anchor"] == name]
            elif name in node:
                items = [node[name]]
            else:
                return None
            for selector in selectors:
                items = [picked for item in items for picked in select_items(item, selector)]
            found += items
        if not found:
            return None
        nodes = found
    return nodes


def _clauses(clauses):
    for clause in clauses or []:
        yield clause, None
        yield from _clauses(clause.get("clauses"))


def texts(value) -> list[str]:
    if isinstance(value, str):
        return [printed(value)]
    if isinstance(value, list):
        return [t for item in value for t in texts(item)]
    if isinstance(value, dict):
        return [t for item in value.values() for t in texts(item)]
    return []


def content_texts(node, path=()):
    """(field path, text) of everything the handbook prints from a file."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in NOT_PRINTED_TEXT:
                yield from content_texts(value, path + (key,))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from content_texts(item, path + (index,))
    elif isinstance(node, str):
        yield path, node


def seed_of(source) -> str | None:
    return ((source.data or {}).get("source") or {}).get("seed")


def files_with(handbook, key: str):
    for source in handbook.files:
        for record in (source.data or {}).get(key, []) or []:
            yield source, record


# -- the national manual's structure ------------------------------------------------------
def table_of_contents() -> list[str]:
    """Process numbers listed in the manual's table of contents: 1, 2, 3.1, 3.2, ..."""
    lines = seed_raw(NATIONAL_SEED).splitlines()
    numbers, current = [], None
    for line in lines[lines.index("สารบัญ"):]:
        if line.startswith("บรรณานุกรม"):
            break
        top, sub = re.match(r"^(\d)\. ", line), re.match(r"^(\d)\) ", line)
        if top:
            current = top.group(1)
            numbers.append(current)
        elif sub and current:
            if current in numbers:
                numbers.remove(current)  # a work with parts is listed by its parts
            numbers.append(f"{current}.{sub.group(1)}")
    return numbers


def process_manuals() -> list[str]:
    """The text of each process manual of the national seed, in order."""
    return seed_raw(NATIONAL_SEED).split("ประเภทเอกสาร : คู่มือขั้นตอนการดำเนินงาน")[1:]


def seed_step_numbers() -> list[list[str]]:
    """For each process manual, the step numbers its section 5 prints."""
    result = []
    for manual in process_manuals():
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


def test_every_work_of_the_table_of_contents_is_a_process(handbook):
    toc = table_of_contents()
    assert toc and [unit.number for unit in handbook.ordered_processes()] == toc


def test_every_process_has_its_complete_step_list(handbook):
    """Step numbers, in order, as section 5 of each manual prints them."""
    processes, printed_numbers = handbook.ordered_processes(), seed_step_numbers()
    assert len(printed_numbers) == len(processes)
    for unit, numbers in zip(processes, printed_numbers):
        if unit.children:
            # Curriculum: each printed group heading (1., 2., 3.) is a sub-process.
            ours = []
            for index, child in enumerate(unit.children, 1):
                ours.append(str(index))
                ours += [step["number"] for step, _, _ in walk_steps(child.steps, ())]
        else:
            ours = [step["number"] for step, _, _ in walk_steps(unit.steps, ())]
        assert ours == numbers, f"{unit.number} {unit.id}: {len(ours)} steps here, {len(numbers)} in the seed"


def test_curriculum_is_split_into_basic_early_childhood_and_special(handbook):
    assert [c.id for c in handbook.units["curriculum"].children] == [
        "curriculum-basic", "curriculum-early-childhood", "curriculum-special"]


def test_measurement_and_evaluation_has_classroom_area_and_national_levels(handbook):
    assert [u.id for u in handbook.processes_of_duty("assessment")] == [
        "assessment-classroom", "assessment-area", "assessment-national"]


def test_every_garbled_spelling_of_the_supervisor_maps_to_the_one_role(handbook):
    variants = handbook.role_of_variant()
    for garbled in ["ศึกษาในเทศก์", "ศึกษาในเขต", "ศึกษาบัณฑิต", "ก.ป.ต.น."]:
        assert garbled in seed_raw(NATIONAL_SEED)
        assert garbled in variants
    assert variants["ศึกษาในเทศก์"] == variants["ศึกษาบัณฑิต"] == "supervisor"
    assert variants["ก.ป.ต.น."] == "monitoring-committee"


def test_every_seed_document_has_its_content(handbook):
    covered = {seed_of(source) for source in handbook.files}
    assert set(seed_names()) <= covered


# -- the duty-analysis table --------------------------------------------------------------
def duty_analysis_rows() -> list[list[str]]:
    """The printed rows of the duty-analysis table (ที่, duty, work, steps, people)."""
    lines = seed_raw(NATIONAL_SEED).split("ประเภทเอกสาร")[0].splitlines()
    return [line.split("\t") for line in lines if re.match(r"^\d\t", line)]


def corrected(handbook_file, path: str, text: str) -> str:
    """Printed text with the file's errata for that field applied."""
    text = printed(text)
    for erratum in handbook_file.data.get("errata", []):
        if path in field_paths(erratum["where"]):
            text = text.replace(printed(erratum["source"]), printed(erratum["corrected"]))
    return text


def test_the_duty_analysis_keeps_each_printed_row_with_its_duty_and_work_as_printed(handbook):
    """The printed บทบาท/อำนาจหน้าที่ of each row (its "(ต่อ)" and variants too) and its work."""
    front, rows = handbook.front, duty_analysis_rows()
    ours = front.data["duty_analysis"]
    assert rows and len(ours) == len(rows)
    for index, (printed_row, row) in enumerate(zip(rows, ours)):
        assert row.get("duty_text") == corrected(front, f"duty_analysis[{index}].duty_text", printed_row[1]), index
        assert row["work"] == corrected(front, f"duty_analysis[{index}].work", printed_row[2]), index


def test_local_wisdom_takes_part_wherever_the_seeds_name_it(handbook):
    rows = [row for row in handbook.front.data["duty_analysis"]
            if any(re.search(r"(?<!ครู)ภูมิปัญญาท้องถิ่น", person) for person in row["people"])]
    assert rows
    assert all("local-wisdom" in row["roles"] for row in rows)
    naming = [ref for ref in handbook.all_steps() if "เครือข่ายภูมิปัญญาท้องถิ่น" in ref.step["text"]]
    assert naming
    assert all("local-wisdom" in ref.step.get("participants", []) for ref in naming)


# -- errata and text kept as printed --------------------------------------------------------
def test_each_erratum_quotes_text_the_seed_prints(handbook):
    """A reviewer finds every `source` of an erratum, spaces included, in the seed it names."""
    missing = []
    for source, erratum in files_with(handbook, "errata"):
        names = [seed_of(source)] if seed_of(source) else seed_names()
        for piece in pieces(erratum["source"]):
            if not any(piece in seed_printed(name) for name in names):
                missing.append(f"{source.rel}: {erratum['where']}: {piece[:60]}")
    assert missing == []


def _effective_correction(source, erratum) -> str:
    """The corrected text as the field holds it now: later fixes of the same field applied."""
    text = printed(erratum["corrected"])
    paths = set(field_paths(erratum["where"]))
    for other in source.data.get("errata", []):
        if other is not erratum and paths & set(field_paths(other["where"])):
            text = text.replace(printed(other["source"]), printed(other["corrected"]))
    return text


def _not_where_it_says(source, record, expected: str) -> list[str]:
    """Each field the record names (each item of a range [0-6] too) holds the expected text."""
    paths = field_paths(record["where"])
    if not paths:
        return [f"{source.rel}: `where` names no field: {record['where']}"]
    problems, fields = [], []
    for path in paths:
        values = resolve(source.data, path)
        if values is None:
            problems.append(f"{source.rel}: {path} is no field of the file ({record['where']})")
        else:
            fields += [(path, texts(value)) for value in values]
    wanted = pieces(expected)
    for path, field_texts in fields:
        if len(wanted) == 1 and not any(wanted[0] in t for t in field_texts):
            problems.append(f"{source.rel}: {path} does not hold {wanted[0][:60]!r}")
        if len(wanted) > 1 and not any(piece in t for piece in wanted for t in field_texts):
            problems.append(f"{source.rel}: {path} holds none of the pieces of {record['where']}")
    everything = [t for _, field_texts in fields for t in field_texts]
    for piece in wanted:
        if len(wanted) > 1 and not any(piece in t for t in everything):
            problems.append(f"{source.rel}: {piece[:60]!r} is in none of {paths}")
    return problems


def test_each_erratum_names_the_fields_it_fixes_and_they_hold_the_correction(handbook):
    problems = []
    for source, erratum in files_with(handbook, "errata"):
        problems += _not_where_it_says(source, erratum, _effective_correction(source, erratum))
    assert problems == []


def test_text_kept_as_printed_is_in_the_seed_and_where_it_says(handbook):
    problems = []
    records = list(files_with(handbook, "as_printed"))
    assert records
    for source, record in records:
        if printed(record["text"]) not in seed_printed(seed_of(source)):
            problems.append(f"{source.rel}: {record['text'][:60]!r} is not printed in {seed_of(source)}")
        problems += _not_where_it_says(source, record, record["text"])
    assert problems == []


# Conversion errors fixed with errata: none may come back. Each is printed in a seed.
GARBLES = {
    r"นิเทศ ๑": "ฯ read as ๑ (กลุ่มนิเทศฯ, กลุ่มงานนิเทศฯ)",
    r"สื่อ ๑": "ฯ read as ๑ (สื่อฯ)",
    r"กลุ่มงานเสขา": "ล read as ส, ฯ as ๑ or O (กลุ่มงานเลขาฯ)",
    r"ก\.ต\.บ\.น\.|ก\.ป\.ต\.น\.": "OCR forms of ก.ต.ป.น.",
    r"สมท\.": "OCR form of สมศ.",
    r"ครูช่วย": "stands for เครือข่าย in the 5.2 tables",
    r"เครื่องมือช่วย": "stands for เครือข่าย in 5.2's steps",
    r"กระบวนกร": "กระบวนการ without its า",
    r"ที่ต้อง เป็นปัจจุบัน": "ถูก dropped (ที่ถูกต้อง เป็นปัจจุบัน)",
    r"สังัด": "the author สงัด อุทรานันท์",
    r"ผู้มีปัญญาท้องถิ่น": "ภูมิปัญญาท้องถิ่น",
    r"ผลไม่ใช้": "นำผลไปใช้ read as ผลไม่ใช้",
    r"ผลการศึกษาวินิจฉัย": "วิจัย (4.3 step 3.2)",
    r"ของกรมการ บริหาร": "ของการบริหาร",
    r"การวัดประเมินผล 1 ": "a stray 1 in 3.1's chart",
    r"ประเมินผลผล": "ผล printed twice",
    r"เอนฐานข้อมูล": "โอนฐานข้อมูล",
    r"ศึกษาในเทศก์|ศึกษาบัณฑิต": "OCR forms of ศึกษานิเทศก์",
    r"สำนั กงาน": "a space inside สำนักงาน",
    # Words and compound terms split by a line break
    r"การจัดการ ศึกษา|เขต พื้นที่|เขตพื้นที่ การศึกษา|คณะ กรรมการ|กลุ่ม นิเทศ": "split name or term",
    r"นิเทศ การศึกษา(?!/)": "split นิเทศการศึกษา (before / the space is the printed list's)",
    r"ประกัน คุณภาพ|ประกันคุณภาพ การศึกษา": "split ประกันคุณภาพการศึกษา",
    r"(?:ในการ|และการ|รับการ|กำหนดการ|บันทึกการ|วางแผนการ|เพื่อการ|สรุปผลการ) (?:วางแผน|ประเมิน|จัดการศึกษา|นิเทศ|พัฒนา)":
        "การ + verb split by a line break",
    r"ความ (?:พร้อม|ต้องการ)": "ความ + verb split by a line break",
}


def test_no_conversion_error_fixed_so_far_comes_back(handbook):
    found = []
    for pattern, what in GARBLES.items():
        assert any(re.search(pattern, seed_printed(name)) for name in seed_names()), \
            f"{pattern!r} ({what}) is printed in no seed: the table must list seed text"
        for source in handbook.files:
            for path, text in content_texts(source.data):
                if re.search(pattern, printed(text)):
                    found.append(f"{source.rel}: {'.'.join(map(str, path))}: {what}: {pattern}")
    assert found == []


# Text that came from outside the seeds and went: none of it may come back.
OUTSIDE_THE_SEEDS = {
    r"ค\.ศ\.": "Christian-era years",
    r"สถาบันทดสอบทางการศึกษาแห่งชาติ \(องค์การมหาชน\)": "the seeds name สทศ. without (องค์การมหาชน)",
    r"กันยายน พ\.ศ\. 2566": "the policy statement's date",
    r"การจัดการศึกษาสำหรับคนพิการ": "the act is cited as พระราชบัญญัติการศึกษาเพื่อคนพิการ",
    r"(?<![A-Za-z])(?:O-NET|NT|SAR|PLC)(?![A-Za-z])|ก\.ค\.ศ\.": "abbreviations the handbook does not use",
}


def test_no_text_from_outside_the_seeds_comes_back(handbook):
    found = []
    for pattern, what in OUTSIDE_THE_SEEDS.items():
        assert not any(re.search(pattern, seed_printed(name)) for name in seed_names()), pattern
        for source in handbook.files:
            for path, text in content_texts(source.data):
                if re.search(pattern, printed(text)):
                    found.append(f"{source.rel}: {'.'.join(map(str, path))}: {what}")
    assert found == []


# -- where text from the registries and references comes from -----------------------------
def test_every_reference_is_named_where_its_source_says(handbook):
    problems = []
    for reference in handbook.references.values():
        data, source = reference.data, reference.data.get("source")
        if not source:
            problems.append(f"{reference.rel}: no source")
            continue
        if "seed" not in source or "lines" not in source:
            continue  # another document, cited by its name (and pages)
        names = [data["title"], *data.get("variants", [])]
        names += [printed(e["source"]) for e in data.get("errata", []) if "title" in field_paths(e["where"])]
        cited = loose(seed_lines(source))
        if not any(loose(name) in cited for name in names):
            problems.append(f"{reference.rel}: {source['seed']} lines {source['lines']} print neither the title nor a variant")
    assert problems == []


def test_variants_are_spellings_the_seeds_print(handbook):
    everything = "".join(loose(seed_raw(name)) for name in seed_names())
    missing = [f"roles.yaml: {role['id']}: {variant}" for role in handbook.roles.values()
               for variant in role.get("variants", []) if loose(variant) not in everything]
    # a reference from another document (source.document) is cited in that document's words
    missing += [f"{ref.rel}: {variant}" for ref in handbook.references.values()
                if (ref.data.get("source") or {}).get("seed")
                for variant in ref.data.get("variants", []) if loose(variant) not in everything]
    assert missing == []


def test_each_abbreviation_source_prints_it_with_what_it_stands_for(handbook):
    sourced = [item for item in handbook.abbreviations if item.get("source")]
    assert sourced
    for item in sourced:
        cited = seed_lines(item["source"])
        assert item["abbr"] in cited and loose(item["expansion"]) in loose(cited), item["abbr"]


def spellings(role: dict) -> list[str]:
    return [role["name"], role.get("abbreviation") or role["name"], *role.get("variants", [])]


def test_each_membership_is_stated_where_its_source_says(handbook):
    memberships = [(role, m) for role in handbook.roles.values() for m in role.get("member_of", [])]
    assert memberships
    for role, membership in memberships:
        cited = loose(seed_lines(membership["source"]))
        unit = handbook.roles[membership["role"]]
        assert any(loose(s) in cited for s in spellings(role)), (role["id"], membership["source"])
        assert any(loose(s) in cited for s in spellings(unit)), (unit["id"], membership["source"])


def test_the_supervisor_works_in_the_supervision_group(handbook):
    assert "supervision-group" in member_units(handbook, "supervisor")


def test_a_decision_from_another_seed_cites_a_chart_that_draws_it(handbook):
    """5.2's check after step 5 is district 001's chart (seed 000 prints none for 5.2)."""
    decisions = [ref for ref in handbook.all_steps() if (ref.step.get("decision") or {}).get("source")]
    assert any(ref.unit and ref.unit.id == "supervision-networks" for ref in decisions)
    for ref in decisions:
        decision = ref.step["decision"]
        cited = seed_lines(decision["source"])
        assert "graph TD" in cited and re.search(r"\w\{[^}]+\}", cited), ref.step["number"]
        if decision.get("improve"):
            assert f"[{decision['improve']}]" in cited


# -- the forms' introduction ------------------------------------------------------------------
def test_the_forms_keep_their_printed_introduction(handbook):
    """Where section 7 (แบบฟอร์มที่ใช้) opens with a sentence before its numbered forms."""
    for unit, manual in zip(handbook.ordered_processes(), process_manuals()):
        lines = manual.splitlines()
        chart = next(i for i, line in enumerate(lines) if re.match(r"^6\. (Flow|แผน)", line))
        start = next(i for i in range(chart, len(lines)) if re.match(r"^7\.\s+(แบบฟอร์ม|เครื่องมือ)", lines[i]))
        end = next(i for i in range(start, len(lines)) if re.match(r"^8\.\s", lines[i]))
        lines = [line.strip() for line in lines[start + 1:end] if line.strip()]
        numbered = [line for line in lines if re.match(r"^(?:-\s*)?\d+(?:\.\d+)*\.?\s", line)]
        opening = lines[0] if lines and numbered and not re.match(r"^(?:-\s*)?\d", lines[0]) else None
        assert unit.process.get("forms_intro") == opening, unit.id


# -- times --------------------------------------------------------------------------------------
# Steps for which no seed gives a time: no column, no timeline, no time in the step's text
# (a sub-step shares its parent's time). Places: process id, or district id/section id.
STEPS_WITHOUT_TIME = {
    "curriculum-basic": "1.1 1.2 1.3 1.4 1.5 1.6 1.7 1.8 1.9",  # the table's "ระยะเวลา" column holds standards
    "curriculum-early-childhood": "2.1 2.2 2.3 2.4 2.5 2.6 2.7 2.8",
    "curriculum-special": "3.1 3.2 3.3 3.4 3.5 3.6 3.7 3.8",
    "qa-standards": "1 2 2.1 2.2 2.3 3 3.1 3.2 3.3 3.4 3.5 4 4.1 4.2 4.3 4.4 4.5 5 5.1 5.2 6",
    "qa-monitoring": "1 2 2.1 2.2 2.3 4 4.1 4.2 5 5.1 5.2 5.3 5.4",
    "qa-external-assessment": "2 3 4 5 6 7 8",
    "supervision-system": "1 2 3 4 5 6",
    "supervision-networks": "2 3 4 4.1 4.2 4.3 4.4 4.5 5 6 7",  # seed 000's table gives one time, for step 1
    "media-promotion": "1 2 2.1 2.2 3 4 5 6 7",
    "media-research": "5",  # the table's row 5 (มิถุนายน) is another activity than step 5
    "committee-secretariat": "5",  # the table's four rows cover steps 1-4
    "inter-agency-work": "1 1.1 1.2 1.3 1.4 2 2.1 2.2 2.3 2.4",
    "supervision-system-and-networks/supervision-system-and-learning-process-practice": "1 2 3 4 5 6",
    "chiang-rai-1-supervisor-manual/chiang-rai-1-internal-qa-system": "1 2 3 4 5 6 7",
    "chiang-rai-1-supervisor-manual/chiang-rai-1-internal-quality-audit": "1 2 3 4 5 6 7 8",
    "chiang-rai-1-supervisor-manual/chiang-rai-1-internal-external-qa-coordination": "1 2 3 4 5",
    "chiang-rai-1-supervisor-manual/chiang-rai-1-qa-research": "1 2 3 4 5",
    "chiang-rai-1-supervisor-manual/chiang-rai-1-social-studies-curriculum": "1 2 3",
    "chiang-rai-1-supervisor-manual/chiang-rai-1-school-cluster-supervision": "1 2 3 4",
    "chiang-rai-1-supervisor-manual/chiang-rai-1-arts-and-crafts-competition":
        "1 1.1 1.2 1.3 1.4 1.5 1.6 1.7 2 2.1 2.2 2.3 2.4 2.5 2.6 2.7 2.8 2.9 2.10 3 3.1 3.2 3.3 3.4",
    "chiang-rai-1-supervisor-manual/chiang-rai-1-school-cooperatives": "1 2 3",
    "chiang-rai-1-supervisor-manual/chiang-rai-1-integrity-schools": "1 2 3 4",
    "chiang-rai-1-supervisor-manual/chiang-rai-1-morality-schools": "1 2 3",
    "chiang-rai-1-supervisor-manual/chiang-rai-1-extended-opportunity-schools": "1 2 3 4",
    "chiang-rai-1-supervisor-manual/chiang-rai-1-assigned-work": "1 2 3 4",
    "phitsanulok-2-work-standards/phitsanulok-2-internal-qa-system": "1 2 3 4 5 6 7",
    "phitsanulok-2-work-standards/phitsanulok-2-internal-quality-audit": "1 2 3 4 5 6 7 8",
    "phitsanulok-2-work-standards/phitsanulok-2-internal-external-qa-coordination": "1 2 3 4 5",
    "phitsanulok-2-work-standards/phitsanulok-2-qa-research": "1 2 3 4 5",
    "phitsanulok-2-work-standards/phitsanulok-2-network-school-supervision": "3 3.1 3.2 3.3 3.4",
    "phitsanulok-2-work-standards/phitsanulok-2-health-and-pe": "4 4.1 4.2 4.3",
    "phitsanulok-2-work-standards/phitsanulok-2-quality-school-projects": "1 2 3",
}
# The districts of the seeds (an editor's new district is not a fact of the seeds).
SEED_DISTRICTS = {"supervision-system-and-networks", "chiang-rai-1-supervisor-manual",
                  "phitsanulok-2-work-standards", "ayutthaya-1-monitoring-committee"}


def _has_time(step: dict) -> bool:
    return bool(step.get("period") or step.get("period_text"))


def untimed_steps(steps) -> list[str]:
    out = []

    def walk(items, inherited):
        for step in items or []:
            timed = inherited or _has_time(step)
            if not timed:
                out.append(step["number"])
            walk(step.get("substeps"), timed)
    walk(steps, False)
    return out


def test_every_step_carries_the_time_the_seeds_give_and_only_these_have_none(handbook):
    places = {unit.id: unit.steps for unit in handbook.units.values() if unit.steps is not None}
    for district in handbook.ordered_districts():
        if district["id"] in SEED_DISTRICTS:
            places.update({f"{district['id']}/{section['id']}": section.get("steps")
                           for section in district["sections"] if section.get("steps")})
    found = {place: " ".join(untimed_steps(steps)) for place, steps in places.items() if untimed_steps(steps)}
    assert found == STEPS_WITHOUT_TIME


def _time_column(columns: list[str]) -> int | None:
    return next((i for i, column in enumerate(columns) if "เวลา" in column), None)


# Tables whose rows are not the step list one to one (the notes of each say how they differ).
ROWS_ARE_NOT_STEPS = {"curriculum", "curriculum-research", "assessment-classroom", "assessment-national",
                      "supervision-networks", "media-research", "committee-secretariat"}


def test_a_table_that_times_each_step_gives_the_same_time_as_the_step(handbook):
    """Summary tables and district timelines with a row per step: the step's period_text is the row's time."""
    checked = 0
    tables = [(unit.id, unit.process.get("summary_table"), unit.steps) for unit in handbook.ordered_processes()
              if unit.id not in ROWS_ARE_NOT_STEPS]
    tables += [(f"{d['id']}/{s['id']}", table, s.get("steps")) for d in handbook.ordered_districts()
               for s in d["sections"] for table in s.get("tables", [])]
    for place, table, steps in tables:
        column = _time_column(table["columns"]) if table else None
        if column is None or not steps or len(table["rows"]) != len(steps):
            continue
        for row, step in zip(table["rows"], steps):
            assert printed(step.get("period_text", "")) == printed(row[column]), (place, step["number"])
            checked += 1
    assert checked
