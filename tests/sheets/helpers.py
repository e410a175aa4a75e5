"""Problem lists made the way a group types one in Excel or WPS, on a copy of the examples.

Every person and household here is invented; the heads are those of the example roster
(``examples/tools/make_roster.py``), which is invented too.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from openpyxl import Workbook

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PLAN = "2026-10-g2"
COUNTY = "梅川县"
# Not the order of the model: a group puts its columns where its template has them.
HEADERS = [
    "序号",
    "乡镇",
    "村",
    "户主",
    "问题类型",
    "问题描述",
    "严重程度",
    "整改措施",
    "整改目标",
    "责任单位",
    "责任人",
    "完成时限",
    "佐证材料",
]


def row(number: int, **changes: Any) -> list[Any]:
    values: dict[str, Any] = {
        "序号": number,
        "乡镇": "梅川镇",
        "村": "大岗村",
        "户主": "陈国平",
        "问题类型": "危房改造",
        "问题描述": f"第{number}个问题：危房改造补助未按规定公示，农户对补助标准不知情。",
        "严重程度": "一般",
        "整改措施": "在村务公开栏公示补助标准和名单，逐户告知。",
        "整改目标": "补助公示到位。",
        "责任单位": "梅川县梅川镇人民政府",
        "责任人": "林某（镇长）",
        "完成时限": dt.datetime(2026, 11, 23),
        "佐证材料": "入户走访记录、照片",
    }
    values.update(changes)
    return [values[h] for h in HEADERS]


def problem_list(path: Path, rows: list[list[Any]], headers: list[str] = HEADERS) -> Path:
    """A title row merged across the sheet, then headers merged over two rows, then rows."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "问题清单"
    sheet.append(["梅川县专项巡查发现问题清单"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    sheet.append(headers)
    sheet.append([None] * len(headers))
    for column in range(1, len(headers) + 1):
        sheet.merge_cells(start_row=2, start_column=column, end_row=3, end_column=column)
    for values in rows:
        sheet.append(values)
    book.save(path)
    return path


def repository(tmp_path: Path) -> Path:
    """The examples without 梅川县's findings file of the round, which the import writes."""
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLES, root, ignore=shutil.ignore_patterns("tools"))
    (root / "findings" / "2026-10-g2-meichuan.yaml").unlink()
    return root
