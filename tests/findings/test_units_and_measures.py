"""A township's rectification plan: one lead unit, several responsible units, measures each
with its own deadline and person (Hainan §3.3, §5.3: the ledger names measures, units and
persons); the finding's deadline is the latest measure's unless given."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from inspectcli.model.findings import Finding

from .helpers import as_json, docx_text, invoke, repo_with

PLAN = "township-plan.yaml"
AS_OF = ["--period", "2026Q3", "--as-of", "2026-11-05"]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return repo_with(tmp_path / "repo", PLAN)


def _finding(**fields: object) -> Finding:
    base: dict[str, object] = {
        "id": "X-1",
        "content": "01",
        "location": {"county": "甲县"},
        "description": "问题",
        "responsible": {"unit": "甲县农业农村局"},
        "measures": "整改",
        "deadline": dt.date(2026, 10, 1),
    }
    return Finding.model_validate({**base, **fields})


def test_the_township_plan_validates(repo: Path) -> None:
    code, out, err = invoke("validate", str(repo))
    assert code == 0, out + err
    assert "no problems" in err


def test_deadline_is_the_latest_measure_unless_given() -> None:
    measures = [
        {"text": "甲", "deadline": dt.date(2026, 11, 30)},
        {"text": "乙", "deadline": dt.date(2026, 10, 31)},
    ]
    fields = {"measures": measures}
    assert _finding(**fields, deadline=dt.date(2026, 12, 5)).deadline == dt.date(2026, 12, 5)
    without = {k: v for k, v in _finding(**fields).model_dump().items() if k != "deadline"}
    assert Finding.model_validate(without).deadline == dt.date(2026, 11, 30)


def test_one_responsible_unit_as_before_is_still_one() -> None:
    finding = _finding()
    assert [(role, r.unit) for role, r in finding.units()] == [("responsible", "甲县农业农村局")]
    assert finding.measures_text() == "整改"


def test_no_deadline_anywhere_is_one_error_at_the_finding(repo: Path) -> None:
    path = repo / "findings" / PLAN
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("deadline: 2026-11-30, person: 韦立群", "person: 韦立群"), encoding="utf-8"
    )
    code, out, _ = invoke("validate", str(repo))
    assert code == 1
    lines = [line for line in out.splitlines() if "missing-field" in line]
    assert len(lines) == 1
    assert f"findings/{PLAN}:8:5: error missing-field" in lines[0]
    assert "`measures` a `deadline`" in lines[0]


def test_report_by_unit_counts_every_unit_with_its_role(repo: Path) -> None:
    data = as_json("report", str(repo), *AS_OF, "--by", "unit")
    rows = {(r["key"], r["role"]): r["findings"] for r in data["summary"]}
    assert rows[("禾城区白沙镇人民政府", "lead")] == 1
    assert rows[("禾城区水务局", "responsible")] == 2  # T01 among several, T02 alone
    assert rows[("长岗村村民委员会", "responsible")] == 1
    assert rows[("中共禾城区白沙镇委员会", "lead")] == 1
    labels = {r["label"] for r in data["summary"]}
    assert "禾城区白沙镇人民政府 (lead)" in labels
    by_county = as_json("report", str(repo), *AS_OF)
    assert data["total"] == by_county["total"]  # each finding counted once in the total


def test_ledger_lists_lead_units_and_measures(repo: Path) -> None:
    data = as_json("report", str(repo), *AS_OF)
    row = next(r for r in data["ledger"] if r["id"] == "2026-09-HC-T01")
    assert row["lead"] == "禾城区白沙镇人民政府 (莫建华)"
    assert row["unit"] == "禾城区水务局、长岗村村民委员会"
    assert row["person"] == "韦立群、覃有德"
    assert row["deadline"] == "2026-11-30"
    assert "(1) 完成末端加压泵站建设并通水 [韦立群, 2026-11-30]" in row["measures"]
    assert "(2) 逐户排查季节性缺水农户并建立台账 [覃有德, 2026-10-31]" in row["measures"]
    t02 = next(r for r in data["ledger"] if r["id"] == "2026-09-HC-T02")
    assert t02["deadline"] == "2026-10-25"  # given: not the measure's 10-20


def test_letter_names_lead_and_responsible_units(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, err = invoke(
        "render-letter", str(repo / "findings" / PLAN), "--out", str(out), "--date", "2026-09-20"
    )
    assert code == 0, err
    text = docx_text(next(out.glob("*.docx")))
    assert "牵头单位：禾城区白沙镇人民政府（责任人：莫建华）" in text
    assert "责任单位：禾城区水务局（责任人：韦立群）、长岗村村民委员会（责任人：覃有德）" in text
    assert "（2）逐户排查季节性缺水农户并建立台账（责任人：覃有德，时限：2026年10月31日）" in text


def test_a_list_of_units_and_the_lead_in_the_schema(repo: Path, tmp_path: Path) -> None:
    code, _, err = invoke("schema", "findings", "--out", str(tmp_path))
    assert code == 0, err
    schema = (tmp_path / "findings.schema.json").read_text(encoding="utf-8")
    assert '"lead"' in schema and '"Measure"' in schema


def test_the_listing_names_every_unit(repo: Path) -> None:
    code, out, err = invoke(
        "finding", "list", "--repo", str(repo), "--unit", "长岗村", "-f", "json"
    )
    assert code == 0, err
    assert [r["id"] for r in json.loads(out)["findings"]] == ["2026-09-HC-T01"]
