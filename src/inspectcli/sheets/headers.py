"""The header row of a problem list and the field each of its columns holds.

Groups type their lists in Excel or WPS from templates that differ by county: a title row
or two above the header, headers merged over two rows, the same column named three ways
(具体问题, 问题描述, 存在问题), in any order. Hainan §5.3 and Heyuan §4 name the columns
a ledger holds; the built-in names below are theirs and their usual variants.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from inspectcli.model.settings import SheetField
from inspectcli.sheets.grid import Formula, Grid

HEADERS: dict[SheetField, tuple[str, ...]] = {
    "number": ("序号", "编号", "问题编号"),
    "category": ("问题类别", "问题类型", "问题分类", "督查内容", "类别"),
    "description": ("具体问题", "问题描述", "存在问题", "问题表现", "主要问题"),
    "town": ("乡镇", "乡镇（街道）", "镇", "所在乡镇"),
    "village": ("村", "村（社区）", "行政村", "所在村"),
    "household": ("户主", "农户", "户主姓名", "农户姓名", "户编号"),
    "unit": ("责任单位", "整改责任单位"),
    "person": ("责任人", "整改责任人"),
    "measures": ("整改措施", "整改要求", "整改要求（措施）"),
    "target": ("整改目标",),
    "deadline": ("整改时限", "完成时限", "整改期限", "完成时间"),
    "severity": ("严重程度", "问题等级", "问题程度"),
    "evidence": ("佐证材料", "问题佐证", "佐证"),
}
SCANNED_ROWS = 20  # a header lies under a title or two, never this far down
NEEDED = 3  # matched headers that make a row the header row

_NOISE = re.compile(r"[\s*＊:：]|[（(][^）)]*[）)]$")


def normalised(text: str) -> str:
    """A header as compared: blanks, stars and a trailing note in brackets left out."""
    return _NOISE.sub("", text)


def aliases(extra: Mapping[SheetField, Sequence[str]]) -> dict[str, SheetField]:
    """Each header name → its field: the built-in names, changed by ``inspect.yaml``'s
    ``sheets.headers`` (a name given there belongs to that field only)."""
    found: dict[str, SheetField] = {}
    for table in (HEADERS, extra):
        for name, names in table.items():
            for header in names:
                found[normalised(header)] = name
    return found


class Header(NamedTuple):
    row: int  # 1-based
    columns: dict[SheetField, int]  # field → 1-based column (the first that names it)
    unknown: list[tuple[int, str]]  # columns with a header that names no field


def find_header(grid: Grid, names: Mapping[str, SheetField]) -> Header | None:
    """The row among the first ones that names the most fields (at least ``NEEDED``)."""
    best: Header | None = None
    for row in range(1, min(len(grid.rows), SCANNED_ROWS) + 1):
        header = _read_row(grid, row, names)
        if len(header.columns) >= NEEDED and (
            best is None or len(header.columns) > len(best.columns)
        ):
            best = header
    return best


def _read_row(grid: Grid, row: int, names: Mapping[str, SheetField]) -> Header:
    columns: dict[SheetField, int] = {}
    unknown: list[tuple[int, str]] = []
    for index, value in enumerate(grid.rows[row - 1], start=1):
        if not isinstance(value, str) or isinstance(value, Formula) or not value.strip():
            continue
        name = names.get(normalised(value))
        if name is None:
            unknown.append((index, value.strip()))
        else:
            columns.setdefault(name, index)
    return Header(row, columns, unknown)
