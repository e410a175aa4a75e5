"""`inspect import findings`: a problem list typed in a spreadsheet becomes findings."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from inspectcli.cli.root import app
from inspectcli.pipeline.validate import validate_root
from inspectcli.sheets.cells import _parse_date

from .helpers import COUNTY, HEADERS, PLAN, problem_list, repository, row

runner = CliRunner()
TARGET = Path("findings") / f"{PLAN}-{COUNTY}.yaml"


def _import(root: Path, sheet: Path, *args: str):  # type: ignore[no-untyped-def]
    command = ["import", "findings", str(sheet), "--plan", PLAN, "--county", COUNTY]
    return runner.invoke(app, [*command, "--repo", str(root), *args])


def _errors(root: Path) -> list[str]:
    return [
        p.code
        for p in validate_root(root, cache_dir=None, jobs=1).problems
        if p.severity.label == "error"
    ]


def test_a_list_as_a_group_types_it_imports_once_its_two_faults_are_fixed(tmp_path: Path) -> None:
    root = repository(tmp_path)
    rows = [
        row(1),
        row(2, 问题类型="扶贫政策落实情况", 户主=None, 完成时限="2026年11月30日"),
        row(3, 问题类型="扶贫政策落失情况"),  # misspelt
        row(4, 户主="钟某某"),  # nobody of that name lives in 大岗村
    ]
    sheet = problem_list(tmp_path / "问题清单.xlsx", rows)
    result = _import(root, sheet, "--format", "parsable")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert any(
        line.startswith(f"{sheet}:问题清单!E6: error sheet-unknown-category")
        and "扶贫政策落实情况" in line
        for line in lines
    )
    assert any(
        line.startswith(f"{sheet}:问题清单!D7: error sheet-household-unknown") for line in lines
    )
    assert len([line for line in lines if ": error " in line]) == 2
    assert not (root / TARGET).exists()  # nothing written

    rows[2] = row(3, 问题类型="扶贫政策落实情况")
    rows[3] = row(4, 户主="欧阳日根")
    problem_list(sheet, rows)
    result = _import(root, sheet)
    assert result.exit_code == 0, result.output
    assert _errors(root) == []
    text = (root / TARGET).read_text()
    assert 'content: "02"' in text
    assert "household: QH-MC-0104-003" in text  # 陈国平, by name within 大岗村
    assert "household: QH-MC-0104-001" in text
    assert "deadline: 2026-11-30" in text


def test_reimport_changes_nothing_and_never_touches_a_rectification(tmp_path: Path) -> None:
    root = repository(tmp_path)
    sheet = problem_list(tmp_path / "list.xlsx", [row(1), row(2)])
    assert _import(root, sheet).exit_code == 0
    first = (root / TARGET).read_bytes()
    assert _import(root, sheet).exit_code == 0
    assert (root / TARGET).read_bytes() == first
    finding = f"{PLAN}-{COUNTY}-02"
    update = ["finding", "update", finding, "--status", "rectifying", "--note", "已公示"]
    assert runner.invoke(app, [*update, "--date", "2026-11-01", "--repo", str(root)]).exit_code == 0
    tracked = (root / TARGET).read_text()
    problem_list(sheet, [row(1), row(2, 完成时限=dt.datetime(2026, 12, 30), 整改目标=None)])
    result = _import(root, sheet)
    assert result.exit_code == 0, result.output
    assert "0 finding(s) added, 1 updated, 1 unchanged" in result.stderr
    after = (root / TARGET).read_text()
    record = tracked[tracked.index("    rectification:") :]
    assert record in after  # the record as it was, to the byte
    assert "deadline: 2026-12-30" in after and after.count("target:") == 1
    assert after.count("- id:") == 2
    assert "exchanged: null " in after  # the scaffold's nulls survive every edit
    assert _errors(root) == []


@pytest.mark.parametrize(
    ("typed", "written"),
    [("一般", None), ("较重", "serious"), ("严重", "major"), ("重大", "major"), ("major", "major")],
)
def test_a_severity_means_what_it_means_in_a_case_file(
    tmp_path: Path, typed: str, written: str | None
) -> None:
    """严重 is `major` in a findings file (README: 一般/较重/严重), so in a sheet too."""
    root = repository(tmp_path)
    sheet = problem_list(tmp_path / "list.xlsx", [row(1, 严重程度=typed)])
    assert _import(root, sheet).exit_code == 0
    text = (root / TARGET).read_text()
    assert (f"severity: {written}\n" in text) if written else ("severity:" not in text)


def test_dry_run_shows_the_diff_and_writes_nothing(tmp_path: Path) -> None:
    root = repository(tmp_path)
    sheet = problem_list(tmp_path / "list.xlsx", [row(1)])
    result = _import(root, sheet, "--dry-run")
    assert result.exit_code == 0
    assert f"+  - id: {PLAN}-{COUNTY}-01" in result.stdout
    assert not (root / TARGET).exists()
    result = _import(root, sheet, "--out", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("# yaml-language-server: $schema=../schemas/")
    assert f"  - id: {PLAN}-{COUNTY}-01\n" in result.stdout
    assert not (root / TARGET).exists()


def test_an_existing_findings_file_of_the_county_is_the_one_updated(tmp_path: Path) -> None:
    root = repository(tmp_path)
    sheet = problem_list(tmp_path / "list.xlsx", [row(1)])
    command = ["import", "findings", str(sheet), "--plan", PLAN, "--county", "石岭县"]
    result = runner.invoke(app, [*command, "--repo", str(root)])
    # The towns of the sheet are in 梅川县: named at their cells, nothing written.
    assert result.exit_code == 1
    assert "sheet-unknown-town" in result.stdout
    before = (root / "findings" / "2026-10-g2-shiling.yaml").read_text()
    problem_list(sheet, [row(1, 乡镇="枫树镇", 村="竹围村", 户主=None)])
    assert runner.invoke(app, [*command, "--repo", str(root)]).exit_code == 0
    after = (root / "findings" / "2026-10-g2-shiling.yaml").read_text()
    assert after.startswith(before.rstrip("\n"))  # comments and findings kept, one added
    assert f"- id: {PLAN}-石岭县-01" in after


@pytest.mark.parametrize(
    ("output_format", "expected"),
    [
        ("json", '"cell": "问题清单!E4"'),
        ("github", "::error file={sheet},title=sheet-unknown-category::问题清单!E4: "),
        ("sarif", '"fullyQualifiedName": "问题清单!E4"'),
        ("gitlab", '"description": "问题清单!E4: '),
        ("junit", "{sheet}:问题清单!E4: error sheet-unknown-category"),
        ("text", "{sheet}:问题清单!E4:"),
    ],
)
def test_problems_name_their_cell_in_every_format(
    tmp_path: Path, output_format: str, expected: str
) -> None:
    root = repository(tmp_path)
    sheet = problem_list(tmp_path / "list.xlsx", [row(1, 问题类型="没有这类")])
    result = _import(root, sheet, "--format", output_format)
    assert result.exit_code == 1
    assert expected.format(sheet=sheet) in result.stdout
    if output_format in ("json", "sarif", "gitlab"):
        json.loads(result.stdout)


def test_a_gbk_csv_in_the_order_wps_saves_it_imports(tmp_path: Path) -> None:
    root = repository(tmp_path)
    lines = [",".join(HEADERS)]
    values = row(1, 完成时限="2026/11/23", 佐证材料="照片；记录")
    lines.append(",".join(str(v) for v in values))
    sheet = tmp_path / "list.csv"
    sheet.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    result = _import(root, sheet)
    assert result.exit_code == 0, result.output
    assert "GB18030" in result.stderr
    assert "evidence: [照片, 记录]" in (root / TARGET).read_text()


def test_headers_can_be_named_in_the_settings(tmp_path: Path) -> None:
    root = repository(tmp_path)
    settings = root / "inspect.yaml"
    settings.write_text(
        settings.read_text() + "sheets:\n  headers:\n    description: [发现的问题]\n"
    )
    headers = ["发现的问题" if h == "问题描述" else h for h in HEADERS]
    sheet = problem_list(tmp_path / "list.xlsx", [row(1)], headers)
    result = _import(root, sheet)
    assert result.exit_code == 0, result.output
    assert _errors(root) == []


@pytest.mark.parametrize(
    ("change", "cell", "code"),
    [
        ({"问题描述": '=HYPERLINK("http://x")'}, "F4", "sheet-formula"),
        ({"问题描述": "很长" * 3000}, "F4", "sheet-cell-too-long"),
        ({"问题描述": True}, "F4", "sheet-wrong-type"),
        ({"完成时限": 46000}, "L4", "sheet-bad-date"),
        ({"完成时限": "2月30日"}, "L4", "sheet-bad-date"),
        ({"严重程度": "很重"}, "G4", "sheet-bad-severity"),
        ({"责任单位": None}, "J4", "sheet-empty-cell"),
        ({"序号": "一"}, "A4", "sheet-bad-number"),
        ({"户主": "欧阳亚珍"}, "D4", "sheet-household-ambiguous"),
        ({"乡镇": "梅州镇"}, "B4", "sheet-unknown-town"),
        ({"村": "大刚村"}, "C4", "sheet-unknown-village"),
    ],
)
def test_hostile_cells_are_problems_at_their_cell(
    tmp_path: Path, change: dict[str, object], cell: str, code: str
) -> None:
    root = repository(tmp_path)
    sheet = problem_list(tmp_path / "list.xlsx", [row(1, **change)])
    result = _import(root, sheet, "--format", "parsable")
    assert result.exit_code == 1
    assert f"{sheet}:问题清单!{cell}: error {code}" in result.stdout
    assert "Traceback" not in result.output
    assert not (root / TARGET).exists()


def test_a_control_character_is_a_problem_at_its_cell(tmp_path: Path) -> None:
    root = repository(tmp_path)
    values = row(1, 问题描述="公示\x1b[2J不到位", 完成时限="2026-11-23")
    sheet = tmp_path / "list.csv"
    sheet.write_text(",".join(HEADERS) + "\n" + ",".join(map(str, values)) + "\n")
    result = _import(root, sheet, "--format", "parsable")
    assert result.exit_code == 1
    assert f"{sheet}:F2: error sheet-control-character" in result.stdout
    assert "\x1b" not in result.stdout


def test_a_repeated_number_is_refused(tmp_path: Path) -> None:
    root = repository(tmp_path)
    sheet = problem_list(tmp_path / "list.xlsx", [row(1), row(1)])
    result = _import(root, sheet, "--format", "parsable")
    assert result.exit_code == 1
    assert "问题清单!A5: error sheet-duplicate-row" in result.stdout


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"PK\x03\x04 not really a zip", "sheet-unreadable"),
        (b"\x00\x01binary", "sheet-unreadable"),
    ],
)
def test_files_that_are_no_sheet_are_one_problem(tmp_path: Path, content: bytes, code: str) -> None:
    root = repository(tmp_path)
    sheet = tmp_path / "list.xlsx"
    sheet.write_bytes(content)
    result = _import(root, sheet)
    assert result.exit_code == 1
    assert code in result.stderr
    assert "Traceback" not in result.output


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    import zipfile

    root = repository(tmp_path)
    sheet = problem_list(tmp_path / "list.xlsx", [row(1)])
    with zipfile.ZipFile(sheet, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * (201 * 2**20))
    assert sheet.stat().st_size < 2**20  # small on disk, 201 MB unpacked
    result = _import(root, sheet)
    assert result.exit_code == 1
    assert "sheet-too-large" in result.stderr and "201 MB" in result.stderr


def test_a_sheet_without_headers_or_an_unknown_sheet_says_what_to_do(tmp_path: Path) -> None:
    root = repository(tmp_path)
    sheet = problem_list(tmp_path / "list.xlsx", [], headers=["甲", "乙", "丙"])
    result = _import(root, sheet, "--format", "parsable")
    assert result.exit_code == 1 and "sheet-no-header" in result.stdout
    sheet = problem_list(tmp_path / "list.xlsx", [row(1)])
    result = _import(root, sheet, "--sheet", "问题清淡")
    assert result.exit_code == 1 and "问题清单" in result.stderr


@given(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)))
def test_dates_typed_in_each_way_read_back(day: dt.date) -> None:
    start = dt.date(day.year, 1, 1)
    for text in (
        day.isoformat(),
        f"{day.year}/{day.month}/{day.day}",
        f"{day.year}年{day.month}月{day.day}日",
        f"{day.month}月{day.day}日",
    ):
        assert _parse_date(text, start) == day


def test_a_month_before_the_round_is_in_the_next_year() -> None:
    assert _parse_date("1月15日", dt.date(2026, 12, 1)) == dt.date(2027, 1, 15)
