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
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import accumulate, pairwise, repeat
from operator import itemgetter
from typing import NamedTuple

SLICE = 1 << 15  # lines split at once: bounds the memory of the cells not kept
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
    first_line: int
    start: int  # the offset of the first line in the file
    ends: array[int]  # cumulative lengths of the lines (without their newline), for RowReader


class RowReader:
    """Every cell of one line, cut again from the bytes only when asked (details)."""

    def __init__(self, raw: bytes, parts: list[tuple[int, int, array[int]]]) -> None:
        self.raw = raw
        self.parts = parts  # (first line, first byte, cumulative line lengths) of each part
        self.rows: dict[int, list[str]] = {}  # line → cells, when read by the csv module

    def cells(self, line: int) -> list[str]:
        if self.rows:
            return self.rows[line]
        first_line, start, ends = self.parts[bisect_right([p[0] for p in self.parts], line) - 1]
        index = line - first_line
        begin = start + (ends[index - 1] if index else 0) + index  # a newline after each line
        return self.raw[begin : start + ends[index] + index].decode("utf-8").split(",")

    def __getstate__(self) -> dict[str, object]:
        """Cached without the file's bytes: whoever reads the cache has them already."""
        return {"raw": b"", "parts": self.parts, "rows": self.rows}


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


def may_have_blanks(raw: bytes) -> bool:
    """Whether some cell may start or end with a blank (each test is a memchr)."""
    if any(blank in raw for blank in ASCII_BLANKS):
        return True
    leads = {blank[:1] for blank in OTHER_BLANKS}
    return any(lead in raw for lead in leads) and any(blank in raw for blank in OTHER_BLANKS)


def header_of(raw: bytes) -> list[str]:
    """The header's cells (the first record)."""
    if needs_csv_module(raw):
        return next(csv.reader(io.StringIO(raw.decode("utf-8"))), [])
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
    body = raw[start:end].split(b"\n")
    if body and not body[-1]:
        body.pop()  # the newline that ends the last line
    ends = array("Q", accumulate(map(len, body)))
    commas = list(map(bytes.count, body, repeat(b",")))
    if commas.count(width - 1) == len(body):
        lines = array("I", range(first_line, first_line + len(body)))
        irregular: list[tuple[int, int]] = []
    else:
        body, lines, irregular = _regular_only(body, commas, width, first_line)
    del commas
    return Chunk(_columns(body, wanted, width), lines, irregular, first_line, start, ends)


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


def _columns(body: list[bytes], wanted: tuple[int, ...], width: int) -> dict[int, list[bytes]]:
    columns: dict[int, list[bytes]] = {index: [] for index in wanted}
    if not wanted:
        return columns
    last = max(wanted)
    split_at = last + 1 if last + 1 < width else -1  # the cells after the last wanted stay one
    getters = [(columns[index], itemgetter(index)) for index in wanted]
    for start in range(0, len(body), SLICE):
        rows = list(map(bytes.split, body[start : start + SLICE], repeat(b","), repeat(split_at)))
        for column, getter in getters:
            column.extend(map(getter, rows))
    return columns


def csv_chunk(raw: bytes, wanted: tuple[int, ...], rows: RowReader) -> Chunk:
    """Every record after the header, read by the csv module; each line's cells kept in
    ``rows`` for the details."""
    reader = csv.reader(io.StringIO(raw.decode("utf-8")))
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
    return Chunk(columns, lines, irregular, 2, 0, array("Q"))
