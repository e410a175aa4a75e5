"""The rectification ledger (整改台账) a responsible unit fills in and sends back.

One row per finding still open or being rectified (Hainan §3.3, §5.3: the ledger's
columns; Heyuan §6: an extension asked for with its reason and new date). The columns of
the problem are locked; those the unit fills are open: progress, status (a drop-down),
date completed, evidence, extension asked for and its reason. A hidden column holds each
finding's id and a fingerprint of the finding as exported, so that ``inspect import
progress`` refuses a row whose finding changed meanwhile. Every text is masked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from collections.abc import Iterator
from typing import Any, NamedTuple

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from inspectcli.deadlines.derive import effective_deadline
from inspectcli.model.findings import STATUS_ZH, Finding
from inspectcli.output.tables import text_width
from inspectcli.output.xlsx import (
    HEADER_BORDER,
    HEADER_FILL,
    HEADER_FONT,
    LINE_HEIGHT,
    TOP,
    WRAP,
    fit_rows,
    for_paper,
    text_cell,
)
from inspectcli.pipeline.repository import Repository

SHEET = "整改台账"
TITLE_ROW, HEADER_ROW = 1, 2
DATE_FORMAT = "yyyy-mm-dd"
# The statuses a unit reports; 已核验 is the group's, after its follow-up revisit.
FILLED_STATUSES = {"整改中": "rectifying", "已整改": "rectified"}


class Column(NamedTuple):
    header: str
    width: int  # the cap, in characters (a CJK character counts as two)
    filled: bool = False  # the unit fills it in
    date: bool = False


# Widths in characters, a CJK character counting as two: about 230 in all with their
# margins, which A4 landscape prints at a legible scale; long texts wrap.
PROBLEM_COLUMNS = (
    Column("序号", 4),
    Column("问题编号", 13),
    Column("问题所在地", 12),
    Column("问题类别", 10),
    Column("具体问题", 28),
    Column("整改措施", 22),
    Column("整改目标", 14),
    Column("责任单位", 12),
    Column("责任人", 8),
    Column("整改时限", 11, date=True),
    Column("当前状态", 8),
)
FILLED_COLUMNS = (
    Column("整改进展", 20, filled=True),
    Column("整改状态", 8, filled=True),
    Column("完成时间", 11, filled=True, date=True),
    Column("佐证材料", 12, filled=True),
    Column("申请延期至", 11, filled=True, date=True),
    Column("延期理由", 14, filled=True),
)
HIDDEN_COLUMNS = (Column("系统编号", 10), Column("导出指纹", 10))
COLUMNS = PROBLEM_COLUMNS + FILLED_COLUMNS + HIDDEN_COLUMNS
POSITION = {column.header: index for index, column in enumerate(COLUMNS, start=1)}
ID_HEADER, FINGERPRINT_HEADER = (c.header for c in HIDDEN_COLUMNS)


def fingerprint(finding: Finding) -> str:
    """The finding as it is, in 16 hex digits: any change to it changes them."""
    data = json.dumps(finding.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode()).hexdigest()[:16]


class Entry(NamedTuple):
    finding: Finding
    position: int  # in its file's findings
    category: str


def entries(repository: Repository, county: str, unit: str | None) -> Iterator[Entry]:
    """The county's findings still to rectify (open or rectifying), by id."""
    codes = repository.policy.codes()
    found = [
        (finding, position)
        for document in repository.findings.values()
        for position, finding in enumerate(document.findings)
        if finding.location.county == county
        and finding.rectification.status in ("open", "rectifying")
        and (unit is None or any(unit in named.unit for _, named in finding.units()))
    ]
    for finding, position in sorted(found, key=lambda item: item[0].id):
        yield Entry(finding, position, codes.get(finding.content, finding.content))


def _place(finding: Finding) -> str:
    where = finding.location
    return " ".join(part for part in (where.town, where.village, where.household) if part)


def _values(entry: Entry, number: int) -> list[Any]:
    finding = entry.finding
    deadline, _ = effective_deadline(finding, entry.position)
    return [
        number,
        finding.id,
        _place(finding) or finding.location.county,
        entry.category,
        finding.description,
        finding.measures_text(),
        finding.target or "",
        "、".join(r.unit for r in finding.responsibles),
        "、".join(r.person for r in finding.responsibles if r.person),
        deadline,
        _status(finding),
    ]


def _status(finding: Finding) -> str:
    """The status, and each follow-up revisit that failed (the unit rectifies again)."""
    record = finding.rectification
    passes = [*record.revisits, *([record.verification] if record.verification else [])]
    failed = "".join(f"（{v.date:%Y-%m-%d}回头看未通过）" for v in passes if v.result == "failed")
    return STATUS_ZH[record.status] + failed


