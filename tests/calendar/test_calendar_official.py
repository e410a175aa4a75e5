"""The 2025 and 2026 State Council holiday notices, pinned date by date and at their edges.

Written from the notices themselves (国办发明电〔2024〕12号 for 2025, and the notice for
2026), not from the library, so that a wrong library release is caught.
"""

from __future__ import annotations

import datetime as dt

import pytest

from inspectcli.calendar import Kind, Source, WorkCalendar, add_working_days

D = dt.date

# (first rest day, last rest day, Chinese name, number of days) and the make-up days.
NOTICES: dict[int, tuple[list[tuple[dt.date, dt.date, str, int]], list[dt.date]]] = {
    2025: (
        [
            (D(2025, 1, 1), D(2025, 1, 1), "元旦", 1),
            (D(2025, 1, 28), D(2025, 2, 4), "春节", 8),
            (D(2025, 4, 4), D(2025, 4, 6), "清明", 3),
            (D(2025, 5, 1), D(2025, 5, 5), "劳动节", 5),
            (D(2025, 5, 31), D(2025, 6, 2), "端午", 3),
            (D(2025, 10, 1), D(2025, 10, 8), "国庆节", 8),
        ],
        [D(2025, 1, 26), D(2025, 2, 8), D(2025, 4, 27), D(2025, 9, 28), D(2025, 10, 11)],
    ),
    2026: (
        [
            (D(2026, 1, 1), D(2026, 1, 3), "元旦", 3),
            (D(2026, 2, 15), D(2026, 2, 23), "春节", 9),
            (D(2026, 4, 4), D(2026, 4, 6), "清明", 3),
            (D(2026, 5, 1), D(2026, 5, 5), "劳动节", 5),
            (D(2026, 6, 19), D(2026, 6, 21), "端午", 3),
            (D(2026, 9, 25), D(2026, 9, 27), "中秋", 3),
            (D(2026, 10, 1), D(2026, 10, 7), "国庆节", 7),
        ],
        [
            D(2026, 1, 4),
            D(2026, 2, 14),
            D(2026, 2, 28),
            D(2026, 5, 9),
            D(2026, 9, 20),
            D(2026, 10, 10),
        ],
    ),
}

RANGES = [(year, *r) for year, (ranges, _) in NOTICES.items() for r in ranges]
MAKEUPS = [(year, d) for year, (_, days) in NOTICES.items() for d in days]


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


@pytest.fixture(scope="module")
def calendar() -> WorkCalendar:
    return WorkCalendar()


@pytest.mark.parametrize(("year", "first", "last", "name", "count"), RANGES)
def test_every_day_of_a_holiday_is_a_rest_day(
    calendar: WorkCalendar, year: int, first: dt.date, last: dt.date, name: str, count: int
) -> None:
    days = _days(first, last)
    assert len(days) == count
    for date in days:
        assert calendar.is_rest_day(date), date
        assert calendar.day(date).source is Source.LIBRARY


@pytest.mark.parametrize(("year", "first", "last", "name", "count"), RANGES)
def test_the_days_around_a_holiday_are_worked(
    calendar: WorkCalendar, year: int, first: dt.date, last: dt.date, name: str, count: int
) -> None:
    # Every holiday of 2025 and 2026 is framed by working days (some of them make-up days).
    assert calendar.is_workday(first - dt.timedelta(days=1))
    assert calendar.is_workday(last + dt.timedelta(days=1))


@pytest.mark.parametrize(("year", "date"), MAKEUPS)
def test_make_up_days_are_worked_weekend_days(
    calendar: WorkCalendar, year: int, date: dt.date
) -> None:
    assert date.weekday() >= 5
    assert calendar.is_workday(date)
    assert calendar.day(date).kind is Kind.MAKEUP


@pytest.mark.parametrize("year", sorted(NOTICES))
def test_the_whole_year_matches_the_notice(calendar: WorkCalendar, year: int) -> None:
    ranges, makeups = NOTICES[year]
    rest = {d for first, last, _, _ in ranges for d in _days(first, last)}
    for date in _days(D(year, 1, 1), D(year, 12, 31)):
        expected = date in makeups or (date.weekday() < 5 and date not in rest)
        assert calendar.is_workday(date) == expected, date


@pytest.mark.parametrize(
    ("date", "name"),
    [
        (D(2026, 2, 17), "春节"),
        (D(2026, 10, 3), "国庆节"),
        (D(2026, 10, 10), "国庆节"),  # a make-up day carries the holiday it is for
        (D(2025, 5, 31), "端午"),
        (D(2025, 3, 12), None),
    ],
)
def test_holiday_names(calendar: WorkCalendar, date: dt.date, name: str | None) -> None:
    assert calendar.holiday_name(date) == name


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # The two pins of the brief.
        (D(2026, 9, 30), 3, D(2026, 10, 10)),  # over National Day onto the make-up Saturday
        (D(2026, 2, 12), 3, D(2026, 2, 24)),  # the make-up Saturday, then the Spring Festival
        # Spring Festival 2025.
        (D(2025, 1, 24), 1, D(2025, 1, 26)),  # Sunday 26 January is worked
        (D(2025, 1, 27), 1, D(2025, 2, 5)),
        (D(2025, 2, 7), 1, D(2025, 2, 8)),  # Saturday 8 February is worked
        # Labour Day 2025.
        (D(2025, 4, 25), 1, D(2025, 4, 27)),
        (D(2025, 4, 30), 1, D(2025, 5, 6)),
        # National Day 2025 (with the Mid-autumn Festival on 6 October).
        (D(2025, 9, 26), 1, D(2025, 9, 28)),
        (D(2025, 9, 30), 1, D(2025, 10, 9)),
        (D(2025, 10, 9), 2, D(2025, 10, 11)),
        (D(2025, 9, 26), 5, D(2025, 10, 10)),  # 28, 29, 30 September; 9, 10 October
        # New Year 2026: Sunday 4 January is worked.
        (D(2025, 12, 31), 1, D(2026, 1, 4)),
        # Across the year end, both years known.
        (D(2025, 12, 30), 2, D(2026, 1, 4)),
    ],
)
def test_working_days_across_the_notices(
    calendar: WorkCalendar, start: dt.date, n: int, expected: dt.date
) -> None:
    assert add_working_days(start, n, calendar).date == expected
