"""What the cross-file rules need from each document, as small plain values.

Facts are what the content-hash cache keeps per file, so they stay compact: the bulk of a
repository is findings, and each finding becomes one short tuple.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError, create_model

from inspectcli.model.common import HOUSEHOLD_STATUSES
from inspectcli.model.findings import EvidenceFile, Finding, FindingsDocument, Rectification
from inspectcli.model.plan import PlanDocument
from inspectcli.model.policy import OWN_CATEGORIES_LIMIT, OwnCategory


class FindingFact(NamedTuple):
    position: int  # in the file's list of findings
    id: str
    content: str
    county: str
    town: str | None
    village: str | None
    household: str | None
    deadline: dt.date | None  # None where the finding's own deadline is wrong
    first_record: dt.date | None  # the earliest date in its rectification record
    first_record_at: tuple[str | int, ...] = ("rectification",)  # its field, in the finding
    on_the_spot: bool = False  # 立行立改: rectified while the round runs
    blank: tuple[str, ...] = ()  # ledger fields (policy `ledger`) the finding leaves empty
    unproven: bool = False  # rectified or verified with no evidence at all (销号 without 佐证)
    evidence_files: tuple[tuple[tuple[str | int, ...], str], ...] = ()  # field, repository path


class FindingsFacts(NamedTuple):
    plan: str
    county: str | None
    exchanged: dt.date | None
    letter_date: dt.date | None
    findings: tuple[FindingFact, ...]
    letter_number: str | None = None  # 文号 of the rectification letter
    supervision: bool = False  # the letter is a 督办函, which may be sent during the round


class SampleFacts(NamedTuple):
    towns: tuple[str, ...]
    villages: tuple[tuple[str, str, str], ...]  # id, town id, class
    households: tuple[tuple[str, str, str], ...]  # id, village id, status
    # What re-checking the draw needs (method v1); defaults keep older cache entries loading.
    seed: str = ""
    frame_sha256: str = ""
    excluded: tuple[str, ...] = ()
    tickets: tuple[str, ...] = ()  # of the towns, then the villages, then the households
    method: str = "v1"


class PlanFacts(NamedTuple):
    id: str
    type: str
    start: dt.date
    end: dt.date
    counties: tuple[str, ...]
    content: tuple[str, ...]
    sampling: dict[str, Any] | None
    sample: SampleFacts | None
    liaisons: tuple[str, ...] = ()  # the counties the group names a liaison for
    scope: str = "special"


class Unchecked(NamedTuple):
    """A document whose schema failed: only the id it declares, so that files referring to
    it are not reported a second time for a missing reference."""

    id: str | None


OwnCategories = tuple[tuple[str, str, tuple[str, ...]], ...]  # id, Chinese name, aliases


class UncheckedPolicy(NamedTuple):
    """A policy document whose schema failed: its name, and its own household categories
    when that part is valid (None when not), so that a roster writing them is not reported
    row by row for a fault elsewhere in the policy."""

    name: str | None
    own_categories: OwnCategories | None


_OWN = TypeAdapter(list[OwnCategory])


def partial_policy_facts(data: dict[str, Any]) -> UncheckedPolicy:
    declared = data.get("name")
    name = declared if isinstance(declared, str) else None
    try:
        own = _OWN.validate_python(data.get("own_categories") or [])
    except ValidationError:
        return UncheckedPolicy(name, None)
    ids = [category.id for category in own]
    if (
        len(own) > OWN_CATEGORIES_LIMIT
        or len(set(ids)) < len(ids)
        or set(ids) & set(HOUSEHOLD_STATUSES)
    ):
        return UncheckedPolicy(name, None)
    return UncheckedPolicy(name, tuple((c.id, c.name, tuple(c.aliases)) for c in own))


def _first_record(record: Rectification) -> tuple[dt.date | None, tuple[str | int, ...]]:
    """The earliest date of the rectification record and the field that holds it."""
    dated: list[tuple[dt.date, tuple[str | int, ...]]] = [
        (u.date, ("rectification", "updates", i, "date")) for i, u in enumerate(record.updates)
    ]
    dated += [
        (e.requested, ("rectification", "extensions", i, "requested"))
        for i, e in enumerate(record.extensions)
    ]
    if record.rectified is not None:
        dated.append((record.rectified, ("rectification", "rectified")))
    dated += [
        (v.date, ("rectification", "revisits", i, "date")) for i, v in enumerate(record.revisits)
    ]
    if record.verification is not None:
        dated.append((record.verification.date, ("rectification", "verification", "date")))
    if not dated:
        return None, ("rectification",)
    return min(dated, key=lambda item: item[0])


def _finding_fact(index: int, refs: Any, record: Rectification) -> FindingFact:
    """The fact of a finding (or of the fields of one that ``_FINDING_REFS`` reads)."""
    location = refs.location
    return FindingFact(
        index,
        refs.id,
        refs.content,
        location.county,
        location.town,
        location.village,
        location.household,
        getattr(refs, "deadline", None),
        *_first_record(record),
        getattr(refs, "on_the_spot", False),
        _blank(refs),
        record.status in ("rectified", "verified") and not _evidence(record),
        tuple(_evidence_files(record)),
    )


def _evidence(record: Rectification) -> list[Any]:
    return [*record.evidence, *(item for u in record.updates for item in u.evidence)]


def _evidence_files(record: Rectification) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Each evidence item that names a file, with its field (to check that it exists)."""
    for i, item in enumerate(record.evidence):
        if isinstance(item, EvidenceFile):
            yield ("rectification", "evidence", i, "file"), item.file
    for u, update in enumerate(record.updates):
        for i, item in enumerate(update.evidence):
            if isinstance(item, EvidenceFile):
                yield ("rectification", "updates", u, "evidence", i, "file"), item.file


