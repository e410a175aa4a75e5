"""A record no one can quietly rewrite: `inspect finding history ID` names the commit that
introduced each record, and reports a backdated record (dated more than N working days
before its commit) and a rewritten one (a committed record changed or removed)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from inspectcli.cli.root import app

from .helpers import invoke, repo_with

HECHENG = "findings/2026-09-g1-hecheng.yaml"
runner = CliRunner()
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is missing")


def _commit(root: Path, message: str, when: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_AUTHOR_NAME": "庞立新",
        "GIT_AUTHOR_EMAIL": "clerk@example.invalid",
        "GIT_COMMITTER_NAME": "庞立新",
        "GIT_COMMITTER_EMAIL": "clerk@example.invalid",
    }
    for args in (["add", "-A"], ["commit", "-q", "-m", message]):
        subprocess.run(["git", "-C", str(root), *args], check=True, env=env)


def _edit(root: Path, old: str, new: str) -> None:
    path = root / HECHENG
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def filed(target: Path, when: str = "2026-11-06T10:00:00+08:00") -> Path:
    """The example repository in ``target``, put under git in one commit at ``when``."""
    root = repo_with(target)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    _commit(root, "案卷", when)
    return root


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = filed(tmp_path / "repo")
    # a progress note dated in September, typed in December
    _edit(
        root,
        "note: 第2户已开工，第3户完成材料备料。}",
        "note: 第2户已开工，第3户完成材料备料。}\n"
        "        - {date: 2026-09-30, note: 第3户已开工。}",
    )
    # and the first update of another finding quietly reworded
    _edit(root, "镇水务所已完成勘测，管材已采购到位。", "镇水务所已完成勘测。")
    _commit(root, "补记进展", "2026-12-01T10:00:00+08:00")
    return root


def test_backdated_record_is_reported_with_its_commit(repo: Path) -> None:
    code, out, err = invoke("finding", "history", "2026-09-HC-07", "--repo", str(repo))
    assert code == 0  # warnings by default
    row = next(line for line in out.splitlines() if "补记进展" in line)
    assert "2026-09-30" in row and "progress" in row and "2026-12-01" in row
    backdated = [line for line in err.splitlines() if "backdated-record" in line]
    assert any("progress update 2 is dated 2026-09-30" in line for line in backdated)
    assert "rewritten-record" not in err  # an update inserted above moves, not rewrites


def test_rewritten_record_is_reported(repo: Path) -> None:
    code, _, err = invoke("finding", "history", "2026-09-HC-01", "--repo", str(repo))
    assert code == 0
    rewritten = [line for line in err.splitlines() if "rewritten-record" in line]
    assert len(rewritten) == 1 and "progress update 1" in rewritten[0]


@pytest.mark.parametrize(
    ("language", "headings", "names"),
    [
        (
            "zh",
            ("日期", "整改记录", "提交", "录入人", "提交时间", "提交说明"),
            ("第4次整改进展", "第1次申请延期"),
        ),
        ("en", ("Date", "Record", "Commit", "Entered by", "Committed"), ("progress", "request 1")),
    ],
)
def test_the_history_is_a_table_in_the_users_language(
    repo: Path, language: str, headings: tuple[str, ...], names: tuple[str, ...]
) -> None:
    """It printed bare rows, in English only, naming each record `updates[0]`."""
    args = ("--lang", language, "finding", "history", "2026-09-HC-07", "--repo", str(repo))
    result = runner.invoke(app, list(args), env={"COLUMNS": "80"})
    out = result.stdout
    assert result.exit_code == 0 and all(cell_len(line) <= 80 for line in out.splitlines())
    assert all(heading in out for heading in headings) and all(n in out for n in names)
    assert "updates[" not in out and "extensions[" not in out
    # the warning below, at the record's place in the file, in the usual problem form
    assert re.search(rf"^{HECHENG}:\d+:\d+: \S+ backdated-record ", result.stderr, re.M)


def test_the_history_as_json(repo: Path) -> None:
    code, out, _ = invoke("finding", "history", "2026-09-HC-07", "--repo", str(repo), "-f", "json")
    document = json.loads(out)
    assert code == 0 and document["id"] == "2026-09-HC-07"
    inserted = next(r for r in document["records"] if r["message"] == "补记进展")
    # the record where it is now: inserted above, it moved the one after it down
    assert inserted["record"] == "updates[1]" and inserted["label"] == "progress update 2"
    assert [p["code"] for p in document["problems"]] == ["backdated-record"]
    assert document["problems"][0]["line"] > 1


def test_a_policy_makes_them_errors(repo: Path) -> None:
    path = repo / "inspect.yaml"
    text = path.read_text(encoding="utf-8")
    rules = "  overrides: {rectification: {history_errors: true, backdating_days: 60}}\n"
    path.write_text(text.replace("  preset: heyuan ", rules + "  preset: heyuan "), "utf-8")
    code, _, err = invoke("finding", "history", "2026-09-HC-01", "--repo", str(repo))
    assert code == 1 and "error rewritten-record" in err
    assert "backdated-record" not in err  # 60 working days allowed


def test_outside_git_is_a_usage_error(tmp_path: Path) -> None:
    root = repo_with(tmp_path / "plain")
    code, _, err = invoke("finding", "history", "2026-09-HC-01", "--repo", str(root))
    assert code == 2 and "git" in err
