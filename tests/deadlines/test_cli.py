"""``inspect deadline [PATH]`` end to end, through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from icalendar import Calendar
from typer.testing import CliRunner, Result

from inspectcli.cli.root import app

from .helpers import FINDINGS, build, finding

runner = CliRunner()


def run(*args: str) -> Result:
    return runner.invoke(app, ["deadline", *args])


def _json(result: Result) -> dict[str, object]:
    document: dict[str, object] = json.loads(result.stdout)
    return document


def _states(result: Result) -> dict[tuple[str, str], str]:
    items = _json(result)["deadlines"]
    assert isinstance(items, list)
    return {(x["kind"], x["subject"]): x["state"] for x in items}


# --- exit codes -------------------------------------------------------------------------------


def test_an_overdue_rectification_fails(tmp_path: Path) -> None:
    result = run(str(build(tmp_path)), "--as-of", "2026-11-21")
    assert result.exit_code == 1, result.output
    assert "R1-02" in result.stdout and "overdue" in result.stdout


def test_fail_on_never_exits_0(tmp_path: Path) -> None:
    result = run(str(build(tmp_path)), "--as-of", "2026-11-21", "--fail-on", "never")
    assert result.exit_code == 0, result.output


def test_nothing_overdue_exits_0(tmp_path: Path) -> None:
    result = run(str(build(tmp_path)), "--as-of", "2026-10-12")
    assert result.exit_code == 0, result.output


def test_fail_on_due_today(tmp_path: Path) -> None:
    root = str(build(tmp_path))
    assert run(root, "--as-of", "2026-10-12", "--fail-on", "due-today").exit_code == 1
    assert run(root, "--as-of", "2026-10-11", "--fail-on", "due-today").exit_code == 0


def test_as_of_changes_the_states(tmp_path: Path) -> None:
    root = str(build(tmp_path))
    before = _states(run(root, "--as-of", "2026-10-05", "--format", "json"))
    after = _states(run(root, "--as-of", "2026-10-13", "--format", "json"))
    assert before[("rectification", "R1-02")] == "due-soon"
    assert after[("rectification", "R1-02")] == "overdue"
    assert before[("rectification", "R1-01")] == "due-soon"  # rectified only on 10-08
    assert after[("rectification", "R1-01")] == "done"


def test_within_widens_due_soon(tmp_path: Path) -> None:
    root = str(build(tmp_path))
    narrow = _states(run(root, "--as-of", "2026-10-01", "--format", "json"))
    wide = _states(run(root, "--as-of", "2026-10-01", "--format", "json", "--within", "14"))
    assert narrow[("rectification", "R1-02")] == "upcoming"
    assert wide[("rectification", "R1-02")] == "due-soon"


def test_the_repository_is_found_from_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(build(tmp_path) / "findings")
    result = run("--as-of", "2026-11-21", "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    assert ("rectification", "R1-02") in _states(result)


def test_a_repository_with_errors_prints_its_problems(tmp_path: Path) -> None:
    root = build(tmp_path)
    path = root / FINDINGS
    text = path.read_text(encoding="utf-8").replace("deadline: 2026-10-12", "deadline: soon", 1)
    path.write_text(text, "utf-8")
    result = run(str(root))
    assert result.exit_code == 1
    assert result.stderr.startswith("findings/r1.yaml:")
    assert "error" in result.stderr and "[findings[0].deadline]" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "xml"],
        ["--fail-on", "sometimes"],
        ["--as-of", "2026-13-01"],
        ["--as-of", "tomorrow"],
        ["--within", "-1"],
        ["--out", "x.ics"],
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    result = run(str(build(tmp_path)), *args)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    assert run(str(tmp_path / "nowhere")).exit_code == 2


def test_calc_still_works_beside_the_listing() -> None:
    result = run("calc", "2026-09-30", "+3 working days")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "2026-10-10"


def test_list_is_also_a_named_command(tmp_path: Path) -> None:
    result = run("list", str(build(tmp_path)), "--as-of", "2026-10-12")
    assert result.exit_code == 0, result.output


# --- formats ----------------------------------------------------------------------------------


def test_table_shows_states_rules_and_positions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    result = run(str(build(tmp_path)), "--as-of", "2026-11-21")
    out = result.stdout
    assert "2026-10-12" in out and "rectification" in out and "archive" in out
    assert "findings/r1.yaml:34" in out  # R1-02's deadline
    assert "河扶〔2018〕23号" in out


def test_unknown_year_warning_in_table_and_json(tmp_path: Path) -> None:
    root = str(build(tmp_path, findings=finding(1, deadline="2031-03-03")))
    table = run(root, "--as-of", "2026-11-21")
    assert "warning:" in table.stderr and "2031" in table.stderr  # a message, not data
    document = _json(run(root, "--as-of", "2026-11-21", "--format", "json"))
    warnings = document["warnings"]
    assert isinstance(warnings, list) and any("2031" in w for w in warnings)


def test_json_has_positions_and_counts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(tmp_path)
    monkeypatch.chdir(tmp_path)  # paths from the current folder, as validate writes them
    document = _json(run("repo", "--as-of", "2026-11-21", "--format", "json"))
    items = document["deadlines"]
    assert isinstance(items, list)
    r1_02 = next(x for x in items if x["subject"] == "R1-02" and x["kind"] == "rectification")
    assert (r1_02["path"], r1_02["line"], r1_02["field"]) == (
        "repo/findings/r1.yaml",
        34,
        "findings[1].deadline",
    )
    assert r1_02["overdue_working_days"] == 29
    assert document["counts"] == {**document["counts"], "overdue": 1}  # type: ignore[dict-item]
    assert document["warnings"] == []


def test_github_annotations_point_at_the_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(tmp_path)
    monkeypatch.chdir(tmp_path)  # the case repository is a subfolder of the checkout
    result = run("repo", "--as-of", "2026-11-21", "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert any(
        line.startswith("::error file=repo/findings/r1.yaml,line=34,") and "R1-02" in line
        for line in lines
    )
    validated = runner.invoke(app, ["validate", "repo", "--format", "junit", "--no-cache"])
    assert 'name="repo/findings/r1.yaml"' in validated.stdout  # the path validate writes
    assert not any("R1-01" in line and "rectify" in line for line in lines)  # done: silent


def test_github_warns_about_unknown_years(tmp_path: Path) -> None:
    root = str(build(tmp_path, findings=finding(1, deadline="2031-03-03")))
    result = run(root, "--as-of", "2026-11-21", "--format", "github")
    assert any(
        line.startswith("::warning::") and "2031" in line for line in result.stdout.splitlines()
    )


def _events(data: bytes) -> dict[str, str]:
    calendar = Calendar.from_ical(data)
    return {str(e["UID"]): str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}


def test_ics_parses_back_with_stable_uids(tmp_path: Path) -> None:
    root = build(tmp_path)
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    assert (
        run(str(root), "--as-of", "2026-10-05", "--format", "ics", "--out", str(first)).exit_code
        == 0
    )
    run(str(root), "--as-of", "2026-10-20", "--format", "ics", "--out", str(second))
    before, after = _events(first.read_bytes()), _events(second.read_bytes())
    assert len(before) == len(set(before)) >= 2
    # R1-02 is open in both exports: the same UID, so a calendar updates the event.
    shared = set(before) & set(after)
    assert any("R1-02" in before[uid] for uid in shared)
    # R1-01 was rectified in between: it left the export.
    assert any("R1-01" in s for s in before.values())
    assert not any("R1-01" in s and "rectify" in s for s in after.values())


def test_ics_events_are_all_day_with_a_description(tmp_path: Path) -> None:
    result = run(
        str(build(tmp_path)), "--as-of", "2026-11-21", "--format", "ics", "--fail-on", "never"
    )
    calendar = Calendar.from_ical(result.stdout.encode())
    event = next(e for e in calendar.walk("VEVENT") if "R1-02" in str(e["SUMMARY"]))
    assert str(event.decoded("DTSTART")) == "2026-10-12"
    assert event["DTSTART"].params.get("VALUE") == "DATE"
    assert "findings/r1.yaml:34" in str(event["DESCRIPTION"])
    assert "石桥镇" not in result.stdout  # no household location leaves the repository


def test_ics_carries_the_unknown_year_warning(tmp_path: Path) -> None:
    root = str(build(tmp_path, findings=finding(1, deadline="2031-03-03")))
    result = run(root, "--as-of", "2026-11-21", "--format", "ics")
    calendar = Calendar.from_ical(result.stdout.encode())
    assert "2031" in str(calendar["X-INSPECTCLI-WARNING"])
    assert "2031" in str(calendar["X-WR-CALDESC"])
