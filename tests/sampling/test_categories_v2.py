"""Household categories of the policy, method v2 and rotation per level, end to end.

The county special patrol: at least 2 villages a month, at least 20 registered and 5
non-registered households in each, and no household ever visited twice.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from inspectcli.cli.root import app
from inspectcli.model.common import REGISTER_STATES
from inspectcli.sampling.method import Frame, FrameHousehold
from inspectcli.sampling.method2 import Refused, draw_v2, make_quotas_v2
from inspectcli.sampling.spec import DEFAULT_GROUPS

runner = CliRunner()

SETTINGS = """\
kind: settings
version: 1
authority:
  name: 岚溪县乡村振兴局
  short_name: 岚乡振
policy:
  preset: {preset}
roster: roster.csv
"""

COUNTY_PATROL = """\
kind: policy
version: 1
name: county-patrol
title: 岚溪县乡村振兴专项巡查方案
frequency: monthly
sampling:
  villages: 2
  households_by_category: {registered: 20, non-registered: 5}
  source: 专项巡查方案：每月至少2个村，每村建档立卡户20户以上、一般户5户以上
rotation:
  households: forever
  source: 专项巡查方案：同一农户不重复走访
"""

PLAN = """\
kind: plan
version: 1
id: {id}
type: patrol
scope: special
mode: unannounced
group:
  name: 第一巡查组
  leader: 丙某
  members: [丁某]
  liaisons: {{岚溪县: 戊某}}
