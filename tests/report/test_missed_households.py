"""漏评: a household missing from the register is named by its head and village, validates,
and counts as a mis-identified household of its village (Suzhou art. 39)."""

from __future__ import annotations

from pathlib import Path

from inspectcli.pipeline.validate import validate_root
from inspectcli.problems import Problem
from inspectcli.report.records import missed_key

from .helpers import report, write_repo

MISSED = """\
  - id: F9
    content: "0401"
    location: {{county: 甲县, town: 一镇, village: 东村, missing_household: {head}}}
    description: 该户符合识别标准但未纳入（漏评）。
    responsible: {{unit: 一镇人民政府}}
    measures: 按程序纳入。
    deadline: 2026-12-31
    tags: [mis-identification]
"""


def _add(root: Path, text: str) -> None:
    with (root / "findings" / "nov.yaml").open("a", encoding="utf-8") as findings:
        findings.write(text)


def _codes(root: Path) -> list[Problem]:
    return validate_root(root, cache_dir=None, jobs=1).problems


def test_a_missed_household_validates_and_is_counted_in_its_village(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo")
    before = report(root, "2026-11", by="village")
    _add(root, MISSED.format(head="庚某甲"))
    assert not [p for p in _codes(root) if p.severity.name == "ERROR"]
    after = report(root, "2026-11", by="village")
    rows = {row.unit: row for row in after.accountability}
    village = rows["甲县/一镇/东村"]
    old = {row.unit: row for row in before.accountability}.get("甲县/一镇/东村")
    assert village.mis_identified == (old.mis_identified if old else 0) + 1
    assert any(r.rule == "village-secretary-and-head" for r in village.reached)


def test_a_missed_household_needs_its_village(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo")
    _add(root, MISSED.format(head="庚某乙").replace(" village: 东村,", ""))
    (found,) = [p for p in _codes(root) if p.code == "missing-household-place"]
    assert "庚某乙" in found.message
    assert found.field.endswith("location.missing_household")


def test_a_missed_household_key_is_never_a_roster_id() -> None:
    assert missed_key("甲县", "一镇", "东村", "庚某") == "漏评:甲县/一镇/东村:庚某"
    assert missed_key("甲县", "一镇", None, "庚某") is None
