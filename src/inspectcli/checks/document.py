"""Rules inside one document, run after its schema is valid. One small function per rule."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from inspectcli.checks import Violation
from inspectcli.messages import t
from inspectcli.model.calendar import CalendarDocument
from inspectcli.model.common import SampleSpec
from inspectcli.model.findings import Finding, FindingsDocument
from inspectcli.model.plan import PlanDocument
from inspectcli.model.policy import Policy
from inspectcli.problems import Severity

Loc = tuple[str | int, ...]


def _duplicates(values: list[str], loc: Loc) -> Iterator[Violation]:
    seen: set[str] = set()
    for index, value in enumerate(values):
        if value in seen:
            yield Violation((*loc, index), "duplicate-in-list", t("duplicate-in-list", value=value))
        seen.add(value)


def sample_spec_rules(spec: SampleSpec | None, loc: Loc) -> Iterator[Violation]:
    if spec is None or spec.households_per_village is None:
        return
    low, high = spec.households_per_village.min, spec.households_per_village.max
    if low > high:
        where = (*loc, "households_per_village")
        yield Violation(where, "households-range", t("households-range", low=low, high=high))
    total = sum((spec.households_by_status or {}).values())
    if total > high:
        where = (*loc, "households_by_status")
        yield Violation(
            where, "status-quota-exceeds", t("status-quota-exceeds", total=total, high=high)
        )


# --- plan ------------------------------------------------------------------------------------


def plan_rules(plan: PlanDocument) -> Iterator[Violation]:
    if plan.end < plan.start:
        message = t("end-before-start", start=plan.start, end=plan.end)
        yield Violation(("end",), "end-before-start", message)
    yield from _duplicates(plan.counties, ("counties",))
    yield from _duplicates(plan.content, ("content",))
    for county in plan.group.liaisons:
        if county not in plan.counties:
            loc = ("group", "liaisons", county)
            yield Violation(
                loc, "liaison-not-in-counties", t("liaison-not-in-counties", county=county)
            )
    for index, county in enumerate(plan.counties):
        if county not in plan.group.liaisons:
            message = t("liaison-missing", county=county)
            yield Violation(("counties", index), "liaison-missing", message, Severity.WARNING)
    yield from sample_spec_rules(plan.sampling, ("sampling",))


# --- findings --------------------------------------------------------------------------------


def findings_rules(document: FindingsDocument) -> Iterator[Violation]:
    for index, finding in enumerate(document.findings):
        yield from finding_rules(finding, ("findings", index))


def finding_rules(finding: Finding, loc: Loc) -> Iterator[Violation]:
    record = finding.rectification
    previous = None
    for index, update in enumerate(record.updates):
        if previous is not None and update.date < previous:
            message = t("dates-backwards", date=update.date, previous=previous)
            yield Violation(
                (*loc, "rectification", "updates", index, "date"), "dates-backwards", message
            )
        previous = update.date
    deadline = finding.deadline
    for index, extension in enumerate(record.extensions):
        where = (*loc, "rectification", "extensions", index)
        if extension.new_deadline <= deadline:
            message = t("extension-not-later", new=extension.new_deadline, old=deadline)
            yield Violation((*where, "new_deadline"), "extension-not-later", message)
        if extension.decided is not None and extension.decided < extension.requested:
            message = t(
                "extension-before-request", decided=extension.decided, requested=extension.requested
            )
            yield Violation((*where, "decided"), "dates-backwards", message)
        if extension.decision == "approved":
            deadline = extension.new_deadline


# --- policy ----------------------------------------------------------------------------------


def policy_rules(policy: Policy) -> Iterator[Violation]:
    """Rules of a policy document, and of a preset merged with a repository's overrides."""
    seen: set[str] = set()
    for c_index, category in enumerate(policy.catalogue):
        places: list[tuple[str, Loc]] = [(category.code, ("catalogue", c_index, "code"))]
        places += [
            (item.code, ("catalogue", c_index, "items", i_index, "code"))
            for i_index, item in enumerate(category.items)
        ]
        for code, where in places:
            if code in seen:
                yield Violation(where, "duplicate-id", t("duplicate-in-list", value=code))
            seen.add(code)
    yield from sample_spec_rules(policy.sampling, ("sampling",))
    yield from _duplicates([column.field for column in policy.ledger], ("ledger",))


def calendar_rules(document: CalendarDocument) -> Iterator[Violation]:
    from inspectcli.calendar.document import calendar_document_problems

    yield from calendar_document_problems(document)


RULES: dict[str, Callable[[Any], Iterator[Violation]]] = {
    "calendar": calendar_rules,
    "plan": plan_rules,
    "findings": findings_rules,
    "policy": policy_rules,
}
