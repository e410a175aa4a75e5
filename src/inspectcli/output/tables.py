"""Tables that fit the terminal: short columns whole, long ones folded, nothing cut off.

rich narrows a table that is too wide by taking cells from its widest columns, but it
applies a column's ``min_width`` only afterwards, and it cuts a word wider than its cell
with "…". A table with a floor thus came out wider than the terminal and lost its last
column, and a Chinese text (one long word to rich, having no spaces) lost its end.
``fit`` gives every column its width itself, so that rich has nothing left to narrow.
"""

from __future__ import annotations

import unicodedata

from rich.cells import cell_len
from rich.console import Console
from rich.measure import Measurement
from rich.table import Column, Table
from rich.text import Text

from inspectcli.output.escape import visible

NARROWEST = 4  # cells: two Chinese characters a line, for a column without a floor


def text_width(text: str) -> int:
    """Columns the text takes: a wide (CJK) character counts as two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def cell(text: str, style: str = "") -> Text:
    """User text for a table or a line: read as text, not rich markup (a ``[red]`` in a
    unit's name is shown as written), its control characters shown escaped."""
    return Text(visible(text, keep="\n"), style=style)


def fit(table: Table, console: Console) -> None:
    """Fix the width of each column of ``table`` so that it fits ``console``.

    A ``no_wrap`` column keeps the width of its content (up to its ``max_width``); any
    other column is at least as wide as its ``min_width`` and as its widest word without
    Chinese characters, shares what is left with the others (the widest narrowed first)
    and folds its text instead of cutting it. When those floors do not fit together, only
    the ``no_wrap`` columns and the first keep theirs. A table that fits as it is stays as it is."""
    natural = [_natural(console, column) for column in table.columns]
    room = console.width - _frame(table, console)
    if sum(natural) <= room:
        return
    floors = [_floor(column, width) for column, width in zip(table.columns, natural, strict=True)]
    if sum(floors) > room:  # the floors do not fit together: only what cannot wrap stays,
        # and the first column, which names the row (a finding's id, whole)
        floors = [
            w if c.no_wrap or index == 0 else min(w, NARROWEST)
            for index, (c, w) in enumerate(zip(table.columns, floors, strict=True))
        ]
    for column, width in zip(table.columns, share(natural, floors, room), strict=True):
        column.width = width
        if not column.no_wrap:
            column.overflow = "fold"


def share(natural: list[int], floors: list[int], room: int) -> list[int]:
    """Widths between each column's floor and its natural width, summing to at most
    ``room``: one cap for all, as high as fits (so the widest columns give way first),
    then the cells left over one by one to the widest columns still folded."""

    def widths(cap: int) -> list[int]:
        return [max(floor, min(width, cap)) for width, floor in zip(natural, floors, strict=True)]

    cap = max(natural, default=0)
    while cap > 0 and sum(widths(cap)) > room:
        cap -= 1
    result = widths(cap)
    spare = room - sum(result)
    for index in sorted(range(len(result)), key=lambda i: -natural[i]):
        if spare <= 0:
            break
        if result[index] < natural[index]:
            result[index] += 1
            spare -= 1
    return result


def _natural(console: Console, column: Column) -> int:
    """The width of the column's widest line, header included, up to its ``max_width``."""
    options = console.options
    cells = [column.header, *column.cells]
    widest = max(Measurement.get(console, options, cell).maximum for cell in cells)
    return min(widest, column.max_width) if column.max_width else widest


def _floor(column: Column, natural: int) -> int:
    if column.no_wrap:
        return natural
    return min(natural, max(column.min_width or 0, NARROWEST, _longest_word(column)))


def _longest_word(column: Column) -> int:
    """The widest word without Chinese characters: an id, a date, a path or an English
    word, which folding would break into pieces that read as something else (``2026-0``,
    ``9-YX-01``). Chinese text folds between any two characters."""
    texts = [_plain(cell) for cell in (column.header, *column.cells)]
    words = (word for text in texts for word in text.split())
    return max((len(word) for word in words if cell_len(word) == len(word)), default=0)


def _plain(cell: object) -> str:
    if isinstance(cell, Text):
        return cell.plain
    return cell if isinstance(cell, str) else ""


def _frame(table: Table, console: Console) -> int:
    """The cells the table takes besides its columns' text: borders and padding."""
    saved = [column.width for column in table.columns]
    for column in table.columns:
        column.width = 1
    try:
        return Measurement.get(console, console.options, table).maximum - len(table.columns)
    finally:
        for column, width in zip(table.columns, saved, strict=True):
            column.width = width
