"""`--period`: a month, a quarter or a year, and nothing else."""

from __future__ import annotations

import datetime as dt

import pytest

from inspectcli.report.period import PeriodSyntaxError, parse_period


@pytest.mark.parametrize(
    ("text", "label", "first", "last"),
    [
        ("2026-11", "2026-11", "2026-11-01", "2026-11-30"),
        ("2028-02", "2028-02", "2028-02-01", "2028-02-29"),
        ("2026Q4", "2026Q4", "2026-10-01", "2026-12-31"),
        ("2026q1", "2026Q1", "2026-01-01", "2026-03-31"),
        (" 2026 ", "2026", "2026-01-01", "2026-12-31"),
    ],
)
def test_periods(text: str, label: str, first: str, last: str) -> None:
    period = parse_period(text)
    assert (period.label, period.first.isoformat(), period.last.isoformat()) == (label, first, last)
    assert dt.date.fromisoformat(first) in period and dt.date.fromisoformat(last) in period
    assert dt.date.fromisoformat(last) + dt.timedelta(days=1) not in period


@pytest.mark.parametrize(
    "text", ["2026-13", "2026-00", "2026Q0", "2026Q5", "26", "2026-1", "Q4", ""]
)
def test_bad_periods(text: str) -> None:
    with pytest.raises(PeriodSyntaxError, match=r"month \(2026-11\), a quarter"):
        parse_period(text)
