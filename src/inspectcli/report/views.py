"""The three views of a report as typed rows: the summary, the ledger and accountability.

The table, Markdown and xlsx renderers draw these same rows; each cell keeps its type
(``Kind``) so that a spreadsheet gets numbers, percentages and dates, and a terminal
gets text.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from inspectcli.messages import t
from inspectcli.model.findings import STATUS_ZH
from inspectcli.report.model import AccountabilityRow, LedgerRow, Report, Tally

Kind = Literal["text", "long-text", "int", "rate", "permille", "date"]
Value = str | int | float | dt.date | None
DASH = "—"


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind


@dataclass(frozen=True)
class View:
    name: str  # sheet name
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]
    empty: str  # said instead of an empty table
    total: bool = False  # the last row is a total


def text_width(text: str) -> int:
    """Columns the text takes: a wide (CJK) character counts as two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def display(value: Value, kind: Kind) -> str:
    """A cell as text: rates as percentages, a missing value as "—"."""
    if value is None or value == "":
        return DASH
    if kind == "rate" and isinstance(value, float):
        return f"{value:.1%}"
    if kind == "permille" and isinstance(value, float):
        return f"{value:.2f}‰"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# --- summary -----------------------------------------------------------------------------

SUMMARY_COLUMNS: tuple[tuple[str, Kind], ...] = (
    ("report-col-findings", "int"),
    ("report-col-rectified", "int"),
    ("report-col-verified", "int"),
    ("report-col-overdue", "int"),
    ("report-col-on-time", "int"),
    ("report-col-settled", "int"),
    ("report-col-rate", "rate"),
    ("report-col-on-time-rate", "rate"),
)


def tally_cells(tally: Tally) -> tuple[Value, ...]:
    return (
        tally.findings,
        tally.rectified,
        tally.verified,
        tally.overdue,
        tally.on_time,
        tally.settled,
        tally.rectification_rate,
        tally.on_time_rate,
    )


def summary_view(report: Report) -> View:
    by = t(f"report-by-{report.by}")
    columns = (Column(by, "text"), *(Column(t(k), kind) for k, kind in SUMMARY_COLUMNS))
    rows = [(row.label, *tally_cells(row.tally)) for row in report.rows]
    rows.append((t("report-total"), *tally_cells(report.total)))
    empty = t("report-no-findings", period=report.period.label)
    title = t("report-summary-title", by=by)
    return View("汇总", title, columns, tuple(rows), empty, total=True)


# --- ledger ------------------------------------------------------------------------------

LEDGER_COLUMNS: tuple[tuple[str, Kind], ...] = (
    ("report-col-id", "text"),
    ("report-col-county", "text"),
    ("report-col-description", "long-text"),
    ("report-col-target", "long-text"),
    ("report-col-measures", "long-text"),
    ("report-col-lead", "long-text"),  # left out on a narrow terminal, as the texts are
    ("report-col-unit", "text"),
    ("report-col-person", "text"),
    ("report-col-deadline", "date"),
    ("report-col-status", "text"),
    ("report-col-completed", "date"),
    ("report-col-overdue-flag", "text"),
)


def overdue_flag(row: LedgerRow) -> str:
    if row.overdue:
        return t("report-yes")
    return t("report-done-late") if row.late else t("report-no")


def ledger_cells(row: LedgerRow) -> tuple[Value, ...]:
    return (
        row.id,
        row.county,
        row.description,
        row.target,
        row.measures,
        row.lead,
        row.unit,
        row.person,
        row.deadline,
        STATUS_ZH[row.status],
        row.completed,
        overdue_flag(row),
    )


def ledger_view(report: Report) -> View:
    columns = tuple(Column(t(k), kind) for k, kind in LEDGER_COLUMNS)
    rows = tuple(ledger_cells(row) for row in report.ledger)
    empty = t("report-no-findings", period=report.period.label)
    return View("台账", t("report-ledger-title"), columns, rows, empty)


# --- accountability ----------------------------------------------------------------------

ACCOUNTABILITY_COLUMNS: tuple[tuple[str, Kind], ...] = (
    ("report-col-level", "text"),
    ("report-col-unit-id", "text"),
    ("report-col-mis-identified", "int"),
    ("report-col-wrongly-exited", "int"),
    ("report-col-people", "int"),
    ("report-col-population", "int"),
    ("report-col-permille", "permille"),
    ("report-col-reached", "long-text"),
    ("report-col-consequence", "long-text"),
    ("report-col-source", "text"),
)


def accountability_cells(row: AccountabilityRow) -> Iterator[tuple[Value, ...]]:
    """One line per rule the unit reaches (or one line saying none is)."""
    counts: tuple[Value, ...] = (
        t(f"report-level-{row.level}"),
        row.unit,
        row.mis_identified,
        row.wrongly_exited,
        row.people,
        row.population,
        row.permille,
    )
    if not row.reached:
        yield (*counts, t("report-none-reached"), None, None)
    for reached in row.reached:
        yield (*counts, "；".join(reached.conditions), reached.consequence, reached.source)


def accountability_view(report: Report) -> View:
    columns = tuple(Column(t(k), kind) for k, kind in ACCOUNTABILITY_COLUMNS)
    rows = tuple(cells for row in report.accountability for cells in accountability_cells(row))
    empty = t("report-no-tagged") if report.rules else t("report-no-rules")
    return View("问责", t("report-accountability-title"), columns, rows, empty)


def views(report: Report) -> tuple[View, View, View]:
    return summary_view(report), ledger_view(report), accountability_view(report)
