"""One language at a time: in Chinese, help and usage errors leave no English word outside
code (commands, options, metavars, values, file names); in English, no Chinese outside the
examples. Run through the entry point's set-up, so that typer's and click's own words
(Usage, Options, Error, Missing argument, Did you mean …) are judged too."""

from __future__ import annotations

import functools
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from inspectcli.model import vocabulary

HERE = Path(__file__).parent
CJK = re.compile(r"[\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]")
# What may stay in ASCII inside Chinese prose: code and names, not words.
CODE = re.compile(
    r"`[^`]*`"  # quoted code
    r"|'[^']*'"  # a name click quotes
    r"|(?<![\w-])--?[\w-]+"  # options
    r"|<[^>]*>|\{[^}]*\}|\[[A-Z. ]+\]|\[\w+\]"  # choices, metavars, fields
    r"|\b[A-Z][A-Z0-9_-]+\b"  # metavars and abbreviations: PATH, YAML, CSV, GB/T
    r"|\S+\.(?:yaml|json|csv|docx|xlsx|md|ics|mo|po)\b|\.(?:docx|xlsx|csv|yaml)\b"  # files
    r"|\S*/\S*|\b[\w.-]+=\S*|\b\w+(?:\.\w+)+"  # paths, settings, fields
    r"|\b\d[\w.-]*"  # numbers, dates, periods: 2026Q4, v1
)
# Names of things and values an officer types as they are (a command's own choices are
# allowed through their vocabularies).
NAMES = {
    "inspect",
    "inspectcli",
    "Schema",
    "wheel",
    "git",
    "GitHub",
    "GitLab",
    "Actions",
    "shell",
    "diff",
    "Excel",
    "LibreOffice",
    "Windows",
    "Tab",
    "markdown",
    "json",
    "ics",
    "xlsx",
    "github",
    "gitlab",
    "junit",
    "sarif",
    "parsable",
    "yaml",
    "pre-commit",
    "pip",
    "zh",
    "en",
}


@functools.cache
def _shown(language: str) -> dict[str, str]:
    script = HERE / "one_language.py"
    run = subprocess.run(
        [sys.executable, str(script), language],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
        env={"COLUMNS": "80", "PATH": "", "INSPECT_LANG": language},
    )
    shown: dict[str, str] = json.loads(run.stdout)
    return shown


def _typed() -> set[str]:
    """Every value an option takes, in both languages, and every command's name."""
    import typer

    from inspectcli.cli.root import app

    words = {w for v in (*vocabulary.ALL, vocabulary.FORMAT) for w in v.accepted()}
    pending = [typer.main.get_command(app)]
    while pending:
        group = pending.pop()
        for name, sub in getattr(group, "commands", {}).items():
            words |= {name, *name.split("-")}
            pending.append(sub)
    return words


def _prose(line: str) -> str:
    body = line.strip(" │╭╮╰╯─┃")
    return CODE.sub(" ", body)


def _english_words(text: str) -> list[str]:
    left = []
    in_example = False
    allowed = NAMES | _typed()
    # Quoted code first, as it may be folded over two lines of a help table.
    text = re.sub(r"`[^`]*`", lambda code: "\n" * code.group().count("\n"), text)
    for line in text.splitlines():
        body = line.strip(" │╭╮╰╯─")
        if body.startswith(("示例", "Example")):
            in_example = True  # the example's description and its command lines
        if in_example or body.startswith(("inspect ", "用法：", "Usage: ")):
            continue
        for word in re.findall(r"[A-Za-z][A-Za-z-]*[A-Za-z]", _prose(line)):
            if word not in allowed:
                left.append(f"{word!r} in {body!r}")
    return left


@pytest.mark.parametrize("language", ["zh"])
def test_chinese_help_and_errors_leave_no_english_word(language: str) -> None:
    left = {shown: _english_words(text) for shown, text in _shown(language).items()}
    assert {shown: words for shown, words in left.items() if words} == {}


def test_english_help_and_errors_carry_no_chinese_outside_examples() -> None:
    found = {}
    for shown, text in _shown("en").items():
        lines = []
        for line in text.splitlines():
            body = line.strip(" │╭╮╰╯─")
            if body.startswith("Example"):
                break
            if CJK.search(_prose(line)) and not body.startswith("inspect "):
                lines.append(body)
        if lines:
            found[shown] = lines
    assert found == {}


def test_every_command_and_error_was_shown() -> None:
    shown = _shown("zh")
    assert "inspect finding list --help" in shown
    assert "用法：inspect finding list" in shown["inspect finding list --help"]
    assert "没有命令 'lst'" in shown["inspect finding lst"]
    assert "缺少参数 'PATH'" in shown["inspect render-letter"]
    assert "Usage: inspect render-letter" in _shown("en")["inspect render-letter"]
