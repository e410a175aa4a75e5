"""Rosters as offices keep them: an Excel workbook with a title above the header, a CSV
saved by Excel or WPS on Chinese Windows (GBK), and the damage Excel does to ids typed
as numbers, each reported once for its column with the fix."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from inspectcli.cli.root import app
from inspectcli.problems import Severity
from inspectcli.repo.roster import read_csv, read_roster_table

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ROSTER = EXAMPLES / "roster" / "households.csv"
HEADER_ZH = [
    "县",
    "乡镇",
    "村",
    "村类别",
    "户编号",
    "户主姓名",
    "脱贫状态",
    "人口",
    "身份证号",
    "联系电话",
]
runner = CliRunner()


def invoke(argv: list[str]) -> tuple[int, str]:
    result = runner.invoke(app, argv)
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def workbook(path: Path, rows: list[list[object]], title: str = "云岗县脱贫户花名册") -> Path:
    """A sheet as an office makes one: a merged title row, a blank row, the header, rows."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "花名册"
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER_ZH))
    sheet.append([])
    sheet.append(HEADER_ZH)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def example_rows() -> list[list[object]]:
    """The example roster's rows, members as number cells (the rest as text)."""
    records = list(csv.reader(io.StringIO(ROSTER.read_text(encoding="utf-8"))))[1:]
    return [[*cells[:7], int(cells[7]), *cells[8:]] for cells in records]


