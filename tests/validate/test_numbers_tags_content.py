"""`inspect validate` end to end on three rules: a tagged finding names its household
(Suzhou art. 39), a document number is given once (GB/T 9704 7.2.4), a finding's content
lies within its round's plan (a warning); and the cache never answers for a cross-file rule
with what an unchanged file said alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from inspectcli.cli.root import app

from .helpers import make_repo

runner = CliRunner()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The valid base repository, as the current folder (paths print relative)."""
    root = make_repo(None, tmp_path / "repo")
    monkeypatch.chdir(root)
    return root


def _validate(repo: Path, *extra: str) -> tuple[int, list[str]]:
    result = runner.invoke(app, ["validate", str(repo), "--format", "parsable", *extra])
    assert "Traceback" not in result.output
    return result.exit_code, result.output.strip().splitlines()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _second_list(repo: Path, number: str) -> Path:
    """A second problem list of round R1 with its own letter number."""
    path = repo / "findings" / "r2.yaml"
    path.write_text(
        "kind: findings\nversion: 1\nplan: R1\ncounty: 云岗县\n"
        f"letter: {{number: {number}, date: 2026-09-14}}\n"
        "findings:\n"
        "  - id: R1-10\n"
        '    content: "0302"\n'
        "    location: {county: 云岗县, town: 石桥镇, village: 柳塘村, household: YG-04}\n"
        "    description: 住房安全未落实\n"
        "    responsible: {unit: 石桥镇人民政府}\n"
        "    measures: 完成危房改造\n"
        "    deadline: 2026-10-30\n",
        encoding="utf-8",
    )
    return path


def test_a_tagged_finding_without_household_is_an_error_at_its_tags_key(repo: Path) -> None:
    findings = repo / "findings" / "r1.yaml"
    with findings.open("a", encoding="utf-8") as handle:  # R1-02, the last finding
        handle.write("    tags: [mis-identification]\n")
    code, lines = _validate(repo)
    assert code == 1
    assert lines[0].startswith("findings/r1.yaml:35:5: error tag-without-household finding R1-02")
    _edit(findings, "town: 石桥镇}", "town: 石桥镇, village: 青石村, household: YG-02}")
    assert _validate(repo)[0] == 0


def test_content_outside_the_plan_warns_and_exits_0(repo: Path) -> None:
    findings = repo / "findings" / "r1.yaml"
    _edit(findings, 'content: "08"', 'content: "0301"')
    code, lines = _validate(repo)
    assert code == 0
    assert lines[0].startswith("findings/r1.yaml:29:14: warning content-outside-plan")
    assert "`0301`" in lines[0] and "`R1` (02, 0302, 08)" in lines[0]
    assert lines[-1].endswith("0 error(s), 1 warning(s)")
    _edit(findings, 'content: "0301"', 'content: "0201"')  # an item of the planned 02
    assert _validate(repo) == (0, ["4 file(s) checked, no problems"])


def test_a_reused_number_is_found_with_a_warm_cache(repo: Path, tmp_path: Path) -> None:
    """r1.yaml is unchanged and served from the cache of its file; the clash with the
    changed r2.yaml is still found, and is gone once r2.yaml takes another number."""
    cache = ("--cache-dir", str(tmp_path / "cache"))
    second = _second_list(repo, "岚乡振〔2026〕4号")
    assert _validate(repo, *cache)[0] == 0
    assert _validate(repo, *cache)[0] == 0  # warm
    _edit(second, "〔2026〕4号", "〔2026〕第03号")  # r1.yaml's number, written otherwise
    code, lines = _validate(repo, *cache)
    assert code == 1
    assert lines[0].startswith("findings/r2.yaml:5:18: error issued-number-reused")
    assert "(findings/r1.yaml:7)" in lines[0]
    _edit(second, "第03号", "4号")
    assert _validate(repo, *cache)[0] == 0


def test_a_registered_number_that_a_letter_has_is_reported_at_the_register(
    repo: Path, tmp_path: Path
) -> None:
    cache = ("--cache-dir", str(tmp_path / "cache"))
    assert _validate(repo, *cache)[0] == 0
    settings = repo / "inspect.yaml"
    with settings.open("a", encoding="utf-8") as handle:
        handle.write("issued:\n  - {number: 岚乡振〔2026〕3号, bulletin: 2026-09}\n")
    code, lines = _validate(repo, *cache)
    assert code == 1
    assert lines[0].startswith("inspect.yaml:10:14: error issued-number-reused")
    assert "(findings/r1.yaml:7)" in lines[0]
