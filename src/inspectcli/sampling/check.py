"""`inspect validate`'s check of a recorded sample: roster, tickets, and the draw itself.

Cheap by design: tickets are one hash per recorded unit; the draw is re-derived only when
the roster still gives the recorded frame (otherwise the roster changed since the draw,
and a difference would say nothing about the record). The frame of a set of counties is
built once per roster and reused across plans.
"""

from __future__ import annotations

from collections.abc import Iterator

from inspectcli.checks.facts import PlanFacts
from inspectcli.messages import t
from inspectcli.model.common import SampleSpec
from inspectcli.problems import Severity
from inspectcli.repo.roster import Roster, village_id
from inspectcli.sampling.frame import Source, from_roster
from inspectcli.sampling.method import Short, frame_sha256, ticket
from inspectcli.sampling.method2 import Refused
from inspectcli.sampling.record import differences
from inspectcli.sampling.spec import DEFAULT_GROUPS, Groups, SpecError, check_spec, draw_spec

Loc = tuple[str | int, ...]
Found = tuple[Loc, str, str, Severity]

_frames: dict[tuple[int, tuple[str, ...]], tuple[Roster, Source, str]] = {}


def _frame(roster: Roster, counties: tuple[str, ...]) -> tuple[Source, str]:
    key = (id(roster), counties)
    cached = _frames.get(key)
    if cached is None or cached[0] is not roster:
        if len(_frames) > 32:
            _frames.clear()
        source = from_roster(roster, counties)
        cached = (roster, source, frame_sha256(source.frame))
        _frames[key] = cached
    return cached[1], cached[2]


def _units(plan: PlanFacts) -> Iterator[tuple[Loc, str]]:
    sample = plan.sample
    assert sample is not None
    for index, town in enumerate(sample.towns):
        yield ("sample", "towns", index, "ticket"), town
    for index, village in enumerate(sample.villages):
        yield ("sample", "villages", index, "ticket"), village[0]
    for index, household in enumerate(sample.households):
        yield ("sample", "households", index, "ticket"), household[0]


def check_sample(
    path: str,
    plan: PlanFacts,
    spec: SampleSpec | None,
    roster: Roster,
    groups: Groups = DEFAULT_GROUPS,
) -> Iterator[Found]:
    sample = plan.sample
    if sample is None or not sample.seed:
        return
    source, actual = _frame(roster, plan.counties)
    same_frame = actual == sample.frame_sha256
    wrong = 0
    for (loc, unit), recorded in zip(_units(plan), sample.tickets, strict=True):
        if ticket(sample.seed, unit) != recorded:
            wrong += 1
            message = t("sample-ticket-wrong", id=unit, seed=sample.seed)
            yield loc, "sample-hand-edited", message, Severity.ERROR
    yield from _in_roster(plan, roster, Severity.ERROR if same_frame else Severity.WARNING)
    if same_frame and not wrong and spec is not None:
        yield from _redraw(path, plan, spec, source, groups)


def _in_roster(plan: PlanFacts, roster: Roster, severity: Severity) -> Iterator[Found]:
    sample = plan.sample
    assert sample is not None
    for index, town in enumerate(sample.towns):
        county, _, name = town.partition("/")
        if name not in roster.tree.get(county, {}):
            message = t("sample-not-in-roster", level=t("sample-level-town"), id=town)
            yield ("sample", "towns", index, "id"), "sample-not-in-roster", message, severity
    for index, (village, _, village_class) in enumerate(sample.villages):
        actual = roster.villages.get(village)
        loc: Loc = ("sample", "villages", index)
        if actual is None:
            message = t("sample-not-in-roster", level=t("sample-level-village"), id=village)
            yield (*loc, "id"), "sample-not-in-roster", message, severity
        elif actual != village_class:
            message = t(
                "sample-roster-mismatch",
                level=t("sample-level-village"),
                id=village,
                recorded=village_class,
                actual=actual,
            )
            yield (*loc, "class"), "sample-not-in-roster", message, severity
    for index, (household, village, status) in enumerate(sample.households):
        row = roster.households.row(household)
        loc = ("sample", "households", index)
        if row is None:
            message = t("sample-not-in-roster", level=t("sample-level-household"), id=household)
            yield (*loc, "id"), "sample-not-in-roster", message, severity
            continue
        place = village_id(*roster.place(row)[:3])
        actual_status = roster.status(row)
        if (place, actual_status) != (village, status):
            message = t(
                "sample-roster-mismatch",
                level=t("sample-level-household"),
                id=household,
                recorded=f"{village}, {status}",
                actual=f"{place}, {actual_status}",
            )
            yield loc, "sample-not-in-roster", message, severity


def _redraw(
    path: str, plan: PlanFacts, spec: SampleSpec, source: Source, groups: Groups
) -> Iterator[Found]:
    from inspectcli.sampling.method import Chosen, Draw

    sample = plan.sample
    assert sample is not None
    try:
        if sample.method == "v2":
            check_spec(spec, groups)
        # Called only when the roster's frame has the recorded hash: no need to hash again.
        derived = draw_spec(
            source.frame,
            spec,
            sample.seed,
            sample.excluded,
            sample.frame_sha256,
            groups,
            sample.method,
        )
    except (Short, SpecError, Refused):
        return  # the minimums rule and `inspect sample --verify` say more
    tickets = iter(sample.tickets)
    recorded = Draw(
        sample.seed,
        sample.frame_sha256,
        list(sample.excluded),
        [Chosen(town, next(tickets)) for town in sample.towns],
        [Chosen(v, next(tickets), town, c) for v, town, c in sample.villages],
        [Chosen(h, next(tickets), village, s) for h, village, s in sample.households],
        sample.method,
    )
    found = differences(recorded, derived)
    if found:
        detail = found[0] + (t("verify-and-more", count=len(found) - 1) if len(found) > 1 else "")
        message = t("sample-not-smallest", detail=detail, path=path, method=sample.method)
        yield ("sample",), "sample-hand-edited", message, Severity.ERROR
