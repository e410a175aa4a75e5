"""A CSV file as columns of UTF-8 cells, read fast enough for a million-row roster.

Objects per row and per cell are what make reading slow in Python, so the common export
(no quotes; ``\\n`` or ``\\r\\n`` line ends) is split at the byte level, a slice of lines at
a time, keeping only the wanted columns: a cell never becomes a ``str`` unless someone
asks for it, and the file can be cut at line ends into parts read side by side. Anything
else goes through the ``csv`` module and gives the same columns.
"""

from __future__ import annotations

import csv
import gc
import io
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import pairwise, repeat
from operator import itemgetter
from typing import Any, NamedTuple

SLICE_BYTES = 1 << 20  # bytes split at once: bounds the memory of the cells not kept
# Every character str.strip() removes, as UTF-8; a file without any needs no stripping.
ASCII_BLANKS = tuple(bytes([c]) for c in range(128) if chr(c).isspace() and chr(c) not in "\r\n")
OTHER_BLANKS = tuple(
    chr(c).encode()
    for c in (0x85, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F, 0x3000)
)


class Chunk(NamedTuple):
    """The wanted columns of the rows as wide as the header, in a run of lines."""

    columns: dict[int, list[bytes]]  # column index → one cell per regular row
    lines: array[int]  # the line of each regular row (the header is line 1)
    irregular: list[tuple[int, int]]  # (line, cells) of rows narrower or wider than the header
    marks: list[tuple[int, int]]  # (line, offset in the file) every SLICE_BYTES, for RowReader


class RowReader:
    """Every cell of one line, cut again from the bytes only when asked (details)."""

    def __init__(self, raw: bytes, marks: list[tuple[int, int]]) -> None:
        self.raw = raw
        self.marks = sorted(marks)  # (line, offset of its first byte), a few per megabyte
        self.rows: dict[int, list[str]] = {}  # line → cells, when read by the csv module

    def cells(self, line: int) -> list[str]:
        if self.rows:
            return self.rows[line]
        mark, begin = self.marks[bisect_right(self.marks, (line, len(self.raw))) - 1]
        for _ in range(line - mark):  # a few thousand lines at most: one memchr each
            begin = self.raw.index(b"\n", begin) + 1
        end = self.raw.find(b"\n", begin)
        return self.raw[begin : end if end >= 0 else len(self.raw)].decode("utf-8").split(",")

    def every(self, lines: Iterable[int]) -> Iterator[list[str]]:
        """The cells of each of ``lines``, as ``cells`` gives them, the file split once:
        looking up each of a million lines from its mark takes minutes."""
        if self.rows:
            return (self.rows[line] for line in lines)
        text = self.raw.split(b"\n")  # line n is text[n - 1]: the header is line 1
        return (text[line - 1].decode("utf-8").split(",") for line in lines)

    def __getstate__(self) -> dict[str, object]:
        """Cached without the file's bytes: whoever reads the cache has them already."""
        return {"raw": b"", "marks": self.marks, "rows": self.rows}


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


def needs_csv_module(raw: bytes) -> bool:
    """Quotes, or lines ended by a lone CR: only the csv module reads those right."""
    return b'"' in raw or b"\r" in raw


def may_have_blanks(raw: bytes, start: int = 0, end: int | None = None) -> bool:
    """Whether some cell of ``raw[start:end]`` may start or end with a blank (each test is
    a memchr)."""
    stop = len(raw) if end is None else end
    if any(raw.find(blank, start, stop) >= 0 for blank in ASCII_BLANKS):
        return True
    leads = {blank[:1] for blank in OTHER_BLANKS}
    return any(raw.find(lead, start, stop) >= 0 for lead in leads) and any(
        raw.find(blank, start, stop) >= 0 for blank in OTHER_BLANKS
    )


def header_of(raw: bytes, quoted: bool) -> list[str]:
    """The header's cells (the first record); ``quoted``: as ``needs_csv_module(raw)``."""
    if quoted:
        reader = csv.reader(io.StringIO(raw.decode("utf-8")))
        try:
            return next(reader, [])
        except csv.Error as error:
            raise CsvSyntaxError(reader.line_num, str(error)) from None
    end = raw.find(b"\n")
    return raw[: end if end >= 0 else len(raw)].decode("utf-8").split(",")


