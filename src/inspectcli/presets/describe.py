"""What a policy covers, in a line per part, and a policy as plain data for YAML or JSON.

The parts are named by the keys of the policy document, so that an office sees at once
what it would write under ``policy.overrides`` to change them.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from inspectcli.messages import enumeration, t, word
from inspectcli.model.common import SampleSpec
from inspectcli.model.policy import DeadlineRules, Period, Policy, PolicyDocument
from inspectcli.presets import load_preset, preset_names

_PERIODS = ("letter", "rectification", "feedback", "follow_up")


class PresetRow(NamedTuple):
    name: str
    title: str
    source: str | None
    covers: list[str]


def preset_rows() -> list[PresetRow]:
    """One row per built-in preset, in name order."""
    rows = []
    for name in preset_names():
        preset = load_preset(name)
        if preset is not None:
            rows.append(PresetRow(name, preset.title, preset.source, covers(preset)))
    return rows


def covers(policy: Policy) -> list[str]:
    """The parts of ``policy`` that say something, one short line each."""
    parts = [
        t("covers-kinds", kinds=enumeration(map(word, policy.inspection_kinds)))
        if policy.inspection_kinds
        else "",
        t("covers-frequency", frequency=word(policy.frequency)) if policy.frequency else "",
        t(
            "covers-comprehensive",
            times=policy.comprehensive.times,
            per=word(policy.comprehensive.per),
        )
        if policy.comprehensive
        else "",
        t("covers-bulletin", frequency=word(policy.bulletin)) if policy.bulletin else "",
        _catalogue(policy),
        _sampling(policy.sampling),
        t("covers-rotation", months=policy.rotation_months) if policy.rotation_months else "",
        _deadlines(policy.deadlines),
        _counted("covers-ledger", len(policy.ledger)),
        _counted("covers-accountability", len(policy.accountability)),
        _counted("covers-visit-duties", len(policy.visit_duties)),
    ]
    return [part for part in parts if part]


def _counted(key: str, count: int) -> str:
    return t(key, count=count) if count else ""


def _catalogue(policy: Policy) -> str:
    if not policy.catalogue:
        return ""
    categories = len(policy.catalogue)
    items = sum(len(category.items) for category in policy.catalogue)
    if not items:
        return t("covers-catalogue-flat", categories=categories)
    return t("covers-catalogue", categories=categories, items=items)


def _sampling(spec: SampleSpec) -> str:
    counts = [
        t("covers-sampling-" + key.replace("_", "-"), count=value)
        for key, value in (
            ("towns", spec.towns),
            ("poor_villages", spec.poor_villages),
            ("ordinary_villages", spec.ordinary_villages),
        )
        if value
    ]
    households = spec.households_per_village
    if households is not None:
        low, high = households.min, households.max
        span = str(low) if low == high else f"{low}-{high}"
        counts.append(t("covers-sampling-households", span=span))
    listed = enumeration(counts)
    if spec.households_by_status:
        quota = enumeration(
            t("covers-sampling-status", status=word(status), count=n)
            for status, n in spec.households_by_status.items()
        )
        # 每村农户 3 户，其中……: the quota is a clause of its own, not one more item
        listed = t("separator").join((listed, t("covers-sampling-quota", quota=quota)))
    return t("covers-sampling", spec=listed) if counts else ""


def _deadlines(rules: DeadlineRules) -> str:
    periods = [
        _period(name, period) for name in _PERIODS if (period := getattr(rules, name)) is not None
    ]
    if rules.archive:
        periods.append(t("covers-archive", every=word(rules.archive)))
    if rules.report:
        periods.append(t("covers-report", every=word(rules.report)))
    return t("covers-deadlines", rules=enumeration(periods)) if periods else ""


def _period(name: str, period: Period) -> str:
    return t("covers-period", name=word(name), amount=period.amount, unit=word(period.unit))


def data_only(policy: Policy) -> list[str]:
    """The rules ``policy`` stores that no command checks, each with the reason."""
    found: list[tuple[str, str]] = []
    if policy.visit_duties:
        found.append(("visit_duties", "data-only-visit-duties"))
    if any(column.required for column in policy.ledger):
        found.append(("ledger", "data-only-ledger"))
    if policy.frequency in ("quarterly", "yearly"):
        found.append(("frequency", "data-only-frequency"))
    if policy.bulletin in ("quarterly", "yearly"):
        found.append(("bulletin", "data-only-frequency"))
    if policy.comprehensive is not None and policy.comprehensive.per != "year":
        found.append(("comprehensive", "data-only-comprehensive"))
    for key in ("archive", "report"):
        if getattr(policy.deadlines, key) is not None:
            found.append((f"deadlines.{key}", "data-only-reminder"))
    return [t("data-only-rule", key=key, reason=t(reason)) for key, reason in found]


def as_document(policy: Policy) -> dict[str, Any]:
    """``policy`` as a policy document's data: ``kind`` and ``version`` first, then its body,
    without the fields it leaves empty. Saved as YAML, it loads as a policy document."""
    body = policy.model_dump(
        mode="json", by_alias=True, exclude={"kind", "version"}, exclude_defaults=True
    )
    return {"kind": PolicyDocument.KIND, "version": 1, **body}
