"""Each kind of deadline and each state, at its edges."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspectcli.deadlines import Kind, State

from .helpers import agenda, build, d, finding, one, with_policy

# R1-02: deadline 2026-10-12 (Monday), open.


@pytest.mark.parametrize(
    ("as_of", "state", "late"),
    [
        ("2026-10-04", State.UPCOMING, 0),  # 8 days before: beyond --within 7
        ("2026-10-05", State.DUE_SOON, 0),  # 7 days before
        ("2026-10-11", State.DUE_SOON, 0),  # the Sunday before
        ("2026-10-12", State.DUE_TODAY, 0),
        ("2026-10-13", State.OVERDUE, 1),
        ("2026-10-19", State.OVERDUE, 5),
    ],
)
def test_rectification_states_around_the_deadline(
    tmp_path: Path, as_of: str, state: State, late: int
) -> None:
    found = one(agenda(build(tmp_path), d(as_of)), Kind.RECTIFICATION, "R1-02")
    assert (found.due, found.state, found.overdue_working_days) == (d("2026-10-12"), state, late)


def test_overdue_across_a_weekend_counts_working_days(tmp_path: Path) -> None:
    root = build(tmp_path, findings=finding(1, deadline="2026-10-16"))  # a Friday
    saturday = one(agenda(root, d("2026-10-17")), Kind.RECTIFICATION, "R1-02")
    monday = one(agenda(root, d("2026-10-19")), Kind.RECTIFICATION, "R1-02")
    assert (saturday.state, saturday.overdue_working_days) == (State.OVERDUE, 0)
    assert (monday.state, monday.overdue_working_days) == (State.OVERDUE, 1)


def test_overdue_across_the_national_day_holiday(tmp_path: Path) -> None:
    root = build(tmp_path, findings=finding(1, deadline="2026-09-30"))
    during = one(agenda(root, d("2026-10-07")), Kind.RECTIFICATION, "R1-02")
    after = one(agenda(root, d("2026-10-08")), Kind.RECTIFICATION, "R1-02")
    makeup = one(agenda(root, d("2026-10-10")), Kind.RECTIFICATION, "R1-02")  # worked Saturday
    assert (during.state, during.overdue_working_days) == (State.OVERDUE, 0)
    assert after.overdue_working_days == 1
    assert makeup.overdue_working_days == 3


def test_an_approved_extension_moves_the_deadline(tmp_path: Path) -> None:
    extension = {
        "requested": "2026-10-08",
        "reason": "雨季施工受阻",
        "new_deadline": "2026-10-30",
        "decision": "approved",
        "decided": "2026-10-09",
    }
    root = build(tmp_path, findings=finding(1, rectification={"extensions": [extension]}))
    found = one(agenda(root, d("2026-10-20")), Kind.RECTIFICATION, "R1-02")
    assert (found.due, found.state) == (d("2026-10-30"), State.UPCOMING)
    assert found.field == "findings[1].rectification.extensions[0].new_deadline"
    assert "2026-10-09" in found.rule


def test_the_last_approved_extension_wins(tmp_path: Path) -> None:
    def ext(new: str, decision: str) -> dict[str, str]:
        decided = "2026-10-09"  # a decision carries its date (validate: extension-undated-decision)
        return {
            "requested": "2026-10-08",
            "reason": "r",
            "new_deadline": new,
            "decision": decision,
            "decided": decided,
        }

    extensions = [
        ext("2026-10-20", "approved"),
        ext("2026-10-27", "approved"),
        ext("2026-11-30", "rejected"),
    ]
    root = build(tmp_path, findings=finding(1, rectification={"extensions": extensions}))
    assert one(agenda(root, d("2026-10-20")), Kind.RECTIFICATION, "R1-02").due == d("2026-10-27")


def test_a_rejected_extension_moves_nothing(tmp_path: Path) -> None:
    # R1-01 asked for 2026-10-20 and was refused: the deadline stays 2026-10-12.
    found = one(agenda(build(tmp_path), d("2026-10-20")), Kind.RECTIFICATION, "R1-01")
    assert (found.due, found.state, found.done_on) == (d("2026-10-12"), State.DONE, d("2026-10-08"))
    assert found.field == "findings[0].deadline"


def test_a_pending_extension_is_information_and_moves_nothing(tmp_path: Path) -> None:
    extension = {"requested": "2026-10-08", "reason": "r", "new_deadline": "2026-10-30"}
    root = build(tmp_path, findings=finding(1, rectification={"extensions": [extension]}))
    found = agenda(root, d("2026-10-13"))
    pending = one(found, Kind.EXTENSION, "R1-02#1")
    assert (pending.state, pending.due) == (State.PENDING, d("2026-10-30"))
    assert one(found, Kind.RECTIFICATION, "R1-02").state is State.OVERDUE


def test_rectified_after_the_deadline_is_done_late(tmp_path: Path) -> None:
    root = build(tmp_path, findings=finding(0, deadline="2026-10-06"))
    found = one(agenda(root, d("2026-11-21")), Kind.RECTIFICATION, "R1-01")
    assert (found.state, found.done_on) == (State.DONE_LATE, d("2026-10-08"))


def test_as_of_before_the_rectified_date_shows_it_open(tmp_path: Path) -> None:
    found = one(agenda(build(tmp_path), d("2026-10-07")), Kind.RECTIFICATION, "R1-01")
    assert found.state is State.DUE_SOON


# --- letters ----------------------------------------------------------------------------------


def test_letter_due_three_working_days_after_the_round(tmp_path: Path) -> None:
    found = one(agenda(build(tmp_path), d("2026-11-21")), Kind.LETTER, "R1")
    # The round ended Wednesday 2026-09-09; three working days later is Monday 09-14.
    assert (found.due, found.state, found.done_on) == (d("2026-09-14"), State.DONE, d("2026-09-11"))
    assert found.path == "findings/r1.yaml" and found.field == "letter.date"
    assert "河扶〔2018〕23号" in found.rule


def test_a_late_letter_is_done_late(tmp_path: Path) -> None:
    def late(data: dict[str, object]) -> None:
        data["letter"]["date"] = "2026-09-15"  # type: ignore[index]

    found = one(agenda(build(tmp_path, findings=late), d("2026-11-21")), Kind.LETTER, "R1")
    assert found.state is State.DONE_LATE


def test_a_letter_not_sent_is_due_then_overdue(tmp_path: Path) -> None:
    def unsent(data: dict[str, object]) -> None:
        del data["letter"]

    root = build(tmp_path, findings=unsent)
    assert one(agenda(root, d("2026-09-14")), Kind.LETTER, "R1").state is State.DUE_TODAY
    overdue = one(agenda(root, d("2026-09-15")), Kind.LETTER, "R1")
    assert (overdue.state, overdue.overdue_working_days, overdue.field) == (
        State.OVERDUE,
        1,
        "plan",
    )


def test_a_round_without_findings_still_owes_its_letter(tmp_path: Path) -> None:
    root = build(tmp_path)
    (root / "findings/r1.yaml").unlink()
    found = one(agenda(root, d("2026-09-15")), Kind.LETTER, "R1")
    assert (found.state, found.path, found.field) == (State.OVERDUE, "plans/r1.yaml", "end")


# --- follow-up revisits -----------------------------------------------------------------------


FOLLOW_UP = {"amount": 1, "unit": "months", "source": "§4"}


def test_follow_up_a_month_after_rectification(tmp_path: Path) -> None:
    # Rectified 2026-10-08; a month later is Sunday 11-08, so Monday 11-09.
    root = build(tmp_path, settings=with_policy(follow_up=FOLLOW_UP))
    assert one(agenda(root, d("2026-11-09")), Kind.FOLLOW_UP, "R1-01").state is State.DUE_TODAY
    late = one(agenda(root, d("2026-11-10")), Kind.FOLLOW_UP, "R1-01")
    assert (late.due, late.state, late.overdue_working_days) == (d("2026-11-09"), State.OVERDUE, 1)
    assert all(
        f.subject != "R1-02"
        for f in agenda(root, d("2026-11-10")).deadlines
        if f.kind is Kind.FOLLOW_UP
    )


@pytest.mark.parametrize(
    ("verified", "state"), [("2026-11-09", State.DONE), ("2026-11-10", State.DONE_LATE)]
)
def test_follow_up_done_by_verification(tmp_path: Path, verified: str, state: State) -> None:
    check = {"date": verified, "by": "丙某", "result": "passed"}
    root = build(
        tmp_path,
        settings=with_policy(follow_up=FOLLOW_UP),
        findings=finding(0, rectification={"status": "verified", "verification": check}),
    )
    found = one(agenda(root, d("2026-11-21")), Kind.FOLLOW_UP, "R1-01")
    assert (found.state, found.field) == (state, "findings[0].rectification.verification")


# --- patrol feedback --------------------------------------------------------------------------

FEEDBACK = {"amount": 2, "unit": "months", "source": "Guangdong art. 18"}


def _patrol(data: dict[str, object]) -> None:
    data["type"] = "patrol"
    data["feedback"] = "2026-09-10"


def test_patrol_feedback_due_two_months_after_feedback(tmp_path: Path) -> None:
    root = build(tmp_path, plan=_patrol, settings=with_policy(feedback=FEEDBACK))
    found = one(agenda(root, d("2026-11-10")), Kind.FEEDBACK, "R1")
    assert (found.due, found.state, found.path, found.field) == (
        d("2026-11-10"),
        State.DUE_TODAY,
        "plans/r1.yaml",
        "feedback",
    )
    assert found.rule == "Guangdong art. 18"  # another document's rule: no Heyuan prefix


def test_patrol_feedback_done_when_every_finding_is_rectified(tmp_path: Path) -> None:
    root = build(
        tmp_path,
        plan=_patrol,
        settings=with_policy(feedback=FEEDBACK),
        findings=finding(1, rectification={"status": "rectified", "rectified": "2026-11-12"}),
    )
    found = one(agenda(root, d("2026-11-21")), Kind.FEEDBACK, "R1")
    assert (found.state, found.done_on) == (State.DONE_LATE, d("2026-11-12"))


def test_patrol_feedback_without_a_rule_is_a_warning(tmp_path: Path) -> None:
    root = build(tmp_path, plan=_patrol, settings=with_policy(feedback=None))
    found = agenda(root, d("2026-11-21"))
    assert not [x for x in found.deadlines if x.kind is Kind.FEEDBACK]
    assert any("deadlines.feedback" in w and "R1" in w for w in found.warnings)


def test_supervision_rounds_owe_no_feedback_report(tmp_path: Path) -> None:
    root = build(tmp_path, settings=with_policy(feedback=FEEDBACK))
    assert not [x for x in agenda(root, d("2026-11-21")).deadlines if x.kind is Kind.FEEDBACK]


# --- archive and report -----------------------------------------------------------------------


def test_quarterly_archive_on_the_last_working_day(tmp_path: Path) -> None:
    root = build(tmp_path)
    assert one(agenda(root, d("2026-09-30")), Kind.ARCHIVE, "2026-Q3").state is State.DUE_TODAY
    past = one(agenda(root, d("2026-10-09")), Kind.ARCHIVE, "2026-Q3")
    assert (past.due, past.state) == (d("2026-09-30"), State.PAST)  # a reminder: never overdue


def test_archive_of_a_quarter_not_yet_begun_is_not_listed(tmp_path: Path) -> None:
    found = agenda(build(tmp_path), d("2026-06-30"))
    assert not [x for x in found.deadlines if x.kind in (Kind.ARCHIVE, Kind.REPORT)]


def test_monthly_report_and_yearly_archive(tmp_path: Path) -> None:
    root = build(tmp_path, settings=with_policy(archive="yearly"))
    found = agenda(root, d("2026-09-01"))
    assert one(found, Kind.REPORT, "2026-09").due == d("2026-09-30")
    assert one(found, Kind.ARCHIVE, "2026").due == d("2026-12-31")


# --- the calendar -----------------------------------------------------------------------------


def test_a_date_in_an_unknown_year_is_warned_about(tmp_path: Path) -> None:
    root = build(tmp_path, findings=finding(1, deadline="2031-03-03"))
    found = agenda(root, d("2026-11-21"))
    assert one(found, Kind.RECTIFICATION, "R1-02").uncertain
    assert any("2031" in w for w in found.warnings)


def test_no_warning_when_every_year_is_known(tmp_path: Path) -> None:
    assert agenda(build(tmp_path), d("2026-11-21")).warnings == []


def test_the_deadlines_are_sorted_by_date(tmp_path: Path) -> None:
    found = agenda(build(tmp_path), d("2026-11-21")).deadlines
    assert [x.due for x in found] == sorted(x.due for x in found)
