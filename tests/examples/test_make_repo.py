"""The benchmark generator writes a repository that validates clean, the same every time."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from inspectcli.cli.root import app

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from make_repo import generate


def contents(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_small_repository_validates_clean(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    layout = generate(root, 5)
    assert len(list((root / "findings").glob("*.yaml"))) == 5
    assert layout.plans == 1
    result = CliRunner().invoke(app, ["validate", str(root), "--no-cache", "--format", "json"])
    report = json.loads(result.stdout)
    assert report["problems"] == []
    assert result.exit_code == 0


def test_generation_is_deterministic(tmp_path: Path) -> None:
    generate(tmp_path / "a", 3, files_per_plan=2)
    generate(tmp_path / "b", 3, files_per_plan=2)
    assert contents(tmp_path / "a") == contents(tmp_path / "b")


def test_refuses_to_empty_a_foreign_folder(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(SystemExit):
        generate(tmp_path, 1)
    assert (tmp_path / "notes.txt").is_file()
