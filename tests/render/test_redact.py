"""What letters, reports and bulletins print of a household: its head's name masked, never
its ID number or phone (DOMAIN: outputs that leave the repository expose no more personal
data than the purpose needs), whichever way the roster was read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from inspectcli.model.findings import Finding
from inspectcli.render.context import problem_text, roster_redactor
from inspectcli.repo.roster import Details, Roster, read_csv

HEADER = "county,town,village,village_class,household_id,head_name,status,members,id_number,phone"
# YG-01: a resident ID and a landline, which only the roster marks sensitive: a mistyped
# ID (17 digits) and a landline with a blank and a dash.
ROWS = (
    "云岗县,石桥镇,青石村,贫困村,YG-01,欧阳娜娜,未脱贫,3,44012319900101123,0762-331 2345",
    "云岗县,石桥镇,青石村,贫困村,YG-02,甲某一,已脱贫,2,440123199202021236,13800138000",
)
DESCRIPTION = (
    "户主身份证号44012319900101123、固定电话07623312345未核实；"
    "另一户身份证号440123199202021236、手机138 0013 8000；资金12500000元未拨付。"
)
EXPECTED = (
    "石桥镇青石村欧阳某户：户主身份证号440**********1123、固定电话076****2345未核实；"
    "另一户身份证号440***********1236、手机138 **** 8000；资金12500000元未拨付。"
)


def _roster(quoted: bool) -> Roster:
    rows = [row.replace("欧阳娜娜", '"欧阳娜娜"') if quoted else row for row in ROWS]
    roster, problems = read_csv("roster.csv", "\n".join([HEADER, *rows, ""]).encode())
    assert roster is not None and not problems
    return roster


def _finding(household: str) -> Finding:
    return Finding.model_validate(
        {
            "id": "R1-01",
            "content": "0302",
            "location": {
                "county": "云岗县",
                "town": "石桥镇",
                "village": "青石村",
                "household": household,
            },
            "description": DESCRIPTION,
            "responsible": {"unit": "石桥镇人民政府"},
            "measures": "逐户核实",
            "deadline": dt.date(2026, 10, 12),
        }
    )


@pytest.mark.parametrize("quoted", [False, True], ids=["bytes", "csv-module"])
def test_head_name_id_number_and_phone_redacted(quoted: bool) -> None:
    roster = _roster(quoted)
    text = roster_redactor(roster)(problem_text(_finding("YG-01"), "云岗县", roster))
    assert text == EXPECTED


def test_without_the_roster_only_shaped_numbers_are_masked() -> None:
    """A landline or a mistyped ID is a number like any other to a Redactor without the
    roster; an 18-digit ID and a mobile are masked by their shape alone."""
    redacted = roster_redactor(None)(DESCRIPTION)
    assert "44012319900101123、" in redacted and "07623312345" in redacted
    assert "440***********1236" in redacted and "138 **** 8000" in redacted


def test_a_roster_is_read_only_for_a_number_it_alone_can_tell(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    roster = _roster(quoted=False)
    read: list[int] = []
    every_details = Roster.every_details

    def counted(self: Roster) -> Iterator[Details]:
        read.append(1)
        return every_details(self)

    monkeypatch.setattr(Roster, "every_details", counted)
    redact = roster_redactor(roster)
    assert redact("手机13800138000，身份证号440123199202021236") == (
        "手机138****8000，身份证号440***********1236"
    )
    assert not read  # shaped numbers: masked without reading the roster
    assert redact("固定电话07623312345") == "固定电话076****2345"
    assert roster_redactor(roster)("资金12500000元") == "资金12500000元"
    assert read == [1]  # once per roster, whichever Redactor asks
