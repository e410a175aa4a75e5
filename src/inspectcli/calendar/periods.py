"""Periods as statutes count them, each result with the explanation of how it was reached.

DOMAIN.md, "Statutory counting": the start day is not counted; a period in months ends on
the same day of the month (or the month's last day); a period ending on a rest day moves
to the next working day. Short administrative periods are counted in working days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import NamedTuple

from inspectcli.calendar.days import Day, Kind, Source, WorkCalendar, unknown_year_warnings
from inspectcli.messages import t

_ONE_DAY = dt.timedelta(days=1)


class Reckoning(NamedTuple):
    """A computed date, the steps that explain it, and warnings (such as unknown years)."""

    date: dt.date
    steps: list[str]
    warnings: list[str]


class PeriodError(ValueError):
    """A period that cannot be counted; the message is for the user."""


# --- small helpers ---------------------------------------------------------------------------


def show(date: dt.date) -> str:
    """``2026-10-10 (Saturday)``."""
    return t("calendar-day", date=date.isoformat(), weekday=t(f"weekday-{date.weekday()}"))


def _step(date: dt.date, days: int) -> dt.date:
    try:
        return date + dt.timedelta(days=days)
    except OverflowError:
        raise PeriodError(t("calendar-beyond-range")) from None


def _dates(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    """Every date from ``first`` to ``last``, both included."""
    date = first
    while date <= last:
        yield date
        if date == dt.date.max:
            return
        date += _ONE_DAY


def _check_count(n: int) -> None:
    if n < 0:
        raise PeriodError(t("calendar-negative-count", n=n))


def last_of_month(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - _ONE_DAY


class _Walk:
    """Looks days up for one reckoning and remembers the unknown years that shaped it."""

    def __init__(self, calendar: WorkCalendar) -> None:
        self.calendar = calendar
        self.unknown_years: set[int] = set()

    def day(self, date: dt.date) -> Day:
        found = self.calendar.day(date)
        if found.source is Source.WEEKENDS_ONLY:
            self.unknown_years.add(date.year)
        return found

    def result(self, date: dt.date, steps: list[str]) -> Reckoning:
        return Reckoning(date, steps, unknown_year_warnings(self.unknown_years))


# --- explaining the days passed ---------------------------------------------------------


def _by(day: Day) -> str:
    return t("calendar-by-repository") if day.source is Source.REPOSITORY else ""


def _holiday_name(day: Day) -> str:
    return day.name or t("calendar-unnamed-holiday")


def _rest_reason(day: Day) -> str:
    if day.kind is Kind.HOLIDAY:
        return _holiday_name(day) + _by(day)
    return t("calendar-weekend")


def _holiday_runs(days: list[Day]) -> list[list[Day]]:
    """Consecutive holiday rest days of the same holiday, grouped."""
    runs: list[list[Day]] = []
    for day in days:
        if day.kind is not Kind.HOLIDAY:
            continue
        previous = runs[-1][-1] if runs else None
        if (
            previous is not None
            and previous.date + _ONE_DAY == day.date
            and (previous.name, previous.source) == (day.name, day.source)
        ):
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs


def _describe_run(run: list[Day]) -> str:
    first, last = run[0], run[-1]
    name, by = _holiday_name(first), _by(first)
    if len(run) == 1:
        return t("calendar-holiday-single", name=name, date=show(first.date), by=by)
    return t(
        "calendar-holiday-run",
        name=name,
        first=show(first.date),
        last=show(last.date),
        count=len(run),
        by=by,
    )


def _describe_makeup(day: Day) -> str:
    for_name = t("calendar-makeup-for", name=day.name) if day.name else ""
    return t("calendar-makeup-day", for_name=for_name, date=show(day.date), by=_by(day))


def describe_days(days: list[Day], *, weekends: bool = True) -> list[str]:
    """Holidays (grouped) and make-up working days among ``days``, in date order."""
    runs = _holiday_runs(days)
    items: list[tuple[dt.date, str]] = [(run[0].date, _describe_run(run)) for run in runs]
    items += [(d.date, _describe_makeup(d)) for d in days if d.kind is Kind.MAKEUP]
    lines = [text for _, text in sorted(items)]
    weekend_count = sum(1 for d in days if d.kind is Kind.WEEKEND)
    if weekends and weekend_count:
        lines.append(t("calendar-weekends-passed", count=weekend_count))
    return lines


def _inside_period(calendar: WorkCalendar, start: dt.date, end: dt.date) -> list[str]:
    """Holidays strictly between start and end: they count as calendar days, said so once.

    Looked up with ``peek``: they do not change the result, so an unknown year among them
    is no reason for a warning.
    """
    if end <= start:
        return []
    days = [calendar.peek(date) for date in _dates(start + _ONE_DAY, end - _ONE_DAY)]
    lines = describe_days(days, weekends=False)
    return [t("calendar-inside-period"), *(f"  {line}" for line in lines)] if lines else []


def _roll_forward(walk: _Walk, date: dt.date, steps: list[str]) -> dt.date:
    """A period ending on a rest day ends on the next working day (DOMAIN.md, statutory)."""
    first = walk.day(date)
    if first.workday:
        if first.kind is Kind.MAKEUP:
            steps.append(_describe_makeup(first))
        else:
            steps.append(t("calendar-is-workday", date=show(date)))
        return date
    steps.append(t("calendar-rest-day", date=show(date), reason=_rest_reason(first)))
    passed = [first]
    while not passed[-1].workday:
        date = _step(date, 1)
        passed.append(walk.day(date))
    steps.extend(describe_days(passed))
    steps.append(t("calendar-rolled-forward", date=show(date)))
    return date


# --- the periods -----------------------------------------------------------------------------


def add_working_days(start: dt.date, n: int, calendar: WorkCalendar) -> Reckoning:
    """The n-th working day after ``start`` (the start day is not counted)."""
    _check_count(n)
    walk = _Walk(calendar)
    steps = [t("calendar-start-not-counted", start=show(start))]
    if n == 0:
        steps.append(t("calendar-zero-count"))
        return walk.result(start, steps)
    date, counted, passed = start, 0, []
    while counted < n:
        date = _step(date, 1)
        day = walk.day(date)
        passed.append(day)
        counted += day.workday
    steps.extend(describe_days(passed))
    steps.append(t("calendar-nth-working-day", n=n, date=show(date)))
    return walk.result(date, steps)


def add_days(start: dt.date, n: int, calendar: WorkCalendar) -> Reckoning:
    """``n`` calendar days after ``start``, moved forward if the last day is a rest day."""
    _check_count(n)
    walk = _Walk(calendar)
    nominal = _step(start, n)
    steps = [
        t("calendar-start-not-counted", start=show(start)),
        t("calendar-days-end", n=n, date=show(nominal)),
    ]
    steps.extend(_inside_period(calendar, start, nominal))
    return walk.result(_roll_forward(walk, nominal, steps), steps)


def same_day_months_later(start: dt.date, n: int) -> tuple[dt.date, bool]:
    """The same day of the month ``n`` months later, or that month's last day (clamped)."""
    _check_count(n)
    years, month0 = divmod(start.month - 1 + n, 12)
    year = start.year + years
    if year > dt.MAXYEAR:
        raise PeriodError(t("calendar-beyond-range"))
    last = last_of_month(year, month0 + 1)
    if start.day > last.day:
        return last, True
    return last.replace(day=start.day), False


