"""`inspect report PATH...`: one view over several case repositories.

Each repository is counted alone (its own policy, roster and ids); the roll-up sums the
counts and recomputes the rates from them; per-mille accountability (Suzhou art. 39)
stays within each repository's roster; a repository with errors is named and left out.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from inspectcli.cli.root import app
from inspectcli.report.compute import Options
from inspectcli.report.model import Report, SummaryRow, Tally
from inspectcli.report.period import parse_period
from inspectcli.report.rollup import Counted, member_names, roll_up

from .rollup_repos import ARGS, three_repositories

runner = CliRunner()


def report_json(*args: str) -> tuple[int, dict[str, Any], str]:
    result = runner.invoke(app, ["report", *args, *ARGS, "--format", "json"])
    return result.exit_code, json.loads(result.stdout or "{}"), result.stderr


@pytest.fixture
def repos(tmp_path: Path) -> list[Path]:
    return three_repositories(tmp_path)


def singles(repos: list[Path], *extra: str) -> list[dict[str, Any]]:
    found = []
    for repo in repos:
        code, data, err = report_json(str(repo), *extra)
        assert code == 0, err
        found.append(data)
    return found


def test_totals_are_sums_and_rates_come_from_the_counts(repos: list[Path]) -> None:
    code, data, err = report_json(*map(str, repos))
    assert code == 0, err
    alone = singles(repos)
    for field in ("findings", "rectified", "verified", "overdue", "on_time", "settled"):
        assert data["total"][field] == sum(d["total"][field] for d in alone)
    total = data["total"]
    assert (
        total["rectification_rate"] == (total["rectified"] + total["verified"]) / total["findings"]
    )
    assert total["on_time_rate"] == total["on_time"] / total["settled"]
    # 甲县 is a county of the first two repositories: its row is their sum
    rows = {row["key"]: row for row in data["summary"]}
    first = {row["key"]: row for row in alone[0]["summary"]}
    second = {row["key"]: row for row in alone[1]["summary"]}
    assert rows["甲县"]["findings"] == first["甲县"]["findings"] + second["甲县"]["findings"]
    assert [m["name"] for m in data["members"]] == ["suzhou-a", "daan-b", "qinghe"]
    assert all(m["counted"] for m in data["members"])


def test_ids_carry_their_repository(repos: list[Path]) -> None:
    _, data, _ = report_json(*map(str, repos))
    ids = [row["id"] for row in data["ledger"]]
    assert "suzhou-a:F1" in ids and "daan-b:F1" in ids
    assert len(ids) == len(set(ids))
    assert any(i.startswith("qinghe:2026-") for i in ids)


def test_accountability_is_per_roster_side_by_side(repos: list[Path]) -> None:
    _, data, _ = report_json(*map(str, repos))
    alone = singles(repos[:1])[0]["accountability"]
    assert alone, "the Suzhou repository reaches its thresholds"
    mine = [row for row in data["accountability"] if row["unit"].startswith("suzhou-a:")]
    assert [r["permille"] for r in mine] == [r["permille"] for r in alone]
    assert [r["unit"] for r in mine] == [f"suzhou-a:{r['unit']}" for r in alone]
    assert not any(row["unit"].startswith("daan-b:") for row in data["accountability"])


def test_a_broken_repository_is_named_and_left_out(repos: list[Path]) -> None:
    (repos[1] / "findings" / "broken.yaml").write_text("kind: junk\n", encoding="utf-8")
    code, data, err = report_json(*map(str, repos))
    assert code == 1
    assert "daan-b/findings/broken.yaml:1:7" in err
    left = data["members"][1]
    assert (left["counted"], left["problems"], left["total"]) == (False, 1, None)
    assert any("daan-b" in w and "1" in w for w in data["warnings"])
    alone = singles([repos[0], repos[2]])
    assert data["total"]["findings"] == sum(d["total"]["findings"] for d in alone)


def test_the_note_is_visible_in_the_terminal_and_markdown(repos: list[Path]) -> None:
    (repos[1] / "findings" / "broken.yaml").write_text("kind: junk\n", encoding="utf-8")
    result = runner.invoke(app, ["report", *map(str, repos), *ARGS, "--format", "markdown"])
    assert result.exit_code == 1
    assert "daan-b" in result.stdout and "inspect validate" in result.stdout


def test_a_members_file_lists_them(repos: list[Path], tmp_path: Path) -> None:
    listing = tmp_path / "all.yaml"
    listing.write_text("members:\n  - suzhou-a\n  - daan-b\n  - qinghe\n", encoding="utf-8")
    code, data, err = report_json(str(listing))
    assert code == 0, err
    _, direct, _ = report_json(*map(str, repos))
    assert data["total"] == direct["total"]
    assert data["summary"] == direct["summary"]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("members:\n  - suzhou-a\n  - 3\n", ":3:5:"),
        ("members: suzhou-a\n", ":1:1:"),
        ("other: []\n", ":1:1:"),
        ("members: [a, a\n", ":"),
    ],
)
def test_a_bad_members_file_is_located(tmp_path: Path, text: str, where: str) -> None:
    listing = tmp_path / "all.yaml"
    listing.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["report", str(listing), *ARGS])
    assert result.exit_code == 1
    assert f"{listing}{where}" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_member_is_a_usage_error(repos: list[Path], tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", str(repos[0]), str(tmp_path / "nowhere"), *ARGS])
    assert result.exit_code == 2
    assert "nowhere" in result.stderr


def test_english_and_chinese_notes(repos: list[Path]) -> None:
    (repos[2] / "inspect.yaml").write_text("kind: settings\n", encoding="utf-8")
    paths = [str(p) for p in repos]
    zh = runner.invoke(app, ["--lang", "zh", "report", *paths, *ARGS, "--format", "markdown"])
    en = runner.invoke(app, ["--lang", "en", "report", *paths, *ARGS, "--format", "markdown"])
    assert "未计入合计" in zh.stdout
    assert "left out of the totals" in en.stdout


def test_names_tell_equal_folders_apart(tmp_path: Path) -> None:
    paths = [tmp_path / "a" / "repo", tmp_path / "b" / "repo", tmp_path / "c"]
    for path in paths:
        path.mkdir(parents=True)
    assert member_names(paths) == ["a/repo", "b/repo", "c"]


# --- the sums, whatever the counts -----------------------------------------------------------

tallies = st.builds(
    lambda f, r, v, o, s: Tally(f + r + v + o, r, v, o, min(r + v, s), r + v + o),
    st.integers(0, 50),
    st.integers(0, 50),
    st.integers(0, 50),
    st.integers(0, 50),
    st.integers(0, 150),
)
OPTIONS = Options(parse_period("2026"), "county", parse_period("2026").last)


def _report(rows: dict[str, Tally]) -> Report:
    total = Tally()
    for tally in rows.values():
        total.add(tally)
    summary = tuple(SummaryRow(k, k, v) for k, v in rows.items())
    return Report("局", "制度", OPTIONS.period, "county", OPTIONS.as_of, summary, total, (), (), 0)


@given(st.lists(st.dictionaries(st.sampled_from("甲乙丙丁"), tallies, max_size=4), max_size=5))
def test_rollup_sums_each_county_and_never_averages_rates(
    members: list[dict[str, Tally]],
) -> None:
    counted = [Counted(f"r{i}", f"r{i}", _report(rows)) for i, rows in enumerate(members)]
    rolled = roll_up(counted, OPTIONS)
    for row in rolled.rows:
        parts = [rows[row.key] for rows in members if row.key in rows]
        findings = sum(p.findings for p in parts)
        done = sum(p.done for p in parts)
        assert row.tally.findings == findings
        assert row.tally.rectification_rate == (done / findings if findings else None)
    assert rolled.total.findings == sum(t.findings for rows in members for t in rows.values())
