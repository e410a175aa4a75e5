"""`inspect validate --history`: the backdated and rewritten records of the whole
repository from one pass over its git history, at their lines in the current files, in
every output format, warnings or (by policy) errors."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from .helpers import invoke, repo_with
from .test_history import HECHENG, _commit, _edit, filed

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is missing")


def _git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)
    return done.stdout.decode().strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = filed(tmp_path / "repo")
    _git(root, "tag", "filed")
    # HC-07: a progress note dated in September, typed in December (backdated)
    _edit(
        root,
        "note: 第2户已开工，第3户完成材料备料。}",
        "note: 第2户已开工，第3户完成材料备料。}\n"
        "        - {date: 2026-09-30, note: 第3户已开工。}",
    )
    _commit(root, "补记进展", "2026-12-01T10:00:00+08:00")
    # HC-01: its first update quietly reworded; HC-03: its revisit removed
    _edit(root, "镇水务所已完成勘测，管材已采购到位。", "镇水务所已完成勘测。")
    _edit(
        root,
        "      status: verified\n      rectified: 2026-10-09",
        "      status: rectified\n      rectified: 2026-10-09",
    )
    _edit(
        root, "      verification: {date: 2026-11-05, by: 第一督查组 卢慧敏, result: passed}\n", ""
    )
    _commit(root, "修改", "2026-12-02T10:00:00+08:00")
    return root


def _problems(root: Path, *extra: str) -> tuple[int, list[dict]]:  # type: ignore[type-arg]
    code, out, err = invoke("validate", str(root), "--history", "--format", "json", *extra)
    assert "Traceback" not in err
    return code, json.loads(out)["problems"]


def _line_of(root: Path, text: str) -> int:
    lines = (root / HECHENG).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def test_backdated_rewritten_and_removed_are_reported_at_their_lines(repo: Path) -> None:
    code, problems = _problems(repo)
    assert code == 0  # warnings by default
    assert {p["severity"] for p in problems} == {"warning"}
    backdated = [p for p in problems if p["code"] == "backdated-record"]
    # the September note typed in December, and the reworded update (a new record, with
    # its old date); the first commit's records are the archive as it came under git
    assert len(backdated) == 2
    assert all(p["path"].endswith(HECHENG) for p in backdated)
    note = next(p for p in backdated if "2026-09-30" in p["message"])
    assert note["line"] == _line_of(repo, "2026-09-30, note: 第3户已开工")
    assert "2026-12-01" in note["message"]
    rewritten = [p for p in problems if p["code"] == "rewritten-record"]
    assert len(rewritten) == 2  # HC-01's update reworded, HC-03's revisit removed
    lines = sorted(p["line"] for p in rewritten)
    hc01 = _line_of(repo, "id: 2026-09-HC-01")
    hc03 = _line_of(repo, "id: 2026-09-HC-03")
    assert hc01 < lines[0] < hc03 < lines[1] < _line_of(repo, "id: 2026-09-HC-04")


def test_since_limits_the_commits_looked_at(repo: Path) -> None:
    after_backdating = _git(repo, "rev-parse", "HEAD~1")
    _, problems = _problems(repo, "--since", after_backdating)
    assert sorted(p["code"] for p in problems) == [
        "backdated-record",
        *["rewritten-record"] * 2,
    ]
    _, problems = _problems(repo, "--since", "filed")
    assert len(problems) == 4
    _, problems = _problems(repo, "--since", "HEAD")
    assert problems == []


def test_a_clean_history_gives_nothing(tmp_path: Path) -> None:
    root = filed(tmp_path / "repo")
    # an update added on time: records only grew
    _edit(
        root,
        "note: 2户主体工程已完工，正在进行屋面和水电施工。}",
        "note: 2户主体工程已完工，正在进行屋面和水电施工。}\n"
        "        - {date: 2026-11-20, note: 第1户已入住。}",
    )
    _commit(root, "进展", "2026-11-20T18:00:00+08:00")
    code, problems = _problems(root)
    assert (code, problems) == (0, [])


def test_a_policy_makes_them_errors_and_text_shows_file_and_line(repo: Path) -> None:
    path = repo / "inspect.yaml"
    text = path.read_text(encoding="utf-8")
    rules = "  overrides: {rectification: {history_errors: true, backdating_days: 60}}\n"
    path.write_text(text.replace("  preset: heyuan ", rules + "  preset: heyuan "), "utf-8")
    code, out, _ = invoke("validate", str(repo), "--history")
    assert code == 1
    lines = (repo / HECHENG).read_text(encoding="utf-8").splitlines()
    start = _line_of(repo, "id: 2026-09-HC-01")
    rectification = start + lines[start:].index("    rectification:") + 1
    # at the first line of its rectification record, as validate points at a mapping
    assert f"{HECHENG}:{rectification + 1}:7: error rewritten-record" in out
    assert "backdated-record" not in out  # 60 working days allowed


@pytest.mark.parametrize("form", ["sarif", "github"])
def test_other_formats_carry_them(repo: Path, form: str) -> None:
    code, out, _ = invoke("validate", str(repo), "--history", "--format", form)
    assert code == 0 and "backdated-record" in out and "rewritten-record" in out


def test_outside_git_is_a_clear_error(tmp_path: Path) -> None:
    root = repo_with(tmp_path / "plain")
    code, _, err = invoke("validate", str(root), "--history")
    assert code == 1 and "git" in err and "Traceback" not in err


def test_unknown_revision_and_since_alone(repo: Path) -> None:
    code, _, err = invoke("validate", str(repo), "--history", "--since", "no-such-tag")
    assert code == 1 and "no-such-tag" in err
    code, _, err = invoke("validate", str(repo), "--since", "HEAD")
    assert code == 2 and "--history" in err


def test_a_moved_finding_is_not_rewritten(repo: Path) -> None:
    """A finding carried to another file with its records keeps them."""
    source = repo / HECHENG
    target = repo / "findings" / "2026-09-g1-hecheng-copy.yaml"
    shutil.move(source, target)
    _commit(repo, "改名", "2026-12-03T10:00:00+08:00")
    _, problems = _problems(repo, "--since", "HEAD~1")
    assert problems == []


def test_a_broken_version_in_between_rewrites_nothing(repo: Path) -> None:
    """A commit that left the file unreadable is judged at the next good version."""
    path = repo / HECHENG
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("findings:\n", "findings: [\n", 1), encoding="utf-8")
    _commit(repo, "误提交", "2026-12-03T10:00:00+08:00")
    path.write_text(good, encoding="utf-8")
    _commit(repo, "恢复", "2026-12-03T11:00:00+08:00")
    _, problems = _problems(repo, "--since", "HEAD~2")
    assert problems == []


def test_a_deleted_findings_file_removes_its_records(repo: Path) -> None:
    (repo / "findings" / "2026-09-g1-yunxi.yaml").unlink()
    _commit(repo, "删除", "2026-12-03T10:00:00+08:00")
    _, problems = _problems(repo, "--since", "HEAD~1")
    assert problems and {p["code"] for p in problems} == {"rewritten-record"}
    assert all(p["path"].endswith("2026-09-g1-yunxi.yaml") for p in problems)
