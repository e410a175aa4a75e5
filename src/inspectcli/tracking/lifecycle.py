"""The transitions of a finding's rectification record (Heyuan §4, §6).

open → rectifying → rectified → verified; a failed follow-up revisit (回头看) sends a
rectified finding back to rectifying. Extensions are requested while the finding is open
or rectifying, one at a time, and each is approved or rejected once.

Each transition first checks the finding as loaded (the model) and refuses what the
lifecycle forbids, then edits the finding's round-trip node. What the document rules
check anyway (date order, a later new deadline, a reason given) is left to them: the
edited file is validated before anything is written (see ``inspectcli.tracking.store``).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, NamedTuple

from ruamel.yaml.comments import CommentedMap

from inspectcli.messages import t
from inspectcli.model.findings import Extension, Finding
from inspectcli.model.moment import day_of, time_of
from inspectcli.model.vocabulary import STATUS
from inspectcli.repo.roundtrip import flow_map, flow_seq
from inspectcli.tracking.yamledit import (
    RECTIFICATION_ORDER,
    append_item,
    is_flow,
    put,
    remove,
)

UpdateStatus = Literal["rectifying", "rectified"]
Decision = Literal["approved", "rejected"]
Result = Literal["passed", "failed"]
EXTENSION_ORDER = ("requested", "reason", "new_deadline", "decision", "decided")


class Refused(Exception):
    """The lifecycle forbids this change; the message says why and what to do instead."""


class Change(NamedTuple):
    """What a transition did, for the line printed after it."""

    finding: str
    before: str
    after: str
    what: str


def _day(date: dt.date) -> dt.date | str:
    """A copy of ``date`` (the same object written twice would become a YAML alias); a
    date with a time of day as the text the files hold (``2026-09-26 18:00``)."""
    if time_of(date) is not None:
        return date.isoformat()
    return day_of(date)


def _status(finding: Finding) -> str:
    return finding.rectification.status


def status_label(status: str) -> str:
    """The status as the user reads and types it: ``rectified`` in English, ``已整改`` in
    Chinese (both are taken in either language)."""
    return status_name(status)


def status_name(status: str) -> str:
    """The status in the user's language (``rectified``, ``已整改``)."""
    return t(f"finding-status-{status}")


def _record(node: CommentedMap) -> CommentedMap:
    """The node's ``rectification:`` mapping, or a new one to fill and then ``_attach``."""
    record = node.get("rectification")
    return record if isinstance(record, CommentedMap) else CommentedMap()


def _attach(node: CommentedMap, record: CommentedMap) -> None:
    """Add a new record at the end of the finding, once it has its content (so that the
    blank line ending the finding moves below it)."""
    if node.get("rectification") is not record:
        put(node, "rectification", record, ("rectification",))


def _status_word(record: CommentedMap, status: str) -> str:
    """``status`` as the file writes it: a record whose status is typed in Chinese (整改中)
    keeps that word when the status stays, and gets the Chinese word of a new one."""
    present = record.get("status")
    if not isinstance(present, str) or present in STATUS.words:
        return status
    return present if STATUS.value(present) == status else STATUS.chinese(status)


def _set_status(record: CommentedMap, status: str) -> None:
    put(record, "status", _status_word(record, status), RECTIFICATION_ORDER)


# --- update ------------------------------------------------------------------------------


def update(
    finding: Finding,
    node: CommentedMap,
    *,
    status: UpdateStatus | None,
    date: dt.date,
    note: str,
    evidence: tuple[str | dict[str, str], ...] = (),
) -> Change:
    """Append a dated progress update; ``rectified`` also records the date and evidence (a
    label, or ``{file, sha256}`` of a file in the repository)."""
    before = _status(finding)
    if before in ("rectified", "verified"):
        raise Refused(t("tracking-update-closed", id=finding.id, status=status_label(before)))
    if status is None and before == "open":
        raise Refused(t("tracking-update-needs-status", id=finding.id))
    after = status or before
    entry: dict[str, object] = {"date": _day(date)}
    record = _record(node)
    if status is not None:
        entry["status"] = _status_word(record, status)
    entry["note"] = note
    if evidence and after == "rectifying":
        entry["evidence"] = flow_seq([_evidence_item(item) for item in evidence])
    _set_status(record, after)
    if after == "rectified":
        put(record, "rectified", _day(date), RECTIFICATION_ORDER)
        _add_evidence(record, evidence)
    append_item(record, "updates", flow_map(entry), RECTIFICATION_ORDER)
    _attach(node, record)
    what = t(
        "tracking-what-rectified" if after == "rectified" else "tracking-what-update", date=date
    )
    return Change(finding.id, before, after, what)


