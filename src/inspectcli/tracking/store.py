"""Find a finding in the repository, apply a transition in round-trip mode, check the
result against the rules ``inspect validate`` applies, and only then write it atomically."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import NamedTuple

from ruamel.yaml.comments import CommentedMap

from inspectcli.checks.facts import FindingsFacts, plan_facts
from inspectcli.checks.repository import findings_dates
from inspectcli.messages import did_you_mean, t
from inspectcli.model.findings import Finding, FindingsDocument
from inspectcli.pipeline.load import load_bytes
from inspectcli.pipeline.repository import Repository
from inspectcli.problems import Problem, Severity
from inspectcli.repo import roundtrip
from inspectcli.repo.fileread import YAML_LIMIT, read_file
from inspectcli.repo.locked import edit_file
from inspectcli.repo.schema_errors import located
from inspectcli.repo.yamlread import parse
from inspectcli.tracking.lifecycle import Change

Transition = Callable[[Finding, CommentedMap], Change]


class NotFound(Exception):
    """No finding has the id; the message names the closest one."""


class WouldBeInvalid(Exception):
    """The edited file would fail validation: nothing was written."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        super().__init__(t("tracking-would-be-invalid", path=path))
        self.path = path
        self.problems = problems


class Located(NamedTuple):
    path: str  # relative to the repository root
    position: int  # in the file's list of findings
    finding: Finding


class Outcome(NamedTuple):
    change: Change
    path: str
    diff: str
    written: bool
    warnings: list[Problem]  # new warnings the edit brings (e.g. no evidence named)


def locate(repository: Repository, finding_id: str) -> Located:
    """The finding with ``finding_id`` anywhere in the repository."""
    for path, document in repository.findings.items():
        for index, finding in enumerate(document.findings):
            if finding.id == finding_id:
                return Located(path, index, finding)
    known = [f.id for d in repository.findings.values() for f in d.findings]
    hint = did_you_mean(finding_id, known)
    raise NotFound(t("tracking-not-found", id=finding_id, root=repository.root, hint=hint))


def apply(
    repository: Repository, finding_id: str, transition: Transition, *, dry_run: bool = False
) -> Outcome:
    """Apply ``transition`` to the finding and write the file, unless it would not validate.

    The change is made under the file's lock to the bytes read there, so an edit another
    command wrote meanwhile is kept (``locked.edit_file``)."""
    where = locate(repository, finding_id)
    file = repository.root / where.path
    made: list[tuple[Change, str, str, list[Problem]]] = []

    def edit(raw: bytes) -> bytes:
        made[:] = [_edit(repository, where.path, raw, finding_id, transition)]
        return roundtrip.with_line_ends(made[0][2], roundtrip.line_end_of(raw))

    # An OSError is the file's problem, reported where every command reports one
    # (cli.errors.file_failure).
    if dry_run:
        edit(read_file(file, where.path, limit=YAML_LIMIT))
    else:
        edit_file(file, edit)
    change, before, after, warnings = made[0]
    return Outcome(
        change, where.path, unified_diff(where.path, before, after), not dry_run, warnings
    )


def _edit(
    repository: Repository, path: str, raw: bytes, finding_id: str, transition: Transition
) -> tuple[Change, str, str, list[Problem]]:
    """The change, the text before and after it, and the new warnings it brings."""
    yaml, data, before = roundtrip.load_bytes(repository.root / path, raw)
    position, finding = _find(path, raw, finding_id, repository)
    change = transition(finding, data["findings"][position])
    after = roundtrip.dump(yaml, data)
    old = set(map(_key, _problems(repository, path, before)))
    new = [p for p in _problems(repository, path, after) if _key(p) not in old]
    errors = [p for p in new if p.severity >= Severity.ERROR]
    if errors:
        raise WouldBeInvalid(path, errors)
    return change, before, after, [p for p in new if p.severity < Severity.ERROR]


def _find(path: str, raw: bytes, finding_id: str, repository: Repository) -> tuple[int, Finding]:
    """The finding in the file as it is now, which another command may have changed."""
    loaded = load_bytes(path, raw)
    if not isinstance(loaded.model, FindingsDocument):
        raise WouldBeInvalid(path, [p for p in loaded.problems if p.severity >= Severity.ERROR])
    for index, finding in enumerate(loaded.model.findings):
        if finding.id == finding_id:
            return index, finding
    raise NotFound(t("tracking-not-found", id=finding_id, root=repository.root, hint=""))


def unified_diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{path}",
        tofile=f"b/{path}",
    )
    return "".join(lines)


def _key(problem: Problem) -> tuple[str, str, str]:
    return problem.code, problem.field, problem.message


def _problems(repository: Repository, path: str, text: str) -> list[Problem]:
    """What ``inspect validate`` says about the findings file ``text``: its own rules, and the
    cross-file rule that reads rectification records (dates against the round, which needs
    the plan). The other cross-file rules read ids, codes and places, which no transition
    touches."""
    raw = text.encode("utf-8")
    loaded = load_bytes(path, raw)
    problems = list(loaded.problems)
    if not isinstance(loaded.model, FindingsDocument) or not isinstance(
        loaded.facts, FindingsFacts
    ):
        return problems
    plan = repository.plan(loaded.model.plan)
    if plan is not None:
        root = parse(path, raw).root
        for v in findings_dates(path, loaded.facts, plan_facts(plan)):
            problems.append(located(path, root, v.loc, v.code, v.message, v.severity))
    return problems
