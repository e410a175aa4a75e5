"""The terminal format: one rich table per view, the definitions and warnings below."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from inspectcli.messages import enumeration, t
from inspectcli.output import say
from inspectcli.output.escape import visible
from inspectcli.output.linebreak import print_broken
from inspectcli.output.tables import Heading, cell, fit
from inspectcli.report.model import Report
from inspectcli.report.views import View, display, text_width, views

_JUSTIFY = {"int": "right", "rate": "right", "permille": "right"}
LONG_TEXT_WIDTH = 24
WIDE = 160  # narrower terminals leave the long texts out
TERMINAL_ROWS = 500  # a year's ledger of a province is no reading for a terminal


def _value_width(view: View, index: int) -> int:
    """The widest value of a number or date column: values never fold (headers may)."""
    column = view.columns[index]
    if column.kind in ("text", "long-text", "name"):
        return 0
    return max((text_width(display(row[index], column.kind)) for row in view.rows), default=0)


def _shown(view: View, width: int) -> list[int]:
    return [i for i, c in enumerate(view.columns) if c.kind != "long-text" or width >= WIDE]


def names(view: View, width: int) -> list[int]:
    """The shown columns of names, kept whole by ``fit``."""
    shown = [view.columns[i].kind for i in _shown(view, width)]
    return [index for index, kind in enumerate(shown) if kind == "name"]


def build_table(view: View, width: int) -> Table:
    """Long texts stay on one line, cut with "…", and a terminal narrower than
    ``WIDE`` leaves them out (Markdown and xlsx carry them whole); the other texts fold."""
    shown = _shown(view, width)
    table = Table(title=view.title, title_justify="left")
    for index in shown:
        column = view.columns[index]
        long = column.kind == "long-text"
        table.add_column(
            Heading(column.header, column.short) if column.short else column.header,
            justify=_JUSTIFY.get(column.kind, "left"),  # type: ignore[arg-type]
            overflow="ellipsis" if long else "fold",
            no_wrap=long,
            max_width=LONG_TEXT_WIDTH if long else None,
            min_width=_value_width(view, index) or None,
        )
    last = len(view.rows) - 1
    for number, row in enumerate(view.rows[:TERMINAL_ROWS]):
        cells = [cell(display(row[i], view.columns[i].kind)) for i in shown]
        table.add_row(*cells, style="bold" if view.total and number == last else None)
    notes = []
    if len(view.rows) > TERMINAL_ROWS:
        notes.append(t("report-more-rows", shown=TERMINAL_ROWS, total=len(view.rows)))
    left_out = [c.header for i, c in enumerate(view.columns) if i not in shown]
    if left_out:  # named: the ledger leaves out its texts, accountability its rules
        notes.append(t("report-narrow", columns=enumeration(left_out), width=WIDE))
    table.caption = "\n".join(notes) or None
    return table


def heading(report: Report) -> str:
    return t(
        "report-title",
        authority=report.authority,
        period=report.period.label,
        as_of=report.as_of.isoformat(),
    )


def print_report(report: Report, console: Console | None = None) -> None:
    console = console or Console(highlight=False)
    print_broken(console, Text(visible(heading(report)), style="bold"))
    print_broken(console, Text(visible(t("report-policy", policy=report.policy)), style="dim"))
    for view in views(report):
        if view.rows:
            table = build_table(view, console.width)
            fit(table, console, names(view, console.width))
            console.print(table)
        else:
            empty = t("report-empty-view", title=view.title, empty=view.empty)
            print_broken(console, Text(empty))
    print_broken(console, Text(t("report-definitions"), style="dim"))
    for warning in report.warnings:  # a message, not the report's data: standard error
        say.note_text(Text(visible(t("report-warning", message=warning)), style="yellow"))
