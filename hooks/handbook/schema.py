"""Checking one file's data against its JSON Schema, in words an editor can act on."""
from __future__ import annotations

import datetime
import difflib
import json
from functools import lru_cache
from pathlib import Path

import jsonschema
import referencing

from .problems import ProblemLog, field_path
from .source import SourceFile

# Which schema each file kind is checked against (relative to processes/schema/).
SCHEMAS = {
    "process": "process.schema.json",
    "district": "district.schema.json",
    "reference": "reference.schema.json",
    "handbook": "handbook.schema.json",
    "duties": "registries.schema.json#/$defs/duties",
    "roles": "registries.schema.json#/$defs/roles",
    "abbreviations": "registries.schema.json#/$defs/abbreviations",
}

# What each pattern of the schemas asks for, said to an editor.
PATTERN_HINTS = {
    "^[1-8](\\.[1-9])?$": "เลขกระบวนงานตามสารบัญของคู่มือ เช่น 1 หรือ 3.2 (ใส่เครื่องหมายคำพูด: \"3.2\")",
    "^[1-8]\\.[1-9]$": "เลขกระบวนงานย่อยเป็นเลขอารบิก เช่น \"1.2\" (ใส่เครื่องหมายคำพูด)",
    "^[0-9]+(\\.[0-9]+)*$": "เลขขั้นตอนเป็นเลขอารบิกคั่นด้วยจุด เช่น \"1\" หรือ \"2.3\" (ใส่เครื่องหมายคำพูด)",
    "^00[0-9]_[0-9a-f]{16}\\.txt$": "ชื่อไฟล์ต้นฉบับใน shared/seeds เช่น 000_edbbb00615e6107c.txt",
    "^[0-9]+(-[0-9]+)?$": "เลขบรรทัดหรือช่วงบรรทัด เช่น 120 หรือ 120-257",
    "^[A-Za-z][A-Za-z0-9_]*$": "รหัสกล่องเป็นอักษรอังกฤษ/ตัวเลข เช่น A, B, step1",
}

TYPE_NAMES = {
    "string": "ข้อความ (text)",
    "array": "รายการ (list, แต่ละบรรทัดขึ้นต้นด้วย - )",
    "object": "ชุดฟิลด์ (mapping: ชื่อฟิลด์: ค่า)",
    "integer": "จำนวนเต็ม (integer)",
    "number": "ตัวเลข (number)",
    "boolean": "จริง/เท็จ (true/false)",
    "null": "ค่าว่าง",
    "date": "วันที่ (YAML อ่านค่าแบบ 2024-01-01 เป็นวันที่: ครอบด้วยเครื่องหมายคำพูด)",
}


@lru_cache(maxsize=4)
def _registry(schema_dir: str) -> referencing.Registry:
    resources = []
    for file in Path(schema_dir).glob("*.json"):
        resources.append((file.name, referencing.Resource.from_contents(json.loads(file.read_text("utf-8")))))
    return referencing.Registry().with_resources(resources)


@lru_cache(maxsize=16)
def _validator(schema_dir: str, kind: str) -> jsonschema.Draft202012Validator:
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$ref": SCHEMAS[kind]}
    return jsonschema.Draft202012Validator(schema, registry=_registry(schema_dir))


_SCHEMA_DIR: Path | None = None


def use_schema_dir(path: Path) -> None:
    """Schemas for the next loads; re-read every time, so edits apply under `mkdocs serve`."""
    global _SCHEMA_DIR
    _SCHEMA_DIR = path
    _registry.cache_clear()
    _validator.cache_clear()


def check_schema(source: SourceFile, log: ProblemLog) -> None:
    validator = _validator(str(_SCHEMA_DIR), source.kind)
    if not isinstance(source.data, dict):
        log.add(source.rel, 1, "", "ไฟล์ต้องเป็นชุดฟิลด์ (ชื่อฟิลด์: ค่า) ไม่ใช่รายการหรือข้อความเดี่ยว",
                "ดูรูปแบบจากไฟล์อื่นชนิดเดียวกันใน processes/")
        source.data = None
        return
    errors = list(validator.iter_errors(source.data))
    for error in errors:
        for leaf in _leaves(error):
            _report_schema_error(source, leaf, log)
    if errors:
        source.failed_id = source.data.get("id") if isinstance(source.data.get("id"), str) else None
        source.data = None  # do not build pages from a file that breaks its schema


def _leaves(error):
    """oneOf/anyOf errors hide the useful message in their context: pick the best branch."""
    if error.validator in ("oneOf", "anyOf") and error.context:
        if not error.path:  # steps vs subprocesses at the top of a process: said plainly
            yield error
            return
        best = jsonschema.exceptions.best_match(error.context)
        yield from _leaves(best)
        return
    yield error


