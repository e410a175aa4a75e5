"""Working days of the Chinese official calendar: weekends, public holidays, make-up days.

DOMAIN.md ("What this means for the toolkit"): deadlines are counted in the official
calendar, weekends plus public holidays with make-up working days (调休); the State Council
publishes each year's holidays around November, so the library may not know the coming year.

Who decides about a date, first match wins:
1. a repository calendar document that lists the date (as holiday or as working day);
2. the ``chinese-calendar`` library, for the years it knows;
3. a repository calendar document that lists some other date of the same year: the
   repository speaks for that year, so an unlisted date is an ordinary weekday or weekend;
4. nobody: weekends only, and the year is reported by ``warnings`` (never silently guessed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import Enum
from typing import NamedTuple

import chinese_calendar  # type: ignore[import-untyped]

from inspectcli.messages import t
from inspectcli.model.calendar import CalendarDocument, HolidayRange

_LIBRARY_YEARS = range(min(chinese_calendar.holidays).year, max(chinese_calendar.holidays).year + 1)


class Source(Enum):
    """Who decided whether a date is a working day."""

    REPOSITORY = "repository"  # listed in a repository calendar document
    LIBRARY = "library"  # the chinese-calendar library
    REPOSITORY_YEAR = "repository-year"  # not listed, but the repository covers the year
    WEEKENDS_ONLY = "weekends-only"  # nobody knows the year: weekends only, with a warning


class Kind(Enum):
    WORKDAY = "workday"  # an ordinary working day, Monday to Friday
    MAKEUP = "makeup"  # a weekend day worked to make up for a holiday (调休上班)
    HOLIDAY = "holiday"  # a public holiday rest day, including weekend days inside it
    WEEKEND = "weekend"  # an ordinary Saturday or Sunday


class Day(NamedTuple):
    """One date as the calendar sees it."""

    date: dt.date
    workday: bool
    name: str | None  # the holiday (or the holiday a make-up day is for), where known
    source: Source
    listed: bool = False  # explicitly a holiday or make-up day, not just a weekday rule

    @property
    def kind(self) -> Kind:
        weekend = self.date.weekday() >= 5
        if self.workday:
            return Kind.MAKEUP if weekend else Kind.WORKDAY
        if self.listed or self.name or not weekend:
            return Kind.HOLIDAY
        return Kind.WEEKEND


def _weekday_rule(date: dt.date, source: Source) -> Day:
    return Day(date, date.weekday() < 5, None, source)


def library_day(date: dt.date) -> Day | None:
    """What chinese-calendar says about ``date``, or None for a year it does not know."""
    if date.year not in _LIBRARY_YEARS:
        return None
    try:
        rest, english = chinese_calendar.get_holiday_detail(date)
    except NotImplementedError:  # the library's own range check, should ours drift
        return None
    listed = date in chinese_calendar.holidays or date in chinese_calendar.workdays
    return Day(date, not rest, _chinese_name(english), Source.LIBRARY, listed)


def _chinese_name(english: str | None) -> str | None:
    """The library names holidays in English; the official (Chinese) name reads better."""
    if english is None:
        return None
    try:
        chinese: str = chinese_calendar.Holiday(english).chinese
    except ValueError:
        return english
    return chinese


def library_years() -> range:
    """The years the installed chinese-calendar knows."""
    return _LIBRARY_YEARS


class WorkCalendar:
    """Working days from the library plus zero or more repository calendar documents.

    ``warnings`` lists the conflicts between documents found when building the calendar
    and every year consulted so far that nobody knows.
    """

    def __init__(self, documents: Iterable[CalendarDocument] = (), *, library: bool = True) -> None:
        self._use_library = library
        self._listed: dict[dt.date, Day] = {}
        self._conflicts: list[str] = []
        for document in documents:
            self._add_document(document)
        self.repository_years = frozenset(date.year for date in self._listed)
        self._unknown_years: set[int] = set()

    # --- building ----------------------------------------------------------------------

    def _add_document(self, document: CalendarDocument) -> None:
        for holiday in document.holidays:
            for date, name in _holiday_dates(holiday):
                self._list(Day(date, False, name, Source.REPOSITORY, True))
        for workday in document.workdays:
            if isinstance(workday, dt.date):
                self._list(Day(workday, True, None, Source.REPOSITORY, True))
            else:
                self._list(Day(workday.date, True, workday.name, Source.REPOSITORY, True))

    def _list(self, day: Day) -> None:
        earlier = self._listed.get(day.date)
        if earlier is not None and earlier.workday != day.workday:
            # Documents disagree: the later one wins, and the user is told.
            self._conflicts.append(t("calendar-documents-disagree", date=day.date.isoformat()))
        if earlier is not None and day.name is None:
            day = day._replace(name=earlier.name)
        self._listed[day.date] = day

    # --- asking ------------------------------------------------------------------------

    def day(self, date: dt.date) -> Day:
        """The date, whether it is worked, its holiday name and who said so.

        A date of a year nobody knows is remembered for ``unknown_years``.
        """
        found = self.peek(date)
        if found.source is Source.WEEKENDS_ONLY:
            self._unknown_years.add(date.year)
        return found

    def peek(self, date: dt.date) -> Day:
        """``day`` without remembering unknown years: for explanations, not for results."""
        listed = self._listed.get(date)
        if listed is not None:
            return listed
        known = library_day(date) if self._use_library else None
        if known is not None:
            return known
        if date.year in self.repository_years:
            return _weekday_rule(date, Source.REPOSITORY_YEAR)
        return _weekday_rule(date, Source.WEEKENDS_ONLY)

    def is_workday(self, date: dt.date) -> bool:
        return self.day(date).workday

    def is_rest_day(self, date: dt.date) -> bool:
        return not self.day(date).workday

    def holiday_name(self, date: dt.date) -> str | None:
        """The holiday ``date`` belongs to (or a make-up day is for), or None."""
        return self.day(date).name

    def knows_year(self, year: int) -> bool:
        """Whether the library or a repository document speaks for ``year``."""
        return year in self.repository_years or (self._use_library and year in _LIBRARY_YEARS)

    @property
    def unknown_years(self) -> frozenset[int]:
        """The years consulted so far that nobody knows."""
        return frozenset(self._unknown_years)

    @property
    def conflicts(self) -> list[str]:
        """Dates on which the repository's calendar documents disagree (the later one won)."""
        return list(self._conflicts)

    @property
    def warnings(self) -> list[str]:
        return self.conflicts + unknown_year_warnings(self._unknown_years)


def _holiday_dates(holiday: dt.date | HolidayRange) -> list[tuple[dt.date, str | None]]:
    if isinstance(holiday, dt.date):
        return [(holiday, None)]
    span = (holiday.last - holiday.start).days
    return [(holiday.start + dt.timedelta(days=i), holiday.name) for i in range(span + 1)]


def unknown_year_warnings(years: Iterable[int]) -> list[str]:
    """One warning per year that was counted with weekends only."""
    known = library_years()
    return [
        t("calendar-unknown-year", year=year, first=known.start, last=known.stop - 1)
        for year in sorted(set(years))
    ]


__all__ = [
    "Day",
    "Kind",
    "Source",
    "WorkCalendar",
    "library_day",
    "library_years",
    "unknown_year_warnings",
]
