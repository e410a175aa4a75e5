"""What the site keeps of each findings file, made where the file is read.

The report's one-file stage (``report.records.report_entry``) runs on both cores and keeps
of a findings file the records the report counts. The site's stage (``site_entry``) keeps,
beside them, what a page shows and the report does not count: the list's county and letter
and each finding's record as its timeline tells it. So the site reads every file once, as
the report does, and never builds the findings' models a second time in one process.

Every text is masked by the one redactor here, once, before any page is made; the cache
(``SiteCache``, the report's layout under a name of its own) holds no more than a page
shows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from inspectcli.model.findings import Evidence, Finding, FindingsDocument
from inspectcli.model.findings import Verification as FindingVerification
from inspectcli.model.moment import When
from inspectcli.pipeline.cache import Entry, digest
from inspectcli.pipeline.load import load_bytes
from inspectcli.problems import errors
from inspectcli.redact import mask
from inspectcli.report.load import ReportCache
from inspectcli.report.records import FindingsRecord, findings_record, records_of


class Update(NamedTuple):
    date: When
    status: str | None
    note: str
    evidence: tuple[str, ...]


class Extension(NamedTuple):
    requested: dt.date
    new_deadline: When
    reason: str
    decision: str
    decided: dt.date | None


class Verification(NamedTuple):
    date: When
    by: str
    result: str
    note: str | None


class Record(NamedTuple):
    """A finding's rectification record, for its timeline (``build.timeline``)."""

    found_evidence: tuple[str, ...]
    updates: tuple[Update, ...]
    extensions: tuple[Extension, ...]
    rectified: When | None
    evidence: tuple[str, ...]
    verification: Verification | None
    revisits: tuple[Verification, ...]  # the earlier passes (failed ones), oldest first


class ListRecord(NamedTuple):
    """A findings file: the report's records, its county and letter, and each finding's
    record (in the order of ``report.findings``)."""

    report: FindingsRecord
    county: str | None
    letter_number: str | None
    letter_date: dt.date | None
    records: tuple[Record, ...]


def _evidence(items: Sequence[Evidence]) -> tuple[str, ...]:
    return tuple(mask(item if isinstance(item, str) else item.file) for item in items)


def record_of(finding: Finding) -> Record:
    record = finding.rectification
    check = record.verification
    return Record(
        _evidence(finding.evidence),
        tuple(
            Update(u.date, u.status, mask(u.note), _evidence(u.evidence)) for u in record.updates
        ),
        tuple(
            Extension(e.requested, e.new_deadline, mask(e.reason), e.decision, e.decided)
            for e in record.extensions
        ),
        record.rectified,
        _evidence(record.evidence),
        None if check is None else _verification(check),
        tuple(_verification(one) for one in record.revisits),
    )


def _verification(check: FindingVerification) -> Verification:
    note = None if check.note is None else mask(check.note)
    return Verification(check.date, mask(check.by), check.result, note)


def list_record(document: FindingsDocument) -> ListRecord:
    letter = document.letter
    return ListRecord(
        findings_record(document),
        document.county,  # a name the site links by: masked where it is shown
        None if letter is None or letter.number is None else mask(letter.number),
        None if letter is None else letter.date,
        tuple(record_of(finding) for finding in document.findings),
    )


def site_entry(item: tuple[str, bytes]) -> Entry:
    """The one-file stage of the site: ``report_entry``, with a findings file's page data."""
    path, raw = item
    loaded = load_bytes(path, raw)
    model = loaded.model
    facts: object = None
    if isinstance(model, FindingsDocument):
        facts = list_record(model)
    elif model is not None:
        facts = records_of(model)
    return Entry(digest(raw), loaded.kind, facts, errors(loaded.problems))


def report_entries(entries: dict[str, Entry]) -> dict[str, Entry]:
    """The entries as the report's stage makes them (a findings file's report records)."""
    return {
        path: entry._replace(facts=entry.facts.report)
        if isinstance(entry.facts, ListRecord)
        else entry
        for path, entry in entries.items()
    }


class SiteCache(ReportCache):
    """The report's cache layout under a name of its own: its entries hold list records."""

    # The report's facts, a findings file's records replaced by the site's.
    FACTS = tuple(
        (tag, ListRecord if tag == "findings" else kind) for tag, kind in ReportCache.FACTS or ()
    )

    def __init__(self, directory: Path | None, root: Path) -> None:
        super().__init__(directory, root)
        self.stem += "-site"
