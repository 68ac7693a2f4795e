"""Registry rules that look across files: who works in what, and which abbreviations the glossary may list.

* `member_of` in roles.yaml names the units a role works in (the supervisor in the
  supervision group): every unit must be a known role that is not a person, a role is
  never its own unit, and memberships never loop back.
* The glossary (abbreviations.yaml) lists only abbreviations that the handbook's text
  uses; everyday names that only help searching belong to the search synonyms.

Kept apart from validation.py so each rule reads on its own; `check_registries` is
called once every file is loaded.
"""
from __future__ import annotations

import difflib

from .problems import ProblemLog, field_path
from .text import Abbreviations

ROLES_FILE = "processes/roles.yaml"
# Fields that hold ids, file names or numbers, not text a reader sees.
_NOT_TEXT = {"id", "ref", "role", "duty", "process", "seed", "lines", "anchor", "clause", "amends",
             "kind", "responsible", "participants", "terms", "implements", "retry", "step", "to", "node"}


def check_registries(handbook, log: ProblemLog) -> None:
    complete = not log.problems  # a file that failed to load hides its text: no false "unused"
    check_memberships(handbook, log)
    if complete:
        check_abbreviations_used(handbook, log)


# -- memberships --------------------------------------------------------------------
def check_memberships(handbook, log: ProblemLog) -> None:
    roles_file = handbook.registry_files.get("roles")
    if not roles_file:
        return  # the registry did not load: its own problems are reported
    for index, role in enumerate(roles_file.data["roles"]):
        for m_index, membership in enumerate(role.get("member_of", [])):
            unit = membership["role"]
            path = ("roles", index, "member_of", m_index, "role")
            line = roles_file.line(*path)
            if unit == role["id"]:
                log.add(roles_file.rel, line, field_path(path),
                        f"บทบาท `{unit}` เป็นสมาชิกของตัวเองไม่ได้ (member_of)",
                        f"ลบ `{unit}` ออกจาก member_of ของบทบาทนี้ แล้วใส่รหัสของกลุ่มหรือหน่วยงานที่บทบาทนี้สังกัด")
            elif unit not in handbook.roles:
                log.add(roles_file.rel, line, field_path(path),
                        f"ไม่รู้จักรหัสบทบาท `{unit}` ใน member_of",
                        f"{_suggest(unit, handbook.roles)} (ทะเบียน: {ROLES_FILE})")
            elif handbook.roles[unit]["kind"] == "person":
                log.add(roles_file.rel, line, field_path(path),
                        f"`{unit}` เป็นบุคคล (kind: person) จึงเป็นหน่วยที่บทบาทอื่นสังกัดไม่ได้",
                        "member_of ใส่ได้เฉพาะกลุ่มงาน คณะกรรมการ หน่วยงาน องค์กร หรือชุมชน")
    for cycle, (index, m_index) in _cycles(roles_file.data["roles"]):
        path = ("roles", index, "member_of", m_index, "role")
        log.add(roles_file.rel, roles_file.line(*path), field_path(path),
                "การเป็นสมาชิกวนกลับมาที่เดิม: " + " → ".join(cycle),
                "หน่วยเล็กสังกัดหน่วยใหญ่ ไม่ใช่กลับกัน: ลบรายการใดรายการหนึ่งในวงนี้ออกจาก member_of")


def _cycles(roles: list[dict]):
    """Each loop of memberships once, with the position of the membership that closes it."""
    edges = {role["id"]: [(m["role"], (index, m_index)) for m_index, m in enumerate(role.get("member_of", []))]
             for index, role in enumerate(roles)}
    seen_loops = set()
    for start in edges:
        stack = [(start, [start])]
        while stack:
            node, trail = stack.pop()
            for unit, place in edges.get(node, []):
                if unit == start and len(trail) > 1:
                    loop = frozenset(trail)
                    if loop not in seen_loops:
                        seen_loops.add(loop)
                        yield trail + [start], place
                elif unit not in trail:
                    stack.append((unit, trail + [unit]))


# -- abbreviations ------------------------------------------------------------------
def check_abbreviations_used(handbook, log: ProblemLog) -> None:
    registry = handbook.registry_files.get("abbreviations")
    if not registry:
        return
    used = abbreviations_in_text(handbook)
    for index, item in enumerate(registry.data["abbreviations"]):
        if item["abbr"] not in used:
            path = ("abbreviations", index, "abbr")
            log.add(registry.rel, registry.line(*path), field_path(path),
                    f"คำย่อ `{item['abbr']}` ไม่ปรากฏในเนื้อหาของคู่มือ",
                    "อภิธานศัพท์แสดงเฉพาะคำย่อที่เนื้อหาใช้: ลบรายการนี้ออก "
                    "(ชื่อเรียกทั่วไปที่ช่วยให้ค้นหาเจอ ให้ใส่ไว้ใน processes/synonyms.yaml)")


def abbreviations_in_text(handbook) -> set[str]:
    """Registered abbreviations that the site would mark up somewhere in the content."""
    matcher = Abbreviations(handbook.abbreviations)
    if not matcher.pattern:
        return set()
    used = set()
    for source in handbook.files:
        if source.data is None or source.kind == "abbreviations":
            continue
        for text in _texts(source.data):
            used.update(match.group(0) for match in matcher.pattern.finditer(text))
    return used


def _texts(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in _NOT_TEXT:
                yield from _texts(value)
    elif isinstance(node, list):
        for item in node:
            yield from _texts(item)
    elif isinstance(node, str):
        yield node


def _suggest(wrong: str, known) -> str:
    close = difflib.get_close_matches(wrong, sorted(known), n=3, cutoff=0.5)
    return ("รหัสที่ใกล้เคียง: " + ", ".join(close)) if close else "ดูรหัสบทบาทที่มีทั้งหมดในทะเบียน"
