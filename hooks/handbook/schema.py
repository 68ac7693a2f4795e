"""Checking one file's data against its JSON Schema, in words an editor can act on."""
from __future__ import annotations

import datetime
import difflib
import hashlib
import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import jsonschema
import referencing
import referencing.jsonschema

from .problems import ProblemLog, char_name, field_path
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
    "synonyms": "synonyms.schema.json",  # read by hooks/thai_search/synonyms.py
}

# The editors' field reference, generated from the schemas' descriptions (`./handbook docs`,
# hooks/editor_docs.py): where a message sends an editor who needs a field explained.
FIELD_REFERENCE = "docs-editors/ฟิลด์.md"

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


def _python_pattern(pattern: str) -> str:
    """A schema pattern for Python's `re` with JSON Schema's meaning (ECMA-262): there `$`
    matches only at the very end; in Python it also matches before a final newline,
    so `id: |` (a block that ends in a newline) would pass `^[a-z0-9-]+$`."""
    out, in_class, escaped = [], False, False
    for character in pattern:
        if escaped:
            escaped = False
        elif character == "\\":
            escaped = True
        elif character == "[":
            in_class = True
        elif character == "]":
            in_class = False
        elif character == "$" and not in_class:
            character = "\\Z"
        out.append(character)
    return "".join(out)


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(_python_pattern(pattern))


