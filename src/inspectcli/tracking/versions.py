"""The records of a finding's rectification in one version of its file, each known by
what it says (its canonical JSON), with its date and its place in the finding.

`Reader` reads version after version of the same files: a file is cut into its findings
(the items of its `findings:` list), and a finding whose text is the same as in the file's
previous version is not parsed again; a commit that adds one update to one finding parses
that finding alone. A file that cannot be cut so (a flow list, anchors) is parsed whole.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from inspectcli.model.moment import Moment, to_moment
from inspectcli.pipeline.repository import sniff_kind
from inspectcli.repo.yamlread import parse
from inspectcli.tracking.gitlog import Version

Loc = tuple[str | int, ...]
Records = dict[str, "Written"]  # content → record


class Written(NamedTuple):
    """A record in one version of a file: its key, its date, where it is in the finding."""

    key: str
    date: dt.date | None
    loc: Loc
    reopens: bool = False  # a failed revisit: it takes back the `rectified` date before it


def _day(value: Any) -> dt.date | None:
    value = to_moment(value)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, Moment):
        return value.date
    return value if isinstance(value, dt.date) else None


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _items(record: dict[str, Any], field: str) -> Iterator[tuple[int, dict[str, Any]]]:
    values = record.get(field)
    for i, value in enumerate(values if isinstance(values, list) else []):
        if isinstance(value, dict):
            yield i, value


def records_of_finding(finding: Any) -> dict[str, Written]:
    """Content → record of each record of one finding (its mapping in a file's data).
    A record is known by what it says, not by its place: one inserted above it moves it
    without rewriting it."""
    record = finding.get("rectification") if isinstance(finding, dict) else None
    if not isinstance(record, dict):
        return {}
    kept: dict[str, Written] = {}
    here: Loc = ("rectification",)
    for i, update in _items(record, "updates"):
        loc = (*here, "updates", i)
        kept[_canonical(["update", update])] = Written(
            f"updates[{i}]", _day(update.get("date")), loc
        )
    for i, extension in _items(record, "extensions"):  # the decision is added later
        asked = {k: extension.get(k) for k in ("requested", "reason", "new_deadline")}
        loc = (*here, "extensions", i)
        when = _day(extension.get("requested"))
        kept[_canonical(["extension", asked])] = Written(f"extensions[{i}]", when, loc)
    if record.get("rectified") is not None:
        when = _day(record["rectified"])
        kept[_canonical(["rectified", record["rectified"]])] = Written(
            "rectified", when, (*here, "rectified")
        )
    for i, revisit in _items(record, "revisits"):  # the same record as when it was latest
        kept[_canonical(["verification", revisit])] = _revisit(f"revisits[{i}]", revisit)
    check = record.get("verification")
    if isinstance(check, dict):
        kept[_canonical(["verification", check])] = _revisit("verification", check)
    return kept


def _revisit(key: str, revisit: dict[str, Any]) -> Written:
    loc = ("rectification", *key.replace("[", " ").rstrip("]").split())
    where = tuple(int(step) if step.isdigit() else step for step in loc)
    failed = revisit.get("result") in ("failed", "未通过", "核验未通过")
    return Written(key, _day(revisit.get("date")), where, failed)


def findings_in(data: Any) -> Iterator[tuple[int, str, Any]]:
    """(index, id, mapping) of each finding with an id in one version of a file."""
    findings = data.get("findings") if isinstance(data, dict) else None
    for i, finding in enumerate(findings if isinstance(findings, list) else []):
        if isinstance(finding, dict) and isinstance(finding.get("id"), str):
            yield i, finding["id"], finding


# `findings:` at the top level, with nothing after it on the line but a comment; then, past
# blank and comment lines, the first item; the list ends at the next line that starts at
# the left edge with anything but a comment or an item.
_LIST_KEY = re.compile(rb"^findings:[ \t]*(?:#[^\n]*)?\r?\n", re.MULTILINE)
_FIRST_ITEM = re.compile(rb"(?:[ \t]*(?:#[^\n]*)?\r?\n)*( *)- ")
_LIST_END = re.compile(rb"\n(?=[^ \t\r\n#-]|-[^ \t\r\n])")


def cut(raw: bytes) -> list[bytes] | None:
    """The items of the top-level `findings:` block list, each with its lines; None when
    the file does not write the list so (or uses anchors, which may reach across items).
    An item cut wrongly does not parse alone, and the file is then read whole."""
    if b"&" in raw:
        return None
    key = _LIST_KEY.search(raw)
    first = _FIRST_ITEM.match(raw, key.end()) if key else None
    if first is None:
        return None  # no list, or a flow list
    indent, begin = first.group(1), first.start(1)
    end = _LIST_END.search(raw, begin)
    pieces = raw[begin : end.start() + 1 if end else len(raw)].split(b"\n" + indent + b"- ")
    return [pieces[0] + b"\n", *(indent + b"- " + piece + b"\n" for piece in pieces[1:])]


# Parsing a whole file costs about what parsing this many of its findings apart does.
WHOLE_FILE_ITEMS = 4


class Reader:
    """Finding id → its records, version after version of each file; the findings whose
    text did not change since the file's previous version are taken from it."""

    def __init__(self) -> None:
        self.known: dict[str, dict[int, tuple[str, Records] | None]] = {}

    def read(self, version: Version) -> dict[str, Records] | None:
        """The records of one version; None when it cannot tell (not a findings file, or
        broken YAML: its records are judged at the next good version)."""
        path, raw = version.path, version.raw
        if raw is None:
            self.known.pop(path, None)
            return {}
        if sniff_kind(raw) != "findings":
            return None
        items = cut(raw)
        now = None if items is None else self._items(path, raw, items)
        if now is None:
            self.known[path] = {}
            return _whole(version)
        self.known[path] = now
        assert items is not None
        return dict(entry for entry in map(now.get, map(hash, items)) if entry)

    def _items(
        self, path: str, raw: bytes, items: list[bytes]
    ) -> dict[int, tuple[str, Records] | None] | None:
        before = self.known.get(path, {})
        keys = [hash(item) for item in items]
        if sum(key not in before for key in keys) > WHOLE_FILE_ITEMS:
            return _all_items(path, raw, keys)
        now: dict[int, tuple[str, Records] | None] = {}
        for key, item in zip(keys, items, strict=True):
            if key not in now:
                now[key] = before[key] if key in before else _item(path, item)
            if now[key] is _BROKEN:
                return None
        return now


_BROKEN: tuple[str, Records] = ("", {})  # an item that does not parse alone


def _item(path: str, item: bytes) -> tuple[str, Records] | None:
    """The id and records of one finding's text (None: no finding with an id)."""
    data = parse(path, b"findings:\n" + item).data
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        return _BROKEN
    if len(data["findings"]) != 1:
        return _BROKEN
    return _entry(data["findings"][0])


def _entry(finding: Any) -> tuple[str, Records] | None:
    found = list(findings_in({"findings": [finding]}))
    return (found[0][1], records_of_finding(found[0][2])) if found else None


def _all_items(
    path: str, raw: bytes, keys: list[int]
) -> dict[int, tuple[str, Records] | None] | None:
    """Every item of a file from one parse of it (its first version, or most items new)."""
    data = parse(path, raw).data
    findings = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(findings, list) or len(findings) != len(keys):
        return None
    return {key: _entry(finding) for key, finding in zip(keys, findings, strict=True)}


def _whole(version: Version) -> dict[str, Records] | None:
    data = parse(version.path, version.raw or b"").data
    if not isinstance(data, dict):
        return None
    return {fid: records_of_finding(f) for _, fid, f in findings_in(data)}
