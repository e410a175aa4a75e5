"""Render 100 rectification letters; compare with a bare python-docx document holding the
same problem table, in the same run.

    PYTHONPATH=src python benchmarks/bench_render.py [N]
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import tempfile
import time
from pathlib import Path

from docx import Document

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "validate"))

from helpers import make_repo  # noqa: E402

from inspectcli.render.context import letter_context, load_case  # noqa: E402
from inspectcli.render.letter import render_letter  # noqa: E402

FINDING = """\
  - id: R1-{n:02d}
    content: "0302"
    location: {{county: 云岗县, town: 石桥镇, village: 青石村, household: YG-01}}
    description: 预脱贫户“八有”中饮水安全未落实，帮扶手册记载与实际不符，第{n}项。
    responsible: {{unit: 石桥镇人民政府, person: 己某}}
    measures: 一个月内完成入户供水管网接通，并对全镇预脱贫户逐户排查。
    deadline: 2026-10-12
"""


def bare(context: dict[str, object]) -> bytes:
    document = Document()
    rows = context["findings"]
    assert isinstance(rows, list)
    table = document.add_table(rows=1, cols=6)
    for cell, text in zip(
        table.rows[0].cells,
        ("序号", "问题类别", "具体问题", "责任单位", "整改要求", "整改时限"),
        strict=True,
    ):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        for cell, key in zip(
            cells,
            ("index", "category", "problem", "responsible", "measures", "deadline"),
            strict=True,
        ):
            cell.text = row[key]
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    with tempfile.TemporaryDirectory() as folder:
        root = make_repo(None, Path(folder) / "repo")
        path = root / "findings" / "r1.yaml"
        head = path.read_text(encoding="utf-8").split("findings:\n")[0]
        body = "".join(FINDING.format(n=n) for n in range(1, 21))
        path.write_text(head + "findings:\n" + body, encoding="utf-8")
        start = time.perf_counter()
        case = load_case(path)
        load = time.perf_counter() - start
        date = dt.date(2026, 9, 11)
        start = time.perf_counter()
        for _ in range(count):
            render_letter(case, date=date)
        ours = time.perf_counter() - start
        context = letter_context(case, date, "岚乡振〔2026〕3号")
        start = time.perf_counter()
        for _ in range(count):
            bare(context)
        baseline = time.perf_counter() - start
    print(f"load case once: {load * 1000:.0f} ms")
    print(f"{count} letters (20 findings each), docxtpl template: {ours:.2f} s")
    print(f"{count} bare python-docx documents, same table: {baseline:.2f} s")
    print(f"ratio: {ours / baseline:.2f}x")


if __name__ == "__main__":
    main()
