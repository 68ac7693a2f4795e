"""The editors' generated documents, in Thai: the field reference and the error catalogue.

    python -m hooks.editor_docs            write them (`./handbook docs`)
    python -m hooks.editor_docs --check    only say which committed file is out of date (exit 1)

- `docs-editors/ฟิลด์.md`, from the JSON Schemas in processes/schema/: for each file kind
  and each structure several kinds share, a table of its fields (required or not, type,
  meaning, allowed values). The meanings are the schemas' `description`s, the same text
  VS Code shows on hover: a field is described once, in its schema.
- `docs-editors/ข้อผิดพลาด.md`, from the bad-input corpus (tests/bad_input/cases.yaml): by
  topic, every mistake the check recognises, with its Thai explanation, the exact message
  the check prints and the fix.

They are repository documents (GitHub and GitLab show them), not pages of the site, whose
pages all come from processes/. tests/test_editor_docs.py fails when a committed file
differs from what this module writes, so neither can drift from its source.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

import yaml

from hooks.handbook.schema import FIELD_REFERENCE, PATTERN_HINTS, SCHEMAS

REPO_ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = Path("processes") / "schema"
CASES = Path("tests") / "bad_input" / "cases.yaml"
ERROR_CATALOGUE = "docs-editors/ข้อผิดพลาด.md"
GUIDE = "CONTRIBUTING.md"
REGENERATE = "./handbook docs"

ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
PLACEHOLDER = re.compile(r"\$\{(?:lines|items)(?:\+\d+)?\}")


def slug(heading: str) -> str:
    """The anchor GitHub (and GitLab) give a Markdown heading: lower case, spaces to hyphens,
    everything but letters, marks (Thai vowels and tone marks), digits, `-` and `_` dropped."""
    kept = [ch for ch in heading.strip().lower()
            if ch in "-_ " or unicodedata.category(ch)[0] in "LMN"]
    return "".join(kept).replace(" ", "-")


def _cell(text: str) -> str:
    """Text for a Markdown table cell: one line, no column break."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _plain(text: str) -> str:
    """Message text in Markdown as it reads in a terminal: code spans kept, every character
    that Markdown would read as markup elsewhere escaped."""
    parts = re.split(r"(`[^`]*`)", text)
    return "".join(part if part.startswith("`") else re.sub(r"([\\*_<\[\]])", r"\\\1", part) for part in parts)


def _code(value) -> str:
    return f"`{value}`"


# -- the field reference ---------------------------------------------------------------------
class Schemas:
    """The schema files, and `$ref`s resolved across them."""

    def __init__(self, schema_dir: Path):
        self.files = {path.name: json.loads(path.read_text("utf-8")) for path in sorted(schema_dir.glob("*.json"))}

    def pointer(self, ref: str, base: str) -> tuple[str, str]:
        """(file, JSON pointer) of a `$ref` written in `base`."""
        file, _, fragment = ref.partition("#")
        return (file or base), fragment

    def at(self, file: str, fragment: str):
        node = self.files[file]
        for part in [p for p in fragment.split("/") if p]:
            node = node[part]
        return node

    def resolve(self, node: dict, base: str) -> tuple[dict, str, str | None]:
        """(the schema a node stands for, the file it is in, its `$defs` address when it is a
        definition). Annotations written next to a `$ref` win over the definition's own."""
        address = None
        while "$ref" in node:
            file, fragment = self.pointer(node["$ref"], base)
            target = self.at(file, fragment)
            own = {key: value for key, value in node.items() if key != "$ref"}
            if "/$defs/" in f"/{fragment}" and fragment.count("/") == 2:
                address = f"{file}#{fragment}"
            node, base = {**target, **own}, file
        return node, base, address


