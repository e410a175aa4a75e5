"""Every option that takes a date takes it as officers write one, as the prompts and the
sheets already did: 2026-10-12, 2026/10/12, 2026.10.12, 2026年10月12日 (the options took
YYYY-MM-DD only). A date that is none is a usage error listing the forms, in each language."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from inspectcli.cli.root import app
from inspectcli.model.moment import Moment, loose_date, loose_moment

runner = CliRunner()
FORMS = (
    "{:%Y-%m-%d}",
    "{d.year}/{d.month}/{d.day}",
    "{:%Y.%m.%d}",
    "{d.year}年{d.month}月{d.day}日",
)


def _written(form: str, day: dt.date) -> str:
    return form.format(day, d=day)


@settings(max_examples=200, deadline=None)
@given(st.dates(dt.date(1900, 1, 1), dt.date(9999, 12, 31)), st.sampled_from(FORMS))
def test_every_form_of_every_day_is_that_day(day: dt.date, form: str) -> None:
    assert loose_date(_written(form, day)) == day
    assert loose_moment(f"{_written(form, day)} 08:05") == Moment(day, dt.time(8, 5))


@pytest.mark.parametrize("text", ["2026-02-30", "2026年13月1日", "12月8日", "2026-12", "", "明天"])
def test_what_is_no_date_is_none(text: str) -> None:
    assert loose_date(text) is None and loose_moment(f"{text} 18:00") is None


@pytest.fixture
def repo(examples_here: Path) -> Path:
    return examples_here


@pytest.mark.parametrize("language", ["en", "zh"])
def test_new_plan_takes_the_dates_of_its_prompts(repo: Path, language: str) -> None:
    arguments = ["--lang", language, "new-plan", "--group", "第五督查组", "--leader", "韦嘉禾"]
    arguments += ["--counties", "禾城区", "--kind", "督查", "--content", "02", "--out", "-"]
    result = runner.invoke(app, [*arguments, "--start", "2026年12月12日", "--end", "2026/12/14"])
    assert result.exit_code == 0, result.output
    assert "start: 2026-12-12\nend: 2026-12-14\n" in result.stdout


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_date_and_a_time_take_the_same_forms(repo: Path, language: str) -> None:
    iso = runner.invoke(app, ["--lang", language, "deadline", "--as-of", "2026-11-21 18:00"])
    loose = runner.invoke(app, ["--lang", language, "deadline", "--as-of", "2026/11/21 18:00"])
    assert loose.exit_code == iso.exit_code and loose.stdout == iso.stdout
    out = str(repo.parent / "out")
    report = ["--lang", language, "render-report", "2026-10-g2", "--out", out]
    written = runner.invoke(app, [*report, "--date", "2026年11月21日"])
    assert written.exit_code == 0, written.output


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize(
    "arguments",
    [
        ["render-report", "2026-10-g2", "--date", "2026-11-31"],
        ["deadline", "--as-of", "11月21日"],
        ["finding", "list", "--as-of", "2026年11月"],
    ],
)
def test_a_bad_date_is_a_usage_error_listing_the_forms(
    repo: Path, language: str, arguments: list[str]
) -> None:
    result = runner.invoke(app, ["--lang", language, *arguments])
    assert result.exit_code == 2
    for form in ("YYYY-MM-DD", "/", "2026年"):
        assert form in result.stderr
    assert "Traceback" not in result.output
