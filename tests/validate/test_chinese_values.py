"""Values typed in Chinese (严重, 整改中, 识别不精准, 督查, 暗访, 河源): files, schemas and
edits take them as the English values, and an edit keeps the word its author typed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from inspectcli.cli.root import app
from inspectcli.model import vocabulary
from inspectcli.model.findings import Finding
from inspectcli.model.schema import schema_of
from tests.tracking.helpers import copy_examples

runner = CliRunner()
FINDINGS = Path("findings") / "2026-09-g1-hecheng.yaml"
PLAN = Path("plans") / "2026-09-g1.yaml"


def _retype(path: Path, *pairs: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = copy_examples(tmp_path / "repo")
    _retype(
        root / FINDINGS,
        ("    severity: serious\n", "    severity: 严重\n"),  # HC-01: major, as officers say
        ("    status: rectifying\n", "    status: 整改中\n"),  # HC-07
    )
    _retype(root / PLAN, ("type: supervision", "type: 督查"), ("mode: announced", "mode: 明察"))
    return root


def test_a_repository_typed_in_chinese_validates(repo: Path) -> None:
    result = runner.invoke(app, ["--lang", "zh", "validate", str(repo), "--no-cache"])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(app, ["finding", "list", "--repo", str(repo), "--format", "json"])
    rows = {row["id"]: row for row in json.loads(listed.stdout)["findings"]}
    assert rows["2026-09-HC-07"]["status"] == "rectifying"


def test_an_edit_keeps_the_word_typed(repo: Path) -> None:
    arguments = ["finding", "update", "2026-09-HC-07", "--note", "第3户已封顶", "--repo", str(repo)]
    result = runner.invoke(app, [*arguments, "--date", "2026-11-20"])
    assert result.exit_code == 0, result.output
    text = (repo / FINDINGS).read_text(encoding="utf-8")
    assert "    severity: 严重\n" in text
    assert "      status: 整改中\n" in text
    done = ["finding", "update", "2026-09-HC-07", "--status", "已整改", "--note", "已竣工"]
    result = runner.invoke(
        app,
        [*done, "--evidence", "验收单", "--date", "2026-11-25", "--repo", str(repo)],
    )
    assert result.exit_code == 0, result.output
    text = (repo / FINDINGS).read_text(encoding="utf-8")
    assert "      status: 已整改\n" in text  # the file's language, not the option's
    assert "status: 已整改, note: 已竣工" in text


def test_a_wrong_word_lists_the_choices_in_the_users_language(repo: Path) -> None:
    _retype(repo / FINDINGS, ("    severity: serious\n", "    severity: 很严重\n"))
    zh = runner.invoke(app, ["--lang", "zh", "validate", str(repo), "--no-cache"])
    assert zh.exit_code == 1
    assert "`一般`、`较重`、`严重`" in zh.stdout
    assert "general" not in zh.stdout
    en = runner.invoke(app, ["--lang", "en", "validate", str(repo), "--no-cache"])
    assert "`general`, `serious`, `major`" in en.stdout


def test_the_schema_offers_both_words() -> None:
    finding = schema_of("findings")["$defs"]["Finding"]["properties"]
    assert finding["severity"]["enum"] == [
        "general",
        "serious",
        "major",
        "一般",
        "较重",
        "严重",
        "重大",
    ]
    assert "识别不精准" in finding["tags"]["items"]["enum"]
    plan = schema_of("plan")["properties"]
    assert {"督查", "巡查", "supervision"} <= set(plan["type"]["enum"])
    settings = schema_of("settings")
    preset = settings["$defs"]["PolicyChoice"]["properties"]["preset"]
    assert "河源" in preset["examples"] and "enum" not in preset  # a repository's own policy too


BASE = {
    "id": "X-1",
    "content": "02",
    "location": {"county": "甲县"},
    "description": "问题",
    "responsible": {"unit": "甲单位"},
    "measures": "措施",
    "deadline": "2026-10-19",
}


@given(
    st.sampled_from([(w, v) for v, words in vocabulary.SEVERITY.words.items() for w in (v, *words)])
)
def test_every_word_of_a_severity_means_its_value(pair: tuple[str, str]) -> None:
    import datetime as dt

    word, value = pair
    data = {**BASE, "deadline": dt.date(2026, 10, 19), "severity": f" {word}"}
    assert Finding.model_validate(data).severity == value


def test_no_word_stands_for_two_values_of_one_vocabulary() -> None:
    for words in vocabulary.ALL:
        every = [w for value, chinese in words.words.items() for w in (value, *chinese)]
        assert len(every) == len(set(every)), words


def test_a_preset_is_named_by_its_place(tmp_path: Path) -> None:
    shown = runner.invoke(app, ["policy", "show", "河源"])
    assert shown.exit_code == 0, shown.output
    assert shown.stdout == runner.invoke(app, ["policy", "show", "heyuan"]).stdout
    folder = tmp_path / "cases"
    made = ["init", str(folder), "--preset", "河源", "--authority", "青禾市乡村振兴局"]
    result = runner.invoke(app, [*made, "--short-name", "青乡振", "--install", "inspectcli==0.1"])
    assert result.exit_code == 0, result.output
    assert "  preset: 河源" in (folder / "inspect.yaml").read_text(encoding="utf-8")
    assert runner.invoke(app, ["validate", str(folder), "--no-cache"]).exit_code == 0