def _pattern(validator, pattern, instance, schema):
    if validator.is_type(instance, "string") and not _compiled(pattern).search(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


# A whole number is an integer: JSON Schema also counts 2.0 as one, which the pages would show as "2.0".
_TYPES = jsonschema.Draft202012Validator.TYPE_CHECKER.redefine(
    "integer", lambda _checker, value: isinstance(value, int) and not isinstance(value, bool))
_Validator = jsonschema.validators.extend(jsonschema.Draft202012Validator, validators={"pattern": _pattern},
                                          type_checker=_TYPES)


class SchemaFileError(Exception):
    """A schema file under processes/schema/ that cannot be used (a maintainer's file, reported like content)."""

    def __init__(self, file: Path, line: int, message: str):
        super().__init__(message)
        self.file, self.line, self.message = file, line, message


_CHECKED_SCHEMAS: dict = {}  # (name, text) -> parsed schema, so `mkdocs serve` re-checks only changed files


# Files found valid, by (schemas, kind, bytes): `mkdocs serve` and the tests check again
# only what changed. Only clean results are kept, so every problem is always reported.
_VALID: dict = {}
_VALID_LIMIT = 2000
_signature = ""  # of the schema files in use


@lru_cache(maxsize=4)
def _registry(schema_dir: str) -> referencing.Registry:
    global _signature
    resources = []
    signature = hashlib.blake2b(digest_size=16)
    for file in sorted(Path(schema_dir).glob("*.json")):
        text = file.read_text("utf-8", errors="replace")
        signature.update(f"{file.name}\0{text}\0".encode("utf-8", "surrogateescape"))
        if (file.name, text) not in _CHECKED_SCHEMAS:
            try:
                contents = json.loads(text)
            except ValueError as error:
                raise SchemaFileError(file, getattr(error, "lineno", 0), f"JSON ผิดรูปแบบ: {error}") from None
            if not isinstance(contents, dict):
                raise SchemaFileError(file, 1, "ไม่ใช่ JSON Schema (ต้องเป็น object)")
            # Without its "$schema" key a schema is checked by _Validator all the way down:
            # jsonschema picks the stock validator again for any schema that names its dialect.
            _CHECKED_SCHEMAS[(file.name, text)] = {key: value for key, value in contents.items() if key != "$schema"}
        resources.append((file.name, referencing.Resource.from_contents(
            _CHECKED_SCHEMAS[(file.name, text)], default_specification=referencing.jsonschema.DRAFT202012)))
    _signature = signature.hexdigest()
    return referencing.Registry().with_resources(resources)


@lru_cache(maxsize=16)
def _validator(schema_dir: str, kind: str):
    return _Validator({"$ref": SCHEMAS[kind]}, registry=_registry(schema_dir))


_SCHEMA_DIR: Path | None = None


def use_schema_dir(path: Path, log: ProblemLog, rel) -> bool:
    """Schemas for the next loads; re-read every time, so edits apply under `mkdocs serve`.
    False (with the problem logged) when a schema file cannot be used."""
    global _SCHEMA_DIR
    _SCHEMA_DIR = path
    _registry.cache_clear()
    _validator.cache_clear()
    try:
        for kind in SCHEMAS:
            _validator(str(path), kind).iter_errors({}).__next__()
    except StopIteration:  # pragma: no cover - every schema requires some field
        pass
    except SchemaFileError as error:
        log.add(rel(error.file), error.line, "", f"ไฟล์ schema {error.message}",
                "กู้ไฟล์นี้คืนจาก repository (ผู้ดูแลระบบเท่านั้นที่แก้ schema)")
        return False
    except Exception as error:  # noqa: BLE001 - an unresolvable $ref and the like: still the schema's fault, not the content's
        log.add(rel(path), 0, "", f"JSON Schema ใช้ไม่ได้: {type(error).__name__}: {error}",
                "กู้โฟลเดอร์ processes/schema/ คืนจาก repository (ผู้ดูแลระบบเท่านั้นที่แก้ schema)")
        return False
    return True


def schema_kind(data, kinds) -> str | None:
    """The first of `kinds` whose schema `data` fits without a single error."""
    for kind in kinds:
        try:
            if isinstance(data, dict) and next(_validator(str(_SCHEMA_DIR), kind).iter_errors(data), None) is None:
                return kind
        except Exception:  # noqa: BLE001 - a broken schema fits nothing; check_schema reports it
            continue
    return None


def check_schema(source: SourceFile, log: ProblemLog) -> None:
    known = (_signature, source.kind, source.digest)
    if source.digest and known in _VALID:
        return
    validator = _validator(str(_SCHEMA_DIR), source.kind)
    if not isinstance(source.data, dict):
        log.add(source.rel, 1, "", "ไฟล์ต้องเป็นชุดฟิลด์ (ชื่อฟิลด์: ค่า) ไม่ใช่รายการหรือข้อความเดี่ยว",
                "ดูรูปแบบจากไฟล์อื่นชนิดเดียวกันใน processes/")
        source.data = None
        return
    text_ok = _check_text(source, source.data, (), log)
    try:
        errors = list(validator.iter_errors(source.data))
    except Exception as error:  # noqa: BLE001 - a broken schema (a maintainer's file) meets this data: said, not raised
        log.add(source.rel, 0, "", f"ตรวจกับ JSON Schema ไม่ได้: {type(error).__name__}: {error}",
                "กู้โฟลเดอร์ processes/schema/ คืนจาก repository (ผู้ดูแลระบบเท่านั้นที่แก้ schema)")
        source.data = None
        return
    for error in errors:
        for leaf in _leaves(error):
            _report_schema_error(source, leaf, log)
    if errors or not text_ok:
        source.failed_id = source.data.get("id") if isinstance(source.data.get("id"), str) else None
        source.data = None  # do not build pages from a file that breaks its schema
    elif source.digest:
        if len(_VALID) >= _VALID_LIMIT:
            _VALID.clear()
        _VALID[known] = True


# Fields that name or label something: one line of visible text, shown in headings,
# navigation, links, tooltips and diagram boxes.
LABEL_FIELDS = {"title", "short_title", "document_title", "name", "variants", "term", "english", "abbr",
                "abbreviation", "expansion", "label", "cited_as"}
ABBREVIATION_FIELDS = {"abbr", "abbreviation"}
# Fields that hold an id, a number or another key: their pattern or the cross-reference
# check already reports a wrong value (shown with its invisible characters escaped).
KEY_FIELDS = {"id", "ref", "duty", "role", "roles", "responsible", "participants", "terms", "implements", "amends",
              "process", "anchor", "clause", "number", "retry", "step", "node", "seed", "lines"}
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")  # tab and newline: in long text only
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_VISIBLE = ("L", "N", "P", "S")  # Unicode categories of characters that show (letters, digits, punctuation, symbols)


def _check_text(source: SourceFile, value, path: tuple, log: ProblemLog) -> bool:
    """Text rules the JSON Schema cannot say: no control or bidi-override characters
    anywhere; labels on one line with something visible; abbreviations with a letter."""
    if isinstance(value, dict):
        # a list, not a generator: every item is checked, so every problem is reported at once
        return all([_check_text(source, item, path + (key,), log) for key, item in value.items()])  # noqa: C419
    if isinstance(value, list):
        return all([_check_text(source, item, path + (index,), log) for index, item in enumerate(value)])  # noqa: C419
    if not isinstance(value, str):
        return True
    name = next((part for part in reversed(path) if isinstance(part, str)), "")
    if name in KEY_FIELDS:
        return True
    where, line = field_path(path), source.line(*path)
    ok = True
    label = name in LABEL_FIELDS
    for pattern, what, fix in (
            (_CONTROL, "อักขระควบคุม", "ลบอักขระนี้ออก (มักมาจากการคัดลอกข้อความ หรือการเขียน \\ ในเครื่องหมายคำพูด \"...\")"),
            (_BIDI, "อักขระกำหนดทิศทางข้อความ", "ลบอักขระนี้ออก: ข้อความไทยและอังกฤษไม่ต้องใช้")):
        places: dict = {}
        for match in pattern.finditer(value):
            places.setdefault(match.group(), []).append(str(match.start() + 1))
        for character, positions in places.items():
            log.add(source.rel, line, where, f"`{where}` มี{what} {char_name(character)} ที่ตัวอักษรที่ {', '.join(positions)} "
                    "ซึ่งมองไม่เห็นแต่ทำให้ข้อความบนหน้าเว็บหรือในข้อความตรวจแสดงผิด", fix)
            ok = False
    if label and ("\n" in value.strip() or "\t" in value):
        log.add(source.rel, line, where, f"`{where}` มีการขึ้นบรรทัดใหม่หรือแท็บ ซึ่งฟิลด์นี้ต้องเป็นข้อความบรรทัดเดียว",
                "เขียนให้อยู่ในบรรทัดเดียว (ไม่ใช้ | หรือ > กับฟิลด์นี้)")
        ok = False
    elif label and value != value.strip() and "\n" in value:
        log.add(source.rel, line, where, f"`{where}` ลงท้ายด้วยการขึ้นบรรทัดใหม่ ซึ่งฟิลด์นี้ต้องเป็นข้อความบรรทัดเดียว",
                "เขียนค่าต่อจาก : ในบรรทัดเดียวกัน (ไม่ใช้ | หรือ > กับฟิลด์นี้)")
        ok = False
    if label and value and not any(unicodedata.category(ch)[0] in _VISIBLE for ch in value):
        hidden = sorted({char_name(ch) for ch in value if ch not in " \n"})
        shown = f" (มีเพียง {', '.join(hidden)})" if hidden else " (มีเพียงช่องว่าง)"
        log.add(source.rel, line, where, f"`{where}` ไม่มีตัวอักษรที่มองเห็นได้{shown}",
                "ใส่ข้อความ หรือลบฟิลด์นี้ออก")
        ok = False
    elif name in ABBREVIATION_FIELDS and value and not any(unicodedata.category(ch)[0] == "L" for ch in value):
        log.add(source.rel, line, where, f"คำย่อ `{value}` ไม่มีตัวอักษร",
                "คำย่อต้องมีตัวอักษร เช่น สพฐ. (คำย่อที่มีแต่เครื่องหมายจะถูกครอบทุกเครื่องหมายเดียวกันในทุกหน้า)")
        ok = False
    return ok


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
                    f"เพิ่มบรรทัด `{name}:` พร้อมค่า (ความหมายของฟิลด์: {FIELD_REFERENCE})")
    elif kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extras = [key for key in error.instance if key not in schema.get("properties", {})]
        for key in extras:
            if isinstance(key, bool) or key is None:
                log.add(source.rel, line, where,
                        "ชื่อฟิลด์ yes/no/on/off/true/false/null ถูก YAML อ่านเป็นค่าจริง/เท็จ จึงใช้เป็นชื่อฟิลด์ไม่ได้",
                        "ใช้ชื่อฟิลด์ตามแบบ: ในการตัดสินใจใช้ pass: และ fail: แทน yes: และ no:")
                continue
            if not isinstance(key, str):
                log.add(source.rel, source.line(*path, key), f"{where}.{key}" if where else str(key),
                        f"ชื่อฟิลด์ `{key}` เป็น{TYPE_NAMES.get(_json_type(key), 'ค่า')} ไม่ใช่ชื่อฟิลด์ (YAML อ่าน {key}: เป็นตัวเลข)",
                        f"ใช้ชื่อฟิลด์ตามแบบ: {', '.join(allowed)}" if allowed else "ลบฟิลด์นี้ออก")
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
            if isinstance(error.instance, float) and error.instance.is_integer():
                fix = f"เขียนเป็นจำนวนเต็ม {int(error.instance)} โดยไม่มีจุดทศนิยม"
        if "array" in expected and isinstance(error.instance, str):
            fix = "เขียนเป็นรายการ: ขึ้นบรรทัดใหม่แล้วใส่ - หน้าค่าแต่ละตัว"
        log.add(source.rel, line, where, f"ฟิลด์ `{where}` ต้องเป็น{want} แต่พบ{got}", fix)
    elif kind == "pattern" and error.instance != error.instance.strip():
        log.add(source.rel, line, where,
                f"ค่า `{_shown(error.instance)}` ของฟิลด์ `{where}` มีช่องว่างหรือการขึ้นบรรทัดใหม่ที่หัวหรือท้าย",
                "เขียนค่าต่อจาก : ในบรรทัดเดียวกัน ไม่มีช่องว่างหัวท้าย (ไม่ใช้ | หรือ > กับฟิลด์นี้)")
    elif kind == "pattern" and schema.get("pattern", "").startswith("^[a-z0-9]+"):
        log.add(source.rel, line, where,
                f"รหัส (id) `{_shown(error.instance)}` ใช้ไม่ได้: ใช้ได้เฉพาะอักษรอังกฤษตัวเล็ก ตัวเลข และ -",
                "เช่น assessment-area (ห้ามมีช่องว่าง ตัวใหญ่ หรืออักษรไทย)")
    elif kind == "pattern":
        log.add(source.rel, line, where, f"ค่า `{_shown(error.instance)}` ไม่ตรงรูปแบบของฟิลด์ `{path[-1] if path else where}`",
                PATTERN_HINTS.get(schema.get("pattern"), f"ดูรูปแบบของฟิลด์นี้ใน {FIELD_REFERENCE}"))
    elif kind == "enum":
        log.add(source.rel, line, where, f"ค่า `{_shown(error.instance)}` ใช้ไม่ได้",
                "ใช้ค่าใดค่าหนึ่งต่อไปนี้: " + ", ".join(map(str, schema["enum"])))
    elif kind == "minLength":
        log.add(source.rel, line, where, f"ฟิลด์ `{where}` เป็นข้อความว่าง", "ใส่ข้อความ หรือลบฟิลด์นี้ออก")
    elif kind == "minItems":
        log.add(source.rel, line, where, f"รายการ `{where}` ว่างเปล่า", "ใส่อย่างน้อยหนึ่งรายการ หรือลบฟิลด์นี้ออก")
    elif kind in ("minimum", "maximum"):
        log.add(source.rel, line, where, f"ค่า {_shown(error.instance)} อยู่นอกช่วงที่ใช้ได้",
                f"ใช้ค่า{_bounds(schema)}" + (f": {schema['description']}" if schema.get("description") else ""))
    elif kind == "oneOf" and not path:
        log.add(source.rel, line, "steps/subprocesses",
                "กระบวนงานต้องมีอย่างใดอย่างหนึ่ง: `steps` (ขั้นตอน) หรือ `subprocesses` (กระบวนงานย่อย) ไม่ใช่ทั้งสองหรือไม่มีเลย",
                "ใส่ขั้นตอนไว้ใน steps หรือแยกเป็น subprocesses แต่ละอันมี steps ของตัวเอง "
                "(แผนผัง flowchart ของกระบวนงานที่มี subprocesses ให้ใส่ไว้ในกระบวนงานย่อยแต่ละอัน)")
    else:
        log.add(source.rel, line, where, f"ค่าไม่ถูกต้อง: {error.message}", f"ดูรูปแบบของฟิลด์นี้ใน {FIELD_REFERENCE}")


def _bounds(schema: dict) -> str:
    """The range a number field allows, in words: ตั้งแต่ 2400 ถึง 2700."""
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None and high is not None:
        return f"ตั้งแต่ {low} ถึง {high}"
    return f"ตั้งแต่ {low} ขึ้นไป" if low is not None else f"ไม่เกิน {high}"


def _shown(value, limit: int = 80) -> str:
    """A value as a message quotes it: long ones cut (a message is one line of a terminal)."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
