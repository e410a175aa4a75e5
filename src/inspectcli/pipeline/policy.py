"""The policy in force: a preset (built in, or a policy document of the repository) with
the repository's overrides merged into it key by key.

An override that breaks the merged policy is reported at the override itself in
``inspect.yaml`` (the deepest key of ``policy.overrides`` on the broken field's path), since
that is what the office edits; built-in presets are known to be valid.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from inspectcli.checks.document import policy_rules
from inspectcli.checks.facts import OwnCategories, UncheckedPolicy
from inspectcli.checks.repository import RepoViolation
from inspectcli.messages import did_you_mean, enumeration, t
from inspectcli.model.common import CategoryTable, category_table
from inspectcli.model.policy import Policy, PolicyDocument
from inspectcli.model.settings import SettingsDocument
from inspectcli.pipeline.locate import locate_all
from inspectcli.presets import load_preset, preset_names
from inspectcli.problems import Problem, Severity, errors
from inspectcli.repo.fileread import FileProblem
from inspectcli.repo.layout import SETTINGS_FILE, discover, find_root, read_yaml
from inspectcli.repo.schema_errors import data_loc, describe

OVERRIDES = ("policy", "overrides")
# A policy document declares itself on a line of its own; other files need not be parsed.
_POLICY_KIND = re.compile(rb"^kind:\s*[\"']?policy[\"']?\s*(#.*)?$", re.MULTILINE)


def merge(base: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    """Mappings merged recursively; anything else (lists included) replaced whole."""
    merged = dict(base)
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def resolve_policy(
    settings: SettingsDocument,
    repository: dict[str, Policy],
    unchecked: Collection[str] = (),
    unreadable: Sequence[str] = (),
) -> tuple[Policy | None, list[RepoViolation]]:
    """The merged policy (None when it cannot be used) and what is wrong with it, located
    in ``inspect.yaml``. A policy document of the repository that fails its schema
    (``unchecked``, by name) reports its own problems: it is not called unknown here; an
    unknown name points at the files that cannot be read (``unreadable``), which may
    declare it."""
    name = settings.policy.preset
    base = repository.get(name) or load_preset(name)
    if base is None and name in unchecked:
        return None, []
    if base is None:
        known = sorted(set(preset_names()) | set(repository))
        message = t(
            "unknown-preset", name=name, hint=did_you_mean(name, known), known=enumeration(known)
        )
        if unreadable:
            files = enumeration(unreadable)
            message += t("unknown-preset-unreadable", files=files)
        return None, [_violation(("policy", "preset"), "unknown-preset", message)]
    if not settings.policy.overrides:
        return base, []
    body = base.model_dump(by_alias=True, exclude={"kind", "version"}, exclude_none=True)
    merged = merge(body, settings.policy.overrides)
    try:
        policy = Policy.model_validate(merged)
    except ValidationError as error:
        return None, [_schema_violation(merged, item) for item in error.errors(include_url=False)]
    broken = [
        _violation(
            (*OVERRIDES, *rule.loc), "policy-override-invalid", _invalid(rule.message)
        )._replace(severity=rule.severity)
        for rule in policy_rules(policy)
    ]
    return (None if any(v.severity >= Severity.ERROR for v in broken) else policy), broken


def roster_categories(
    policy: Policy | None,
    settings: SettingsDocument | None,
    repository: dict[str, Policy],
    unchecked: Mapping[str, OwnCategories | None],
) -> CategoryTable | None:
    """The categories to read the roster with: the policy's. When the policy cannot be
    used, its own categories as far as they are known: those of its document (valid but
    for an override, or failing its schema elsewhere) unless the overrides change them;
    None when nothing is known of them."""
    if policy is not None:
        return policy.category_table()
    if settings is None or "own_categories" in (settings.policy.overrides or {}):
        return None
    name = settings.policy.preset
    base = repository.get(name) or load_preset(name)
    if base is not None:
        return base.category_table()
    own = unchecked.get(name)
    return None if own is None else category_table(own)


def _schema_violation(merged: dict[str, Any], item: Any) -> RepoViolation:
    loc, _ = data_loc(merged, item["loc"])
    _, message = describe(item, Policy, loc)
    return _violation((*OVERRIDES, *loc), "policy-override-invalid", _invalid(message))


def _invalid(detail: str) -> str:
    return t("policy-override-invalid", detail=detail)


def _violation(loc: tuple[str | int, ...], code: str, message: str) -> RepoViolation:
    return RepoViolation(SETTINGS_FILE, loc, code, message)


# --- the policy of a repository, for the commands that show it ------------------------------


def policy_in_force(start: Path) -> tuple[Policy | None, list[Problem]]:
    """The merged policy of the repository around ``start``, reading only ``inspect.yaml``
    and the repository's policy documents; or the problems (with positions) that stop it."""
    from inspectcli.pipeline.load import load_bytes

    root = find_root(start)
    if root is None:
        message = t("policy-no-repository", path=start)
        return None, [Problem(str(start), 0, 0, Severity.ERROR, "no-settings", message)]
    try:
        loaded = load_bytes(SETTINGS_FILE, read_yaml(root, SETTINGS_FILE))
    except FileProblem as error:
        return None, [error.problem]
    settings = loaded.model
    if not isinstance(settings, SettingsDocument):
        return None, errors(loaded.problems) or [_not_settings()]
    problems: list[Problem] = []
    policies: dict[str, Policy] = {}
    unchecked: set[str] = set()  # policy documents that fail their schema, by name
    for relative in discover(root, settings.exclude):
        try:
            raw = read_yaml(root, relative)
        except FileProblem as error:  # it may be a policy
            problems.append(error.problem)
            continue
        if relative == SETTINGS_FILE or not _POLICY_KIND.search(raw):
            continue
        document = load_bytes(relative, raw)
        problems += errors(document.problems)
        if isinstance(document.model, PolicyDocument):
            policies[document.model.name] = document.model
        elif isinstance(document.facts, UncheckedPolicy) and document.facts.name:
            unchecked.add(document.facts.name)
    policy, located = located_policy(root, settings, policies, unchecked)
    problems += located
    return (policy if not errors(problems) else None), problems


def located_policy(
    root: Path,
    settings: SettingsDocument,
    repository: dict[str, Policy],
    unchecked: Collection[str] = (),
) -> tuple[Policy | None, list[Problem]]:
    """``resolve_policy`` with each problem at its line and column in ``inspect.yaml``
    (warnings included; the policy is None when there is an error)."""
    policy, violations = resolve_policy(settings, repository, unchecked)
    problems = locate_all(root, violations)
    return (None if errors(problems) else policy), problems


def _not_settings() -> Problem:
    return Problem(SETTINGS_FILE, 1, 1, Severity.ERROR, "settings-missing", t("settings-missing"))
