"""Guangdong art. 8: a comprehensive supervision at least once a year, in `inspect deadline`."""

from __future__ import annotations

from pathlib import Path

from inspectcli.deadlines import Kind, State

from .helpers import Data, agenda, build, d, one


def _guangdong(data: Data) -> None:
    data["policy"]["preset"] = "guangdong"


def _comprehensive(data: Data) -> None:
    data["scope"] = "comprehensive"


def test_a_year_without_a_comprehensive_supervision_is_overdue(tmp_path: Path) -> None:
    root = build(tmp_path, settings=_guangdong)
    late = one(agenda(root, d("2027-01-05")), Kind.COMPREHENSIVE, "2026")
    assert late.state is State.OVERDUE
    assert late.due == d("2026-12-31")
    assert "第八条" in late.rule
    # The year about to end is reported as due soon.
    assert one(agenda(root, d("2026-12-28")), Kind.COMPREHENSIVE, "2026").state is State.DUE_SOON
    assert one(agenda(root, d("2027-01-05")), Kind.COMPREHENSIVE, "2027").state is State.UPCOMING


def test_a_comprehensive_round_fulfils_its_year(tmp_path: Path) -> None:
    root = build(tmp_path, settings=_guangdong, plan=_comprehensive)
    done = one(agenda(root, d("2027-01-05")), Kind.COMPREHENSIVE, "2026")
    assert done.state is State.DONE
    assert done.done_on == d("2026-09-08")


def test_no_such_reminder_under_a_policy_without_the_rule(tmp_path: Path) -> None:
    root = build(tmp_path)
    found = agenda(root, d("2027-01-05"))
    assert not [x for x in found.deadlines if x.kind is Kind.COMPREHENSIVE]
