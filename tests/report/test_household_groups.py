"""Figures per household group (`inspect report --by household-group`): the households
the period's samples visited and the findings on them, per group of the policy; the
bulletin states them in a line under a policy that declares its groups."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import docx
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from typer.testing import CliRunner

from inspectcli import i18n
from inspectcli.cli.root import app
from inspectcli.pipeline.repository import open_repository
from inspectcli.presets import load_preset
from inspectcli.render.bulletin import bulletin_context
from inspectcli.report.compute import InPeriod, Options, household_groups, summary
from inspectcli.report.period import parse_period
from inspectcli.report.records import FindingRecord, PlanRecord

from .helpers import report, write_repo

runner = CliRunner()

# D21 lives outside the register; F6 names it, F9 names a household missing from it (漏评).
MORE_FINDINGS = """\
  - id: F6
    content: "0401"
    location: {county: 甲县, town: 一镇, village: 东村, household: D21}
    description: 一般户住房安全未核实。
    responsible: {unit: 一镇人民政府}
    measures: 核实住房安全。
    deadline: 2026-12-31
  - id: F9
    content: "0401"
    location: {county: 甲县, town: 一镇, village: 东村, missing_household: 庚某}
    description: 该户符合识别标准但未纳入（漏评）。
    responsible: {unit: 一镇人民政府}
    measures: 按程序纳入。
    deadline: 2026-12-31
"""
GROUPS = """\
  overrides:
    groups:
      - {id: registered, name: 建档立卡户, members: [not-exited, pre-exited, exited]}
      - {id: outside, name: 非建档立卡户, members: [non-registered]}
