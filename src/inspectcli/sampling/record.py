"""A draw as recorded in a plan, and the comparison of a recorded draw with a re-derived one."""

from __future__ import annotations

import datetime as dt
from typing import Any

from inspectcli import __version__
from inspectcli.messages import t, word
from inspectcli.model.plan import Sample
from inspectcli.sampling.method import Chosen, Draw


def sample_data(draw: Draw, drawn: dt.date | None = None) -> dict[str, Any]:
    """The ``sample:`` mapping of a plan, in the order of the model."""
    data: dict[str, Any] = {
        "seed": draw.seed,
        "method": draw.method,
        "tool_version": __version__,
        "frame_sha256": draw.frame_sha256,
    }
    if drawn is not None:
        data["drawn"] = drawn
    data["excluded"] = list(draw.excluded)
    data["towns"] = [{"id": c.id, "ticket": c.ticket} for c in draw.towns]
    data["villages"] = [
        {"id": c.id, "town": c.parent, "class": c.label, "ticket": c.ticket} for c in draw.villages
    ]
    data["households"] = [
        {"id": c.id, "village": c.parent, "status": c.label, "ticket": c.ticket}
        for c in draw.households
    ]
    return data


def recorded_draw(sample: Sample) -> Draw:
    return Draw(
        sample.seed,
        sample.frame_sha256,
        list(sample.excluded),
        [Chosen(u.id, u.ticket) for u in sample.towns],
        [Chosen(u.id, u.ticket, u.town, u.village_class) for u in sample.villages],
        [Chosen(u.id, u.ticket, u.village, u.status) for u in sample.households],
        sample.method,
    )


def differences(recorded: Draw, derived: Draw) -> list[str]:
    """What a re-derivation finds different from the record, one sentence each."""
    found: list[str] = []
    if recorded.frame_sha256 != derived.frame_sha256:
        found.append(t("verify-frame", recorded=recorded.frame_sha256, actual=derived.frame_sha256))
    for level, mine, theirs in (
        ("towns", recorded.towns, derived.towns),
        ("villages", recorded.villages, derived.villages),
        ("households", recorded.households, derived.households),
    ):
        found += _level(level, mine, theirs)
    return found


def _level(level: str, recorded: list[Chosen], derived: list[Chosen]) -> list[str]:
    found: list[str] = []
    mine = {c.id: c for c in recorded}
    theirs = {c.id: c for c in derived}
    for unit in recorded:
        other = theirs.get(unit.id)
        if other is None:
            found.append(t("verify-not-drawn", level=_level_name(level), id=unit.id))
        elif other != unit:
            found.append(
                t(
                    "verify-changed",
                    level=_level_name(level),
                    id=unit.id,
                    recorded=_show(unit),
                    actual=_show(other),
                )
            )
    found += [
        t("verify-missing", level=_level_name(level), id=unit.id, ticket=unit.ticket)
        for unit in derived
        if unit.id not in mine
    ]
    return found


def _level_name(level: str) -> str:
    """``households``, the key of the plan's ``sample:`` (in Chinese: 农户（households）)."""
    return t(f"verify-level-{level}")


def _show(unit: Chosen) -> str:
    """The parent unit, the class or status (in the user's language), the ticket's start."""
    label = word(unit.label) if unit.label else ""
    parts = (unit.parent, label, unit.ticket[:12] + "…")
    return t("separator").join(part for part in parts if part)
