"""The command line end to end: exit codes, formats, no tracebacks, files left alone."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from typer.testing import CliRunner

from inspectcli import __version__
from inspectcli.cli.root import app

from .validate.helpers import TESTDATA, WARNING_CASES, make_repo

EXAMPLES = Path(__file__).parent.parent / "examples"

runner = CliRunner()
NEGATIVE = TESTDATA / "negative"


def _fingerprint(root: Path) -> dict[str, tuple[str, int]]:
    return {
        str(p): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_clean_repository_exits_0(tmp_path: Path) -> None:
    repo = make_repo(None, tmp_path / "repo")
    result = runner.invoke(app, ["validate", str(repo)])
    assert result.exit_code == 0, result.output
    assert "no problems" in result.output


def test_problems_exit_1_with_file_line_and_column(tmp_path: Path) -> None:
    repo = make_repo(NEGATIVE / "code-as-number", tmp_path / "repo")
    result = runner.invoke(app, ["validate", str(repo), "--format", "parsable"])
    assert result.exit_code == 1
    assert "findings/r1.yaml:13:14: error wrong-type" in result.output


@pytest.mark.parametrize("case", sorted(p.name for p in NEGATIVE.iterdir()))
def test_every_bad_input_exits_1_without_traceback(case: str, tmp_path: Path) -> None:
    repo = make_repo(NEGATIVE / case, tmp_path / "repo")
    result = runner.invoke(app, ["validate", str(repo), "--format", "parsable"])
    assert result.exit_code == (0 if case in WARNING_CASES else 1), result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_validation_never_writes_to_the_repository(tmp_path: Path) -> None:
    repo = make_repo(NEGATIVE / "unknown-references", tmp_path / "repo")
    before = _fingerprint(repo)
    runner.invoke(app, ["validate", str(repo)])
    runner.invoke(app, ["validate", str(repo)])  # the second run is served by the cache
    assert _fingerprint(repo) == before


def test_json_format(tmp_path: Path) -> None:
    repo = make_repo(NEGATIVE / "unknown-key", tmp_path / "repo")
    result = runner.invoke(app, ["validate", str(repo), "--format", "json"])
    document = json.loads(result.output)
    assert document["errors"] == 3
    first = document["problems"][0]
    assert first["path"].endswith("findings/r1.yaml")
    assert (first["line"], first["column"], first["code"]) == (12, 5, "missing-field")
    assert {p["field"] for p in document["problems"]} >= {"findings[0].severty"}


def test_github_format_is_chosen_under_github_actions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    repo = make_repo(NEGATIVE / "end-before-start", tmp_path / "repo")
    result = runner.invoke(app, ["validate", str(repo)])
    assert result.exit_code == 1
    line = result.output.splitlines()[0]
    assert line.startswith("::error file=")
    assert "plans/r1.yaml,line=15,col=6,title=end-before-start::" in line


def test_junit_format(tmp_path: Path) -> None:
    repo = make_repo(NEGATIVE / "duplicate-ids", tmp_path / "repo")
    result = runner.invoke(app, ["validate", str(repo), "--format", "junit"])
    suite = ET.fromstring(result.output.split("?>", 1)[1])
    assert suite.get("failures") == "1"
    failure = suite.find("testcase/failure")
    assert failure is not None and failure.get("type") == "duplicate-id"


def test_sarif_format(tmp_path: Path) -> None:
    repo = make_repo(NEGATIVE / "unknown-key", tmp_path / "repo")
    result = runner.invoke(app, ["validate", str(repo), "--format", "sarif"])
    assert result.exit_code == 1
    document = json.loads(result.output)
    assert document["version"] == "2.1.0"
    run = document["runs"][0]
    rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    first = run["results"][0]
    assert rules[first["ruleIndex"]] == first["ruleId"] == "missing-field"
    assert first["level"] == "error"
    where = first["locations"][0]["physicalLocation"]
    assert where["artifactLocation"]["uri"].startswith("file:///")  # validate was given a path
    assert where["artifactLocation"]["uri"].endswith("/findings/r1.yaml")
    assert where["region"] == {"startLine": 12, "startColumn": 5}
    assert len(run["results"]) == 3


def test_gitlab_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(NEGATIVE / "unknown-key", tmp_path / "repo")
    monkeypatch.chdir(repo)  # as in CI: validate runs at the top of the repository
    result = runner.invoke(app, ["validate", "--format", "gitlab"])
    assert result.exit_code == 1
    issues = json.loads(result.output)
    assert len(issues) == 3
    first = issues[0]
    assert first["check_name"] == "missing-field" and first["severity"] == "major"
    assert first["location"] == {"path": "findings/r1.yaml", "lines": {"begin": 12}}
    # GitLab shows one issue per fingerprint: every problem has its own
    assert len({issue["fingerprint"] for issue in issues}) == 3


def test_gitlab_fingerprints_survive_moved_lines() -> None:
    from inspectcli.output.problems import to_gitlab
    from inspectcli.problems import Problem, Severity

    def problem(line: int) -> Problem:
        return Problem("plans/a.yaml", line, 3, Severity.WARNING, "liaison-missing", "no liaison")

    before = json.loads(to_gitlab([problem(10), problem(20)], 1))
    after = json.loads(to_gitlab([problem(12), problem(22)], 1))
    assert [i["fingerprint"] for i in before] == [i["fingerprint"] for i in after]
    assert before[0]["fingerprint"] != before[1]["fingerprint"]


def test_cached_run_reports_the_same(tmp_path: Path) -> None:
    repo = make_repo(NEGATIVE / "unknown-references", tmp_path / "repo")
    cache = tmp_path / "cache"
    args = ["validate", str(repo), "--format", "json", "--cache-dir", str(cache)]
    first = runner.invoke(app, args).output
    assert any(cache.iterdir())
    assert runner.invoke(app, args).output == first
    # an edit is seen: the cache is keyed by content
    target = repo / "findings" / "r1.yaml"
    target.write_text(
        target.read_text(encoding="utf-8").replace("plan: R9", "plan: R1"), encoding="utf-8"
    )
    third = json.loads(runner.invoke(app, args).output)
    assert "unknown-plan" not in {p["code"] for p in third["problems"]}
    assert third["errors"] == 3


def test_damaged_cache_is_ignored(tmp_path: Path) -> None:
    repo = make_repo(None, tmp_path / "repo")
    cache = tmp_path / "cache"
    runner.invoke(app, ["validate", str(repo), "--cache-dir", str(cache)])
    for file in cache.iterdir():
        file.write_bytes(b"not a pickle")
    result = runner.invoke(app, ["validate", str(repo), "--cache-dir", str(cache)])
    assert result.exit_code == 0


def test_unknown_format_and_missing_path_are_usage_errors(tmp_path: Path) -> None:
    assert runner.invoke(app, ["validate", str(tmp_path), "--format", "xml"]).exit_code == 2
    assert runner.invoke(app, ["validate", str(tmp_path / "nowhere")]).exit_code == 2


NEW_PLAN = ["new-plan", "--group", "g", "--leader", "l", "--counties", "c", "--kind", "patrol"]
NEW_PLAN += ["--start", "2026-12-01", "--end", "2026-12-02"]
BAD_CHOICES = [
    (["validate", "--format", "jsno"], "`jsno` is not allowed for --format (did you mean `json`?)"),
    (["sample", "--format", "csv"], "`csv` is not allowed for --format; one of table, json"),
    (["deadline", "--fail-on", "soon"], "`soon` is not allowed for --fail-on; one of overdue,"),
    (["report", "--by", "town"], "`town` is not allowed for --by; one of county, unit,"),
    (["finding", "list", "--status", "done"], "`done` is not allowed for --status; one of open,"),
    (["policy", "list", "--format", "yaml"], "`yaml` is not allowed for --format; one of table,"),
    (["init", "new", "--ci", "jenkins"], "`jenkins` is not allowed for --ci; one of github,"),
    ([*NEW_PLAN, "--scope", "big"], "`big` is not allowed for --scope; one of comprehensive,"),
]  # fmt: skip


@pytest.mark.parametrize(("arguments", "said"), BAD_CHOICES, ids=[a[0] for a, _ in BAD_CHOICES])
def test_every_command_says_a_bad_choice_the_same_way(
    arguments: list[str], said: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where they said 'unknown format', 'is not one of', 'is not allowed here' and the rest;
    a --scope that new-plan does not take was 'the plan would not be valid: 7:8: …'."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, arguments)
    assert result.exit_code == 2, result.output
    assert said in result.stderr
    assert not any(tmp_path.iterdir())


def test_only_the_requested_paths_are_reported(tmp_path: Path) -> None:
    repo = make_repo(NEGATIVE / "duplicate-ids", tmp_path / "repo")
    (repo / "plans" / "r1.yaml").write_text("kind: plan\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(repo / "findings"), "--format", "json"])
    paths = {p["path"] for p in json.loads(result.output)["problems"]}
    assert paths and all("/findings/" in p for p in paths)


def test_file_outside_a_repository_gets_schema_checks_and_a_warning(tmp_path: Path) -> None:
    loose = tmp_path / "plan.yaml"
    loose.write_text("kind: plan\nversion: 1\nid: X\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(loose), "--format", "json"])
    codes = {p["code"] for p in json.loads(result.output)["problems"]}
    assert "missing-field" in codes and "no-settings" in codes
    assert result.exit_code == 1


def test_an_empty_folder_outside_a_repository_is_not_reported_clean(tmp_path: Path) -> None:
    """Run in the wrong folder, validate said "0 file(s) checked, no problems"."""
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 0
    assert "warning no-settings nothing to check: no inspect.yaml in" in result.stdout
    assert "no problems" not in result.stdout


def test_version_is_answered_without_heavy_imports() -> None:
    code = (
        "import sys; sys.argv=['inspect','--version']; from inspectcli.cli.app import main; main();"
        "assert 'pydantic' not in sys.modules and 'typer' not in sys.modules"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"inspectcli {__version__}"


def test_python_dash_m_runs_the_cli() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "inspectcli", "--help"], capture_output=True, text=True, check=True
    )
    assert "validate" in out.stdout


def test_schema_export(tmp_path: Path) -> None:
    result = runner.invoke(app, ["schema", "--out", str(tmp_path)])
    assert result.exit_code == 0
    findings = json.loads((tmp_path / "findings.schema.json").read_text(encoding="utf-8"))
    assert findings["properties"]["kind"]["const"] == "findings"
    assert findings["additionalProperties"] is False
    finding = findings["$defs"]["Finding"]
    assert "整改时限" in finding["properties"]["deadline"]["description"]
    assert "deadline" in finding["properties"]["deadline"]["description"]
    assert runner.invoke(app, ["schema", "findngs"]).exit_code == 2


def test_schema_out_that_cannot_be_a_folder_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    taken = tmp_path / "schemas"
    taken.write_text("not a folder", encoding="utf-8")
    result = runner.invoke(app, ["schema", "--out", str(taken)])
    assert result.exit_code == 2, result.output
    assert f"--out {taken} is a file; give a folder" in result.stderr
    below = runner.invoke(app, ["schema", "plan", "--out", str(taken / "inner")])
    assert below.exit_code == 1, below.output
    assert f"cannot write {taken / 'inner' / 'plan.schema.json'}: " in below.stderr
    assert taken.read_text(encoding="utf-8") == "not a folder"


def test_an_edit_that_keeps_the_modification_time_is_still_seen(tmp_path: Path) -> None:
    repo = make_repo(None, tmp_path / "repo")
    args = ["validate", str(repo), "--format", "json", "--cache-dir", str(tmp_path / "cache")]
    assert json.loads(runner.invoke(app, args).output)["errors"] == 0
    target = repo / "findings" / "r1.yaml"
    before = target.stat()
    target.write_text(
        target.read_text(encoding="utf-8").replace("plan: R1", "plan: R7"), encoding="utf-8"
    )
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `touch -r` would
    assert json.loads(runner.invoke(app, args).output)["errors"] == 1


def test_a_closed_pipe_stops_quietly(tmp_path: Path) -> None:
    """`inspect … | head` closes the pipe early: no "internal error", no traceback."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line is written
    with os.fdopen(write_end, "wb") as stdout:
        done = subprocess.run(
            [sys.executable, "-m", "inspectcli", "sample", "--counties", "禾城区", "-f", "json"],
            cwd=EXAMPLES,
            stdout=stdout,
            stderr=subprocess.PIPE,
            env=dict(os.environ, PYTHONPATH=str(Path(__file__).parent.parent / "src")),
            check=False,
        )
    assert done.returncode == 1  # as click ends a run whose output pipe closed
    assert done.stderr == b""