counties: [岚溪县]
start: {start}
end: {start}
"""

HEADER = "county,town,village,village_class,household_id,head_name,status,members\n"
STATUS_WORDS = ("未脱贫", "预脱贫", "已脱贫")


def _roster(towns: int, villages: int, registered: int, others: int) -> str:
    """A generated roster of one county: invented names, ids no real register uses."""
    rows = [HEADER]
    number = 0
    for town in range(towns):
        for village in range(villages):
            kind = "贫困村" if village % 2 == 0 else "面上村"
            for index in range(registered + others):
                number += 1
                status = STATUS_WORDS[index % 3] if index < registered else "一般户"
                rows.append(
                    f"岚溪县,镇{town:02d},村{town:02d}{village:02d},{kind},"
                    f"LX-{number:05d},甲某{number},{status},3\n"
                )
    return "".join(rows)


def _repo(root: Path, preset: str, roster: str, policy: str | None = None) -> Path:
    root.mkdir()
    (root / "plans").mkdir()
    (root / "inspect.yaml").write_text(SETTINGS.format(preset=preset), encoding="utf-8")
    (root / "roster.csv").write_text(roster, encoding="utf-8")
    if policy is not None:
        (root / "policy.yaml").write_text(policy, encoding="utf-8")
    return root


def _plan(root: Path, month: int) -> Path:
    path = root / "plans" / f"m{month:02d}.yaml"
    text = PLAN.format(id=f"M{month:02d}", start=f"2027-{month:02d}-10")
    path.write_text(text, encoding="utf-8")
    return path


def test_county_patrol_twelve_months_never_repeat_a_household(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo", "county-patrol", _roster(3, 4, 60, 15), COUNTY_PATROL)
    seen: Counter[str] = Counter()
    for month in range(1, 13):
        plan = _plan(root, month)
        result = runner.invoke(app, ["sample", str(plan), "--seed", f"month-{month}"])
        assert result.exit_code == 0, result.output
        sample = yaml.safe_load(plan.read_text(encoding="utf-8"))["sample"]
        assert sample["method"] == "v2"
        assert len(sample["villages"]) == 2
        for village in sample["villages"]:
            mine = [h for h in sample["households"] if h["village"] == village["id"]]
            registered = sum(1 for h in mine if h["status"] in REGISTER_STATES)
            assert registered >= 20
            assert sum(1 for h in mine if h["status"] == "non-registered") >= 5
        seen.update(h["id"] for h in sample["households"])
    assert sum(seen.values()) == 12 * 2 * 25
    assert max(seen.values()) == 1  # never twice
    assert runner.invoke(app, ["validate", str(root), "--no-cache"]).exit_code == 0
    verified = runner.invoke(app, ["sample", str(root / "plans" / "m07.yaml"), "--verify"])
    assert verified.exit_code == 0, verified.output


def test_visited_elsewhere_is_left_out(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo", "county-patrol", _roster(1, 2, 20, 5), COUNTY_PATROL)
    # Every non-registered household of the first village was visited by another office.
    visited = "household_id\n" + "".join(f"LX-{n:05d}\n" for n in range(21, 26))
    (root / "visited.csv").write_text(visited, encoding="utf-8")
    plan = _plan(root, 1)
    args = ["sample", str(plan), "--seed", "s", "--dry-run"]
    assert runner.invoke(app, args).exit_code == 0  # without the list, both villages fit
    with (root / "inspect.yaml").open("a", encoding="utf-8") as settings:
        settings.write("visited: visited.csv\n")
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "2 needed, 1 available" in result.output
    assert "1 unable to fill" in result.output


def test_non_registered_households_are_accepted_by_every_preset(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo", "daan", _roster(1, 2, 6, 3))
    result = runner.invoke(app, ["validate", str(root), "--no-cache"])
    assert result.exit_code == 0, result.output


def test_a_category_outside_the_policy_is_an_error_at_its_cell(tmp_path: Path) -> None:
    roster = _roster(1, 2, 6, 3).replace("LX-00002,甲某2,预脱贫", "LX-00002,甲某2,脱贫户")
    root = _repo(tmp_path / "repo", "heyuan", roster)
    result = runner.invoke(app, ["validate", str(root), "--no-cache"])
    assert result.exit_code == 1
    assert "roster.csv:3:7" in result.output
    assert "status-not-in-policy" in result.output
    assert "lifted" in result.output
    assert "sample" not in result.output.split("status-not-in-policy")[0]


def test_revitalisation_preset_takes_todays_categories(tmp_path: Path) -> None:
    rows = [HEADER]
    words = ("脱贫户", "监测对象", "脱贫不稳定户", "边缘易致贫户", "突发严重困难户", "一般农户")
    for number in range(1, 61):
        village = (number - 1) // 20
        rows.append(
            f"岚溪县,镇00,村{village:02d},面上村,LX-{number:05d},甲某{number},"
            f"{words[number % len(words)]},3\n"
        )
    root = _repo(tmp_path / "repo", "revitalisation", "".join(rows))
    assert runner.invoke(app, ["validate", str(root), "--no-cache"]).exit_code == 0
    plan = _plan(root, 1)
    result = runner.invoke(app, ["sample", str(plan), "--seed", "r"])
    assert result.exit_code == 0, result.output
    sample = yaml.safe_load(plan.read_text(encoding="utf-8"))["sample"]
    assert sample["method"] == "v2"
    statuses = Counter(h["status"] for h in sample["households"])
    assert statuses["non-registered"] >= 2 * 2


# --- method v2 on its own: spreading -------------------------------------------------------


def _frame(counties: int, towns: int, villages: int) -> Frame:
    frame = Frame(tuple(f"县{c}" for c in range(counties)))
    for c in range(counties):
        for t in range(towns):
            for v in range(villages):
                for h in range(4):
                    household = FrameHousehold(f"H{c}{t}{v}{h}", "not-exited")
                    frame.add(f"县{c}", f"镇{t}", f"村{v}", "poor", household)
    return frame


def test_every_county_gets_a_town_and_every_town_a_village() -> None:
    frame = _frame(2, 3, 3)
    quotas = make_quotas_v2(2, {"poor": 2}, None, (1, 1), {}, DEFAULT_GROUPS)
    for seed in ("a", "b", "c", "d", "e"):
        result = draw_v2(frame, quotas, seed)
        assert {u.id.split("/")[0] for u in result.towns} == {"县0", "县1"}
        assert {v.parent for v in result.villages} == {u.id for u in result.towns}


@pytest.mark.parametrize(
    ("towns", "villages", "numbers"),
    [(1, 2, "1 towns asked for, 2 counties"), (2, 1, "1 villages asked for, 2 towns")],
)
def test_a_spec_that_cannot_spread_is_refused_with_the_numbers(
    towns: int, villages: int, numbers: str
) -> None:
    quotas = make_quotas_v2(towns, {}, villages, (1, 1), {}, DEFAULT_GROUPS)
    with pytest.raises(Refused, match=numbers):
        draw_v2(_frame(2 if towns == 1 else 1, 3, 3), quotas, "seed")


# --- a plan may not quietly lower the policy's minimums ------------------------------------

BELOW = """\
sampling:
  ordinary_villages: 0
  households_per_village: {min: 2, max: 3}
  households_by_status: {pre-exited: 1, not-exited: 1}
