"""A policy that cannot be read is one fault, not one per roster row.

A policy document that declares its own household categories (`own_categories:`, e.g.
低保户) and fails elsewhere used to leave the roster read with the built-in categories
only: each row writing an own category then got a `csv-bad-choice` after the policy's
real error, and `inspect.yaml` a false `unknown-preset`. The roster's status column is
read with what is still known of the policy; when nothing is, one warning stands for
the rows it could not check.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from inspectcli.checks.facts import UncheckedPolicy, partial_policy_facts
from inspectcli.cli.root import app
from inspectcli.messages import did_you_mean
from inspectcli.model.common import BUILT_IN_CATEGORIES
from tests.sampling.test_own_categories import OWN_POLICY, _repo, _roster

runner = CliRunner()

ROSTER = _roster(villages=2, per_village=9)  # 18 rows, 10 of them an own category
OWN_ROWS = 10


def _validate(root: Path, *flags: str, cache: bool = False) -> tuple[int, str]:
    arguments = [*flags, "validate", str(root), *([] if cache else ["--no-cache"])]
    result = runner.invoke(app, arguments, env={"COLUMNS": "200"})
    return result.exit_code, result.output


def _codes(output: str) -> list[str]:
    return re.findall(r":\d+:\d+: (?:error|warning|错误|警告) ([a-z-]+)", output)


def test_a_policy_failing_elsewhere_still_gives_its_own_categories(tmp_path: Path) -> None:
    policy = OWN_POLICY.replace("  villages: 2", "  villages: many")
    root = _repo(tmp_path / "repo", ROSTER, policy)
    code, output = _validate(root)
    assert code == 1
    assert _codes(output) == ["wrong-type"], output  # nor unknown-preset, nor csv-bad-choice
    assert "policy.yaml:" in output


def test_the_cache_keeps_what_a_failing_policy_declares(tmp_path: Path) -> None:
    policy = OWN_POLICY.replace("  villages: 2", "  villages: many")
    root = _repo(tmp_path / "repo", ROSTER, policy)
    first = _validate(root, cache=True)
    again = _validate(root, cache=True)
    assert first == again
    assert _codes(again[1]) == ["wrong-type"]


@pytest.mark.parametrize(
    ("broken", "fault"),
    [
        (lambda p: p.replace("title: 岚溪县", "title: [岚溪县"), "yaml-syntax"),
        # the own categories are the broken part: nothing of them can be trusted
        (lambda p: p.replace("  - id: tekun\n    name: 特困供养户\n", "  - id: tekun\n"), None),
        (lambda p: p.replace("  - id: tekun", "  - id: Te Kun"), None),  # not an id
        (lambda p: p.replace("    registered: true", "    registered: maybe"), None),
    ],
)
def test_a_policy_whose_own_categories_are_unknown_gives_one_warning(
    tmp_path: Path, broken: object, fault: str | None
) -> None:
    assert callable(broken)
    root = _repo(tmp_path / "repo", ROSTER, broken(OWN_POLICY))
    code, output = _validate(root)
    assert code == 1
    codes = _codes(output)
    assert "csv-bad-choice" not in codes, output
    assert codes.count("roster-status-unchecked") == 1, output
    assert f"{OWN_ROWS} row(s) of column `status`" in output
    assert "`lanxi`" in output
    if fault is not None:
        assert fault in codes
    # the policy's own fault comes first, the roster's warning last
    assert codes.index("roster-status-unchecked") == len(codes) - 1


def test_an_unreadable_policy_is_named_where_its_preset_is_unknown(tmp_path: Path) -> None:
    policy = OWN_POLICY.replace("title: 岚溪县", "title: [岚溪县")
    root = _repo(tmp_path / "repo", ROSTER, policy)
    code, output = _validate(root)
    assert code == 1
    assert "unknown-preset" in output
    assert "correct policy.yaml first" in output
    _, output = _validate(root, "--lang", "zh")
    assert "请先改正 policy.yaml" in output
    assert "未予检查" in output and "row(s)" not in output


def _overridden(root: Path, overrides: str) -> Path:
    """The repository with ``policy.overrides`` in its ``inspect.yaml``."""
    settings = root / "inspect.yaml"
    text = settings.read_text(encoding="utf-8")
    text = text.replace("  preset: lanxi\n", f"  preset: lanxi\n  overrides:\n{overrides}")
    settings.write_text(text, encoding="utf-8")
    return root


def test_a_broken_override_reads_the_roster_with_the_policy_it_overrides(tmp_path: Path) -> None:
    root = _overridden(_repo(tmp_path / "repo", ROSTER), "    sampling: {villages: many}\n")
    code, output = _validate(root)
    assert code == 1
    assert _codes(output) == ["policy-override-invalid"], output


def test_an_override_of_the_own_categories_leaves_them_unknown(tmp_path: Path) -> None:
    root = _overridden(_repo(tmp_path / "repo", ROSTER), "    own_categories: [{id: dibao}]\n")
    _, output = _validate(root)
    codes = _codes(output)
    assert "csv-bad-choice" not in codes and codes.count("roster-status-unchecked") == 1, output


def test_a_draw_stops_on_the_policy_alone(tmp_path: Path) -> None:
    policy = OWN_POLICY.replace("title: 岚溪县", "title: [岚溪县")
    root = _repo(tmp_path / "repo", ROSTER, policy)
    result = runner.invoke(app, ["sample", str(root / "plans" / "m03.yaml"), "--dry-run"])
    assert result.exit_code == 1
    assert "yaml-syntax" in result.output
    assert "csv-bad-choice" not in result.output


def test_a_typo_in_the_roster_is_still_reported_under_a_valid_policy(tmp_path: Path) -> None:
    roster = ROSTER + "岚溪县,镇00,村00,贫困村,LX-99999,甲某,哈哈,3\n"
    root = _repo(tmp_path / "repo", roster)
    code, output = _validate(root)
    assert code == 1
    assert _codes(output) == ["csv-bad-choice"]


# --- the message of a category the roster's table does not have --------------------------


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("未脱平", "未脱贫"),
        ("exitted", "exited"),
        ("脱贫", "脱贫户"),
        ("dibau", "dibao"),
        ("低保护", "低保"),
    ],
)
def test_a_category_close_to_a_word_gets_a_did_you_mean(
    tmp_path: Path, written: str, meant: str
) -> None:
    roster = ROSTER + f"岚溪县,镇00,村00,贫困村,LX-99999,甲某,{written},3\n"
    root = _repo(tmp_path / "repo", roster)
    _, output = _validate(root)
    assert f"(did you mean `{meant}`?)" in output, output


def test_the_categories_are_listed_by_their_ids_once(tmp_path: Path) -> None:
    roster = ROSTER + "岚溪县,镇00,村00,贫困村,LX-99999,甲某,哈哈,3\n"
    root = _repo(tmp_path / "repo", roster)
    for language, rest in (("en", "or its Chinese name"), ("zh", "或其中文名称")):
        _, output = _validate(root, "--lang", language)
        line = next(line for line in output.splitlines() if "csv-bad-choice" in line)
        assert "did you mean" not in line and "是否应为" not in line  # nothing close to 哈哈
        assert "dibao" in line and "monitored-sudden" in line and rest in line
        assert "未脱贫户" not in line and "农村低保户" not in line  # the words are many
        assert len(line.split("csv-bad-choice ")[1]) < 250


def test_the_closest_of_equally_close_words_begins_as_the_text() -> None:
    words = tuple(BUILT_IN_CATEGORIES.words)
    assert did_you_mean("脱贫", words) == " (did you mean `脱贫户`?)"
    assert did_you_mean("预脱", words) == " (did you mean `预脱贫`?)"


# --- hostile policy documents ---------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"name": ["a", "list"], "own_categories": "dibao"},
        {"name": "x", "own_categories": [{"id": "dibao"}]},
        {"name": "x", "own_categories": [{"id": "x", "name": "甲"}] * 201},
        {"name": "x", "own_categories": [{"id": "Not An Id!", "name": "甲"}]},
        {"name": "x", "own_categories": {"id": "dibao", "name": "低保户"}},
    ],
)
def test_a_broken_policy_gives_no_own_categories_it_cannot_vouch_for(
    data: dict[str, object],
) -> None:
    facts = partial_policy_facts(data)
    assert isinstance(facts, UncheckedPolicy)
    assert facts.own_categories is None or facts.own_categories == ()
    assert facts.name is None or isinstance(facts.name, str)


def test_a_broken_policy_gives_its_valid_own_categories() -> None:
    data = {
        "name": "x",
        "title": 3,
        "own_categories": [{"id": "dibao", "name": "低保户", "aliases": ["低保"]}],
    }
    assert partial_policy_facts(data) == UncheckedPolicy("x", (("dibao", "低保户", ("低保",)),))
