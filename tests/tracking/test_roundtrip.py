"""Edits keep the file: the diff of each scenario against the example repository is exactly
the golden one (only the lines of the change; comments, order, quoting and blank lines kept).

Regenerate after an intended change with ``UPDATE_GOLDEN=1 pytest tests/tracking`` and read
the diffs.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest

from inspectcli.tracking.store import unified_diff

from .helpers import EXAMPLES, TESTDATA, copy_examples, run

D = dt.date
Step = tuple[str, str, dict[str, Any]]

SCENARIOS: dict[str, list[Step]] = {
    # An open finding with no record, whose last line is a comment and a blank line.
    "open-to-verified": [
        (
            "2026-09-HC-06",
            "update",
            {
                "status": "rectifying",
                "date": D(2026, 11, 21),
                "note": "结对干部已重新入户分析致贫原因。",
            },
        ),
        (
            "2026-09-HC-06",
            "extend",
            {
                "new_deadline": D(2026, 12, 20),
                "reason": "需待务工人员返乡后落实就业帮扶",
                "date": D(2026, 11, 22),
            },
        ),
        ("2026-09-HC-06", "decide", {"decision": "approved", "date": D(2026, 11, 23)}),
        (
            "2026-09-HC-06",
            "update",
            {
                "status": "rectified",
                "date": D(2026, 12, 1),
                "note": "已落实稳岗补贴。",
                "evidence": ("帮扶计划", "稳岗补贴发放凭证"),
            },
        ),
        (
            "2026-09-HC-06",
            "verify",
            {"date": D(2026, 12, 10), "by": "第一督查组 庞立新", "note": "入户复核，已落实。"},
        ),
    ],
    # A progress note on a finding whose extension is a block mapping.
    "note-on-extended": [
        (
            "2026-09-HC-07",
            "update",
            {"status": None, "date": D(2026, 11, 20), "note": "屋面施工完成"},
        ),
    ],
    # A new `extensions:` after `updates:`, the last key before a blank line.
    "extend-then-reject": [
        (
            "2026-10-SL-01",
            "extend",
            {
                "new_deadline": D(2026, 12, 31),
                "reason": "资金拨付需县财政审批",
                "date": D(2026, 11, 20),
            },
        ),
        ("2026-10-SL-01", "decide", {"decision": "rejected", "date": D(2026, 11, 24)}),
    ],
    # A failed revisit reopens; a second rectification and revisit close it.
    "failed-revisit": [
        (
            "2026-09-HC-02",
            "verify",
            {"date": D(2026, 11, 20), "by": "乙某", "result": "failed", "note": "考勤记录不实"},
        ),
        (
            "2026-09-HC-02",
            "update",
            {
                "status": "rectified",
                "date": D(2026, 11, 28),
                "note": "已重新整改",
                "evidence": ("新考勤表",),
            },
        ),
        ("2026-09-HC-02", "verify", {"date": D(2026, 12, 5), "by": "乙某"}),
    ],
    # The end of a file: a revisit after `updates:`, an extension after `updates:`.
    "last-in-file": [
        ("2026-10-MC-06", "verify", {"date": D(2026, 11, 30), "by": "第二督查组 丙某"}),
        (
            "2026-11-AF-08",
            "extend",
            {
                "new_deadline": D(2027, 1, 15),
                "reason": "寒假前完成劝返跟踪",
                "date": D(2026, 11, 24),
            },
        ),
    ],
    # A finding without a record, rectified in one step.
    "rectified-at-once": [
        (
            "2026-11-AF-05",
            "update",
            {
                "status": "rectified",
                "date": D(2026, 11, 25),
                "note": "已办结",
                "evidence": ("办结单",),
            },
        ),
    ],
}


def _diff(before: Path, after: Path) -> str:
    parts = []
    for path in sorted((before / "findings").iterdir()):
        relative = path.relative_to(before).as_posix()
        old = path.read_text(encoding="utf-8")
        new = (after / relative).read_text(encoding="utf-8")
        parts.append(unified_diff(relative, old, new))
    return "".join(parts)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_edit_changes_only_its_lines(name: str, tmp_path: Path) -> None:
    repo = copy_examples(tmp_path / "repo")
    for finding, transition, options in SCENARIOS[name]:
        run(repo, finding, transition, **options)
    actual = _diff(EXAMPLES, repo)
    golden = TESTDATA / f"{name}.diff"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")
    removed = [
        line for line in actual.splitlines() if line.startswith("-") and not line.startswith("---")
    ]
    assert all(
        "status:" in line or "rectified:" in line or "evidence:" in line or "decision:" in line
        for line in removed
    ), "only a status, date, evidence or decision line is replaced"
