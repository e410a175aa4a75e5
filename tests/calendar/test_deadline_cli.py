"""``inspect deadline calc`` through typer's CliRunner, on a throwaway application."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

from inspectcli.calendar import library_years
from inspectcli.cli import deadline

UNKNOWN = library_years().stop


def run(*args: str) -> Result:
    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        """A stand-in for the root application."""

    deadline.register(app)
    return CliRunner().invoke(app, ["deadline", "calc", *args])


def test_first_line_is_the_date_alone_then_the_explanation() -> None:
    result = run("2026-09-30", "+3 working days")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "2026-10-10",
        "the start day 2026-09-30 (Wednesday) is not counted",
        "rest days of 国庆节: 2026-10-01 (Thursday) to 2026-10-07 (Wednesday), 7 days",
        "make-up working day for 国庆节: 2026-10-10 (Saturday)",
        "working day number 3 after the start is 2026-10-10 (Saturday)",
    ]


def test_in_chinese_no_space_follows_a_full_width_bracket() -> None:
    from inspectcli import i18n

    i18n.activate("zh")
    try:
        result = run("2026-09-30", "+3", "days")
    finally:
        i18n.activate("en")
    assert result.exit_code == 0, result.output
    assert "起始日 2026-09-30（星期三）不计入" in result.stdout
    assert "国庆节休息日：2026-10-01（星期四）至 2026-10-02（星期五），共 2 天" in result.stdout
    assert "） " not in result.stdout


def test_the_expression_may_be_unquoted() -> None:
    result = run("2026-02-12", "+3", "working", "days")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "2026-02-24"


@pytest.mark.parametrize(
    ("start", "expr", "expected"),
    [
        ("2026-01-31", "+1 month", "2026-02-28"),
        ("2026-09-20", "+11 days", "2026-10-08"),
        ("2026-09-30", "+1 working day", "2026-10-08"),
        ("2026-02-03", "month-end", "2026-02-28"),
        ("2026-08-03", "quarter-end", "2026-09-30"),
        ("2026-08-03", "+0 days", "2026-08-03"),
        # as a Chinese notice writes them
        ("2026-01-31", "+1 个月", "2026-02-28"),
        ("2026-09-20", "+11 天", "2026-10-08"),
        ("2026-09-30", "+1 工作日", "2026-10-08"),
        ("2026-09-30", "+3个工作日", "2026-10-10"),
        ("2026-02-03", "月末", "2026-02-28"),
        ("2026-08-03", "季末", "2026-09-30"),
    ],
)
def test_each_form(start: str, expr: str, expected: str) -> None:
    result = run(start, expr)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == expected


def test_unknown_year_warning_goes_to_stderr() -> None:
    result = run(f"{UNKNOWN}-03-01", "+1 month")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"{UNKNOWN}-04-01"
    assert not any(line.startswith("warning:") for line in lines)
    assert result.stderr.startswith("warning: the holidays of ")
    assert str(UNKNOWN) in result.stderr


@pytest.mark.parametrize("start", ["2026-13-01", "2026-02-30", "30/09/2026", "20260930", "today"])
def test_bad_start_is_a_usage_error(start: str) -> None:
    result = run(start, "+3 days")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("error: ")
    assert start in result.stderr


@pytest.mark.parametrize(
    "expr", ["+3 weeks", "3 days", "+3", "month end", "+-1 days", "+3 working"]
)
def test_bad_expression_is_a_usage_error_naming_the_forms(expr: str) -> None:
    result = run("2026-09-30", expr)
    assert result.exit_code == 2
    assert result.stdout == ""
    for form in ("+N working days", "+N days", "+N months", "month-end", "quarter-end"):
        assert form in result.stderr


def test_too_long_a_period_is_a_usage_error() -> None:
    result = run("2026-09-30", "+100000 days")
    assert result.exit_code == 2
    assert "at most 3660 days" in result.stderr


def test_beyond_9999_is_a_usage_error() -> None:
    result = run("9999-12-01", "+2 months")
    assert result.exit_code == 2
    assert "9999" in result.stderr


CALENDAR_2027 = """\
kind: calendar
version: 1
holidays:
  - 2027-01-01
  - {from: 2027-02-05, to: 2027-02-13, name: 春节}
workdays:
  - 2027-02-20
"""


def test_repository_calendar_file(tmp_path: Path) -> None:
    path = tmp_path / "calendar.yaml"
    path.write_text(CALENDAR_2027, encoding="utf-8")
    result = run("2027-02-19", "+1 working day", "--calendar", str(path))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "2027-02-20"
    assert "warning:" not in result.stderr
    assert "make-up working day: 2027-02-20 (Saturday) (repository calendar)" in lines


def test_bad_calendar_file_exits_1_with_its_position(tmp_path: Path) -> None:
    path = tmp_path / "calendar.yaml"
    path.write_text(CALENDAR_2027.replace("to: 2027-02-13", "to: 2027-01-13"), encoding="utf-8")
    result = run("2027-02-19", "+1 working day", "--calendar", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(
        f"{path}:5:28: error calendar-range-backwards the holiday ends (2027-01-13)"
    )


def test_calendar_file_with_a_schema_error(tmp_path: Path) -> None:
    path = tmp_path / "calendar.yaml"
    path.write_text(CALENDAR_2027 + "notes: x\n", encoding="utf-8")
    result = run("2027-02-19", "+1 working day", "--calendar", str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{path}:8:1: error unknown-field unknown field `notes`")


def test_missing_calendar_file_is_a_usage_error(tmp_path: Path) -> None:
    result = run("2027-02-19", "+1 day", "--calendar", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert "nope.yaml" in result.stderr
