"""Every xlsx we write, ready for paper as well as for the screen.

Offices print their ledgers: A4 landscape, every column on the page's width (as many pages
down as it takes), the header row repeated on each page, long cells wrapped, a filter on
the header, page numbers in the footer. Call ``for_paper`` before the first row is
appended: a write-only sheet writes its column widths and frozen panes with that row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from inspectcli.output.escape import visible
from inspectcli.output.tables import text_width
from inspectcli.redact import mask

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="4F6D8F")
HEADER_BORDER = Border(bottom=Side(style="thin"))
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
FOOTER = "第 &P 页，共 &N 页"
FORMULA_STARTS = ("=", "+", "-", "@")
LINE_HEIGHT = 15.0  # points: one line of the default 11 pt font
SLACK = 0.88  # spreadsheet programs fit a little less into a column than its width says
MARGIN = 0.5  # inches: narrow margins, so that wide ledgers stay legible when fitted


def for_paper(
    sheet: Any,  # a Worksheet or a WriteOnlyWorksheet, whose set-up the stubs leave out
    widths: Sequence[float],
    *,
    header_row: int = 1,
    last_row: int | None = None,
    filtered: bool = True,
) -> None:
    """Column ``widths`` (in characters), panes frozen below the header, the header row
    repeated on each printed page with a filter on it, A4 landscape fitted to the width."""
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.print_title_rows = f"1:{header_row}"
    if widths and filtered:
        last = max(last_row or header_row, header_row)
        sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(widths))}{last}"
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = Worksheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.horizontalCentered = True
    sheet.print_options.gridLines = True  # a table on paper needs its rules
    margins = sheet.page_margins
    margins.left = margins.right = MARGIN
    margins.top = margins.bottom = MARGIN + 0.25
    sheet.oddFooter.center.text = FOOTER  # always present on a sheet


def row_height(values: Sequence[object], widths: Sequence[float]) -> float:
    """The height (points) a row needs for its wrapped texts: programs that convert or
    print a workbook (LibreOffice among them) do not grow a row by themselves. Set it on
    ``row_dimensions`` before a write-only sheet appends the row."""
    lines = 1
    for value, width in zip(values, widths, strict=False):
        if isinstance(value, str) and value:
            room = max(int(width * SLACK), 1)
            needed = sum(-(-max(text_width(part), 1) // room) for part in value.split("\n"))
            lines = max(lines, needed)
    return lines * LINE_HEIGHT


def fit_rows(sheet: Worksheet, widths: Sequence[float], first_row: int) -> None:
    """Each row from ``first_row`` as high as its wrapped texts need (``row_height``)."""
    for number, row in enumerate(sheet.iter_rows(min_row=first_row), start=first_row):
        height = row_height([cell.value for cell in row], widths)
        sheet.row_dimensions[number].height = height


def text_cell(sheet: Worksheet | WriteOnlyWorksheet, text: str) -> Cell:
    """Text that stays text: openpyxl writes a string starting with ``=`` as a formula,
    and a spreadsheet reads one starting with ``= + - @`` (or a tab or CR before them) as
    one when the cell is edited; control characters, which xlsx cannot hold, shown escaped;
    ID and phone numbers masked."""
    cell = WriteOnlyCell(sheet, value=visible(mask(text), keep="\t\n\r"))
    cell.data_type = "s"
    if text.lstrip("\t\r\n ").startswith(FORMULA_STARTS) or text.startswith(("\t", "\r")):
        cell.quotePrefix = True
    return cell
