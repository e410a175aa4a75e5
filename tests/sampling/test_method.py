"""Method v1 as properties: determinism, row order, quotas, independence of strata."""

from __future__ import annotations

import hashlib
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from inspectcli.repo.roster import read_csv
from inspectcli.sampling.frame import from_roster
from inspectcli.sampling.method import (
    Chosen,
    Frame,
    FrameHousehold,
    Short,
    _Drawer,
    draw,
    frame_sha256,
    make_quotas,
    ticket,
    village_count,
)

HEADER = "county,town,village,village_class,household_id,head_name,status"
STATUSES = ("not-exited", "pre-exited", "exited")


def test_ticket_is_sha256_of_seed_bar_id() -> None:
    expected = hashlib.sha256(b"test-seed|YG-01").hexdigest()
    assert ticket("test-seed", "YG-01") == expected
    assert village_count("s", "v", 3, 5) in (3, 4, 5)
    digest = int(hashlib.sha256(b"s|count|v").hexdigest(), 16)
    assert village_count("s", "v", 3, 5) == 3 + digest % 3


@st.composite
def rosters(draw_: st.DrawFn) -> list[tuple[str, str, str, str, str, str]]:
    rows = []
    counter = 0
    for c in range(draw_(st.integers(1, 2))):
        for t in range(draw_(st.integers(1, 4))):
            for v in range(draw_(st.integers(1, 4))):
                village_class = draw_(st.sampled_from(("poor", "ordinary")))
                for _ in range(draw_(st.integers(1, 8))):
                    counter += 1
                    status = draw_(st.sampled_from(STATUSES))
                    rows.append((f"C{c}", f"T{t}", f"V{v}", village_class, f"H{counter}", status))
    return rows


def _frame(rows: list[tuple[str, ...]], counties: tuple[str, ...] = ("C0", "C1")) -> Frame:
    frame = Frame(counties)
    for county, town, village, village_class, hid, status in rows:
        if county in counties:
            frame.add(county, town, village, village_class, FrameHousehold(hid, status))
    return frame


def _csv(rows: list[tuple[str, ...]]) -> bytes:
    lines = [HEADER] + [",".join((*r[:5], "某", r[5])) for r in rows]
    return ("\n".join(lines) + "\n").encode()


QUOTAS = make_quotas(1, 1, 0, (2, 3), {"pre-exited": 1})


def _result(frame: Frame, seed: str) -> object:
    try:
        return draw(frame, QUOTAS, seed)
    except Short as short:
        return ("short", short.stratum)


@settings(max_examples=60, deadline=None)
@given(rosters(), st.text(min_size=1, max_size=10), st.randoms())
def test_same_seed_and_shuffled_rows_give_the_same_sample(
    rows: list[tuple[str, ...]], seed: str, rnd: random.Random
) -> None:
    first = _result(_frame(rows), seed)
    assert _result(_frame(rows), seed) == first
    shuffled = list(rows)
    rnd.shuffle(shuffled)
    assert _result(_frame(shuffled), seed) == first
    assert frame_sha256(_frame(shuffled)) == frame_sha256(_frame(rows))
    roster, problems = read_csv("roster.csv", _csv(shuffled))
    assert roster is not None and problems == []
    source = from_roster(roster, ("C0", "C1"))
    assert frame_sha256(source.frame) == frame_sha256(_frame(rows))
    assert _result(source.frame, seed) == first


@settings(max_examples=60, deadline=None)
@given(rosters(), st.text(min_size=1, max_size=10))
def test_quotas_are_respected(rows: list[tuple[str, ...]], seed: str) -> None:
    quotas = make_quotas(2, 1, 1, (2, 4), {"pre-exited": 1, "not-exited": 1})
    try:
        result = draw(_frame(rows), quotas, seed)
    except Short:
        return
    assert len(result.towns) == 2
    assert sorted(v.label for v in result.villages) == ["ordinary", "poor"]
    for village in result.villages:
        chosen = [h for h in result.households if h.parent == village.id]
        assert 2 <= len(chosen) <= 4
        assert sum(h.label == "pre-exited" for h in chosen) >= 1
        assert sum(h.label == "not-exited" for h in chosen) >= 1
        assert all(h.ticket == ticket(seed, h.id) for h in chosen)


@settings(max_examples=60, deadline=None)
@given(rosters(), rosters(), st.text(min_size=1, max_size=10))
def test_other_strata_do_not_change_a_stratum(
    rows: list[tuple[str, ...]], extra: list[tuple[str, ...]], seed: str
) -> None:
    county_rows = [r for r in rows if r[0] == "C0"]
    added = [("C9", *r[1:4], "X" + r[4], r[5]) for r in extra]
    # Towns: each county is its own stratum.
    one = draw(_frame(county_rows, ("C0",)), make_quotas(1, 0, 0, None, None), seed)
    both = draw(_frame(county_rows + added, ("C0", "C9")), make_quotas(2, 0, 0, None, None), seed)
    assert [t for t in both.towns if t.id.startswith("C0/")] == one.towns
    # Households: each village is its own stratum; other villages' households do not count.
    quotas = make_quotas(0, 0, 0, (1, 3), {"pre-exited": 1})
    village = sorted(_frame(county_rows, ("C0",)).villages)[0]
    moved = [("C0", "T0", "Vnew", "poor", "Y" + r[4], r[5]) for r in extra]
    alone = _Drawer(_frame(county_rows, ("C0",)), quotas, seed, set())
    crowded = _Drawer(_frame(county_rows + moved, ("C0",)), quotas, seed, set())
    if alone.village_fits(village):
        chosen = [Chosen(village, ticket(seed, village))]
        assert alone.households(chosen) == crowded.households(chosen)


def test_excluded_units_are_left_out_and_recorded() -> None:
    rows = [("C0", "T0", "V0", "poor", f"H{i}", "pre-exited") for i in range(6)]
    frame = _frame(rows, ("C0",))
    quotas = make_quotas(1, 1, 0, (2, 2), None)
    first = draw(frame, quotas, "s")
    gone = first.households[0].id
    second = draw(frame, quotas, "s", {gone, "not-in-frame"})
    assert gone not in {h.id for h in second.households}
    assert second.excluded == [gone]


def test_unfillable_stratum_names_itself() -> None:
    rows = [("C0", "T0", "V0", "ordinary", "H1", "pre-exited")]
    try:
        draw(_frame(rows, ("C0",)), make_quotas(1, 1, 0, None, None), "s")
    except Short as short:
        assert short.stratum == "towns of C0"
        assert (short.needed, short.available, short.total) == (1, 0, 1)
    else:
        raise AssertionError("expected Short")
