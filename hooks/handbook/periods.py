"""Months of the fiscal year and the periods steps give (ต.ค.-ธ.ค., ตลอดปี ...)."""
from __future__ import annotations

# The Thai fiscal year runs from October to September.
FISCAL_MONTHS = ["ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย."]
MONTH_NAMES = ["ตุลาคม", "พฤศจิกายน", "ธันวาคม", "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน",
               "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน"]
WHOLE_YEAR = "ตลอดปี"
_DASHES = ("-", "–", "—")


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
            return list(range(first, 12)) + list(range(0, last + 1))  # wraps past ก.ย.
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
