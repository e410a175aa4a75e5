"""Two clerks at once: the history of records across branches and merges. Each commit is
compared with its own parents, so that work merged from two branches is neither one's
rewrite, a record is credited to the commit that made it (not the merge), and a record a
merge drops is reported once, at the merge."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .helpers import invoke
from .test_history import HECHENG, _edit, filed

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is missing")

HISTORY_CODES = {"rewritten-record", "backdated-record"}
# HC-07's last update, where each clerk adds the next one
LAST_HC07 = "note: 2户主体工程已完工，正在进行屋面和水电施工。}"
# HC-02's last update, far from HC-07's in the file (git merges the two without conflict)
LAST_HC02 = "note: 9月份第一书记在村22天；考勤月通报制度已建立并印发。}"


def _git(root: Path, *args: str, who: str = "甲文书", when: str = "") -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": who,
        "GIT_AUTHOR_EMAIL": "clerk@example.invalid",
        "GIT_COMMITTER_NAME": who,
        "GIT_COMMITTER_EMAIL": "clerk@example.invalid",
    }
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    done = subprocess.run(
        ["git", "-C", str(root), *args], check=False, capture_output=True, env=env
    )
    return done.stdout.decode().strip()


def _commit(root: Path, message: str, who: str, when: str) -> str:
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", message, who=who, when=when)
    return _git(root, "rev-parse", "HEAD")


def _add_update(root: Path, after: str, text: str) -> None:
    _edit(root, after, f"{after}\n        - {{date: 2026-12-02, note: {text}}}")


def _history_problems(root: Path) -> list[dict]:  # type: ignore[type-arg]
    _, out, err = invoke("validate", str(root), "--history", "--format", "json")
    assert "Traceback" not in err
    return [p for p in json.loads(out)["problems"] if p["code"] in HISTORY_CODES]


@pytest.fixture
def two_clerks(tmp_path: Path) -> tuple[Path, str]:
    """The examples filed on main; a second clerk's branch that adds an update to HC-07
    (its commit returned); main goes on meanwhile."""
    root = filed(tmp_path / "repo")
    _git(root, "branch", "-M", "main")
    _git(root, "checkout", "-q", "-b", "second-clerk")
    _add_update(root, LAST_HC07, "第3户屋面已封顶。")
    theirs = _commit(root, "HC-07 进展", "乙文书", "2026-12-02T09:00:00+08:00")
    _git(root, "checkout", "-q", "main")
    return root, theirs


def test_work_merged_from_two_branches_rewrites_nothing(two_clerks: tuple[Path, str]) -> None:
    root, theirs = two_clerks
    _add_update(root, LAST_HC02, "考勤通报已连续执行三个月。")
    _commit(root, "HC-02 进展", "甲文书", "2026-12-02T10:00:00+08:00")
    _git(root, "merge", "-q", "--no-edit", "second-clerk", when="2026-12-03T10:00:00+08:00")
    text = (root / HECHENG).read_text(encoding="utf-8")
    assert "第3户屋面已封顶" in text and "考勤通报已连续执行三个月" in text  # git merged both
    assert _history_problems(root) == []
    # the second clerk's update is credited to the commit that made it, not to the merge
    code, out, _ = invoke("finding", "history", "2026-09-HC-07", "--repo", str(root), "-f", "json")
    assert code == 0
    record = next(r for r in json.loads(out)["records"] if r["record"] == "updates[3]")
    assert record["commit"] == theirs and record["author"] == "乙文书"


def test_a_merge_that_drops_a_record_rewrites_it_once(two_clerks: tuple[Path, str]) -> None:
    root, theirs = two_clerks
    # main adds its own update at the same place: the merge conflicts, and taking main's
    # side of it drops the second clerk's update (another file's change merges cleanly)
    _add_update(root, LAST_HC07, "第2户已通过竣工验收。")
    _commit(root, "HC-07 验收", "甲文书", "2026-12-02T10:00:00+08:00")
    _git(root, "checkout", "-q", "second-clerk")
    yunxi = root / "findings" / "2026-09-g1-yunxi.yaml"
    yunxi.write_text(yunxi.read_text(encoding="utf-8") + "# 已复核\n", encoding="utf-8")
    _commit(root, "复核", "乙文书", "2026-12-02T11:00:00+08:00")
    _git(root, "checkout", "-q", "main")
    when = "2026-12-03T10:00:00+08:00"
    _git(root, "merge", "-q", "--no-edit", "-X", "ours", "second-clerk", when=when)
    text = (root / HECHENG).read_text(encoding="utf-8")
    assert "第3户屋面已封顶" not in text and "# 已复核" in yunxi.read_text(encoding="utf-8")
    merge = _git(root, "rev-parse", "HEAD")
    problems = _history_problems(root)
    assert [p["code"] for p in problems] == ["rewritten-record"]
    assert theirs[:10] in problems[0]["message"] and merge[:10] in problems[0]["message"]


def test_a_removal_on_a_branch_is_told_once(two_clerks: tuple[Path, str]) -> None:
    root, _ = two_clerks
    _git(root, "checkout", "-q", "second-clerk")
    _edit(root, "镇水务所已完成勘测，管材已采购到位。", "镇水务所已完成勘测。")
    removal = _commit(root, "改写", "乙文书", "2026-12-02T11:00:00+08:00")
    _git(root, "checkout", "-q", "main")
    _add_update(root, LAST_HC02, "考勤通报已连续执行三个月。")
    _commit(root, "HC-02 进展", "甲文书", "2026-12-02T10:00:00+08:00")
    _git(root, "merge", "-q", "--no-edit", "second-clerk", when="2026-12-03T10:00:00+08:00")
    problems = _history_problems(root)
    rewritten = [p for p in problems if p["code"] == "rewritten-record"]
    assert len(rewritten) == 1 and removal[:10] in rewritten[0]["message"]
