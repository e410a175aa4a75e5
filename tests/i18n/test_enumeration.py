"""A list in a sentence is joined as the language writes it: 督查、巡查 in Chinese, whose
"，" separates clauses, and "supervision, patrol" in English."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from inspectcli import i18n
from inspectcli.cli.root import app
from inspectcli.messages import enumeration
from tests.conftest import REPO

runner = CliRunner()
EXAMPLES = str(REPO / "examples")


@pytest.mark.parametrize(("language", "joined"), [("en", "a, b, c"), ("zh", "a、b、c")])
def test_the_enumeration_comma_of_each_language(language: str, joined: str) -> None:
    i18n.activate(language)
    try:
        assert enumeration(["a", "b", "c"]) == joined
        assert enumeration(["a"]) == "a" and enumeration([]) == ""
    finally:
        i18n.activate("en")


@pytest.mark.parametrize(
    ("language", "choices"),
    [("en", "county, unit, category, group"), ("zh", "县、单位、类别、组")],
)
def test_the_choices_of_an_option(language: str, choices: str) -> None:
    arguments = ["--lang", language, "report", EXAMPLES, "--by", "towns"]
    result = runner.invoke(app, arguments, env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert choices in result.stderr


def test_the_chinese_policy_list_enumerates_with_the_enumeration_comma() -> None:
    """Items take 、; the quota, a clause of its own, keeps ，."""
    result = runner.invoke(app, ["--lang", "zh", "policy", "list"], env={"COLUMNS": "400"})
    assert result.exit_code == 0
    assert "督查类型：督查、巡查" in result.stdout
    sampling = "乡镇 1 个、贫困村 1 个、面上村 1 个、每村农户 3 户，其中预脱贫户 2 户、"
    assert sampling in result.stdout
    assert "送达整改函 3 个工作日、整改 1 个月、巡查反馈 2 个月" in result.stdout


def test_the_columns_a_narrow_report_leaves_out() -> None:
    arguments = ["--lang", "zh", "report", EXAMPLES, "--period", "2026-09", "--as-of", "2026-12-01"]
    result = runner.invoke(app, arguments, env={"COLUMNS": "80"})
    assert "具体问题、整改目标、整改措施、牵头单位" in result.stdout
