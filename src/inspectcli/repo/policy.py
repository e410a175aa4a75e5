"""The policy in force: a preset (built in, or a policy document of the repository) with
the repository's overrides merged into it key by key."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from inspectcli.checks.repository import RepoViolation
from inspectcli.messages import did_you_mean, t
from inspectcli.model.policy import Policy
from inspectcli.model.settings import SettingsDocument
from inspectcli.presets import load_preset, preset_names
from inspectcli.repo.schema_errors import field_path


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
    settings: SettingsDocument, repository: dict[str, Policy]
) -> tuple[Policy | None, list[RepoViolation]]:
    name = settings.policy.preset
    base = repository.get(name) or load_preset(name)
    if base is None:
        known = sorted(set(preset_names()) | set(repository))
        message = t(
            "unknown-preset", name=name, hint=did_you_mean(name, known), known=", ".join(known)
        )
        return None, [RepoViolation("", ("policy", "preset"), "unknown-preset", message)]
    if not settings.policy.overrides:
        return base, []
    body = base.model_dump(by_alias=True, exclude={"kind", "version"}, exclude_none=True)
    try:
        return Policy.model_validate(merge(body, settings.policy.overrides)), []
    except ValidationError as error:
        violations = []
        for item in error.errors(include_url=False):
            loc = tuple(s for s in item["loc"] if isinstance(s, str | int))
            detail = f"{field_path(loc)}: {item['msg']}"
            message = t("policy-override-invalid", detail=detail)
            violations.append(
                RepoViolation("", ("policy", "overrides"), "policy-override-invalid", message)
            )
        return None, violations