def _widths(rows: list[list[Any]]) -> list[float]:
    """The longest cell's width, up to the column's cap; the open columns at their cap,
    since the unit's text is still to come."""
    widths: list[float] = []
    for index, column in enumerate(COLUMNS):
        texts = [column.header] + [
            f"{row[index]:%Y-%m-%d}" if column.date else str(row[index])
            for row in rows
            if index < len(row)
        ]
        longest = column.width if column.filled else max(text_width(text) for text in texts)
        widths.append(min(longest, column.width) + 1.5)
    return widths


def workbook(entries_: list[Entry], title: str) -> Workbook:
    # Not write-only: a ledger is a few hundred rows, and only a full sheet has row heights.
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    rows = [_values(entry, number) for number, entry in enumerate(entries_, start=1)]
    last = HEADER_ROW + len(rows)
    widths = _widths(rows)
    for_paper(sheet, widths, header_row=HEADER_ROW, last_row=last)
    for column in HIDDEN_COLUMNS:
        sheet.column_dimensions[get_column_letter(POSITION[column.header])].hidden = True
    _protect(sheet, last)
    heading = text_cell(sheet, title)
    heading.font = Font(bold=True, size=14)
    sheet.append([heading])
    end = get_column_letter(len(PROBLEM_COLUMNS) + len(FILLED_COLUMNS))
    sheet.merge_cells(f"A{TITLE_ROW}:{end}{TITLE_ROW}")
    sheet.row_dimensions[TITLE_ROW].height = 2 * LINE_HEIGHT
    sheet.append([_header(sheet, column) for column in COLUMNS])
    for entry, values in zip(entries_, rows, strict=True):
        sheet.append(_row(sheet, entry, values))
    fit_rows(sheet, widths, HEADER_ROW)
    return book


def _header(sheet: Any, column: Column) -> Cell:
    cell = text_cell(sheet, column.header)
    cell.font, cell.fill, cell.border, cell.alignment = (
        HEADER_FONT,
        HEADER_FILL,
        HEADER_BORDER,
        WRAP,
    )
    return cell


def _row(sheet: Any, entry: Entry, values: list[Any]) -> list[Cell]:
    cells = []
    for column, value in zip(PROBLEM_COLUMNS, values, strict=True):
        cell = text_cell(sheet, value) if isinstance(value, str) else WriteOnlyCell(sheet, value)
        if column.date:
            cell.number_format = DATE_FORMAT
        cell.alignment = WRAP if isinstance(value, str) else TOP
        cells.append(cell)
    for column in FILLED_COLUMNS:
        cell = WriteOnlyCell(sheet, None)
        cell.protection = Protection(locked=False)
        cell.alignment = WRAP
        if column.date:
            cell.number_format = DATE_FORMAT
        cells.append(cell)
    cells.append(text_cell(sheet, entry.finding.id))
    cells.append(text_cell(sheet, fingerprint(entry.finding)))
    return cells


def _protect(sheet: Any, last: int) -> None:
    """Lock the sheet but its open columns; a drop-down of statuses, dates checked."""
    protection = sheet.protection
    protection.sheet = True
    # What a unit may still do on a locked sheet: filter, sort, widen, add rows' height.
    protection.autoFilter = protection.sort = False
    protection.formatColumns = protection.formatRows = protection.formatCells = False
    first = HEADER_ROW + 1
    status = get_column_letter(POSITION["整改状态"])
    statuses = DataValidation(
        type="list",
        formula1='"' + ",".join(FILLED_STATUSES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="整改状态",
        error="请从下拉列表中选择：" + "、".join(FILLED_STATUSES),
        promptTitle="整改状态",
        prompt="整改中或已整改",
        showInputMessage=True,
    )
    statuses.add(f"{status}{first}:{status}{max(last, first)}")
    sheet.data_validations.append(statuses)
    for header in ("完成时间", "申请延期至"):
        letter = get_column_letter(POSITION[header])
        dates = DataValidation(
            type="date",
            operator="greaterThan",
            formula1="36526",  # 2000-01-01: any real date
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=header,
            error="请填写日期，如 2026-11-30",
        )
        dates.add(f"{letter}{first}:{letter}{max(last, first)}")
        sheet.data_validations.append(dates)


def ledger_bytes(repository: Repository, county: str, unit: str | None, day: dt.date) -> bytes:
    found = list(entries(repository, county, unit))
    title = f"{county}{unit or ''}整改台账（{day.year}年{day.month}月{day.day}日导出）"
    buffer = io.BytesIO()
    workbook(found, title).save(buffer)
    return buffer.getvalue()
