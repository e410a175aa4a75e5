"""The one computation of a report; every format renders its result.

See the package docstring for which findings a period holds and how each rate is counted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from inspectcli.deadlines.derive import DONE_STATUSES, state_of
from inspectcli.deadlines.model import Kind, State
from inspectcli.messages import t
from inspectcli.model.findings import ROLES
from inspectcli.model.policy import Policy
from inspectcli.report.accountability import accountability
from inspectcli.report.load import ReportInput
from inspectcli.report.model import LedgerRow, Report, SummaryRow, Tally
from inspectcli.report.period import Period
from inspectcli.report.records import FindingRecord, PlanRecord

_DONE_STATES = frozenset({State.DONE, State.DONE_LATE})


@dataclass(frozen=True)
class Options:
    period: Period
    by: str  # one of model.GROUPINGS
    as_of: dt.date


@dataclass(frozen=True)
class InPeriod:
    """A finding of the period with the plan of its round and the file it is in."""

    finding: FindingRecord
    plan: PlanRecord
    path: str


def in_period(found: ReportInput, period: Period) -> list[InPeriod]:
    """The findings of the rounds that started in ``period`` (plan ``start``)."""
    chosen = []
    for path, record in found.findings:
        plan = found.plans[record.plan]
        if plan.start in period:
            chosen += [InPeriod(f, plan, path) for f in record.findings]
    return chosen


def standing(finding: FindingRecord, as_of: dt.date) -> tuple[str, State]:
    """The status as of ``as_of`` and the state of the deadline in force (deadlines.derive):
    rectification dated after ``as_of`` is not yet done on that day."""
    done = finding.status in DONE_STATUSES
    state = state_of(Kind.RECTIFICATION, finding.deadline, done, finding.rectified, as_of, 0)
    if state not in _DONE_STATES:
        return (finding.status if not done else "rectifying"), state
    verified = finding.status == "verified" and (
        finding.verified is None or finding.verified <= as_of
    )
    return ("verified" if verified else "rectified"), state


def tally_of(status: str, state: State) -> Tally:
    tally = Tally(findings=1)
    tally.rectified = int(status == "rectified")
    tally.verified = int(status == "verified")
    tally.overdue = int(state is State.OVERDUE)
    tally.on_time = int(state is State.DONE)
    tally.settled = int(state in _DONE_STATES or state is State.OVERDUE)
    return tally


# --- groupings ------------------------------------------------------------------------------


def _categories(policy: Policy) -> tuple[dict[str, str], dict[str, str]]:
    """Each content code's category code, and each category's label (catalogue order)."""
    labels = {category.code: f"{category.code} {category.title}" for category in policy.catalogue}
    return policy.category_of(), labels


Key = tuple[str, str | None]  # the row's key, and by unit the unit's role


def _grouping(
    by: str, policy: Policy, plans: list[PlanRecord]
) -> tuple[Callable[[InPeriod], list[Key]], dict[str, str]]:
    """The rows a finding counts in, and the rows shown even when empty (key → label)."""
    if by == "category":
        category_of, labels = _categories(policy)
        return (lambda i: [(category_of.get(i.finding.content, i.finding.content), None)]), labels
    if by == "group":
        return (lambda item: [(item.plan.group, None)]), {p.group: p.group for p in plans}
    if by == "county":
        counties = {c: c for p in plans for c in p.counties}
        return (lambda item: [(item.finding.county, None)]), counties
    return _unit_keys, {}


def _unit_keys(item: InPeriod) -> list[Key]:
    """Every unit the finding names, once per role (lead, responsible)."""
    named = item.finding.units or (("responsible", item.finding.unit),)
    return list(dict.fromkeys((unit, role) for role, unit in named))


def summary(
    items: list[InPeriod], options: Options, policy: Policy, plans: list[PlanRecord]
) -> tuple[tuple[SummaryRow, ...], Tally]:
    keys_of, shown = _grouping(options.by, policy, plans)
    tallies: dict[Key, Tally] = {(key, None): Tally() for key in shown}
    total = Tally()
    for item in items:
        tally = tally_of(*standing(item.finding, options.as_of))
        for key in keys_of(item):
            tallies.setdefault(key, Tally()).add(tally)
        total.add(tally)
    order: list[Key] = [(k, None) for k in (shown if options.by == "category" else sorted(shown))]
    order += sorted((key for key in tallies if key not in order), key=_row_order)
    rows = tuple(
        SummaryRow(key, _label(key, role, shown, options.by), tallies[key, role], role)
        for key, role in order
    )
    return rows, total


def _row_order(key: Key) -> tuple[str, int]:
    """By unit, then lead before responsible."""
    return key[0], ROLES.index(key[1]) if key[1] in ROLES else -1


def _label(key: str, role: str | None, shown: dict[str, str], by: str) -> str:
    if key in shown:
        return shown[key]
    if role is not None:
        return t("report-unit-role", unit=key, role=t(f"role-{role}"))
    return t("report-not-in-catalogue", code=key) if by == "category" else key


# --- the ledger ------------------------------------------------------------------------------


def ledger(
    items: list[InPeriod], as_of: dt.date, titles: dict[str, str] | None = None
) -> Iterator[LedgerRow]:
    titles = titles or {}
    for item in sorted(items, key=lambda i: (i.finding.county, i.finding.id)):
        f = item.finding
        status, state = standing(f, as_of)
        completed = f.rectified if state in _DONE_STATES else None
        yield LedgerRow(
            f.id,
            f.county,
            f.description,
            f.target,
            f.measures,
            f.unit,
            f.person,
            f.deadline,
            f.extended,
            status,
            completed,
            state.value,
            item.path,
            " ".join(p for p in (f.town, f.village, f.household) if p),
            f"{f.content} {titles[f.content]}" if f.content in titles else f.content,
            f.progress,
            f.lead,
            f.content,
            f.parties,
            f.measure_items,
            f.evidence,
        )


def build_report(found: ReportInput, options: Options) -> Report:
    """The report of ``options.period`` as of ``options.as_of``, grouped ``options.by``."""
    items = in_period(found, options.period)
    plans = [p for p in found.plans.values() if p.start in options.period]
    rows, total = summary(items, options, found.policy, plans)
    duties, warnings = accountability(
        [i.finding for i in items], found.policy.accountability, found.roster
    )
    return Report(
        authority=found.authority,
        policy=found.policy.title,
        period=options.period,
        by=options.by,
        as_of=options.as_of,
        rows=rows,
        total=total,
        ledger=tuple(ledger(items, options.as_of, found.policy.codes())),
        accountability=duties,
        rules=len(found.policy.accountability),
        warnings=tuple(warnings),
    )
