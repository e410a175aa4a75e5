"""xlsx: one sheet per view, header row styled and frozen, typed cells, ready for paper
(``output.xlsx.for_paper``).

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
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from inspectcli.messages import t
from inspectcli.output.xlsx import (
    HEADER_BORDER,
    HEADER_FILL,
    HEADER_FONT,
    TOP,
    WRAP,
    for_paper,
    row_height,
    text_cell,
)
from inspectcli.report.model import Report
from inspectcli.report.render_table import heading
from inspectcli.report.views import DASH, Column, Value, View, text_width, views

FORMATS = {"rate": "0.0%", "permille": '0.00"‰"', "date": "yyyy-mm-dd", "int": "0"}
MAX_WIDTH = {"long-text": 36}  # wrapped: a wider column only shrinks the printed page
MAX_WIDTH_DEFAULT = 24
BOLD = Font(bold=True)


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


def _cell(sheet: WriteOnlyWorksheet, value: Value, column: Column, bold: bool) -> Cell:
    if value is None and column.kind in ("rate", "permille"):
        value = DASH
    if isinstance(value, str):
        cell = text_cell(sheet, value)
    else:  # numbers stay numbers; dates are fine, though the stubs omit them
        cell = WriteOnlyCell(sheet, value=cast(Any, value))
    if column.kind in FORMATS and not isinstance(value, str):
        cell.number_format = FORMATS[column.kind]
    cell.alignment = WRAP if column.kind in ("text", "long-text") else TOP
    if bold:
        cell.font = BOLD
    return cell


def _sheet(book: Workbook, view: View) -> None:
    sheet = book.create_sheet(view.name)
    sized = widths(view)
    for_paper(sheet, sized, last_row=len(view.rows) + 1)
    header = []
    for column in view.columns:
        cell = text_cell(sheet, column.header)
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, HEADER_BORDER
        header.append(cell)
    sheet.append(header)
    last = len(view.rows) - 1
    for index, row in enumerate(view.rows):
        bold = view.total and index == last
        sheet.row_dimensions[index + 2].height = row_height(row, sized)
        sheet.append([_cell(sheet, v, c, bold) for v, c in zip(row, view.columns, strict=True)])
    if not view.rows:
        sheet.append([text_cell(sheet, view.empty)])


def _notes(book: Workbook, report: Report) -> None:
    sheet = book.create_sheet(t("report-sheet-notes"))
    for_paper(sheet, [100], filtered=False)
    lines = [heading(report), t("report-policy", policy=report.policy)]
    lines += [t("report-definitions"), *report.warnings]
    for line in lines:
        sheet.append([text_cell(sheet, line)])


def workbook(report: Report) -> Workbook:
    book = Workbook(write_only=True)
    for view in views(report, wide=True):
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
