"""`inspect validate FOLDER` where FOLDER holds case repositories but is none itself (say /tmp):
each repository found below is checked with its own summary, rather than every YAML file
read as a loose file with a warning of its own (63,480 warnings in /tmp)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from inspectcli.cli.root import app
from inspectcli.cli.validate import MANY_REPOSITORIES
from inspectcli.repo.layout import find_repositories

from .helpers import make_repo

runner = CliRunner()


def _folder_of_repositories(top: Path) -> tuple[Path, Path]:
    """Two repositories side by side (the second broken), and what a walk must skip."""
    good = make_repo(None, top / "yy")
    broken = make_repo(None, top / "work/zz")
    (broken / "plans/bad.yaml").write_text("kind: plan\nversion: 1\n", encoding="utf-8")
    for skipped in ("node_modules/pkg", ".cache/old", "env/lib/data"):
        make_repo(None, top / skipped)
    (top / "env/pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    for number in range(30):  # YAML that is no case file: never one warning each
        (top / f"notes-{number}.yaml").write_text("a: 1\n", encoding="utf-8")
    return good, broken


def test_the_walk_finds_repositories_but_not_inside_one_nor_in_hidden_or_tool_folders(
    tmp_path: Path,
) -> None:
    good, broken = _folder_of_repositories(tmp_path)
    (tmp_path / "env").rename(tmp_path / "venv-py")  # a venv is known by its pyvenv.cfg
    (good / "archive").mkdir()
    (good / "archive/inspect.yaml").write_text("kind: settings\n", encoding="utf-8")
    assert find_repositories(tmp_path) == [broken, good]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_each_repository_below_is_checked_with_its_own_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    _folder_of_repositories(tmp_path / "tmp")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["--lang", language, "validate", "tmp"])
    assert result.exit_code == 1  # one of them has errors
    lines = result.stdout.splitlines()
    headings = [line for line in lines if line.startswith("==")]
    assert len(headings) == 2
    assert "tmp/work/zz" in headings[0] and "tmp/yy" in headings[1]
    assert "no-settings" not in result.stdout and "notes-" not in result.stdout
    assert "tmp/work/zz/plans/bad.yaml" in result.stdout
    assert "node_modules" not in result.output and ".cache" not in result.output
    separator = "、" if language == "zh" else ", "
    assert f"tmp/work/zz{separator}tmp/yy" in result.stderr  # the repositories found, named


def test_a_machine_format_gets_one_document_for_all_of_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _folder_of_repositories(tmp_path / "tmp")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate", "tmp", "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    paths = {problem["path"] for problem in report["problems"]}
    assert paths == {"tmp/work/zz/plans/bad.yaml"}


def test_a_folder_of_loose_yaml_files_gets_one_warning_not_one_per_file(tmp_path: Path) -> None:
    for number in range(30):
        (tmp_path / f"plan-{number}.yaml").write_text("kind: plan\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(tmp_path), "--format", "json"])
    codes = [problem["code"] for problem in json.loads(result.stdout)["problems"]]
    assert codes.count("no-settings") == 1 and "missing-field" in codes


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_folder_of_very_many_repositories_is_refused_naming_a_few(
    tmp_path: Path, language: str
) -> None:
    """A test machine's /tmp held 3,459 of them: not a run anyone asked for."""
    for number in range(MANY_REPOSITORIES + 1):
        (tmp_path / f"r{number:02}").mkdir()
        (tmp_path / f"r{number:02}/inspect.yaml").write_text("kind: settings\n", encoding="utf-8")
    result = runner.invoke(app, ["--lang", language, "validate", str(tmp_path)])
    assert result.exit_code == 2 and result.stdout == ""
    assert str(MANY_REPOSITORIES + 1) in result.stderr and "/r00" in result.stderr
    assert "/r20" not in result.stderr  # a few named, not all
