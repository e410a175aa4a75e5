"""Markdown: a heading per view and a pipe table, ready for a bulletin (通报) draft."""

from __future__ import annotations

import re

from inspectcli.messages import t
from inspectcli.output.escape import LINE_BREAK, visible
from inspectcli.report.model import Report
from inspectcli.report.render_table import heading
from inspectcli.report.views import View, display, views

# What Markdown (GitHub's included) would read as markup in running text or a table cell.
_MARKUP = re.compile(r"([\\`*_\[\]{}#|~!^$])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def _inline(text: str, line_break: str = " ") -> str:
    """User text as literal text on one line: markup characters escaped, HTML as entities,
    each line break (CR, LF, U+2028, …) made ``line_break``, controls shown escaped."""
    text = _MARKUP.sub(r"\\\1", visible(text, keep="\r\n\x0b\x0c\x1c\x1d\x1e\x85"))
    text = re.sub("[&<>]", lambda m: _HTML[m.group()], text)
    return LINE_BREAK.sub(line_break, text)


def _cell(text: str) -> str:
    return _inline(text, "<br>")


def _table(view: View) -> list[str]:
    align = {"int": "---:", "rate": "---:", "permille": "---:"}
    lines = [
        "| " + " | ".join(_cell(c.header) for c in view.columns) + " |",
        "| " + " | ".join(align.get(c.kind, "---") for c in view.columns) + " |",
    ]
    last = len(view.rows) - 1
    for index, row in enumerate(view.rows):
        cells = [_cell(display(v, c.kind)) for v, c in zip(row, view.columns, strict=True)]
        if view.total and index == last:
            cells = [f"**{cell}**" for cell in cells]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def to_markdown(report: Report) -> str:
    policy = t("report-policy", policy=report.policy)
    lines = [f"# {_inline(heading(report))}", "", _inline(policy), ""]
    for view in views(report):
        lines += [f"## {_inline(view.title)}", ""]
        lines += _table(view) if view.rows else [_inline(view.empty)]
        lines.append("")
    lines += [f"> {_inline(t('report-definitions'))}", ""]
    lines += [f"> {_inline(t('report-warning', message=w))}" for w in report.warnings]
    return "\n".join(lines).rstrip("\n") + "\n"
