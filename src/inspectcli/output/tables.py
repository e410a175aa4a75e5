"""Tables that fit the terminal: short columns whole, long ones folded, nothing cut off.

rich narrows a table that is too wide by taking cells from its widest columns, but it
applies a column's ``min_width`` only afterwards, and it cuts a word wider than its cell
with "…". A table with a floor thus came out wider than the terminal and lost its last
column, and a Chinese text (one long word to rich, having no spaces) lost its end.
``fit`` gives every column its width itself, so that rich has nothing left to narrow.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.measure import Measurement
from rich.table import Column, Table
from rich.text import Text

from inspectcli.output.escape import visible
from inspectcli.output.linebreak import pieces, wrap

_BEFORE_BRACKET = re.compile(r"(?=[（(])")
NARROWEST = 4  # cells: two Chinese characters a line, for a column without a floor
READABLE = 8  # cells: four Chinese characters a line, worth narrowing the frame for


def text_width(text: str) -> int:
    """Columns the text takes: a wide (CJK) character counts as two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def cell(text: str, style: str = "") -> Text:
    """User text for a table or a line: read as text, not rich markup (a ``[red]`` in a
    unit's name is shown as written), its control characters shown escaped."""
    return Text(visible(text, keep="\n"), style=style)


class Heading(Text):
    """A column's heading with a shorter form, shown when the table has no room for the
    words of the long one (an English heading is broken only between words)."""

    def __init__(self, text: str, short: str) -> None:
        super().__init__(visible(text, keep="\n"))
        self.short = visible(short, keep="\n")


def fit(table: Table, console: Console, names: Collection[int] = ()) -> None:
    """Fix the width of each column of ``table`` so that it fits ``console``.

    A ``no_wrap`` column keeps the width of its content (up to its ``max_width``); any
    other column is at least as wide as its ``min_width`` and as its widest word without
    Chinese characters, shares what is left with the others (the widest narrowed first)
    and folds its text instead of cutting it. When those floors (and four Chinese
    characters a line for running text) do not fit together, the table narrows step by
    step: the short form of each ``Heading``, less padding, no rules between the columns;
    then the floors give way a column at a time, each only as far as needed, the words
    of headings last. The columns ``names`` (indexes) hold names read whole (青禾市乡村振兴局):
    each at least as wide as its widest value, given up only when nothing else is left.
    A table that fits as it is stays as it is."""
    natural = [_natural(console, column) for column in table.columns]
    room = console.width - _frame(table, console)
    if sum(natural) <= room:
        return
    floors = _floors(table, natural, names)
    for narrow in (_short_headings, _less_padding, _no_rules):
        if sum(_readable(table, natural, floors)) <= room:
            break
        narrow(table)
        natural = [_natural(console, column) for column in table.columns]
        room = console.width - _frame(table, console)
        floors = _floors(table, natural, names)
    if sum(floors) > room:
        floors = _loose_floors(table, floors, room, names)
    widths = share(natural, floors, room)
    for index in names:
        _break_before_brackets(table.columns[index], widths[index], console)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        if not column.no_wrap:
            column.overflow = "fold"
            _break_lines(column, width, console)


def _break_before_brackets(column: Column, width: int, console: Console) -> None:
    """A name too wide for its column goes on a line of its own before what it has in
    brackets (未计入 / （校验未通过）), rather than where the cell ends."""
    for row, value in enumerate(column._cells):
        if not isinstance(value, str | Text) or not _too_wide(value, width):
            continue
        text = _text(value, console)
        at = [m.start() for m in _BEFORE_BRACKET.finditer(text.plain) if m.start() > 0]
        if at:
            column._cells[row] = text.blank_copy("\n").join(text.divide(at))


def leave_out(table: Table, console: Console, optional: Iterable[Column]) -> list[Column]:
    """Leave out the ``optional`` columns of ``table``, in that order, while the others
    cannot all keep their floors on ``console`` (at the narrowest frame ``fit`` goes to):
    a masked number matters less than the id beside it, which folding would cut into
    pieces. The columns left out, for a note below the table."""
    left: list[Column] = []
    for column in optional:
        natural = [_natural(console, c) for c in table.columns]
        floors = sum(_readable(table, natural, _floors(table, natural)))
        if floors <= console.width - _narrowest_frame(table, console):
            break
        table.columns.remove(column)
        left.append(column)
    return left


def _narrowest_frame(table: Table, console: Console) -> int:
    """The frame of ``table`` without rules, as ``fit`` draws it when nothing else fits."""
    saved = table.box, table.show_edge, table.padding
    _no_rules(table)
    try:
        return _frame(table, console)
    finally:
        table.box, table.show_edge, table.padding = saved


def _break_lines(column: Column, width: int, console: Console) -> None:
    """Break the column's text where Chinese and English allow (``linebreak``), so that
    rich, finding every line short enough, folds none in a year or a bracket."""
    if isinstance(column.header, str | Text):
        column.header = _balanced(_text(column.header, console), width)
    column._cells = [
        wrap(_text(value, console), width, term=True)
        if isinstance(value, str | Text) and _too_wide(value, width)
        else value
        for value in column._cells
    ]


def _too_wide(value: str | Text, width: int) -> bool:
    """Text with a line wider than ``width`` (a string's markup counted: never less)."""
    return any(cell_len(line) > width for line in _plain(value).split("\n"))


