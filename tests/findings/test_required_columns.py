"""Hainan §3.3, §5.3: the problem ledger's columns are required, so a finding with no
target or no responsible person is an error where the policy marks the column required."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..deadlines.helpers import build, finding
from .helpers import invoke

LEDGER = [
    {
        "field": "target",
        "title": "整改目标",
        "required": True,
        "source": "琼扶发〔2017〕19号 §5(三)",
    },
    {"field": "responsible.person", "title": "责任人", "required": True},
    {"field": "measures", "title": "整改措施", "required": True},
]


def _ledger(required: bool) -> Any:
    def change(data: dict[str, Any]) -> None:
        columns = [{**c, "required": required} for c in LEDGER]
        data["policy"]["overrides"] = {"ledger": columns}

    return change


def _lines(root: Path) -> tuple[int, list[str]]:
    code, out, _ = invoke("validate", str(root), "--format", "parsable")
    return code, [line for line in out.splitlines() if "ledger-column-missing" in line]


def test_a_required_column_left_empty_is_an_error(tmp_path: Path) -> None:
    code, lines = _lines(build(tmp_path, settings=_ledger(True)))
    assert code == 1
    # neither finding has a target; R1-02 names its unit without a person
    assert len(lines) == 3, lines
    assert all("findings/r1.yaml" in line for line in lines)
    assert "`target` (整改目标)" in lines[0] and "§5(三)" in lines[0]
    assert lines[0].endswith("[findings[0]]") and lines[1].endswith("[findings[1]]")
    assert "(责任人)" in lines[2] and lines[2].endswith("[findings[1].responsible]")


def test_filled_in_or_not_required_is_clean(tmp_path: Path) -> None:
    person = {"unit": "云岗县乡村振兴局", "person": "庚某"}

    def filled(data: dict[str, Any]) -> None:
        finding(0, target="饮水安全达标")(data)
        finding(1, target="台账与系统一致", responsible=person)(data)

    assert _lines(build(tmp_path / "a", settings=_ledger(True), findings=filled)) == (0, [])
    assert _lines(build(tmp_path / "b", settings=_ledger(False))) == (0, [])


def test_a_person_of_the_lead_unit_fills_the_column(tmp_path: Path) -> None:
    def lead(data: dict[str, Any]) -> None:
        finding(0, target="达标")(data)
        finding(1, target="一致", lead={"unit": "云岗县乡村振兴局", "person": "辛某"})(data)

    assert _lines(build(tmp_path, settings=_ledger(True), findings=lead)) == (0, [])
