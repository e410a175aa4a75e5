"""Every machine format of `inspect validate` passes its validator: JUnit XML against a
JUnit schema, GitLab's Code Quality report against its schema; paths from the current
folder, as CI runs the command at the top of a checkout holding the case repository."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from lxml import etree
from typer.testing import CliRunner

from inspectcli.cli.root import app

from ..validate.helpers import TESTDATA, make_repo

HERE = Path(__file__).parent / "testdata"
NEGATIVE = TESTDATA / "negative"

runner = CliRunner()


def junit_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(HERE / "junit.xsd")))


def validate_from_parent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str | None, output_format: str
) -> tuple[int, str]:
    """``inspect validate repo --format …`` run in the folder that holds the repository."""
    make_repo(NEGATIVE / case if case else None, tmp_path / "repo")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate", "repo", "--format", output_format, "--no-cache"])
    return result.exit_code, result.stdout


def junit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str | None) -> etree._Element:
    code, out = validate_from_parent(tmp_path, monkeypatch, case, "junit")
    assert code in (0, 1), out
    document = etree.fromstring(out.encode())
    junit_schema().assertValid(document)
    return document


def counted(suite: etree._Element) -> dict[str, int]:
    cases = suite.findall("testcase")
    return {
        "tests": len(cases),
        "failures": sum(1 for c in cases if c.find("failure") is not None),
        "errors": sum(1 for c in cases if c.find("error") is not None),
    }


@pytest.mark.parametrize("case", [None, "duplicate-ids", "content-outside-plan", "unknown-key"])
def test_junit_lists_every_file_checked_and_its_counts_agree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str | None
) -> None:
    suite = junit(tmp_path, monkeypatch, case)
    files = [*Path("repo").rglob("*.yaml"), Path("repo/roster.csv")]  # from the parent folder
    assert len(files) >= 4
    assert {c.get("name") for c in suite.findall("testcase")} == {f.as_posix() for f in files}
    assert {k: int(suite.get(k) or -1) for k in ("tests", "failures", "errors")} == counted(suite)


def test_junit_fails_the_file_with_errors_and_passes_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    suite = junit(tmp_path, monkeypatch, "unknown-key")
    failing = {c.get("name") for c in suite.findall("testcase") if c.find("failure") is not None}
    assert failing == {"repo/findings/r1.yaml"}
    failure = suite.find("testcase/failure")
    assert failure is not None and failure.get("type") == "missing-field"
    assert "repo/findings/r1.yaml:12:5: error missing-field" in (failure.text or "")


def test_junit_shows_a_warning_without_failing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    suite = junit(tmp_path, monkeypatch, "content-outside-plan")
    assert suite.get("failures") == "0"
    outputs = [c.findtext("system-out") or "" for c in suite.findall("testcase")]
    assert any("content-outside-plan" in text for text in outputs)


def test_junit_schema_refuses_what_ci_tools_cannot_count() -> None:
    schema = junit_schema()
    uncounted = b'<testsuite name="x"><testcase name="a" classname="b"/></testsuite>'
    assert not schema.validate(etree.fromstring(uncounted))
    twice = (
        b'<testsuite name="x" tests="1" failures="1" errors="0"><testcase name="a" classname="b">'
        b"<failure/><error/></testcase></testsuite>"
    )
    assert not schema.validate(etree.fromstring(twice))


def gitlab_schema() -> dict[str, object]:
    text = (HERE / "gitlab-codequality.schema.json").read_text(encoding="utf-8")
    schema: dict[str, object] = json.loads(text)
    jsonschema.Draft7Validator.check_schema(schema)
    return schema


@pytest.mark.parametrize("case", ["unknown-key", "content-outside-plan", "duplicate-ids"])
def test_gitlab_report_is_valid_with_paths_from_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    code, out = validate_from_parent(tmp_path, monkeypatch, case, "gitlab")
    assert code == (0 if case == "content-outside-plan" else 1), out
    issues = json.loads(out)
    jsonschema.Draft7Validator(gitlab_schema()).validate(issues)
    assert issues and all(i["location"]["path"].startswith("repo/") for i in issues)
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_gitlab_schema_refuses_an_unknown_severity() -> None:
    issue = {
        "description": "d",
        "check_name": "c",
        "fingerprint": "f",
        "severity": "error",
        "location": {"path": "a.yaml", "lines": {"begin": 1}},
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([issue], gitlab_schema())
