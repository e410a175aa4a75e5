"""`inspect finding …` end to end with CliRunner, on a private copy of the examples."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from inspectcli.cli.root import app
from inspectcli.pipeline.validate import validate_root

from .helpers import copy_examples

runner = CliRunner()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_examples(tmp_path / "repo")


def _invoke(repo: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["finding", *args, "--repo", str(repo)])


def test_open_to_verified_by_hand_leaves_a_clean_repository(repo: Path) -> None:
    steps = [
        (
            "update",
            "2026-09-HC-06",
            "--status",
            "rectifying",
            "--note",
            "已入户",
            "--date",
            "2026-11-21",
        ),
        (
            "extend",
            "2026-09-HC-06",
            "--to",
            "2026-12-20",
            "--reason",
            "待返乡",
            "--date",
            "2026-11-22",
        ),
        ("approve-extension", "2026-09-HC-06", "--date", "2026-11-23"),
        (
            "update",
            "2026-09-HC-06",
            "--status",
            "rectified",
            "--note",
            "已落实",
            "--evidence",
            "帮扶计划",
            "--evidence",
            "补贴凭证",
            "--date",
            "2026-12-01",
        ),
        ("verify", "2026-09-HC-06", "--by", "第一督查组 庞立新", "--date", "2026-12-10"),
    ]
    for step in steps:
        result = _invoke(repo, *step)
        assert result.exit_code == 0, result.output
        assert "2026-09-HC-06 in findings/2026-09-g1-hecheng.yaml" in result.output
    assert "rectified → verified" in result.output
    assert validate_root(repo, cache_dir=None, jobs=1).problems == []


def test_a_status_a_command_keeps_is_not_said_as_a_change(repo: Path) -> None:
    """An extension requested (or a note) leaves the status: "open → open" said nothing."""
    extend = ["extend", "2026-09-HC-06", "--to", "2026-12-20", "--reason", "待返乡"]
    result = _invoke(repo, *extend, "--date", "2026-11-22")
    assert result.exit_code == 0, result.output
    assert "2026-09-HC-06 in findings/2026-09-g1-hecheng.yaml: still open;" in result.output
    assert "→" not in result.output
    start = ["update", "2026-09-HC-06", "--status", "rectifying", "--note", "已入户"]
    assert _invoke(repo, *start, "--date", "2026-11-23").exit_code == 0
    note = ["update", "2026-09-HC-06", "--note", "已核对收入", "--date", "2026-11-24"]
    result = runner.invoke(app, ["--lang", "zh", "finding", *note, "--repo", str(repo)])
    assert result.exit_code == 0, result.output
    assert "状态仍为整改中" in result.output and "→" not in result.output


def test_refusal_exits_1_with_the_reason(repo: Path) -> None:
    result = _invoke(repo, "verify", "2026-09-HC-06", "--by", "乙", "--date", "2026-12-01")
    assert result.exit_code == 1
    assert "only a rectified finding is verified" in result.output
    result = _invoke(repo, "approve-extension", "2026-09-HC-06")
    assert result.exit_code == 1 and "no extension request" in result.output


def test_would_be_invalid_names_file_line_and_rule(repo: Path) -> None:
    result = _invoke(
        repo,
        "extend",
        "2026-10-SL-01",
        "--to",
        "2026-11-01",
        "--reason",
        "x",
        "--date",
        "2026-11-20",
    )
    assert result.exit_code == 1
    assert "nothing was written" in result.output
    assert "findings/2026-10-g2-shiling.yaml:" in result.output
    assert "extension-not-later" in result.output


def test_unknown_finding_suggests(repo: Path) -> None:
    result = _invoke(repo, "verify", "2026-09-HC-6", "--by", "乙")
    assert result.exit_code == 1 and "did you mean `2026-09-HC-06`" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ("update", "2026-09-HC-06", "--status", "done", "--note", "x"),
        (
            "update",
            "2026-09-HC-06",
            "--status",
            "rectifying",
            "--note",
            "x",
            "--date",
            "2026-13-01",
        ),
        ("verify", "2026-09-HC-02", "--by", "乙", "--result", "ok"),
    ],
)
def test_usage_errors_exit_2(repo: Path, args: tuple[str, ...]) -> None:
    assert _invoke(repo, *args).exit_code == 2


def test_dry_run_prints_the_diff_and_writes_nothing(repo: Path) -> None:
    path = repo / "findings" / "2026-09-g1-hecheng.yaml"
    before = path.read_bytes()
    result = _invoke(
        repo, "verify", "2026-09-HC-02", "--by", "乙", "--date", "2026-11-20", "--dry-run"
    )
    assert result.exit_code == 0
    assert "+      verification: {date: 2026-11-20, by: 乙, result: passed}" in result.output
    assert "-      status: rectified" in result.output and "dry run" in result.output
    assert path.read_bytes() == before


def test_git_diff_shows_only_the_changed_lines(repo: Path) -> None:
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-C", str(repo)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "start"], check=True)
    _invoke(repo, "verify", "2026-09-HC-05", "--by", "乙", "--date", "2026-11-20")
    stat = subprocess.run([*git, "diff", "--numstat"], check=True, capture_output=True, text=True)
    assert stat.stdout.split() == ["2", "1", "findings/2026-09-g1-hecheng.yaml"]


def test_list_filters_and_json(repo: Path) -> None:
    arguments = ["finding", "list", "--repo", str(repo), "--overdue", "--as-of", "2026-11-25"]
    result = runner.invoke(app, [*arguments, "-f", "json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)["findings"]
    assert found and all(item["overdue"] for item in found)
    assert "2026-09-HC-06" in {item["id"] for item in found}
    assert "2026-09-HC-07" not in {item["id"] for item in found}  # extended to 2026-11-30
    result = runner.invoke(
        app,
        [
            "finding",
            "list",
            "--repo",
            str(repo),
            "--county",
            "禾城区",
            "--status",
            "rectifying",
            "--as-of",
            "2026-11-25",
            "-f",
            "json",
        ],
    )
    items = json.loads(result.output)["findings"]
    assert [(i["id"], i["deadline"], i["extended"]) for i in items] == [
        ("2026-09-HC-07", "2026-11-30", True)
    ]


def test_list_table(repo: Path) -> None:
    arguments = ["finding", "list", "--repo", str(repo), "--unit", "医疗保障局"]
    result = runner.invoke(app, [*arguments, "--as-of", "2026-11-25"])
    assert result.exit_code == 0
    assert "2026-09-HC-05" in result.output and "2026-09-YX-02" in result.output
    assert "3 finding(s): 1 open, 0 rectifying, 1 rectified, 1 verified; 0 overdue" in result.output
