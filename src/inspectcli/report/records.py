"""What a report needs from each case file, as small plain values.

Built in the worker that loads the file (on both cores), cached by the file's content
digest, so a report never keeps 200,000 pydantic findings in memory or in its cache. Free
texts are kept with their ID and phone numbers masked: the cache holds no more than the
report shows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from inspectcli.deadlines.derive import approved_extension, effective_deadline
from inspectcli.model.findings import Finding, FindingsDocument
from inspectcli.model.moment import When
from inspectcli.model.plan import PlanDocument
from inspectcli.pipeline.cache import Entry, digest
from inspectcli.redact import mask


class FindingRecord(NamedTuple):
    position: int  # in the file's list of findings
    id: str
    content: str
    county: str
    town: str | None
    village: str | None
    household: str | None
    description: str
    target: str | None
    measures: str  # a list of measures numbered on one line, each with person and deadline
    unit: str  # the responsible units, joined by 、
    person: str | None  # their persons, joined by 、
    deadline: When  # in force: the last approved extension's, else the finding's own
    extended: bool
    status: str  # as the file writes it
    rectified: When | None
    verified: dt.date | None  # date of the follow-up verification (回头看)
    tags: tuple[str, ...]
    progress: str | None = None  # the last progress update's note
    lead: str | None = None  # the lead unit (牵头单位) with its person
    units: tuple[tuple[str, str], ...] = ()  # (role, unit) of every unit the finding names
    # For the three lists (三单): (role, unit, person) of each unit; (text, deadline, person)
    # of each measure; the evidence recorded (labels, or the paths of files).
    parties: tuple[tuple[str, str, str | None], ...] = ()
    measure_items: tuple[tuple[str, When | None, str | None], ...] = ()
    evidence: tuple[str, ...] = ()


class FindingsRecord(NamedTuple):
    plan: str
    findings: tuple[FindingRecord, ...]


class PlanRecord(NamedTuple):
    id: str
    start: dt.date
    group: str
    counties: tuple[str, ...]
    sampled: tuple[tuple[str, str], ...] = ()  # each household drawn, with its category


def _masked(text: str | None) -> str | None:
    return None if text is None else mask(text)


MISSED_PREFIX = "漏评:"


def missed_key(county: str, town: str | None, village: str | None, head: str | None) -> str | None:
    """How a household missing from the register (漏评) is counted: by its village and
    head, never equal to a roster id (which has no ``|``-free village path and head)."""
    if head is None or village is None:
        return None
    return f"{MISSED_PREFIX}{county}/{town or ''}/{village}:{mask(head)}"


def _measures(finding: Finding) -> str:
    if isinstance(finding.measures, str):
        return mask(finding.measures)
    parts = []
    for i, measure in enumerate(finding.measures, 1):
        terms = [x for x in (measure.person, measure.deadline and str(measure.deadline)) if x]
        parts.append(f"({i}) {measure.text}" + (f" [{', '.join(terms)}]" if terms else ""))
    return mask(" ".join(parts))


def _joined(texts: list[str]) -> str | None:
    return mask("、".join(texts)) if texts else None


def finding_record(finding: Finding, position: int) -> FindingRecord:
    due, _ = effective_deadline(finding, position)
    record = finding.rectification
    where = finding.location
    lead = finding.lead
    return FindingRecord(
        position,
        finding.id,
        finding.content,
        where.county,
        where.town,
        where.village,
        where.household
        or missed_key(where.county, where.town, where.village, where.missing_household),
        mask(finding.description),
        _masked(finding.target),
        _measures(finding),
        mask("、".join(r.unit for r in finding.responsibles)),
        _joined([r.person for r in finding.responsibles if r.person]),
        due,
        approved_extension(finding) is not None,
        record.status,
        record.rectified,
        record.verification.date if record.verification else None,
        tuple(finding.tags),
        _masked(record.updates[-1].note) if record.updates else None,
        _masked(lead.unit + (f" ({lead.person})" if lead.person else "")) if lead else None,
        tuple((role, mask(party.unit)) for role, party in finding.units()),
        tuple((role, mask(p.unit), _masked(p.person)) for role, p in finding.units()),
        tuple((mask(m.text), m.deadline, _masked(m.person)) for m in finding.measure_list),
        tuple(_evidence(finding)),
    )


def _evidence(finding: Finding) -> list[str]:
    record = finding.rectification
    items = [*record.evidence, *(item for u in record.updates for item in u.evidence)]
    labels = [item if isinstance(item, str) else item.file for item in items]
    return [mask(label) for label in dict.fromkeys(labels)]


def findings_record(document: FindingsDocument) -> FindingsRecord:
    items = tuple(finding_record(f, i) for i, f in enumerate(document.findings))
    return FindingsRecord(document.plan, items)


def plan_record(plan: PlanDocument) -> PlanRecord:
    sampled = tuple((h.id, h.status) for h in plan.sample.households) if plan.sample else ()
    return PlanRecord(plan.id, plan.start, mask(plan.group.name), tuple(plan.counties), sampled)


def records_of(model: Any) -> Any:
    """Records for plans and findings; any other document (settings, policy, roster,
    calendar: a handful of files) is kept as its model."""
    if isinstance(model, FindingsDocument):
        return findings_record(model)
    if isinstance(model, PlanDocument):
        return plan_record(model)
    return model


def report_entry(item: tuple[str, bytes]) -> Entry:
    """The one-file stage of a report: load and check the file, keep its records."""
    from inspectcli.pipeline.load import load_bytes
    from inspectcli.problems import errors

    path, raw = item
    loaded = load_bytes(path, raw)
    facts = records_of(loaded.model) if loaded.model is not None else None
    return Entry(digest(raw), loaded.kind, facts, errors(loaded.problems))
