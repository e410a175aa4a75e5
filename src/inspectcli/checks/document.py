"""Rules inside one document, run after its schema is valid. One small function per rule."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

from inspectcli.checks import Violation
from inspectcli.messages import did_you_mean, enumeration, t
from inspectcli.model.calendar import CalendarDocument
from inspectcli.model.common import HOUSEHOLD_STATUS_ZH, HOUSEHOLD_STATUSES, SampleSpec
from inspectcli.model.findings import Extension, Finding, FindingsDocument, Rectification
from inspectcli.model.plan import PlanDocument
from inspectcli.model.policy import Policy
from inspectcli.problems import Severity
from inspectcli.redact import found

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
    yield from sample_spec_rules(plan.sampling, ("sampling",))


# --- findings --------------------------------------------------------------------------------
# The lifecycle of a finding (Heyuan §4, §6; Hainan §3.3, §5.3): open → rectifying →
# rectified → verified, a failed follow-up revisit (回头看) sending it back to rectifying.
# Each rule names one impossible history; the `tracking` commands never write one.

DONE = frozenset({"rectified", "verified"})
# Words that stand in for a reason without giving one (Heyuan §6 wants the reason reported).
PLACEHOLDER_REASONS = frozenset(
    {"", "无", "暂无", "略", "待定", "待补充", "延期", "申请延期", "none", "n/a", "tbd"}
)


def findings_rules(document: FindingsDocument) -> Iterator[Violation]:
    notified = _notified(document)
    for index, finding in enumerate(document.findings):
        yield from finding_rules(finding, ("findings", index), notified)


def _notified(document: FindingsDocument) -> tuple[str, dt.date] | None:
    """When the unit learnt of its problems: the exchange of opinions, else the letter."""
    if document.exchanged is not None:
        return "exchanged", document.exchanged
    if document.letter is not None and document.letter.date is not None:
        return "letter.date", document.letter.date
    return None


def finding_rules(
    finding: Finding, loc: Loc, notified: tuple[str, dt.date] | None = None
) -> Iterator[Violation]:
    yield from _tags_name_household(finding, loc)
    where = (*loc, "rectification")
    record = finding.rectification
    yield from _update_order(record, where)
    yield from _status_rules(record, where)
    yield from _verification_rules(record, where)
    yield from _extension_rules(finding, where)
    if notified is not None and not finding.on_the_spot:  # 立行立改: before any letter
        yield from _before_notified(record, where, notified)


def _tags_name_household(finding: Finding, loc: Loc) -> Iterator[Violation]:
    """Suzhou art. 39 counts mis-identified and wrongly exited households: a finding tagged
    either way names its household (by id, or, missing from the register, by its head), or
    `inspect report` cannot count it."""
    where = finding.location
    if finding.tags and where.household is None and where.missing_household is None:
        message = t("tag-without-household", finding=finding.id)
        yield Violation((*loc, "tags"), "tag-without-household", message, key=True)
    if where.missing_household is not None and (where.village is None or where.household):
        # 漏评 (Hainan §2(三) no. 11): a household the register lacks is known by its village.
        message = t("missing-household-place", head=where.missing_household)
        place = (*loc, "location", "missing_household")
        yield Violation(place, "missing-household-place", message)


def _update_order(record: Rectification, where: Loc) -> Iterator[Violation]:
    previous = None
    for index, update in enumerate(record.updates):
        if previous is not None and update.date < previous:
            message = t("dates-backwards", date=update.date, previous=previous)
            yield Violation((*where, "updates", index, "date"), "dates-backwards", message)
        previous = update.date


def _effective_statuses(record: Rectification) -> list[str | None]:
    """The status each update leaves the finding in: a note without a status keeps the last."""
    current: str | None = None
    statuses = []
    for update in record.updates:
        current = update.status or current
        statuses.append(current)
    return statuses


def _status_rules(record: Rectification, where: Loc) -> Iterator[Violation]:
    status = record.status
    if status == "open":
        yield from _open_with_records(record, where)
        return
    if status == "rectifying":
        if record.rectified is not None:
            message = t("rectified-date-while-rectifying", date=record.rectified)
            yield Violation((*where, "rectified"), "rectified-date-while-rectifying", message)
        return
    if record.rectified is None:
        message = t("rectified-date-missing", status=status)
        yield Violation((*where, "status"), "rectified-date-missing", message)
    else:
        yield from _rectified_after_updates(record, where, record.rectified)
    if not record.evidence and not any(u.evidence for u in record.updates):
        # A warning, not an error: the rectified date is what deadlines are counted on, while
        # the evidence (photos, signed ledgers) is often archived on paper (Heyuan §4) and
        # the follow-up revisit checks it there; the missing reference is still worth a note.
        message = t("rectified-without-evidence", status=status)
        yield Violation((*where, "status"), "rectified-without-evidence", message, Severity.WARNING)


def _open_with_records(record: Rectification, where: Loc) -> Iterator[Violation]:
    for key, present in (
        ("updates", bool(record.updates)),
        ("rectified", record.rectified is not None),
        ("evidence", bool(record.evidence)),
        ("verification", record.verification is not None),
    ):
        if present:
            message = t("open-with-records", field=key)
            yield Violation((*where, key), "open-with-records", message)
            return


def _rectified_after_updates(
    record: Rectification, where: Loc, rectified: dt.date
) -> Iterator[Violation]:
    statuses = _effective_statuses(record)
    for index in range(len(record.updates) - 1, -1, -1):
        update = record.updates[index]
        if statuses[index] == "rectifying":
            if update.date > rectified:
                message = t("rectified-before-update", date=rectified, update=update.date)
                yield Violation((*where, "rectified"), "rectified-before-update", message)
            return


def _revisit_rules(record: Rectification, where: Loc) -> Iterator[Violation]:
    """The earlier revisits failed (a passed one closed the finding), each before the next."""
    later = [*record.revisits[1:], record.verification]
    for index, (revisit, following) in enumerate(zip(record.revisits, later, strict=False)):
        at = (*where, "revisits", index)
        if revisit.result == "passed":
            message = t("revisit-passed-earlier", date=revisit.date)
            yield Violation((*at, "result"), "status-contradicts-verification", message)
        if following is None:
            message = t("revisit-without-verification", date=revisit.date)
            yield Violation(at, "revisit-without-verification", message)
        elif following.date < revisit.date:
            message = t("revisit-out-of-order", date=revisit.date, later=following.date)
            yield Violation((*at, "date"), "revisit-out-of-order", message)


def _verification_rules(record: Rectification, where: Loc) -> Iterator[Violation]:
    yield from _revisit_rules(record, where)
    check = record.verification
    status = record.status
    if status == "verified" and check is None:
        yield Violation((*where, "status"), "verification-missing", t("verification-missing"))
        return
    if check is None or status == "open":
        return
    if status == "verified" and check.result == "failed":
        message = t("verification-failed", date=check.date)
        yield Violation((*where, "verification", "result"), "verification-failed", message)
        return
    if check.result == "passed" and status != "verified":
        message = t("verification-passed-not-verified", date=check.date, status=status)
        yield Violation(
            (*where, "verification", "result"), "status-contradicts-verification", message
        )
        return
    if record.rectified is None:
        return
    if check.result == "passed" and check.date < record.rectified:
        message = t("verification-before-rectified", date=check.date, rectified=record.rectified)
        yield Violation((*where, "verification", "date"), "verification-before-rectified", message)
    elif check.result == "failed" and check.date > record.rectified:
        message = t("verification-failed-not-reopened", date=check.date, rectified=record.rectified)
        yield Violation(
            (*where, "verification", "result"), "status-contradicts-verification", message
        )
    elif check.result == "passed":
        yield from _updates_after_verification(record, where, check.date)


def _updates_after_verification(
    record: Rectification, where: Loc, verified: dt.date
) -> Iterator[Violation]:
    for index, update in enumerate(record.updates):
        if update.date > verified:
            message = t("update-after-verification", date=update.date, verified=verified)
            at = (*where, "updates", index, "date")
            yield Violation(at, "update-after-verification", message)
            return


def _extension_rules(finding: Finding, where: Loc) -> Iterator[Violation]:
    record = finding.rectification
    deadline = finding.deadline
    pending: int | None = None
    previous: dt.date | None = None
    for index, extension in enumerate(record.extensions):
        at = (*where, "extensions", index)
        yield from _extension_fields(extension, at, deadline)
        if previous is not None and extension.requested < previous:
            message = t("extension-order", date=extension.requested, previous=previous)
            yield Violation((*at, "requested"), "dates-backwards", message)
        previous = extension.requested
        if extension.decision == "pending":
            if pending is not None:
                message = t("extension-several-pending", first=pending + 1)
                yield Violation((*at, "decision"), "extension-several-pending", message)
            pending = index
        if extension.decision == "approved":
            deadline = extension.new_deadline
        done_on = record.rectified if record.status in DONE else None
        if done_on is not None and extension.requested > done_on:
            message = t("extension-after-rectified", date=extension.requested, rectified=done_on)
            yield Violation((*at, "requested"), "extension-after-rectified", message)


def _extension_fields(extension: Extension, at: Loc, deadline: dt.date) -> Iterator[Violation]:
    if extension.reason.strip(" .。-—/、").lower() in PLACEHOLDER_REASONS:
        message = t("extension-reason-missing", reason=extension.reason)
        yield Violation((*at, "reason"), "extension-reason-missing", message)
    if extension.new_deadline <= deadline:
        message = t("extension-not-later", new=extension.new_deadline, old=deadline)
        yield Violation((*at, "new_deadline"), "extension-not-later", message)
    if extension.decided is not None and extension.decided < extension.requested:
        message = t(
            "extension-before-request", decided=extension.decided, requested=extension.requested
        )
        yield Violation((*at, "decided"), "dates-backwards", message)
    if extension.decision == "pending" and extension.decided is not None:
        message = t("extension-pending-dated", decided=extension.decided)
        yield Violation((*at, "decided"), "extension-pending-dated", message)
    elif extension.decision != "pending" and extension.decided is None:
        message = t("extension-undated-decision", decision=extension.decision)
        yield Violation((*at, "decision"), "extension-undated-decision", message)


def _before_notified(
    record: Rectification, where: Loc, notified: tuple[str, dt.date]
) -> Iterator[Violation]:
    """Nothing is rectified before the unit was told of the problem (Heyuan §4)."""
    what, first = notified
    dated: list[tuple[Loc, dt.date]] = [
        ((*where, "updates", i, "date"), u.date) for i, u in enumerate(record.updates)
    ]
    dated += [
        ((*where, "extensions", i, "requested"), e.requested)
        for i, e in enumerate(record.extensions)
    ]
    if record.rectified is not None:
        dated.append(((*where, "rectified"), record.rectified))
    dated += [((*where, "revisits", i, "date"), v.date) for i, v in enumerate(record.revisits)]
    if record.verification is not None:
        dated.append(((*where, "verification", "date"), record.verification.date))
    for at, date in dated:
        if date < first:
            message = t("record-before-notified", date=date, what=what, first=first)
            yield Violation(at, "record-before-notified", message)


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
    yield from _category_rules(policy)


def _category_rules(policy: Policy) -> Iterator[Violation]:
    """A group counts categories of the policy; a quota counts a category or a group."""
    yield from _own_category_rules(policy)
    categories = policy.household_categories()
    for g_index, group in enumerate(policy.groups or []):
        for m_index, member in enumerate(group.members):
            if member not in categories:
                where = ("groups", g_index, "members", m_index)
                hint = did_you_mean(member, categories)
                message = t("group-member-not-category", member=member, group=group.id, hint=hint)
                yield Violation(where, "unknown-category", message)
    names = policy.category_groups()
    for name in policy.sampling.households_by_category or {}:
        if name not in names:
            message = t(
                "sample-unknown-category",
                name=name,
                choices=enumeration(names),
                hint=did_you_mean(name, tuple(names)),
            )
            yield Violation(
                ("sampling", "households_by_category", name), "unknown-category", message
            )


def _own_category_rules(policy: Policy) -> Iterator[Violation]:
    """Each word of a roster names one category: an own category's id, name and aliases
    are neither built-in words nor another category's."""
    built_in: dict[str, str] = {**HOUSEHOLD_STATUS_ZH, **{c: c for c in HOUSEHOLD_STATUSES}}
    taken: dict[str, str] = {}
    for index, own in enumerate(policy.own_categories or []):
        words: list[tuple[tuple[str | int, ...], str]] = [(("id",), own.id), (("name",), own.name)]
        words += [(("aliases", a), alias) for a, alias in enumerate(own.aliases)]
        for loc, text in words:
            other = built_in.get(text) or taken.setdefault(text, own.id)
            if other != own.id or text in built_in:
                message = t("own-category-clash", word=text, other=other)
                yield Violation(("own_categories", index, *loc), "duplicate-id", message)


def calendar_rules(document: CalendarDocument) -> Iterator[Violation]:
    from inspectcli.calendar.document import calendar_document_problems

    yield from calendar_document_problems(document)


# --- personal data ---------------------------------------------------------------------------
# Free text goes into letters, reports, calendars and CI logs; an ID or phone number belongs
# in the roster's own columns only, which are exempt.
PERSONAL_FIELDS = frozenset({"id_number", "phone"})


def personal_data_rules(data: Any, loc: Loc = ()) -> Iterator[Violation]:
    """A warning at every text (any kind, any field) that holds an ID or phone number."""
    if isinstance(data, str):
        numbers = found(data)
        if numbers:
            message = t("personal-data-in-text", numbers=enumeration(numbers))
            yield Violation(loc, "personal-data-in-text", message, Severity.WARNING)
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in PERSONAL_FIELDS:
                yield from personal_data_rules(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from personal_data_rules(value, (*loc, index))


RULES: dict[str, Callable[[Any], Iterator[Violation]]] = {
    "calendar": calendar_rules,
    "plan": plan_rules,
    "findings": findings_rules,
    "policy": policy_rules,
}
