"""Guangdong art. 18 as written: after patrol feedback the area reports on its rectification
within 2 months. Recording that report meets the deadline, whatever the state of each
finding: a finding due 12-31 no longer makes the feedback overdue on 11-05."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from inspectcli.deadlines import Kind, State

from ..deadlines.helpers import FINDINGS, agenda, build, d, finding, one, with_policy
from .helpers import invoke

GUANGDONG_18 = {"amount": 2, "unit": "months", "source": "广东第十八条"}


def _patrol(data: dict[str, Any]) -> None:
    data["type"] = "patrol"
    data["feedback"] = "2026-09-05"


def _reported(data: dict[str, Any]) -> None:
    data["feedback_report"] = {"date": "2026-11-03", "number": "云岗县委〔2026〕31号"}
    finding(1, deadline="2026-12-31")(data)


def _repo(tmp_path: Path, *, reported: bool) -> Path:
    changes: dict[str, Any] = {
        "plan": _patrol,
        "settings": with_policy(feedback=GUANGDONG_18),
    }
    if reported:
        changes["findings"] = _reported
    else:
        changes["findings"] = finding(1, deadline="2026-12-31")
    return build(tmp_path, **changes)


def test_the_report_recorded_meets_the_deadline(tmp_path: Path) -> None:
    root = _repo(tmp_path, reported=True)
    found = one(agenda(root, d("2026-11-05")), Kind.FEEDBACK, "R1")
    assert found.due == d("2026-11-05")
    assert (found.state, found.done_on) == (State.DONE, d("2026-11-03"))
    code, out, err = invoke("validate", str(root))
    assert code == 0, out + err


def test_without_the_report_an_open_finding_leaves_it_due(tmp_path: Path) -> None:
    root = _repo(tmp_path, reported=False)
    found = one(agenda(root, d("2026-11-09")), Kind.FEEDBACK, "R1")
    assert found.state is State.OVERDUE


def test_a_late_report_is_done_late_and_renders(tmp_path: Path) -> None:
    root = _repo(tmp_path, reported=True)
    path = root / FINDINGS
    path.write_text(path.read_text(encoding="utf-8").replace("2026-11-03", "2026-11-20"), "utf-8")
    found = one(agenda(root, d("2026-11-25")), Kind.FEEDBACK, "R1")
    assert (found.state, found.done_on) == (State.DONE_LATE, d("2026-11-20"))
    out = tmp_path / "out"
    code, _, err = invoke("render-letter", str(path), "--out", str(out), "--date", "2026-09-12")
    assert code == 0, err
