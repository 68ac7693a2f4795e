"""Reading one content file: bytes → text → YAML, with the line of every field.

Every failure becomes a Problem that names the file, the line and the fix; nothing
here raises on bad content. Schema checks come next (schema.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import ProblemLog, field_path


@dataclass
class SourceFile:
    """One content file: its data and where each field sits in it."""

    path: Path  # absolute
    rel: str  # as shown to editors, relative to the repository
    kind: str
    data: object = None
    lines: dict = field(default_factory=dict)  # field path tuple -> line number
    failed_id: str | None = None  # id of a file that broke its schema (its uses are not reported again)

    def line(self, *path) -> int:
        """Line of the nearest enclosing field that has a position."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def read_file(path: Path, rel: str, kind: str, log: ProblemLog) -> SourceFile | None:
    source = SourceFile(path=path, rel=rel, kind=kind)
    try:
        raw = path.read_bytes()
    except OSError as error:
        log.add(rel, 0, "", f"อ่านไฟล์ไม่ได้: {error.strerror}", "ตรวจสอบว่าไฟล์มีอยู่และอ่านได้")
        return None
    text = _decode(raw, rel, log)
    if text is None:
        return None
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        log.add(rel, 1, "", "ไฟล์ว่าง ไม่มีเนื้อหา (empty file)",
                "ใส่เนื้อหาตามแบบในไฟล์ตัวอย่างอื่น หรือลบไฟล์นี้ออก")
        return None
    tab_lines = [n for n, line in enumerate(text.splitlines(), 1)
                 if "\t" in line[: len(line) - len(line.lstrip())]]
    for n in tab_lines:
        log.add(rel, n, "", "ย่อหน้าด้วยแท็บ (tab) ซึ่ง YAML ไม่ยอมรับ",
                "ลบแท็บแล้วย่อหน้าด้วยช่องว่าง (space) 2 ช่องต่อระดับ")
    if tab_lines:
        return None
    try:
        node, data = _compose_and_construct(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        log.add(rel, line, "", f"เขียน YAML ผิดรูปแบบ: {error.problem or error.context}",
                "ตรวจเครื่องหมาย : และการย่อหน้าในบรรทัดนี้และบรรทัดก่อนหน้า; "
                "ข้อความที่มี : # [ ] { } ให้ครอบด้วยเครื่องหมายคำพูด \"...\"")
        return None
    except yaml.YAMLError as error:  # pragma: no cover - reader errors without marks
        log.add(rel, 0, "", f"เขียน YAML ผิดรูปแบบ: {error}", "ตรวจรูปแบบไฟล์")
        return None
    if not _record_positions(node, (), source.lines, rel, log, set()):
        source.failed_id = data.get("id") if isinstance(data, dict) and isinstance(data.get("id"), str) else None
        return source  # with no data: reported, not built
    source.data = data
    return source


# libyaml when present: the same documents, parsed several times faster.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose_and_construct(text: str):
    """The node tree (for line numbers) and the data, from one parse."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
        return node, data
    finally:
        loader.dispose()


def _decode(raw: bytes, rel: str, log: ProblemLog) -> str | None:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        try:
            thai = raw.decode("cp874")
            looks_thai = any("\u0e00" <= ch <= "\u0e7f" for ch in thai)
        except UnicodeDecodeError:
            looks_thai = False
        if looks_thai:
            log.add(rel, line, "", "ไฟล์ไม่ได้บันทึกเป็น UTF-8 แต่ดูเหมือนเป็นรหัสภาษาไทยแบบ TIS-620/Windows-874",
                    "ใน VS Code เลือก Reopen with Encoding → Thai (Windows 874) ให้อ่านภาษาไทยออกก่อน แล้วจึง Save with Encoding → UTF-8")
        else:
            log.add(rel, line, "", "ไฟล์ไม่ได้บันทึกเป็น UTF-8 (not UTF-8)",
                    "บันทึกไฟล์ใหม่ด้วยการเข้ารหัส UTF-8")
        return None


def _record_positions(node, path, lines, rel, log, ancestors: set) -> bool:
    """Line of every field; False when a YAML alias (*name) points back to a node that
    contains it: such a value never ends."""
    if id(node) in ancestors:
        log.add(rel, node.start_mark.line + 1, field_path(path),
                "alias (*ชื่อ) ของ YAML อ้างกลับไปยังค่าที่ครอบตัวมันเอง ค่าจึงไม่มีที่สิ้นสุด",
                "เขียนค่าให้ครบแทนการอ้าง *ชื่อ")
        return False
    ancestors = ancestors | {id(node)}
    lines[path] = node.start_mark.line + 1
    ok = True
    if isinstance(node, yaml.MappingNode):
        keys = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key in keys:
                log.add(rel, key_node.start_mark.line + 1, field_path(path + (key,)),
                        f"ฟิลด์ `{key}` ซ้ำกัน (อยู่แล้วที่บรรทัด {keys[key]})",
                        "ลบหรือรวมฟิลด์ที่ซ้ำให้เหลืออันเดียว")
            keys[key] = key_node.start_mark.line + 1
            ok = _record_positions(value_node, path + (key,), lines, rel, log, ancestors) and ok
            lines[path + (key,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            ok = _record_positions(item, path + (index,), lines, rel, log, ancestors) and ok
    return ok