def _blank(refs: Any) -> tuple[str, ...]:
    """The optional ledger fields a finding leaves empty (Hainan §3.3, §5.3 make them
    required): no target, no person for any unit it names. Read of a valid finding only."""
    if not isinstance(refs, Finding):
        return ()
    blank: tuple[str, ...] = () if refs.target else ("target",)
    if not any(party.person for _, party in refs.units()):
        blank += ("responsible.person",)
    return blank


def _document_facts(document: Any, items: tuple[FindingFact, ...]) -> FindingsFacts:
    letter = document.letter
    return FindingsFacts(
        document.plan,
        document.county,
        document.exchanged,
        letter.date if letter else None,
        items,
        letter.number if letter else None,
        bool(letter and letter.supervision),
    )


def findings_facts(document: FindingsDocument) -> FindingsFacts:
    findings = enumerate(document.findings)
    return _document_facts(
        document, tuple(_finding_fact(i, f, f.rectification) for i, f in findings)
    )


def plan_facts(plan: PlanDocument) -> PlanFacts:
    sample = None
    if plan.sample is not None:
        s = plan.sample
        sample = SampleFacts(
            tuple(town.id for town in s.towns),
            tuple((v.id, v.town, v.village_class) for v in s.villages),
            tuple((h.id, h.village, h.status) for h in s.households),
            s.seed,
            s.frame_sha256,
            tuple(s.excluded),
            tuple(u.ticket for u in (*s.towns, *s.villages, *s.households)),
            s.method,
        )
    sampling = plan.sampling.model_dump(exclude_none=True) if plan.sampling else None
    return PlanFacts(
        plan.id,
        plan.type,
        plan.start,
        plan.end,
        tuple(plan.counties),
        tuple(plan.content),
        sampling,
        sample,
        tuple(plan.group.liaisons),
        plan.scope,
    )


def _refs_model(model: type[BaseModel], names: tuple[str, ...]) -> type[BaseModel]:
    """``model`` with only the fields ``names``, of the same types, other keys ignored: what
    the cross-file rules read of a document whose other fields may be wrong."""
    fields: Any = {
        name: (model.model_fields[name].annotation, model.model_fields[name]) for name in names
    }
    config = ConfigDict(extra="ignore", strict=True)
    return create_model(f"{model.__name__}Refs", __config__=config, **fields)


_FINDING_REFS = _refs_model(Finding, ("id", "content", "location", "deadline", "on_the_spot"))
_FINDING_PLACE_REFS = _refs_model(Finding, ("id", "content", "location", "on_the_spot"))
_DOCUMENT_REFS = _refs_model(FindingsDocument, ("plan", "county", "exchanged", "letter"))


def partial_findings_facts(data: dict[str, Any]) -> FindingsFacts | Unchecked:
    """The facts of a findings document that failed its schema, from the findings whose
    references are valid, so that their places, contents and ids are still checked across
    files. Each fact is read from valid fields only, so no problem is reported twice; a
    document whose plan, county, dates or letter are wrong gives none."""
    try:
        document = _DOCUMENT_REFS.model_validate(data)
    except ValidationError:
        return Unchecked(None)
    found = data.get("findings")
    items = (
        _partial_finding(i, item) for i, item in enumerate(found if isinstance(found, list) else [])
    )
    return _document_facts(document, tuple(item for item in items if item is not None))


def _partial_finding(index: int, item: Any) -> FindingFact | None:
    try:
        refs = _FINDING_REFS.model_validate(item)
    except ValidationError as error:
        # A wrong deadline alone does not hide where the finding is: its place, content and
        # id are still checked; only its deadline is not compared with the round.
        if any(detail["loc"][:1] != ("deadline",) for detail in error.errors()):
            return None
        refs = _FINDING_PLACE_REFS.model_validate(item)
    try:
        record = Rectification.model_validate(item.get("rectification", {}))
    except ValidationError:  # a wrong record: its dates are not compared with the round
        record = Rectification()
    return _finding_fact(index, refs, record)


def extract(kind: str, model: Any) -> Any:
    """The facts of a valid document: tuples for plans and findings, the model otherwise."""
    if kind == "findings":
        return findings_facts(model)
    if kind == "plan":
        return plan_facts(model)
    return model
