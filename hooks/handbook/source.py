"""Reading one content file: bytes → text → YAML, with the line of every field.

Every failure becomes a Problem that names the file, the line and the fix; nothing
here raises on bad content. Limits keep every file cheap to read whatever it holds:
only regular files, at most MAX_FILE_BYTES, YAML nested at most MAX_DEPTH levels and
expanding (aliases included) to at most MAX_VALUES values. Schema checks come next
(schema.py).
"""
from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from .problems import ProblemLog, char_name, field_path

MAX_FILE_BYTES = 1_000_000  # the largest content file is about 140 KB
MAX_DEPTH = 30  # levels of nesting; the content uses at most 9
MAX_VALUES = 50_000  # values in one file, aliases expanded; the content uses at most 2,000


@dataclass
class SourceFile:
    """One content file: its data and where each field sits in it."""

    path: Path  # absolute
    rel: str  # as shown to editors, relative to the repository
    kind: str
    data: object = None
    lines: dict = field(default_factory=dict)  # field path tuple -> line number
    failed_id: str | None = None  # id of a file that broke its schema (its uses are not reported again)
    digest: str = ""  # of the file's bytes: a file already found valid is not checked again

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
    raw = read_regular_file(path, rel, log)
    if raw is None:
        return None
    source.digest = hashlib.blake2b(raw, digest_size=16).hexdigest()
    text = _decode(raw, rel, log)
    if text is None:
        return None
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        log.add(rel, 1, "", "ไฟล์ว่าง ไม่มีเนื้อหา (empty file)",
                "ใส่เนื้อหาตามแบบในไฟล์ตัวอย่างอื่น หรือลบไฟล์นี้ออก")
        return None
    if not _characters_ok(text, rel, log):
        return None
    tab_lines = [n for n, line in enumerate(text.splitlines(), 1)
                 if "\t" in line[: len(line) - len(line.lstrip())]]
    for n in tab_lines:
        log.add(rel, n, "", "ย่อหน้าด้วยแท็บ (tab) ซึ่ง YAML ไม่ยอมรับ",
                "ลบแท็บแล้วย่อหน้าด้วยช่องว่าง (space) 2 ช่องต่อระดับ")
    if tab_lines:
        return None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if loader.tags:
            for tag, mark in loader.tags:
                short = tag.replace("tag:yaml.org,2002:", "!!")
                log.add(rel, mark.line + 1, "", f"ใช้แท็ก (tag) ของ YAML `{short}` ซึ่งไฟล์คู่มือไม่ใช้",
                        f"ลบ `{short}` ออก แล้วเขียนค่าเป็นข้อความธรรมดา (ครอบด้วยเครื่องหมายคำพูด \"...\" ถ้าจำเป็น)")
            source.failed_id = _id_of(node)
            return source  # with no data: reported, not built
        data = loader.construct_document(node) if node is not None else None
    except _TooBig as error:
        log.add(rel, error.mark.line + 1, "", error.message, error.fix)
        return None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        log.add(rel, line, "", f"เขียน YAML ผิดรูปแบบ: {error.problem or error.context}",
                "ตรวจเครื่องหมาย : และการย่อหน้าในบรรทัดนี้และบรรทัดก่อนหน้า; "
                "ข้อความที่มี : # [ ] { } ให้ครอบด้วยเครื่องหมายคำพูด \"...\"")
        return None
    except yaml.YAMLError as error:  # reader errors without marks
        log.add(rel, 0, "", f"เขียน YAML ผิดรูปแบบ: {error}", "ตรวจรูปแบบไฟล์")
        return None
    finally:
        loader.dispose()
    if node is not None:
        _record_positions(node, (), source.lines, rel, log)
    if data is None:  # `~` or `null` alone: a file that says nothing
        log.add(rel, node.start_mark.line + 1 if node is not None else 1, "",
                "ไฟล์ต้องเป็นชุดฟิลด์ (ชื่อฟิลด์: ค่า) แต่ทั้งไฟล์เป็นค่าว่าง (null)",
                "ใส่เนื้อหาตามแบบในไฟล์ตัวอย่างอื่น หรือลบไฟล์นี้ออก")
        return None
    source.data = data
    return source


