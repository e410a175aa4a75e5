"""A roster kept as an Excel workbook (.xlsx): the first sheet's cells as text, by row.

Offices put a title (and merged cells) above the header, so the header is the first of
the first rows that names the required columns. Each cell becomes the text Excel shows
in its General format; a number too long for Excel's 15 significant digits keeps its
exponent (``4.41621199001011e+17``), so the roster can name the damage rather than read
a wrong id.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import date, datetime, time
from typing import NamedTuple

from openpyxl import load_workbook

HEADER_ROWS = 20  # title rows an office puts above the header, at most
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
    finally:
        book.close()
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


def _trimmed(cells: list[str]) -> list[str]:
    """The header without the empty cells after its last name."""
    end = len(cells)
    while end and not cells[end - 1].strip():
        end -= 1
    return cells[:end]
