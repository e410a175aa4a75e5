"""What the site shows, gathered once: the figures of the one computation, and the plans
and findings files of each repository.

Each file is read once, as `inspect report` reads it, by the site's one-file stage
(``records.site_entry``: the report's records and what a page shows besides); the figures
are ``report.compute.build_report`` on the input ``report.load.assemble`` makes of them,
once per repository; several repositories are rolled up by ``report.rollup.roll_up``, as
`inspect report PATH...` does.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path, PurePosixPath

from inspectcli.calendar.days import WorkCalendar
from inspectcli.model.plan import PlanDocument
from inspectcli.pipeline.cache import Entry
from inspectcli.pipeline.repository import (
    Needs,
    Repository,
    RepositoryError,
    open_repository,
    root_of,
    sniff_kind,
)
from inspectcli.pipeline.validate import load_entries, scan
from inspectcli.problems import Problem
from inspectcli.report.compute import InPeriod, Options, build_report, in_period, summary
from inspectcli.report.load import ReportInput, assemble
from inspectcli.report.model import LedgerRow, Report, Tally
from inspectcli.report.period import Period
from inspectcli.report.records import FindingRecord
from inspectcli.report.rollup import Counted, count_each, roll_up
from inspectcli.tracking.gitlog import Commit
from inspectcli.tracking.history import attribution
from inspectcli.web.records import ListRecord, Record, SiteCache, report_entries, site_entry

GROUPINGS = ("county", "group", "category")
UPCOMING_WORKDAYS = 30


@dataclass(frozen=True)
class FindingPage:
    member: str
    id: str  # as shown: ``member:id`` in a roll-up
    finding: FindingRecord  # the report's record of it: texts masked
    record: Record  # its rectification record, for the timeline
    plan: PlanDocument
    row: LedgerRow | None  # its line of the ledger when its round is in the period
    # who recorded each record, and when (by its place in the finding), inside git
    recorded: dict[tuple[str | int, ...], Commit] = field(default_factory=dict)


@dataclass(frozen=True)
class ListPage:
    """One findings file (a round's list for one county): one page, a section per finding
    anchored by its id, so a site holds a page per file rather than per finding."""

    member: str
    path: str  # in its repository
    name: str  # as shown: ``member:`` before it in a roll-up, without ``.yaml``
    county: str | None
    letter_number: str | None
    letter_date: dt.date | None
    plan: PlanDocument
    findings: tuple[FindingPage, ...]


@dataclass(frozen=True)
class Round:
    member: str  # "" for a single repository
    plan: PlanDocument
    lists: tuple[ListPage, ...]  # the round's findings files, one per county


@dataclass
class Site:
    """Everything the pages show, for one period as of one date."""

    options: Options
    figures: dict[str, Report]  # by grouping: the report `inspect report --by` makes
    months: list[tuple[str, Tally]]  # the period month by month
    upcoming_until: dt.date
    rounds: list[Round] = field(default_factory=list)
    lists: list[ListPage] = field(default_factory=list)
    several: bool = False
    # Each finding's page by the id shown (``member:id`` in a roll-up): the list it is in.
    list_of: dict[str, str] = field(default_factory=dict)

    @property
    def report(self) -> Report:
        return self.figures["county"]


@dataclass
class _Member:
    name: str
    repository: Repository  # its plans and calendars
    found: ReportInput
    lists: dict[str, ListRecord]  # path → the findings file's records
    items: list[InPeriod] = field(default_factory=list)  # the period's findings
    figures: dict[str, Report] = field(default_factory=dict)  # by grouping, computed once


Read = Callable[[], _Member]


def _read(path: Path, cache_dir: Path | None) -> Read:
    """Every file of the repository read once, as `inspect report` reads it (the same scan,
    checks and records, on both cores, so a repository the report refuses, the site
    refuses too), its findings files with their pages' records (``records.site_entry``);
    the call returned puts them together with the settings, policy and roster.

    Reading a roster may start a native library's threads, after which this process never
    forks (``repo.parallel``) and each later repository's workers would start as fresh
    interpreters: a roll-up reads the files of every repository before any roster."""
    try:
        root = root_of(path)
        cache = SiteCache(cache_dir, root)
        found = scan(root, cache)
        entries = load_entries(root, found, cache, jobs=os.cpu_count() or 1, load_one=site_entry)
    except RepositoryError as error:
        return partial(_raise, error)
    cache.save(found.key, [], entries)
    cache.save_stats(found.stats, found.seen)
    return partial(_open, path, root, entries)


def _raise(error: RepositoryError) -> _Member:
    raise error


def _open(path: Path, root: Path, entries: dict[str, Entry]) -> _Member:
    """The repository's input of the report from its files' entries, and its plans (for
    their pages; a few files)."""
    counted = assemble(root, report_entries(entries))
    lists = {p: e.facts for p, e in entries.items() if isinstance(e.facts, ListRecord)}

    def keep(relative: str, raw: bytes) -> bool:
        return sniff_kind(raw) == "plan"

    needs = Needs(kinds=frozenset({"plan"}), keep=keep, roster=False)
    return _Member("", open_repository(path, needs=needs), counted, lists)


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
    problems of the repositories left out. RepositoryError when the only one fails.

    Each repository is read once and counted once per grouping; a roll-up adds up those
    counts (``report.rollup``), it never counts a member again."""
    opened: dict[str, _Member] = {}
    read = iter([_read(path, cache_dir) for path in paths])  # counted in the same order

    def count(path: Path) -> Report:
        member = _counted(next(read)(), options)
        opened[str(path)] = member
        return member.figures["county"]

    if not several:
        members = [_counted(next(read)(), options)]
        figures = members[0].figures
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
    ledger = {row.id: row for row in site.report.ledger}
    for member in members:
        _pages(site, member, ledger)
    return site, problems


def _by(options: Options, by: str) -> Options:
    return Options(options.period, by, options.as_of)


def _counted(member: _Member, options: Options) -> _Member:
    """The member's report (``build_report``, by county) and, from the same findings of the
    period, the rows by every other grouping (``compute.summary``, what ``build_report``
    would count them by): the ledger and accountability are computed once, not per grouping."""
    found = member.found
    member.items = in_period(found, options.period)
    plans = [p for p in found.plans.values() if p.start in options.period]
    report = build_report(found, _by(options, GROUPINGS[0]))
    member.figures = {GROUPINGS[0]: report}
    for by in GROUPINGS[1:]:
        rows, _ = summary(member.items, _by(options, by), found.policy, plans)
        member.figures[by] = replace(report, by=by, rows=rows)
    return member


def _rolled(members: list[_Member], counted: list[Counted], options: Options) -> Report:
    reports = {m.name: m.figures[options.by] for m in members}
    again = [Counted(c.name, c.path, reports.get(c.name), c.problems) for c in counted]
    return roll_up(again, options)


def _month_total(members: list[_Member], options: Options, month: Period) -> Tally:
    """The month's total: its rounds' findings as of the date, by the report's own count."""
    total = Tally()
    for member in members:
        items = [item for item in member.items if item.plan.start in month]
        month_options = Options(month, "county", options.as_of)
        total.add(summary(items, month_options, member.found.policy, [])[1])
    return total


def _pages(site: Site, member: _Member, ledger: dict[str, LedgerRow]) -> None:
    """The rounds and findings files of one repository, with their lines of the ledger
    (by the id shown)."""
    prefix = f"{member.name}:" if site.several else ""
    period = site.options.period
    plans = {p.id: p for p in member.repository.plans.values() if p.start in period}
    by_plan: dict[str, list[ListPage]] = {}
    chosen = {p: one for p, one in member.lists.items() if one.report.plan in plans}
    names = _names(list(chosen))
    who = attribution(member.repository.root) if chosen else None  # one pass over its history
    for path, one in chosen.items():
        plan = plans[one.report.plan]
        pages = tuple(
            FindingPage(
                member.name,
                prefix + f.id,
                f,
                record,
                plan,
                ledger.get(prefix + f.id),
                who.of(path, f.id) if who is not None else {},
            )
            for f, record in zip(one.report.findings, one.records, strict=True)
        )
        name = prefix + names[path]
        by_plan.setdefault(plan.id, []).append(
            ListPage(
                member.name, path, name, one.county, one.letter_number, one.letter_date, plan, pages
            )
        )
        site.list_of.update(dict.fromkeys((page.id for page in pages), name))
    for plan in sorted(plans.values(), key=lambda p: (p.start, p.id)):
        lists = sorted(by_plan.get(plan.id, []), key=lambda one: (one.county or "", one.path))
        site.rounds.append(Round(member.name, plan, tuple(lists)))
        site.lists += lists


def _names(paths: list[str]) -> dict[str, str]:
    """Each findings file's name in the site: its file name without ``.yaml``, or its path
    where two folders hold a file of that name."""
    stems = [PurePosixPath(path).stem for path in paths]
    seen = Counter(stems)
    return {
        path: stem if seen[stem] == 1 else PurePosixPath(path).with_suffix("").as_posix()
        for path, stem in zip(paths, stems, strict=True)
    }
