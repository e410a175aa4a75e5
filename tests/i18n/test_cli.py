"""Languages, examples, completion and colour at the command line."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from inspectcli.cli.root import app
from tests.conftest import REPO
from tests.validate.helpers import TESTDATA, make_repo

runner = CliRunner()
EXAMPLES = REPO / "examples"
COMMANDS = [
    ["validate"], ["schema"], ["new-plan"], ["sample"], ["render-letter"],
    ["deadline"], ["deadline", "list"], ["deadline", "calc"],
    ["finding"], ["finding", "list"], ["finding", "update"], ["finding", "extend"],
    ["finding", "approve-extension"], ["finding", "reject-extension"], ["finding", "verify"],
    ["policy"], ["policy", "list"], ["policy", "show"], ["init"],
    ["render-report"], ["render-bulletin"],
]  # fmt: skip


# The console script `inspect`, whose name the completion variable _INSPECT_COMPLETE follows.
ENTRY = "import sys; sys.argv[0] = 'inspect'; from inspectcli.cli.app import main; main()"


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The real entry point in a fresh process, as a user starts it."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "INSPECT_LANG"))}
    environ.update({"PYTHONPATH": str(REPO / "src"), "LANG": "C.UTF-8", "COLUMNS": "120", **env})
    return subprocess.run(
        [sys.executable, "-c", ENTRY, *args],
        capture_output=True,
        text=True,
        env=environ,
        cwd=REPO,
        check=False,
    )


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_shows_an_example(command: list[str]) -> None:
    english = runner.invoke(app, ["--lang", "en", *command, "--help"])
    assert english.exit_code == 0
    assert "Example:" in english.output
    assert re.search(r"^\s*inspect \S", english.output, re.MULTILINE)
    chinese = runner.invoke(app, ["--lang", "zh", *command, "--help"])
    assert chinese.exit_code == 0
    assert "示例" in chinese.output and "Example:" not in chinese.output


def _commands(command: Any, path: str = "inspect") -> Iterator[tuple[str, Any]]:
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _commands(sub, f"{path} {name}")


def test_every_command_has_an_example_and_every_parameter_help() -> None:
    """Also the commands added later: each needs its epilog and the help of each option."""
    for path, command in _commands(typer.main.get_command(app)):
        assert (command.epilog or "").startswith("Example: "), path
        for parameter in command.params:
            assert parameter.help, f"{path} {parameter.name}"
        assert command.help, path


def test_help_in_chinese_with_lang() -> None:
    result = runner.invoke(app, ["--lang", "zh", "validate", "--help"])
    assert "核查全部案卷文件" in result.output
    assert "不使用缓存" in result.output  # an option's help
    assert "显示本帮助并退出" in result.output  # click's own --help option
    back = runner.invoke(app, ["--lang", "en", "validate", "--help"])
    assert "Check every case file" in back.output  # the English comes back


def test_chinese_help_folds_at_80_columns_and_loses_nothing() -> None:
    """A Chinese sentence is one long word to rich: cut at the cell's edge, it lost its end."""
    for command in [[], *COMMANDS]:
        result = runner.invoke(app, ["--lang", "zh", *command, "--help"], env={"COLUMNS": "80"})
        assert result.exit_code == 0
        assert not re.search(r"…\s*│", result.output), " ".join(command)


def test_each_command_is_one_sentence_in_the_list_of_commands() -> None:
    """Not broken where its docstring's source lines break."""
    result = runner.invoke(app, ["--lang", "en", "--help"], env={"COLUMNS": "250"})
    assert "verified, overdue, the rectification rate and on-time rate" in result.output
    group = runner.invoke(app, ["--lang", "en", "finding", "--help"], env={"COLUMNS": "250"})
    assert "the deadline in force (extensions included); overdue is computed" in group.output


def test_a_mistyped_command_in_chinese_has_no_double_full_stop() -> None:
    """typer strips a final '.' and appends '. Did you mean …?': a 。 stayed ("。.")."""
    result = _run("--lang", "zh", "valdate")  # typer's words: only the real entry point
    assert result.returncode == 2
    assert "没有命令 'valdate'" in result.stderr and "。." not in result.stderr


def test_unknown_language_is_a_usage_error() -> None:
    result = runner.invoke(app, ["--lang", "fr", "validate"])
    assert result.exit_code == 2
    assert "`fr` is not a language of inspectcli" in result.output


