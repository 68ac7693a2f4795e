"""Content problems: collected, never raised one at a time.

Every check appends a `Problem` naming the file, the line, the field, what is
wrong and how to fix it, so an editor sees all mistakes of a change in one run.
"""
from __future__ import annotations

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
        return text


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
