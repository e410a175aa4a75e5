"""The policy in force is the preset merged with the repository's overrides; an override
that breaks it is reported at the override's own line in inspect.yaml."""

from __future__ import annotations

from pathlib import Path

from inspectcli.pipeline.policy import policy_in_force
from inspectcli.pipeline.validate import validate_root
from inspectcli.presets import load_preset
from inspectcli.problems import Severity

from ..validate.helpers import make_repo

SETTINGS = """\
kind: settings
version: 1
authority:
  name: 岚溪市乡村振兴局
  short_name: 岚乡振
policy:
  preset: {preset}
  overrides:
{overrides}
roster: roster.csv
"""


def _repo(tmp_path: Path, overrides: str, preset: str = "heyuan") -> Path:
    repo = make_repo(None, tmp_path / "repo")
    (repo / "inspect.yaml").write_text(
        SETTINGS.format(preset=preset, overrides=overrides), encoding="utf-8"
    )
    return repo


def test_overrides_are_merged_key_by_key(tmp_path: Path) -> None:
    repo = _repo(tmp_path, "    rotation_months: 6\n    deadlines:\n      archive: monthly")
    policy, problems = policy_in_force(repo)
    heyuan = load_preset("heyuan")
    assert problems == [] and policy is not None and heyuan is not None
    assert policy.rotation_months == 6
    assert policy.deadlines.archive == "monthly"
    assert policy.deadlines.letter == heyuan.deadlines.letter  # the rest of the mapping stays
    assert policy.catalogue == heyuan.catalogue


def test_a_new_field_can_be_overridden_on_an_old_preset(tmp_path: Path) -> None:
    duty = (
        "    visit_duties:\n"
        "      - {roles: [first-secretary], who: 第一书记, activity: days-in-village,"
        " times: 20, every_months: 1, source: 本市规定}"
    )
    repo = _repo(tmp_path, duty)
    assert validate_root(repo, cache_dir=None, jobs=1).problems == []
    policy, _ = policy_in_force(repo)
    assert policy is not None and policy.visit_duties[0].times == 20


def test_a_schema_error_in_an_override_is_reported_at_its_line(tmp_path: Path) -> None:
    lines = "    visit_duties:\n      - roles: [first-secretary]\n        times: 0"
    repo = _repo(tmp_path, lines, preset="suzhou")
    problems = validate_root(repo, cache_dir=None, jobs=1).problems
    by_field = {p.field: p for p in problems}
    times = by_field["policy.overrides.visit_duties[0].times"]
    assert (times.path, times.line, times.code) == ("inspect.yaml", 11, "policy-override-invalid")
    assert "must be more than 0" in times.message
    missing = by_field["policy.overrides.visit_duties[0].activity"]
    assert (missing.path, missing.line) == ("inspect.yaml", 10)  # the entry that lacks it


def test_a_rule_broken_by_merging_is_reported_at_the_override(tmp_path: Path) -> None:
    # heyuan asks for 2 pre-exited + 1 not-exited household; at most 2 a village breaks it
    lines = "    sampling:\n      households_per_village: {min: 2, max: 2}"
    repo = _repo(tmp_path, lines)
    problems = validate_root(repo, cache_dir=None, jobs=1).problems
    assert [(p.path, p.line, p.code, p.severity) for p in problems] == [
        ("inspect.yaml", 10, "policy-override-invalid", Severity.ERROR)
    ]
    assert "households_by_status" in problems[0].field
    policy, shown = policy_in_force(repo)
    assert policy is None and [p.line for p in shown] == [10]


def test_the_examples_have_the_heyuan_policy_in_force() -> None:
    policy, problems = policy_in_force(Path(__file__).parents[2] / "examples")
    assert problems == [] and policy == load_preset("heyuan")
