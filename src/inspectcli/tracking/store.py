"""Find a finding in the repository, apply a transition in round-trip mode, check the
result against the rules ``inspect validate`` applies, and only then write it atomically."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import NamedTuple

from ruamel.yaml.comments import CommentedMap

from inspectcli.checks.repository import findings_dates
from inspectcli.messages import did_you_mean, t
from inspectcli.model.findings import Finding, FindingsDocument
from inspectcli.problems import Problem, Severity
from inspectcli.repo import roundtrip
from inspectcli.repo.facts import FindingsFacts, plan_facts
from inspectcli.repo.load import load_bytes
from inspectcli.repo.repository import Repository
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
    """Apply ``transition`` to the finding and write the file, unless it would not validate."""
    where = locate(repository, finding_id)
    file = repository.root / where.path
    yaml, data, before = roundtrip.load(file)
    node = data["findings"][where.position]
    change = transition(where.finding, node)
    after = roundtrip.dump(yaml, data)
    old = _problems(repository, where.path, before)
    new = [
        p for p in _problems(repository, where.path, after) if _key(p) not in set(map(_key, old))
    ]
    errors = [p for p in new if p.severity >= Severity.ERROR]
    if errors:
        raise WouldBeInvalid(where.path, errors)
    if not dry_run:
        roundtrip.write_text(file, after)
    warnings = [p for p in new if p.severity < Severity.ERROR]
    return Outcome(
        change, where.path, unified_diff(where.path, before, after), not dry_run, warnings
    )


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
