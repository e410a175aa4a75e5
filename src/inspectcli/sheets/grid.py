"""A sheet as a grid of typed cells with their positions: an xlsx sheet or a CSV file.

Merged cells hold their value in every cell they cover, so that a header merged over two
rows or columns reads like the others. Formulas are kept as formulas (a typed list has no
reason to compute, and a cached value may be stale): the reader of a cell says so.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import get_column_letter

from inspectcli.messages import t
from inspectcli.problems import Problem, Severity
from inspectcli.repo.fileread import FileProblem, file_problem, read_file

MiB = 2**20
SHEET_LIMIT = 50 * MiB  # a problem list or a ledger is a few hundred KB
UNPACKED_LIMIT = 200 * MiB  # an xlsx is a zip: its parts unpacked, against a zip bomb
MAX_ROWS = 20_000  # far more than a round finds; a bound on memory for a hostile file
MAX_COLUMNS = 200

Value = str | int | float | bool | dt.datetime | dt.date | dt.time | None


class Formula(str):
    """A cell that holds a formula (its text, ``=SUM(A1:A3)``), not a value."""


@dataclass
class Grid:
    """The cells of one sheet; ``rows[r][c]`` is the cell at row ``r + 1``, column ``c + 1``."""

    path: str  # as shown to the user
    sheet: str  # the sheet's name; "" for a CSV file
    rows: list[list[Value]] = field(default_factory=list)
    encoding: str = ""  # a CSV file's, when it is not UTF-8

    def cell(self, row: int, column: int) -> Value:
        """The value at 1-based ``row`` and ``column``; None outside the grid."""
        if row < 1 or row > len(self.rows):
            return None
        cells = self.rows[row - 1]
        return cells[column - 1] if 0 < column <= len(cells) else None

    def where(self, row: int, column: int) -> str:
        """``Sheet1!C5``; ``C5`` in a CSV file, which has one sheet without a name."""
        name = f"{get_column_letter(column)}{row}"
        return f"{self.sheet}!{name}" if self.sheet else name

    def problem(
        self, row: int, column: int, code: str, message: str, severity: Severity = Severity.ERROR
    ) -> Problem:
        """A problem at a cell; its line and column are the cell's row and column."""
        return Problem(
            self.path, row, column, severity, code, message, cell=self.where(row, column)
        )


def read_grid(path: Path, shown: str, sheet: str | None = None) -> Grid:
    """The sheet ``sheet`` (default: the first) of an xlsx file, or a CSV file; FileProblem
    when the file cannot be read as one."""
    raw = read_file(path, shown, limit=SHEET_LIMIT)
    if raw.startswith(b"PK\x03\x04"):
        return _xlsx(raw, shown, sheet)
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".et"):
        raise file_problem(shown, "sheet-unreadable", t("sheet-not-xlsx", path=shown))
    return _csv(raw, shown)


def _unpacked(raw: bytes, shown: str) -> None:
    """Refuse a workbook whose parts unpack to more than ``UNPACKED_LIMIT``, before any
    of them is unpacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            size = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as error:
        raise file_problem(
            shown, "sheet-unreadable", t("sheet-unreadable", path=shown, detail=error)
        ) from None
    if size > UNPACKED_LIMIT:
        message = t("sheet-unpacked-too-large", size=size // MiB, limit=UNPACKED_LIMIT // MiB)
        raise file_problem(shown, "sheet-too-large", message)


def _xlsx(raw: bytes, shown: str, wanted: str | None) -> Grid:
    from openpyxl import load_workbook

    _unpacked(raw, shown)
    try:
        book = load_workbook(io.BytesIO(raw), data_only=False, rich_text=False)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as error:
        raise file_problem(
            shown, "sheet-unreadable", t("sheet-unreadable", path=shown, detail=error)
        ) from None
    names = book.sheetnames
    if wanted is not None and wanted not in names:
        from inspectcli.messages import did_you_mean

        hint = did_you_mean(wanted, names)
        message = t("sheet-unknown", sheet=wanted, sheets="、".join(names), hint=hint)
        raise file_problem(shown, "sheet-unknown", message)
    sheet = book[wanted] if wanted is not None else book.worksheets[0]
    if sheet.max_row > MAX_ROWS or sheet.max_column > MAX_COLUMNS:
        message = t("sheet-too-large", rows=sheet.max_row, columns=sheet.max_column)
        raise file_problem(shown, "sheet-too-large", message)
    rows: list[list[Value]] = []
    for cells in sheet.iter_rows():
        rows.append([_value(c.value, c.data_type) for c in cells])
    for merged in sheet.merged_cells.ranges:
        top = rows[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                _put(rows, r, c, top)
    return Grid(shown, sheet.title, rows)


def _put(rows: list[list[Value]], row: int, column: int, value: Value) -> None:
    while len(rows) < row:
        rows.append([])
    cells = rows[row - 1]
    while len(cells) < column:
        cells.append(None)
    cells[column - 1] = value


def _value(value: object, data_type: str) -> Value:
    if data_type == "f" or (isinstance(value, str) and data_type == "f"):
        return Formula(str(value))
    if value is None or isinstance(value, str | int | float | bool | dt.date | dt.time):
        return value
    return Formula(str(value))  # an array formula or a data-table formula


def _csv(raw: bytes, shown: str) -> Grid:
    import csv

    text, encoding = _decode(raw, shown)
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[list[Value]] = []
    try:
        for cells in reader:
            if len(rows) >= MAX_ROWS or len(cells) > MAX_COLUMNS:
                message = t("sheet-too-large", rows=len(rows) + 1, columns=len(cells))
                raise file_problem(shown, "sheet-too-large", message)
            rows.append([c if c != "" else None for c in cells])
    except csv.Error as error:
        raise file_problem(
            shown, "sheet-unreadable", t("sheet-unreadable", path=shown, detail=error)
        ) from None
    return Grid(shown, "", rows, encoding)


def _decode(raw: bytes, shown: str) -> tuple[str, str]:
    """UTF-8 (with or without BOM), else GB18030, the superset of GBK that Excel and WPS
    write on Chinese Windows."""
    try:
        return raw.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), "GB18030"
    except UnicodeDecodeError:
        raise file_problem(shown, "sheet-unreadable", t("sheet-encoding", path=shown)) from None


__all__ = ["FileProblem", "Formula", "Grid", "Value", "read_grid"]
