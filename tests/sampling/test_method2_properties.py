"""Invariants of method v2 on generated frames: the quotas hold in every village drawn, no
left-out unit is drawn, every county gets a town and every town a village, and a draw
re-derives exactly from its seed and its excluded units."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from inspectcli.model.common import HOUSEHOLD_STATUSES
from inspectcli.sampling.method import Frame, FrameHousehold, Short
from inspectcli.sampling.method2 import Refused, draw_v2, make_quotas_v2
from inspectcli.sampling.spec import DEFAULT_GROUPS

CATEGORIES = ("not-exited", "pre-exited", "exited", "non-registered")


@st.composite
def frames(draw: st.DrawFn) -> Frame:
    counties = draw(st.integers(1, 3))
    frame = Frame(tuple(f"县{c}" for c in range(counties)))
    number = 0
    for c in range(counties):
        for t in range(draw(st.integers(1, 3))):
            for v in range(draw(st.integers(1, 3))):
                village_class = draw(st.sampled_from(("poor", "ordinary")))
                for _ in range(draw(st.integers(1, 12))):
                    number += 1
                    status = draw(st.sampled_from(CATEGORIES))
                    household = FrameHousehold(f"H{number:04d}", status)
                    frame.add(f"县{c}", f"镇{t}", f"村{v}", village_class, household)
    return frame


@settings(max_examples=60, deadline=None)
@given(
    frame=frames(),
    seed=st.text(min_size=1, max_size=8),
    towns=st.integers(0, 4),
    villages=st.integers(0, 4),
    registered=st.integers(0, 3),
    others=st.integers(0, 2),
    left_out=st.sets(st.integers(1, 60), max_size=10),
)
def test_v2_draws_meet_their_quotas_or_refuse(
    frame: Frame,
    seed: str,
    towns: int,
    villages: int,
    registered: int,
    others: int,
    left_out: set[int],
) -> None:
    by_category = {"registered": registered, "non-registered": others}
    quotas = make_quotas_v2(towns, {}, villages, (1, 2), by_category, DEFAULT_GROUPS)
    excluded = {f"H{n:04d}" for n in left_out}
    try:
        result = draw_v2(frame, quotas, seed, excluded)
    except (Short, Refused):
        return  # refused with its numbers: never a short sample
    again = draw_v2(frame, quotas, seed, result.excluded)
    assert again == result
    assert not {h.id for h in result.households} & excluded
    assert len(result.villages) == villages
    chosen_towns = {u.id for u in result.towns}
    if towns:
        assert len(result.towns) == towns
        assert {u.id.split("/")[0] for u in result.towns} == set(frame.counties)
        if villages:
            assert {v.parent for v in result.villages} == chosen_towns
    elif villages:
        assert {v.id.split("/")[0] for v in result.villages} == set(frame.counties)
    for village in result.villages:
        mine = [h.label for h in result.households if h.parent == village.id]
        assert len(mine) >= max(1, registered, others)
        assert sum(1 for s in mine if s in HOUSEHOLD_STATUSES[:3]) >= registered
        assert mine.count("non-registered") >= others
