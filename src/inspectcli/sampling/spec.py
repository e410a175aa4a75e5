"""The specification of a draw: command-line flags over the plan's, over the policy's."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from inspectcli.messages import did_you_mean, enumeration, t
from inspectcli.model.common import HOUSEHOLD_STATUS_ZH, HOUSEHOLD_STATUSES, SampleSpec
from inspectcli.model.policy import category_groups
from inspectcli.sampling.method import Draw, Frame, Quotas, draw, make_quotas
from inspectcli.sampling.method2 import QuotasV2, draw_v2, make_quotas_v2

Groups = Mapping[str, tuple[str, ...]]
# Without a policy: the register states, their group and the households outside it.
DEFAULT_GROUPS: Groups = category_groups(None, None)


class SpecError(ValueError):
    """A flag that cannot be read; the message says what was expected."""


def parse_households(text: str) -> dict[str, int]:
    """``3-5`` or ``3`` as a ``households_per_village`` mapping."""
    match = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?", text)
    if match is None:
        raise SpecError(t("sample-bad-households", text=text))
    low = int(match.group(1))
    high = int(match.group(2) or low)
    if low < 1 or high < low:
        raise SpecError(t("sample-bad-households", text=text))
    return {"min": low, "max": high}


def parse_by_status(text: str) -> dict[str, int]:
    """``pre-exited=2,not-exited=1`` (Chinese status words allowed) as a mapping."""
    quotas: dict[str, int] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, number = part.partition("=")
        status = HOUSEHOLD_STATUS_ZH.get(name.strip(), name.strip())
        if status not in HOUSEHOLD_STATUSES or not number.strip().isdigit():
            raise SpecError(
                t("sample-bad-by-status", text=part, choices=enumeration(HOUSEHOLD_STATUSES))
            )
        quotas[status] = int(number)
    return quotas


def flag_overrides(
    towns: int | None,
    poor_villages: int | None,
    ordinary_villages: int | None,
    households: str | None,
    by_status: str | None,
) -> dict[str, Any]:
    """The flags given, as keys of a sample specification."""
    found: dict[str, Any] = {}
    for key, value in (
        ("towns", towns),
        ("poor_villages", poor_villages),
        ("ordinary_villages", ordinary_villages),
    ):
        if value is not None:
            if value < 0:
                raise SpecError(t("sample-negative", name=key.replace("_", "-"), value=value))
            found[key] = value
    if households is not None:
        found["households_per_village"] = parse_households(households)
    if by_status is not None:
        found["households_by_status"] = parse_by_status(by_status)
    return found


def merge_specs(*layers: dict[str, Any] | None, groups: Groups = DEFAULT_GROUPS) -> SampleSpec:
    """Later layers override earlier ones key by key (policy, then plan, then flags)."""
    merged: dict[str, Any] = {}
    for layer in layers:
        merged.update(layer or {})
    spec = SampleSpec.model_validate(merged)
    check_spec(spec, groups)
    return spec


def check_spec(spec: SampleSpec, groups: Groups = DEFAULT_GROUPS) -> None:
    if spec.wanted_method() == "v1" and (
        spec.villages is not None or spec.households_by_category is not None
    ):
        raise SpecError(t("sample-v2-keys-in-v1"))
    for name in spec.households_by_category or {}:
        if name not in groups:
            raise SpecError(
                t(
                    "sample-unknown-category",
                    name=name,
                    choices=enumeration(groups),
                    hint=did_you_mean(name, tuple(groups)),
                )
            )
    band = spec.households_per_village
    total = sum((spec.households_by_status or {}).values())
    if band is not None and band.min > band.max:
        raise SpecError(t("households-range", low=band.min, high=band.max))
    if band is not None and total > band.max:
        raise SpecError(t("status-quota-exceeds", total=total, high=band.max))


def quotas_of(spec: SampleSpec) -> Quotas:
    band = spec.households_per_village
    return make_quotas(
        spec.towns,
        spec.poor_villages,
        spec.ordinary_villages,
        (band.min, band.max) if band is not None else None,
        {str(k): v for k, v in spec.households_by_status.items()}
        if spec.households_by_status
        else None,
    )


def quotas_v2(
    spec: SampleSpec, groups: Groups, categories: tuple[str, ...] = HOUSEHOLD_STATUSES
) -> QuotasV2:
    band = spec.households_per_village
    return make_quotas_v2(
        spec.towns,
        {"poor": spec.poor_villages, "ordinary": spec.ordinary_villages},
        spec.villages,
        (band.min, band.max) if band is not None else None,
        {
            **{str(k): v for k, v in (spec.households_by_status or {}).items()},
            **(spec.households_by_category or {}),
        },
        groups,
        categories,
    )


def draw_spec(
    frame: Frame,
    spec: SampleSpec,
    seed: str,
    excluded: Iterable[str] = (),
    frame_hash: str | None = None,
    groups: Groups = DEFAULT_GROUPS,
    method: str | None = None,
) -> Draw:
    """The draw of ``method`` (a recorded sample's), else of the one ``spec`` asks for."""
    if (method or spec.wanted_method()) == "v2":
        quotas = quotas_v2(spec, groups, frame.categories)
        return draw_v2(frame, quotas, seed, tuple(excluded), frame_hash)
    return draw(frame, quotas_of(spec), seed, excluded, frame_hash)


def spec_dict(spec: SampleSpec) -> dict[str, Any]:
    return spec.model_dump(exclude_none=True)
