"""Markdown: a heading per view and a pipe table, ready for a bulletin (通报) draft."""

from __future__ import annotations

from inspectcli.messages import t
from inspectcli.report.model import Report
from inspectcli.report.render_table import heading
from inspectcli.report.views import View, display, views


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")


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
    lines = [f"# {heading(report)}", "", t("report-policy", policy=report.policy), ""]
    for view in views(report):
        lines += [f"## {view.title}", ""]
        lines += _table(view) if view.rows else [view.empty]
        lines.append("")
    lines += [f"> {t('report-definitions')}", ""]
    lines += [f"> {t('report-warning', message=w)}" for w in report.warnings]
    return "\n".join(lines).rstrip("\n") + "\n"
