"""Invariants of the summary, whatever the findings: rows add up to the total, and each
rate's numerator never exceeds its denominator."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from inspectcli.presets import load_preset
from inspectcli.report.compute import InPeriod, Options, summary
from inspectcli.report.model import GROUPINGS, Tally
from inspectcli.report.period import parse_period
from inspectcli.report.records import FindingRecord, PlanRecord

DAY = dt.date(2026, 11, 1)
PLANS = [
    PlanRecord("a", DAY, "第一组", ("甲县", "乙县")),
    PlanRecord("b", DAY, "第二组", ("丙县",)),
]


@st.composite
def findings(draw: st.DrawFn) -> InPeriod:
    status = draw(st.sampled_from(["open", "rectifying", "rectified", "verified"]))
    deadline = DAY + dt.timedelta(days=draw(st.integers(0, 90)))
    offset = draw(st.one_of(st.none(), st.integers(0, 90)))
    rectified = DAY + dt.timedelta(days=offset) if offset is not None else None
    content, county = (
        draw(st.sampled_from(["01", "0302", "99"])),
        draw(st.sampled_from(["甲县", "丁县"])),
    )
    record = FindingRecord(
        0, "F", content, county,
        None, None, None, "问题", None, "措施", draw(st.sampled_from(["甲单位", "乙单位"])), None,
        deadline, False, status, rectified, None, (),
    )  # fmt: skip
    return InPeriod(record, draw(st.sampled_from(PLANS)), "f.yaml")


# By household group a finding naming no household counts in the total only, and groups
# may overlap: test_household_groups.py has its own invariant.
ADDING_UP = [by for by in GROUPINGS if by != "household-group"]


@settings(max_examples=150, deadline=None)
@given(st.lists(findings(), max_size=40), st.sampled_from(ADDING_UP), st.integers(0, 120))
def test_rows_add_up_and_rates_stay_in_bounds(items: list[InPeriod], by: str, days: int) -> None:
    policy = load_preset("heyuan")
    assert policy is not None
    options = Options(parse_period("2026"), by, DAY + dt.timedelta(days=days))
    rows, total = summary(items, options, policy, PLANS)
    added = Tally()
    for row in rows:
        added.add(row.tally)
        tally = row.tally
        assert tally.on_time <= tally.done <= tally.findings
        assert tally.settled == tally.done + tally.overdue <= tally.findings
        for rate in (tally.rectification_rate, tally.on_time_rate):
            assert rate is None or 0 <= rate <= 1
    assert added == total and total.findings == len(items)
