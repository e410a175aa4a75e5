"""`inspect report` end to end: every format carries the same numbers; errors are clear."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from inspectcli.cli.root import app
from inspectcli.pipeline.repository import RepositoryError, open_repository

from .helpers import report, write_repo

runner = CliRunner()
ARGS = ["--period", "2026Q4", "--as-of", "2026-12-15"]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return write_repo(tmp_path / "repo")


def invoke(*args: str, language: str = "en") -> tuple[int, str, str]:
    result = runner.invoke(app, ["--lang", language, "report", *args])
    return result.exit_code, result.stdout, result.stderr


def zh(*args: str) -> tuple[int, str, str]:
    """The report as a Chinese office reads it: headings and sheets in Chinese."""
    return invoke(*args, language="zh")


def as_json(repo: Path, *extra: str) -> dict:  # type: ignore[type-arg]
    code, out, err = invoke(str(repo), *ARGS, "--format", "json", *extra)
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


def test_json_and_xlsx_carry_the_same_values(repo: Path, tmp_path: Path) -> None:
    data = as_json(repo, "--by", "category")
    out = tmp_path / "q4.xlsx"
    code, _, err = zh(str(repo), *ARGS, "--by", "category", "--format", "xlsx", "--out", str(out))
    assert code == 0, err
    book = load_workbook(out)
    assert book.sheetnames == ["汇总", "台账", "问责", "说明"]
    summary = list(book["汇总"].iter_rows(min_row=2, values_only=True))
    expected = [*data["summary"], {"label": "合计", **data["total"]}]
    assert len(summary) == len(expected)
    keys = ("findings", "rectified", "verified", "overdue", "on_time", "settled")
    for cells, row in zip(summary, expected, strict=True):
        assert cells[0] == row["label"]
        assert list(cells[1:7]) == [row[k] for k in keys]
        for cell, rate in zip(
            cells[7:], (row["rectification_rate"], row["on_time_rate"]), strict=True
        ):
            assert cell == ("—" if rate is None else pytest.approx(rate))
    ledger = list(book["台账"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in ledger] == [r["id"] for r in data["ledger"]]
    assert [r[10].date().isoformat() for r in ledger] == [r["deadline"] for r in data["ledger"]]
    problems = list(book["问责"].iter_rows(min_row=2, values_only=True))
    counts = {(r[1], r[2], r[3], r[4], r[5]) for r in problems}
    assert counts == {
        (a["unit"], a["mis_identified"], a["wrongly_exited"], a["people"], a["population"])
        for a in data["accountability"]
    }


def test_xlsx_is_typed_styled_and_frozen(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "q4.xlsx"
    assert zh(str(repo), *ARGS, "--format", "xlsx", "--out", str(out))[0] == 0
    sheet = load_workbook(out)["汇总"]
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold and sheet["A1"].value == "县（区）"
    assert sheet["B2"].data_type == "n" and sheet["H2"].number_format == "0.0%"
    ledger = load_workbook(out)["台账"]
    assert ledger["K2"].is_date and ledger["K2"].number_format == "yyyy-mm-dd"
    # 具体问题 is CJK text: its width counts each character twice, up to the cap
    assert ledger.column_dimensions["E"].width > ledger.column_dimensions["B"].width
    headers = [cell.value for cell in ledger[1]]
    assert headers[2:4] == ["问题所在地", "问题类别"]
    assert "整改时限（含延期）" in headers and "最新进展" in headers
    # Ready for paper: A4 landscape fitted to the width, header on every page, a filter.
    assert ledger.page_setup.orientation == "landscape" and ledger.page_setup.paperSize == 9
    assert ledger.page_setup.fitToWidth == 1 and ledger.sheet_properties.pageSetUpPr.fitToPage
    assert ledger.print_title_rows == "$1:$1" and ledger.auto_filter.ref.startswith("A1:")
    assert not list(tmp_path.glob(".*.tmp"))  # the temporary file is gone


def test_markdown_and_table_show_the_same_figures(repo: Path) -> None:
    code, markdown, _ = zh(str(repo), *ARGS, "--format", "markdown")
    assert code == 0
    assert "| 甲县 | 5 | 2 | 1 | 1 | 2 | 4 | 60.0% | 50.0% |" in markdown
    assert (
        "| **合计** | **6** | **2** | **1** | **2** | **2** | **5** | **50.0%** | **40.0%** |"
        in markdown
    )
    assert "追究该行政村党组织书记、村委会主任责任" in markdown
    code, table, _ = invoke(str(repo), *ARGS)
    assert code == 0 and "60.0%" in table and "40.0%" in table


def test_empty_group_is_a_dash_everywhere(repo: Path) -> None:
    data = as_json(repo, "--by", "category")
    empty = next(r for r in data["summary"] if r["key"] == "05")
    assert empty["rectification_rate"] is None
    code, markdown, _ = invoke(str(repo), *ARGS, "--by", "category", "--format", "markdown")
    assert code == 0
    assert "| 05 帮扶措施落实情况 | 0 | 0 | 0 | 0 | 0 | 0 | — | — |" in markdown


def test_xlsx_needs_out(repo: Path) -> None:
    code, _, err = invoke(str(repo), *ARGS, "--format", "xlsx")
    assert code == 2 and "--out" in err


def test_usage_errors(repo: Path) -> None:
    assert invoke(str(repo), "--period", "2026-13")[0] == 2
    assert invoke(str(repo), "--period", "2026Q5")[0] == 2
    assert invoke(str(repo), "--by", "town")[0] == 2
    assert invoke(str(repo), "--format", "pdf")[0] == 2
    assert invoke(str(repo / "missing"))[0] == 2


def test_outside_a_repository_says_what_to_do_as_every_command_does(tmp_path: Path) -> None:
    code, _, err = invoke(str(tmp_path), *ARGS)
    assert code == 1
    assert "this command works on a case repository (create one with `inspect init`)" in err
    assert "cross-file checks are skipped" not in err  # validate's words, not the report's


@pytest.mark.parametrize(
    ("household", "expected"),
    [
        # validate's own rule, at the `tags` key: the report stops on it as on any error
        ("", "findings/nov.yaml:26:5: error tag-without-household finding F2 is tagged"),
        (", household: D99", "findings/nov.yaml:26:11: error report-tag-household the household"),
    ],
)  # fmt: skip
def test_a_tagged_finding_without_its_household_is_located(
    repo: Path, household: str, expected: str
) -> None:
    path = repo / "findings" / "nov.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(", household: D02}", household + "}"), encoding="utf-8")
    code, out, err = invoke(str(repo), *ARGS)
    assert code == 1 and out == ""
    assert expected in err


def test_a_list_of_no_plan_gets_the_problem_validate_gives(repo: Path) -> None:
    """One text, one code, one place for a `plan:` that names no plan, whatever the command."""
    path = repo / "findings" / "oct.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("plan: r-oct", "plan: r-okt"))
    code, out, err = invoke(str(repo), *ARGS)
    validated = runner.invoke(app, ["validate", str(repo), "--no-cache"])
    assert code == validated.exit_code == 1 and out == ""
    said = "oct.yaml:3:7: error unknown-plan plan `r-okt` does not exist in this repository"
    assert said + " (did you mean `r-oct`?)" in err
    assert said + " (did you mean `r-oct`?)" in validated.output


def test_a_broken_file_stops_the_report(repo: Path) -> None:
    path = repo / "findings" / "oct.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("deadline: 2026-11-10", "deadline: soon")
    )
    code, _, err = invoke(str(repo), *ARGS)
    assert code == 1 and "findings/oct.yaml:12:" in err


def test_the_cache_follows_the_files(repo: Path, tmp_path: Path) -> None:
    cache = ["--cache-dir", str(tmp_path / "cache")]
    first = as_json(repo, *cache)
    assert as_json(repo, *cache) == first  # warm: taken from the cache
    path = repo / "findings" / "oct.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("2026-11-10", "2026-12-31"))
    changed = as_json(repo, *cache)
    assert changed["total"]["overdue"] == first["total"]["overdue"] - 1


def test_out_writes_markdown_to_a_file(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    code, stdout, err = zh(str(repo), *ARGS, "--format", "markdown", "--out", str(out))
    assert code == 0 and stdout == "" and str(out) in err
    assert out.read_text(encoding="utf-8").startswith("# 试验市乡村振兴局 整改情况报告 2026Q4")


def test_in_english_every_heading_and_sheet_is_english(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "q4.xlsx"
    code, _, err = invoke(str(repo), *ARGS, "--format", "xlsx", "--out", str(out))
    assert code == 0, err
    book = load_workbook(out)
    assert book.sheetnames == ["Summary", "Ledger", "Accountability", "Notes"]
    for sheet in book.worksheets[:3]:  # the notes start with the authority's name
        for cell in next(sheet.iter_rows(max_row=1)):  # the headings
            assert not re.search(r"[\u4e00-\u9fff]", str(cell.value or "")), cell.value
    rows = list(book["Accountability"].iter_rows(min_row=2, values_only=True))
    reached = [str(row[7]) for row in rows]  # said by us; measures and basis are the policy's
    assert any("threshold" in text for text in reached), reached
    assert not any(re.search(r"[\u4e00-\u9fff]", text) for text in reached), reached
    code, markdown, _ = invoke(str(repo), *ARGS, "--format", "markdown")
    headings = [line for line in markdown.splitlines() if line.startswith(("#", "| Ledger", "|-"))]
    assert "## Rectification by county" in headings
    data = {"甲县", "乙县", "试验市乡村振兴局", "宿州市全面落实脱贫攻坚责任制实施细则（试行）"}
    for line in markdown.splitlines():
        if line.startswith("#") or line.startswith("| county"):
            assert not any(word in line for word in ("整改", "合计", "台账")), line
    assert any(word in markdown for word in data)  # names of places and units stay as typed


def test_examples_report(tmp_path: Path) -> None:
    examples = Path(__file__).resolve().parents[2] / "examples"
    out = tmp_path / "examples.xlsx"
    code, _, err = zh(str(examples), "--period", "2026", "--as-of", "2026-12-01",
                      "--format", "xlsx", "--out", str(out))  # fmt: skip
    assert code == 0, err
    summary = list(load_workbook(out)["汇总"].iter_rows(min_row=2, values_only=True))
    assert summary[-1][0] == "合计" and summary[-1][1] == 36  # every finding of the examples


@pytest.mark.parametrize(
    ("before", "after", "codes"),
    [
        ("preset: suzhou", "preset: suzhuo", {"unknown-preset"}),
        ("roster: roster.csv", "roster: gone.csv", {"no-roster"}),
        (
            "suzhou}\nroster: roster.csv",
            "suzhuo}\nroster: gone.csv",
            {"unknown-preset", "no-roster"},
        ),
    ],
)
def test_report_stops_where_every_other_command_does(
    repo: Path, before: str, after: str, codes: set[str]
) -> None:
    """One loader: settings, policy and roster are resolved as ``open_repository`` does."""
    settings = repo / "inspect.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(before, after))
    with pytest.raises(RepositoryError) as opened:
        open_repository(repo)
    with pytest.raises(RepositoryError) as reported:
        report(repo, "2026Q4")
    assert reported.value.problems == opened.value.problems
    assert {problem.code for problem in reported.value.problems} == codes