@pytest.fixture(scope="module")
def rosters(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("rosters")
    gbk = folder / "households-gbk.csv"
    gbk.write_bytes(ROSTER.read_text(encoding="utf-8").encode("gbk"))
    return {"csv": ROSTER, "gbk": gbk, "xlsx": workbook(folder / "households.xlsx", example_rows())}


def test_the_three_formats_give_the_same_roster(rosters: dict[str, Path]) -> None:
    plain, problems = read_csv("r.csv", ROSTER.read_bytes())
    assert plain is not None and problems == []
    for kind in ("gbk", "xlsx"):
        roster, problems = read_roster_table(rosters[kind].name, rosters[kind].read_bytes())
        assert roster is not None
        assert [p.code for p in problems] == (["csv-encoding"] if kind == "gbk" else [])
        assert roster.places == plain.places and roster.ids == plain.ids
        assert list(roster.every_details()) == list(plain.every_details())
    xlsx, _ = read_roster_table("r.xlsx", rosters["xlsx"].read_bytes())
    assert xlsx is not None and xlsx.households[plain.ids[0].decode()].line == 4  # sheet row


def test_a_county_or_town_merged_down_its_rows_names_every_row(tmp_path: Path) -> None:
    """Offices write a county (and a town) once, merged down the cells of its rows: each
    row reads the merged value, as if it were typed on every row."""
    rows = example_rows()
    path = workbook(tmp_path / "merged.xlsx", rows)
    book = load_workbook(path)
    sheet = book.active
    assert sheet is not None
    for column in (1, 2):  # 县 and 乡镇
        first = 0
        for index in range(1, len(rows) + 1):
            if index == len(rows) or rows[index][column - 1] != rows[first][column - 1]:
                top, bottom = first + 4, index + 3  # the header is on the sheet's row 3
                for row in range(top + 1, bottom + 1):
                    sheet.cell(row, column).value = None
                if bottom > top:
                    sheet.merge_cells(
                        start_row=top, start_column=column, end_row=bottom, end_column=column
                    )
                first = index
    book.save(path)
    plain, _ = read_csv("r.csv", ROSTER.read_bytes())
    merged, problems = read_roster_table(path.name, path.read_bytes())
    assert problems == []
    assert merged is not None and plain is not None
    assert merged.places == plain.places and merged.ids == plain.ids


@pytest.mark.parametrize("kind", ["gbk", "xlsx"])
def test_validate_sample_and_report_read_them(
    kind: str, rosters: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sample drawn from the UTF-8 CSV re-derives from the other file, and every command
    says what it says with the UTF-8 CSV."""
    repo = Path(shutil.copytree(EXAMPLES, tmp_path / "repo"))
    monkeypatch.setenv("INSPECT_ROSTER", str(rosters["csv"]))
    for plan in sorted((repo / "plans").glob("*.yaml")):
        code, output = invoke(["sample", str(plan), "--seed", "drawn-in-a-test"])
        assert code == 0, output
    reference = {}
    for roster in ("csv", kind):
        monkeypatch.setenv("INSPECT_ROSTER", str(rosters[roster]))
        code, output = invoke(["validate", str(repo), "--no-cache", "--format", "json"])
        assert code == 0, output
        problems = json.loads(output)["problems"]
        assert [p["code"] for p in problems] == (["csv-encoding"] if roster == "gbk" else [])
        for plan in sorted((repo / "plans").glob("*.yaml")):
            code, output = invoke(["sample", str(plan), "--verify"])
            assert code == 0, output
        argv = ["report", str(repo), "--period", "2026", "--as-of", "2026-12-31"]
        code, output = invoke([*argv, "--format", "json", "--no-cache"])
        assert code == 0, output
        reference[roster] = output
    assert reference[kind] == reference["csv"]


def test_the_gbk_note_is_said_in_chinese(rosters: dict[str, Path]) -> None:
    code, output = invoke(
        [
            "--lang",
            "zh",
            "sample",
            "--roster",
            str(rosters["gbk"]),
            "--counties",
            "禾城区",
            "--seed",
            "s",
            "--format",
            "json",
        ]
    )
    assert code == 0, output


# --- what Excel does to ids typed as numbers -----------------------------------------------


def damaged_rows(count: int = 40) -> list[list[object]]:
    """Invented households: ids of 14 digits with a leading zero, ID numbers of region
    000000 (no such region), phones of the unused 100 prefix."""
    return [
        [
            "云岗县",
            "白石镇",
            f"村{i % 3}",
            "贫困村",
            f"0{441621000000 + i}",
            f"户主{i}",
            "已脱贫",
            i % 5 + 1,
            f"0000001990{i % 12 + 1:02d}{i % 28 + 1:02d}{i % 1000:03d}{i % 9 + 1}",
            f"100{i:08d}",
        ]
        for i in range(count)
    ]


def only_problem(path: Path) -> tuple[str, int, int, str]:
    """The one problem of a damaged roster; a roster with damaged household ids is not read."""
    roster, problems = read_roster_table(path.name, path.read_bytes())
    assert len(problems) == 1, problems
    problem = problems[0]
    assert problem.severity == Severity.ERROR
    assert "文本" in problem.message  # the fix, as Excel and WPS name the format
    assert (roster is None) == (problem.column == 5)
    return problem.code, problem.line, problem.column, problem.message


def test_ids_in_scientific_notation_are_one_problem_not_hundreds(tmp_path: Path) -> None:
    rows = damaged_rows(300)
    for row in rows:
        row[4] = float(str(row[4])[1:] + "12345")  # an id of 17 digits typed as a number
    path = workbook(tmp_path / "r.xlsx", rows)
    code, line, column, message = only_problem(path)
    assert (code, line, column) == ("excel-scientific-notation", 4, 5)
    assert "`户编号`" in message and "300 row(s)" in message  # the column as the sheet heads it
    assert "duplicate-household" not in message


def test_a_csv_with_ids_in_scientific_notation(tmp_path: Path) -> None:
    lines = [",".join(HEADER_ZH)]
    lines += [",".join(map(str, [*row[:4], "4.41621E+15", *row[5:]])) for row in damaged_rows()]
    path = tmp_path / "r.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert only_problem(path)[:3] == ("excel-scientific-notation", 2, 5)
    code, output = invoke(["sample", "--roster", str(path), "--counties", "云岗县", "--seed", "s"])
    assert code == 1 and output.count("error") == 1 + output.count("error(s)"), output
    assert "excel-scientific-notation" in output and "duplicate-household" not in output


def test_id_numbers_cut_to_000(tmp_path: Path) -> None:
    """A column of ID numbers formatted as numbers without decimals, saved as CSV (in a
    workbook the same cells are numbers that show in scientific notation)."""
    rows = damaged_rows()
    for row in rows:  # what Excel kept of the number (region 990000: no such region)
        row[8] = "99" + str(row[8])[2:15] + "000"
    path = tmp_path / "r.csv"
    lines = [",".join(HEADER_ZH), *(",".join(map(str, row)) for row in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, line, column, message = only_problem(path)
    assert (code, line, column) == ("excel-digits-lost", 2, 9)
    assert "40 ID numbers of column `身份证号`" in message
    assert "9900001990" not in message  # the example is masked


def test_leading_zeros_dropped(tmp_path: Path) -> None:
    """Rows added later by pasting into a column of General format, below ids typed as text."""
    rows = damaged_rows(60)
    for row in rows[5:15]:
        row[4] = int(str(row[4]))  # pasted as a number: the zero is gone
    path = workbook(tmp_path / "r.xlsx", rows)
    code, line, column, message = only_problem(path)
    assert (code, line, column) == ("excel-leading-zeros", 9, 5)
    assert "10 id(s)" in message and "13 digits" in message


def test_a_numbered_roster_is_not_taken_for_damage() -> None:
    """Ids 1 to 300 differ in width without any zero lost."""
    lines = [",".join(HEADER_ZH[:7])]
    lines += [f"云岗县,白石镇,村{i % 3},贫困村,{i + 1},户主{i},已脱贫" for i in range(300)]
    roster, problems = read_csv("r.csv", ("\n".join(lines) + "\n").encode())
    assert roster is not None and problems == []


def test_an_id_number_ending_in_000_by_chance_is_no_damage(tmp_path: Path) -> None:
    rows = damaged_rows()
    rows[3][8] = str(rows[3][8])[:15] + "000"
    roster, problems = read_roster_table("r.xlsx", workbook(tmp_path / "r.xlsx", rows).read_bytes())
    assert roster is not None and problems == []


# --- hostile sheets and cells ----------------------------------------------------------------


def test_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    roster, problems = read_roster_table("r.xlsx", b"PK\x03\x04 not really a zip")
    assert roster is None
    assert [(p.line, p.column, p.code) for p in problems] == [(1, 1, "xlsx-unreadable")]


def test_a_sheet_without_the_required_columns_names_the_header_row(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["花名册"])
    sheet.append(["县", "乡镇", "村", "户编号"])
    book.save(tmp_path / "r.xlsx")
    roster, problems = read_roster_table("r.xlsx", (tmp_path / "r.xlsx").read_bytes())
    assert roster is None
    assert [(p.line, p.column, p.code) for p in problems] == [(2, 1, "csv-missing-columns")]


def test_quoted_cells_line_breaks_in_cells_and_problems_after_them() -> None:
    """Quoted cells (commas, quotes) are read by the engine at full speed; a line break in a
    cell makes the records span lines, and the problems after it keep their lines."""
    head = "county,town,village,village_class,household_id,head_name,status\n"
    quoted = head + "".join(
        f'"县","镇, 东","村""{i % 3}""",贫困村,H{i},"户主",预脱贫\n' for i in range(50)
    )
    roster, problems = read_csv("r.csv", quoted.encode())
    assert roster is not None and problems == []
    assert roster.places[0][:3] == ("县", "镇, 东", '村"0"')
    broken = head + '县,镇,村,贫困村,H1,"户\n主",预脱贫\n县,镇,村,贫困村,H1,户主,预脱贫\n'
    roster, problems = read_csv("r.csv", broken.encode())
    assert [(p.line, p.column, p.code) for p in problems] == [(4, 5, "duplicate-household")]
    assert roster is not None and roster.households["H1"].head == "户\n主"


def _without_towns(target: Path, rows: int, header: list[str] | None = None) -> Path:
    """The example roster with its town column left empty in ``rows`` rows from line 3."""
    table = list(csv.reader(io.StringIO(ROSTER.read_text(encoding="utf-8"))))
    for cells in table[2 : 2 + rows]:
        cells[1] = ""
    table[0] = header or table[0]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(table)
    target.write_text(buffer.getvalue(), encoding="utf-8")
    return target


@pytest.mark.parametrize("output", ["text", "json", "github", "parsable"])
def test_a_column_left_empty_in_many_rows_is_reported_in_a_few_lines(
    tmp_path: Path, output: str
) -> None:
    """94 rows without their town gave 94 errors: now the first rows, then one line."""
    roster = _without_towns(tmp_path / "households.csv", 94, HEADER_ZH)
    repo = Path(shutil.copytree(EXAMPLES, tmp_path / "repo"))
    shutil.copyfile(roster, repo / "roster" / "households.csv")
    result = runner.invoke(app, ["validate", str(repo), "--no-cache", "--format", output])
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if "csv-empty-cell" in line]
    if output == "json":
        problems = json.loads(result.stdout)["problems"]
        lines = [p["message"] for p in problems if p["code"] == "csv-empty-cell"]
        assert (problems[0]["line"], problems[0]["column"]) == (3, 2)  # the first row's cell
    assert len(lines) == 4, result.stdout
    assert "column `乡镇` is empty in 94 rows (lines 3–96" in lines[-1]
    if output != "json":
        assert "households.csv:3:2" in lines[0] or "line=3,col=2" in lines[0]


def test_a_few_empty_cells_are_each_reported(tmp_path: Path) -> None:
    roster = _without_towns(tmp_path / "households.csv", 4)
    _, problems = read_csv("households.csv", roster.read_bytes())
    empty = [p for p in problems if p.code == "csv-empty-cell"]
    assert [p.line for p in empty] == [3, 4, 5, 6]  # a summary would stand for one row
    assert all(p.message == "column `town` is empty" for p in empty)
