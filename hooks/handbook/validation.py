"""Cross-reference checks, run once every file has passed its schema.

Like mkdocs-autorefs: record every id first (loading.py), then resolve every use,
reporting each unknown id with the file, the line, the field and the closest ids.
"""
from __future__ import annotations

import difflib

from .model import Handbook, clause_anchors, clauses_by_anchor, walk_clauses, walk_steps  # noqa: F401 (re-exported)
from .periods import FISCAL_MONTHS, PeriodError, months_of
from .problems import ProblemLog, field_path
from .registry_checks import check_registries

# Each id of a process, role, reference, duty or district is also its page's file name
# (process/<id>.md, ...). `index` is the page MkDocs makes the folder's own page: an id
# `index` would take the folder's place in the navigation instead of being listed in it.
RESERVED_PAGE_NAMES = {"index"}


def suggest(wrong: str, known, what: str = "รหัส") -> str:
    close = difflib.get_close_matches(wrong, sorted(known), n=3, cutoff=0.5)
    if close:
        return f"{what}ที่ใกล้เคียง: " + ", ".join(close)
    if len(known) <= 30:
        return f"{what}ที่มี: " + ", ".join(sorted(known))
    return f"ดู{what}ที่มีทั้งหมดในไฟล์ทะเบียน"


class _Checker:
    def __init__(self, handbook: Handbook, log: ProblemLog):
        self.hb = handbook
        self.log = log
        self.term_ids = {definition["id"] for _u, definition, _s, _p in handbook.definitions()}
        self.broken_registries = {f"processes/{kind}.yaml" for kind in ("duties", "roles")
                                  if kind not in handbook.registry_files} | handbook.empty_folders

    def unknown(self, source, path, what, value, known, registry) -> None:
        if (not known and registry in self.broken_registries) or value in self.hb.failed_ids:
            return  # the file or registry it names failed to load: its own problems are reported
        if value in self.hb.renamed:  # the file that had this id still has the name that says so
            file, now = self.hb.renamed[value]
            fix = (f"ไฟล์ {file} เปลี่ยนรหัสเป็น `{now}` แต่ชื่อไฟล์ยังเป็น `{value}`: "
                   f"แก้รหัสในไฟล์นั้นกลับเป็น `{value}` หรือแก้ที่นี่เป็น `{now}`")
        else:
            fix = f"{suggest(value, known)} (ทะเบียน: {registry})"
        self.log.add(source.rel, source.line(*path), field_path(path), f"ไม่รู้จักรหัส{what} `{value}`", fix)

    def page_name(self, source, path, value, what) -> None:
        """An id that is also a page's file name must not be one the site generates itself."""
        if value in RESERVED_PAGE_NAMES:
            self.log.add(source.rel, source.line(*path), field_path(path),
                         f"รหัส{what} `{value}` ใช้ไม่ได้: เป็นชื่อหน้าสารบัญที่ระบบสร้างเอง",
                         "ตั้งรหัสอื่นที่บอกว่าเป็นอะไร เช่น assessment-area")

    # ------------------------------------------------------------------
    def run(self) -> None:
        self.page_names()
        self.registries()
        self.references()
        for unit in self.hb.units.values():
            if unit.parent is None:
                self.process(unit)
        self.districts()
        self.front()
        self.terms()

    def page_names(self) -> None:
        hb = self.hb
        for kind, what in (("duties", "หน้าที่"), ("roles", "บทบาท")):
            registry = hb.registry_files.get(kind)
            for index, item in enumerate(registry.data[kind] if registry else []):
                self.page_name(registry, (kind, index, "id"), item["id"], what)
        for unit in hb.units.values():
            self.page_name(unit.source, unit.path + ("id",), unit.id, "กระบวนงาน")
        for source in hb.references.values():
            self.page_name(source, ("id",), source.data["id"], "เอกสารอ้างอิง")
        for source in hb.districts.values():
            self.page_name(source, ("id",), source.data["id"], "คู่มือระดับเขต")

    def registries(self) -> None:
        hb = self.hb
        duties = hb.registry_files.get("duties")
        if duties:
            numbers = {}
            for index, duty in enumerate(duties.data["duties"]):
                if duty["number"] in numbers:
                    self.log.add(duties.rel, duties.line("duties", index, "number"), field_path(("duties", index, "number")),
                                 f"เลขหน้าที่ `{duty['number']}` ซ้ำ (มีแล้วที่บรรทัด {numbers[duty['number']]})",
                                 "ใช้เลขหน้าที่ตามลำดับในประกาศ ไม่ซ้ำกัน")
                numbers.setdefault(duty["number"], duties.line("duties", index, "number"))
                clause = duty["clause"]
                path = ("duties", index, "clause")
                self.clause_ref(duties, path, clause["ref"], clause["anchor"], "anchor")
        roles = hb.registry_files.get("roles")
        if roles:
            owner = {}
            for index, role in enumerate(roles.data["roles"]):
                spellings = [(("roles", index, "name"), role["name"])]
                if role.get("abbreviation"):
                    spellings.append((("roles", index, "abbreviation"), role["abbreviation"]))
                spellings += [(("roles", index, "variants", v_index), v) for v_index, v in enumerate(role.get("variants", []))]
                for path, text in spellings:
                    if text in owner and owner[text] != role["id"]:
                        self.log.add(roles.rel, roles.line(*path), field_path(path),
                                     f"คำสะกด `{text}` ใช้กับสองบทบาท: `{owner[text]}` และ `{role['id']}`",
                                     "แต่ละคำสะกดต้องหมายถึงบทบาทเดียว: ลบออกจากบทบาทหนึ่ง")
                    owner.setdefault(text, role["id"])
        abbreviations = hb.registry_files.get("abbreviations")
        if abbreviations:
            seen = {}
            for index, item in enumerate(abbreviations.data["abbreviations"]):
                if item["abbr"] in seen:
                    self.log.add(abbreviations.rel, abbreviations.line("abbreviations", index), "abbr",
                                 f"คำย่อ `{item['abbr']}` ซ้ำ (มีแล้วที่บรรทัด {seen[item['abbr']]})",
                                 "ลบรายการที่ซ้ำ")
                seen[item["abbr"]] = abbreviations.line("abbreviations", index)
                if "role" in item and item["role"] not in hb.roles:
                    self.unknown(abbreviations, ("abbreviations", index, "role"), "บทบาท", item["role"], hb.roles, "processes/roles.yaml")
                if "ref" in item and item["ref"] not in hb.references:
                    self.unknown(abbreviations, ("abbreviations", index, "ref"), "เอกสารอ้างอิง", item["ref"], hb.references, "processes/references/")

    def clause_ref(self, source, path, ref, anchor, anchor_field: str = "clause") -> None:
        if ref not in self.hb.references:
            self.unknown(source, path + ("ref",), "เอกสารอ้างอิง", ref, self.hb.references, "processes/references/")
            return
        if anchor is None:
            return
        anchors = clause_anchors(self.hb.references[ref].data)
        if anchor not in anchors:
            self.log.add(source.rel, source.line(*path, anchor_field), field_path(path + (anchor_field,)),
                         f"ไม่พบข้อ/มาตรา `{anchor}` ในเอกสาร `{ref}`",
                         suggest(anchor, anchors) if anchors else
                         f"เอกสาร {ref} ยังไม่มีตัวบท (clauses): เพิ่มตัวบทหรือลบ anchor/clause ออก")

    def references(self) -> None:
        for source in self.hb.references.values():
            data = source.data
            if data.get("amends") == data["id"]:
                self.log.add(source.rel, source.line("amends"), "amends",
                             f"เอกสาร `{data['id']}` แก้ไขตัวเอง (amends ชี้มาที่รหัสของไฟล์นี้เอง)",
                             "ใส่รหัสของเอกสารที่ฉบับนี้แก้ไข หรือลบ amends ออก")
            elif "amends" in data and data["amends"] not in self.hb.references:
                self.unknown(source, ("amends",), "เอกสารอ้างอิง", data["amends"], self.hb.references, "processes/references/")
            seen = {}
            for clause, path in walk_clauses(data.get("clauses", []), ("clauses",)):
                if clause["anchor"] in seen:
                    self.log.add(source.rel, source.line(*path, "anchor"), field_path(path + ("anchor",)),
                                 f"anchor `{clause['anchor']}` ซ้ำ (มีแล้วที่บรรทัด {seen[clause['anchor']]})",
                                 "แต่ละข้อต้องมี anchor ไม่ซ้ำกันในเอกสารเดียวกัน")
                seen[clause["anchor"]] = source.line(*path, "anchor")

    def process(self, unit) -> None:
        source, data = unit.source, unit.process
        if data["duty"] not in self.hb.duties:
            self.unknown(source, ("duty",), "หน้าที่", data["duty"], self.hb.duties, "processes/duties.yaml")
        numbers = {}
        for other in self.hb.units.values():
            if other.parent is None and other is not unit and other.number == unit.number:
                numbers[other.number] = other.source.rel
        if unit.number in numbers:
            self.log.add(source.rel, source.line("number"), "number",
                         f"เลขกระบวนงาน `{unit.number}` ซ้ำกับ {numbers[unit.number]}",
                         "ใช้เลขตามสารบัญของคู่มือ ไม่ซ้ำกัน")
        for index, citation in enumerate(data.get("references", [])):
            if "ref" in citation:
                self.clause_ref(source, ("references", index), citation["ref"], citation.get("clause"))
        if data.get("steps") is not None:
            self.steps(source, data["steps"], ("steps",))
            if "flowchart" in data:
                self.flowchart(source, data["flowchart"], ("flowchart",), data["steps"])
        for index, sub in enumerate(data.get("subprocesses", [])):
            path = ("subprocesses", index)
            self.steps(source, sub["steps"], path + ("steps",))
            if "flowchart" in sub:
                self.flowchart(source, sub["flowchart"], path + ("flowchart",), sub["steps"])

    def steps(self, source, steps, path) -> None:
        numbers = {}
        for step, here, _depth in walk_steps(steps, path):
            number = step["number"]
            if number in numbers:
                self.log.add(source.rel, source.line(*here, "number"), field_path(here + ("number",)),
                             f"เลขขั้นตอน `{number}` ซ้ำ (มีแล้วที่บรรทัด {numbers[number]})",
                             "ใช้เลขขั้นตอนตามที่พิมพ์ในคู่มือ ไม่ซ้ำกันในกระบวนงานเดียวกัน")
            numbers.setdefault(number, source.line(*here, "number"))
        for step, here, _depth in walk_steps(steps, path):
            for field in ("responsible", "participants"):
                for r_index, role in enumerate(step.get(field, [])):
                    if role not in self.hb.roles:
                        self.unknown(source, here + (field, r_index), "บทบาท", role, self.hb.roles, "processes/roles.yaml")
            for t_index, term in enumerate(step.get("terms", [])):
                if term not in self.term_ids:
                    self.unknown(source, here + ("terms", t_index), "คำศัพท์", term, self.term_ids,
                                 "definitions ของกระบวนงานใน processes/national/")
            if "period" in step:
                try:
                    months_of(step["period"])
                except PeriodError as error:
                    self.log.add(source.rel, source.line(*here, "period"), field_path(here + ("period",)),
                                 f"ระยะเวลา `{error}` ไม่ใช่เดือนหรือช่วงเดือน",
                                 "เขียนเดือนแบบย่อ เช่น ต.ค. หรือช่วงเดือน ต.ค.-ธ.ค. หรือ ตลอดปี "
                                 f"(เดือนที่ใช้ได้: {' '.join(FISCAL_MONTHS)}); ถ้อยคำเดิมใส่ใน period_text")
            retry = step.get("decision", {}).get("retry")
            if retry is not None and retry not in numbers:
                self.log.add(source.rel, source.line(*here, "decision", "retry"), field_path(here + ("decision", "retry")),
                             f"ขั้นตอนที่จะย้อนกลับไป `{retry}` ไม่มีในกระบวนงานนี้",
                             suggest(retry, numbers, "เลขขั้นตอน"))

    def flowchart(self, source, chart, path, steps) -> None:
        ids = {}
        step_numbers = {step["number"] for step, _, _ in walk_steps(steps, ())}
        for index, node in enumerate(chart["nodes"]):
            if node["id"] in ids:
                self.log.add(source.rel, source.line(*path, "nodes", index, "id"), field_path(path + ("nodes", index, "id")),
                             f"รหัสกล่อง `{node['id']}` ซ้ำ", "ตั้งรหัสกล่องในแผนผังให้ไม่ซ้ำกัน")
            ids[node["id"]] = index
            if "step" in node and node["step"] not in step_numbers:
                self.log.add(source.rel, source.line(*path, "nodes", index, "step"), field_path(path + ("nodes", index, "step")),
                             f"กล่องนี้อ้างขั้นตอน `{node['step']}` ซึ่งไม่มีในกระบวนงาน",
                             suggest(node["step"], step_numbers, "เลขขั้นตอน"))
        for index, node in enumerate(chart["nodes"]):
            for t_index, target in enumerate(node.get("to", [])):
                target_id = target if isinstance(target, str) else target["node"]
                if target_id not in ids:
                    here = path + ("nodes", index, "to", t_index)
                    self.log.add(source.rel, source.line(*here), field_path(here),
                                 f"ลูกศรชี้ไปกล่อง `{target_id}` ซึ่งไม่มีในแผนผัง", suggest(target_id, ids, "รหัสกล่อง"))

    def districts(self) -> None:
        for source in self.hb.districts.values():
            data = source.data
            for index, unit_id in enumerate(data["implements"]):
                if unit_id not in self.hb.units:
                    self.unknown(source, ("implements", index), "กระบวนงาน", unit_id, self.hb.units, "processes/national/")
            for index, citation in enumerate(data.get("references", [])):
                if "ref" in citation:
                    self.clause_ref(source, ("references", index), citation["ref"], citation.get("clause"))
            section_ids = {}
            for s_index, section in enumerate(data["sections"]):
                path = ("sections", s_index)
                if section["id"] in section_ids:
                    self.log.add(source.rel, source.line(*path, "id"), field_path(path + ("id",)),
                                 f"รหัสหัวข้อ `{section['id']}` ซ้ำ", "ตั้งรหัสหัวข้อให้ไม่ซ้ำกันในไฟล์")
                section_ids[section["id"]] = s_index
                for index, unit_id in enumerate(section.get("implements", [])):
                    if unit_id not in self.hb.units:
                        self.unknown(source, path + ("implements", index), "กระบวนงาน", unit_id, self.hb.units, "processes/national/")
                for index, citation in enumerate(section.get("references", [])):
                    if "ref" in citation:
                        self.clause_ref(source, path + ("references", index), citation["ref"], citation.get("clause"))
                if section.get("steps"):
                    self.steps(source, section["steps"], path + ("steps",))
                    if "flowchart" in section:
                        self.flowchart(source, section["flowchart"], path + ("flowchart",), section["steps"])
                elif "flowchart" in section:
                    self.flowchart(source, section["flowchart"], path + ("flowchart",), [])

    def front(self) -> None:
        source = self.hb.front
        if not source:
            return
        for index, row in enumerate(source.data["duty_analysis"]):
            path = ("duty_analysis", index)
            if row["duty"] not in self.hb.duties:
                self.unknown(source, path + ("duty",), "หน้าที่", row["duty"], self.hb.duties, "processes/duties.yaml")
            if "process" in row and row["process"] not in self.hb.units:
                self.unknown(source, path + ("process",), "กระบวนงาน", row["process"], self.hb.units, "processes/national/")
            for r_index, role in enumerate(row.get("roles", [])):
                if role not in self.hb.roles:
                    self.unknown(source, path + ("roles", r_index), "บทบาท", role, self.hb.roles, "processes/roles.yaml")
        for index, item in enumerate(source.data["bibliography"]):
            if "ref" in item and item["ref"] not in self.hb.references:
                self.unknown(source, ("bibliography", index, "ref"), "เอกสารอ้างอิง", item["ref"], self.hb.references, "processes/references/")

    def terms(self) -> None:
        seen = {}
        for _unit, definition, source, path in self.hb.definitions():
            term_id = definition["id"]
            if term_id in seen:
                other_file, other_line = seen[term_id]
                self.log.add(source.rel, source.line(*path, "id"), field_path(path + ("id",)),
                             f"รหัสคำศัพท์ `{term_id}` ซ้ำกับใน {other_file} บรรทัด {other_line}",
                             "ตั้งรหัสคำศัพท์ให้ไม่ซ้ำกันทั้งคู่มือ (ใช้เป็น anchor ในหน้าอภิธานศัพท์)")
            seen.setdefault(term_id, (source.rel, source.line(*path, "id")))


def check_handbook(handbook: Handbook, log: ProblemLog) -> None:
    _Checker(handbook, log).run()
    check_registries(handbook, log)
