"""Where a line of the terminal may break, for English and Chinese text alike.

rich breaks a line at spaces only and folds a longer word at any cell; to rich a Chinese
sentence is one long word, folded where the cell ends: in a year (20 / 16年), after an
opening bracket or before a closing one (县（区 / ）). Here a line breaks:

* freely at a space, between two Chinese characters and after a comma between words
  (``pre-exited=2,`` / ``not-exited=1``);
* only when nothing else fits inside a short bracketed group (``(0 late)``, ``（镇长）``),
  a Chinese date (2016年 / 6月17日), an article (第三十九条（五）), a number and what it
  counts (``3 户``, ``22 done``), in a sentence a label and its number (已完成 22) and,
  in a table's cell, a short value without spaces (县（区）, 已整改);
* in a table's cell, an id with Chinese parts only after a hyphen
  (``2026-11-09-`` / ``第一督查组-`` / ``石岭县-01``);
* never inside a run of ASCII (a date, an id, a word), a year (2016年), before closing
  punctuation or after opening punctuation (GB/T 15834), unless the piece alone is wider
  than the line.
"""

from __future__ import annotations

import re
from enum import IntEnum
from functools import lru_cache
from itertools import pairwise

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, JustifyMethod, OverflowMethod
from rich.containers import Lines
from rich.measure import Measurement
from rich.text import Text

SHORT_TERM = 10  # cells: a value this short without spaces is one term (县（区）, 第一督查组)
SHORT_GROUP = 12  # cells: a bracketed group this short is kept on one line
CLOSING = "。，、；：？！”’）》〕】」』%"
OPENING = "“‘（《〔【「『"
# The pieces of a line: a run of printable ASCII, or one other character; each with the
# spaces after it.
_PIECE = re.compile(r"[!-~]+[^\S\n]*|[^\s][^\S\n]*|[^\S\n]+")
_GROUP = re.compile(r"[（(〔【\[][^（）()〔〕【】\[\]\n]*[）)〕】\]]")
# An article: 第三十九条, 第 10.1 条.
_ARTICLE = re.compile(r"第(?:[〇零一二三四五六七八九十百\d]+|[^\S\n]?\d[\d.]*[^\S\n]?)[章节条款项]")
_CHINESE_DATE = re.compile(r"\d{4}年\d{1,2}月(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日")
# A number and what it counts: 3 户, 1 个月, 3 个工作日, 22 done.
_MEASURED = re.compile(
    r"\d[^\S\n]?(?:个(?:工作日|月)?|[户项类条列次人名件处份天周])|(?<![!-~])\d+[^\S\n]+[A-Za-z]+"
)
# In a sentence (not in a table's cell, where each line is as narrow as can be), a Chinese
# label and its number: 已完成 22; and a bracketed group with what it belongs to.
_LABELLED = re.compile(
    r"(?:^|(?<=[，、；：。\s]))[\u4e00-\u9fff]{1,6}[^\S\n]\d+(?:\.\d+)?(?![!-~])"
)
_WORD_BEFORE = re.compile(r"(?<![!-~])[A-Za-z]+[^\S\n]+$")
_ASCII_BEFORE = re.compile(r"[!-~]+$")
_FIXED = re.compile(r"\d[年月日号]")
_LIST_COMMA = re.compile(r"(?<=[A-Za-z\d],)(?=[A-Za-z])")  # pre-exited=2,/not-exited=1
# An id of parts joined by hyphens, some of them Chinese: 2026-11-09-第一督查组-石岭县-01.
_ID = re.compile(r"[0-9A-Za-z][^\s-]*(?:-[^\s-]+)+")


class Break(IntEnum):
    FREE = 0
    KEPT = 1  # broken only when the kept piece alone is wider than the line
    NEVER = 2  # broken only when one piece alone is wider than the line


@lru_cache(maxsize=8192)  # a table repeats its values (a unit, a status) on many rows
def strengths(line: str, term: bool = False, group: int = SHORT_GROUP) -> tuple[Break, ...]:
    """For each position ``i`` of ``line`` (no line break in it), how freely it breaks
    before ``line[i]``; ``term``: the line is a table's value, kept whole when short;
    ``group``: the widest group kept whole (wider on a wider line)."""
    if term and _is_id(line):
        return _id_strengths(line)
    result = [Break.NEVER] * (len(line) + 1)
    found = list(_PIECE.finditer(line))
    for piece in found:
        result[piece.start()] = Break.FREE
    for comma in _LIST_COMMA.finditer(line):
        result[comma.start()] = Break.FREE
    for index, char in enumerate(line):
        if char in CLOSING or (index and line[index - 1] in OPENING):
            result[index] = Break.NEVER
    for piece in found:
        if piece.group()[0] in OPENING:  # a space after an opening mark holds it too
            result[piece.end()] = Break.NEVER
    for match in _FIXED.finditer(line):
        result[match.start() + 1] = Break.NEVER
    patterns = (_GROUP, _ARTICLE, _CHINESE_DATE, _MEASURED, *(() if term else (_LABELLED,)))
    kept = [match for pattern in patterns for match in pattern.finditer(line)]
    spans = [
        (m.start() if term else _glued(line, m.start()), m.end())
        for m in kept
        if cell_len(m.group()) <= group
    ]
    if term and not any(ch.isspace() for ch in line) and cell_len(line) <= SHORT_TERM:
        spans.append((0, len(line)))
    for start, end in spans:
        for index in range(start + 1, end):
            result[index] = max(result[index], Break.KEPT)
    result[0] = Break.FREE
    result[len(line)] = Break.FREE
    return tuple(result)


