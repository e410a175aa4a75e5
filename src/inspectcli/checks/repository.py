"""Rules across the documents of a repository, each a small function with a stable code.

They read facts (see ``inspectcli.checks.facts``), never files, so they run the same on a
cold run and on one served from the cache; a message that names a place in another file
asks ``Facts.place`` for its line. They run on every run that is not answered whole from
the cache, never within the one-file stage, whose entries are cached file by file.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple

from inspectcli.checks.facts import FindingFact, FindingsFacts, PlanFacts
from inspectcli.messages import did_you_mean, enumeration, t
from inspectcli.model.common import SampleSpec
from inspectcli.model.numbers import number_key
from inspectcli.model.policy import Policy
from inspectcli.model.settings import SettingsDocument
from inspectcli.problems import Severity
from inspectcli.repo.layout import SETTINGS_FILE
from inspectcli.repo.roster import Roster

Loc = tuple[str | int, ...]


def _no_line(path: str, loc: Loc) -> str:
    """``Facts.place`` where no file is at hand: the path alone."""
    return path


class RepoViolation(NamedTuple):
    path: str
    loc: Loc
    code: str
    message: str
    severity: Severity = Severity.ERROR


@dataclass
class Facts:
    """Everything the cross-file rules look at."""

    policy: Policy | None
    roster: Roster | None
    plans: dict[str, PlanFacts] = field(default_factory=dict)  # path → plan
    findings: dict[str, FindingsFacts] = field(default_factory=dict)  # path → findings
    unchecked_plans: set[str] = field(default_factory=set)  # ids of plans that failed their schema
    codes: dict[str, str] = field(init=False)  # the catalogue, built once for every reference
    category_of: dict[str, str] = field(init=False)  # each code's category (see Policy)
    # `validate --changed-since`: the rules run for these paths only (None: for every path);
    # ``findings`` then holds only theirs, and the ids of the others are here, place by id.
    only: frozenset[str] | None = None
    other_finding_ids: dict[str, tuple[str, Loc]] = field(default_factory=dict)
    settings: SettingsDocument | None = None
    letter_numbers: dict[str, str] = field(default_factory=dict)  # path → letter.number, all
    # "path:line" of a place in a file, for a message that names another place.
    place: Callable[[str, Loc], str] = _no_line
    root: Path | None = None  # the repository's folder: evidence files are looked up there

    def __post_init__(self) -> None:
        self.codes = self.policy.codes() if self.policy is not None else {}
        self.category_of = self.policy.category_of() if self.policy is not None else {}

    def checks(self, path: str) -> bool:
        """Whether the rules run for ``path`` (see ``only``)."""
        return self.only is None or path in self.only


def check(facts: Facts) -> Iterator[RepoViolation]:
    yield from unique_ids(facts)
    yield from numbers_unique(facts)
    plans = {plan.id: plan for plan in facts.plans.values()}
    for path, each in facts.plans.items():
        if not facts.checks(path):
            continue  # a reference for the others, not checked itself
        yield from plan_references(path, each, facts)
        if facts.policy is not None:
            yield from sampling_below_policy(path, each, facts.policy)
            yield from sample_minimums(path, each, facts.policy)
        if facts.roster is not None and each.sample is not None:
            yield from sample_method(path, each, facts)
    for path, document in facts.findings.items():
        plan = plans.get(document.plan)
        if plan is not None:
            yield from findings_dates(path, document, plan)
        elif document.plan not in facts.unchecked_plans:  # a broken plan reports itself
            hint = did_you_mean(document.plan, list(plans))
            message = t("unknown-plan", plan=document.plan, hint=hint)
            yield RepoViolation(path, ("plan",), "unknown-plan", message)
        yield from findings_county(path, document, plan)
        for finding in document.findings:
            yield from finding_references(path, finding, plan, facts)
            if facts.policy is not None:
                yield from required_columns(path, finding, facts.policy)
                yield from evidence_required(path, finding, facts.policy)
            if facts.root is not None:
                yield from evidence_files(path, finding, facts.root)


def evidence_required(path: str, finding: FindingFact, policy: Policy) -> Iterator[RepoViolation]:
    """With `rectification.evidence_required`, no 销号 without 佐证资料: a finding marked
    rectified or verified names its evidence (a label or a file of the repository)."""
    if policy.rectification.evidence_required and finding.unproven:
        where: Loc = ("findings", finding.position, "rectification", "status")
        message = t("evidence-required", policy=policy.name)
        yield RepoViolation(path, where, "evidence-required", message)


def evidence_files(path: str, finding: FindingFact, root: Path) -> Iterator[RepoViolation]:
    """An evidence file exists in the repository, where the archive keeps it."""
    for loc, name in finding.evidence_files:
        if not inside_file(root, name):
            message = t("evidence-file-missing", file=name)
            yield RepoViolation(
                path, ("findings", finding.position, *loc), "evidence-file-missing", message
            )


def inside_file(root: Path, name: str) -> bool:
    """``name`` is a regular file inside ``root`` (no absolute path, no way out by ``..``
    or a symbolic link)."""
    relative = PurePosixPath(name.replace("\\", "/"))
    if relative.is_absolute() or ".." in relative.parts:
        return False
    target = root / relative
    try:
        resolved = target.resolve(strict=True)
        return resolved.is_file() and resolved.is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        return False


def required_columns(path: str, finding: FindingFact, policy: Policy) -> Iterator[RepoViolation]:
    """A ledger column the policy marks `required` is filled for every finding (Hainan
    §3.3, §5.3: each problem has its target, measures, unit and person)."""
    for column in policy.ledger:
        if column.required and column.field in finding.blank:
            where: Loc = ("findings", finding.position)
            if column.field == "responsible.person":
                where = (*where, "responsible")
            message = t(
                "ledger-column-missing",
                field=column.field,
                title=column.title,
                source=column.source or policy.name,
            )
            yield RepoViolation(path, where, "ledger-column-missing", message)


# --- ids -------------------------------------------------------------------------------------


def finding_id_loc(finding: FindingFact) -> Loc:
    return ("findings", finding.position, "id")


def unique_ids(facts: Facts) -> Iterator[RepoViolation]:
    seen: dict[str, tuple[str, Loc]] = {}
    # The paths not checked come first, so that a clash is reported in a checked file.
    checked_last = sorted(facts.plans, key=facts.checks)  # stable: the order is kept
    for path in checked_last:
        yield from _once(seen, facts.plans[path].id, path, ("id",), facts)
    seen_findings = dict(facts.other_finding_ids)
    for path, document in facts.findings.items():
        for finding in document.findings:
            yield from _once(seen_findings, finding.id, path, finding_id_loc(finding), facts)


def _once(
    seen: dict[str, tuple[str, Loc]], key: str, path: str, loc: Loc, facts: Facts
) -> Iterator[RepoViolation]:
    """A clash of ``key`` with the first use of it, named by file and line."""
    first = seen.setdefault(key, (path, loc))
    if first != (path, loc):
        message = t("duplicate-id", id=key, other=facts.place(*first))
        yield RepoViolation(path, loc, "duplicate-id", message)


# --- document numbers ------------------------------------------------------------------------


class _NumberUse(NamedTuple):
    path: str
    loc: Loc
    number: str


def numbers_unique(facts: Facts) -> Iterator[RepoViolation]:
    """A document number (文号) is given out once (GB/T 9704 7.2.4): each letter's
    ``letter.number`` and each entry of the register ``issued:`` in inspect.yaml, which is
    what ``render-bulletin`` and ``render-letter`` count on when they pick the next free one.

    A clash is reported at the later use, naming the first: the register after the letters
    (a number registered when a letter already had it), and a file the rules run for after
    those they do not (``--changed-since``: the clash is in the changed file).
    """
    uses = [_NumberUse(p, ("letter", "number"), n) for p, n in facts.letter_numbers.items()]
    settings = facts.settings
    if settings is not None:
        uses += [
            _NumberUse(SETTINGS_FILE, ("issued", index, "number"), entry.number)
            for index, entry in enumerate(settings.issued)
        ]
    uses.sort(key=lambda use: facts.checks(use.path))  # stable: the order above is kept
    short_name = settings.authority.short_name if settings is not None else None
    first: dict[tuple[int, int] | str, _NumberUse] = {}
    for use in uses:
        earlier = first.setdefault(number_key(use.number, short_name), use)
        if earlier is use or not facts.checks(use.path):
            continue
        other = facts.place(earlier.path, earlier.loc)
        message = t("issued-number-reused", number=use.number, other=other)
        yield RepoViolation(use.path, use.loc, "issued-number-reused", message)


# --- references ------------------------------------------------------------------------------


def _content_code(path: str, code: str, loc: Loc, facts: Facts) -> Iterator[RepoViolation]:
    if facts.policy is not None and code not in facts.codes:
        hint = did_you_mean(code, list(facts.codes))
        message = t("unknown-content-code", code=code, policy=facts.policy.name, hint=hint)
        yield RepoViolation(path, loc, "unknown-content-code", message)


def plan_references(path: str, plan: PlanFacts, facts: Facts) -> Iterator[RepoViolation]:
    yield from plan_type_in_policy(path, plan, facts.policy)
    for index, code in enumerate(plan.content):
        yield from _content_code(path, code, ("content", index), facts)
    if facts.roster is not None:
        for index, county in enumerate(plan.counties):
            if county not in facts.roster.tree:
                hint = did_you_mean(county, list(facts.roster.tree))
                yield RepoViolation(
                    path,
                    ("counties", index),
                    "unknown-county",
                    t("unknown-county", county=county, hint=hint),
                )


def plan_type_in_policy(
    path: str, plan: PlanFacts, policy: Policy | None
) -> Iterator[RepoViolation]:
    """A policy that names its kinds of round (e.g. Da'an §2: supervision only) rules out
    the others; one that names none allows both."""
    if policy is None or not policy.inspection_kinds or plan.type in policy.inspection_kinds:
        return
    kinds = enumeration(policy.inspection_kinds)
    message = t("plan-type-not-in-policy", type=plan.type, policy=policy.name, kinds=kinds)
    yield RepoViolation(path, ("type",), "plan-type-not-in-policy", message)


def findings_county(
    path: str, document: FindingsFacts, plan: PlanFacts | None
) -> Iterator[RepoViolation]:
    """A problem list goes to one inspected county (Heyuan §4): its findings lie there."""
    if document.county is None:
        return
    if plan is not None and document.county not in plan.counties:
        message = t("location-not-in-plan", county=document.county, plan=plan.id)
        yield RepoViolation(path, ("county",), "location-not-in-plan", message)
    for finding in document.findings:
        if finding.county != document.county:
            message = t("finding-outside-county", county=finding.county, document=document.county)
            loc: Loc = ("findings", finding.position, "location", "county")
            yield RepoViolation(path, loc, "finding-outside-county", message)


def finding_references(
    path: str, finding: FindingFact, plan: PlanFacts | None, facts: Facts
) -> Iterator[RepoViolation]:
    loc: Loc = ("findings", finding.position)
    yield from _content_code(path, finding.content, (*loc, "content"), facts)
    if plan is not None:
        yield from content_within_plan(path, finding, plan, facts)
    if plan is not None and finding.county not in plan.counties:
        message = t("location-not-in-plan", county=finding.county, plan=plan.id)
        yield RepoViolation(path, (*loc, "location", "county"), "location-not-in-plan", message)
    if facts.roster is not None:
        yield from location_in_roster(path, finding, facts.roster)


def content_within_plan(
    path: str, finding: FindingFact, plan: PlanFacts, facts: Facts
) -> Iterator[RepoViolation]:
    """A finding's content is one of its round's planned content codes (the plan sets the
    round's content, Guangdong art. 10, 16), or an item of a planned category (``0302``
    under ``03``).

    A warning, not an error: a group reports a problem it met outside the planned content
    too. A plan without content codes plans none to compare with, and a code the
    catalogue lacks is already ``unknown-content-code``.
    """
    code = finding.content
    if not plan.content or code not in facts.codes:
        return
    if code in plan.content or facts.category_of.get(code) in plan.content:
        return
    message = t("content-outside-plan", code=code, plan=plan.id, codes=enumeration(plan.content))
    loc: Loc = ("findings", finding.position, "content")
    yield RepoViolation(path, loc, "content-outside-plan", message, Severity.WARNING)


def location_in_roster(path: str, finding: FindingFact, roster: Roster) -> Iterator[RepoViolation]:
    loc: Loc = ("findings", finding.position, "location")
    towns = roster.tree.get(finding.county)
    if towns is None:
        hint = did_you_mean(finding.county, list(roster.tree))
        yield RepoViolation(
            path,
            (*loc, "county"),
            "unknown-location",
            t("unknown-county", county=finding.county, hint=hint),
        )
        return
    if finding.town is not None:
        villages = towns.get(finding.town)
        if villages is None:
            hint = did_you_mean(finding.town, list(towns))
            message = t("unknown-town", town=finding.town, county=finding.county, hint=hint)
            yield RepoViolation(path, (*loc, "town"), "unknown-location", message)
            return
        if finding.village is not None and finding.village not in villages:
            hint = did_you_mean(finding.village, list(villages))
            message = t("unknown-village", village=finding.village, town=finding.town, hint=hint)
            yield RepoViolation(path, (*loc, "village"), "unknown-location", message)
            return
    if finding.household is not None:
        row = roster.households.row(finding.household)
        if row is None:
            message = t("unknown-household", household=finding.household)
            yield RepoViolation(path, (*loc, "household"), "unknown-location", message)
            return
        # Only the household's village is needed: its details (a read of its line) are not.
        county, town, village, _ = roster.place(row)
        given = (finding.county, finding.town or town, finding.village or village)
        actual = (county, town, village)
        if given != actual:
            message = t(
                "household-elsewhere",
                household=finding.household,
                actual="/".join(actual),
                given="/".join(given),
            )
            yield RepoViolation(path, (*loc, "household"), "unknown-location", message)


# --- dates -----------------------------------------------------------------------------------


def findings_dates(path: str, document: FindingsFacts, plan: PlanFacts) -> Iterator[RepoViolation]:
    if document.exchanged is not None and document.exchanged < plan.start:
        message = t("date-before-round", what="exchanged", date=document.exchanged, end=plan.start)
        yield RepoViolation(path, ("exchanged",), "date-before-round", message)
    # A 督办函 may be sent while the round runs; a rectification letter follows it.
    letter = document.letter_date
    if letter is not None and document.supervision and letter < plan.start:
        message = t("date-before-round-start", what="letter.date", date=letter, start=plan.start)
        yield RepoViolation(path, ("letter", "date"), "date-before-round", message)
    elif letter is not None and not document.supervision and letter < plan.end:
        message = t("date-before-round", what="letter.date", date=letter, end=plan.end)
        yield RepoViolation(path, ("letter", "date"), "date-before-round", message)
    # A record before the unit was told (exchange or letter on or after the round's end) is
    # reported by the document rule `record-before-notified`; this catches the rest.
    notified = document.exchanged or document.letter_date
    told_after_round = notified is not None and notified >= plan.end
    for finding in document.findings:
        loc: Loc = ("findings", finding.position)
        if finding.on_the_spot or document.supervision:
            yield from _during_round(path, loc, finding, plan)
            continue
        if finding.deadline is not None and finding.deadline <= plan.end:
            message = t("deadline-before-round", deadline=finding.deadline, end=plan.end)
            yield RepoViolation(path, (*loc, "deadline"), "deadline-before-round", message)
        first = finding.first_record
        if first is not None and first < plan.end and not told_after_round:
            message = t("date-before-round", what="rectification", date=first, end=plan.end)
            yield RepoViolation(
                path, (*loc, *finding.first_record_at), "date-before-round", message
            )


def _during_round(
    path: str, loc: Loc, finding: FindingFact, plan: PlanFacts
) -> Iterator[RepoViolation]:
    """立行立改 (Guangdong art. 16(2)) and a 督办函 act while the round runs: their deadline and
    records may fall inside it, not before it began."""
    if finding.deadline is not None and finding.deadline < plan.start:
        message = t("deadline-before-round-start", deadline=finding.deadline, start=plan.start)
        yield RepoViolation(path, (*loc, "deadline"), "deadline-before-round", message)
    first = finding.first_record
    if first is not None and first < plan.start:
        message = t("date-before-round-start", what="rectification", date=first, start=plan.start)
        yield RepoViolation(path, (*loc, *finding.first_record_at), "date-before-round", message)


# --- sample ----------------------------------------------------------------------------------


def effective_spec(policy: Policy, plan: PlanFacts) -> SampleSpec:
    """The policy's sampling minimums, overridden by the plan's own specification."""
    merged = policy.sampling.model_dump(exclude_none=True)
    merged.update(plan.sampling or {})
    return SampleSpec.model_validate(merged)


def _minimums(spec: dict[str, Any]) -> dict[Loc, int]:
    """Every minimum of a sample specification, by its place in ``sampling:``."""
    found: dict[Loc, int] = {}
    for key in ("towns", "poor_villages", "ordinary_villages", "villages"):
        if isinstance(spec.get(key), int):
            found[(key,)] = spec[key]
    band = spec.get("households_per_village")
    if isinstance(band, dict) and isinstance(band.get("min"), int):
        found[("households_per_village", "min")] = band["min"]
    for key in ("households_by_status", "households_by_category"):
        for name, count in (spec.get(key) or {}).items():
            found[(key, name)] = count
    return found


def sampling_below_policy(path: str, plan: PlanFacts, policy: Policy) -> Iterator[RepoViolation]:
    """A plan's ``sampling:`` may raise the policy's minimums, never lower them, unless it
    records a ``deviation`` (reason and approval): then it is a warning."""
    own = plan.sampling or {}
    deviation = own.get("deviation")
    severity = Severity.WARNING if deviation else Severity.ERROR
    required = _minimums(policy.sampling.model_dump(exclude_none=True))
    source = policy.sampling.source or policy.name
    for loc, value in _minimums(own).items():
        minimum = required.get(loc)
        if minimum is not None and value < minimum:
            message = t(
                "sampling-below-policy-approved" if deviation else "sampling-below-policy",
                key=".".join(map(str, loc)),
                value=value,
                minimum=minimum,
                source=source,
                approved_by=(deviation or {}).get("approved_by", ""),
            )
            yield RepoViolation(
                path, ("sampling", *loc), "sampling-below-policy", message, severity
            )


def sample_minimums(path: str, plan: PlanFacts, policy: Policy) -> Iterator[RepoViolation]:
    if plan.sample is None:
        return
    spec = effective_spec(policy, plan)
    source = spec.source or policy.name
    sample = plan.sample
    counts = {
        "towns": len(sample.towns),
        "poor_villages": sum(1 for v in sample.villages if v[2] == "poor"),
        "ordinary_villages": sum(1 for v in sample.villages if v[2] == "ordinary"),
    }
    for unit, actual in counts.items():
        required = getattr(spec, unit)
        if required is not None and actual < required:
            message = t(
                "sample-below-minimum",
                actual=actual,
                unit=unit.replace("_", " "),
                required=required,
                source=source,
            )
            yield RepoViolation(
                path, ("sample", unit.split("_")[-1]), "sample-below-minimum", message
            )
    yield from _household_minimums(path, sample.villages, sample.households, spec, source)


def _household_minimums(
    path: str,
    villages: tuple[tuple[str, str, str], ...],
    households: tuple[tuple[str, str, str], ...],
    spec: SampleSpec,
    source: str,
) -> Iterator[RepoViolation]:
    per_village: dict[str, Counter[str]] = defaultdict(Counter)
    for _, village, status in households:
        per_village[village][status] += 1
    for index, (village, _, _) in enumerate(villages):
        counts = per_village.get(village, Counter())
        loc: Loc = ("sample", "villages", index)
        if spec.households_per_village is not None:
            required = spec.households_per_village.min
            if sum(counts.values()) < required:
                message = t(
                    "village-sample-below-minimum",
                    village=village,
                    actual=sum(counts.values()),
                    unit="households",
                    required=required,
                    source=source,
                )
                yield RepoViolation(path, loc, "sample-below-minimum", message)
        for status, required in (spec.households_by_status or {}).items():
            if counts[status] < required:
                message = t(
                    "village-sample-below-minimum",
                    village=village,
                    actual=counts[status],
                    unit=f"{status} households",
                    required=required,
                    source=source,
                )
                yield RepoViolation(path, loc, "sample-below-minimum", message)


def sample_method(path: str, plan: PlanFacts, facts: Facts) -> Iterator[RepoViolation]:
    """The recorded sample against the roster and method v1 (see inspectcli.sampling.check).
    Without a policy the specification is unknown, so the draw is not re-derived."""
    from inspectcli.sampling.check import check_sample
    from inspectcli.sampling.spec import DEFAULT_GROUPS

    assert facts.roster is not None
    spec = effective_spec(facts.policy, plan) if facts.policy is not None else None
    groups = facts.policy.category_groups() if facts.policy is not None else DEFAULT_GROUPS
    for loc, code, message, severity in check_sample(path, plan, spec, facts.roster, groups):
        yield RepoViolation(path, loc, code, message, severity)
