"""A policy's own household categories (`own_categories:`): a county that visits its
低保户 and 特困供养户 apart declares them, with the words its roster writes for them; the
roster, the groups and the quotas then name them like the built-in ones."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from inspectcli import i18n
from inspectcli.cli.root import app
from inspectcli.model.common import HOUSEHOLD_STATUSES
from inspectcli.model.plan import PlanDocument
from inspectcli.model.policy import PolicyDocument
from inspectcli.model.schema import schema_of
from inspectcli.render.report import sample_text
from inspectcli.repo.roster import read_roster_table
from inspectcli.sampling.frame import from_roster
from inspectcli.sampling.method import frame_lines, frame_sha256
from tests.sampling.test_categories_v2 import SETTINGS, _plan
from tests.sampling.test_categories_v2 import _repo as patrol_repo

runner = CliRunner()

OWN_POLICY = """\
kind: policy
version: 1
name: lanxi
title: 岚溪县兜底保障专项巡查方案
own_categories:
  - id: dibao
    name: 低保户
    aliases: [低保, 农村低保户]
    source: 专项巡查方案第二条
  - id: tekun
    name: 特困供养户
    aliases: [特困户, 五保户]
    registered: true
groups:
  - id: assistance
    name: 兜底保障户
    members: [dibao, tekun]
  - id: registered
    name: 建档立卡户
    members: [not-exited, pre-exited, exited]
sampling:
  villages: 2
  households_by_category: {registered: 2, assistance: 3, tekun: 1}
"""

HEADER = "county,town,village,village_class,household_id,head_name,status,members\n"
# Every word the roster may write: the built-in ones, and the own categories' id, name
# and aliases, in both languages.
WORDS = (
    "未脱贫",
    "预脱贫户",
    "exited",
    "一般户",
    "低保",
    "dibao",
    "农村低保户",
    "五保户",
    "特困供养户",
)


def _roster(villages: int = 4, per_village: int = 18) -> str:
    """Invented households of one county; ids no real register uses."""
    rows = [HEADER]
    number = 0
    for village in range(villages):
        kind = "贫困村" if village % 2 == 0 else "面上村"
        for index in range(per_village):
            number += 1
            status = WORDS[index % len(WORDS)]
            rows.append(
                f"岚溪县,镇00,村{village:02d},{kind},LX-{number:05d},甲某{number},{status},3\n"
            )
    return "".join(rows)


def _repo(root: Path, roster: str, policy: str = OWN_POLICY, preset: str = "lanxi") -> Path:
    """The repository of the county patrol tests, its policy ours, with one plan."""
    made = patrol_repo(root, preset, roster, policy)
    _plan(made, 3)
    return made


def _validate(root: Path, *flags: str) -> tuple[int, str]:
    result = runner.invoke(app, [*flags, "validate", str(root), "--no-cache"])
    return result.exit_code, result.output


def test_the_roster_takes_own_categories_by_every_word(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo", _roster())
    code, output = _validate(root)
    assert code == 0, output


def test_quotas_and_groups_name_own_categories_and_the_draw_verifies(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo", _roster())
    plan = root / "plans" / "m03.yaml"
    result = runner.invoke(app, ["sample", str(plan), "--seed", "lanxi-3"])
    assert result.exit_code == 0, result.output
    sample = yaml.safe_load(plan.read_text(encoding="utf-8"))["sample"]
    assert sample["method"] == "v2"
    for village in sample["villages"]:
        mine = Counter(h["status"] for h in sample["households"] if h["village"] == village["id"])
        assert mine["dibao"] + mine["tekun"] >= 3
        assert mine["tekun"] >= 1
        assert mine["not-exited"] + mine["pre-exited"] + mine["exited"] >= 2
    # The recorded sample re-derives: validate draws it again from the roster.
    code, output = _validate(root)
    assert code == 0, output
    verified = runner.invoke(app, ["sample", str(plan), "--verify"])
    assert verified.exit_code == 0, verified.output
    # The report's 基本情况 names them as the policy does.
    document = PlanDocument.model_validate(yaml.safe_load(plan.read_text(encoding="utf-8")))
    table = PolicyDocument.model_validate(yaml.safe_load(OWN_POLICY)).category_table()
    drawn = Counter(h.status for h in document.sample.households) if document.sample else {}
    assert f"特困供养户{drawn['tekun']}户" in sample_text(document, table)


def test_a_mistyped_word_in_the_roster_gets_a_did_you_mean(tmp_path: Path) -> None:
    roster = _roster() + "岚溪县,镇00,村00,贫困村,LX-99999,甲某,农村低保,3\n"
    root = _repo(tmp_path / "repo", roster)
    code, output = _validate(root)
    assert code == 1
    assert "csv-bad-choice" in output
    assert "did you mean `农村低保户`" in output or "did you mean `低保`" in output
    code, output = _validate(root, "--lang", "zh")
    assert "是否应为" in output


def test_own_categories_are_unknown_under_a_policy_without_them(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo", _roster(), preset="heyuan")
    code, output = _validate(root)
    assert code == 1
    assert "`低保` in column `status`" in output


def test_a_quota_or_group_member_that_is_no_category_gets_a_did_you_mean(
    tmp_path: Path,
) -> None:
    policy = OWN_POLICY.replace("tekun: 1}", "tekum: 1}").replace("[dibao, tekun]", "[dibao, tekn]")
    root = _repo(tmp_path / "repo", _roster(), policy)
    code, output = _validate(root)
    assert code == 1
    assert "`tekum` (did you mean `tekun`?)" in output
    assert "`tekn` (did you mean `tekun`?)" in output


@pytest.mark.parametrize(
    ("own", "clash"),
    [
        ("  - {id: pinkun, name: 一般户}\n", "一般户"),  # a built-in word
        ("  - {id: exited, name: 退出户}\n", "exited"),  # a built-in id
        ("  - {id: wubao, name: 五保, aliases: [五保户]}\n", "五保户"),  # another's alias
    ],
)
def test_a_word_that_names_two_categories_is_an_error(tmp_path: Path, own: str, clash: str) -> None:
    policy = OWN_POLICY.replace("groups:\n", own + "groups:\n", 1)
    root = _repo(tmp_path / "repo", _roster(), policy)
    code, output = _validate(root)
    assert code == 1
    assert f"`{clash}` already names category" in output


def test_a_roster_document_names_own_categories_and_is_checked(tmp_path: Path) -> None:
    document = """\