class FieldReference:
    """Markdown tables of every file kind's fields and of the structures they share."""

    def __init__(self, schemas: Schemas):
        self.schemas = schemas
        self.sections: list[str] = []          # `$defs` addresses that get a section, in order met
        self.titles: dict[str, str] = {}       # address -> heading

    # what a field is
    def structure(self, node: dict) -> dict | None:
        """The object whose fields a node lists (an object, or the object items of a list)."""
        if isinstance(node.get("properties"), dict):
            return node
        items = node.get("items")
        if isinstance(items, dict) and "$ref" not in items and isinstance(items.get("properties"), dict):
            return items
        return None

    def link(self, address: str, node: dict) -> str:
        if address not in self.titles:
            self.titles[address] = node["title"]
            self.sections.append(address)
        return f"[{self.titles[address]}](#{slug(self.titles[address])})"

    def kind_of(self, node: dict, base: str) -> tuple[str, list[str]]:
        """(the type in words, the allowed values or form in words) of a field's schema."""
        node, base, address = self.schemas.resolve(node, base)
        allowed = []
        if address and node.get("title") and self.structure(node):
            return f"ชุดฟิลด์ {self.link(address, node)}" if "properties" in node else \
                f"รายการของ {self.link(address, node)}", allowed
        if "enum" in node:
            return "ค่าที่กำหนด", [", ".join(_code(value) for value in node["enum"])]
        alternatives = node.get("oneOf") or node.get("anyOf")
        if alternatives and "type" not in node and "properties" not in node:
            kinds = [self.kind_of(option, base) for option in alternatives]
            return " หรือ ".join(kind for kind, _ in kinds), [a for _, more in kinds for a in more]
        kind = node.get("type")
        if kind == "array":
            items = node.get("items")
            if isinstance(items, dict):
                item_kind, allowed = self.kind_of(items, base)
                nested = item_kind.startswith("รายการ") or " หรือ " in item_kind
                words = f"รายการของ ({item_kind})" if nested else f"รายการของ{item_kind}"
            else:
                words = "รายการ"
            if node.get("minItems"):
                allowed = allowed + [f"อย่างน้อย {node['minItems']} รายการ"]
            return words, allowed
        if kind == "object":
            return "ชุดฟิลด์", allowed
        if kind == "integer":
            low, high = node.get("minimum"), node.get("maximum")
            if low is not None and high is not None:
                allowed.append(f"ตั้งแต่ {low} ถึง {high}")
            elif low is not None:
                allowed.append(f"ตั้งแต่ {low} ขึ้นไป")
            return "จำนวนเต็ม (ไม่ใส่เครื่องหมายคำพูด)", allowed
        if kind == "string":
            pattern = node.get("pattern")
            if pattern == ID_PATTERN:
                return "รหัส (id)", ["อักษรอังกฤษตัวเล็ก ตัวเลข และ -"]
            if pattern:
                allowed.append(PATTERN_HINTS.get(pattern, f"รูปแบบ {_code(pattern)}"))
            return ("ข้อความ (ห้ามว่าง)" if node.get("minLength") else "ข้อความ"), allowed
        return "ค่า", allowed

    def description(self, node: dict, base: str) -> str:
        return self.schemas.resolve(node, base)[0].get("description", "")

    # rows
    def rows(self, node: dict, base: str, prefix: str = "") -> list[str]:
        node, base, _ = self.schemas.resolve(node, base)
        required = set(node.get("required", []))
        either = self.alternatives(node)
        out = []
        for name, field in node.get("properties", {}).items():
            if name == "$schema":
                continue
            path = f"{prefix}{name}"
            if name in required:
                need = "ต้องมี"
            elif name in either:
                need = "ต้องมี " + " หรือ ".join(_code(other) for other in either[name])
            else:
                need = ""
            kind, allowed = self.kind_of(field, base)
            out.append(f"| {_code(path)} | {need} | {_cell(kind)} | {_cell(_plain(self.description(field, base)))} "
                       f"| {_cell(_plain('; '.join(allowed)))} |")
            out += self.nested_rows(field, base, path)
        return out

    def nested_rows(self, field: dict, base: str, path: str) -> list[str]:
        """The fields of an object written in place (not a shared structure), as `path.field`
        or `path[].field` for the objects of a list."""
        resolved, base, address = self.schemas.resolve(field, base)
        if address and resolved.get("title") and self.structure(resolved):
            return []  # a shared structure: its own section
        if isinstance(resolved.get("properties"), dict):
            return self.rows(resolved, base, f"{path}.")
        items = resolved.get("items")
        if isinstance(items, dict):
            items, items_base, items_address = self.schemas.resolve(items, base)
            if items_address and items.get("title") and self.structure(items):
                return []
            out = []
            for option in items.get("oneOf", [items]):
                option, option_base, _ = self.schemas.resolve(option, items_base)
                if isinstance(option.get("properties"), dict):
                    out += self.rows(option, option_base, f"{path}[].")
            return out
        return []

    def alternatives(self, node: dict) -> dict[str, list[str]]:
        """Fields of which one of several must be there (`steps` or `subprocesses`, `seed` or
        `document`): name -> the names that can stand in for it, itself included."""
        options = node.get("oneOf") or node.get("anyOf") or []
        names = [name for option in options for name in option.get("required", [])]
        return dict.fromkeys(names, names) if len(names) > 1 else {}

    def table(self, node: dict, base: str) -> list[str]:
        return ["| ฟิลด์ | ต้องมี | ชนิด | ความหมาย | ค่าที่ใช้ได้ |", "| --- | --- | --- | --- | --- |",
                *self.rows(node, base)]

    # the document
    def document(self) -> str:
        kinds = []
        for kind, ref in SCHEMAS.items():
            file, fragment = self.schemas.pointer(ref, "")
            node = self.schemas.at(file, fragment)
            kinds.append((kind, file, node))
        out = [
            "# ฟิลด์ของไฟล์เนื้อหาแต่ละชนิด",
            "",
            f"<!-- สร้างโดย `{REGENERATE}` จาก processes/schema/*.json: อย่าแก้ไฟล์นี้โดยตรง -->",
            "",
            "เอกสารนี้สร้างจากกฎของไฟล์ (JSON Schema ใน `processes/schema/`) โดยอัตโนมัติ"
            " ความหมายของฟิลด์เป็นข้อความเดียวกับที่ VS Code แสดงเมื่อชี้เมาส์ที่ชื่อฟิลด์"
            f" วิธีแก้ไขเนื้อหาทีละขั้นอยู่ใน [{GUIDE}](../{GUIDE})"
            f" และข้อความแจ้งข้อผิดพลาดทุกแบบอยู่ใน [{Path(ERROR_CATALOGUE).name}]({Path(ERROR_CATALOGUE).name})",
            "",
            "- **ต้องมี**: ฟิลด์ที่ขาดไม่ได้ ฟิลด์อื่นใส่เมื่อต้นฉบับมี",
            "- `steps[].text` คือฟิลด์ `text` ของแต่ละรายการใน `steps` และ `clause.ref` คือฟิลด์ `ref` ภายใน `clause`",
            "- **ข้อความ** เขียนได้เลย ข้อความที่เป็นตัวเลขล้วน (เช่นเลขขั้นตอน) ต้องอยู่ในเครื่องหมายคำพูด `\"1\"`"
            " ส่วน **จำนวนเต็ม** ไม่ใส่เครื่องหมายคำพูด",
            "",
            "ไฟล์แต่ละชนิด:",
            "",
        ]
        for _kind, _file, node in kinds:
            out.append(f"- [{node['title']}](#{slug(node['title'])})")
        out.append("")
        for _kind, file, node in kinds:
            out += [f"## {node['title']}", "", _plain(node.get("description", "")), ""]
            out += [f"กฎของไฟล์: [`{SCHEMA_DIR.as_posix()}/{file}`](../{SCHEMA_DIR.as_posix()}/{file})", ""]
            out += self.table(node, file) + [""]
        out += ["## โครงสร้างที่ใช้ร่วมกัน", "",
                "ชุดฟิลด์ที่ไฟล์หลายชนิดใช้ (ตารางข้างบนลิงก์มาที่นี่)", ""]
        done = 0
        while done < len(self.sections):  # tables add the structures they link to
            address = self.sections[done]
            done += 1
            file, fragment = address.split("#")
            node = self.schemas.at(file, fragment)
            out += [f"### {node['title']}", ""]
            if node.get("description"):
                out += [_plain(node["description"]), ""]
            structure = self.structure(node)
            out += self.table(structure, file) + [""]
        headings = [line.lstrip("#").strip() for line in out if line.startswith("#")]
        duplicates = {slug(h) for h in headings if [slug(x) for x in headings].count(slug(h)) > 1}
        if duplicates:
            raise ValueError(f"schema titles give the same anchor twice: {sorted(duplicates)}")
        return "\n".join(out).rstrip("\n") + "\n"


