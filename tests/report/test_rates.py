"""Rates pinned on the hand-counted repository of helpers.py (Heyuan §6: 整改率).

As of 2026-12-15, November's round (甲县, 第一督查组) has:
F1 verified, rectified 11-20 before its deadline 11-30       → verified, on time
F2 rectified 12-05 after its deadline 11-30                  → rectified, late
F3 rectified 12-10, deadline 11-30 extended to 12-20         → rectified, on time
F4 open, deadline 11-30                                      → overdue
F5 rectifying, deadline 12-31                                → not yet settled
October's round (乙县, 第二督查组): G1 open, deadline 11-10   → overdue
"""

from __future__ import annotations

from pathlib import Path

import pytest

from inspectcli.report.model import Report, Tally

from .helpers import report, write_repo


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_repo(tmp_path_factory.mktemp("report") / "repo")


def row(found: Report, key: str) -> Tally:
    return next(r.tally for r in found.rows if r.key == key)


def test_month_by_county(repo: Path) -> None:
    found = report(repo, "2026-11")
    assert [r.key for r in found.rows] == ["甲县"]  # October's round is not in November
    tally = row(found, "甲县")
    assert (tally.findings, tally.rectified, tally.verified, tally.overdue) == (5, 2, 1, 1)
    assert (tally.on_time, tally.settled) == (2, 4)  # F1, F3 of F1-F4
    assert tally.rectification_rate == pytest.approx(3 / 5)
    assert tally.on_time_rate == pytest.approx(2 / 4)
    assert found.total == tally


def test_quarter_holds_both_rounds_by_their_start(repo: Path) -> None:
    found = report(repo, "2026Q4")
    assert [r.key for r in found.rows] == ["乙县", "甲县"]
    assert row(found, "乙县").findings == 1 and row(found, "乙县").overdue == 1
    assert row(found, "乙县").rectification_rate == 0.0
    assert row(found, "乙县").on_time_rate == 0.0
    total = found.total
    assert (total.findings, total.rectified + total.verified, total.overdue) == (6, 3, 2)
    assert total.rectification_rate == pytest.approx(3 / 6)
    assert total.on_time_rate == pytest.approx(2 / 5)


def test_empty_groups_show_no_rate(repo: Path) -> None:
    found = report(repo, "2026-11", by="category")
    keys = [r.key for r in found.rows]
    assert keys == ["01", "02", "03", "04", "05", "06", "07", "08", "09"]  # catalogue order
    assert found.rows[3].label == "04 精准识别和精准退出情况"  # the policy's names
    empty = row(found, "05")
    assert empty.findings == 0
    assert empty.rectification_rate is None and empty.on_time_rate is None
    assert row(found, "02").rectification_rate == 0.0 and row(found, "02").on_time_rate is None
    assert row(found, "04").findings == 2 and row(found, "04").on_time_rate == 0.5


def test_by_unit_and_by_group(repo: Path) -> None:
    by_unit = report(repo, "2026", by="unit")
    assert row(by_unit, "甲县财政局").findings == 2  # F3 and F4
    assert row(by_unit, "甲县财政局").on_time_rate == pytest.approx(1 / 2)
    by_group = report(repo, "2026", by="group")
    assert [r.key for r in by_group.rows] == ["第一督查组", "第二督查组"]
    assert row(by_group, "第二督查组").findings == 1


def test_a_period_without_rounds_is_all_dashes(repo: Path) -> None:
    found = report(repo, "2025")
    assert found.rows == () and found.ledger == ()
    assert found.total.findings == 0 and found.total.rectification_rate is None


def test_as_of_before_rectification_counts_it_open(repo: Path) -> None:
    found = report(repo, "2026-11", as_of="2026-12-01")
    tally = row(found, "甲县")
    # F2 (rectified 12-05) is overdue on 12-01; F3 (12-10, extended to 12-20) is not yet due.
    assert (tally.rectified, tally.verified, tally.overdue, tally.settled) == (0, 1, 2, 3)
    ledger = {line.id: line for line in found.ledger}
    assert ledger["F2"].status == "rectifying" and ledger["F2"].completed is None


def test_ledger_has_the_hainan_columns(repo: Path) -> None:
    ledger = {line.id: line for line in report(repo, "2026-11").ledger}
    f3 = ledger["F3"]
    assert str(f3.deadline) == "2026-12-20" and f3.extended  # the deadline in force
    assert (f3.unit, f3.person, f3.status, str(f3.completed)) == (
        "甲县财政局",
        "乙某（副局长）",
        "rectified",
        "2026-12-10",
    )
    assert ledger["F2"].late and not ledger["F2"].overdue
    assert ledger["F4"].overdue and ledger["F4"].completed is None
    assert ledger["F1"].target == "识别精准。" and ledger["F1"].measures == "按程序清退。"
