"""The period expressions of ``inspect deadline calc``: ``+3 working days``, ``month-end``…"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Literal, NamedTuple

from inspectcli.calendar.days import WorkCalendar
from inspectcli.calendar.periods import (
    Reckoning,
    add_days,
    add_months,
    add_working_days,
    month_end,
    quarter_end,
)
from inspectcli.messages import t

Unit = Literal["working-days", "days", "months", "month-end", "quarter-end"]

# The units in Chinese too, as a notice writes them: +3 工作日 (3个工作日), +10 天, +2 个月.
_COUNTED = re.compile(
    r"\+\s*(\d+)\s*(working\s+days?|days?|months?|个?工作日|天|日|个?月)", re.IGNORECASE
)
_FIXED: dict[str, Unit] = {
    "month-end": "month-end",
    "quarter-end": "quarter-end",
    "月末": "month-end",
    "季末": "quarter-end",
    "季度末": "quarter-end",
}
# About ten years of each unit: enough for any deadline, small enough to answer at once.
LIMITS: dict[Unit, int] = {"working-days": 2_500, "days": 3_660, "months": 120}


class ExpressionError(ValueError):
    """An expression that is not one of the accepted forms; the message is for the user."""


class Period(NamedTuple):
    unit: Unit
    amount: int = 0


def parse_period(text: str) -> Period:
    """``+N working days``, ``+N days``, ``+N months``, ``month-end`` or ``quarter-end``,
    or in Chinese (``+3 工作日``, ``+10 天``, ``+2 个月``, ``月末``, ``季末``).

    Singular units (``+1 day``) too; case and the number of blanks do not matter; anything
    else is an ExpressionError.
    """
    cleaned = " ".join(text.split())
    fixed = _FIXED.get(cleaned.lower())
    if fixed is not None:
        return Period(fixed)
    match = _COUNTED.fullmatch(cleaned)
    if match is None:
        raise ExpressionError(t("calendar-bad-expression", text=text))
    word = match.group(2).lower()
    unit: Unit = "working-days" if word.startswith("working") or "工作" in word else "days"
    if word.startswith("month") or word.endswith("月"):
        unit = "months"
    amount, limit = int(match.group(1)), LIMITS[unit]
    if amount > limit:
        message = t("calendar-count-too-large", text=text, limit=limit, unit=t(f"unit-{unit}"))
        raise ExpressionError(message)
    return Period(unit, amount)


_COUNTING: dict[Unit, Callable[[dt.date, int, WorkCalendar], Reckoning]] = {
    "working-days": add_working_days,
    "days": add_days,
    "months": add_months,
}


def reckon(start: dt.date, period: Period, calendar: WorkCalendar) -> Reckoning:
    if period.unit == "month-end":
        return month_end(start, calendar)
    if period.unit == "quarter-end":
        return quarter_end(start, calendar)
    return _COUNTING[period.unit](start, period.amount, calendar)


_AT = re.compile(r"(.*?)\s+at\s+([0-9]{1,2}):([0-9]{2})", re.IGNORECASE | re.DOTALL)


def split_time(text: str) -> tuple[str, dt.time | None]:
    """``+1 day at 18:00`` → (``+1 day``, 18:00): a deadline due at an hour (限时整改
    督办函, due 18:00 the next day); without ``at`` the time is None (the end of the day)."""
    match = _AT.fullmatch(text.strip())
    if match is None:
        return text, None
    try:
        return match.group(1), dt.time(int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise ExpressionError(t("calendar-bad-time", text=text)) from None


def calc(start: dt.date, expr: str, calendar: WorkCalendar) -> Reckoning:
    """The date ``expr`` after ``start``.

    Raises ExpressionError (a bad expression) or PeriodError (a date beyond the calendar);
    both are ValueError with a message for the user.
    """
    return reckon(start, parse_period(expr), calendar)