def read_regular_file(path: Path, rel: str, log: ProblemLog) -> bytes | None:
    """The bytes of a regular file of at most MAX_FILE_BYTES. Links, pipes and devices are
    never opened: a pipe would block for ever, /dev/zero never ends, and a link may point
    outside the repository."""
    try:
        info = os.lstat(path)
    except OSError as error:
        log.add(rel, 0, "", f"อ่านไฟล์ไม่ได้: {error.strerror}", "ตรวจสอบว่าไฟล์มีอยู่และอ่านได้")
        return None
    if not stat.S_ISREG(info.st_mode):
        what = "ลิงก์ (symbolic link)" if stat.S_ISLNK(info.st_mode) else "ไฟล์พิเศษ (ไม่ใช่ไฟล์ธรรมดา)"
        log.add(rel, 0, "", f"เป็น{what} ระบบอ่านเฉพาะไฟล์ธรรมดาใน processes/",
                "แทนที่ด้วยไฟล์ YAML จริง (คัดลอกเนื้อหามาใส่) หรือลบออก")
        return None
    if info.st_size > MAX_FILE_BYTES:
        log.add(rel, 0, "", f"ไฟล์ใหญ่ {info.st_size:,} ไบต์ เกินขนาดที่รับได้ {MAX_FILE_BYTES:,} ไบต์",
                "แยกเนื้อหาเป็นหลายไฟล์ หรือตรวจว่าไม่ได้วางข้อมูลอื่นปนมา")
        return None
    try:
        # O_NOFOLLOW | O_NONBLOCK: if the file was swapped for a link or a pipe since lstat, fail instead of following or waiting
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise OSError(0, "ไม่ใช่ไฟล์ธรรมดา")
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        log.add(rel, 0, "", f"อ่านไฟล์ไม่ได้: {error.strerror}", "ตรวจสอบว่าไฟล์มีอยู่และอ่านได้")
        return None
    if len(raw) > MAX_FILE_BYTES:
        log.add(rel, 0, "", f"ไฟล์ใหญ่เกินขนาดที่รับได้ {MAX_FILE_BYTES:,} ไบต์",
                "แยกเนื้อหาเป็นหลายไฟล์ หรือตรวจว่าไม่ได้วางข้อมูลอื่นปนมา")
        return None
    return raw


# --- bytes → text -------------------------------------------------------------

def _decode(raw: bytes, rel: str, log: ProblemLog) -> str | None:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        log.add(rel, 1, "", "ไฟล์บันทึกเป็น UTF-16 ไม่ใช่ UTF-8",
                "ใน VS Code คลิก UTF-16 ที่แถบล่างขวา เลือก Save with Encoding → UTF-8")
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lines = raw.split(b"\n")
    bad, utf8_elsewhere = [], False
    for number, line in enumerate(lines, 1):
        try:
            utf8_elsewhere |= not line.decode("utf-8").isascii()
        except UnicodeDecodeError:
            bad.append(number)
    as_thai = [lines[n - 1].decode("cp874", errors="replace") for n in bad]
    looks_thai = any("\u0e01" <= ch <= "\u0e5b" for line in as_thai for ch in line)
    if utf8_elsewhere:
        # Converting the whole file would garble the lines that are already UTF-8:
        # show each other line as it reads in the old Thai encoding, to be typed or pasted again.
        for number, line in zip(bad, as_thai):
            if looks_thai:
                shown = " ".join(line.split())
                shown = shown if len(shown) <= 80 else shown[:79] + "…"
                message = f"บรรทัดนี้ไม่ได้บันทึกเป็น UTF-8 (ส่วนอื่นของไฟล์เป็น UTF-8): อ่านแบบ TIS-620 ได้ว่า “{shown}”"
            else:
                message = "บรรทัดนี้ไม่ได้บันทึกเป็น UTF-8 (ส่วนอื่นของไฟล์เป็น UTF-8)"
            log.add(rel, number, "", message,
                    "พิมพ์หรือวางบรรทัดนี้ใหม่ให้ถูกต้อง: อย่าแปลงการเข้ารหัสทั้งไฟล์ (บรรทัดอื่นจะเสีย) "
                    "และอย่าเพียงกดบันทึกซ้ำ (อักษรที่อ่านไม่ได้จะหายไป)")
        return None
    where = _number_ranges(bad)
    if looks_thai:
        log.add(rel, bad[0], "", "ไฟล์ไม่ได้บันทึกเป็น UTF-8 แต่ดูเหมือนเป็นรหัสภาษาไทยแบบ TIS-620/Windows-874 "
                f"(บรรทัด {where})",
                "แปลงทั้งไฟล์เป็น UTF-8 อย่าเพียงกดบันทึกซ้ำ (อักษรไทยจะหายไป): ใน VS Code เลือก Reopen with Encoding → "
                "Thai (Windows 874) แล้ว Save with Encoding → UTF-8 หรือใช้คำสั่ง "
                "iconv -f CP874 -t UTF-8 ไฟล์เดิม.yaml > ไฟล์ใหม่.yaml")
    else:
        log.add(rel, bad[0], "", f"ไฟล์ไม่ได้บันทึกเป็น UTF-8 (not UTF-8) (บรรทัด {where})",
                "แปลงทั้งไฟล์เป็น UTF-8 อย่าเพียงกดบันทึกซ้ำ: ใน VS Code เลือก Reopen with Encoding → การเข้ารหัสเดิมของไฟล์ "
                "แล้ว Save with Encoding → UTF-8")
    return None