def _report_schema_error(source: SourceFile, error, log: ProblemLog) -> None:
    path = tuple(error.absolute_path)
    where = field_path(path)
    line = source.line(*path)
    kind = error.validator
    schema = error.schema
    if kind == "required":
        missing = [name for name in schema.get("required", []) if name not in error.instance]
        unknown = [str(key) for key in error.instance if key not in schema.get("properties", {})]
        for name in missing:
            if difflib.get_close_matches(name, unknown, n=1, cutoff=0.6):
                continue  # a misspelt field: the unknown-field message names the right one

            log.add(source.rel, line, field_path(path + (name,)),
                    f"ขาดฟิลด์ที่ต้องมี `{name}`",
                    f"เพิ่มบรรทัด `{name}:` พร้อมค่า (ดู processes/README.md)")
    elif kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extras = [key for key in error.instance if key not in schema.get("properties", {})]
        for key in extras:
            if isinstance(key, bool) or key is None:
                log.add(source.rel, line, where,
                        "ชื่อฟิลด์ yes/no/on/off/true/false/null ถูก YAML อ่านเป็นค่าจริง/เท็จ จึงใช้เป็นชื่อฟิลด์ไม่ได้",
                        "ใช้ชื่อฟิลด์ตามแบบ: ในการตัดสินใจใช้ pass: และ fail: แทน yes: และ no:")
                continue
            close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
            fix = f"หมายถึง `{close[0]}` หรือไม่? แก้ชื่อฟิลด์ให้ตรง" if close else \
                f"ใช้ได้เฉพาะฟิลด์: {', '.join(allowed)}"
            log.add(source.rel, source.line(*path, key), field_path(path + (key,)),
                    f"ไม่รู้จักฟิลด์ `{key}` (unknown field)", fix)
    elif kind == "type":
        expected = schema.get("type")
        expected = [expected] if isinstance(expected, str) else expected
        want = " หรือ ".join(TYPE_NAMES.get(t, t) for t in expected)
        got = TYPE_NAMES.get(_json_type(error.instance), _json_type(error.instance))
        fix = "ครอบข้อความด้วยเครื่องหมายคำพูด \"...\"" if "string" in expected else f"เขียนค่าให้เป็น{want}"
        if "integer" in expected:
            fix = "เขียนเป็นเลขอารบิกโดยไม่มีเครื่องหมายคำพูด เช่น year: 2553"
        if "array" in expected and isinstance(error.instance, str):
            fix = "เขียนเป็นรายการ: ขึ้นบรรทัดใหม่แล้วใส่ - หน้าค่าแต่ละตัว"
        log.add(source.rel, line, where, f"ฟิลด์ `{where}` ต้องเป็น{want} แต่พบ{got}", fix)
    elif kind == "pattern" and schema.get("pattern", "").startswith("^[a-z0-9]+"):
        log.add(source.rel, line, where,
                f"รหัส (id) `{error.instance}` ใช้ไม่ได้: ใช้ได้เฉพาะอักษรอังกฤษตัวเล็ก ตัวเลข และ -",
                "เช่น assessment-area (ห้ามมีช่องว่าง ตัวใหญ่ หรืออักษรไทย)")
    elif kind == "pattern":
        log.add(source.rel, line, where, f"ค่า `{error.instance}` ไม่ตรงรูปแบบของฟิลด์ `{path[-1] if path else where}`",
                PATTERN_HINTS.get(schema.get("pattern"), "ดูรูปแบบใน processes/README.md"))
    elif kind == "enum":
        log.add(source.rel, line, where, f"ค่า `{error.instance}` ใช้ไม่ได้",
                "ใช้ค่าใดค่าหนึ่งต่อไปนี้: " + ", ".join(map(str, schema["enum"])))
    elif kind == "minLength":
        log.add(source.rel, line, where, f"ฟิลด์ `{where}` เป็นข้อความว่าง", "ใส่ข้อความ หรือลบฟิลด์นี้ออก")
    elif kind == "minItems":
        log.add(source.rel, line, where, f"รายการ `{where}` ว่างเปล่า", "ใส่อย่างน้อยหนึ่งรายการ หรือลบฟิลด์นี้ออก")
    elif kind in ("minimum", "maximum"):
        log.add(source.rel, line, where, f"ค่า {error.instance} อยู่นอกช่วงที่ใช้ได้",
                schema.get("description") or "ตรวจค่าอีกครั้ง")
    elif kind == "oneOf" and not path:
        log.add(source.rel, line, "steps/subprocesses",
                "กระบวนงานต้องมีอย่างใดอย่างหนึ่ง: `steps` (ขั้นตอน) หรือ `subprocesses` (กระบวนงานย่อย) ไม่ใช่ทั้งสองหรือไม่มีเลย",
                "ใส่ขั้นตอนไว้ใน steps หรือแยกเป็น subprocesses แต่ละอันมี steps ของตัวเอง "
                "(แผนผัง flowchart ของกระบวนงานที่มี subprocesses ให้ใส่ไว้ในกระบวนงานย่อยแต่ละอัน)")
    else:
        log.add(source.rel, line, where, f"ค่าไม่ถูกต้อง: {error.message}", "ดูรูปแบบใน processes/README.md")


def _json_type(value) -> str:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return "date"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"
