"""From the one-file entries to the cross-file rules: settings, policy and roster resolved,
the rules run, and positions found for what they report."""

from __future__ import annotations

from pathlib import Path

import yaml

from inspectcli.checks.repository import Facts, RepoViolation, check, finding_id_loc
from inspectcli.messages import t
from inspectcli.model.policy import Policy, PolicyDocument
from inspectcli.model.roster import RosterDocument
from inspectcli.model.settings import SettingsDocument
from inspectcli.problems import Problem, Severity
from inspectcli.repo.cache import Entry
from inspectcli.repo.facts import FindingsFacts, PlanFacts, Unchecked
from inspectcli.repo.fileread import FileProblem
from inspectcli.repo.policy import resolve_policy
from inspectcli.repo.roster import Roster, from_document, read_csv
from inspectcli.repo.schema_errors import located
from inspectcli.repo.validate import SETTINGS_FILE, read_yaml
from inspectcli.repo.yamlread import parse


def cross_check(
    root: Path,
    entries: dict[str, Entry],
    roster_path: str | None,
    roster_raw: bytes | None,
    only: frozenset[str] | None = None,
) -> list[Problem]:
    """The cross-file problems of every file, or of the files ``only`` (the others' facts
    still count: their plans are referred to, their finding ids and letter numbers must
    not clash)."""
    problems: list[Problem] = []
    violations: list[RepoViolation] = []
    settings = _settings(entries, violations)
    policy = None
    if settings is not None:
        repo_policies = {
            p: e.facts
            for p, e in entries.items()
            if e.kind == "policy" and isinstance(e.facts, PolicyDocument)
        }
        policy, policy_violations = resolve_policy(settings, _by_name(repo_policies))
        violations += [v._replace(path=SETTINGS_FILE) for v in policy_violations]
    roster, roster_problems = _roster(root, entries, roster_path, roster_raw)
    problems += roster_problems
    trees = NodeTrees(root)
    facts = Facts(policy, roster, only=only, settings=settings, place=trees.place, root=root)
    _gather(facts, entries)
    violations += check(facts)
    return problems + locate_all(root, violations, trees)


def _gather(facts: Facts, entries: dict[str, Entry]) -> None:
    """The plans, findings, ids and letter numbers of the entries, into ``facts``."""
    for path, entry in entries.items():
        found = entry.facts
        if isinstance(found, Unchecked):
            if entry.kind == "plan" and found.id:
                facts.unchecked_plans.add(found.id)
        elif isinstance(found, PlanFacts):
            facts.plans[path] = found
        elif isinstance(found, FindingsFacts):
            if found.letter_number:
                facts.letter_numbers[path] = found.letter_number
            if facts.checks(path):
                facts.findings[path] = found
            else:
                for finding in found.findings:
                    facts.other_finding_ids.setdefault(finding.id, (path, finding_id_loc(finding)))


def _settings(
    entries: dict[str, Entry], violations: list[RepoViolation]
) -> SettingsDocument | None:
    found = [(p, e) for p, e in entries.items() if e.kind == "settings"]
    for path, _ in found[1:]:
        violations.append(
            RepoViolation(path, ("kind",), "settings-twice", t("settings-twice", other=found[0][0]))
        )
    if not any(p == SETTINGS_FILE for p, _ in found):
        if SETTINGS_FILE not in entries:
            violations.append(
                RepoViolation(SETTINGS_FILE, (), "settings-missing", t("settings-missing"))
            )
        return None
    settings = entries[SETTINGS_FILE].facts
    return settings if isinstance(settings, SettingsDocument) else None


def _by_name(policies: dict[str, PolicyDocument]) -> dict[str, Policy]:
    return {document.name: document for document in policies.values()}


def _roster(
    root: Path, entries: dict[str, Entry], roster_path: str | None, roster_raw: bytes | None
) -> tuple[Roster | None, list[Problem]]:
    if roster_path is None:
        return None, []
    if roster_raw is not None:
        return read_csv(roster_path, roster_raw)
    entry = entries.get(roster_path)
    if entry is not None and isinstance(entry.facts, RosterDocument):
        return from_document(roster_path, entry.facts), []
    if entry is not None:  # a roster document with problems of its own: already reported
        return None, []
    message = t("no-roster", path=roster_path)
    return None, [Problem(SETTINGS_FILE, 0, 0, Severity.ERROR, "no-roster", message, "roster")]


class NodeTrees:
    """The YAML node tree of each file a problem is located in, parsed once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.parsed: dict[str, yaml.Node | None] = {}

    def tree(self, path: str) -> yaml.Node | None:
        if path not in self.parsed:
            try:
                self.parsed[path] = parse(path, read_yaml(self.root, path)).root
            except FileProblem:
                self.parsed[path] = None
        return self.parsed[path]

    def place(self, path: str, loc: tuple[str | int, ...]) -> str:
        """``path:line`` of ``loc``, for a message that names another place."""
        line = located(path, self.tree(path), loc, "", "").line
        return f"{path}:{line}"


def locate_all(
    root: Path, violations: list[RepoViolation], trees: NodeTrees | None = None
) -> list[Problem]:
    """Give each violation its line and column, parsing each file concerned once."""
    trees = trees or NodeTrees(root)
    return [
        located(v.path, trees.tree(v.path), v.loc, v.code, v.message, v.severity)
        for v in violations
    ]
