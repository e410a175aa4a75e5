"""Render 100 rectification letters, 100 reports and 100 bulletins; compare each with a bare
python-docx document holding the same table, in the same run.

Letters use a generated round of 20 findings; the report (round 2026-09-g1) and the
bulletin (2026-09) use the example repository, opened once.

    PYTHONPATH=src python benchmarks/bench_render.py [N]
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docx import Document

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "validate"))

from helpers import make_repo  # noqa: E402

from inspectcli.pipeline.repository import open_repository  # noqa: E402
from inspectcli.render.bulletin import bulletin_context, render_bulletin  # noqa: E402
from inspectcli.render.context import letter_context, load_case  # noqa: E402
from inspectcli.render.letter import render_letter  # noqa: E402
from inspectcli.render.report import render_report, report_context  # noqa: E402

EXAMPLES = HERE.parent / "examples"

FINDING = """\
  - id: R1-{n:02d}
    content: "0302"
    location: {{county: 云岗县, town: 石桥镇, village: 青石村, household: YG-01}}
    description: 预脱贫户“八有”中饮水安全未落实，帮扶手册记载与实际不符，第{n}项。
    responsible: {{unit: 石桥镇人民政府, person: 己某}}
    measures: 一个月内完成入户供水管网接通，并对全镇预脱贫户逐户排查。
    deadline: 2026-10-12
"""


def bare_table(headings: tuple[str, ...], rows: list[list[str]]) -> bytes:
    """The baseline: a default python-docx document with the same table, nothing else."""
    document = Document()
    table = document.add_table(rows=1, cols=len(headings))
    for cell, text in zip(table.rows[0].cells, headings, strict=True):
        cell.text = text
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def timed(count: int, action: Callable[[], object]) -> float:
    start = time.perf_counter()
    for _ in range(count):
        action()
    return time.perf_counter() - start


def rows_of(context: dict[str, Any], key: str, fields: tuple[str, ...]) -> list[list[str]]:
    return [[str(row[f]) for f in fields] for row in context[key]]


def report(line: str, ours: float, baseline: float, count: int) -> None:
    print(
        f"{count} {line}: {ours:.2f} s; bare python-docx, same table: {baseline:.2f} s; "
        f"ratio {ours / baseline:.2f}x"
    )


def letters(count: int, date: dt.date) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = make_repo(None, Path(folder) / "repo")
        path = root / "findings" / "r1.yaml"
        head = path.read_text(encoding="utf-8").split("findings:\n")[0]
        body = "".join(FINDING.format(n=n) for n in range(1, 21))
        path.write_text(head + "findings:\n" + body, encoding="utf-8")
        start = time.perf_counter()
        case = load_case(path)
        print(f"load case once: {(time.perf_counter() - start) * 1000:.0f} ms")
        ours = timed(count, lambda: render_letter(case, date=date))
        context = letter_context(case, date, "岚乡振〔2026〕3号")
    fields = ("index", "category", "problem", "responsible", "measures", "deadline")
    headings = ("序号", "问题类别", "具体问题", "责任单位", "整改要求", "整改时限")
    baseline = timed(count, lambda: bare_table(headings, rows_of(context, "findings", fields)))
    report("letters (20 findings each)", ours, baseline, count)


def documents(count: int, date: dt.date) -> None:
    start = time.perf_counter()
    repository = open_repository(EXAMPLES)
    print(f"open the example repository once: {(time.perf_counter() - start) * 1000:.0f} ms")
    plan = repository.plan("2026-09-g1")
    assert plan is not None
    ours = timed(count, lambda: render_report(repository, plan, date=date))
    context = report_context(repository, plan, date)
    fields = ("county", "findings", "rectified", "verified", "rectifying", "open", "overdue")
    rows = rows_of(context, "rows", fields)
    baseline = timed(count, lambda: bare_table(fields, rows))
    report("reports (2 counties, 15 findings)", ours, baseline, count)
    ours = timed(count, lambda: render_bulletin(repository, "2026-09", date=date))
    context = bulletin_context(repository, "2026-09", date, "青乡振〔2026〕54号")
    fields = ("index", "county", "rounds", "findings", "rectified", "overdue", "rate")
    rows = rows_of(context, "rows", fields)
    baseline = timed(count, lambda: bare_table(fields, rows))
    report("bulletins (2026-09)", ours, baseline, count)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    date = dt.date(2026, 11, 21)
    letters(count, date)
    documents(count, date)


if __name__ == "__main__":
    main()
