"""Deadlines with a time of day: a 限时整改督办函 due "9月26日下午18:00前". Due today until
18:00, overdue after; a date without a time keeps its meaning (the end of the day)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspectcli.deadlines.derive import state_of
from inspectcli.deadlines.model import Kind, State
from inspectcli.model.moment import Moment, When, is_late, time_of

from .helpers import as_json, docx_text, invoke, repo_with

TIMED = "timed-deadline.yaml"
DAY = dt.date(2026, 9, 26)


def at(hour: int, minute: int = 0, day: dt.date = DAY) -> Moment:
    return Moment(day, dt.time(hour, minute))


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return repo_with(tmp_path_factory.mktemp("timed") / "repo", TIMED)


def _state(repo: Path, as_of: str, subject: str) -> dict:  # type: ignore[type-arg]
    data = as_json("deadline", str(repo), "--as-of", as_of, "--fail-on", "never")
    return next(d for d in data["deadlines"] if d["subject"] == subject)


def test_the_timed_file_validates(repo: Path) -> None:
    code, out, err = invoke("validate", str(repo))
    assert code == 0 and "no problems" in err, out + err


@pytest.mark.parametrize(
    ("as_of", "state"),
    [
        ("2026-09-25", "due-soon"),
        ("2026-09-26", "due-today"),  # a date without a time: the whole day
        ("2026-09-26 17:59", "due-today"),
        ("2026-09-26 18:00", "due-today"),  # "18:00前": 18:00 itself is still in time
        ("2026-09-26 18:01", "overdue"),
        ("2026-09-27 08:00", "overdue"),
    ],
)
def test_due_today_until_the_hour_then_overdue(repo: Path, as_of: str, state: str) -> None:
    found = _state(repo, as_of, "2026-09-HC-D01")
    assert found["due"] == "2026-09-26 18:00"
    assert found["state"] == state


def test_the_table_says_since_when(repo: Path) -> None:
    code, out, _ = invoke("deadline", str(repo), "--as-of", "2026-09-26 18:30")
    assert code == 1  # overdue fails the run by default
    assert "overdue since 18:00 today" in out


def test_done_before_the_hour_is_on_time() -> None:
    due = at(18)
    kind = Kind.RECTIFICATION
    assert state_of(kind, due, True, at(17, 30), DAY, 0) is State.DONE
    assert state_of(kind, due, True, at(18, 30), DAY, 0) is State.DONE_LATE
    assert state_of(kind, due, True, DAY, DAY, 0) is State.DONE  # no hour: the day counts
    assert state_of(kind, DAY, True, at(23, 59), DAY, 0) is State.DONE  # due: whole day


def test_ics_has_a_timed_event(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "d.ics"
    code, _, err = invoke(
        "deadline", str(repo), "--as-of", "2026-09-25", "--format", "ics", "--out", str(out)
    )
    assert code == 0, err
    text = out.read_text(encoding="utf-8").replace("\r\n ", "")
    event = next(e for e in text.split("BEGIN:VEVENT") if "2026-09-HC-D01" in e)
    assert "DTSTART:20260926T180000" in event
    assert "DTEND" not in event  # an instant: it ends as it starts
    all_day = next(
        e
        for e in text.split("BEGIN:VEVENT")
        if "2026-09-HC-T" not in e and "DTSTART;VALUE=DATE" in e
    )
    assert "DTEND;VALUE=DATE" in all_day


def test_calc_at_an_hour() -> None:
    code, out, _ = invoke("deadline", "calc", "2026-11-02", "+1", "day", "at", "18:00")
    assert code == 0
    assert out.splitlines()[0] == "2026-11-03 18:00"
    code, _, err = invoke("deadline", "calc", "2026-11-02", "+1 day at 24:30")
    assert code == 2 and "HH:MM" in err


def test_report_counts_by_the_hour_from_a_warm_cache_too(repo: Path) -> None:
    for _ in range(2):  # the second run reads the records back from the cache
        data = as_json("report", str(repo), "--period", "2026Q3", "--as-of", "2026-09-30")
        rows = {r["id"]: r for r in data["ledger"]}
        assert rows["2026-09-HC-D01"]["deadline"] == "2026-09-26 18:00"
        assert rows["2026-09-HC-D01"]["state"] == "overdue"
        assert rows["2026-09-HC-D02"]["state"] == "done"
        assert rows["2026-09-HC-D02"]["completed"] == "2026-09-26 17:30"


def test_the_letter_gives_the_hour(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    path = str(repo / "findings" / TIMED)
    code, _, err = invoke("render-letter", path, "--out", str(out), "--date", "2026-09-25")
    assert code == 0, err
    assert "2026年9月26日18:00" in docx_text(next(out.glob("*.docx")))


def test_an_impossible_time_is_a_wrong_type(repo: Path, tmp_path: Path) -> None:
    copy = repo_with(tmp_path / "bad", TIMED)
    path = copy / "findings" / TIMED
    text = path.read_text(encoding="utf-8").replace(
        "deadline: 2026-09-26 18:00", "deadline: 2026-09-26 25:00"
    )
    path.write_text(text, encoding="utf-8")
    code, out, _ = invoke("validate", str(copy))
    assert code == 1
    assert f"findings/{TIMED}:14:15: error wrong-type" in out


@given(st.dates(), st.times(), st.dates(), st.times())
def test_a_moment_orders_as_its_day_and_survives_json(
    a: dt.date, ta: dt.time, b: dt.date, tb: dt.time
) -> None:
    from pydantic import ConfigDict, TypeAdapter

    x, y = Moment(a, ta), Moment(b, tb)
    assert (x < y) == (a < b) and (x == y) == (a == b)
    assert (x - y) == (a - b) and type(x + dt.timedelta(days=0)) is dt.date
    adapter = TypeAdapter(When, config=ConfigDict(strict=True))
    back = adapter.validate_json(adapter.dump_json(x))
    assert back == a and time_of(back) == ta.replace(second=0, microsecond=0)
    if a == b:
        assert is_late(x, y) == (x.hm > y.hm)
