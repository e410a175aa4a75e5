"""The three views of a report as typed rows: the summary, the ledger and accountability.

The table, Markdown and xlsx renderers draw these same rows; each cell keeps its type
(``Kind``) so that a spreadsheet gets numbers, percentages and dates, and a terminal
gets text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from inspectcli.messages import t
from inspectcli.output.tables import text_width as text_width  # its renderers' width
from inspectcli.report.model import AccountabilityRow, LedgerRow, Member, Report, Tally

Kind = Literal["text", "long-text", "name", "int", "rate", "permille", "date"]
Value = str | int | float | dt.date | None
DASH = "—"


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind
    short: str = ""  # the heading on a narrow terminal, when it has a shorter form


@dataclass(frozen=True)
class View:
    name: str  # sheet name
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]
    empty: str  # said instead of an empty table
    total: bool = False  # the last row is a total


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

# The short form of a heading: ``<key>-short``, the same words in Chinese.
SHORT = {
    key: f"{key}-short"
    for key in (
        "report-col-visited",
        "report-col-rectified",
        "report-col-verified",
        "report-col-overdue",
        "report-col-on-time",
        "report-col-settled",
        "report-col-rate",
    )
}


def _column(key: str, kind: Kind, header: str | None = None) -> Column:
    """The column of a message key, with its heading's short form if it has one."""
    short = SHORT.get(key)
    return Column(header or t(key), kind, t(short) if short else "")


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
    """A row per county, unit, …; by household group, the households visited first."""
    by = t(f"report-by-{report.by}")
    visited = report.by == "household-group"
    columns = (
        Column(by[:1].upper() + by[1:], "text"),  # a heading, as the others: "County"
        *((_column("report-col-visited", "int"),) if visited else ()),
        *(_column(k, kind) for k, kind in SUMMARY_COLUMNS),
    )

    def cells(tally: Tally) -> tuple[Value, ...]:
        return (*((tally.visited,) if visited else ()), *tally_cells(tally))

    rows = [(row.label, *cells(row.tally)) for row in report.rows]
    rows.append((t("report-total"), *cells(report.total)))
    empty = t("report-no-findings", period=report.period.label)
    title = t("report-summary-title", by=by)
    return View(t("report-sheet-summary"), title, columns, tuple(rows), empty, total=True)


# --- ledger ------------------------------------------------------------------------------


def overdue_flag(row: LedgerRow) -> str:
    if row.overdue:
        return t("report-yes")
    return t("report-done-late") if row.late else t("report-no")


@dataclass(frozen=True)
class LedgerColumn:
    """A column of the ledger and its cell; ``wide`` names it in the 台账 sheet of a
    workbook (None: the same), which alone has room for the columns marked ``wide_only``."""

    key: str
    kind: Kind
    cell: Callable[[LedgerRow], Value]
    wide: str | None = None
    wide_only: bool = False


LEDGER: tuple[LedgerColumn, ...] = (
    LedgerColumn("report-col-id", "text", lambda row: row.id),
    LedgerColumn("report-col-county", "text", lambda row: row.county),
    LedgerColumn("report-col-place", "text", lambda row: row.place, wide_only=True),
    LedgerColumn("report-col-category", "text", lambda row: row.category, wide_only=True),
    LedgerColumn("report-col-description", "long-text", lambda row: row.description),
    LedgerColumn("report-col-target", "long-text", lambda row: row.target),
    LedgerColumn("report-col-measures", "long-text", lambda row: row.measures),
    # left out on a narrow terminal, as the texts are
    LedgerColumn("report-col-lead", "long-text", lambda row: row.lead),
    LedgerColumn("report-col-unit", "text", lambda row: row.unit),
    LedgerColumn("report-col-person", "text", lambda row: row.person),
    LedgerColumn(
        "report-col-deadline", "date", lambda row: row.deadline, "report-col-deadline-in-force"
    ),
    LedgerColumn("report-col-status", "text", lambda row: t(f"finding-status-{row.status}")),
    LedgerColumn("report-col-progress", "long-text", lambda row: row.progress, wide_only=True),
    LedgerColumn("report-col-completed", "date", lambda row: row.completed),
    LedgerColumn("report-col-overdue-flag", "text", overdue_flag),
)


def ledger_columns(wide: bool = False) -> tuple[LedgerColumn, ...]:
    return tuple(column for column in LEDGER if wide or not column.wide_only)


def ledger_cells(row: LedgerRow, wide: bool = False) -> tuple[Value, ...]:
    return tuple(column.cell(row) for column in ledger_columns(wide))


def ledger_view(report: Report, wide: bool = False) -> View:
    spec = ledger_columns(wide)
    columns = tuple(_column(c.key, c.kind, t(c.wide) if wide and c.wide else None) for c in spec)
    rows = tuple(ledger_cells(row, wide) for row in report.ledger)
    empty = t("report-no-findings", period=report.period.label)
    return View(t("report-sheet-ledger"), t("report-ledger-title"), columns, rows, empty)


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
    return View(
        t("report-sheet-accountability"), t("report-accountability-title"), columns, rows, empty
    )


# --- members of a roll-up ------------------------------------------------------------------

MEMBER_COLUMNS: tuple[tuple[str, Kind], ...] = (
    ("report-col-member", "name"),
    ("report-col-path", "long-text"),
    ("report-col-authority", "name"),
    ("report-col-policy", "long-text"),
    ("report-col-problems", "int"),
    *SUMMARY_COLUMNS,
)


def member_cells(member: Member) -> tuple[Value, ...]:
    counts = tally_cells(member.total) if member.total else (None,) * len(SUMMARY_COLUMNS)
    shown = (member.authority, member.policy) if member.total else (t("report-left-out"), None)
    return (member.name, member.path, *shown, member.problems, *counts)


def members_view(report: Report) -> View:
    columns = tuple(_column(k, kind) for k, kind in MEMBER_COLUMNS)
    rows = tuple(member_cells(member) for member in report.members)
    return View("汇总范围", t("report-members-title"), columns, rows, t("report-no-members"))


def views(report: Report, wide: bool = False) -> tuple[View, ...]:
    """The views; ``wide``: the ledger with every column (for a workbook); a roll-up's
    members first."""
    shown = (summary_view(report), ledger_view(report, wide), accountability_view(report))
    return (members_view(report), *shown) if report.members else shown
