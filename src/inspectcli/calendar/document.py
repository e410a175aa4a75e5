"""Rules across the entries of a calendar document, and reading a calendar file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from inspectcli.messages import t
from inspectcli.model.calendar import CalendarDocument, HolidayRange
from inspectcli.problems import Problem, Severity
from inspectcli.repo import yamlread

Loc = tuple[str | int, ...]
# No public holiday lasts longer; a longer range is a typing slip (a wrong month or year).
MAX_HOLIDAY_DAYS = 31


class DocumentProblem(NamedTuple):
    loc: Loc
    code: str
    message: str


def calendar_document_problems(doc: CalendarDocument) -> list[DocumentProblem]:
    """Ranges that end before they start or are implausibly long; dates both rest and work."""
    problems: list[DocumentProblem] = []
    rest: dict[dt.date, Loc] = {}
    for index, entry in enumerate(doc.holidays):
        loc: Loc = ("holidays", index)
        if isinstance(entry, HolidayRange):
            problems.extend(_range_problems(entry, loc))
            dates = _range_dates(entry)
        else:
            dates = [entry]
        for date in dates:
            rest.setdefault(date, loc)
    for index, workday in enumerate(doc.workdays):
        date = workday if isinstance(workday, dt.date) else workday.date
        if date in rest:
            where = f"holidays[{rest[date][1]}]"
            message = t("calendar-holiday-and-workday", date=date.isoformat(), where=where)
            code = "calendar-holiday-and-workday"
            problems.append(DocumentProblem(("workdays", index), code, message))
    return problems


def _range_problems(entry: HolidayRange, loc: Loc) -> list[DocumentProblem]:
    if entry.last < entry.start:
        start, end = entry.start.isoformat(), entry.last.isoformat()
        message = t("calendar-range-backwards", start=start, end=end)
        return [DocumentProblem((*loc, "to"), "calendar-range-backwards", message)]
    days = (entry.last - entry.start).days + 1
    if days > MAX_HOLIDAY_DAYS:
        message = t("calendar-range-too-long", days=days, limit=MAX_HOLIDAY_DAYS)
        return [DocumentProblem((*loc, "to"), "calendar-range-too-long", message)]
    return []


def _range_dates(entry: HolidayRange) -> list[dt.date]:
    if entry.last < entry.start or (entry.last - entry.start).days >= MAX_HOLIDAY_DAYS:
        return []
    return [entry.start + dt.timedelta(days=i) for i in range((entry.last - entry.start).days + 1)]


# --- reading a file ------------------------------------------------------------------------
# The loader will own the general pydantic-error translation; this is the minimal version:
# every error at its field's position, with pydantic's own wording.


def read_calendar_file(path: Path) -> tuple[CalendarDocument | None, list[Problem]]:
    """The calendar document in ``path``, or the problems (with line and column) that stop it."""
    name = str(path)
    parsed = yamlread.parse(name, path.read_bytes())
    if parsed.problems:
        return None, parsed.problems
    data, root = parsed.data, parsed.root
    kind = data.get("kind") if isinstance(data, dict) else None
    if kind != "calendar":
        message = t("calendar-not-a-calendar", kind=kind if isinstance(kind, str) else "-")
        return None, [yamlread.problem_at(name, 1, 1, "calendar-not-a-calendar", message)]
    try:
        document = CalendarDocument.model_validate(data)
    except ValidationError as error:
        return None, [_schema_problem(name, root, err) for err in error.errors()]
    problems = [
        _located(name, root, p.loc, p.code, p.message) for p in calendar_document_problems(document)
    ]
    return (None if problems else document), problems


def _without_tag(loc: Loc) -> Loc:
    """Drop the tag ("date" or "entry") pydantic puts after an entry's index: not a key."""
    if len(loc) >= 3 and loc[0] in ("holidays", "workdays") and isinstance(loc[1], int):
        return (*loc[:2], *loc[3:])
    return loc


def _schema_problem(name: str, root: yaml.Node | None, error: ErrorDetails) -> Problem:
    steps = _without_tag(error["loc"])
    field = ".".join(str(step) for step in steps)
    message = t("calendar-invalid-field", field=field, detail=error["msg"])
    unknown_key = error["type"] == "extra_forbidden"  # point at the key, not its value
    return _located(name, root, steps, "schema", message, key=unknown_key)


def _located(
    name: str, root: yaml.Node | None, loc: Loc, code: str, message: str, *, key: bool = False
) -> Problem:
    node = yamlread.locate(root, loc, key=key)
    if node is None:
        return Problem(name, 1, 1, Severity.ERROR, code, message)
    mark = node.start_mark
    field = ".".join(str(step) for step in loc)
    return Problem(name, mark.line + 1, mark.column + 1, Severity.ERROR, code, message, field)
