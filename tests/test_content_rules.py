"""Rules every edit of the content keeps, whatever the content holds.

Ids resolve, each duty is tied to its clause, districts carry out national processes,
each erratum changes something, every reference says where it comes from, the glossary
lists only abbreviations the text uses, and role memberships form no loop. Facts of
today's seeds (counts, steps, wording) are in test_seed_fidelity.py.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from hooks.handbook import ContentError, load_handbook
from hooks.handbook.crossrefs import member_units, members_of
from hooks.handbook.validation import clause_anchors

REPO_ROOT = Path(__file__).resolve().parent.parent


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
    for role in handbook.roles.values():
        assert all(m["role"] in handbook.roles for m in role.get("member_of", [])), role["id"]


def test_each_duty_is_tied_to_its_clause_of_the_2553_announcement(handbook):
    assert handbook.duties
    for duty in handbook.duties.values():
        reference = handbook.references[duty["clause"]["ref"]].data
        assert reference["year"] == 2553
        assert duty["clause"]["anchor"] in clause_anchors(reference)


def test_every_district_manual_carries_out_national_processes(handbook):
    for source in handbook.districts.values():
        assert source.data["implements"], source.rel
        assert all(unit in handbook.units for unit in source.data["implements"]), source.rel


def test_every_erratum_changes_the_text(handbook):
    """where, what the seed printed, what we print: and the two differ."""
    for source in handbook.files:
        for erratum in (source.data or {}).get("errata", []):
            assert erratum["source"] != erratum["corrected"], (source.rel, erratum["where"])


def test_every_reference_says_where_it_comes_from(handbook):
    """A seed and its lines, or another document: text from outside the seeds carries its source."""
    missing = [ref.rel for ref in handbook.references.values()
               if not (ref.data.get("source") or {}).get("seed") and not (ref.data.get("source") or {}).get("document")]
    assert missing == []


def test_memberships_reach_through_every_level(handbook):
    for role_id in handbook.roles:
        units = member_units(handbook, role_id)
        assert role_id not in units and len(units) == len(set(units))
        for unit in units:
            assert role_id in members_of(handbook, unit)


# -- the registry rules report a broken edit in Thai, with file, line and field ----------------
@pytest.fixture
def scratch(handbook, tmp_path) -> Path:
    """A copy of the content to break."""
    target = tmp_path / "processes"
    shutil.copytree(handbook.root, target)
    return target


def problems_of(content: Path) -> list[str]:
    with pytest.raises(ContentError) as raised:
        load_handbook(content, repo_root=content.parent)
    return [str(problem) for problem in raised.value.problems]


def add_to_registry(content: Path, name: str, item: str) -> int:
    """Append one list item to processes/<name>.yaml; the line it starts on."""
    path = content / f"{name}.yaml"
    text = path.read_text("utf-8").rstrip("\n") + "\n"
    path.write_text(text + item, "utf-8")
    return text.count("\n") + 1


def test_an_abbreviation_the_text_never_uses_is_reported(scratch):
    line = add_to_registry(scratch, "abbreviations",
                           "  - {abbr: ก.ค.ศ., expansion: คณะกรรมการข้าราชการครูและบุคลากรทางการศึกษา}\n")
    found = problems_of(scratch)
    assert len(found) == 1
    assert re.match(rf"processes/abbreviations\.yaml:{line}: \[abbreviations\[\d+\]\.abbr\] คำย่อ `ก\.ค\.ศ\.` "
                    r"ไม่ปรากฏในเนื้อหาของคู่มือ → วิธีแก้: .*ลบรายการนี้ออก", found[0]), found[0]


def test_a_membership_of_an_unknown_unit_of_itself_or_in_a_loop_is_reported(scratch):
    roles = scratch / "roles.yaml"
    text = roles.read_text("utf-8")
    for role_id, unit in (("teachers", "shcools"), ("parents", "parents"),
                          ("school-board", "schools"), ("schools", "school-board")):
        text = text.replace(f"  - id: {role_id}\n", f"  - id: {role_id}\n    member_of:\n"
                            f"      - {{role: {unit}, source: {{seed: 000_edbbb00615e6107c.txt, lines: \"1\"}}}}\n", 1)
    roles.write_text(text, "utf-8")
    found = "\n".join(problems_of(scratch))
    assert "ไม่รู้จักรหัสบทบาท `shcools` ใน member_of → วิธีแก้: รหัสที่ใกล้เคียง: schools" in found
    assert "บทบาท `parents` เป็นสมาชิกของตัวเองไม่ได้ (member_of)" in found
    assert re.search(r"การเป็นสมาชิกวนกลับมาที่เดิม: (school-board → schools → school-board|schools → school-board → schools)", found)
    assert all(line.startswith("processes/roles.yaml:") for line in found.splitlines()), found
