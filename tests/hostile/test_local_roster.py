"""A roster kept outside the repository is named from the machine, never from a committed
file: INSPECT_ROSTER, or an untracked inspect.local.yaml."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from .corpus import build_pristine, copy_of, invoke


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_pristine(tmp_path_factory.mktemp("pristine") / "repo")


def _outside(pristine: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The repository with its roster moved out of it, and where the roster went."""
    repo = copy_of(pristine, tmp_path / "repo")
    private = tmp_path / "private" / "households.csv"
    private.parent.mkdir()
    shutil.move(repo / "roster.csv", private)
    return repo, private


def test_the_environment_names_a_roster_outside(
    pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, private = _outside(pristine, tmp_path)
    code, output = invoke(["validate", str(repo), "--no-cache"])
    assert code == 1 and "no-roster" in output, output
    monkeypatch.setenv("INSPECT_ROSTER", str(private))
    code, output = invoke(["validate", str(repo), "--no-cache"])
    assert code == 0, output
    code, output = invoke(["sample", str(repo / "plans/r2.yaml"), "--seed", "s", "--dry-run"])
    assert code == 0, output


def test_an_untracked_local_settings_file_names_a_roster_outside(
    pristine: Path, tmp_path: Path
) -> None:
    repo, private = _outside(pristine, tmp_path)
    (repo / "inspect.local.yaml").write_text(f"roster: {private}\n", encoding="utf-8")
    code, output = invoke(["validate", str(repo), "--no-cache"])
    assert code == 0, output  # and it is not taken for a case file
    code, output = invoke(["deadline", str(repo), "--as-of", "2026-09-15", "--fail-on", "never"])
    assert code == 0, output


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_committed_local_settings_file_is_refused(pristine: Path, tmp_path: Path) -> None:
    repo, private = _outside(pristine, tmp_path)
    (repo / "inspect.local.yaml").write_text(f"roster: {private}\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(["git", "-C", str(repo), "add", "inspect.local.yaml"], check=True)
    code, output = invoke(["validate", str(repo), "--no-cache"])
    assert code == 1, output
    assert "inspect.local.yaml:0:0: error local-settings-tracked " in output, output


def test_the_committed_settings_cannot_name_a_roster_outside(
    pristine: Path, tmp_path: Path
) -> None:
    repo, private = _outside(pristine, tmp_path)
    settings = repo / "inspect.yaml"
    text = settings.read_text(encoding="utf-8").replace("roster.csv", str(private))
    settings.write_text(text, encoding="utf-8")
    code, output = invoke(["validate", str(repo), "--no-cache"])
    assert code == 1, output
    assert "inspect.yaml:8:9: error outside-repository " in output, output
    assert "INSPECT_ROSTER" in output