def _balanced(heading: Text, width: int) -> Text:
    """The heading in as few lines as at ``width``, each as short as that allows: 是否 /
    逾期 rather than 是否逾 / 期."""
    lines = len(wrap(heading, width).plain.split("\n"))
    narrowest = max(
        (cell_len(word) for line in heading.plain.split("\n") for word in pieces(line)),
        default=1,
    )
    while width > narrowest and len(wrap(heading, width - 1).plain.split("\n")) == lines:
        width -= 1
    return wrap(heading, width)


def _text(value: str | Text, console: Console) -> Text:
    """A cell as rich would show it: a string is read as markup."""
    return value if isinstance(value, Text) else console.render_str(value)


def _readable(table: Table, natural: list[int], floors: list[int]) -> list[int]:
    """The floors, a column of text at least ``READABLE`` wide: a table whose floors fit
    only with a column of running text two characters a line narrows its frame first."""
    return [
        max(floor, min(width, READABLE)) if _running_text(column) else floor
        for column, width, floor in zip(table.columns, natural, floors, strict=True)
    ]


def _running_text(column: Column) -> bool:
    """A column of values that fold (a unit's name), not of numbers under a long heading."""
    lines = _lines(column.cells)
    return not column.no_wrap and any(cell_len(line) > READABLE for line in lines)


def _floors(table: Table, natural: list[int], names: Collection[int] = ()) -> list[int]:
    floors = [_floor(column, width) for column, width in zip(table.columns, natural, strict=True)]
    for index in names:
        values = _lines(table.columns[index].cells)
        # a name whole; what follows it in brackets may go below: 未计入 / （校验未通过）
        parts = (part for line in values for part in _BEFORE_BRACKET.split(line))
        widest = max(map(cell_len, parts), default=0)
        floors[index] = min(natural[index], max(floors[index], widest))
    return floors


def _loose_floors(
    table: Table, floors: list[int], room: int, names: Collection[int] = ()
) -> list[int]:
    """Floors that fit, given up a column at a time (as far as needed), the one that
    frees the most cells first: the words of values without digits (a unit's name), then
    (on a terminal narrower still) the headings' words, then status words, then the
    values' with digits (a date). What cannot wrap, and the first column, which names the
    row (a finding's id), keep their floors."""
    loose = list(floors)
    levels = (
        (_numbers_and_headings, True),
        (_numbers, True),
        (_numbers, False),
        (_nothing, False),
    )
    for words, statuses in levels:
        lower = _level(table, floors, words, statuses)
        if statuses:  # names stay whole as long as status words do
            lower = [floors[i] if i in names else low for i, low in enumerate(lower)]
        while sum(loose) > room:
            index = max(range(len(loose)), key=lambda i: loose[i] - lower[i])
            if loose[index] <= lower[index]:
                break
            loose[index] = max(lower[index], loose[index] - (sum(loose) - room))
    return loose


def _level(
    table: Table, floors: list[int], words: Callable[[Column], int], statuses: bool
) -> list[int]:
    """Each column's floor lowered to ``words`` of it (what cannot wrap, the first column
    and with ``statuses`` a column of status words kept)."""
    return [
        floor
        if column.no_wrap or index == 0
        else min(floor, max(NARROWEST, words(column), _status_words(column) if statuses else 0))
        for index, (column, floor) in enumerate(zip(table.columns, floors, strict=True))
    ]


def _status_words(column: Column) -> int:
    """The widest value of a column of status words (its heading may still break)."""
    return _widest(column.cells, term=True) if _statuses(column) else 0


def _statuses(column: Column) -> bool:
    """A column whose every value is one word or short term (a status, a county): folded,
    ``rectifyin`` / ``g`` or 整改 / 中 reads as two words."""
    values = [_plain(value) for value in column.cells]
    return bool(values) and all(len(pieces(value, term=True)) <= 1 for value in values)


def _nothing(column: Column) -> int:
    return 0


def _short_headings(table: Table) -> None:
    for column in table.columns:
        if isinstance(column.header, Heading):
            column.header = Text(column.header.short, style=column.header.style)


def _less_padding(table: Table) -> None:
    table.padding = (0, 0, 0, 1)  # a space after each rule, none before the next


def _no_rules(table: Table) -> None:
    """Columns apart by one space, the heading underlined by a rule: as ``column -t``."""
    table.box = box.SIMPLE_HEAD
    table.show_edge = False
    table.padding = (0, 0, 0, 0)


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
    """The widest part that should not break: an id, a date, a path, an English word, a
    short bracketed group or a short value (``linebreak``), which folding would break into
    pieces that read as something else (``2026-0``, ``9-YX-01``, ``县（区``). Longer
    Chinese text breaks between its characters."""
    return max(_heading_words(column), _widest(column.cells, term=True))


def _heading_words(column: Column) -> int:
    """The widest word of the heading, a short Chinese one whole (责任单位, not 责任单 / 位)."""
    return _widest((column.header,), term=True)


def _numbers_and_headings(column: Column) -> int:
    return max(_heading_words(column), _numbers(column))


def _numbers(column: Column) -> int:
    """The widest value with digits, which reads wrong when folded (``2026-1``); not the
    column's ``min_width``, which a table may give every column."""
    return _widest(column.cells, digits=True, term=True)


def _widest(cells: Iterable[object], digits: bool = False, term: bool = False) -> int:
    words = (word for line in _lines(cells) for word in pieces(line, term))
    return max(
        (cell_len(word) for word in words if not digits or any(c.isdigit() for c in word)),
        default=0,
    )


def _lines(cells: Iterable[object]) -> Iterator[str]:
    """Each line of each cell's text."""
    return (line for cell in cells for line in _plain(cell).split("\n"))


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
