"""A copy of the example repository with one of this folder's real-case fixtures laid in."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from docx import Document
from typer.testing import CliRunner

from inspectcli.cli.root import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TESTDATA = Path(__file__).parent / "testdata"
runner = CliRunner()


def repo_with(target: Path, *fixtures: str) -> Path:
    """The example repository in ``target`` with ``fixtures`` (files of testdata) added
    under ``findings/``."""
    shutil.copytree(EXAMPLES, target, ignore=shutil.ignore_patterns("tools"))
    for name in fixtures:
        source = TESTDATA / name
        if source.is_dir():  # a set of files laid over the repository
            shutil.copytree(source, target, dirs_exist_ok=True)
        else:
            shutil.copyfile(source, target / "findings" / name)
    return target


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def as_json(*args: str) -> dict:  # type: ignore[type-arg]
    code, out, err = invoke(*args, "--format", "json")
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


def docx_text(path: Path) -> str:
    document = Document(str(path))
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    # The word joiners that keep names and dates whole (render.tables) are not text.
    return "\n".join([p.text for p in document.paragraphs] + cells).replace("\u2060", "")
