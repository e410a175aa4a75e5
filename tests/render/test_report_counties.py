"""`inspect render-report` for a round in which a sampled county has no findings file: that is
not "no problems found" (此次巡查未发现问题). The county is named in a warning, and the report
says nothing of its problems, its row of figures dashes rather than zeros."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from inspectcli.cli.root import app

from .layout import table_texts, text_of

runner = CliRunner()
PLAN = "plans/2026-10-g2.yaml"  # counties: [石岭县, 梅川县]
MEICHUAN = "findings/2026-10-g2-meichuan.yaml"
SHILING = "findings/2026-10-g2-shiling.yaml"
EMPTY = "kind: findings\nversion: 1\nplan: 2026-10-g2\ncounty: {county}\nfindings: []\n"


@pytest.fixture
def repo(examples_here: Path) -> Path:
    return examples_here


def _report(language: str) -> tuple[str, str, list[list[str]]]:
    """The warnings, the text and the figures table of the report."""
    out = Path("../out")
    args = ["--lang", language, "render-report", PLAN, "--date", "2026-12-20", "--out", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    (written,) = out.glob("*.docx")
    text, table = text_of(written), table_texts(Document(str(written)), 0)
    written.unlink()
    return result.stderr, text, table


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_county_without_findings_file_is_warned_and_not_reported_clean(
    repo: Path, language: str
) -> None:
    (repo / MEICHUAN).unlink()
    stderr, text, table = _report(language)
    assert f"{PLAN}:17:" in stderr and "county-without-findings" in stderr
    assert "梅川县" in stderr and "findings: []" in stderr
    assert "梅川县尚无问题清单，本报告未反映其发现问题情况。" in text
    assert "未发现问题" not in text
    rows = {row[0]: row[1:] for row in table}
    assert set(rows["梅川县"]) == {"—"} and rows["石岭县"][0] != "—"


def test_no_findings_file_at_all_never_reads_no_problems(repo: Path) -> None:
    (repo / MEICHUAN).unlink()
    (repo / SHILING).unlink()
    stderr, text, _ = _report("zh")
    assert stderr.count("county-without-findings") == 2
    assert "未发现问题" not in text and "石岭县、梅川县尚无问题清单" in text
    assert "本报告未反映石岭县、梅川县的整改情况。" in text


def test_an_empty_findings_file_says_nothing_was_found_there(repo: Path) -> None:
    (repo / MEICHUAN).write_text(EMPTY.format(county="梅川县"), encoding="utf-8")
    (repo / SHILING).write_text(EMPTY.format(county="石岭县"), encoding="utf-8")
    stderr, text, _ = _report("zh")
    assert "county-without-findings" not in stderr
    assert "此次巡查未发现问题。" in text and "尚无问题清单" not in text
