"""Months of the fiscal year, the periods steps give (ต.ค.-ธ.ค., ตลอดปี ...) and when a step happens."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# The Thai fiscal year runs from October to September.
FISCAL_MONTHS = ["ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย."]
MONTH_NAMES = ["ตุลาคม", "พฤศจิกายน", "ธันวาคม", "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน",
               "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน"]
WHOLE_YEAR = "ตลอดปี"
_DASHES = ("-", "–", "—")

# What kind of time a step has; pages keep them apart, in this order.
IN_MONTHS = "months"  # one or more months of the year (ต.ค.-ธ.ค., พ.ค.)
ALL_YEAR = "all-year"  # ตลอดปี
OTHER_TIME = "other"  # printed, but not a month: ตามความเหมาะสม, ทุกภาคเรียน
NO_TIME = "none"  # no seed gives one: shown as ไม่ระบุเวลา
TIME_KINDS = (IN_MONTHS, ALL_YEAR, OTHER_TIME, NO_TIME)


class PeriodError(ValueError):
    pass


def months_of(period) -> list[int]:
    """Fiscal-month indexes (0 = ต.ค.) a period covers, in fiscal order.

    Raises PeriodError naming the part that is not a month or a range of months.
    """
    parts = [period] if isinstance(period, str) else list(period)
    covered: set[int] = set()
    for part in parts:
        covered.update(_months_of_part(str(part).strip()))
    return sorted(covered)


def _months_of_part(part: str) -> list[int]:
    if part == WHOLE_YEAR:
        return list(range(12))
    for dash in _DASHES:
        if dash in part:
            start, _, end = part.partition(dash)
            first, last = _month(start.strip(), part), _month(end.strip(), part)
            if last >= first:
                return list(range(first, last + 1))
            return list(range(first, 12)) + list(range(last + 1))  # wraps past ก.ย.
    return [_month(part, part)]


def _month(text: str, whole: str) -> int:
    if text in FISCAL_MONTHS:
        return FISCAL_MONTHS.index(text)
    if text in MONTH_NAMES:
        return MONTH_NAMES.index(text)
    raise PeriodError(whole)


def describe(period) -> str:
    parts = [period] if isinstance(period, str) else list(period)
    return ", ".join(str(p) for p in parts)


@dataclass(frozen=True)
class StepTime:
    """When a step happens: its own `period` (months) and `period_text` (the seed's
    words), or its parent step's when it gives none (a sub-step shares its parent's
    time; nothing else is ever assumed)."""

    period: str | list | None = None
    text: str | None = None
    inherited: bool = False

    @classmethod
    def of_step(cls, step: dict, parent: StepTime | None = None) -> StepTime:
        if "period" in step or step.get("period_text"):
            return cls(step.get("period"), step.get("period_text"))
        if parent is not None and parent.kind != NO_TIME:
            return cls(parent.period, parent.text, inherited=True)
        return cls()

    @property
    def kind(self) -> str:
        if self.period:
            parts = [self.period] if isinstance(self.period, str) else list(self.period)
            return ALL_YEAR if WHOLE_YEAR in (str(part).strip() for part in parts) else IN_MONTHS
        return OTHER_TIME if self.text else NO_TIME

    @property
    def months(self) -> list[int]:
        """The fiscal months of a step dated by months; none for any other kind."""
        return months_of(self.period) if self.kind == IN_MONTHS else []

    def span_words(self) -> str:
        """For a list of one month's steps: the months of a step that spans several
        (เม.ย.-พ.ค.), nothing for a step of that month alone."""
        return describe(self.period) if len(self.months) > 1 else ""

    def words(self) -> str:
        """The time in words: the months, then the seed's own wording where it differs."""
        parts = [describe(self.period)] if self.period else []
        if self.text and self.text != self.period:
            parts.append(f"({self.text})")
        return " ".join(parts)


def fiscal_month(day: date) -> int:
    """The fiscal month (0 = ต.ค.) a calendar date falls in."""
    return (day.month + 2) % 12


def thai_date(day: date) -> str:
    """A date as Thai documents write it: 28 พฤศจิกายน 2568 (Buddhist era)."""
    return f"{day.day} {MONTH_NAMES[fiscal_month(day)]} {day.year + 543}"
