"""Content problems: collected, never raised one at a time.

Every check appends a `Problem` naming the file, the line, the field, what is
wrong and how to fix it, so an editor sees all mistakes of a change in one run.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    field: str
    message: str
    fix: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: [{self.field or '-'}] {self.message}"
        if self.fix:
            text += f" → วิธีแก้: {self.fix}"
        return inert(text)


class ContentError(Exception):
    """Raised once, after every check has run, when any problem was found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        lines = [f"พบปัญหาในเนื้อหา {count} รายการ (content problems: {count}):"]
        lines += [f"  {p}" for p in self.problems]
        return "\n".join(lines)


@dataclass
class ProblemLog:
    problems: list[Problem] = field(default_factory=list)

    def add(self, file: str, line: int, field_: str, message: str, fix: str = "") -> None:
        self.problems.append(Problem(file, line or 0, field_, message, fix))

    def raise_if_any(self) -> None:
        if self.problems:
            raise ContentError(self.problems)


def field_path(path) -> str:
    """('steps', 2, 'period') -> 'steps[2].period' (indexes as the editor counts, from 0)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


# Characters that act on a terminal or a CI log instead of showing: C0/C1 controls
# (escape sequences, a newline starting a `::error` workflow command, CR overwriting a
# line), line/paragraph separators, bidi controls that reorder what is shown, and lone
# surrogates (bytes of a file name that is not UTF-8).
_ACTIVE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def inert(text: str) -> str:
    """Text safe to print: every active character written as an escape (\\n, \\x1b, \\u202e;
    a file-name byte that is not UTF-8 as \\xff). Used for every line the check and the
    build print that can hold content."""
    def escape(match: re.Match) -> str:
        character = match.group()
        code = ord(character)
        if character in _ESCAPES:
            return _ESCAPES[character]
        if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for an undecodable byte
            return f"\\x{code - 0xDC00:02x}"
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _ACTIVE.sub(escape, str(text))


_CONTROL_NAMES = {0x00: "NULL", 0x07: "BELL", 0x08: "BACKSPACE", 0x09: "CHARACTER TABULATION", 0x0A: "LINE FEED",
                  0x0B: "LINE TABULATION", 0x0C: "FORM FEED", 0x0D: "CARRIAGE RETURN", 0x1B: "ESCAPE", 0x7F: "DELETE"}


def char_name(character: str) -> str:
    """'\\x1b' -> 'ESCAPE (U+001B)': how an editor can find out what an invisible character is."""
    code = ord(character)
    name = _CONTROL_NAMES.get(code) or unicodedata.name(character, "") or \
        ("CONTROL CHARACTER" if unicodedata.category(character) == "Cc" else "UNNAMED CHARACTER")
    return f"{name} (U+{code:04X})"
