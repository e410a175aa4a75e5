"""The history of the rectification records in git: which commit introduced each record,
and the records no one may quietly rewrite.

A record (an update, an extension request, the rectified date, a follow-up revisit) is
written once: `backdated-record` when its date lies more than the policy's
`rectification.backdating_days` working days before the commit that introduced it,
`rewritten-record` when a committed one is later changed or removed (弄虚作假 and 虚假整改
are problem types of the source documents themselves). `inspect finding history` (one
file) and `inspect validate --history` (the whole repository) read the history in the
same single pass (`gitlog.log`) and judge it with the same `Tracker`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from inspectcli.calendar import WorkCalendar
from inspectcli.deadlines.derive import working_days_between
from inspectcli.messages import t
from inspectcli.model.policy import RectificationRules
from inspectcli.pipeline.changes import ChangesError
from inspectcli.pipeline.repository import Needs, RepositoryError, open_repository
from inspectcli.problems import Problem, Severity
from inspectcli.repo.fileread import FileProblem
from inspectcli.repo.layout import read_yaml
from inspectcli.repo.schema_errors import located
from inspectcli.repo.yamlread import parse
from inspectcli.tracking.gitlog import Commit, Side, Step, Version, log
from inspectcli.tracking.versions import Loc, Reader, Records, findings_in, records_of_finding

_ITEM = re.compile(r"(?P<list>\w+)\[(?P<index>\d+)\]")


class Record(NamedTuple):
    key: str  # `updates[0]`, `extensions[1]`, `rectified`, `revisits[0]`, `verification`
    date: dt.date
    content: str  # canonical JSON of what the record says
    commit: Commit
    finding: str = ""  # the finding's id


class Finding(NamedTuple):
    """A problem of the history: its code, the record, and the message."""

    code: str
    key: str
    message: str
    finding: str = ""  # the finding's id
    content: str = ""  # the record, to find it in the current version of the file


class Tracker:
    """The records of every finding, commit after commit: what each introduced, and what
    it changed or removed of what its parents had (each parent of a merge: the work of two
    clerks merged is neither one's rewrite)."""

    def __init__(self, calendar: WorkCalendar, days: int | None) -> None:
        self.calendar = calendar
        self.days = days
        self.held: dict[str, set[str]] = {}  # path → ids of the findings it holds
        self.holders: dict[str, int] = {}  # finding id → how many files hold it
        self.place: dict[str, str] = {}  # finding id → the file that last held it
        self.records: dict[str, dict[str, Record]] = {}  # finding id → content → record
        self.problems: list[Finding] = []
        self.reader = Reader()
        self.pending: dict[str, Step] = {}  # path → the version taken as given, unread
        # blob → the records of that version of a file (of the last one that could be
        # read, for one that could not): what a later commit is compared with.
        self.versions: dict[str, dict[str, Records]] = {}

    def step(self, step: Step, judge: bool = True) -> None:
        """Apply one commit; ``judge`` False takes its records as given (the first commit,
        the state at ``--since``), and reads a file of it only when a later commit changes
        it: an archive's files that never change again are never parsed."""
        if not judge:
            self.pending.update((v.path, Step(step.commit, [v])) for v in step.versions)
            return
        for version in step.versions:
            self.settle(version.path)
        self._apply(step, judge)

    def flush(self) -> None:
        """Read the files of the first step that no later commit changed."""
        for path in list(self.pending):
            self.settle(path)

    def settle(self, path: str) -> None:
        """Read ``path`` as the first step left it, if no later commit changed it."""
        pending = self.pending.pop(path, None)
        if pending is not None:
            self._apply(pending, judge=False)

    def _apply(self, step: Step, judge: bool) -> None:
        now: dict[str, Records] = {}
        unread: set[str] = set()  # the versions that tell nothing (broken YAML)
        for version in step.versions:
            read = self.reader.read(version)
            if read is None:
                unread.add(version.path)
                read = self._parents_version(step, version.path)
            elif version.raw is not None:
                self._hold(version.path, set(read))
                for finding_id in read:
                    self.place[finding_id] = version.path
            else:
                self._hold(version.path, set())
            if version.blob is not None and read is not None:
                self.versions[version.blob] = read
            if version.path not in unread:
                for finding_id, written in (read or {}).items():
                    now.setdefault(finding_id, {}).update(written)
        for side in step.before:
            self._removed(self._had(side, unread), now, step.commit)
        for finding_id, written in now.items():
            self._introduced(finding_id, written, step.commit, judge)

    def _parents_version(self, step: Step, path: str) -> dict[str, Records] | None:
        """The records of ``path`` in the commit's first parent (None: not known)."""
        for changed, blob in step.before[0] if step.before else ():
            if changed == path:
                return self.versions.get(blob) if blob else {}
        return None

    def _had(self, side: Side, unread: set[str]) -> dict[str, Records]:
        """The records a parent had in the files the commit changed from it (those it
        had in a version this tracker has not read, or changed into one that tells
        nothing, are not compared)."""
        had: dict[str, Records] = {}
        for path, blob in side:
            old = self.versions.get(blob) if blob else {}
            if path in unread or old is None:
                continue
            for finding_id, written in old.items():
                had.setdefault(finding_id, {}).update(written)
        return had

    def _hold(self, path: str, ids: set[str]) -> None:
        """``path`` now holds ``ids`` (none: deleted)."""
        for finding_id in self.held.pop(path, set()):
            self.holders[finding_id] -= 1
        if ids:
            self.held[path] = ids
        for finding_id in ids:
            self.holders[finding_id] = self.holders.get(finding_id, 0) + 1

    def _removed(self, had: dict[str, Records], now: dict[str, Records], commit: Commit) -> None:
        """What a parent had of each finding and the commit no longer has; a finding no
        file of the commit holds has lost every record (one another file still holds, as
        a finding moved in two commits, has lost none)."""
        for finding_id, before in had.items():
            if finding_id not in now and self.holders.get(finding_id):
                continue
            after = now.get(finding_id, {})
            reopened = [w.date for w in after.values() if w.reopens and w.date is not None]
            seen = self.records.get(finding_id, {})
            for content in before.keys() - after.keys():
                record = seen.pop(content, None)
                if record is None or _taken_back(record, reopened):
                    continue  # told once (a merge that keeps one side's removal), or undone
                message = t(
                    "history-rewritten",
                    key=label(record.key),
                    sha=record.commit.sha[:10],
                    by=commit.sha[:10],
                )
                self.problems.append(
                    Finding("rewritten-record", record.key, message, finding_id, content)
                )

    def _introduced(self, finding_id: str, now: Records, commit: Commit, judge: bool) -> None:
        seen = self.records.setdefault(finding_id, {})
        for content, written in now.items():
            if content in seen:
                continue
            date = written.date or commit.date.date()
            record = Record(written.key, date, content, commit, finding_id)
            seen[content] = record
            if judge and self.days is not None:  # None: only who recorded what, when
                self.problems += _backdated(record, self.calendar, self.days)


def label(key: str) -> str:
    """A record's name for the user: ``updates[0]`` → progress update 1 (第1次整改进展),
    ``rectified`` → the rectified date; an unknown key as written."""
    item = _ITEM.fullmatch(key)
    if item is None:
        return t(f"history-kind-{key}") if key in ("rectified", "verification") else key
    kind = item["list"]
    if kind not in ("updates", "extensions", "revisits"):
        return key
    return t(f"history-kind-{kind}", n=int(item["index"]) + 1)


def _taken_back(record: Record, reopened: list[dt.date]) -> bool:
    """A `rectified` date a failed revisit on or after it took back: the lifecycle's own
    step (the update that said so stays)."""
    return record.key == "rectified" and any(day >= record.date for day in reopened)


class History(NamedTuple):
    records: list[Record]
    problems: list[Finding]


def track(steps: Iterable[Step], calendar: WorkCalendar, days: int | None, since: bool) -> Tracker:
    """The tracker after every step. The dates of the repository's first commit, and of
    the state at ``since``, are taken as given: an archive put under git holds records
    typed long before."""
    tracker = Tracker(calendar, days)
    for number, step in enumerate(steps):
        tracker.step(step, judge=not (step.commit.first or (since and number == 0)))
    return tracker


def history(
    root: Path, relative: str, finding_id: str, calendar: WorkCalendar, days: int
) -> History:
    """Every record of the finding with the commit that introduced it, and what was
    backdated or rewritten."""
    tracker = track(log(root, path=relative), calendar, days, since=False)
    tracker.flush()
    now = _keys_now(root, relative, finding_id)
    records = [
        record._replace(key=now.get(record.content, record.key))
        for record in tracker.records.get(finding_id, {}).values()
    ]
    problems = [p for p in tracker.problems if p.finding == finding_id]
    return History(sorted(records, key=lambda r: r.commit.date), problems)


def _keys_now(root: Path, relative: str, finding_id: str) -> dict[str, str]:
    """Content → the key of each record where it is now: an update inserted above another
    moved it (``updates[1]`` when committed, ``updates[2]`` now)."""
    data, _ = _current(root, relative)
    for _, found, mapping in findings_in(data):
        if found == finding_id:
            return {
                content: written.key for content, written in records_of_finding(mapping).items()
            }
    return {}


def _backdated(record: Record, calendar: WorkCalendar, days: int) -> Iterator[Finding]:
    committed = record.commit.date.date()
    if record.date < committed and working_days_between(calendar, record.date, committed) > days:
        message = t(
            "history-backdated",
            key=label(record.key),
            date=record.date,
            sha=record.commit.sha[:10],
            committed=committed,
            days=days,
        )
        yield Finding("backdated-record", record.key, message, record.finding, record.content)


def audit(root: Path, since: str | None = None) -> list[Problem]:
    """`inspect validate --history`: the backdated and rewritten records of the whole
    repository at ``root`` (of the commits after ``since``), each at its place in the
    current version of its file; ChangesError outside git."""
    rules, calendar = _rules(root)
    tracker = track(log(root, since), calendar, rules.backdating_days, since is not None)
    severity = Severity.ERROR if rules.history_errors else Severity.WARNING
    return placed(root, tracker.problems, tracker.place, severity)


def placed(
    root: Path, findings: Iterable[Finding], place: dict[str, str], severity: Severity
) -> list[Problem]:
    """Each problem of the history at its place in the current version of the file that
    holds its finding (``place``: finding id → path)."""
    current: dict[str, tuple[Any, Any]] = {}
    found = []
    for finding in findings:
        path = place.get(finding.finding, "")
        if path not in current:
            current[path] = _current(root, path)
        data, tree = current[path]
        loc = _loc_now(data, finding)
        found.append(located(path, tree, loc, finding.code, finding.message, severity))
    return sorted(found, key=Problem.sort_key)


def _rules(root: Path) -> tuple[RectificationRules, WorkCalendar]:
    """The policy's rules and the working days; the defaults when the policy cannot be
    read (validate reports why)."""
    try:
        needs = Needs(kinds=frozenset(), roster=False, valid=False)
        repository = open_repository(root, needs=needs)
    except RepositoryError:
        return RectificationRules(), WorkCalendar()
    calendar = WorkCalendar(repository.calendars.values())
    return repository.policy.rectification, calendar


def _current(root: Path, path: str) -> tuple[Any, Any]:
    """The data and node tree of the file as it is now (None, None when it is gone)."""
    try:
        parsed = parse(path, read_yaml(root, path))
    except FileProblem:
        return None, None
    return parsed.data, parsed.root


def _loc_now(data: Any, finding: Finding) -> Loc:
    """Where the record is now; else its finding's rectification, or the finding."""
    for index, finding_id, mapping in findings_in(data):
        if finding_id == finding.finding:
            written = records_of_finding(mapping).get(finding.content)
            if written is not None:
                return ("findings", index, *written.loc)
            has = isinstance(mapping.get("rectification"), dict)
            return ("findings", index, "rectification") if has else ("findings", index)
    return ()


class Attribution:
    """Who recorded what, and when: the commit that introduced each record of the files as
    they are now (a record not committed yet has none). One pass over the history for
    every file asked about; a file is read when first asked about."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.tracker = track(log(root), WorkCalendar(), None, since=False)
        self.files: dict[str, dict[str, dict[Loc, Commit]]] = {}

    def of(self, path: str, finding_id: str) -> dict[Loc, Commit]:
        """The commit of each record of the finding, by its place in the finding
        (``("rectification", "updates", 0)``)."""
        if path not in self.files:
            self.files[path] = self._file(path)
        return self.files[path].get(finding_id, {})

    def _file(self, path: str) -> dict[str, dict[Loc, Commit]]:
        try:
            raw = read_yaml(self.root, path)
        except FileProblem:
            return {}
        self.tracker.settle(path)
        found: dict[str, dict[Loc, Commit]] = {}
        for finding_id, records in (self.tracker.reader.read(Version(path, raw)) or {}).items():
            seen = self.tracker.records.get(finding_id, {})
            found[finding_id] = {
                written.loc: seen[content].commit
                for content, written in records.items()
                if content in seen
            }
        return found


def attribution(root: Path) -> Attribution | None:
    """The attribution of the repository at ``root``; None outside git."""
    try:
        return Attribution(root)
    except ChangesError:
        return None
