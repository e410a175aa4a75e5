"""Each YAML syntax mistake officers make is told with its fix, at the character at fault."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from inspectcli.cli.root import app
from inspectcli.messages import t
from inspectcli.repo.yamlread import parse

from .helpers import TESTDATA, make_repo

SYNTAX = TESTDATA / "syntax"

# fixture, message key, line, column (1-based), values of the message
MISTAKES: list[tuple[str, str, int, int, dict[str, str]]] = [
    ("colon-in-value", "yaml-colon-in-value", 6, 22, {}),
    ("key-indent-deeper", "yaml-key-indent", 5, 4, {"column": "3"}),
    ("key-indent-shallower", "yaml-key-indent", 5, 3, {"column": "5"}),
    ("item-key-indent", "yaml-key-indent", 5, 4, {"column": "5"}),
    ("item-indent", "yaml-item-indent", 6, 2, {"column": "3"}),
    ("list-item-without-dash", "yaml-list-dash", 6, 3, {"column": "3"}),
    ("full-width-colon", "yaml-fullwidth-colon", 3, 5, {}),
    ("no-space-after-colon", "yaml-space-after-colon", 3, 5, {}),
    ("unclosed-quote", "yaml-unclosed-quote", 3, 7, {"quote": '"'}),
    ("unclosed-bracket", "yaml-unclosed-bracket", 3, 11, {"open": "[", "close": "]"}),
    ("unclosed-brace", "yaml-unclosed-bracket", 3, 11, {"open": "{", "close": "}"}),
    ("value-starts-with-star", "yaml-reserved-start", 3, 7, {"char": "*"}),
    ("value-starts-with-at", "yaml-reserved-start", 3, 7, {"char": "@"}),
    ("value-starts-with-percent", "yaml-reserved-start", 3, 7, {"char": "%"}),
    ("multiline-without-bar", "yaml-text-continues", 4, 1, {}),
    ("multiline-with-colon", "yaml-text-continues", 4, 3, {}),
    ("text-after-quote", "yaml-after-quote", 3, 12, {}),
]


def test_every_fixture_is_in_the_list() -> None:
    assert {p.stem for p in SYNTAX.glob("*.yaml")} == {name for name, *_ in MISTAKES}


@pytest.mark.parametrize(
    ("name", "key", "line", "column", "values"), MISTAKES, ids=[m[0] for m in MISTAKES]
)
def test_the_mistake_is_explained_where_it_is(
    name: str, key: str, line: int, column: int, values: dict[str, str]
) -> None:
    (problem,) = parse(f"{name}.yaml", (SYNTAX / f"{name}.yaml").read_bytes()).problems
    assert problem.code == "yaml-syntax"
    assert (problem.line, problem.column) == (line, column)
    assert problem.message == t(key, **values)


@pytest.mark.parametrize(
    ("name", "chinese"),
    [("colon-in-value", "必须加引号"), ("full-width-colon", "全角冒号")],
)
def test_the_explanation_is_in_chinese_under_lang_zh(
    tmp_path: Path, name: str, chinese: str
) -> None:
    root = make_repo(None, tmp_path / "repo")
    shutil.copyfile(SYNTAX / f"{name}.yaml", root / "findings" / f"{name}.yaml")
    result = CliRunner().invoke(app, ["--lang", "zh", "validate", str(root)])
    assert result.exit_code == 1
    assert chinese in result.output
    assert "mapping values" not in result.output


def test_a_bracket_closed_on_its_line_is_not_called_unclosed() -> None:
    text = "kind: findings\nevidence: [照片, 台账{x]\n"
    (problem,) = parse("t.yaml", text.encode()).problems
    assert problem.code == "yaml-syntax"
    assert problem.message != t("yaml-unclosed-bracket", open="[", close="]")
