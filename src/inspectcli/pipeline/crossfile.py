"""From the one-file entries to the cross-file rules: settings, policy and roster resolved,
the rules run, and positions found for what they report."""

from __future__ import annotations

from pathlib import Path

from inspectcli.checks.facts import FindingsFacts, PlanFacts, Unchecked, UncheckedPolicy
from inspectcli.checks.policy_rules import check_policy
from inspectcli.checks.repository import Facts, RepoViolation, check, finding_id_loc
from inspectcli.messages import t
from inspectcli.model.common import BUILT_IN_CATEGORIES, CategoryTable
from inspectcli.model.policy import Policy, PolicyDocument
from inspectcli.model.roster import RosterDocument
from inspectcli.model.settings import SettingsDocument
from inspectcli.pipeline.cache import Entry
from inspectcli.pipeline.locate import NodeTrees, locate_all
from inspectcli.pipeline.policy import resolve_policy, roster_categories
from inspectcli.problems import Problem, Severity, errors
from inspectcli.repo.categories import outside_policy, statuses_unchecked
from inspectcli.repo.layout import SETTINGS_FILE
from inspectcli.repo.roster import Roster, from_document, read_roster_table


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
    repo_policies = _by_name(
        {p: e.facts for p, e in entries.items() if isinstance(e.facts, PolicyDocument)}
    )
    unchecked = {
        e.facts.name: e.facts.own_categories
        for e in entries.values()
        if isinstance(e.facts, UncheckedPolicy) and e.facts.name is not None
    }
    if settings is not None:
        unreadable = sorted(p for p, e in entries.items() if e.kind is None and errors(e.problems))
        policy, policy_violations = resolve_policy(settings, repo_policies, unchecked, unreadable)
        violations += [v._replace(path=SETTINGS_FILE) for v in policy_violations]
    table = roster_categories(policy, settings, repo_policies, unchecked)
    roster, roster_problems = _roster(
        entries, roster_path, roster_raw, table or BUILT_IN_CATEGORIES
    )
    if table is None and roster is not None:
        name = settings.policy.preset if settings is not None else SETTINGS_FILE
        roster_problems = statuses_unchecked(roster, roster_problems, name)
    problems += roster_problems
    if roster is not None and policy is not None:
        problems += outside_policy(roster, policy.household_categories(), policy.name)
    trees = NodeTrees(root)
    facts = Facts(policy, roster, only=only, settings=settings, place=trees.place, root=root)
    _gather(facts, entries)
    violations += check(facts)
    violations += check_policy(facts)
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
    entries: dict[str, Entry],
    roster_path: str | None,
    roster_raw: bytes | None,
    categories: CategoryTable,
) -> tuple[Roster | None, list[Problem]]:
    """The roster, its categories read with the policy's table."""
    if roster_path is None:
        return None, []
    if roster_raw is not None:
        return read_roster_table(roster_path, roster_raw, categories)
    entry = entries.get(roster_path)
    if entry is not None and isinstance(entry.facts, RosterDocument):
        return from_document(roster_path, entry.facts, categories), []
    if entry is not None:  # a roster document with problems of its own: already reported
        return None, []
    message = t("no-roster", path=roster_path)
    return None, [Problem(SETTINGS_FILE, 0, 0, Severity.ERROR, "no-roster", message, "roster")]
