"""One run of `inspect validate` reports every mistake of a file: a fault of one value, a
schema error and a cross-file error do not hide one another."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from inspectcli.cli.root import app

from ..tracking.helpers import copy_examples

FINDINGS = "findings/2026-09-g1-hecheng.yaml"
# Each mistake: the text replaced in the example file, its replacement, and the code it gives.
MISTAKES = [
    (
        '    content: "0302"\n    location: {county: 禾城区, town: 白沙镇, village: 长岗村,',
        '    content: "9999"\n    location: {county: 禾城区, town: 白沙镇, village: 长岗村,',
    ),
    ("{date: 2026-09-25, status: rectifying,", "{date: 2026-02-30, status: rectifying,"),
    (
        "village: 长岗村}\n    description: 第一书记未按要求驻村。",
        "village: 长岗村, household: QH-HC-0101-001}\n    description: 第一书记未按要求驻村。",
    ),
    (
        "    severity: serious\n    measures: 对第一书记",
        "    severity: 极严重\n    measures: 对第一书记",
    ),
    ("  - id: 2026-09-HC-03\n", "  - id: 2026-09-HC-01\n"),
]
EXPECTED = {
    # code, line, field: positions in the example file as edited
    ("unknown-content-code", 15, "findings[0].content"),
    ("bad-date", 29, ""),
    ("unknown-location", 35, "findings[1].location.household"),
    ("invalid-choice", 39, "findings[1].severity"),
    ("duplicate-id", 51, "findings[2].id"),
}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = copy_examples(tmp_path / "examples")
    path = root / FINDINGS
    text = path.read_text(encoding="utf-8")
    for old, new in MISTAKES:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return root


def _problems(repo: Path, *language: str) -> list[dict[str, Any]]:
    arguments = [*language, "validate", str(repo), "--no-cache", "--format", "json"]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 1, result.output
    problems: list[dict[str, Any]] = json.loads(result.stdout)["problems"]
    return problems


def test_five_mistakes_in_one_file_are_reported_in_one_run(repo: Path) -> None:
    problems = _problems(repo)
    found = {(p["code"], p["line"], p["field"]) for p in problems}
    assert found == EXPECTED
    assert len(problems) == len(EXPECTED), "no problem is reported twice"
    assert all(p["path"].endswith(FINDINGS) for p in problems)
    duplicate = next(p for p in problems if p["code"] == "duplicate-id")
    assert f"{FINDINGS}:14" in duplicate["message"], "the first use, by file and line"


def test_in_chinese_each_message_is_chinese_and_says_what_to_do(repo: Path) -> None:
    problems = _problems(repo, "--lang", "zh")
    assert {(p["code"], p["line"], p["field"]) for p in problems} == EXPECTED
    for problem in problems:
        message = problem["message"]
        # Quoted values, commands and file names stay as written.
        prose = re.sub(r"`[^`]*`|[\w/.-]+\.yaml(:\d+)?", "", message)
        assert re.search(r"[\u4e00-\u9fff]", prose), message
        assert not re.search(r"\b[a-z]{2,}\b", prose), f"English left in: {message}"
        assert "；" in message, f"no second clause that says what to do: {message}"


def test_a_wrong_reference_field_is_reported_once_and_its_siblings_still_checked(
    tmp_path: Path,
) -> None:
    root = copy_examples(tmp_path / "examples")
    path = root / FINDINGS
    text = path.read_text(encoding="utf-8")
    # The first finding's content is a number (a schema error); the second names a household
    # of another village: its place is still checked, the first's content is not re-reported.
    text = text.replace('    content: "0302"\n', "    content: 302\n", 1)
    text = text.replace(MISTAKES[2][0], MISTAKES[2][1], 1)
    path.write_text(text, encoding="utf-8")
    problems = _problems(root)
    assert [(p["code"], p["field"]) for p in problems] == [
        ("wrong-type", "findings[0].content"),
        ("unknown-location", "findings[1].location.household"),
    ]


def test_a_wrong_deadline_does_not_hide_where_the_finding_is(tmp_path: Path) -> None:
    """An impossible deadline and a household of another village in the same finding: both
    in one run (the place was checked only once the date was mended)."""
    root = copy_examples(tmp_path / "examples")
    path = root / FINDINGS
    text = path.read_text(encoding="utf-8")
    text = text.replace(MISTAKES[2][0], MISTAKES[2][1], 1)
    second = text.index("  - id: 2026-09-HC-02")
    deadline = text.index("    deadline: 2026-10-19", second)
    text = text[:deadline] + text[deadline:].replace("2026-10-19", "2026-10-32", 1)
    path.write_text(text, encoding="utf-8")
    problems = _problems(root)
    assert sorted(p["code"] for p in problems) == ["bad-date", "unknown-location"]