def parts_of(raw: bytes, count: int) -> list[tuple[int, int, int]]:
    """(first byte, end, first line) of ``count`` runs of whole lines after the header."""
    start = raw.find(b"\n") + 1 if b"\n" in raw else len(raw)
    cuts = [start]
    for k in range(1, count):
        cut = raw.find(b"\n", max(cuts[-1], start + (len(raw) - start) * k // count))
        if cut < 0:
            break
        cuts.append(cut + 1)
    cuts.append(len(raw))
    parts = []
    line = 2
    for begin, end in pairwise(cuts):
        parts.append((begin, end, line))
        line += raw.count(b"\n", begin, end)
    return parts


def split_chunk(
    raw: bytes, start: int, end: int, first_line: int, width: int, wanted: tuple[int, ...]
) -> Chunk:
    """The lines of ``raw[start:end]`` (no quotes, ``\\n`` line ends) as columns."""
    columns: dict[int, list[bytes]] = {index: [] for index in wanted}
    lines = array("I")
    irregular: list[tuple[int, int]] = []
    marks: list[tuple[int, int]] = []
    line = first_line
    for begin, stop in _slices(raw, start, end):
        marks.append((line, begin))
        text = raw[begin:stop]
        if not text.endswith(b"\n"):
            text += b"\n"  # the last line of a file without a final newline
        count = text.count(b"\n")
        if _split_regular(text, count, width, columns):
            lines.extend(range(line, line + count))
        else:
            _split_lines(text, line, width, columns, lines, irregular)
        line += count
    return Chunk(columns, lines, irregular, marks)


def _slices(raw: bytes, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Runs of whole lines of about SLICE_BYTES: bound the memory of the cells not kept."""
    while start < end:
        newline = raw.find(b"\n", start + SLICE_BYTES, end)
        stop = end if newline < 0 else newline + 1
        yield start, stop
        start = stop


def _split_regular(text: bytes, count: int, width: int, columns: dict[int, list[bytes]]) -> bool:
    """Split ``count`` lines all as wide as the header in one call; False if one is not.

    Each newline becomes a cell of its own, so every line's cells are followed by a
    ``\\n`` cell; when the ``\\n`` cells are exactly every ``width + 1``-th, every line has
    ``width`` cells and a column is every ``width + 1``-th cell from its index.
    """
    cells = text.replace(b"\n", b",\n,").split(b",")
    step = width + 1
    total = count * step
    if len(cells) != total + 1 or cells[width::step].count(b"\n") != count:
        return False
    for index, column in columns.items():
        column += cells[index:total:step]
    return True


def _split_lines(
    text: bytes,
    first_line: int,
    width: int,
    columns: dict[int, list[bytes]],
    lines: array[int],
    irregular: list[tuple[int, int]],
) -> None:
    """The lines one by one: blank lines skipped, rows of another width set aside."""
    body = text.split(b"\n")
    body.pop()  # after the newline that ends the last line
    commas = list(map(bytes.count, body, repeat(b",")))
    body, kept, odd = _regular_only(body, commas, width, first_line)
    lines += kept
    irregular += odd
    _columns(body, columns, width)


def _regular_only(
    body: list[bytes], commas: list[int], width: int, first_line: int
) -> tuple[list[bytes], array[int], list[tuple[int, int]]]:
    """The rows as wide as the header with their lines; the others (blank lines skipped)."""
    kept: list[bytes] = []
    lines = array("I")
    irregular: list[tuple[int, int]] = []
    for number, (text, count) in enumerate(zip(body, commas, strict=True), start=first_line):
        if count == width - 1:
            kept.append(text)
            lines.append(number)
        elif text:
            irregular.append((number, count + 1))
    return kept, lines, irregular


def _columns(body: list[bytes], columns: dict[int, list[bytes]], width: int) -> None:
    if not columns:
        return
    last = max(columns)
    split_at = last + 1 if last + 1 < width else -1  # the cells after the last wanted stay one
    getters = [(column, itemgetter(index)) for index, column in columns.items()]
    rows = list(map(bytes.split, body, repeat(b","), repeat(split_at)))
    for column, getter in getters:
        column.extend(map(getter, rows))


class CsvSyntaxError(ValueError):
    """The csv module stopped at ``line`` (a cell over its size limit, say)."""

    def __init__(self, line: int, detail: str) -> None:
        super().__init__(detail)
        self.line = line


def csv_chunk(raw: bytes, wanted: tuple[int, ...], rows: RowReader) -> Chunk:
    """Every record after the header, read by the csv module; each line's cells kept in
    ``rows`` for the details. CsvSyntaxError where the csv module gives up."""
    reader = csv.reader(io.StringIO(raw.decode("utf-8")))
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
    return Chunk(columns, lines, irregular, [])
