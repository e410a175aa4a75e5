"""Paths printed for people use the platform's separator; machine formats keep ``/``."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from inspectcli.cli.root import app
from inspectcli.output import problems
from inspectcli.problems import Problem, Severity

from .validate.helpers import TESTDATA, make_repo

runner = CliRunner()
MACHINE_FORMATS = ("json", "github", "sarif", "gitlab", "junit")


@pytest.fixture
def windows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with a problem, validated from its parent folder as on Windows."""
    make_repo(TESTDATA / "negative" / "code-as-number", tmp_path / "repo")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(problems, "SEPARATOR", "\\")
    return tmp_path / "repo"


@pytest.mark.parametrize("output_format", ["text", "parsable"])
def test_people_see_backslashes_on_windows(windows: Path, output_format: str) -> None:
    result = runner.invoke(app, ["validate", "repo", "--format", output_format])
    assert result.exit_code == 1
    assert "repo\\findings\\r1.yaml:13:14:" in result.stdout
    assert "repo/findings" not in result.stdout


@pytest.mark.parametrize("output_format", MACHINE_FORMATS)
def test_machine_formats_keep_slashes(windows: Path, output_format: str) -> None:
    result = runner.invoke(app, ["validate", "repo", "--format", output_format])
    assert result.exit_code == 1
    assert "repo/findings/r1.yaml" in result.stdout
    assert "\\findings" not in result.stdout
    if output_format == "json":
        assert json.loads(result.stdout)["problems"][0]["path"] == "repo/findings/r1.yaml"


def test_this_platform_writes_its_own_separator() -> None:
    problem = Problem("repo/findings/r1.yaml", 3, 5, Severity.ERROR, "wrong-type", "text")
    assert problems.parsable(problem).startswith(os.path.join("repo", "findings", "r1.yaml:3:5:"))
