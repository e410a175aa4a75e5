"""A filled-in rectification ledger → the lifecycle changes ``inspect finding update`` and
``inspect finding extend`` make, checked by the same rules (``tracking.lifecycle``) and
written by the same edits (``tracking.store``).

Each filled row is one finding's report: progress (and a status, 整改中 or 已整改, with
the date completed and evidence), and perhaps an extension asked for with its reason
(Heyuan §6). A row whose finding changed since the export (its fingerprint) is refused:
the unit reported on a finding that is no longer the one it saw. Every row is checked
before any file is written; one fault anywhere writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import NamedTuple

from ruamel.yaml.comments import CommentedMap

from inspectcli.messages import t
from inspectcli.model.findings import Finding
from inspectcli.model.moment import day_of
from inspectcli.output.problems import parsable
from inspectcli.pipeline.repository import Repository
from inspectcli.problems import Problem, Severity, errors
from inspectcli.sheets.cells import CellReader
from inspectcli.sheets.grid import Grid
from inspectcli.sheets.headers import normalised
from inspectcli.sheets.ledger import (
    FILLED_STATUSES,
    FINGERPRINT_HEADER,
    ID_HEADER,
    fingerprint,
)
from inspectcli.tracking import lifecycle
from inspectcli.tracking.lifecycle import Change, Refused
from inspectcli.tracking.store import NotFound, Outcome, WouldBeInvalid, apply, locate

INFO = Severity.INFO
FILLED = ("整改进展", "整改状态", "完成时间", "佐证材料", "申请延期至", "延期理由")
_SPLIT = "、，,；;\n"


class Report(NamedTuple):
    """What one row asks for."""

    row: int
    finding: str
    note: str | None
    status: str | None  # rectifying or rectified
    completed: dt.date | None
    evidence: tuple[str, ...]
    extend_to: dt.date | None
    reason: str | None


class Progress(NamedTuple):
    outcomes: list[Outcome]
    problems: list[Problem]


def _columns(grid: Grid) -> tuple[int, dict[str, int]] | None:
    """The ledger's header row and its columns by header."""
    wanted = {normalised(h) for h in (*FILLED, ID_HEADER, FINGERPRINT_HEADER)}
    for row, cells in enumerate(grid.rows[:20], start=1):
        found = {
            normalised(value): column
            for column, value in enumerate(cells, start=1)
            if isinstance(value, str) and normalised(value) in wanted
        }
        if len(found) == len(wanted):
            return row, found
    return None


def read_reports(grid: Grid, day: dt.date) -> tuple[list[Report], list[Problem]]:
    reader = CellReader(grid)
    found = _columns(grid)
    if found is None:
        headers = "、".join((*FILLED, ID_HEADER, FINGERPRINT_HEADER))
        reader.fail(1, 1, "ledger-no-header", t("ledger-no-header", headers=headers))
        return [], reader.problems
    header, columns = found
    reports = []
    for row in range(header + 1, len(grid.rows) + 1):
        report = _report(reader, row, columns, day)
        if report is not None:
            reports.append(report)
    return reports, reader.problems


def _report(reader: CellReader, row: int, columns: dict[str, int], day: dt.date) -> Report | None:
    def text(header: str) -> str | None:
        return reader.text(row, columns[normalised(header)])

    def date(header: str) -> dt.date | None:
        return reader.date(row, columns[normalised(header)], day)

    note, status_text, evidence = text("整改进展"), text("整改状态"), text("佐证材料")
    completed, extend_to, reason = date("完成时间"), date("申请延期至"), text("延期理由")
    finding = text(ID_HEADER)
    if not any((note, status_text, evidence, completed, extend_to, reason)):
        return None  # a row the unit left as it was
    column = columns[normalised("整改状态")]
    status = FILLED_STATUSES.get(status_text or "")
    if status_text and status is None:
        choices = "、".join(FILLED_STATUSES)
        reader.fail(
            row,
            column,
            "ledger-bad-status",
            t("ledger-bad-status", value=status_text, choices=choices),
        )
    if finding is None:
        reader.fail(row, columns[normalised(ID_HEADER)], "ledger-no-id", t("ledger-no-id"))
        return None
    if (note or status or evidence or completed) and not note:
        reader.fail(row, columns["整改进展"], "ledger-no-note", t("ledger-no-note"))
    if completed is not None and status != "rectified":
        reader.fail(
            row,
            columns["完成时间"],
            "ledger-completed-not-rectified",
            t("ledger-completed-not-rectified"),
        )
    if (extend_to is None) != (reason is None):
        missing = "申请延期至" if extend_to is None else "延期理由"
        reader.fail(row, columns[missing], "ledger-extension-half", t("ledger-extension-half"))
    if extend_to is not None and status == "rectified":
        reader.fail(
            row, columns["申请延期至"], "ledger-extend-rectified", t("ledger-extend-rectified")
        )
    items = tuple(i.strip() for i in _split(evidence or "") if i.strip())
    return Report(row, finding, note, status, completed, items, extend_to, reason)


