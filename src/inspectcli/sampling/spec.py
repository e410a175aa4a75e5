"""The specification of a draw: command-line flags over the plan's, over the policy's."""

from __future__ import annotations

import re
from typing import Any

from inspectcli.messages import t
from inspectcli.model.common import HOUSEHOLD_STATUS_ZH, HOUSEHOLD_STATUSES, SampleSpec
from inspectcli.sampling.method import Quotas, make_quotas


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
                t("sample-bad-by-status", text=part, choices=", ".join(HOUSEHOLD_STATUSES))
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


def merge_specs(*layers: dict[str, Any] | None) -> SampleSpec:
    """Later layers override earlier ones key by key (policy, then plan, then flags)."""
    merged: dict[str, Any] = {}
    for layer in layers:
        merged.update(layer or {})
    spec = SampleSpec.model_validate(merged)
    check_spec(spec)
    return spec


def check_spec(spec: SampleSpec) -> None:
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


def spec_dict(spec: SampleSpec) -> dict[str, Any]:
    return spec.model_dump(exclude_none=True)
