"""The `visited:` list with the day of each visit: a dated row enters the household
rotation window as a round started that day would; a row without a day only `forever`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from inspectcli.cli.root import app
from inspectcli.sampling.rotation import FOREVER, months_before
from inspectcli.sampling.visited import Visited, visited_ids
from tests.sampling.test_categories_v2 import COUNTY_PATROL, _plan, _repo, _roster

runner = CliRunner()
START = dt.date(2027, 3, 31)


def _visited(**days: tuple[dt.date | None, ...]) -> Visited:
    return Visited({household: set(when) for household, when in days.items()})


def test_a_dated_row_counts_within_the_window_only() -> None:
    visits = _visited(
        inside=(dt.date(2027, 2, 28),),  # 2027-03-31 − 1 month: the month's last day
        before=(dt.date(2027, 2, 27),),
        on_start=(START,),
        after=(dt.date(2027, 4, 1),),
        undated=(None,),
        twice=(dt.date(2020, 1, 1), dt.date(2027, 3, 1)),
    )
    assert visits.left_out(START, 1) == {"inside", "twice"}
    assert visits.left_out(START, 0) == set()
    assert visits.left_out(START, FOREVER) == set(visits.days)


@given(
    st.dictionaries(
        st.text("abc", min_size=1, max_size=3),
        st.sets(st.none() | st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)), min_size=1),
    ),
    st.dates(dt.date(2021, 1, 1), dt.date(2029, 12, 31)),
    st.integers(1, 60),
)
def test_a_longer_window_leaves_out_more(
    days: dict[str, set[dt.date | None]], start: dt.date, months: int
) -> None:
    visits = Visited(days)
    shorter, longer = visits.left_out(start, months), visits.left_out(start, months + 1)
    assert shorter <= longer <= visits.left_out(start, FOREVER)
    since = months_before(start, months)
    for household, when in days.items():
        counted = any(d is not None and since <= d < start for d in when)
        assert (household in shorter) == counted


def test_the_date_column_in_either_language_and_either_form() -> None:
    text = "户编号,走访日期\nLX-1,2026-11-05\nLX-2,2026/1/9\nLX-3,\nLX-1,\n"
    visits, problems = visited_ids("visited.csv", text.encode())
    assert problems == []
    assert visits.days == {
        "LX-1": {dt.date(2026, 11, 5), None},
        "LX-2": {dt.date(2026, 1, 9)},
        "LX-3": {None},
    }


def test_a_date_that_cannot_be_read_is_reported_at_its_cell() -> None:
    text = "household_id,visited_on\nLX-1,2026-02-30\nLX-2,去年\n"
    _, problems = visited_ids("visited.csv", text.encode())
    assert [(p.line, p.column, p.code) for p in problems] == [
        (2, 2, "visited-bad-date"),
        (3, 2, "visited-bad-date"),
    ]


PATROL_A_YEAR = COUNTY_PATROL.replace("households: forever", "households: 12")


def _setup(tmp_path: Path, visited: str) -> tuple[Path, list[str]]:
    root = _repo(tmp_path / "repo", "county-patrol", _roster(1, 2, 20, 5), PATROL_A_YEAR)
    (root / "visited.csv").write_text(visited, encoding="utf-8")
    with (root / "inspect.yaml").open("a", encoding="utf-8") as settings:
        settings.write("visited: visited.csv\n")
    plan = _plan(root, 1)  # starts 2027-01-10
    return root, ["sample", str(plan), "--seed", "s", "--dry-run"]


def _non_registered(day: str) -> str:
    """Every non-registered household of the first village, visited on ``day``."""
    return "household_id,visited_on\n" + "".join(f"LX-{n:05d},{day}\n" for n in range(21, 26))


def test_households_visited_within_the_year_are_left_out(tmp_path: Path) -> None:
    _, args = _setup(tmp_path, _non_registered("2026-06-01"))
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "2 needed, 1 available" in result.output


@pytest.mark.parametrize("day", ["2026-01-09", ""])  # a year and a day before; some time
def test_households_visited_long_ago_or_some_time_are_drawn_again(tmp_path: Path, day: str) -> None:
    _, args = _setup(tmp_path, _non_registered(day))
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output


def test_the_window_starts_on_the_same_day_months_before(tmp_path: Path) -> None:
    _, args = _setup(tmp_path, _non_registered("2026-01-10"))  # 2027-01-10 − 12 months
    assert runner.invoke(app, args).exit_code == 1


def test_a_bad_date_stops_the_draw_in_both_languages(tmp_path: Path) -> None:
    _, args = _setup(tmp_path, _non_registered("2026-13-01"))
    english = runner.invoke(app, args)
    assert english.exit_code == 1
    assert "visited.csv:2:2" in english.output and "YYYY-MM-DD" in english.output
    chinese = runner.invoke(app, ["--lang", "zh", *args])
    assert chinese.exit_code == 1
    assert "不是日期" in chinese.output