def _split(text: str) -> list[str]:
    for separator in _SPLIT[1:]:
        text = text.replace(separator, _SPLIT[0])
    return text.split(_SPLIT[0])


def transition(report: Report, day: dt.date) -> Callable[[Finding, CommentedMap], Change]:
    """The row as one transition: the update, then the extension request, as the two
    commands would make them one after the other."""

    def both(finding: Finding, node: CommentedMap) -> Change:
        change = None
        if report.note is not None:
            when = report.completed or day
            change = lifecycle.update(
                finding,
                node,
                status=report.status,  # type: ignore[arg-type]
                date=when,
                note=report.note,
                evidence=report.evidence,
            )
        if report.extend_to is not None and report.reason is not None:
            after = finding.model_copy(deep=True)
            if change is not None:
                after.rectification.status = change.after  # type: ignore[assignment]
            extension = lifecycle.extend(
                after, node, new_deadline=report.extend_to, reason=report.reason, date=day
            )
            if change is None:
                return extension
            return change._replace(what=f"{change.what}; {extension.what}")
        assert change is not None
        return change

    return both


def import_progress(
    repository: Repository, grid: Grid, day: dt.date, *, dry_run: bool = False
) -> Progress:
    reports, problems = read_reports(grid, day)
    if errors(problems):  # a row half understood is not tried on its finding
        return Progress([], problems)
    found = _columns(grid)
    columns = found[1] if found else {}
    fresh = []
    for report in reports:
        if _imported(repository, report):  # the same ledger read again: nothing to redo
            message = t("ledger-already-imported", id=report.finding)
            column = columns[normalised(ID_HEADER)]
            problems.append(
                grid.problem(report.row, column, "ledger-already-imported", message, INFO)
            )
            continue
        fresh.append(report)
        problems += _check(repository, grid, report, columns, day)
    if errors(problems):
        return Progress([], problems)
    outcomes = []
    for report in fresh:
        outcomes.append(apply(repository, report.finding, transition(report, day), dry_run=dry_run))
    return Progress(outcomes, problems)


def _imported(repository: Repository, report: Report) -> bool:
    """Whether the finding's record already holds what the row reports, as an earlier
    import of this ledger wrote it: an update with its note (and status), an extension
    request to its date with its reason."""
    try:
        record = locate(repository, report.finding).finding.rectification
    except NotFound:
        return False
    if report.note is not None and not any(
        update.note == report.note and update.status == report.status for update in record.updates
    ):
        return False
    return report.extend_to is None or any(
        day_of(extension.new_deadline) == report.extend_to and extension.reason == report.reason
        for extension in record.extensions
    )


def _check(
    repository: Repository,
    grid: Grid,
    report: Report,
    columns: dict[str, int],
    day: dt.date,
) -> list[Problem]:
    """The row's finding exists, is the one exported, and takes the change (a dry run);
    a refusal is named at the cell of the change refused."""
    row = report.row
    id_column = columns[normalised(ID_HEADER)]
    mark_column = columns[normalised(FINGERPRINT_HEADER)]
    change_column = columns["整改进展" if report.note is not None else "申请延期至"]
    try:
        located = locate(repository, report.finding)
    except NotFound as error:
        return [grid.problem(row, id_column, "ledger-unknown-finding", str(error))]
    if grid.cell(row, mark_column) != fingerprint(located.finding):
        message = t("ledger-changed-since-export", id=report.finding)
        return [grid.problem(row, id_column, "ledger-changed-since-export", message)]
    try:
        apply(repository, report.finding, transition(report, day), dry_run=True)
    except Refused as error:
        return [grid.problem(row, change_column, "ledger-refused", str(error))]
    except WouldBeInvalid as error:
        detail = "; ".join(parsable(p) for p in error.problems)
        message = f"{error}: {detail}"
        return [grid.problem(row, change_column, "ledger-would-be-invalid", message)]
    return []