kind: roster
version: 1
counties:
  - name: 岚溪县
    towns:
      - name: 镇00
        villages:
          - name: 村00
            class: poor
            households:
              - {id: LX-1, head: 甲某, status: 低保}
              - {id: LX-2, head: 乙某, status: tekun}
              - {id: LX-3, head: 丙某, status: 未脱贫}
              - {id: LX-4, head: 丁某, status: tekunn}
"""
    root = _repo(tmp_path / "repo", _roster())
    (root / "roster.yaml").write_text(document, encoding="utf-8")
    settings = SETTINGS.format(preset="lanxi").replace("roster.csv", "roster.yaml")
    (root / "inspect.yaml").write_text(settings, encoding="utf-8")
    code, output = _validate(root)
    assert code == 1
    assert output.count("status-not-in-policy") == 1
    assert "LX-4" in output and "(did you mean `tekun`?)" in output


def test_the_frame_hash_names_own_categories_by_id(tmp_path: Path) -> None:
    """The canonical frame of README's method: one line per household ending in its
    category id, the fast hash equal to the hash of the sorted lines."""
    policy = PolicyDocument.model_validate(yaml.safe_load(OWN_POLICY))
    roster, problems = read_roster_table("roster.csv", _roster().encode(), policy.category_table())
    assert roster is not None and problems == []
    frame = from_roster(roster, ["岚溪县"]).frame
    lines = sorted(frame_lines(frame))
    assert {line.rsplit("|", 1)[1] for line in lines} >= {"dibao", "tekun", "not-exited"}
    expected = hashlib.sha256("\n".join(lines).encode()).hexdigest()
    assert frame_sha256(frame) == expected


def test_codes_of_built_in_categories_never_move() -> None:
    """Recorded v1 samples and rosters keep the built-in codes; own ones come after."""
    table = PolicyDocument.model_validate(yaml.safe_load(OWN_POLICY)).category_table()
    assert table.ids[: len(HOUSEHOLD_STATUSES)] == HOUSEHOLD_STATUSES
    assert table.ids[len(HOUSEHOLD_STATUSES) :] == ("dibao", "tekun")
    assert table.words["五保户"] == table.words["tekun"]
    assert table.name("tekun") == "特困供养户"


def test_the_default_registered_group_takes_own_categories_marked_registered() -> None:
    data = yaml.safe_load(OWN_POLICY)
    del data["groups"]
    groups = PolicyDocument.model_validate(data).category_groups()
    assert groups["registered"] == ("not-exited", "pre-exited", "exited", "tekun")
    assert groups["dibao"] == ("dibao",)


def test_the_policy_schema_describes_own_categories() -> None:
    schema = schema_of("policy")
    own = schema["$defs"]["OwnCategory"]
    assert set(own["required"]) == {"id", "name"}
    assert "own_categories" in schema["properties"]
    roster = schema_of("roster")["$defs"]["Household"]["properties"]["status"]
    assert "enum" not in roster and "低保户" not in roster["examples"]


def test_sample_table_shows_own_category_in_both_languages(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo", _roster())
    plan = root / "plans" / "m03.yaml"
    shown = {"en": ("dibao", "tekun"), "zh": ("低保户", "特困供养户")}
    for language, (dibao, tekun) in shown.items():
        result = runner.invoke(
            app, ["--lang", language, "sample", str(plan), "--seed", "s", "--dry-run"]
        )
        assert result.exit_code == 0, result.output
        assert dibao in result.output and tekun in result.output
    i18n.activate("en")
