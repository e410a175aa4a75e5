"""Every table fits the terminal and keeps what the officer needs whole, at 80 columns too."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from inspectcli.cli.root import app
from inspectcli.output.tables import share
from tests.conftest import REPO

runner = CliRunner()
EXAMPLES = str(REPO / "examples")
CUT = re.compile(r"…\s*[│┃]")  # rich's mark of a cell it cut


def test_share_narrows_the_widest_first_and_keeps_floors() -> None:
    assert share([10, 40, 30], [10, 4, 4], 50) == [10, 20, 20]
    assert share([10, 40, 6], [10, 4, 4], 50) == [10, 34, 6]
    assert share([10, 40, 30], [10, 4, 30], 50) == [10, 10, 30]
    assert sum(share([13, 22, 20, 21, 38], [13, 4, 10, 10, 4], 61)) == 61


def _run(width: int, *arguments: str) -> str:
    result = runner.invoke(app, list(arguments), env={"COLUMNS": str(width)})
    assert result.exit_code in (0, 1), result.output
    for line in result.stdout.splitlines():
        assert cell_len(line) <= width, line
    assert not CUT.search(result.stdout), result.stdout
    return result.stdout


@pytest.mark.parametrize("language", ["en", "zh"])
def test_finding_list(language: str) -> None:
    arguments = ["--lang", language, "finding", "list", "--repo", EXAMPLES, "--as-of", "2026-11-21"]
    out = _run(80, *arguments)
    assert "2026-09-HC-06" in out and "2026-10-19" in out
    late = "late" if language == "en" else "个工作日"
    assert late in out  # the state column, last, was cut to "overdu…"


@pytest.mark.parametrize("language", ["en", "zh"])
def test_report_ledger_keeps_its_last_column_and_ids(language: str) -> None:
    arguments = ["--lang", language, "report", EXAMPLES, "--period", "2026-09"]
    out = _run(80, *arguments, "--as-of", "2026-12-01")
    assert "2026-09-YX-01" in out  # not folded into 2026-0 / 9-YX-0 / 1
    last = ("Overdu",) if language == "en" else ("是否", "逾期")
    assert all(word in out for word in last)  # the last column was cropped off
    assert "xlsx" in out  # and the note below the table with it


def test_sample_keeps_phone_numbers_whole() -> None:
    plan = f"{EXAMPLES}/plans/2026-09-g1.yaml"
    out = _run(80, "sample", plan, "--dry-run", "--seed", "test")
    assert "household " in out  # the first column was one cell short: "househo…"
    assert re.search(r"100\*{4}\d{4}", out)  # the last column lost its last digit


@pytest.mark.parametrize("width", [110, 120])
def test_deadline_table_keeps_file_positions_whole(width: int) -> None:
    arguments = ["deadline", EXAMPLES, "--as-of", "2026-11-21"]
    out = _run(width, *arguments)
    assert "findings/2026-09-g1-hecheng.yaml:108" in out


@pytest.mark.parametrize("language", ["en", "zh"])
def test_deadline_list_on_a_narrow_terminal_keeps_its_indentation(language: str) -> None:
    arguments = ["--lang", language, "deadline", EXAMPLES, "--as-of", "2026-11-21"]
    lines = _run(80, *arguments).splitlines()
    summary = next(i for i, line in enumerate(lines) if re.match(r"\d+ deadline|时限共", line))
    body = [line for line in lines[1:summary] if not re.match(r"\d{4}-\d{2}-\d{2}", line)]
    assert body and all(line.startswith("    ") for line in body), body
    assert "    (findings/2026-09-g1-hecheng.yaml:108)" in lines
    state = "done, on 2026-09-18" if language == "en" else "已完成，于 2026-09-18"
    assert any(state in line for line in lines)
