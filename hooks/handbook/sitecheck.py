"""Checks that need the generated pages, run by the content check and by every build:
what the data passes but a reader's browser would refuse.

- Mermaid refuses a diagram with more than `maxEdges` arrows or more than `maxTextSize`
  characters and draws an error instead (Mermaid 11's defaults, read from the vendored
  file: 500 and 50,000).
- An anchor from the content (a clause, a district section) that equals an id the page
  already uses makes two elements with one id: links jump to the wrong one.
"""
from __future__ import annotations

import re
from collections import Counter

from . import flowchart
from .model import Handbook
from .problems import Problem, field_path

MERMAID_MAX_EDGES = 500
MERMAID_MAX_TEXT = 50_000

_IDS = re.compile(r'\sid="([^"]+)"|\{#([^}\s]+)\}')


def site_problems(handbook: Handbook, pages) -> list[Problem]:
    return diagram_problems(handbook) + duplicate_id_problems(handbook, pages)


def diagram_problems(handbook: Handbook) -> list[Problem]:
    problems = []

    def check(source, path, steps, chart, name) -> None:
        # the chart as the page draws it (with the line of who is responsible in its boxes)
        diagram = flowchart.for_steps_or_chart(steps, chart, handbook.roles)
        if not diagram:
            return
        text = diagram.source
        edges = text.count("-->")  # labels are entity-coded (`>` is never text in them) around <b>, <br>, <small>
        where = path + (("flowchart",) if chart else ("steps",))
        if edges > MERMAID_MAX_EDGES:
            problems.append(Problem(source.rel, source.line(*where), field_path(where),
                                    f"แผนผังของ{name} มีลูกศร {edges} เส้น เกินที่ Mermaid วาดได้ ({MERMAID_MAX_EDGES} เส้น)",
                                    "แยกเป็นกระบวนงานย่อย (subprocesses) หรือรวบขั้นตอนย่อย ให้แต่ละแผนผังเล็กลง"))
        if len(text) > MERMAID_MAX_TEXT:
            problems.append(Problem(source.rel, source.line(*where), field_path(where),
                                    f"แผนผังของ{name} ยาว {len(text):,} ตัวอักษร เกินที่ Mermaid วาดได้ ({MERMAID_MAX_TEXT:,})",
                                    "แยกเป็นกระบวนงานย่อย (subprocesses) หรือใช้ป้ายสั้น (label) ในกล่องของแผนผัง"))

    for unit in handbook.units.values():
        if unit.steps:
            check(unit.source, unit.path, unit.steps, unit.data.get("flowchart"), f"กระบวนงาน {unit.number} `{unit.id}`")
    for source in handbook.districts.values():
        for index, section in enumerate(source.data["sections"]):
            if section.get("flowchart") or section.get("steps"):
                check(source, ("sections", index), section.get("steps"), section.get("flowchart"),
                      f"หัวข้อ `{section['id']}`")
    return problems


def duplicate_id_problems(handbook: Handbook, pages) -> list[Problem]:
    """Each id used twice on a generated page, reported at the field of the content that gave it."""
    sources = {source.rel: source for source in handbook.files}
    problems = []
    for page in pages:
        counts = Counter(match.group(1) or match.group(2) for match in _IDS.finditer(page.markdown))
        for anchor in sorted(name for name, count in counts.items() if count > 1):
            source = sources.get(page.edit_source)
            path = _field_holding(source.data, anchor) if source is not None and source.data is not None else None
            if path is None:
                problems.append(Problem(page.edit_source or page.path, 0, "",
                                        f"หน้า {page.path} มี id `{anchor}` ซ้ำกันสองแห่ง",
                                        "ตั้งรหัสหรือ anchor ในเนื้อหาให้ไม่ซ้ำกับหัวข้อของหน้า"))
                continue
            problems.append(Problem(source.rel, source.line(*path), field_path(path),
                                    f"`{anchor}` ซ้ำกับ id ที่หน้าเว็บนี้ใช้อยู่แล้ว (เช่น หัวข้อของหน้า) "
                                    "ลิงก์มาที่นี่จะไปผิดที่",
                                    f"ตั้ง{path[-1]}อื่นที่ไม่ซ้ำ เช่น clause-1 หรือ section-1"))
    return problems


def _field_holding(data, value, path=()) -> tuple | None:
    """Path of the first id or anchor field in `data` whose value is `value`."""
    if isinstance(data, dict):
        for key, item in data.items():
            if key in ("anchor", "id") and item == value:
                return path + (key,)
            found = _field_holding(item, value, path + (key,))
            if found:
                return found
    elif isinstance(data, list):
        for index, item in enumerate(data):
            found = _field_holding(item, value, path + (index,))
            if found:
                return found
    return None
