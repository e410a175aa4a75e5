"""Every command's machine output names a file as `inspect validate` does: from the current
folder, so that CI finds it when the case repository is a subfolder of the checkout."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from inspectcli.cli.root import app

EXAMPLES = Path(__file__).parents[2] / "examples"
runner = CliRunner()


@pytest.fixture
def checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A checkout with the case repository in ``cases/``, as the current folder."""
    shutil.copytree(EXAMPLES, tmp_path / "cases")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("INSPECT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


def invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.stdout


def validated_paths() -> set[str]:
    """The files as validate names them (its JUnit output lists every file checked)."""
    out = invoke("validate", "cases", "--format", "junit")
    return {part.split('"', 1)[0] for part in out.split(' name="')[2:]}


def test_the_paths_are_validates(checkout: Path) -> None:
    known = validated_paths()
    assert "cases/plans/2026-11-g3.yaml" in known
    deadlines = json.loads(invoke("deadline", "cases", "--as-of", "2026-12-01", "--format", "json"))
    found = {d["path"] for d in deadlines["deadlines"] if d["path"]}
    findings = json.loads(invoke("finding", "list", "--repo", "cases", "--format", "json"))
    found |= {f["path"] for f in findings["findings"]}
    report = json.loads(invoke("report", "cases", "--period", "2026Q4", "--format", "json"))
    found |= {row["path"] for row in report["ledger"]}
    plan = "cases/plans/2026-11-g3.yaml"
    sample = json.loads(invoke("sample", plan, "--dry-run", "--format", "json"))
    found.add(sample["plan"])
    assert plan in found and any(p.startswith("cases/findings/") for p in found)
    assert found <= known


def test_github_annotations_name_validates_paths(checkout: Path) -> None:
    out = invoke("deadline", "cases", "--as-of", "2026-12-01", "--format", "github")
    files = {
        line.split("file=", 1)[1].split(",", 1)[0] for line in out.splitlines() if "file=" in line
    }
    assert files and files <= validated_paths()


def test_a_cached_report_follows_the_current_folder(
    checkout: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ("report", "cases", "--period", "2026Q4", "--format", "json")
    first = json.loads(invoke(*args))["ledger"][0]["path"]
    monkeypatch.chdir(checkout / "cases")
    inside = json.loads(invoke(*(a if a != "cases" else "." for a in args)))["ledger"][0]["path"]
    assert (first, inside) == ("cases/" + inside, inside)