def _number_ranges(numbers: list[int]) -> str:
    """[3, 4, 5, 9] -> '3-5, 9'"""
    parts, start = [], None
    for index, number in enumerate(numbers):
        if start is None:
            start = number
        if index + 1 == len(numbers) or numbers[index + 1] != number + 1:
            parts.append(str(start) if start == number else f"{start}-{number}")
            start = None
    return ", ".join(parts)


# Characters YAML refuses anywhere in a file, and the byte-order mark anywhere but at the start.
_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff\ufffe\uffff\ud800-\udfff]")
_UNICODE_SPACE = re.compile("[\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000]")
_INDENT = re.compile("[ \t\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000]*")
_MAX_CHARACTER_PROBLEMS = 20


def _characters_ok(text: str, rel: str, log: ProblemLog) -> bool:
    """Invisible characters a YAML parser would only call "did not find expected key"
    or name by offset: each named, with line and column."""
    found = []
    for number, line in enumerate(text.split("\n"), 1):
        for match in _REFUSED.finditer(line):
            character = match.group()
            if character == "\ufeff":
                found.append((number, f"คอลัมน์ {match.start() + 1}: มีเครื่องหมาย byte-order mark {char_name(character)} "
                              "กลางไฟล์ (มักเกิดจากการนำไฟล์มาต่อกัน หรือคัดลอกข้อความ)",
                              "ลบอักขระที่มองไม่เห็นนี้ออก (ใน VS Code ใช้ค้นหา \\uFEFF แบบ regular expression)"))
            else:
                found.append((number, f"คอลัมน์ {match.start() + 1}: มีอักขระควบคุม {char_name(character)} ซึ่ง YAML ไม่ยอมรับ",
                              "ลบอักขระที่มองไม่เห็นนี้ออก (มักมาจากการคัดลอกข้อความจากโปรแกรมอื่น)"))
        indent = _INDENT.match(line).group()
        space = _UNICODE_SPACE.search(indent)
        if space:
            found.append((number, f"คอลัมน์ {space.start() + 1}: ย่อหน้าด้วย {char_name(space.group())} "
                          "ซึ่ง YAML ไม่นับเป็นช่องว่าง",
                          "ลบการย่อหน้าของบรรทัดนี้แล้วพิมพ์ใหม่ด้วยช่องว่างธรรมดา (space bar)"))
    for number, message, fix in found[:_MAX_CHARACTER_PROBLEMS]:
        log.add(rel, number, "", message, fix)
    if len(found) > _MAX_CHARACTER_PROBLEMS:
        log.add(rel, found[_MAX_CHARACTER_PROBLEMS][0], "",
                f"และอักขระทำนองเดียวกันอีก {len(found) - _MAX_CHARACTER_PROBLEMS} ตำแหน่ง",
                "แก้ตำแหน่งข้างต้นแล้วตรวจอีกครั้ง")
    return not found


# --- text → YAML -----------------------------------------------------------------

class _TooBig(Exception):
    def __init__(self, mark, message: str, fix: str):
        super().__init__(message)
        self.mark, self.message, self.fix = mark, message, fix


_PLAIN_TAGS = {None, "!", "tag:yaml.org,2002:str"}  # no tag, or `!!str` (the same as quoting)