def field_reference(repo_root: Path) -> str:
    return FieldReference(Schemas(repo_root / SCHEMA_DIR)).document()


# -- the error catalogue ----------------------------------------------------------------------
def _case_number(case: dict) -> str:
    return str(int((case.get("file") or case["name"]).split("-", 1)[0]))


def _shown(message: str) -> str:
    """A message as an editor meets it: what depends on the editor's own file (the line of
    an entry added to a registry, its place in the list) as `…`."""
    return PLACEHOLDER.sub("…", message)


def _message_fixes(messages: list[str]) -> str:
    """The fix the messages of a case give (each once)."""
    fixes = list(dict.fromkeys(_plain(m.split(" → วิธีแก้: ", 1)[1]) for m in messages if " → วิธีแก้: " in m))
    if len(fixes) == 1:
        return f"**วิธีแก้:** {fixes[0]}"
    return "**วิธีแก้:**\n\n" + "\n".join(f"- {fix}" for fix in fixes)


def _fence(lines: list[str]) -> str:
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    return "`" * max(3, longest + 1)


def error_catalogue(repo_root: Path) -> str:
    corpus = yaml.safe_load((repo_root / CASES).read_text("utf-8"))
    topics, cases = corpus["topics"], corpus["cases"]
    missing = [case.get("file") or case["name"] for case in cases
               if not case.get("explanation") or case.get("topic") not in topics]
    if missing:
        raise ValueError(f"{CASES}: cases without a Thai `explanation` or a known `topic`: {', '.join(missing)}")
    out = [
        "# ข้อความแจ้งข้อผิดพลาดทุกแบบ และวิธีแก้",
        "",
        f"<!-- สร้างโดย `{REGENERATE}` จาก {CASES.as_posix()}: อย่าแก้ไฟล์นี้โดยตรง -->",
        "",
        "ทุกกรณีที่ `./handbook check` (และการตรวจใน pull request) ตรวจพบ พร้อมข้อความที่พิมพ์จริง"
        f" รายการนี้สร้างจากชุดทดสอบ `{CASES.as_posix()}` ซึ่งการทดสอบตรวจทุกครั้งว่าข้อความยังตรงกับผลจริง",
        "",
        f"- วิธีอ่านข้อความหนึ่งบรรทัด: ดู [{GUIDE}](../{GUIDE}#อ่านข้อความแจ้งข้อผิดพลาด)",
        "- ชื่อไฟล์และเลขบรรทัดในตัวอย่างมาจากไฟล์ทดสอบ ของท่านจะเป็นไฟล์และบรรทัดที่ท่านแก้"
        " เครื่องหมาย … แทนเลขบรรทัดหรือลำดับรายการที่ขึ้นกับไฟล์ของท่าน",
        "- หาข้อความของท่านได้เร็วที่สุดด้วยการค้นหา (Ctrl+F) คำแรก ๆ ของข้อความหลังวงเล็บ `[ฟิลด์]`",
        f"- ความหมายของฟิลด์ทุกฟิลด์: [{Path(FIELD_REFERENCE).name}]({Path(FIELD_REFERENCE).name})",
        "",
    ]
    by_topic = {key: [case for case in cases if case["topic"] == key] for key in topics}
    out += [f"- [{title}](#{slug(title)}) ({len(by_topic[key])} กรณี)" for key, title in topics.items()
            if by_topic[key]]
    out.append("")
    for key, title in topics.items():
        if not by_topic[key]:
            continue
        out += [f"## {title}", ""]
        for case in sorted(by_topic[key], key=_case_number):
            messages = [_shown(line) for line in case["expect"]]
            fence = _fence(messages)
            out += [f"**{_case_number(case)}.** {case['explanation'].strip()}", "", f"{fence}text", *messages, fence, ""]
            out += [f"**วิธีแก้:** {case['fix'].strip()}" if "fix" in case else _message_fixes(messages), ""]
    return "\n".join(out).rstrip("\n") + "\n"


# -- writing them -----------------------------------------------------------------------------
def documents(repo_root: Path = REPO_ROOT) -> dict[str, str]:
    """Each generated document (repository-relative path) with the text it must hold."""
    return {FIELD_REFERENCE: field_reference(repo_root), ERROR_CATALOGUE: error_catalogue(repo_root)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file is out of date")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    stale = []
    for relative, text in documents(REPO_ROOT).items():
        path = REPO_ROOT / relative
        if path.is_file() and path.read_text("utf-8") == text:
            continue
        stale.append(relative)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
    for relative in stale:
        print(f"{relative}: {'out of date (run ' + REGENERATE + ')' if args.check else 'written'}")
    if not stale:
        print("docs-editors/: up to date")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
