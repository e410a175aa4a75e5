"""Properties of statutory counting, over the years the library knows and beyond."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from inspectcli.calendar import (
    WorkCalendar,
    add_days,
    add_months,
    add_working_days,
    library_years,
    month_end,
    quarter_end,
)
from inspectcli.calendar.periods import last_of_month, same_day_months_later

CALENDAR = WorkCalendar()
ONE = dt.timedelta(days=1)

# Known years (holidays, make-up days) and a few unknown ones (weekends only) after them.
known_dates = st.dates(
    dt.date(library_years().start, 1, 1), dt.date(library_years().stop - 1, 12, 1)
)
any_dates = st.dates(dt.date(2000, 1, 1), dt.date(2035, 12, 31))
counts = st.integers(min_value=0, max_value=60)
positive = st.integers(min_value=1, max_value=60)


def working_days_between(after: dt.date, up_to: dt.date) -> int:
    """Working days in (after, up_to]."""
    count, date = 0, after
    while date < up_to:
        date += ONE
        count += CALENDAR.is_workday(date)
    return count


@given(known_dates, positive)
def test_working_days_land_on_a_working_day_after_the_start(start: dt.date, n: int) -> None:
    result = add_working_days(start, n, CALENDAR).date
    assert result > start
    assert CALENDAR.is_workday(result)
    assert working_days_between(start, result) == n


@given(any_dates, counts, counts)
def test_working_days_add_up(start: dt.date, m: int, n: int) -> None:
    once = add_working_days(start, m + n, CALENDAR).date
    twice = add_working_days(add_working_days(start, m, CALENDAR).date, n, CALENDAR).date
    assert once == twice


@given(any_dates, counts)
def test_calendar_days_end_on_the_first_working_day_from_the_nominal_end(
    start: dt.date, n: int
) -> None:
    nominal = start + dt.timedelta(days=n)
    result = add_days(start, n, CALENDAR).date
    assert result >= nominal
    assert CALENDAR.is_workday(result)
    date = nominal
    while date < result:
        assert CALENDAR.is_rest_day(date)
        date += ONE


@settings(max_examples=300)
@given(st.dates(dt.date(1, 1, 1), dt.date(9000, 12, 31)), st.integers(0, 120))
def test_months_never_fail_and_leave_the_month_only_by_rolling_forward(
    start: dt.date, n: int
) -> None:
    calendar = WorkCalendar()
    nominal, clamped = same_day_months_later(start, n)
    months = (nominal.year - start.year) * 12 + nominal.month - start.month
    assert months == n
    assert nominal.day == start.day or (
        clamped and nominal == last_of_month(nominal.year, nominal.month)
    )
    result = add_months(start, n, calendar).date
    assert result >= nominal and calendar.is_workday(result)
    if (result.year, result.month) != (nominal.year, nominal.month):
        assert all(calendar.is_rest_day(nominal + ONE * i) for i in range((result - nominal).days))
        assert result.day <= 31  # into the next month only, never further
        assert (result.year * 12 + result.month) - (nominal.year * 12 + nominal.month) == 1


def _same_quarter(a: dt.date, b: dt.date) -> bool:
    return a.year == b.year and (a.month - 1) // 3 == (b.month - 1) // 3


@given(any_dates)
def test_quarter_end_is_the_last_working_day_of_the_quarter(date: dt.date) -> None:
    result = quarter_end(date, CALENDAR).date
    assert CALENDAR.is_workday(result)
    assert _same_quarter(date, result)
    later = result + ONE
    while _same_quarter(date, later):
        assert CALENDAR.is_rest_day(later)
        later += ONE


@given(any_dates)
def test_month_end_is_the_last_working_day_of_the_month(date: dt.date) -> None:
    result = month_end(date, CALENDAR).date
    assert CALENDAR.is_workday(result)
    assert (result.year, result.month) == (date.year, date.month)
    later = result + ONE
    while later.month == date.month:
        assert CALENDAR.is_rest_day(later)
        later += ONE


@given(any_dates, positive)
def test_exactly_the_unknown_years_counted_are_reported(start: dt.date, n: int) -> None:
    result = add_working_days(start, n, WorkCalendar())
    counted = set(range((start + ONE).year, result.date.year + 1))
    unknown = sorted(year for year in counted if year not in library_years())
    assert len(result.warnings) == len(unknown)
    for year, warning in zip(unknown, result.warnings, strict=True):
        assert str(year) in warning
