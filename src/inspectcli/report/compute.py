"""The one computation of a report; every format renders its result.

See the package docstring for which findings a period holds and how each rate is counted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from inspectcli import i18n
from inspectcli.deadlines.derive import DONE_STATUSES, state_of
from inspectcli.deadlines.model import Kind, State
from inspectcli.messages import t, word
from inspectcli.model.findings import ROLES
from inspectcli.model.policy import Policy
from inspectcli.repo.roster import Roster
from inspectcli.report.accountability import accountability
from inspectcli.report.load import ReportInput
from inspectcli.report.model import LedgerRow, Report, SummaryRow, Tally
from inspectcli.report.period import Period
from inspectcli.report.records import MISSED_PREFIX, FindingRecord, PlanRecord

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


# --- by household group -------------------------------------------------------------------


def household_groups(policy: Policy) -> dict[str, tuple[str, ...]]:
    """The groups a report counts households by: the policy's own ``groups:``, else the
    default ``registered`` and ``non-registered``."""
    if policy.groups:
        return {group.id: tuple(group.members) for group in policy.groups}
    defaults = policy.category_groups()
    return {name: defaults[name] for name in ("registered", "non-registered")}


def _group_labels(policy: Policy) -> dict[str, str]:
    """Each group by its id, or in Chinese by its name (the default ones by their word)."""
    names = {group.id: group.name for group in policy.groups or []}
    chinese = i18n.language() == "zh"
    return {g: (names.get(g) or word(g)) if chinese else g for g in household_groups(policy)}


def household_category(
    roster: Roster | None, plans: list[PlanRecord]
) -> Callable[[str | None], str | None]:
    """The category of a household: as its round's sample recorded it, else the roster's;
    one missing from the register (漏评) is outside it, ``non-registered``."""
    sampled = {household: category for plan in plans for household, category in plan.sampled}

    def category(household: str | None) -> str | None:
        if household is None:
            return None
        if household.startswith(MISSED_PREFIX):
            return "non-registered"
        known = sampled.get(household)
        row = roster.households.row(household) if known is None and roster else None
        return roster.status(row) if roster is not None and row is not None else known

    return category


def visited_by_group(policy: Policy, plans: list[PlanRecord]) -> tuple[dict[str, int], int]:
    """Households the samples of ``plans`` drew, per household group, and in all (each
    household once, though two rounds drew it)."""
    sampled = {household: category for plan in plans for household, category in plan.sampled}
    counts = {
        group: sum(1 for category in sampled.values() if category in members)
        for group, members in household_groups(policy).items()
    }
    return counts, len(sampled)


def _household_keys(
    category: Callable[[str | None], str | None], policy: Policy
) -> Callable[[InPeriod], list[Key]]:
    groups = household_groups(policy)

    def keys(item: InPeriod) -> list[Key]:
        found = category(item.finding.household)
        return [(group, None) for group, members in groups.items() if found in members]

    return keys


def _grouping(
    by: str, policy: Policy, plans: list[PlanRecord], roster: Roster | None
) -> tuple[Callable[[InPeriod], list[Key]], dict[str, str]]:
    """The rows a finding counts in, and the rows shown even when empty (key → label)."""
    if by == "household-group":
        category = household_category(roster, plans)
        return _household_keys(category, policy), _group_labels(policy)
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
    items: list[InPeriod],
    options: Options,
    policy: Policy,
    plans: list[PlanRecord],
    roster: Roster | None = None,
) -> tuple[tuple[SummaryRow, ...], Tally]:
    """The rows and the total; ``roster``: the categories of households (by household
    group) that no recorded sample gives."""
    keys_of, shown = _grouping(options.by, policy, plans, roster)
    tallies: dict[Key, Tally] = {(key, None): Tally() for key in shown}
    total = Tally()
    if options.by == "household-group":
        visited, total.visited = visited_by_group(policy, plans)
        for group, count in visited.items():
            tallies[group, None].visited = count
    for item in items:
        tally = tally_of(*standing(item.finding, options.as_of))
        for key in keys_of(item):
            tallies.setdefault(key, Tally()).add(tally)
        total.add(tally)
    in_policy_order = options.by in ("category", "household-group")
    by_name = sorted(shown, key=natural_order if options.by == "group" else None)
    order: list[Key] = [(k, None) for k in (shown if in_policy_order else by_name)]
    order += sorted((key for key in tallies if key not in order), key=_row_order)
    rows = tuple(
        SummaryRow(key, _label(key, role, shown, options.by), tallies[key, role], role)
        for key, role in order
    )
    return rows, total


NUMERAL = re.compile(r"([0-9]+|[一二三四五六七八九十]+)")
CHINESE_DIGITS = "一二三四五六七八九"


def natural_order(label: str) -> list[str | int]:
    """第二督查组 before 第十督查组 and 第三督查组, as an officer counts them: the numbers of a
    label, in digits or in Chinese, compared by their value."""
    parts: list[str | int] = NUMERAL.split(label)
    for index in range(1, len(parts), 2):  # the numbers: every other part
        text = str(parts[index])
        parts[index] = int(text) if text.isdigit() else _chinese_value(text)
    return parts


def _chinese_value(numeral: str) -> int:
    """十二 → 12, 二十 → 20, 三 → 3; a run that is no numeral (一二) by its digits."""
    tens, ten, ones = numeral.partition("十")
    if ten and len(tens) <= 1 and len(ones) <= 1 and "十" not in ones:
        return (_digits(tens) or 1) * 10 + _digits(ones)
    return _digits(numeral.replace("十", ""))


def _digits(text: str) -> int:
    return int("".join(str(CHINESE_DIGITS.index(ch) + 1) for ch in text) or "0")


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
    rows, total = summary(items, options, found.policy, plans, found.roster)
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
