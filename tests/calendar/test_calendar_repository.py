"""A repository's own calendar documents: the model, its rules, and how they win."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from inspectcli.calendar import (
    Source,
    WorkCalendar,
    add_working_days,
    calendar_document_problems,
    month_end,
)
from inspectcli.model.calendar import CalendarDocument
from inspectcli.pipeline.load import read_calendar_file

D = dt.date


def document(**fields: Any) -> CalendarDocument:
    return CalendarDocument.model_validate({"kind": "calendar", "version": 1, **fields})


# A stand-in for the 2027 notice: Spring Festival week, and Saturday 20 February worked.
CALENDAR_2027 = document(
    holidays=[D(2027, 1, 1), {"from": D(2027, 2, 5), "to": D(2027, 2, 13), "name": "春节"}],
    workdays=[D(2027, 2, 20)],
)


# --- the model ---------------------------------------------------------------------------


def test_both_forms_of_entries() -> None:
    doc = document(
        holidays=[
            D(2027, 1, 1),
            {"from": D(2027, 6, 9)},
            {"from": D(2027, 2, 5), "to": D(2027, 2, 6)},
        ],
        workdays=[D(2027, 2, 20), {"date": D(2027, 2, 21), "name": "春节"}],
    )
    assert len(doc.holidays) == 3 and len(doc.workdays) == 2


@pytest.mark.parametrize(
    "fields",
    [
        {"holidays": ["2027-01-01"]},  # dates arrive as dates from our YAML reader: strict
        {"holidays": [{"from": D(2027, 1, 1), "until": D(2027, 1, 2)}]},  # unknown key
        {"holidays": [{"start": D(2027, 1, 1)}]},  # the key is `from`
        {"workdays": [{"date": D(2027, 2, 20), "day": "Saturday"}]},
        {"extra": 1},
        {"version": 2},
    ],
)
def test_the_model_is_strict(fields: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        document(**fields)


def test_one_error_per_bad_entry() -> None:
    with pytest.raises(ValidationError) as info:
        document(holidays=["2027-01-01"])
    assert [e["loc"] for e in info.value.errors()] == [("holidays", 0, "date")]


# --- rules across entries ------------------------------------------------------------------


def test_a_valid_document_has_no_problems() -> None:
    assert calendar_document_problems(CALENDAR_2027) == []


def test_range_ending_before_it_starts() -> None:
    doc = document(holidays=[D(2027, 1, 1), {"from": D(2027, 2, 13), "to": D(2027, 2, 5)}])
    [problem] = calendar_document_problems(doc)
    assert problem.loc == ("holidays", 1, "to")
    assert problem.code == "calendar-range-backwards"
    assert "2027-02-05" in problem.message and "2027-02-13" in problem.message


def test_range_implausibly_long() -> None:
    doc = document(holidays=[{"from": D(2027, 2, 5), "to": D(2027, 12, 13)}])
    [problem] = calendar_document_problems(doc)
    assert problem.code == "calendar-range-too-long"


def test_a_date_both_holiday_and_workday() -> None:
    doc = document(
        holidays=[{"from": D(2027, 2, 5), "to": D(2027, 2, 13)}],
        workdays=[D(2027, 2, 20), {"date": D(2027, 2, 7)}],
    )
    [problem] = calendar_document_problems(doc)
    assert problem.loc == ("workdays", 1)
    assert problem.code == "calendar-holiday-and-workday"
    assert "2027-02-07" in problem.message and "holidays[0]" in problem.message


# --- the repository wins -------------------------------------------------------------------


def test_repository_calendar_for_a_year_the_library_does_not_know() -> None:
    calendar = WorkCalendar([CALENDAR_2027])
    saturday = D(2027, 2, 20)
    assert saturday.weekday() == 5
    assert calendar.is_workday(saturday)
    assert calendar.day(saturday).source is Source.REPOSITORY
    assert calendar.holiday_name(D(2027, 2, 8)) == "春节"
    result = add_working_days(D(2027, 2, 19), 1, calendar)
    assert result.date == saturday
    assert result.warnings == []
    assert "make-up working day: 2027-02-20 (Saturday) (repository calendar)" in result.steps
    over_spring_festival = add_working_days(D(2027, 2, 4), 1, calendar)
    assert over_spring_festival.date == D(2027, 2, 15)
    assert over_spring_festival.warnings == []
    assert calendar.knows_year(2027)


def test_an_unlisted_date_of_a_repository_year_is_an_ordinary_day() -> None:
    calendar = WorkCalendar([CALENDAR_2027])
    day = calendar.day(D(2027, 3, 10))
    if day.source is not Source.LIBRARY:  # unless a newer library knows 2027
        assert day.source is Source.REPOSITORY_YEAR
        assert day.workday
    assert calendar.unknown_years == frozenset()


def test_repository_corrects_a_date_the_library_knows() -> None:
    # Say 9 October 2026 were added to the holiday, and the make-up Saturday 28 February
    # cancelled: the repository wins for those dates, the library still gives the rest.
    correction = document(
        holidays=[{"from": D(2026, 10, 9), "name": "国庆节"}, D(2026, 2, 28)],
    )
    calendar = WorkCalendar([correction])
    result = add_working_days(D(2026, 9, 30), 3, calendar)
    # 8 October, (9 October now a rest day), 10 October (make-up Saturday), 12 October.
    assert result.date == D(2026, 10, 12)
    assert "rest day of 国庆节: 2026-10-09 (Friday) (repository calendar)" in result.steps
    assert calendar.is_rest_day(D(2026, 10, 1))  # still the library's National Day
    assert month_end(D(2026, 2, 1), calendar).date == D(2026, 2, 27)
    assert WorkCalendar().is_workday(D(2026, 2, 28))  # the library alone: worked


def test_a_weekday_listed_as_workday_removes_a_holiday() -> None:
    calendar = WorkCalendar([document(workdays=[D(2026, 10, 7)])])
    assert calendar.is_workday(D(2026, 10, 7))
    assert add_working_days(D(2026, 9, 30), 1, calendar).date == D(2026, 10, 7)


def test_documents_that_disagree_later_wins_with_a_warning() -> None:
    first = document(holidays=[D(2027, 2, 20)])
    second = document(workdays=[D(2027, 2, 20)])
    calendar = WorkCalendar([first, second])
    assert calendar.is_workday(D(2027, 2, 20))
    assert len(calendar.conflicts) == 1 and "2027-02-20" in calendar.conflicts[0]
    assert calendar.conflicts[0] in calendar.warnings


def test_without_the_library() -> None:
    calendar = WorkCalendar(library=False)
    assert calendar.is_workday(D(2026, 10, 1))  # a Thursday, weekends only
    assert calendar.unknown_years == {2026}
    assert not calendar.knows_year(2026)


# --- reading a file ------------------------------------------------------------------------


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "calendar.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_read_a_good_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "kind: calendar\nversion: 1\nholidays:\n  - 2027-01-01\n"
        "  - {from: 2027-02-05, to: 2027-02-13, name: 春节}\nworkdays:\n  - 2027-02-20\n",
    )
    doc, problems = read_calendar_file(path)
    assert problems == []
    assert doc is not None and doc.workdays == [D(2027, 2, 20)]


def test_read_a_range_backwards_points_at_to(tmp_path: Path) -> None:
    path = write(
        tmp_path, "kind: calendar\nversion: 1\nholidays:\n  - {from: 2027-02-13, to: 2027-02-05}\n"
    )
    doc, [problem] = read_calendar_file(path)
    assert doc is None
    assert (problem.line, problem.column) == (4, 28)
    assert problem.code == "calendar-range-backwards"


def test_read_a_schema_error_points_at_the_entry(tmp_path: Path) -> None:
    path = write(
        tmp_path, "kind: calendar\nversion: 1\nholidays:\n  - 2027-01-01\n  - '2027-01-02'\n"
    )
    doc, [problem] = read_calendar_file(path)
    assert doc is None
    assert (problem.line, problem.column) == (5, 5)
    assert problem.field == "holidays[1]"
    assert "2027-01-02" in problem.message


def test_read_an_unknown_key_inside_a_range(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "kind: calendar\nversion: 1\nholidays:\n  - from: 2027-01-01\n    too: 2027-01-03\n",
    )
    doc, [problem] = read_calendar_file(path)
    assert doc is None
    assert problem.line == 5
    assert problem.field == "holidays[0].too"
    assert "did you mean `to`" in problem.message


def test_read_another_kind(tmp_path: Path) -> None:
    doc, [problem] = read_calendar_file(write(tmp_path, "kind: plan\nversion: 1\n"))
    assert doc is None and problem.code == "calendar-not-a-calendar"


def test_read_broken_yaml(tmp_path: Path) -> None:
    doc, [problem] = read_calendar_file(write(tmp_path, "kind: calendar\nholidays: [2027-01-01\n"))
    assert doc is None and problem.code == "yaml-syntax"
