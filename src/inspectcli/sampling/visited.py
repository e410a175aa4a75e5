"""The households visited outside this repository (other repositories, earlier years): a
CSV whose ``household_id`` column (``户编号``) lists them, named by ``visited:`` in
``inspect.yaml``, with an optional ``visited_on`` column (``走访日期``) for the day of the
visit. Rotation leaves them out of every draw that rotates households: a dated row while
its day lies within the household window, a row without a day only under ``forever``."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import NamedTuple

from inspectcli.messages import enumeration, t
from inspectcli.model.moment import loose_date
from inspectcli.problems import Problem
from inspectcli.repo.yamlread import decode, problem_at
from inspectcli.sampling.rotation import FOREVER, months_before

COLUMN_NAMES = ("household_id", "户编号")
DATE_NAMES = ("visited_on", "走访日期", "到访日期")


class Visited(NamedTuple):
    """Each household listed, with the days it was visited (None: a row without a day)."""

    days: dict[str, set[dt.date | None]]

    def left_out(self, start: dt.date, window: int) -> set[str]:
        """The households a draw starting ``start`` leaves out for a household window of
        ``window`` months: under FOREVER every one; else those with a day from
        ``months_before(start, window)`` up to the day before ``start``."""
        if window == FOREVER:
            return set(self.days)
        if window <= 0:
            return set()
        since = months_before(start, window)
        return {
            household
            for household, days in self.days.items()
            if any(day is not None and since <= day < start for day in days)
        }


def visited_ids(path: str, raw: bytes) -> tuple[Visited, list[Problem]]:
    """The households of the file, or the problems that say why it cannot be read."""
    text, problems = decode(path, raw)
    if text is None:
        return Visited({}), problems
    rows = csv.reader(io.StringIO(text))
    header = [cell.strip() for cell in next(rows, [])]
    column = next((i for i, name in enumerate(header) if name in COLUMN_NAMES), None)
    if column is None:
        message = t("visited-no-column", columns=enumeration(COLUMN_NAMES))
        return Visited({}), [problem_at(path, 1, 1, "visited-no-column", message)]
    dated = next((i for i, name in enumerate(header) if name in DATE_NAMES), None)
    found: dict[str, set[dt.date | None]] = {}
    bad: list[Problem] = []
    for line, row in enumerate(rows, start=2):
        if len(row) <= column or not row[column].strip():
            continue
        cell = row[dated].strip() if dated is not None and len(row) > dated else ""
        # 2026-03-05 as typed, 2026/3/5 as Excel and WPS write a date into CSV, 2026年3月5日
        day = loose_date(cell)
        if cell and day is None:
            message = t("visited-bad-date", text=cell, column=header[dated or 0])
            bad.append(problem_at(path, line, (dated or 0) + 1, "visited-bad-date", message))
        found.setdefault(row[column].strip(), set()).add(day)
    return Visited(found), bad
