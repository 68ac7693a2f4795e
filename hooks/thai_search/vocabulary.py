"""The handbook's own vocabulary, read straight from processes/ with PyYAML.

Role names, reference titles, defined terms and abbreviations become a custom
dictionary for the segmenter, so that ศึกษานิเทศก์, เขตพื้นที่การศึกษา or
ก.ต.ป.น. stay whole; abbreviations also give abbreviation <-> full-name
synonyms for the index. Independent of the page generator's loader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Iterable

from hooks.handbook.problems import ProblemLog
from hooks.handbook.source import read_file

from .normalize import normalize_text, spaceless, strip_abbreviation_dots, without_brackets

# Terms that must stay whole even where no YAML names them on their own.
CORE_TERMS = (
    "ศึกษานิเทศก์", "เขตพื้นที่การศึกษา", "สำนักงานเขตพื้นที่การศึกษา",
    "สถานศึกษา", "ผู้บริหารสถานศึกษา", "การศึกษาขั้นพื้นฐาน",
    "ประกันคุณภาพการศึกษา", "ประกันคุณภาพภายใน", "ประเมินคุณภาพภายนอก",
    "การนิเทศภายใน", "เครือข่ายการนิเทศ", "วิจัยในชั้นเรียน",
    "หลักสูตรสถานศึกษา", "หลักสูตรแกนกลาง", "การวัดและประเมินผล",
    "ปฐมวัย", "การศึกษาพิเศษ", "นวัตกรรม", "เทคโนโลยีทางการศึกษา",
    # the handbook's own words for its parts: whole words, not "กระบวน" + "งาน"
    "กระบวนงาน", "กลุ่มงาน", "ภาระงาน", "มาตรฐานงาน", "มาตรฐานคุณภาพงาน", "ปฏิทินงาน",
)

# Leading/trailing words that make a name piece a phrase rather than a term.
_FUNCTION_PREFIXES = ("และ", "หรือ", "ของ", "ใน", "ที่", "กับ", "แก่", "เพื่อ", "โดย")
_SPLIT = re.compile(r"[\s/(),:;\"'“”‘’\[\]]+")
_THAI = re.compile(r"[\u0e01-\u0e4e]")


@dataclass(frozen=True)
class Role:
    """A role as roles.yaml names it: what a reader may type for it."""

    id: str
    name: str
    abbreviation: str = ""
    variants: tuple[str, ...] = ()

    def names(self) -> list[str]:
        """Every way of writing the role, as written (name first)."""
        out = [self.name, collapse(without_brackets(self.name))]
        if self.abbreviation:
            out.append(self.abbreviation)
        out.extend(self.variants)
        return list(dict.fromkeys(n for n in out if n.strip()))


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Vocabulary:
    words: set[str] = field(default_factory=set)          # custom dictionary (normalised)
    abbreviations: dict[str, str] = field(default_factory=dict)  # "ก.ต.ป.น." -> expansion (normalised)
    english: set[str] = field(default_factory=set)        # English names/terms (lower case)
    roles: list[Role] = field(default_factory=list)       # roles.yaml, in order
    terms: dict[str, list[str]] = field(default_factory=dict)  # definition id -> its term(s), as written
    all_abbreviations: dict[str, str] = field(default_factory=dict)  # abbreviations.yaml, Latin ones too, as written

    def synonyms(self) -> list[tuple[str, str]]:
        """(abbreviation token, spaceless expansion) pairs, both normalised; the
        expansion without its bracketed parts ("(องค์การมหาชน)")."""
        out = []
        for abbr, expansion in self.abbreviations.items():
            token = strip_abbreviation_dots(abbr)
            full = spaceless(without_brackets(expansion))
            if token and full and token != full:
                out.append((token, full))
        return sorted(set(out))


def _pieces(text: str) -> Iterable[str]:
    text = normalize_text(text)
    for piece in _SPLIT.split(text):
        piece = piece.strip(".-–")
        if "." in piece or not _THAI.search(piece):
            continue
        if piece.startswith(_FUNCTION_PREFIXES) and len(piece) > 6:
            continue
        if 2 <= len(piece) <= 30:
            yield piece


_CACHE: dict[Path, tuple[tuple[int, int], object]] = {}


def _load(path: Path):
    """A content file's data ({} when unreadable), read once while it is unchanged
    (the vocabulary and the synonyms check both read every file)."""
    try:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        cached = _CACHE.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        # The handbook's own reader: never opens a pipe or device, never follows a link
        # out of processes/, refuses huge files and alias bombs (the content check
        # reports those; here they only count as no data).
        source = read_file(path, path.name, "vocabulary", ProblemLog())
        data = (source.data if source is not None else None) or {}
    except (OSError, ValueError):
        return {}
    _CACHE[path] = (stamp, data)
    return data


def _definitions(data, _seen=None) -> Iterable[dict]:
    """Every `definitions:` entry anywhere in a process/district file (a YAML alias that
    points back into itself is walked once: its file's own check reports it)."""
    seen = set() if _seen is None else _seen
    if isinstance(data, (dict, list)):
        if id(data) in seen:
            return
        seen.add(id(data))
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "definitions" and isinstance(value, list):
                yield from (d for d in value if isinstance(d, dict))
            else:
                yield from _definitions(value, seen)
    elif isinstance(data, list):
        for item in data:
            yield from _definitions(item, seen)


def load_vocabulary(processes_dir: str | Path) -> Vocabulary:
    """Build the custom dictionary from the YAML under ``processes_dir``."""
    root = Path(processes_dir)
    vocab = Vocabulary()
    vocab.words.update(normalize_text(w) for w in CORE_TERMS)

    def add_name(text) -> None:
        if isinstance(text, str):
            vocab.words.update(_pieces(text))

    def add_english(text) -> None:
        if isinstance(text, str):
            vocab.english.add(text.strip().lower())

    def add_abbr(abbr, expansion) -> None:
        if isinstance(abbr, str) and abbr.strip():
            key = normalize_text(abbr.strip())
            if isinstance(expansion, str) and expansion.strip():
                vocab.abbreviations.setdefault(key, normalize_text(expansion.strip()))
            else:
                vocab.abbreviations.setdefault(key, "")

    roles = _load(root / "roles.yaml").get("roles") or []
    for role in roles:
        if not isinstance(role, dict):
            continue
        if isinstance(role.get("id"), str) and isinstance(role.get("name"), str):
            vocab.roles.append(Role(
                id=role["id"], name=role["name"],
                abbreviation=role["abbreviation"] if isinstance(role.get("abbreviation"), str) else "",
                variants=tuple(v for v in role.get("variants") or [] if isinstance(v, str)),
            ))
        add_name(role.get("name"))
        add_english(role.get("english"))
        for variant in role.get("variants") or []:
            if isinstance(variant, str) and "." in variant:
                add_abbr(variant, role.get("name"))
            else:
                add_name(variant)
        if role.get("abbreviation"):
            add_abbr(role["abbreviation"], re.sub(r"\s*\(.*?\)\s*$", "", str(role.get("name", ""))))

    for item in _load(root / "abbreviations.yaml").get("abbreviations") or []:
        if isinstance(item, dict):
            if isinstance(item.get("abbr"), str) and isinstance(item.get("expansion"), str):
                vocab.all_abbreviations.setdefault(item["abbr"].strip(), item["expansion"].strip())
            add_abbr(item.get("abbr"), item.get("expansion"))
            add_name(item.get("expansion"))
            add_english(item.get("english"))

    for path in sorted((root / "references").glob("*.yaml")):
        data = _load(path)
        if not isinstance(data, dict):
            continue
        for key in ("title", "short_title"):
            add_name(data.get(key))
        for variant in data.get("variants") or []:
            add_name(variant)

    for sub in ("national", "district"):
        for path in sorted((root / sub).glob("*.yaml")):
            for definition in _definitions(_load(path)):
                add_name(definition.get("term"))
                if isinstance(definition.get("id"), str) and isinstance(definition.get("term"), str):
                    vocab.terms.setdefault(definition["id"], []).append(definition["term"])
                add_english(definition.get("english"))

    # Latin abbreviations (O-NET, SAR) are handled by the Latin tokenizer.
    vocab.abbreviations = {k: v for k, v in vocab.abbreviations.items() if _THAI.search(k)}
    vocab.words = {w for w in vocab.words if _THAI.search(w)}
    return vocab
