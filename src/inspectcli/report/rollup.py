"""Many case repositories, one view: the roll-up of the reports of each (``roll_up``).

Each repository is counted alone by the one computation (``compute.build_report``) with
its own policy, roster and ids; the roll-up only adds those counts up:

- the rows of the summary are summed key by key (county, unit, category or group; a
  category by its code and title, as two policies may give one code to two things), and
  every rate is recomputed from the summed counts (``Tally``'s properties), never
  averaged;
- the ledger keeps every finding with its id shown as ``repository:id``;
- accountability (Suzhou art. 39) is per mille of a roster, so its rows are never added:
  each repository's rows stand side by side, their unit shown as ``repository:unit``;
- a repository that cannot be counted (validation errors) is named with its problem
  count in the members and in a visible note, and left out of every total.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from inspectcli.messages import t
from inspectcli.pipeline.repository import RepositoryError
from inspectcli.problems import Problem
from inspectcli.report.compute import Options
from inspectcli.report.model import Member, Report, SummaryRow, Tally


@dataclass(frozen=True)
class Counted:
    """One repository of the roll-up: its report, or the number of its problems."""

    name: str
    path: str
    report: Report | None
    problems: int = 0


def member_names(paths: Sequence[Path]) -> list[str]:
    """A short name for each repository: its folder's name, with the parent's in front
    where two folders share a name."""
    short = [path.resolve().name or str(path) for path in paths]
    names = [
        f"{path.resolve().parent.name}/{name}" if short.count(name) > 1 else name
        for name, path in zip(short, paths, strict=True)
    ]
    seen: dict[str, int] = {}
    for index, name in enumerate(names):  # still equal: number them
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            names[index] = f"{name}#{seen[name]}"
    return names


def _rows(reports: list[tuple[str, Report]], by: str) -> tuple[SummaryRow, ...]:
    """Rows summed by key, in the order keys first appear (each report's own order). A
    category is one of a policy's catalogue: two policies' entries of the same code but
    another title are two rows."""
    rows: dict[tuple[str, str], SummaryRow] = {}
    for _, report in reports:
        for row in report.rows:
            merged = (row.key, row.label if by == "category" else "")
            if merged not in rows:
                rows[merged] = SummaryRow(row.key, row.label, Tally())
            rows[merged].tally.add(row.tally)
    order = list(rows) if by == "category" else sorted(rows)
    return tuple(rows[merged] for merged in order)


def _member(counted: Counted) -> Member:
    report = counted.report
    if report is None:
        return Member(counted.name, counted.path, None, None, counted.problems, None)
    return Member(counted.name, counted.path, report.authority, report.policy, 0, report.total)


def roll_up(members: Sequence[Counted], options: Options) -> Report:
    """One report over ``members``: see the module's docstring."""
    reports = [(m.name, m.report) for m in members if m.report is not None]
    total = Tally()
    for _, report in reports:
        total.add(report.total)
    ledger = tuple(
        replace(row, id=f"{name}:{row.id}") for name, report in reports for row in report.ledger
    )
    duties = tuple(
        replace(row, unit=f"{name}:{row.unit}")
        for name, report in reports
        for row in report.accountability
    )
    warnings = [
        t("report-member-left-out", name=m.name, path=m.path, count=m.problems)
        for m in members
        if m.report is None
    ]
    warnings += [f"{name}: {w}" for name, report in reports for w in report.warnings]
    authorities = dict.fromkeys(report.authority for _, report in reports)
    policies = dict.fromkeys(report.policy for _, report in reports)
    return Report(
        authority="、".join(authorities) or t("report-no-members"),
        policy="；".join(policies) or "—",
        period=options.period,
        by=options.by,
        as_of=options.as_of,
        rows=_rows(reports, options.by),
        total=total,
        ledger=ledger,
        accountability=duties,
        rules=max((report.rules for _, report in reports), default=0),
        warnings=tuple(warnings),
        members=tuple(_member(m) for m in members),
    )


def count_each(
    paths: Sequence[Path], count: Callable[[Path], Report], shown: Callable[[Path], str]
) -> tuple[list[Counted], list[Problem]]:
    """Each repository counted by ``count``, or left out with its problems (returned, for
    the caller to print)."""
    counted: list[Counted] = []
    problems: list[Problem] = []
    for name, path in zip(member_names(paths), paths, strict=True):
        try:
            counted.append(Counted(name, shown(path), count(path)))
        except RepositoryError as error:  # its paths are the repository's own
            problems += [_under(path, p) for p in error.problems]
            counted.append(Counted(name, shown(path), None, len(error.problems)))
    return counted, problems


def _under(folder: Path, problem: Problem) -> Problem:
    """The problem with its path from the current folder, as validate writes it."""
    from inspectcli.repo.layout import display_path, find_root

    root = find_root(folder) if folder.is_dir() else None
    if root is None or os.path.isabs(problem.path):
        return problem
    return problem._replace(path=display_path(root, problem.path))
