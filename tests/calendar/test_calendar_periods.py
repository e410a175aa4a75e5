"""Statutory period arithmetic (DOMAIN.md, "Statutory counting"), its explanations and warnings."""

from __future__ import annotations

import datetime as dt

import pytest

from inspectcli.calendar import (
    PeriodError,
    WorkCalendar,
    add_days,
    add_months,
    add_working_days,
    library_years,
    month_end,
    quarter_end,
)
from inspectcli.calendar.periods import same_day_months_later

D = dt.date
# The first year the installed library does not know (2027 with chinese-calendar 1.11).
UNKNOWN = library_years().stop


@pytest.fixture
def calendar() -> WorkCalendar:
    return WorkCalendar()


# --- months ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "nominal", "clamped"),
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28), True),
        (D(2024, 1, 31), 1, D(2024, 2, 29), True),  # leap year
        (D(2026, 3, 31), 1, D(2026, 4, 30), True),
        (D(2026, 1, 15), 1, D(2026, 2, 15), False),
        (D(2026, 11, 30), 3, D(2027, 2, 28), True),
        (D(2026, 5, 31), 14, D(2027, 7, 31), False),
        (D(2026, 5, 31), 0, D(2026, 5, 31), False),
    ],
)
def test_same_day_of_the_month_or_the_months_last_day(
    start: dt.date, n: int, nominal: dt.date, clamped: bool
) -> None:
    assert same_day_months_later(start, n) == (nominal, clamped)


def test_month_clamped_onto_the_spring_festival_make_up_saturday(calendar: WorkCalendar) -> None:
    # 2026-02-28 is a Saturday, but worked (the 2026 notice: make-up day for the Spring
    # Festival), so the period ends there and does not roll forward.
    result = add_months(D(2026, 1, 31), 1, calendar)
    assert result.date == D(2026, 2, 28)
    assert result.warnings == []
    text = "\n".join(result.steps)
    assert "no day 31" in text
    assert "make-up working day for 春节: 2026-02-28 (Saturday)" in text
    assert "moved forward" not in text


def test_month_rolled_forward_over_national_day(calendar: WorkCalendar) -> None:
    result = add_months(D(2025, 9, 1), 1, calendar)
    assert result.date == D(2025, 10, 9)
    text = "\n".join(result.steps)
    assert "2025-10-01 (Wednesday) is a rest day (国庆节)" in text
    assert "moved forward to the next working day, 2025-10-09 (Thursday)" in text


def test_month_rolled_forward_over_a_weekend(calendar: WorkCalendar) -> None:
    assert add_months(D(2026, 2, 28), 1, calendar).date == D(2026, 3, 30)  # 28 March is Saturday


# --- calendar days -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2026, 9, 20), 11, D(2026, 10, 8)),  # ends on 1 October: moved past National Day
        (D(2026, 2, 5), 10, D(2026, 2, 24)),  # ends on 15 February: past the Spring Festival
        (D(2026, 1, 30), 1, D(2026, 2, 2)),  # ends on a Saturday: to Monday
        (D(2026, 9, 10), 10, D(2026, 9, 20)),  # ends on a make-up Sunday: stays
        (D(2026, 9, 20), 10, D(2026, 9, 30)),  # holidays inside the period count as days
        (D(2026, 3, 2), 0, D(2026, 3, 2)),
    ],
)
def test_add_days(calendar: WorkCalendar, start: dt.date, n: int, expected: dt.date) -> None:
    assert add_days(start, n, calendar).date == expected


def test_add_days_explains_the_holidays_inside_the_period(calendar: WorkCalendar) -> None:
    steps = add_days(D(2026, 9, 20), 10, calendar).steps
    assert "inside the period, counted as calendar days like any other:" in steps
    assert any(
        "rest days of 中秋: 2026-09-25 (Friday) to 2026-09-27 (Sunday), 3 days" in s for s in steps
    )


# --- working days ------------------------------------------------------------------------


def test_working_days_explanation(calendar: WorkCalendar) -> None:
    result = add_working_days(D(2026, 9, 30), 3, calendar)
    assert result.steps == [
        "the start day 2026-09-30 (Wednesday) is not counted",
        "rest days of 国庆节: 2026-10-01 (Thursday) to 2026-10-07 (Wednesday), 7 days",
        "make-up working day for 国庆节: 2026-10-10 (Saturday)",
        "working day number 3 after the start is 2026-10-10 (Saturday)",
    ]


def test_zero_working_days_is_the_start_day(calendar: WorkCalendar) -> None:
    assert add_working_days(D(2026, 10, 3), 0, calendar).date == D(2026, 10, 3)


