"""A CSV file read record by record by the csv module, as columns of UTF-8 cells with the
line of each record: for the files the roster's engine (``rostertable``) does not read as
one line per record (blank lines, rows of another width, line breaks inside quotes).
"""

from __future__ import annotations

import csv
import gc
import io
from array import array
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple


class Chunk(NamedTuple):
    """The wanted columns of the rows as wide as the header."""

    columns: dict[int, list[bytes]]  # column index → one cell per regular row
    lines: array[int]  # the line of each regular row (the header is line 1)
    irregular: list[tuple[int, int]]  # (line, cells) of rows narrower or wider than the header


class RowReader:
    """Every cell of each record, by its line, as the csv module read them (details)."""

    def __init__(self) -> None:
        self.rows: dict[int, list[str]] = {}  # line → cells

    def cells(self, line: int) -> list[str]:
        return self.rows[line]

    def every(self, lines: Iterable[int]) -> Iterator[list[str]]:
        return (self.rows[line] for line in lines)


@contextmanager
def no_gc() -> Iterator[None]:
    """Millions of new objects, none in a cycle: the collector would only rescan them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def normalised(raw: bytes) -> bytes:
    """The bytes with ``\\r\\n`` line ends made ``\\n``."""
    return raw.replace(b"\r\n", b"\n") if b"\r" in raw else raw


def header_of(raw: bytes) -> list[str]:
    """The header's cells (the first record)."""
    reader = csv.reader(_lines(raw))
    try:
        return next(reader, [])
    except csv.Error as error:
        raise CsvSyntaxError(reader.line_num, str(error)) from None


def _lines(raw: bytes) -> io.TextIOWrapper:
    """The lines of UTF-8 ``raw``, decoded as they are read: a whole decoded copy of a large
    file (four bytes a character in a StringIO) would not fit a bounded run. Split at
    ``\n`` only, as a StringIO of the text is."""
    return io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8", newline="\n")


class CsvSyntaxError(ValueError):
    """The csv module stopped at ``line`` (a cell over its size limit, say)."""

    def __init__(self, line: int, detail: str) -> None:
        super().__init__(detail)
        self.line = line


def csv_chunk(raw: bytes, wanted: tuple[int, ...], rows: RowReader) -> Chunk:
    """Every record after the header, read by the csv module; each line's cells kept in
    ``rows`` for the details. CsvSyntaxError where the csv module gives up."""
    reader = csv.reader(_lines(raw))
    try:
        return _csv_records(reader, wanted, rows)
    except csv.Error as error:
        raise CsvSyntaxError(reader.line_num, str(error)) from None


def _csv_records(reader: Any, wanted: tuple[int, ...], rows: RowReader) -> Chunk:
    width = len(next(reader, []))
    columns: dict[int, list[bytes]] = {index: [] for index in wanted}
    lines = array("I")
    irregular: list[tuple[int, int]] = []
    for cells in reader:
        if not cells:
            continue
        if len(cells) != width:
            irregular.append((reader.line_num, len(cells)))
            continue
        lines.append(reader.line_num)
        rows.rows[reader.line_num] = cells
        for index, column in columns.items():
            column.append(cells[index].encode("utf-8"))
    return Chunk(columns, lines, irregular)