def _evidence_item(item: str | dict[str, str]) -> object:
    return item if isinstance(item, str) else flow_map(dict(item))


def _add_evidence(record: CommentedMap, evidence: tuple[str | dict[str, str], ...]) -> None:
    present = record.get("evidence")
    known = list(present) if present is not None else []
    given: list[str | dict[str, str]] = []
    for item in evidence:  # each once, in the order given
        if item not in known and item not in given:
            given.append(item)
    new = [_evidence_item(item) for item in given]
    if not new:
        return
    if present is not None:
        present.extend(new)
    else:
        put(record, "evidence", flow_seq(new), RECTIFICATION_ORDER)


# --- extensions --------------------------------------------------------------------------


def _pending(finding: Finding) -> tuple[int, Extension] | None:
    pending = [
        (i, e) for i, e in enumerate(finding.rectification.extensions) if e.decision == "pending"
    ]
    return pending[-1] if pending else None


def extend(
    finding: Finding, node: CommentedMap, *, new_deadline: dt.date, reason: str, date: dt.date
) -> Change:
    """Record an extension request with its reason and new deadline (Heyuan §6)."""
    status = _status(finding)
    if status in ("rectified", "verified"):
        raise Refused(t("tracking-extend-closed", id=finding.id, status=status_label(status)))
    waiting = _pending(finding)
    if waiting is not None:
        extension = waiting[1]
        raise Refused(
            t(
                "tracking-extend-pending",
                id=finding.id,
                requested=extension.requested,
                new=extension.new_deadline,
            )
        )
    record = _record(node)
    if "status" not in record:
        _set_status(record, status)
    entry = {"requested": _day(date), "reason": reason, "new_deadline": _day(new_deadline)}
    entry["decision"] = "pending"
    siblings = record.get("extensions") or []
    item = flow_map(entry) if siblings and is_flow(siblings[-1]) else CommentedMap(entry)
    append_item(record, "extensions", item, RECTIFICATION_ORDER)
    _attach(node, record)
    what = t("tracking-what-extend", date=date, new=new_deadline)
    return Change(finding.id, status, status, what)


def decide(finding: Finding, node: CommentedMap, *, decision: Decision, date: dt.date) -> Change:
    """Approve or reject the extension request awaiting a decision."""
    waiting = _pending(finding)
    if waiting is None:
        raise Refused(t("tracking-no-pending", id=finding.id))
    index, extension = waiting
    entry = node["rectification"]["extensions"][index]
    put(entry, "decision", decision, EXTENSION_ORDER)
    put(entry, "decided", _day(date), EXTENSION_ORDER)
    key = "tracking-what-approved" if decision == "approved" else "tracking-what-rejected"
    what = t(key, new=extension.new_deadline, requested=extension.requested, date=date)
    status = _status(finding)
    return Change(finding.id, status, status, what)


# --- follow-up revisit -------------------------------------------------------------------


def verify(
    finding: Finding,
    node: CommentedMap,
    *,
    date: dt.date,
    by: str,
    result: Result = "passed",
    note: str | None = None,
) -> Change:
    """Record the follow-up revisit (回头看); a failed one reopens the rectification."""
    record_model = finding.rectification
    status = record_model.status
    if status != "rectified":
        raise Refused(
            t("tracking-verify-not-rectified", id=finding.id, status=status_label(status))
        )
    rectified = record_model.rectified
    if rectified is not None and date < rectified:
        raise Refused(t("tracking-verify-too-early", id=finding.id, date=date, rectified=rectified))
    entry: dict[str, object] = {"date": _day(date), "by": by, "result": result}
    if note:
        entry["note"] = note
    record = node["rectification"]
    if "verification" in record:  # an earlier, failed pass: kept, never overwritten
        earlier = record["verification"]
        remove(record, "verification")
        append_item(record, "revisits", earlier, RECTIFICATION_ORDER)
    if result == "passed":
        _set_status(record, "verified")
        put(record, "verification", flow_map(entry), RECTIFICATION_ORDER)
        return Change(finding.id, status, "verified", t("tracking-what-passed", date=date, by=by))
    _set_status(record, "rectifying")
    remove(record, "rectified")
    reopened = {
        "date": _day(date),
        "status": "rectifying",
        "note": t("tracking-reopened-note", by=by),
    }
    if note:
        reopened["note"] = t("tracking-reopened-note-with", by=by, note=note)
    append_item(record, "updates", flow_map(reopened), RECTIFICATION_ORDER)
    put(record, "verification", flow_map(entry), RECTIFICATION_ORDER)
    return Change(finding.id, status, "rectifying", t("tracking-what-failed", date=date, by=by))
