"""Rules across the entries of a calendar document (reading one: ``pipeline.load``)."""

from __future__ import annotations

import datetime as dt

from inspectcli.checks import Violation
from inspectcli.messages import t
from inspectcli.model.calendar import CalendarDocument, HolidayRange

Loc = tuple[str | int, ...]
# No public holiday lasts longer; a longer range is a typing slip (a wrong month or year).
MAX_HOLIDAY_DAYS = 31


def calendar_document_problems(doc: CalendarDocument) -> list[Violation]:
    """Ranges that end before they start or are implausibly long; dates both rest and work."""
    problems: list[Violation] = []
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
            problems.append(Violation(("workdays", index), code, message))
    return problems


def _range_problems(entry: HolidayRange, loc: Loc) -> list[Violation]:
    if entry.last < entry.start:
        start, end = entry.start.isoformat(), entry.last.isoformat()
        message = t("calendar-range-backwards", start=start, end=end)
        return [Violation((*loc, "to"), "calendar-range-backwards", message)]
    days = (entry.last - entry.start).days + 1
    if days > MAX_HOLIDAY_DAYS:
        message = t("calendar-range-too-long", days=days, limit=MAX_HOLIDAY_DAYS)
        return [Violation((*loc, "to"), "calendar-range-too-long", message)]
    return []


def _range_dates(entry: HolidayRange) -> list[dt.date]:
    if entry.last < entry.start or (entry.last - entry.start).days >= MAX_HOLIDAY_DAYS:
        return []
    return [entry.start + dt.timedelta(days=i) for i in range((entry.last - entry.start).days + 1)]
