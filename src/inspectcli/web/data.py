"""What the site shows, gathered once: the figures of the one computation, and the plans
and findings of each repository as their files write them.

The figures are ``report.compute.build_report`` on the input ``report.load.from_repository``
makes of the open repository, the records `inspect report` counts (``records``); several
repositories are rolled up by ``report.rollup.roll_up``, as `inspect report PATH...` does.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from inspectcli.calendar.days import WorkCalendar
from inspectcli.model.findings import Finding, FindingsDocument
from inspectcli.model.plan import PlanDocument
from inspectcli.pipeline.repository import Needs, Repository, open_repository, sniff_kind
from inspectcli.problems import Problem
from inspectcli.report.compute import Options, build_report
from inspectcli.report.load import ReportInput
from inspectcli.report.model import LedgerRow, Report, Tally
from inspectcli.report.period import Period
from inspectcli.report.rollup import Counted, count_each, roll_up
from inspectcli.report.run import report_input
from inspectcli.tracking.gitlog import Commit
from inspectcli.tracking.history import attribution

GROUPINGS = ("county", "group", "category")
UPCOMING_WORKDAYS = 30


@dataclass(frozen=True)
class Round:
    member: str  # "" for a single repository
    plan: PlanDocument
    lists: tuple[FindingsDocument, ...]  # the round's findings files, one per county


@dataclass(frozen=True)
class FindingPage:
    member: str
    id: str  # as shown: ``member:id`` in a roll-up
    finding: Finding
    document: FindingsDocument
    plan: PlanDocument | None
    row: LedgerRow | None  # its line of the ledger when its round is in the period
    # who recorded each record, and when (by its place in the finding), inside git
    recorded: dict[tuple[str | int, ...], Commit] = field(default_factory=dict)


@dataclass
class Site:
    """Everything the pages show, for one period as of one date."""

    options: Options
    figures: dict[str, Report]  # by grouping: the report `inspect report --by` makes
    months: list[tuple[str, Tally]]  # the period month by month
    upcoming_until: dt.date
    rounds: list[Round] = field(default_factory=list)
    findings: list[FindingPage] = field(default_factory=list)
    several: bool = False

    @property
    def report(self) -> Report:
        return self.figures["county"]


@dataclass
class _Member:
    name: str
    repository: Repository
    found: ReportInput


def _open(path: Path, period: Period, cache_dir: Path | None) -> _Member:
    """The repository: its figures' input read and checked as `inspect report` reads it
    (so a repository the report refuses, the site refuses too), and the documents of the
    period's rounds for their pages (the plans, and the findings files of those rounds
    only: a province's other years are not read twice)."""
    found = report_input(path, cache_dir=cache_dir)
    rounds = {plan.id for plan in found.plans.values() if plan.start in period}
    lists = {relative for relative, record in found.findings if record.plan in rounds}

    def keep(relative: str, raw: bytes) -> bool:
        return relative in lists or sniff_kind(raw) == "plan"

    needs = Needs(kinds=frozenset({"plan", "findings"}), keep=keep, roster=False)
    return _Member("", open_repository(path, needs=needs), found)


def months_of(period: Period) -> list[Period]:
    found = []
    year, month = period.first.year, period.first.month
    while dt.date(year, month, 1) <= period.last:
        last = calendar.monthrange(year, month)[1]
        found.append(
            Period(f"{year:04d}-{month:02d}", dt.date(year, month, 1), dt.date(year, month, last))
        )
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def workdays_ahead(calendars: Sequence[WorkCalendar], start: dt.date, count: int) -> dt.date:
    """The ``count``-th working day after ``start`` (by the first repository's calendar)."""
    days = calendars[0] if calendars else WorkCalendar()
    day, seen = start, 0
    while seen < count:
        day += dt.timedelta(days=1)
        seen += days.is_workday(day)
    return day


def gather(
    paths: Sequence[Path], options: Options, *, several: bool, cache_dir: Path | None
) -> tuple[Site, list[Problem]]:
    """The site of ``paths`` (one repository, or a roll-up when ``several``); with the
    problems of the repositories left out. RepositoryError when the only one fails."""
    opened: dict[str, _Member] = {}

    def count(path: Path) -> Report:
        member = _open(path, options.period, cache_dir)
        opened[str(path)] = member
        return build_report(member.found, options)

    if not several:
        member = _open(paths[0], options.period, cache_dir)
        members = [member]
        figures = {by: build_report(member.found, _by(options, by)) for by in GROUPINGS}
        problems: list[Problem] = []
    else:
        counted, problems = count_each(paths, count, lambda p: p.as_posix())
        members = []
        for path, one in zip(paths, counted, strict=True):
            if one.report is not None:
                opened[str(path)].name = one.name
                members.append(opened[str(path)])
        figures = {by: _rolled(members, counted, _by(options, by)) for by in GROUPINGS}
    months = [(m.label, _month_total(members, options, m)) for m in months_of(options.period)]
    calendars = [WorkCalendar(m.repository.calendars.values()) for m in members]
    site = Site(
        options, figures, months, workdays_ahead(calendars, options.as_of, UPCOMING_WORKDAYS)
    )
    site.several = several
    for member in members:
        _pages(site, member)
    return site, problems


def _by(options: Options, by: str) -> Options:
    return Options(options.period, by, options.as_of)


def _rolled(members: list[_Member], counted: list[Counted], options: Options) -> Report:
    reports = {m.name: build_report(m.found, options) for m in members}
    again = [Counted(c.name, c.path, reports.get(c.name), c.problems) for c in counted]
    return roll_up(again, options)


def _month_total(members: list[_Member], options: Options, month: Period) -> Tally:
    total = Tally()
    for member in members:
        total.add(build_report(member.found, Options(month, "county", options.as_of)).total)
    return total


def _pages(site: Site, member: _Member) -> None:
    """The rounds and findings of one repository, with their lines of the ledger."""
    prefix = f"{member.name}:" if site.several else ""
    ledger = {row.id: row for row in site.report.ledger}
    repository = member.repository
    by_plan: dict[str, list[FindingsDocument]] = {}
    for document in repository.findings.values():
        by_plan.setdefault(document.plan, []).append(document)
    period = site.options.period
    chosen = [plan for plan in repository.plans.values() if plan.start in period]
    for plan in sorted(chosen, key=lambda p: (p.start, p.id)):
        lists = sorted(by_plan.get(plan.id, []), key=lambda d: d.county or "")
        site.rounds.append(Round(member.name, plan, tuple(lists)))
    plans = {plan.id: plan for plan in repository.plans.values()}
    who = attribution(repository.root)  # one pass over the repository's history
    for relative, document in repository.findings.items():
        if document.plan not in plans or plans[document.plan].start not in period:
            continue
        for finding in document.findings:
            shown = prefix + finding.id
            round_plan = plans.get(document.plan)
            recorded = who.of(relative, finding.id) if who is not None else {}
            page = FindingPage(
                member.name, shown, finding, document, round_plan, ledger.get(shown), recorded
            )
            site.findings.append(page)
    site.findings.sort(key=lambda page: page.id)
