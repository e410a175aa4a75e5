"""The README's examples with output (`$ inspect …` and the lines below it) print that output."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from inspectcli.cli.root import app
from tests.conftest import REPO

runner = CliRunner()
README = (REPO / "README.md").read_text(encoding="utf-8")
ELIDED = "..."  # the README shows the output only down to here


def _examples() -> list[tuple[str, list[str]]]:
    """Each command of a ```sh block that shows output, with the lines it shows."""
    found = []
    for block in re.findall(r"```sh\n(.*?)```", README, re.DOTALL):
        for command, output in re.findall(r"^\$ (inspect .*)\n((?:(?!\$ ).*\n)*)", block, re.M):
            lines = output.splitlines()
            if ELIDED in lines:
                lines = lines[: lines.index(ELIDED)]
            if lines:
                found.append((command, lines))
    return found


EXAMPLES = _examples()


def test_the_readme_shows_outputs_to_check() -> None:
    assert {command.split()[1] for command, _ in EXAMPLES} >= {"init", "deadline", "render-report"}


NAMES = [" ".join(command.split()[:3]) for command, _ in EXAMPLES]


@pytest.mark.parametrize(("command", "expected"), EXAMPLES, ids=NAMES)
def test_readme_example_prints_what_the_readme_shows(
    command: str, expected: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    arguments = shlex.split(command)[1:]
    # A command that names the folder runs beside it; the others inside the repository.
    monkeypatch.chdir(tmp_path if "examples" in arguments else tmp_path / "examples")
    result = runner.invoke(app, arguments, env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[: len(expected)] == expected
