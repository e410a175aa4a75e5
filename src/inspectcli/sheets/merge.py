"""Imported findings into a findings file, as round-trip edits that keep the file's comments.

A finding already in the file (the same id) gets the sheet's problem fields; its
rectification record, its tags and anything else the sheet has no column for stay as they
are. A finding that is new goes at the end. Values that did not change are not rewritten,
so that importing the same sheet again changes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from inspectcli.model.findings import Finding
from inspectcli.repo import roundtrip
from inspectcli.repo.roundtrip import block_seq, flow_map, flow_seq
from inspectcli.tracking.yamledit import give_trailing_blank, is_flow, put, remove

ORDER = tuple(Finding.model_fields)
# The keys a problem list fills: the sheet says what they are, blank included.
IMPORTED = (
    *("content", "location", "description", "evidence", "responsible", "severity"),
    *("measures", "target", "deadline"),
)


class Merged(NamedTuple):
    before: str
    after: str
    added: list[str]
    updated: list[str]
    unchanged: list[str]


def merge(path: Path, raw: bytes, findings: list[dict[str, Any]]) -> Merged:
    """The text of the findings file ``raw`` with ``findings`` added or updated."""
    yaml, data, before = roundtrip.load_bytes(path, raw)
    present = data.get("findings")
    if not isinstance(present, CommentedSeq) or (is_flow(present) and not present):
        present = block_seq(list(present or []))
        data["findings"] = present
    by_id = {node.get("id"): node for node in present if isinstance(node, CommentedMap)}
    added: list[str] = []
    updated: list[str] = []
    unchanged: list[str] = []
    for finding in findings:
        node = by_id.get(finding["id"])
        if node is None:
            _append(present, _node(finding))
            added.append(finding["id"])
        elif _update(node, finding):
            updated.append(finding["id"])
        else:
            unchanged.append(finding["id"])
    after = roundtrip.dump(yaml, data) if added or updated else before
    return Merged(before, after, added, updated, unchanged)


def _styled(key: str, value: Any) -> Any:
    """A value as the examples write it: places and units on one line, lists too."""
    if isinstance(value, dict):
        return flow_map(dict(value))
    if isinstance(value, list):
        return flow_seq(list(value))
    if key == "content":
        return roundtrip.quoted(value)  # "0202" must stay text
    return value


def _node(finding: dict[str, Any]) -> CommentedMap:
    return CommentedMap({key: _styled(key, value) for key, value in finding.items()})


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value) if isinstance(value, str) else value


def _update(node: CommentedMap, finding: dict[str, Any]) -> bool:
    """Set the imported keys of ``node`` that differ; True when one did."""
    changed = False
    for key in IMPORTED:
        if key not in finding:
            if key in node:
                remove(node, key)
                changed = True
            continue
        if key in node and _plain(node[key]) == _plain(finding[key]):
            continue
        put(node, key, _styled(key, finding[key]), ORDER)
        changed = True
    return changed


def _append(findings: CommentedSeq, node: CommentedMap) -> None:
    """Add ``node`` after a blank line, as findings written by hand are separated."""
    if len(findings):
        last = findings[-1]
        if isinstance(last, CommentedMap) and len(last) and not _ends_blank(last):
            give_trailing_blank(last, list(last)[-1], "\n")
    findings.append(node)


def _ends_blank(node: CommentedMap) -> bool:
    from inspectcli.tracking.yamledit import take_trailing_blank

    blank = take_trailing_blank(node)
    if blank:
        give_trailing_blank(node, list(node)[-1], blank)
    return bool(blank)
