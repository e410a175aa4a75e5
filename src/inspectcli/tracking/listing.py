"""``inspect finding list``: each finding with its status and the deadline in force.

The deadline and whether it is overdue come from ``inspectcli.deadlines.derive`` (the one
computation of deadlines); nothing here is stored in a file.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import NamedTuple

from inspectcli.deadlines import State, compute
from inspectcli.deadlines.derive import effective_deadline
from inspectcli.deadlines.model import Deadline, Kind
from inspectcli.messages import t
from inspectcli.model.findings import STATUS_ZH
from inspectcli.pipeline.repository import Repository
from inspectcli.redact import mask
from inspectcli.repo.layout import display_path
from inspectcli.tracking.lifecycle import status_label

STATUSES = tuple(STATUS_ZH)


class Row(NamedTuple):
    id: str
    path: str
    county: str
    unit: str
    status: str
    deadline: dt.date  # in force: the finding's, or its last approved extension's
    extended: bool
    state: State
    overdue_working_days: int
    pending_extension: dt.date | None  # the new deadline asked for, awaiting a decision


class Filters(NamedTuple):
    county: str | None = None
    unit: str | None = None  # part of the responsible unit's name
    status: str | None = None
    overdue: bool = False

    def keep(self, row: Row) -> bool:
        return (
            (self.county is None or row.county == self.county)
            and (self.unit is None or self.unit in row.unit)
            and (self.status is None or row.status == self.status)
            and (not self.overdue or row.state is State.OVERDUE)
        )


def rows(repository: Repository, as_of: dt.date, filters: Filters) -> list[Row]:
    agenda = compute(repository, as_of)
    states: dict[str, Deadline] = {
        d.subject: d for d in agenda.deadlines if d.kind is Kind.RECTIFICATION
    }
    found = []
    for path, document in sorted(repository.findings.items()):
        for index, finding in enumerate(document.findings):
            due, loc = effective_deadline(finding, index)
            state = states[finding.id]
            pending = [
                e.new_deadline for e in finding.rectification.extensions if e.decision == "pending"
            ]
            row = Row(
                finding.id,
                display_path(repository.root, path),  # as validate names it
                finding.location.county,
                mask("、".join(u.unit for _, u in finding.units())),  # folded in a table: masked
                finding.rectification.status,
                due,
                "extensions" in loc,
                state.state,
                state.overdue_working_days,
                pending[-1] if pending else None,
            )
            if filters.keep(row):
                found.append(row)
    return found


def summary(found: list[Row]) -> str:
    counts = Counter(row.status for row in found)
    overdue = sum(1 for row in found if row.state is State.OVERDUE)
    return t(
        "tracking-list-summary",
        total=len(found),
        overdue=overdue,
        **{s: counts[s] for s in STATUSES},
    )


def to_json(found: list[Row], as_of: dt.date) -> str:
    items = [
        {
            "id": row.id,
            "path": row.path,
            "county": row.county,
            "unit": row.unit,
            "status": row.status,
            "deadline": row.deadline.isoformat(),
            "extended": row.extended,
            "state": row.state.value,
            "overdue": row.state is State.OVERDUE,
            "overdue_working_days": row.overdue_working_days,
            "pending_extension": row.pending_extension.isoformat()
            if row.pending_extension
            else None,
        }
        for row in found
    ]
    return json.dumps({"as_of": as_of.isoformat(), "findings": items}, ensure_ascii=False, indent=2)


def _state_text(row: Row) -> str:
    text = t(f"deadline-state-{row.state.value}")
    if row.state is State.OVERDUE:
        late = t("deadline-overdue-by", days=row.overdue_working_days)
        text = t("tracking-state-detail", state=text, detail=late)
    if row.pending_extension is not None:
        pending = t("tracking-pending-extension", new=row.pending_extension.isoformat())
        text = t("tracking-state-pending", state=text, detail=pending)
    return text


DATE_WIDTH = len("2026-11-30")
_STYLES = {State.OVERDUE: "bold red", State.DUE_TODAY: "yellow", State.DUE_SOON: "yellow"}


def print_table(found: list[Row], as_of: dt.date) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from inspectcli.output import say
    from inspectcli.output.tables import cell, fit

    console = Console()
    if not found:
        console.print(t("tracking-list-none"))
        return
    table = Table(title=t("tracking-list-title", date=as_of.isoformat()))
    for key in ("id", "county", "unit", "status", "deadline", "state"):
        # A date is never split; the id (what `inspect finding …` takes) only at a hyphen
        # before a Chinese part, as `fit` breaks it.
        table.add_column(t(f"tracking-column-{key}"), min_width=DATE_WIDTH, overflow="fold")
    for row in found:
        deadline = row.deadline.isoformat() + (t("tracking-extended") if row.extended else "")
        status = status_label(row.status)
        table.add_row(
            cell(row.id),
            cell(row.county),
            cell(row.unit),
            status,
            deadline,
            _state_text(row),
            style=_STYLES.get(row.state),
        )
    fit(table, console)
    console.print(table)
    say.note_text(Text(summary(found)))  # a summary: standard error, as every command's
