"""The synonyms registry, processes/synonyms.yaml: words readers search with that the
handbook does not use (ผอ.เขต, โอเน็ต, Coaching …), each mapped to what the handbook
calls the thing.

A synonym is a search aid only: it never adds text to a page. The search worker
reads a query's synonym as its target (and says so: "แสดงผลสำหรับ …").

Each entry has ``words`` and exactly one target:

* ``text``: a text that occurs in the handbook's content (processes/), compared
  without spaces, dots and brackets;
* ``role``: an id of roles.yaml (the search looks for the role's name);
* ``term``: the id of a ``definitions`` entry (the term it defines);
* ``abbreviation``: an abbreviation of abbreviations.yaml (and so its full name).

``load_synonyms`` reads the file with the content loader (line numbers, schema,
Thai messages) and checks every entry, collecting every problem at once.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from hooks.handbook.problems import Problem, ProblemLog, field_path
from hooks.handbook.schema import check_schema, use_schema_dir
from hooks.handbook.source import read_file

from .normalize import collapse_spaces, normalize_text, spaceless, strip_abbreviation_dots, without_brackets
from .vocabulary import Vocabulary, _load, load_vocabulary

FILE = "synonyms.yaml"
TARGETS = ("text", "role", "term", "abbreviation")


@dataclass(frozen=True)
class Synonym:
    word: str      # as the editor wrote it
    key: str       # as the worker compares it: normalised, no dots, no spaces
    target: str    # what is searched instead, as written (a name, a term, a text)
    line: int


def word_key(word: str) -> str:
    """ผอ.เขต / ผอ. เขต / ผอเขต -> ผอเขต ; O-NET -> onet (the worker's key of a query word)."""
    return spaceless(strip_abbreviation_dots(normalize_text(word)))


def _close(wrong: str, known, what: str, otherwise: str) -> str:
    close = difflib.get_close_matches(wrong, sorted(known), n=3, cutoff=0.5)
    return f"{what}ที่ใกล้เคียง: " + ", ".join(close) if close else otherwise


def _strings(data, _seen=None):
    """Every text in a file's data (a YAML alias pointing back into itself: walked once)."""
    seen = set() if _seen is None else _seen
    if isinstance(data, str):
        yield data
    elif isinstance(data, (dict, list)) and id(data) not in seen:
        seen.add(id(data))
        for value in data.values() if isinstance(data, dict) else data:
            yield from _strings(value, seen)


def handbook_text(processes_dir: Path) -> str:
    """Every text of the content files (not the registry itself), spaceless, for
    "does this text occur in the handbook"."""
    root = Path(processes_dir)
    parts = []
    for path in sorted(root.rglob("*.yaml")):
        if path.name == FILE or "schema" in path.parts:
            continue
        parts.extend(_strings(_load(path)))
    return spaceless("\x00".join(parts))


def load_synonyms(processes_dir: Path, vocab: Vocabulary | None = None, repo_root: Path | None = None,
                  check_targets: bool = True) -> tuple[list[Synonym], list[Problem]]:
    """The registry's synonyms and every problem found in it (no file: none of either).

    check_targets=False while a whole content folder is missing: the texts, roles and
    terms the synonyms point at are not there to be found, and the missing folder is
    the one problem to report."""
    root = Path(processes_dir)
    path = root / FILE
    if not path.exists():
        return [], []
    try:
        rel = path.resolve().relative_to((repo_root or root.parent).resolve()).as_posix()
    except ValueError:
        rel = f"processes/{FILE}"
    log = ProblemLog()
    base = (repo_root or root.parent).resolve()

    def shown(place: Path) -> str:
        try:
            return Path(place).resolve().relative_to(base).as_posix()
        except ValueError:
            return Path(place).as_posix()

    if not use_schema_dir(root / "schema", log, shown):
        return [], log.problems
    source = read_file(path, rel, "synonyms", log)  # the handbook's reader: regular files, size and nesting limits
    if source is not None and source.data is not None:
        check_schema(source, log)
    if source is None or source.data is None:
        return [], log.problems
    vocab = vocab or load_vocabulary(root)
    roles = {role.id: role for role in vocab.roles}
    abbreviations = {strip_abbreviation_dots(normalize_text(a)): a for a in vocab.all_abbreviations}
    text = None
    out: list[Synonym] = []
    target_log = log if check_targets else ProblemLog()
    owner: dict[str, tuple[int, str]] = {}
    for index, entry in enumerate(source.data["synonyms"]):
        where = ("synonyms", index)
        line = source.line(*where)
        given = [name for name in TARGETS if name in entry]
        if len(given) != 1:
            log.add(rel, line, field_path(where),
                    "แต่ละรายการต้องมีเป้าหมายเดียว: text, role, term หรือ abbreviation"
                    + (f" (พบ {', '.join(given)})" if given else " (ไม่พบเลย)"),
                    "ใส่ text: ข้อความที่มีในคู่มือ หรือ role: รหัสบทบาท หรือ term: รหัสคำนิยาม "
                    "หรือ abbreviation: คำย่อใน abbreviations.yaml อย่างใดอย่างหนึ่ง")
            continue
        kind = given[0]
        value = entry[kind]
        target = None
        if kind == "text":
            text = text if text is not None else handbook_text(root)
            if spaceless(value) and spaceless(value) in text:
                target = collapse_spaces(value)
            else:
                target_log.add(rel, source.line(*where, "text"), field_path(where + ("text",)),
                        f"ข้อความ `{value}` ไม่มีอยู่ในเนื้อหาของคู่มือ (processes/)",
                        "คำค้นต้องพาไปยังข้อความที่มีจริง: คัดลอกคำหรือวลีจากไฟล์ในโฟลเดอร์ processes/ "
                        "มาใส่ หรือใช้ role:, term:, abbreviation: แทน")
        elif kind == "role":
            if value in roles:
                target = collapse_spaces(without_brackets(roles[value].name))
            else:
                target_log.add(rel, source.line(*where, "role"), field_path(where + ("role",)),
                        f"ไม่รู้จักรหัสบทบาท `{value}`",
                        _close(value, roles, "รหัส", "ใช้รหัส (id) ของบทบาทใน processes/roles.yaml"))
        elif kind == "term":
            terms = vocab.terms.get(value) or []
            if len(set(terms)) == 1:
                target = collapse_spaces(terms[0])
            elif terms:
                target_log.add(rel, source.line(*where, "term"), field_path(where + ("term",)),
                        f"รหัสคำนิยาม `{value}` ใช้กับคำนิยามหลายคำ ({', '.join(sorted(set(terms)))})",
                        "ใช้ text: ตามด้วยคำที่ต้องการแทน")
            else:
                target_log.add(rel, source.line(*where, "term"), field_path(where + ("term",)),
                        f"ไม่รู้จักรหัสคำนิยาม `{value}`",
                        _close(value, vocab.terms, "รหัส", "ใช้รหัส (id) ของคำนิยามใน definitions: ของไฟล์กระบวนงาน "
                               "เช่น external-quality-assessment"))
        else:
            bare = strip_abbreviation_dots(normalize_text(value))
            if bare in abbreviations:
                target = abbreviations[bare]
            else:
                target_log.add(rel, source.line(*where, "abbreviation"), field_path(where + ("abbreviation",)),
                        f"ไม่มีคำย่อ `{value}` ใน processes/abbreviations.yaml",
                        _close(value, vocab.all_abbreviations, "คำย่อ", "ใช้คำย่อที่มีอยู่")
                        + " หรือเพิ่มคำย่อนี้ใน processes/abbreviations.yaml ก่อน หรือใช้ text: แทน")
        for w_index, word in enumerate(entry["words"]):
            w_path = where + ("words", w_index)
            key = word_key(word)
            if not key:
                log.add(rel, source.line(*w_path), field_path(w_path), f"คำ `{word}` ไม่มีตัวอักษรให้ค้นหา",
                        "ใส่คำที่ผู้อ่านพิมพ์ เช่น ผอ.เขต")
                continue
            if key in owner:
                first_line, first_word = owner[key]
                log.add(rel, source.line(*w_path), field_path(w_path),
                        f"คำ `{word}` ซ้ำกับ `{first_word}` (บรรทัด {first_line}) เมื่อไม่นับจุดและช่องว่าง",
                        "คำหนึ่งคำพาไปได้ที่เดียว: ลบคำที่ซ้ำออก")
                continue
            owner[key] = (source.line(*w_path), word)
            if target is not None and key == word_key(target):
                log.add(rel, source.line(*w_path), field_path(w_path),
                        f"คำ `{word}` เป็นคำเดียวกับเป้าหมาย `{target}`", "ลบคำนี้ออก: คำในคู่มือค้นหาได้อยู่แล้ว")
                continue
            if target is not None:
                out.append(Synonym(word=word, key=key, target=target, line=source.line(*w_path)))
    return out, log.problems