"""


def _repo(root: Path, groups: bool = False) -> Path:
    write_repo(root)
    with (root / "roster.csv").open("a", encoding="utf-8") as roster:
        roster.write("甲县,一镇,东村,贫困村,D21,户主D21,一般户,4\n")
    with (root / "findings" / "nov.yaml").open("a", encoding="utf-8") as findings:
        findings.write(MORE_FINDINGS)
    if groups:
        settings = root / "inspect.yaml"
        text = settings.read_text(encoding="utf-8").replace(
            "policy: {preset: suzhou}\n", "policy:\n  preset: suzhou\n" + GROUPS
        )
        settings.write_text(text, encoding="utf-8")
    plan = root / "plans" / "r-nov.yaml"
    args = ["sample", str(plan), "--seed", "g", "--towns", "1", "--poor-villages", "1"]
    drawn = runner.invoke(app, [*args, "--households", "21"])
    assert drawn.exit_code == 0, drawn.output
    return root


def _sampled(root: Path) -> Counter[str]:
    plan = yaml.safe_load((root / "plans" / "r-nov.yaml").read_text(encoding="utf-8"))
    return Counter(h["status"] for h in plan["sample"]["households"])


def test_visited_and_findings_per_default_group(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo")
    found = report(root, "2026-11", by="household-group")
    rows = {row.key: row.tally for row in found.rows}
    assert list(rows) == ["registered", "non-registered"]
    sampled = _sampled(root)
    assert sampled == {"exited": 20, "non-registered": 1}  # the whole of 东村
    assert rows["registered"].visited == sampled["exited"] + sampled["not-exited"]
    assert rows["non-registered"].visited == sampled["non-registered"]
    assert found.total.visited == sum(sampled.values())
    assert rows["registered"].findings == 2  # F1, F2 name households of the register
    assert rows["non-registered"].findings == 2  # F6 outside it, F9 missing from it
    assert found.total.findings == 7  # F3-F5 name no household: in the total only


def test_the_groups_of_the_policy_are_the_rows() -> None:
    policy = load_preset("revitalisation")
    assert policy is not None
    assert list(household_groups(policy)) == ["monitored-all", "registered", "non-registered"]
    heyuan = load_preset("heyuan")
    assert heyuan is not None
    assert household_groups(heyuan) == {
        "registered": ("not-exited", "pre-exited", "exited"),
        "non-registered": ("non-registered",),
    }


def test_json_xlsx_and_chinese_names(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo", groups=True)
    base = ["report", str(root), "--period", "2026-11", "--no-cache"]
    shown = runner.invoke(app, [*base, "--by", "household-group", "--format", "json"])
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.stdout)
    assert [row["key"] for row in data["summary"]] == ["registered", "outside"]
    assert data["total"]["households_visited"] == sum(_sampled(root).values())
    assert [row["findings"] for row in data["summary"]] == [2, 2]
    out = tmp_path / "groups.xlsx"
    written = runner.invoke(
        app, [*base, "--by", "household-group", "--format", "xlsx", "--out", str(out)]
    )
    assert written.exit_code == 0, written.output
    header = next(load_workbook(out).worksheets[0].iter_rows(max_row=1, values_only=True))
    assert header[:3] == ("Household category group", "Households visited", "Findings")
    chinese = runner.invoke(
        app, ["--lang", "zh", *base, "--by", "户类别分组", "--format", "markdown"]
    )
    assert chinese.exit_code == 0, chinese.output
    assert "| 户类别分组 | 走访户数 |" in chinese.stdout
    assert "| 非建档立卡户 |" in chinese.stdout
    i18n.activate("en")


def test_other_groupings_have_no_visited_column(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo")
    shown = runner.invoke(app, ["report", str(root), "--period", "2026-11", "--format", "json"])
    assert "households_visited" not in shown.stdout


@pytest.mark.parametrize("groups", [True, False])
def test_the_bulletin_states_the_groups_only_when_the_policy_has_them(
    tmp_path: Path, groups: bool
) -> None:
    root = _repo(tmp_path / "repo", groups=groups)
    context = bulletin_context(open_repository(root), "2026-11", dt.date(2026, 12, 15), "1号")
    line = context["household_groups"]
    if not groups:
        assert line == ""
        return
    sampled = _sampled(root)
    registered = sampled["exited"] + sampled["not-exited"]
    assert line == (
        f"按户类别分组统计：建档立卡户走访{registered}户、发现问题2个；"
        f"非建档立卡户走访{sampled['non-registered']}户、发现问题2个。"
    )
    out = tmp_path / "out"
    args = ["render-bulletin", "--period", "2026-11", str(root), "--out", str(out)]
    rendered = runner.invoke(app, [*args, "--date", "2026-12-15"])
    assert rendered.exit_code == 0, rendered.output
    (written,) = out.glob("*.docx")
    assert line in [p.text for p in docx.Document(str(written)).paragraphs]


CATEGORIES = ("not-exited", "pre-exited", "exited", "non-registered")


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(CATEGORIES), max_size=12),
    st.lists(st.one_of(st.none(), st.integers(0, 14)), max_size=20),
)
def test_disjoint_groups_add_up_to_the_findings_that_name_a_household(
    drawn: list[str], named: list[int | None]
) -> None:
    """Under the default groups (disjoint, covering every category of the policy) the
    rows add up to the total except the findings naming no household, or one the sample
    does not know (no roster here); visited adds up to every household drawn."""
    sampled = tuple((f"H{n}", category) for n, category in enumerate(drawn))
    plan = PlanRecord("p", dt.date(2026, 11, 2), "第一组", ("甲县",), sampled)
    items = [InPeriod(_finding(None if n is None else f"H{n}"), plan, "f.yaml") for n in named]
    policy = load_preset("heyuan")
    assert policy is not None
    options = Options(parse_period("2026-11"), "household-group", dt.date(2026, 12, 1))
    rows, total = summary(items, options, policy, [plan])
    known = dict(sampled)
    placed = sum(1 for n in named if n is not None and f"H{n}" in known)
    assert sum(row.tally.findings for row in rows) == placed
    assert total.findings == len(named)
    assert sum(row.tally.visited for row in rows) == total.visited == len(drawn)


def _finding(household: str | None) -> FindingRecord:
    return FindingRecord(
        0, "F", "01", "甲县", None, None, household, "问题", None, "措施", "甲单位", None,
        dt.date(2026, 11, 30), False, "open", None, None, (),
    )  # fmt: skip
