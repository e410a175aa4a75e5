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
from inspectcli.redact import mask

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="4F6D8F")
HEADER_BORDER = Border(bottom=Side(style="thin"))
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
FOOTER = "第 &P 页，共 &N 页"
FORMULA_STARTS = ("=", "+", "-", "@")
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
    margins = sheet.page_margins
    margins.left = margins.right = MARGIN
    margins.top = margins.bottom = MARGIN + 0.25
    sheet.oddFooter.center.text = FOOTER  # always present on a sheet


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
