"""Transitions of the rectification record (Heyuan §4, §6): what each does and refuses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from inspectcli.pipeline.repository import open_repository
from inspectcli.tracking.lifecycle import Refused
from inspectcli.tracking.store import NotFound, WouldBeInvalid, locate

from .helpers import copy_examples, run

D = dt.date


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_examples(tmp_path / "repo")


def _record(root: Path, finding_id: str):  # type: ignore[no-untyped-def]
    return locate(open_repository(root), finding_id).finding.rectification


def test_open_to_verified(repo: Path) -> None:
    finding = "2026-09-HC-06"  # open, no rectification record at all
    run(repo, finding, "update", status="rectifying", date=D(2026, 11, 21), note="已入户分析")
    assert _record(repo, finding).status == "rectifying"
    run(repo, finding, "update", status=None, date=D(2026, 11, 24), note="计划已拟定")
    run(
        repo,
        finding,
        "update",
        status="rectified",
        date=D(2026, 12, 1),
        note="已落实",
        evidence=("帮扶计划", "帮扶计划"),
    )
    record = _record(repo, finding)
    assert (record.status, record.rectified, record.evidence) == (
        "rectified",
        D(2026, 12, 1),
        ["帮扶计划"],
    )
    run(repo, finding, "verify", date=D(2026, 12, 10), by="第一督查组 庞立新")
    record = _record(repo, finding)
    assert record.status == "verified"
    assert record.verification is not None and record.verification.result == "passed"
    assert [u.status for u in record.updates] == ["rectifying", None, "rectified"]


def test_failed_revisit_reopens_and_keeps_history(repo: Path) -> None:
    finding = "2026-09-HC-02"  # rectified 2026-10-16
    run(repo, finding, "verify", date=D(2026, 11, 20), by="乙某", result="failed", note="考勤不实")
    record = _record(repo, finding)
    assert record.status == "rectifying" and record.rectified is None
    assert record.verification is not None and record.verification.result == "failed"
    assert record.updates[-1].status == "rectifying" and "考勤不实" in record.updates[-1].note
    assert record.evidence  # the earlier evidence stays on file
    run(repo, finding, "update", status="rectified", date=D(2026, 11, 28), note="重新整改")
    run(repo, finding, "verify", date=D(2026, 12, 5), by="乙某")
    assert _record(repo, finding).status == "verified"


def test_extension_request_and_decisions(repo: Path) -> None:
    finding = "2026-10-SL-01"
    run(
        repo,
        finding,
        "extend",
        new_deadline=D(2026, 12, 31),
        reason="财政审批",
        date=D(2026, 11, 20),
    )
    with pytest.raises(Refused, match="awaiting a decision"):
        run(repo, finding, "extend", new_deadline=D(2027, 1, 31), reason="又", date=D(2026, 11, 21))
    run(repo, finding, "decide", decision="rejected", date=D(2026, 11, 22))
    with pytest.raises(Refused, match="no extension request"):
        run(repo, finding, "decide", decision="approved", date=D(2026, 11, 23))
    run(
        repo, finding, "extend", new_deadline=D(2026, 12, 15), reason="再申请", date=D(2026, 11, 23)
    )
    run(repo, finding, "decide", decision="approved", date=D(2026, 11, 24))
    decisions = [(e.decision, e.decided) for e in _record(repo, finding).extensions]
    assert decisions == [("rejected", D(2026, 11, 22)), ("approved", D(2026, 11, 24))]


@pytest.mark.parametrize(
    ("finding", "name", "options", "words"),
    [
        ("2026-09-HC-06", "verify", {"date": D(2026, 12, 1), "by": "乙"}, "only a rectified"),
        ("2026-09-HC-01", "verify", {"date": D(2026, 12, 1), "by": "乙"}, "only a rectified"),
        (
            "2026-09-HC-06",
            "update",
            {"status": None, "date": D(2026, 12, 1), "note": "x"},
            "first update sets a status",
        ),
        (
            "2026-09-HC-02",
            "update",
            {"status": "rectifying", "date": D(2026, 12, 1), "note": "x"},
            "no more progress updates",
        ),
        (
            "2026-09-HC-02",
            "extend",
            {"new_deadline": D(2027, 1, 1), "reason": "x", "date": D(2026, 12, 1)},
            "only while",
        ),
        (
            "2026-09-HC-07",
            "decide",
            {"decision": "approved", "date": D(2026, 12, 1)},
            "no extension request",
        ),
        ("2026-09-HC-02", "verify", {"date": D(2026, 10, 1), "by": "乙"}, "cannot come before"),
    ],
)
def test_forbidden_transitions_are_refused(
    repo: Path, finding: str, name: str, options: dict[str, object], words: str
) -> None:
    before = {p: p.read_bytes() for p in (repo / "findings").iterdir()}
    with pytest.raises(Refused, match=words):
        run(repo, finding, name, **options)
    assert {p: p.read_bytes() for p in (repo / "findings").iterdir()} == before


@pytest.mark.parametrize(
    ("name", "options", "code"),
    [
        ("update", {"status": None, "date": D(2026, 11, 1), "note": "x"}, "dates-backwards"),
        (
            "extend",
            {"new_deadline": D(2026, 11, 1), "reason": "x", "date": D(2026, 11, 20)},
            "extension-not-later",
        ),
        (
            "extend",
            {"new_deadline": D(2027, 1, 1), "reason": "无", "date": D(2026, 11, 20)},
            "extension-reason-missing",
        ),
        (
            "update",
            {"status": "rectified", "date": D(2026, 11, 1), "note": "x"},
            "rectified-before-update",
        ),
    ],
)
def test_edits_the_rules_reject_are_not_written(
    repo: Path, name: str, options: dict[str, object], code: str
) -> None:
    path = repo / "findings" / "2026-10-g2-shiling.yaml"
    before = path.read_bytes()
    with pytest.raises(WouldBeInvalid) as caught:
        run(repo, "2026-10-SL-01", name, **options)
    assert code in {p.code for p in caught.value.problems}
    assert all(p.line > 1 for p in caught.value.problems)
    assert path.read_bytes() == before


def test_unknown_id_suggests_the_closest(repo: Path) -> None:
    with pytest.raises(NotFound, match="did you mean `2026-09-HC-06`"):
        run(repo, "2026-09-HC-6", "verify", date=D(2026, 12, 1), by="乙")


def test_dry_run_writes_nothing(repo: Path) -> None:
    path = repo / "findings" / "2026-09-g1-hecheng.yaml"
    before = path.read_bytes()
    outcome = run(repo, "2026-09-HC-02", "verify", dry_run=True, date=D(2026, 11, 2), by="乙")
    assert not outcome.written and path.read_bytes() == before
    assert "+      verification: {date: 2026-11-02, by: 乙, result: passed}" in outcome.diff