def _is_id(line: str) -> bool:
    """A table's value that is an id with Chinese parts, each part short (an id of ASCII
    alone is one run, never broken)."""
    return (
        not line.isascii()
        and _ID.fullmatch(line) is not None
        and all(cell_len(part) <= SHORT_TERM for part in line.split("-"))
    )


def _id_strengths(line: str) -> tuple[Break, ...]:
    """An id breaks only after a hyphen next to a Chinese part: 2026-11-09- / 第一督查组- /
    石岭县-01, never inside 第一督查组 nor inside the date."""
    result = [Break.NEVER] * (len(line) + 1)
    for index in range(2, len(line)):
        if line[index - 1] == "-" and not (line[index - 2].isascii() and line[index].isascii()):
            result[index] = Break.FREE
    result[0] = result[len(line)] = Break.FREE
    return tuple(result)


def _glued(line: str, start: int) -> int:
    """Where a kept group starts with what it belongs to: the English word before it
    (``done (0 late)``), the number it follows (``22（其中逾期完成 0）``)."""
    before = {"(": _WORD_BEFORE, "（": _ASCII_BEFORE}.get(line[start])
    word = before.search(line, 0, start) if before else None
    return word.start() if word else start


def breaks(line: str, width: int, term: bool = False) -> list[int]:
    """Where to break ``line`` so that no part is wider than ``width`` cells: at the last
    free position that fits, else the last kept one, else wherever the cell ends."""
    allowed = strengths(line, term, max(SHORT_GROUP, width // 2))
    cells = [0]
    for char in line:
        cells.append(cells[-1] + cell_len(char))
    result: list[int] = []
    start = 0
    while cells[-1] - cells[start] > width and line[start:].rstrip():
        end = start + 1
        while end < len(line) and cells[end + 1] - cells[start] <= width:
            end += 1
        while end < len(line) and line[end] == " ":
            end += 1  # spaces at the end of a line take no room
        if end >= len(line):
            break
        at = _last(allowed, start, end, Break.FREE)
        at = _last(allowed, start, end, Break.KEPT) if at is None else at
        start = end if at is None else at
        result.append(start)
    return result


def _last(allowed: tuple[Break, ...], start: int, end: int, level: Break) -> int | None:
    return next((i for i in range(end, start, -1) if allowed[i] <= level), None)


@lru_cache(maxsize=8192)
def pieces(line: str, term: bool = False) -> tuple[str, ...]:
    """The parts of ``line`` between its free breaks: what a wide enough line never
    breaks (a kept group, a word, a date), trailing spaces left out."""
    allowed = strengths(line, term)
    free = [i for i in range(len(line) + 1) if allowed[i] is Break.FREE]
    parts = (line[a:b].rstrip() for a, b in pairwise(free))
    return tuple(part for part in parts if part)


def wrap(text: Text | str, width: int, term: bool = False) -> Text:
    """``text`` with a line break wherever a line would run past ``width`` cells, its
    styles kept."""
    rich = text if isinstance(text, Text) else Text(text)
    offsets: list[int] = []
    position = 0
    for line in rich.plain.split("\n"):
        offsets.extend(position + at for at in breaks(line, width, term))
        position += len(line) + 1
    if not offsets:
        return rich
    lines = rich.divide(offsets)
    for part in lines:
        part.rstrip()
    return rich.blank_copy("\n").join(lines)


def print_broken(console: Console, text: Text) -> None:
    """``text`` on ``console``, its lines broken here rather than by rich."""
    console.print(wrap(text, console.width), soft_wrap=True)


class BreakingText(Text):
    """Text that rich lays out (a cell of typer's help, whose width rich computes) with
    its lines broken as ``breaks`` does, and measured by its widest piece."""

    @classmethod
    def of(cls, text: Text) -> BreakingText:
        copy = cls(
            text.plain,
            style=text.style,
            justify=text.justify,
            overflow=text.overflow,
            no_wrap=text.no_wrap,
            end=text.end,
            tab_size=text.tab_size,
        )
        copy.spans = text.spans
        return copy

    def wrap(
        self,
        console: Console,
        width: int,
        *,
        justify: JustifyMethod | None = None,
        overflow: OverflowMethod | None = None,
        tab_size: int = 8,
        no_wrap: bool | None = None,
    ) -> Lines:
        if no_wrap or self.no_wrap:
            return super().wrap(console, width, justify=justify, overflow=overflow, no_wrap=True)
        lines = Lines()
        for line in self.split(allow_blank=True):
            line.expand_tabs(tab_size)
            parts = line.divide(breaks(line.plain, width))
            for part in parts:
                part.rstrip()
            how = justify or self.justify or "default"
            parts.justify(console, width, justify=how, overflow=overflow or "fold")
            lines.extend(parts)
        return lines

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        lines = self.plain.split("\n")
        widest = max((cell_len(part) for line in lines for part in pieces(line)), default=0)
        return Measurement(widest, max(map(cell_len, lines), default=0))
