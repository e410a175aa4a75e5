"""An officer at a terminal: `inspect new-plan` and `inspect init` asked interactively, in a
pseudo-terminal at 80 columns. A wrong answer is asked for again with the reason and the
closest choice; the answers typed before it are kept."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from inspectcli.presets import preset_names
from tests.tracking.helpers import copy_examples

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")


class Terminal:
    """A command running in a pseudo-terminal: what it shows, and what is typed into it."""

    def __init__(self, arguments: list[str], cwd: Path, language: str) -> None:
        self.leader, follower = os.openpty()
        env = {**os.environ, "COLUMNS": "80", "INSPECT_LANG": language, "NO_COLOR": "1"}
        env.pop("LANGUAGE", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "inspectcli", *arguments],
            stdin=follower,
            stdout=follower,
            stderr=follower,
            cwd=cwd,
            env=env,
            close_fds=True,
        )
        os.close(follower)
        self.shown = ""

    def expect(self, text: str, timeout: float = 60) -> str:
        """Everything shown up to ``text``; fails the test if it does not come."""
        deadline = time.monotonic() + timeout
        while text not in self.shown:
            left = deadline - time.monotonic()
            assert left > 0, f"waited for {text!r}; the terminal shows:\n{self.shown}"
            ready, _, _ = select.select([self.leader], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.leader, 4096)
                except OSError:  # the command ended
                    chunk = b""
                if not chunk:
                    assert text in self.shown, f"ended before {text!r}:\n{self.shown}"
                self.shown += chunk.decode("utf-8", errors="replace")
        before, _, after = self.shown.partition(text)
        self.shown = after
        return before + text

    def type(self, answer: str) -> None:
        os.write(self.leader, answer.encode() + b"\r")

    def finish(self) -> int:
        code = self.process.wait(timeout=60)
        os.close(self.leader)
        return code


def test_new_plan_survives_every_wrong_answer(tmp_path: Path) -> None:
    repo = copy_examples(tmp_path / "repo")
    term = Terminal(["new-plan", "--content", "02"], repo, "zh")
    term.expect("督查组名称")
    term.type("第四督查组")
    term.expect("组长")
    term.type("韦嘉禾")
    term.expect("督查县区")
    term.type("禾城")  # misspelt
    said = term.expect("督查县区")
    assert "`禾城`" in said and "`禾城区`" in said  # the county typed, and the closest one
    term.type("禾城区")
    term.expect("开始日期")
    term.type("2026-12-8")  # as officers write it
    term.expect("结束日期")
    term.type("2026-12-1")  # before the first day
    said = term.expect("结束日期")
    assert "早于开始日期 2026-12-08" in said
    term.type("2026-12-9")
    said = term.expect("督查类型（督查、巡查）")
    term.type("督察")  # a near miss of the word offered
    said = term.expect("督查类型")
    assert "`督察` 不是可选的值" in said and "`督查`" in said
    term.type("督查")
    code = term.finish()
    assert code == 0, term.shown
    plan = (repo / "plans" / "2026-12-08-第四督查组.yaml").read_text(encoding="utf-8")
    for kept in ('name: "第四督查组"', 'leader: "韦嘉禾"', 'counties: ["禾城区"]'):
        assert kept in plan
    assert "start: 2026-12-08" in plan and "end: 2026-12-09" in plan
    assert "type: supervision" in plan


def test_init_takes_a_preset_by_its_place_after_a_wrong_one(tmp_path: Path) -> None:
    folder = tmp_path / "cases"
    arguments = ["init", str(folder), "--install", "inspectcli==0.1"]
    term = Terminal(arguments, tmp_path, "en")
    said = term.expect(f"Policy preset ({', '.join(preset_names())})")
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in said)  # English only
    term.type("Daan")
    said = term.expect("Policy preset")
    assert "(did you mean `daan`?)" in said
    term.type("河源")
    term.expect("Issuing authority, full name")
    term.type("青禾市乡村振兴局")
    term.expect("Short name of the authority in document numbers")
    term.type("青乡振")
    term.expect("policy `河源`")
    assert term.finish() == 0
    assert "  preset: 河源" in (folder / "inspect.yaml").read_text(encoding="utf-8")


def test_a_place_one_character_off_is_pointed_to_its_preset() -> None:
    """河园 for 河源 (two characters, one wrong) found no match at the cutoff of longer words."""
    from inspectcli import i18n
    from inspectcli.cli.init import _a_preset
    from inspectcli.cli.prompts import Invalid

    i18n.activate("zh")
    try:
        with pytest.raises(Invalid) as refused:
            _a_preset("河园", {})
    finally:
        i18n.activate("en")
    assert "（是否应为 `河源`？）" in str(refused.value)
