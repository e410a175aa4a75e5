"""The period a report covers: a month (``2026-11``), a quarter (``2026Q4``) or a year."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from inspectcli.messages import t

_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_QUARTER = re.compile(r"([0-9]{4})[Qq]([1-4])")
_YEAR = re.compile(r"[0-9]{4}")


class PeriodSyntaxError(ValueError):
    """The text is not a month, a quarter or a year as `--period` takes them."""


@dataclass(frozen=True)
class Period:
    label: str
    first: dt.date
    last: dt.date

    def __contains__(self, date: object) -> bool:
        return isinstance(date, dt.date) and self.first <= date <= self.last


def _months(label: str, year: int, first_month: int, last_month: int) -> Period:
    last_day = calendar.monthrange(year, last_month)[1]
    return Period(label, dt.date(year, first_month, 1), dt.date(year, last_month, last_day))


def parse_period(text: str) -> Period:
    """``2026-11``, ``2026Q4`` (or ``2026q4``) or ``2026``."""
    value = text.strip()
    if match := _MONTH.fullmatch(value):
        year, month = int(match[1]), int(match[2])
        if 1 <= month <= 12 and year >= 1:
            return _months(f"{year:04d}-{month:02d}", year, month, month)
    elif match := _QUARTER.fullmatch(value):
        year, quarter = int(match[1]), int(match[2])
        if year >= 1:
            return _months(f"{year:04d}Q{quarter}", year, 3 * quarter - 2, 3 * quarter)
    elif _YEAR.fullmatch(value) and int(value) >= 1:
        return _months(value, int(value), 1, 12)
    raise PeriodSyntaxError(t("report-bad-period", text=text))
