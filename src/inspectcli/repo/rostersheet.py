"""A roster kept as an Excel workbook (.xlsx): the first sheet's cells as text, by row.

Offices put a title (and merged cells) above the header, so the header is the first of
the first rows that names the required columns. A merged cell (a county written once
beside all its towns) gives its value to every cell it covers. Each cell becomes the text
Excel shows in its General format; a number too long for Excel's 15 significant digits
keeps its exponent (``4.41621199001011e+17``), so the roster can name the damage rather
than read a wrong id.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from typing import NamedTuple

from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

HEADER_ROWS = 20  # title rows an office puts above the header, at most
MERGE_CELL = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}mergeCell"
EXACT_DIGITS = 15  # what Excel keeps of a number


class Sheet(NamedTuple):
    name: str
    header_line: int  # the header's row on the sheet (1-based)
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (row on the sheet, cells as wide as the header)


class NotAWorkbook(ValueError):
    """The bytes are not an .xlsx workbook openpyxl can read."""


def text_of(value: object) -> str:
    """A cell's value as text, as Excel's General format shows it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 10**EXACT_DIGITS:
            return str(int(value))
        return f"{value:.15g}"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def read_sheet(raw: bytes, names_required: Callable[[list[str]], int]) -> Sheet:
    """The first sheet; ``names_required`` counts the required columns a row names (the
    header is the first row naming the most of them among the first HEADER_ROWS)."""
    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise NotAWorkbook(str(error)) from None
    try:
        sheet = book.worksheets[0]
        rows = [
            [text_of(v) for v in row]
            for row in sheet.iter_rows(min_row=1, min_col=1, values_only=True)
        ]
        name = sheet.title
        # read-only mode (a roster may be large) leaves out the sheet's merged cells
        part = getattr(sheet, "_worksheet_path", None)
    finally:
        book.close()
    if isinstance(part, str):
        for cells in _merged(raw, part):
            _fill(rows, *cells)
    scores = [names_required(row) for row in rows[:HEADER_ROWS]]
    best = max(range(len(scores)), key=lambda i: (scores[i], -i), default=0)
    header = _trimmed(rows[best]) if rows else []
    width = len(header)
    body = [
        (number, (cells + [""] * width)[:width])
        for number, cells in enumerate(rows[best + 1 :], start=best + 2)
        if any(c.strip() for c in cells)
    ]
    return Sheet(name, best + 1, header, body)


def _merged(raw: bytes, part: str) -> Iterator[tuple[int, int, int, int]]:
    """(first column, first row, last column, last row) of each merged range of the sheet
    stored at ``part`` of the workbook."""
    from xml.etree.ElementTree import iterparse

    with zipfile.ZipFile(io.BytesIO(raw)) as archive, archive.open(part) as source:
        for _, element in iterparse(source):
            if element.tag == MERGE_CELL:
                first_column, first_row, last_column, last_row = range_boundaries(
                    element.get("ref", "")
                )
                if first_column and first_row and last_column and last_row:
                    yield first_column, first_row, last_column, last_row
            element.clear()


def _fill(
    rows: list[list[str]], first_column: int, first_row: int, last_column: int, last_row: int
) -> None:
    """The value of a merged range's first cell in every cell of the range that holds a row."""
    if first_row > len(rows) or first_column > len(rows[first_row - 1]):
        return
    value = rows[first_row - 1][first_column - 1]
    for cells in rows[first_row - 1 : last_row]:
        cells.extend([""] * (last_column - len(cells)))
        cells[first_column - 1 : last_column] = [value] * (last_column - first_column + 1)


def _trimmed(cells: list[str]) -> list[str]:
    """The header without the empty cells after its last name."""
    end = len(cells)
    while end and not cells[end - 1].strip():
        end -= 1
    return cells[:end]