def add_months(start: dt.date, n: int, calendar: WorkCalendar) -> Reckoning:
    """``n`` months after ``start`` as the statutes count them (DOMAIN.md, statutory)."""
    nominal, clamped = same_day_months_later(start, n)
    walk = _Walk(calendar)
    steps = [t("calendar-start-not-counted", start=show(start))]
    if clamped:
        month = f"{nominal.year:04d}-{nominal.month:02d}"
        clamp = t("calendar-months-clamped", n=n, month=month, day=start.day, date=show(nominal))
        steps.append(clamp)
    else:
        steps.append(t("calendar-months-same-day", n=n, date=show(nominal)))
    steps.extend(_inside_period(calendar, start, nominal))
    return walk.result(_roll_forward(walk, nominal, steps), steps)


def _last_working_day(
    walk: _Walk, start: dt.date, first: dt.date, last: dt.date, period: str
) -> Reckoning:
    steps = [t("calendar-period-last-day", period=period, date=show(last))]
    passed: list[Day] = []
    for offset in range((last - first).days + 1):
        day = walk.day(last - dt.timedelta(days=offset))
        if day.workday:
            steps.extend(describe_days(passed[::-1]))
            steps.append(t("calendar-last-working-day", period=period, date=show(day.date)))
            if day.date < start:
                steps.append(t("calendar-before-start", date=show(day.date), start=show(start)))
            return walk.result(day.date, steps)
        passed.append(day)
    raise PeriodError(t("calendar-no-working-day", period=period))


def month_end(date: dt.date, calendar: WorkCalendar) -> Reckoning:
    """The last working day of the month containing ``date``."""
    first, last = date.replace(day=1), last_of_month(date.year, date.month)
    period = t("calendar-month", year=date.year, month=date.month)
    return _last_working_day(_Walk(calendar), date, first, last, period)


def quarter_end(date: dt.date, calendar: WorkCalendar) -> Reckoning:
    """The last working day of the quarter containing ``date`` (Heyuan §4: quarterly archive)."""
    quarter = (date.month - 1) // 3 + 1
    first = dt.date(date.year, 3 * quarter - 2, 1)
    last = last_of_month(date.year, 3 * quarter)
    period = t("calendar-quarter", quarter=quarter, year=date.year)
    return _last_working_day(_Walk(calendar), date, first, last, period)