def test_messages_in_chinese(tmp_path: Path) -> None:
    repo = make_repo(TESTDATA / "negative" / "duplicate-ids", tmp_path / "repo")
    result = runner.invoke(app, ["--lang", "zh", "validate", str(repo)])
    assert result.exit_code == 1
    assert "案卷库内编号必须唯一" in result.output
    assert "共核查" in result.output and " 错误 duplicate-id " in result.output


def test_finding_list_in_chinese() -> None:
    arguments = ["--lang", "zh", "finding", "list", "--repo", str(EXAMPLES)]
    arguments += ["--as-of", "2026-11-30"]
    result = runner.invoke(app, arguments, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "截至 2026-11-30 的问题整改台账" in result.output
    assert "责任单位" in result.output and "整改时限" in result.output
    assert "问题共 36 个：未整改" in result.output
    assert "Findings as of" not in result.output and " open" not in result.output


def test_a_finding_change_in_chinese(tmp_path: Path) -> None:
    from tests.tracking.helpers import copy_examples

    repo = copy_examples(tmp_path / "repo")
    arguments = ["finding", "update", "2026-09-HC-06", "--status", "rectified", "--note", "已完成"]
    arguments += ["--evidence", "验收单", "--date", "2026-12-01", "--repo", str(repo), "--dry-run"]
    result = runner.invoke(app, ["--lang", "zh", *arguments])
    assert result.exit_code == 0, result.output
    assert "：未整改 → 已整改；已于 2026-12-01 完成整改" in result.output
    assert "试运行：未写入任何文件" in result.output
    verify = ["finding", "verify", "2026-09-HC-01", "--by", "甲", "--repo", str(repo)]
    refused = runner.invoke(app, ["--lang", "zh", *verify])
    assert refused.exit_code == 1
    assert "问题 2026-09-HC-01 的状态为已核验：" in refused.output


def test_what_a_preset_covers_in_chinese() -> None:
    import json

    result = runner.invoke(app, ["--lang", "zh", "policy", "list", "--format", "json"])
    covers = {row["name"]: row["covers"] for row in json.loads(result.output)}
    assert "督查类型：督查、巡查" in covers["guangdong"]  # items take 、, clauses ，
    assert "综合督查（comprehensive）：每年至少 1 次" in covers["guangdong"]
    deadlines = "送达整改函 3 个工作日、整改 1 个月、巡查反馈 2 个月、每季度归档、每月报送"
    assert f"时限（deadlines）：{deadlines}" in covers["heyuan"]
    assert "每村农户 3 户，其中预脱贫户 2 户、未脱贫户 1 户" in " ".join(covers["heyuan"])
    words = " ".join(line for lines in covers.values() for line in lines)
    assert not any(word in words for word in ("rounds", "monthly", "working-days", "pre-exited"))


def test_prompts_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    """A missing value asked for in a terminal is asked for in the user's language."""
    from inspectcli import i18n
    from inspectcli.cli import init, newplan, prompts
    from inspectcli.model import vocabulary

    asked: list[str] = []
    monkeypatch.setattr(prompts.sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(prompts.typer, "prompt", lambda text: asked.append(text) or "x")
    i18n.activate("zh")
    given = {"preset": "heyuan", "authority": None, "short_name": None}
    assert prompts.ask_missing(given, init.REQUIRED, "init-missing")["short_name"] == "x"
    assert asked == ["发文机关全称", "发文机关代字（用于文号，如“河扶”）"]
    kinds = {"kind": {"choices": prompts.listed(vocabulary.KIND, ("supervision", "patrol"))}}
    monkeypatch.setattr(prompts.typer, "prompt", lambda text: asked.append(text) or "2026-12-8")
    prompts.ask_missing({}, newplan.REQUIRED, "newplan-missing", shown=kinds)
    assert asked[2:] == [
        "督查组名称", "组长", "督查县区（以逗号分隔）", "开始日期（YYYY-MM-DD）",
        "结束日期（YYYY-MM-DD）", "督查类型（督查、巡查）",
    ]  # fmt: skip


def test_progress_labels_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    """The progress bars of `inspect validate` and `inspect report` speak the user's language."""
    from inspectcli import i18n
    from inspectcli.cli import validate
    from inspectcli.output import progress
    from inspectcli.report import command

    labels: list[str] = []
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    monkeypatch.setattr(progress, "progress_factory", lambda label: labels.append(label))
    i18n.activate("zh")
    validate._progress_bar("text")
    command._progress()
    assert labels == ["正在核查案卷文件", "正在读取案卷文件"]


def test_the_entry_point_takes_the_language_from_the_environment() -> None:
    by_variable = _run("--help", INSPECT_LANG="zh")
    assert "乡村振兴工作实地督查" in by_variable.stdout
    assert "选项" in by_variable.stdout and "命令" in by_variable.stdout  # typer's own words
    by_locale = _run("deadline", "calc", "2026-09-30", "+3", "working", "days", LANG="zh_CN.UTF-8")
    assert by_locale.stdout.splitlines()[0] == "2026-10-10"
    assert "国庆节休息日" in by_locale.stdout
    english = _run("--lang", "en", "--help", INSPECT_LANG="zh")
    assert "Options" in english.stdout and "选项" not in english.stdout


def test_version_is_answered_without_typer_or_catalogues() -> None:
    code = (
        "import sys; sys.argv = ['inspect', '--version']\n"
        "from inspectcli.cli.app import main; main()\n"
        "assert 'typer' not in sys.modules and 'inspectcli.i18n' not in sys.modules"
    )
    environ = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run([sys.executable, "-c", code], env=environ, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("inspectcli ")


def test_shell_completion_is_on() -> None:
    script = _run("--show-completion", "bash")
    assert script.returncode == 0 and "complete " in script.stdout
    completing = _run(
        COMP_WORDS="inspect --lang zh dead", COMP_CWORD="3", _INSPECT_COMPLETE="complete_bash"
    )
    assert completing.stdout.split() == ["deadline"]
    languages = _run(
        COMP_WORDS="inspect --lang ", COMP_CWORD="2", _INSPECT_COMPLETE="complete_bash"
    )
    assert languages.stdout.split() == ["en", "zh"]


# --- colour --------------------------------------------------------------------------------

SGR = re.compile(r"\x1b\[([0-9;]*)m")


def _colours(text: str) -> set[int]:
    """The colour parameters of the SGR sequences in ``text`` (bold and such left out)."""
    found = set()
    for match in SGR.finditer(text):
        for part in filter(None, match.group(1).split(";")):
            number = int(part)
            if 30 <= number <= 49 or 90 <= number <= 107:
                found.add(number)
    return found


COLOURED_COMMANDS = [
    ["deadline", str(EXAMPLES), "--as-of", "2026-10-30"],
    ["validate", str(TESTDATA / "negative" / "duplicate-ids")],
    ["sample", "--counties", "禾城区", "--towns", "1", "--poor-villages", "1",
     "--ordinary-villages", "0", "--households", "3", "--seed", "x", "--dry-run"],
]  # fmt: skip


@pytest.mark.parametrize("command", COLOURED_COMMANDS, ids=lambda c: c[0])
def test_no_colour_when_not_a_terminal(command: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLES)
    result = runner.invoke(app, command, env={"NO_COLOR": None, "FORCE_COLOR": None})
    assert "\x1b[" not in result.output


@pytest.mark.parametrize("command", COLOURED_COMMANDS, ids=lambda c: c[0])
def test_no_color_is_honoured_on_a_terminal(
    command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(EXAMPLES)  # sample draws from the example roster
    styled = runner.invoke(app, command, env={"FORCE_COLOR": "1", "NO_COLOR": None})
    assert SGR.search(styled.output), "styled as for a terminal: the test would see colour"
    plain = runner.invoke(app, command, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert _colours(plain.output) == set()
    assert plain.exit_code == styled.exit_code


def test_no_color_is_honoured_by_the_help() -> None:
    coloured = _run("validate", "--help", FORCE_COLOR="1")
    assert _colours(coloured.stdout)
    plain = _run("validate", "--help", FORCE_COLOR="1", NO_COLOR="1")
    assert _colours(plain.stdout) == set()


def test_a_month_reads_as_chinese_writes_it() -> None:
    args = ["deadline", "calc", "2026-09-15", "month-end"]
    chinese = runner.invoke(app, ["--lang", "zh", *args])
    assert chinese.exit_code == 0, chinese.output
    assert "2026年09月的最后一个工作日为 2026-09-30" in chinese.output
    english = runner.invoke(app, ["--lang", "en", *args])
    assert "the last working day of 2026-09 is 2026-09-30" in english.output
