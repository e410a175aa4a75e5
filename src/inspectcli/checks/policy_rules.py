"""The rules a policy stores about rounds, checked across the plans of a repository:
liaisons, round length, content of the round's kind, rounds and bulletins every month.

Each rule runs only when the policy in force stores it and cites the policy's own source,
so no message names a place the policy does not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from inspectcli.checks.facts import FindingsFacts, PlanFacts
from inspectcli.messages import t, word
from inspectcli.model.policy import Policy
from inspectcli.model.settings import SettingsDocument
from inspectcli.problems import Severity
from inspectcli.repo.layout import SETTINGS_FILE as SETTINGS

from .repository import Facts, RepoViolation


def check_policy(facts: Facts) -> Iterator[RepoViolation]:
    """The rules of the policy in force over every plan and findings file checked."""
    policy = facts.policy
    if policy is None:
        return
    plans = {plan.id: plan for plan in facts.plans.values()}
    for path, plan in facts.plans.items():
        if facts.checks(path):
            yield from plan_policy_rules(path, plan, policy)
    for path, document in facts.findings.items():
        yield from findings_kind(path, document, plans.get(document.plan), policy)
    if facts.only is None or SETTINGS in facts.only:
        yield from monthly_rules(facts.plans.values(), policy, facts.settings)


def plan_policy_rules(path: str, plan: PlanFacts, policy: Policy) -> Iterator[RepoViolation]:
    yield from liaisons(path, plan, policy)
    yield from round_length(path, plan, policy)
    yield from content_kind(path, plan.type, plan.content, ("content",), policy)


def liaisons(path: str, plan: PlanFacts, policy: Policy) -> Iterator[RepoViolation]:
    """Every county of the round has a liaison, where the policy asks for one."""
    if policy.liaison_per_county is None:
        return
    for index, county in enumerate(plan.counties):
        if county not in plan.liaisons:
            message = t(
                "liaison-missing",
                county=county,
                policy=policy.name,
                source=policy.liaison_per_county,
            )
            yield RepoViolation(
                path, ("counties", index), "liaison-missing", message, Severity.WARNING
            )


def round_length(path: str, plan: PlanFacts, policy: Policy) -> Iterator[RepoViolation]:
    rule = policy.round_length
    days = (plan.end - plan.start).days + 1
    if rule is None or days <= rule.max_days:
        return
    message = t("round-too-long", days=days, most=rule.max_days, source=rule.source or policy.name)
    yield RepoViolation(path, ("end",), "round-too-long", message, Severity.WARNING)


def content_kind(
    path: str,
    kind: str,
    codes: Iterable[str],
    loc: tuple[str | int, ...],
    policy: Policy,
    indexed: bool = True,
) -> Iterator[RepoViolation]:
    """Content of the catalogue meant only for the other kind of round (``applies_to``)."""
    only = {c.code: c.applies_to for c in policy.catalogue if c.applies_to is not None}
    category_of = policy.category_of()
    for index, code in enumerate(codes):
        meant = only.get(category_of.get(code, ""))
        if meant is not None and meant != kind:
            message = t(
                "content-not-for-kind",
                code=code,
                meant=word(meant),
                kind=word(kind),
                policy=policy.name,
            )
            where = (*loc, index) if indexed else loc
            yield RepoViolation(path, where, "content-not-for-kind", message, Severity.WARNING)


def findings_kind(
    path: str, document: FindingsFacts, plan: PlanFacts | None, policy: Policy
) -> Iterator[RepoViolation]:
    if plan is None:
        return
    for finding in document.findings:
        loc = ("findings", finding.position, "content")
        yield from content_kind(path, plan.type, [finding.content], loc, policy, indexed=False)


# --- every month ---------------------------------------------------------------------------


def _months(first: dt.date, last: dt.date) -> list[str]:
    """Every month from ``first``'s to ``last``'s, as YYYY-MM."""
    found: list[str] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)
    return found


def monthly_rules(
    plans: Iterable[PlanFacts], policy: Policy, settings: SettingsDocument | None
) -> Iterator[RepoViolation]:
    """A month without a round (``frequency: monthly``), and a month of rounds without a
    registered bulletin (``bulletin: monthly``), between the first and the last round of the
    repository (the last month's bulletin may still be coming)."""
    starts = sorted(plan.start for plan in plans)
    if not starts:
        return
    months = _months(starts[0], starts[-1])
    if policy.frequency == "monthly":
        held = {f"{d.year:04d}-{d.month:02d}" for d in starts}
        for month in months:
            if month not in held:
                message = t("month-without-round", month=month, policy=policy.name)
                yield RepoViolation(
                    SETTINGS, ("policy",), "month-without-round", message, Severity.WARNING
                )
    if policy.bulletin == "monthly" and settings is not None:
        issued = {entry.bulletin for entry in settings.issued if entry.bulletin}
        for month in months[:-1]:
            if month not in issued:
                message = t("bulletin-missing", month=month, policy=policy.name)
                yield RepoViolation(
                    SETTINGS, ("issued",), "bulletin-missing", message, Severity.WARNING
                )
