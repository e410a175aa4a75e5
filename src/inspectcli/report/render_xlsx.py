"""xlsx: one sheet per view, header row styled and frozen, typed cells.

Counts are numbers, rates percentage-formatted numbers (0.75 shown as 75.0%), dates real
dates; a rate with nothing to divide by is the text "—". Column widths follow the
longest cell, a CJK character counting as two.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from inspectcli.messages import t
from inspectcli.output.escape import visible
from inspectcli.redact import mask
from inspectcli.report.model import Report
from inspectcli.report.render_table import heading
from inspectcli.report.views import DASH, Column, Value, View, text_width, views

FORMATS = {"rate": "0.0%", "permille": '0.00"‰"', "date": "yyyy-mm-dd", "int": "0"}
MAX_WIDTH = {"long-text": 50}
MAX_WIDTH_DEFAULT = 30
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="4F6D8F")
HEADER_BORDER = Border(bottom=Side(style="thin"))
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
FORMULA_STARTS = ("=", "+", "-", "@")


def _shown(value: Value, column: Column) -> str:
    if isinstance(value, float):
        return "100.0%" if column.kind == "rate" else f"{value:.2f}‰"
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def widths(view: View) -> list[int]:
    found = []
    for index, column in enumerate(view.columns):
        longest = max(
            [text_width(column.header)]
            + [text_width(_shown(row[index], column)) for row in view.rows]
        )
        cap = MAX_WIDTH.get(column.kind, MAX_WIDTH_DEFAULT)
        found.append(min(longest, cap) + 2)
    return found


def text_cell(sheet: WriteOnlyWorksheet, text: str) -> Cell:
    """Text that stays text: openpyxl writes a string starting with ``=`` as a formula,
    and a spreadsheet reads one starting with ``= + - @`` (or a tab or CR before them) as
    one when the cell is edited; control characters, which xlsx cannot hold, shown escaped;
    ID and phone numbers masked."""
    cell = WriteOnlyCell(sheet, value=visible(mask(text), keep="\t\n\r"))
    cell.data_type = "s"
    if text.lstrip("\t\r\n ").startswith(FORMULA_STARTS) or text.startswith(("\t", "\r")):
        cell.quotePrefix = True
    return cell


def _cell(sheet: WriteOnlyWorksheet, value: Value, column: Column, bold: bool) -> Cell:
    if value is None and column.kind in ("rate", "permille"):
        value = DASH
    if isinstance(value, str):
        cell = text_cell(sheet, value)
    else:  # numbers stay numbers; dates are fine, though the stubs omit them
        cell = WriteOnlyCell(sheet, value=cast(Any, value))
    if column.kind in FORMATS and not isinstance(value, str):
        cell.number_format = FORMATS[column.kind]
    cell.alignment = WRAP if column.kind == "long-text" else TOP
    if bold:
        cell.font = BOLD
    return cell


def _sheet(book: Workbook, view: View) -> None:
    sheet = book.create_sheet(view.name)
    sheet.freeze_panes = "A2"
    for index, width in enumerate(widths(view), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    header = []
    for column in view.columns:
        cell = text_cell(sheet, column.header)
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, HEADER_BORDER
        header.append(cell)
    sheet.append(header)
    last = len(view.rows) - 1
    for index, row in enumerate(view.rows):
        bold = view.total and index == last
        sheet.append([_cell(sheet, v, c, bold) for v, c in zip(row, view.columns, strict=True)])
    if not view.rows:
        sheet.append([text_cell(sheet, view.empty)])


def _notes(book: Workbook, report: Report) -> None:
    sheet = book.create_sheet("说明")
    sheet.column_dimensions["A"].width = 100
    lines = [heading(report), t("report-policy", policy=report.policy)]
    lines += [t("report-definitions"), *report.warnings]
    for line in lines:
        sheet.append([text_cell(sheet, line)])


def workbook(report: Report) -> Workbook:
    book = Workbook(write_only=True)
    for view in views(report):
        _sheet(book, view)
    _notes(book, report)
    return book


def views_bytes(shown: list[View]) -> bytes:
    """A workbook of ``shown``, one sheet each, as the report's sheets are made."""
    import io

    book = Workbook(write_only=True)
    for view in shown:
        _sheet(book, view)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(report: Report) -> bytes:
    """The workbook as bytes; the command writes them atomically (or to a pipe)."""
    import io

    buffer = io.BytesIO()
    workbook(report).save(buffer)
    return buffer.getvalue()