@pytest.mark.parametrize("function", [add_working_days, add_days, add_months])
def test_negative_counts_are_refused(calendar: WorkCalendar, function: object) -> None:
    with pytest.raises(PeriodError, match="0 or more"):
        function(D(2026, 1, 1), -1, calendar)  # type: ignore[operator]


def test_beyond_the_year_9999(calendar: WorkCalendar) -> None:
    with pytest.raises(PeriodError, match="9999"):
        add_days(D(9999, 12, 30), 5, calendar)
    with pytest.raises(PeriodError, match="9999"):
        add_months(D(9999, 12, 30), 1, calendar)
    with pytest.raises(PeriodError, match="9999"):
        add_working_days(D(9999, 12, 30), 5, calendar)


# --- ends of months and quarters ------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (D(2026, 2, 3), D(2026, 2, 28)),  # a make-up Saturday is the month's last working day
        (D(2025, 5, 3), D(2025, 5, 30)),  # 31 May 2025 is the Dragon Boat Festival
        (D(2026, 1, 31), D(2026, 1, 30)),  # before the start: said so in the steps
        (D(2026, 12, 1), D(2026, 12, 31)),
    ],
)
def test_month_end(calendar: WorkCalendar, date: dt.date, expected: dt.date) -> None:
    assert month_end(date, calendar).date == expected


def test_month_end_before_the_start_is_noted(calendar: WorkCalendar) -> None:
    steps = month_end(D(2026, 1, 31), calendar).steps
    assert steps[-1] == "note: 2026-01-30 (Friday) is before the start day 2026-01-31 (Saturday)"


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (D(2026, 1, 5), D(2026, 3, 31)),
        (D(2026, 5, 20), D(2026, 6, 30)),
        (D(2026, 9, 30), D(2026, 9, 30)),
        (D(2025, 10, 9), D(2025, 12, 31)),
        (D(2023, 11, 15), D(2023, 12, 29)),  # 30-31 December 2023: weekend before New Year
    ],
)
def test_quarter_end(calendar: WorkCalendar, date: dt.date, expected: dt.date) -> None:
    result = quarter_end(date, calendar)
    assert result.date == expected
    assert result.steps[-1].startswith("the last working day of Q")


def test_a_month_without_working_days_is_an_error() -> None:
    from inspectcli.model.calendar import CalendarDocument, HolidayRange

    month = HolidayRange.model_validate({"from": D(2026, 8, 1), "to": D(2026, 8, 31)})
    document = CalendarDocument(kind="calendar", version=1, holidays=[month])
    with pytest.raises(PeriodError, match="no working day"):
        month_end(D(2026, 8, 10), WorkCalendar([document]))


# --- years nobody knows --------------------------------------------------------------------


def test_unknown_year_counts_weekends_only_and_warns(
    calendar: WorkCalendar, capsys: pytest.CaptureFixture[str]
) -> None:
    start = D(UNKNOWN, 1, 1) - dt.timedelta(days=1)  # 31 December of the last known year
    result = add_working_days(start, 10, calendar)
    expected, date, counted = start, start, 0
    while counted < 10:
        date += dt.timedelta(days=1)
        counted += date.weekday() < 5
        expected = date
    assert result.date == expected
    assert len(result.warnings) == 1
    assert str(UNKNOWN) in result.warnings[0]
    assert "only Saturdays and Sundays" in result.warnings[0]
    assert calendar.unknown_years == {UNKNOWN}
    assert calendar.warnings == result.warnings
    assert capsys.readouterr() == ("", "")  # collected, never printed


@pytest.mark.skipif(2027 in library_years(), reason="the installed library knows 2027")
def test_2027_without_a_repository_calendar(calendar: WorkCalendar) -> None:
    result = add_working_days(D(2027, 2, 5), 1, calendar)
    assert result.date == D(2027, 2, 8)  # Friday to Monday: weekends only
    assert any("2027" in w for w in result.warnings)


def test_unknown_years_inside_a_calendar_day_period_do_not_warn() -> None:
    # Calendar days: only the last day and the roll forward shape the result, so unknown
    # years in between are no reason to warn. A repository calendar speaks for 2030.
    from inspectcli.model.calendar import CalendarDocument

    document = CalendarDocument(kind="calendar", version=1, holidays=[D(2030, 1, 1)])
    calendar = WorkCalendar([document])
    result = add_days(D(2026, 12, 1), (D(2030, 3, 4) - D(2026, 12, 1)).days, calendar)
    assert result.date == D(2030, 3, 4)  # a Monday
    assert result.warnings == []


def test_far_future_year_warns(calendar: WorkCalendar) -> None:
    result = quarter_end(D(2099, 2, 1), calendar)
    assert result.date == D(2099, 3, 31)
    assert len(result.warnings) == 1 and "2099" in result.warnings[0]
