"""What the cross-file rules need from each document, as small plain values.

Facts are what the content-hash cache keeps per file, so they stay compact: the bulk of a
repository is findings, and each finding becomes one short tuple.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from inspectcli.model.findings import Finding, FindingsDocument
from inspectcli.model.plan import PlanDocument


class FindingFact(NamedTuple):
    position: int  # in the file's list of findings
    id: str
    content: str
    county: str
    town: str | None
    village: str | None
    household: str | None
    deadline: dt.date
    first_record: dt.date | None  # the earliest date in its rectification record
    first_record_at: tuple[str | int, ...] = ("rectification",)  # its field, in the finding


class FindingsFacts(NamedTuple):
    plan: str
    county: str | None
    exchanged: dt.date | None
    letter_date: dt.date | None
    findings: tuple[FindingFact, ...]
    letter_number: str | None = None  # 文号 of the rectification letter


class SampleFacts(NamedTuple):
    towns: tuple[str, ...]
    villages: tuple[tuple[str, str, str], ...]  # id, town id, class
    households: tuple[tuple[str, str, str], ...]  # id, village id, status
    # What re-checking the draw needs (method v1); defaults keep older cache entries loading.
    seed: str = ""
    frame_sha256: str = ""
    excluded: tuple[str, ...] = ()
    tickets: tuple[str, ...] = ()  # of the towns, then the villages, then the households


class PlanFacts(NamedTuple):
    id: str
    type: str
    start: dt.date
    end: dt.date
    counties: tuple[str, ...]
    content: tuple[str, ...]
    sampling: dict[str, Any] | None
    sample: SampleFacts | None


class Unchecked(NamedTuple):
    """A document whose schema failed: only the id it declares, so that files referring to
    it are not reported a second time for a missing reference."""

    id: str | None


def _first_record(finding: Finding) -> tuple[dt.date | None, tuple[str | int, ...]]:
    """The earliest date of the rectification record and the field that holds it."""
    record = finding.rectification
    dated: list[tuple[dt.date, tuple[str | int, ...]]] = [
        (u.date, ("rectification", "updates", i, "date")) for i, u in enumerate(record.updates)
    ]
    dated += [
        (e.requested, ("rectification", "extensions", i, "requested"))
        for i, e in enumerate(record.extensions)
    ]
    if record.rectified is not None:
        dated.append((record.rectified, ("rectification", "rectified")))
    if record.verification is not None:
        dated.append((record.verification.date, ("rectification", "verification", "date")))
    if not dated:
        return None, ("rectification",)
    return min(dated, key=lambda item: item[0])


def findings_facts(document: FindingsDocument) -> FindingsFacts:
    items = tuple(
        FindingFact(
            index,
            f.id,
            f.content,
            f.location.county,
            f.location.town,
            f.location.village,
            f.location.household,
            f.deadline,
            *_first_record(f),
        )
        for index, f in enumerate(document.findings)
    )
    letter = document.letter
    return FindingsFacts(
        document.plan,
        document.county,
        document.exchanged,
        letter.date if letter else None,
        items,
        letter.number if letter else None,
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
    )


def extract(kind: str, model: Any) -> Any:
    """The facts of a valid document: tuples for plans and findings, the model otherwise."""
    if kind == "findings":
        return findings_facts(model)
    if kind == "plan":
        return plan_facts(model)
    return model