"""
DEVIATION = """\
  deviation: {reason: 汛期道路中断, approved_by: 县乡村振兴局局长乙某}
"""


def _heyuan_plan(root: Path, extra: str) -> Path:
    path = _plan(root, 1)
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return path


def test_a_plan_below_the_policy_minimum_is_an_error(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo", "heyuan", _roster(1, 2, 6, 3))
    _heyuan_plan(root, BELOW)
    result = runner.invoke(app, ["validate", str(root), "--no-cache"])
    assert result.exit_code == 1
    assert "plans/m01.yaml:16:" in result.output  # ordinary_villages: 0
    assert result.output.count("sampling-below-policy") == 3
    assert "河扶〔2018〕23号 §4" in result.output


def test_an_approved_deviation_is_a_warning_and_is_reported(tmp_path: Path) -> None:
    from inspectcli.model.plan import PlanDocument
    from inspectcli.render.report import sample_text

    root = _repo(tmp_path / "repo", "heyuan", _roster(1, 2, 6, 3))
    plan = _heyuan_plan(root, BELOW + DEVIATION)
    result = runner.invoke(app, ["validate", str(root), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert "warning sampling-below-policy" in result.output
    assert "县乡村振兴局局长乙某" in result.output
    drawn = runner.invoke(app, ["sample", str(plan), "--seed", "d"])
    assert drawn.exit_code == 0, drawn.output
    document = PlanDocument.model_validate(yaml.safe_load(plan.read_text(encoding="utf-8")))
    text = sample_text(document)
    assert "一般户" in text or "户农户" in text
    assert text.endswith("理由：汛期道路中断，经县乡村振兴局局长乙某批准")


# --- hostile input -----------------------------------------------------------------------


def test_a_visited_list_without_its_column_stops_the_draw_at_line_1(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo", "county-patrol", _roster(1, 2, 20, 5), COUNTY_PATROL)
    (root / "visited.csv").write_text("户主,电话\n甲某,13800000000\n", encoding="utf-8")
    with (root / "inspect.yaml").open("a", encoding="utf-8") as settings:
        settings.write("visited: visited.csv\n")
    before = _plan(root, 1).read_bytes()
    result = runner.invoke(app, ["sample", str(root / "plans" / "m01.yaml"), "--seed", "s"])
    assert result.exit_code == 1
    assert "visited.csv:1:1" in result.output and "visited-no-column" in result.output
    assert "Traceback" not in result.output
    assert (root / "plans" / "m01.yaml").read_bytes() == before


def test_a_quota_of_an_unknown_category_names_the_choices(tmp_path: Path) -> None:
    policy = COUNTY_PATROL.replace("non-registered: 5", "poor-ish: 5")
    root = _repo(tmp_path / "repo", "county-patrol", _roster(1, 2, 20, 5), policy)
    result = runner.invoke(app, ["sample", str(_plan(root, 1)), "--seed", "s", "--dry-run"])
    assert result.exit_code != 0
    assert "`poor-ish`" in result.output and "non-registered" in result.output
    assert "Traceback" not in result.output


def test_validate_names_a_group_member_and_a_quota_the_policy_lacks(tmp_path: Path) -> None:
    policy = COUNTY_PATROL.replace("non-registered: 5", "poor-ish: 5") + (
        "categories: [not-exited, pre-exited, exited]\n"
        "groups:\n  - {id: registered, name: 建档立卡户, members: [not-exited, lifted]}\n"
    )
    root = _repo(tmp_path / "repo", "county-patrol", _roster(1, 2, 20, 0), policy)
    result = runner.invoke(app, ["validate", str(root), "--no-cache"])
    assert result.exit_code == 1
    assert "policy.yaml:8:" in result.output  # the quota's line
    assert "`poor-ish`" in result.output
    assert "group `registered` counts `lifted`" in result.output
