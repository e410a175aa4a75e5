"""The ledger round trip: export, a unit fills it in, import makes the `inspect finding`
changes, byte for byte; and the ledger's locks, drop-down, masking and page set-up."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from inspectcli.cli.root import app
from inspectcli.sheets.ledger import POSITION

from .helpers import EXAMPLES

runner = CliRunner()
COUNTY = "石岭县"
FILE = Path("findings") / "2026-10-g2-shiling.yaml"


def _copy(target: Path) -> Path:
    shutil.copytree(EXAMPLES, target, ignore=shutil.ignore_patterns("tools"))
    return target


def _export(root: Path, out: Path, *args: str) -> Path:
    command = ["export", "ledger", str(root), "--county", COUNTY, "--out", str(out)]
    result = runner.invoke(app, [*command, "--date", "2026-11-20", *args])
    assert result.exit_code == 0, result.output
    return out


def _rows(path: Path) -> dict[str, int]:
    sheet = load_workbook(path).active
    assert sheet is not None
    column = POSITION["系统编号"]
    return {
        str(sheet.cell(row, column).value): row
        for row in range(3, sheet.max_row + 1)
        if sheet.cell(row, column).value
    }


def _fill(path: Path, cells: dict[tuple[str, str], object]) -> None:
    book = load_workbook(path)
    sheet = book.active
    assert sheet is not None
    rows = _rows(path)
    for (finding, header), value in cells.items():
        sheet.cell(rows[finding], POSITION[header]).value = value
    book.save(path)


def _finding(root: Path, *args: str) -> None:
    result = runner.invoke(app, ["finding", *args, "--repo", str(root)])
    assert result.exit_code == 0, result.output


def _progress(root: Path, ledger: Path, *args: str):  # type: ignore[no-untyped-def]
    command = ["import", "progress", str(ledger), "--repo", str(root), "--date", "2026-11-26"]
    return runner.invoke(app, [*command, *args])


def test_export_fill_import_equals_the_finding_commands(tmp_path: Path) -> None:
    by_ledger, by_hand = _copy(tmp_path / "a"), _copy(tmp_path / "b")
    ledger = _export(by_ledger, tmp_path / "台账.xlsx")
    _fill(
        ledger,
        {
            ("2026-10-SL-01", "整改进展"): "剩余34万元已拨付",
            ("2026-10-SL-01", "整改状态"): "已整改",
            ("2026-10-SL-01", "完成时间"): dt.datetime(2026, 11, 25),
            ("2026-10-SL-01", "佐证材料"): "拨付凭证、银行回单",
            ("2026-10-SL-06", "整改进展"): "已启动竣工决算",
            ("2026-10-SL-06", "整改状态"): "整改中",
            ("2026-10-SL-07", "整改进展"): "旧房拆除正在协调",
            ("2026-10-SL-07", "申请延期至"): dt.datetime(2027, 1, 31),
            ("2026-10-SL-07", "延期理由"): "该户外出务工，需待返乡后签字确认拆除",
        },
    )
    result = _progress(by_ledger, ledger)
    assert result.exit_code == 0, result.output
    assert "+      rectified: 2026-11-25" in result.stdout

    _finding(
        by_hand,
        "update",
        "2026-10-SL-01",
        "--status",
        "rectified",
        "--note",
        "剩余34万元已拨付",
        "--evidence",
        "拨付凭证",
        "--evidence",
        "银行回单",
        "--date",
        "2026-11-25",
    )
    _finding(
        by_hand,
        "update",
        "2026-10-SL-06",
        "--status",
        "rectifying",
        "--note",
        "已启动竣工决算",
        "--date",
        "2026-11-26",
    )
    _finding(
        by_hand, "update", "2026-10-SL-07", "--note", "旧房拆除正在协调", "--date", "2026-11-26"
    )
    _finding(
        by_hand,
        "extend",
        "2026-10-SL-07",
        "--to",
        "2027-01-31",
        "--reason",
        "该户外出务工，需待返乡后签字确认拆除",
        "--date",
        "2026-11-26",
    )
    assert (by_ledger / FILE).read_bytes() == (by_hand / FILE).read_bytes()


def test_a_row_whose_finding_changed_since_the_export_is_refused(tmp_path: Path) -> None:
    root = _copy(tmp_path / "repo")
    ledger = _export(root, tmp_path / "台账.xlsx")
    _finding(
        root,
        "update",
        "2026-10-SL-06",
        "--status",
        "rectifying",
        "--note",
        "已开会",
        "--date",
        "2026-11-21",
    )
    before = (root / FILE).read_bytes()
    _fill(
        ledger,
        {
            ("2026-10-SL-06", "整改进展"): "已启动竣工决算",
            ("2026-10-SL-06", "整改状态"): "整改中",
            ("2026-10-SL-05", "整改进展"): "已培训",
            ("2026-10-SL-05", "整改状态"): "整改中",
        },
    )
    result = _progress(root, ledger, "--format", "parsable")
    assert result.exit_code == 1
    row = _rows(ledger)["2026-10-SL-06"]
    assert f"整改台账!R{row}: error ledger-changed-since-export" in result.stdout
    assert (root / FILE).read_bytes() == before  # the good row is not written either


def test_a_ledger_imported_again_leaves_out_what_it_recorded(tmp_path: Path) -> None:
    """A unit sends back the same ledger, one more row filled: the rows imported before
    are left out with a note (they were refused as changed since the export, and with
    them the new row), the new row is recorded."""
    root = _copy(tmp_path / "repo")
    ledger = _export(root, tmp_path / "台账.xlsx")
    first = {
        ("2026-10-SL-06", "整改进展"): "已启动竣工决算",
        ("2026-10-SL-06", "整改状态"): "整改中",
        ("2026-10-SL-05", "申请延期至"): dt.datetime(2027, 1, 31),
        ("2026-10-SL-05", "延期理由"): "需待培训教师返乡后集中授课",
    }
    _fill(ledger, first)
    assert _progress(root, ledger).exit_code == 0
    once = (root / FILE).read_bytes()
    result = _progress(root, ledger, "--format", "parsable")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("info ledger-already-imported") == 2
    assert (root / FILE).read_bytes() == once  # nothing recorded twice
    rows = _rows(ledger)
    more = {k: v for k, v in first.items() if k[0] != "2026-10-SL-05"}
    more |= {("2026-10-SL-01", "整改进展"): "已组织排查", ("2026-10-SL-01", "整改状态"): "整改中"}
    _fill(ledger, more)
    assert "2026-10-SL-01" in rows
    result = _progress(root, ledger, "--format", "parsable")
    assert result.exit_code == 0, result.output
    text = (root / FILE).read_text(encoding="utf-8")
    assert text.count("已组织排查") == 1 and text.count("已启动竣工决算") == 1
    assert text.count("需待培训教师返乡后集中授课") == 1


@pytest.mark.parametrize(
    ("cells", "header", "code"),
    [
        ({"整改进展": "已完成", "整改状态": "完成了"}, "整改状态", "ledger-bad-status"),
        ({"整改状态": "整改中"}, "整改进展", "ledger-no-note"),
        ({"整改进展": "x", "整改状态": "整改中", "完成时间": "不详"}, "完成时间", "sheet-bad-date"),
        (
            {"整改进展": "x", "整改状态": "整改中", "完成时间": dt.datetime(2026, 11, 25)},
            "完成时间",
            "ledger-completed-not-rectified",
        ),
        ({"申请延期至": dt.datetime(2027, 1, 31)}, "延期理由", "ledger-extension-half"),
        ({"整改进展": "=1+1"}, "整改进展", "sheet-formula"),
        (
            {"整改进展": "已完成", "整改状态": "已整改", "完成时间": dt.datetime(2026, 10, 1)},
            "整改进展",
            "ledger-would-be-invalid",
        ),
    ],
)
def test_faults_of_a_filled_row_are_named_at_their_cell(
    tmp_path: Path, cells: dict[str, object], header: str, code: str
) -> None:
    root = _copy(tmp_path / "repo")
    ledger = _export(root, tmp_path / "台账.xlsx")
    _fill(ledger, {("2026-10-SL-06", h): v for h, v in cells.items()})
    before = (root / FILE).read_bytes()
    result = _progress(root, ledger, "--format", "parsable")
    assert result.exit_code == 1, result.output
    letter = "ABCDEFGHIJKLMNOPQRS"[POSITION[header] - 1]
    row = _rows(ledger)["2026-10-SL-06"]
    assert f"整改台账!{letter}{row}: error {code}" in result.stdout
    assert (root / FILE).read_bytes() == before


def test_the_ledger_locks_the_problem_and_opens_the_unit_columns(tmp_path: Path) -> None:
    root = _copy(tmp_path / "repo")
    ledger = _export(root, tmp_path / "台账.xlsx")
    sheet = load_workbook(ledger).active
    assert sheet is not None
    assert sheet.protection.sheet
    rows = _rows(ledger)
    assert set(rows) == {
        "2026-10-SL-01",
        "2026-10-SL-03",
        "2026-10-SL-05",
        "2026-10-SL-06",
        "2026-10-SL-07",
    }  # open or rectifying; 02 and 04 are rectified
    row = rows["2026-10-SL-03"]
    assert sheet.cell(row, POSITION["具体问题"]).protection.locked
    for header in ("整改进展", "整改状态", "完成时间", "佐证材料", "申请延期至", "延期理由"):
        assert not sheet.cell(row, POSITION[header]).protection.locked, header
    status = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert status and status[0].formula1 == '"整改中,已整改"'
    assert sheet.column_dimensions["R"].hidden and sheet.column_dimensions["S"].hidden
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    assert sheet.print_title_rows == "$1:$2" and sheet.auto_filter.ref.startswith("A2:")


def test_personal_numbers_in_a_finding_are_masked_in_the_ledger(tmp_path: Path) -> None:
    root = _copy(tmp_path / "repo")
    path = root / FILE
    # An invented ID number (region 000000, which no one has) and a phone of the 140
    # block of data-only cards, which no one can be called on.
    text = path.read_text().replace(
        "资金滞留超过规定时限。", "资金滞留超过规定时限（000000197001011234，14000001234）。", 1
    )
    path.write_text(text)
    ledger = _export(root, tmp_path / "台账.xlsx")
    values = [str(c.value) for r in load_workbook(ledger).active.iter_rows() for c in r]  # type: ignore[union-attr]
    assert not any("000000197001011234" in v or "14000001234" in v for v in values)


def test_the_ledger_needs_a_file_and_a_known_county(tmp_path: Path) -> None:
    root = _copy(tmp_path / "repo")
    result = runner.invoke(app, ["export", "ledger", str(root), "--county", COUNTY])
    assert result.exit_code == 2
    result = runner.invoke(
        app, ["export", "ledger", str(root), "--county", "石岭", "--out", str(tmp_path / "x.xlsx")]
    )
    assert result.exit_code == 2 and "石岭县" in result.stderr


def test_one_unit_s_ledger_and_a_ledger_left_empty(tmp_path: Path) -> None:
    root = _copy(tmp_path / "repo")
    ledger = _export(root, tmp_path / "台账.xlsx", "--unit", "农业农村局")
    assert set(_rows(ledger)) == {"2026-10-SL-06"}
    before = (root / FILE).read_bytes()
    result = _progress(root, ledger)
    assert result.exit_code == 0 and "no row is filled in" in result.stderr
    assert (root / FILE).read_bytes() == before


def test_the_ledger_goes_to_a_pipe_but_never_to_a_terminal(tmp_path: Path) -> None:
    root = _copy(tmp_path / "repo")
    command = ["export", "ledger", str(root), "--county", COUNTY, "--out", "-"]
    result = runner.invoke(app, command)
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"PK\x03\x04")
