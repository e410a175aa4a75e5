"""Typed values from the cells of a sheet, each fault a problem at its cell.

A person types dates three ways (a date cell, ``2026/10/19``, ``2026年10月19日``) or
leaves the year out (``10月19日``, the year of the round); a formula, a control character
or a cell the size of a book is named at its cell, with what to type instead.
"""

from __future__ import annotations

import datetime as dt
import re

from inspectcli.messages import t
from inspectcli.model.moment import loose_date
from inspectcli.output.escape import visible
from inspectcli.problems import Problem, Severity
from inspectcli.sheets.grid import Formula, Grid, Value

TEXT_LIMIT = 5000  # characters of one cell: a long problem description is under 1,000
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_MONTH_DAY = re.compile(r"^(\d{1,2})\s*[-/月]\s*(\d{1,2})\s*日?$")


class CellReader:
    """Reads the cells of ``grid``; every fault found is added to ``problems``."""

    def __init__(self, grid: Grid) -> None:
        self.grid = grid
        self.problems: list[Problem] = []

    def fail(
        self, row: int, column: int, code: str, message: str, severity: Severity = Severity.ERROR
    ) -> None:
        self.problems.append(self.grid.problem(row, column, code, message, severity))

    def _usable(self, row: int, column: int) -> Value:
        """The value, or None after a problem when it is a formula."""
        value = self.grid.cell(row, column)
        if isinstance(value, Formula):
            self.fail(row, column, "sheet-formula", t("sheet-formula", formula=visible(value)))
            return None
        return value

    def text(self, row: int, column: int | None, limit: int = TEXT_LIMIT) -> str | None:
        """The cell as text (a number as typed: 3, not 3.0); None when it is empty."""
        if column is None:
            return None
        value = self._usable(row, column)
        if value is None or isinstance(value, bool | dt.date | dt.time):
            if value is not None:
                self.fail(row, column, "sheet-wrong-type", t("sheet-not-text", value=value))
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
        if not text:
            return None
        if _CONTROL.search(text):
            self.fail(row, column, "sheet-control-character", t("sheet-control-character"))
            return None
        if len(text) > limit:
            self.fail(
                row,
                column,
                "sheet-cell-too-long",
                t("sheet-cell-too-long", length=len(text), limit=limit),
            )
            return None
        return text

    def date(self, row: int, column: int | None, start: dt.date) -> dt.date | None:
        """A date cell, or text as ``2026/10/19``, ``2026年10月19日`` or ``10月19日`` (the
        year of ``start``, the next one for a month before ``start``'s)."""
        if column is None:
            return None
        value = self._usable(row, column)
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if value is None:
            return None
        text = str(value).strip() if isinstance(value, str) else ""
        found = _parse_date(text, start) if text else None
        if found is None:
            self.fail(row, column, "sheet-bad-date", t("sheet-bad-date", value=visible(str(value))))
        return found


def _parse_date(text: str, start: dt.date) -> dt.date | None:
    full = loose_date(text)
    if full is not None:
        return full
    short = _MONTH_DAY.match(text)
    try:
        if short:
            month, day = int(short[1]), int(short[2])
            year = start.year + (1 if month < start.month else 0)
            return dt.date(year, month, day)
    except ValueError:
        return None
    return None
