"""Working days of the Chinese official calendar and statutory period arithmetic."""

from __future__ import annotations

from inspectcli.calendar.days import Day, Kind, Source, WorkCalendar, library_years
from inspectcli.calendar.document import calendar_document_problems
from inspectcli.calendar.expr import ExpressionError, Period, calc, parse_period
from inspectcli.calendar.periods import (
    PeriodError,
    Reckoning,
    add_days,
    add_months,
    add_working_days,
    month_end,
    quarter_end,
)

__all__ = [
    "Day",
    "ExpressionError",
    "Kind",
    "Period",
    "PeriodError",
    "Reckoning",
    "Source",
    "WorkCalendar",
    "add_days",
    "add_months",
    "add_working_days",
    "calc",
    "calendar_document_problems",
    "library_years",
    "month_end",
    "parse_period",
    "quarter_end",
]