class _LimitedComposer(Composer):
    """PyYAML's composer, with limits checked as the nodes are made: nesting depth,
    values after alias expansion (a 1 KB "billion laughs" file expands to billions),
    aliases inside the value they name; explicit tags recorded to be reported."""

    def __init__(self):
        super().__init__()
        self.tags: list = []  # (tag, mark) of every explicit tag
        self.aliases_used = False
        self._depth = 0
        self._open_anchors: set = set()
        self._sizes: dict = {}  # id(node) -> values in it, aliases expanded

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self.aliases_used = True
            if event.anchor in self._open_anchors:
                raise _TooBig(event.start_mark, f"alias `*{event.anchor}` ของ YAML อ้างกลับไปยังค่าที่ครอบตัวมันเอง "
                              "ค่าจึงไม่มีที่สิ้นสุด", f"เขียนค่าให้ครบแทนการอ้าง *{event.anchor}")
            return super().compose_node(parent, index)
        if getattr(event, "tag", None) not in _PLAIN_TAGS:
            self.tags.append((event.tag, event.start_mark))
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _TooBig(event.start_mark, f"ข้อมูลซ้อนกันลึกเกิน {MAX_DEPTH} ชั้น (nesting too deep)",
                          "ขั้นตอนย่อย (substeps) และรายการในคู่มือซ้อนกันเพียงไม่กี่ชั้น: ตรวจการย่อหน้า "
                          "หรือแยกขั้นตอนที่ซ้อนลึกออกเป็นขั้นตอนระดับบน")
        if event.anchor is not None:
            self._open_anchors.add(event.anchor)
        node = super().compose_node(parent, index)
        self._open_anchors.discard(event.anchor)
        self._depth -= 1
        size = 1
        if isinstance(node, yaml.SequenceNode):
            size += sum(self._sizes[id(item)] for item in node.value)
        elif isinstance(node, yaml.MappingNode):
            size += sum(self._sizes[id(key)] + self._sizes[id(value)] for key, value in node.value)
        self._sizes[id(node)] = size
        if size > MAX_VALUES:
            if self.aliases_used:
                raise _TooBig(node.start_mark, f"ค่าที่เริ่มบรรทัดนี้ขยายเป็นกว่า {MAX_VALUES:,} ค่า "
                              "เพราะอ้าง alias (*ชื่อ) ของ YAML ซ้ำซ้อนกัน",
                              "เขียนค่าให้ครบแทนการอ้าง *ชื่อ ซ้อนกันหลายชั้น")
            raise _TooBig(node.start_mark, f"ไฟล์มีค่า (values) มากกว่า {MAX_VALUES:,} ค่า",
                          "แยกเนื้อหาเป็นหลายไฟล์ หรือตรวจว่าไม่ได้วางข้อมูลอื่นปนมา")
        return node


class _Constructor(SafeConstructor):
    """PyYAML's safe constructor; a number or date it cannot make (2024-13-45, a number of
    5,000 digits) stays the text it is, for the schema to report."""

    def _or_text(construct):
        def constructor(self, node):
            try:
                return construct(self, node)
            except (ValueError, OverflowError):
                return node.value
        return constructor

    construct_yaml_int = _or_text(SafeConstructor.construct_yaml_int)
    construct_yaml_float = _or_text(SafeConstructor.construct_yaml_float)
    construct_yaml_timestamp = _or_text(SafeConstructor.construct_yaml_timestamp)
    del _or_text


for _tag in ("int", "float", "timestamp"):
    _Constructor.add_constructor(f"tag:yaml.org,2002:{_tag}", getattr(_Constructor, f"construct_yaml_{_tag}"))


try:  # libyaml parses several times faster
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - PyYAML without libyaml
    CParser = None

if CParser is not None:
    class _Loader(CParser, _LimitedComposer, _Constructor, Resolver):
        def __init__(self, stream):
            CParser.__init__(self, stream)
            _LimitedComposer.__init__(self)
            _Constructor.__init__(self)
            Resolver.__init__(self)

        get_single_node = Composer.get_single_node  # ours, not libyaml's (which has no limits)
else:  # pragma: no cover - PyYAML without libyaml
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Loader(Reader, Scanner, Parser, _LimitedComposer, _Constructor, Resolver):
        def __init__(self, stream):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            _LimitedComposer.__init__(self)
            _Constructor.__init__(self)
            Resolver.__init__(self)


def _id_of(node) -> str | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == "id" and isinstance(value, yaml.ScalarNode):
                return value.value
    return None


_KEY_VALUES = {"tag:yaml.org,2002:bool": lambda text: text.lower() in ("yes", "true", "on"),
               "tag:yaml.org,2002:null": lambda text: None, "tag:yaml.org,2002:int": int}


def _key(node):
    """A field name as the data has it: `1:` is the number 1, `yes:` is True."""
    if isinstance(node, yaml.ScalarNode) and node.tag in _KEY_VALUES:
        try:
            return _KEY_VALUES[node.tag](node.value)
        except ValueError:
            pass
    return node.value if isinstance(node, yaml.ScalarNode) else id(node)


def _record_positions(node, path, lines, rel, log) -> None:
    """Line of every field (the composer has bounded depth and size)."""
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        keys = {}
        for key_node, value_node in node.value:
            key = _key(key_node)
            # `1:` (a number) and `"1":` (text) are different keys, as YAML reads them
            identity = (key_node.tag, key)
            if identity in keys:
                log.add(rel, key_node.start_mark.line + 1, field_path(path + (key,)),
                        f"ฟิลด์ `{key}` ซ้ำกัน (อยู่แล้วที่บรรทัด {keys[identity]})",
                        "ลบหรือรวมฟิลด์ที่ซ้ำให้เหลืออันเดียว")
            keys[identity] = key_node.start_mark.line + 1
            _record_positions(value_node, path + (key,), lines, rel, log)
            lines[path + (key,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_positions(item, path + (index,), lines, rel, log)
