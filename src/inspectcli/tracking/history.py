"""The history of a finding's rectification record in git: which commit introduced each
record, and the records no one may quietly rewrite.

A record (an update, an extension request, the rectified date, the follow-up revisit) is
written once: `backdated-record` when its date lies more than the policy's
`rectification.backdating_days` working days before the commit that introduced it,
`rewritten-record` when a committed one is later changed or removed (弄虚作假 and 虚假整改
are problem types of the source documents themselves). One `git log` lists the commits of
the finding's file; each version of the file is read once.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from inspectcli.calendar import WorkCalendar
from inspectcli.deadlines.derive import working_days_between
from inspectcli.messages import t
from inspectcli.pipeline.changes import ChangesError, _git
from inspectcli.repo.yamlread import parse

SEPARATOR = "\x1f"


class Commit(NamedTuple):
    sha: str
    author: str
    date: dt.datetime  # the commit date: when the record entered the repository
    message: str


class Record(NamedTuple):
    key: str  # `updates[0]`, `extensions[1]`, `rectified`, `verification`
    date: dt.date
    content: str  # canonical JSON of what the record says
    commit: Commit


class Finding(NamedTuple):
    """A problem of the history: its code, the record, and the message."""

    code: str
    key: str
    message: str


def commits(root: Path, relative: str) -> list[Commit]:
    """The commits that changed ``relative``, oldest first (one `git log`)."""
    form = SEPARATOR.join(("%H", "%an", "%cI", "%s")) + "\x1e"
    done = _git(root, "log", "--reverse", f"--format={form}", "--", relative)
    if done.returncode != 0:
        raise ChangesError(t("history-not-git", path=root))
    found = []
    for entry in done.stdout.decode("utf-8", "replace").split("\x1e"):
        parts = entry.strip("\n").split(SEPARATOR)
        if len(parts) == 4:
            sha, author, date, message = parts
            found.append(Commit(sha, author, dt.datetime.fromisoformat(date), message))
    return found


def _version(root: Path, commit: Commit, relative: str) -> Any:
    done = _git(root, "show", f"{commit.sha}:{relative}")
    return parse(relative, done.stdout).data if done.returncode == 0 else None


def _day(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def records_in(data: Any, finding_id: str) -> dict[str, tuple[str, dt.date | None]]:
    """Content → (field, date) of each record of the finding in one version of its file.
    A record is known by what it says, not by its place: one inserted above it moves it
    without rewriting it."""
    findings = data.get("findings") if isinstance(data, dict) else None
    found = next(
        (f for f in findings or [] if isinstance(f, dict) and f.get("id") == finding_id), None
    )
    record = found.get("rectification") if isinstance(found, dict) else None
    if not isinstance(record, dict):
        return {}
    kept: dict[str, tuple[str, dt.date | None]] = {}
    for i, update in enumerate(record.get("updates") or []):
        if isinstance(update, dict):
            kept[_canonical(["update", update])] = (f"updates[{i}]", _day(update.get("date")))
    for i, extension in enumerate(record.get("extensions") or []):
        if isinstance(extension, dict):  # the decision is added later; the request is not
            asked = {k: extension.get(k) for k in ("requested", "reason", "new_deadline")}
            key = _canonical(["extension", asked])
            kept[key] = (f"extensions[{i}]", _day(extension.get("requested")))
    if record.get("rectified") is not None:
        kept[_canonical(["rectified", record["rectified"]])] = (
            "rectified",
            _day(record["rectified"]),
        )
    check = record.get("verification")
    if isinstance(check, dict):
        kept[_canonical(["verification", check])] = ("verification", _day(check.get("date")))
    return kept


class History(NamedTuple):
    records: list[Record]
    problems: list[Finding]


def history(
    root: Path, relative: str, finding_id: str, calendar: WorkCalendar, days: int
) -> History:
    """Every record of the finding with the commit that introduced it, and what was
    backdated or rewritten."""
    seen: dict[str, Record] = {}
    problems: list[Finding] = []
    for commit in commits(root, relative):
        now = records_in(_version(root, commit, relative), finding_id)
        problems += _rewritten(seen, now, commit)
        for content, (key, date) in now.items():
            if content in seen:
                continue
            record = Record(key, date or commit.date.date(), content, commit)
            seen[content] = record
            problems += _backdated(record, calendar, days)
    return History(sorted(seen.values(), key=lambda r: r.commit.date), problems)


def _rewritten(
    seen: dict[str, Record], now: dict[str, tuple[str, dt.date | None]], commit: Commit
) -> Iterator[Finding]:
    """Each committed record that ``commit`` no longer holds as it was written."""
    for content, record in list(seen.items()):
        if content not in now:
            message = t(
                "history-rewritten", key=record.key, sha=record.commit.sha[:10], by=commit.sha[:10]
            )
            yield Finding("rewritten-record", record.key, message)
            del seen[content]


def _backdated(record: Record, calendar: WorkCalendar, days: int) -> Iterator[Finding]:
    committed = record.commit.date.date()
    if record.date < committed and working_days_between(calendar, record.date, committed) > days:
        message = t(
            "history-backdated",
            key=record.key,
            date=record.date,
            sha=record.commit.sha[:10],
            committed=committed,
            days=days,
        )
        yield Finding("backdated-record", record.key, message)
