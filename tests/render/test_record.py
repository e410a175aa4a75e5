"""What GB/T 9704 and an office's register ask of the documents besides their layout: a
number allocated by a render is recorded where the next render finds it (`--record`), a
report is not written for a round still running (unless a marked draft), and a bulletin
addresses the units of the office that issues it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from inspectcli.cli.root import app
from inspectcli.presets import load_preset
from inspectcli.render import letter as letter_module

from ..conftest import REPO
from .layout import table_texts, text_of

runner = CliRunner()
LETTER = Path("findings") / "2026-11-g3-anfeng.yaml"
NUMBER_LINE = "  number: 青乡振〔2026〕53号\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "examples"
    shutil.copytree(REPO / "examples", root)
    return root


def _without_number(repo: Path) -> str:
    path = repo / LETTER
    text = path.read_text(encoding="utf-8")
    assert NUMBER_LINE in text
    path.write_text(text.replace(NUMBER_LINE, ""), encoding="utf-8")
    return text


def _render_letter(repo: Path, *args: str) -> tuple[int, str]:
    out = repo.parent / "out"
    result = runner.invoke(
        app, ["--lang", "en", "render-letter", str(repo / LETTER), "--out", str(out), *args]
    )
    return result.exit_code, result.output


def test_record_writes_the_allocated_number_and_nothing_else(repo: Path) -> None:
    original = _without_number(repo)
    code, output = _render_letter(repo, "--record")
    assert code == 0, output
    # 41–50 are in use (letters and the register), 53 was taken out: the next free is 51
    assert "青乡振〔2026〕51号 recorded in" in output
    recorded = (repo / LETTER).read_text(encoding="utf-8")
    assert recorded == original.replace("53号", "51号")  # in its place, the rest unchanged
    again_code, again = _render_letter(repo, "--record")
    assert again_code == 0 and "recorded" not in again and "allocated" not in again
    assert "青乡振〔2026〕51号.docx" in again
    assert runner.invoke(app, ["validate", str(repo), "--no-cache"]).exit_code == 0


def test_without_record_the_file_is_left_alone_and_the_option_named(repo: Path) -> None:
    _without_number(repo)
    before = (repo / LETTER).read_bytes()
    code, output = _render_letter(repo)
    assert code == 0, output
    assert "NOT written" in output and "--record" in output
    assert (repo / LETTER).read_bytes() == before


def test_record_is_refused_when_the_file_changed_meanwhile(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _without_number(repo)
    real = letter_module.render_docx

    def render_while_a_clerk_edits(*args, **kwargs):  # type: ignore[no-untyped-def]
        with (repo / LETTER).open("a", encoding="utf-8") as file:
            file.write("# 另一名工作人员补充的说明\n")
        return real(*args, **kwargs)

    monkeypatch.setattr(letter_module, "render_docx", render_while_a_clerk_edits)
    code, output = _render_letter(repo, "--record")
    assert code == 1, output
    assert "changed while the document was being rendered" in output
    text = (repo / LETTER).read_text(encoding="utf-8")
    assert text.endswith("# 另一名工作人员补充的说明\n") and "  number:" not in text
    assert not list((repo.parent / "out").glob("*.docx"))  # refused before it was written


def test_bulletin_record_registers_the_number(repo: Path) -> None:
    settings = repo / "inspect.yaml"
    before = settings.read_text(encoding="utf-8")
    out = str(repo.parent / "out")
    args = ["render-bulletin", "--period", "2026-09", str(repo), "--out", out]
    first = runner.invoke(app, [*args, "--date", "2026-11-21", "--record"])
    assert first.exit_code == 0, first.output
    after = settings.read_text(encoding="utf-8")
    assert (
        after == before + "  - {number: 青乡振〔2026〕54号, date: 2026-11-21, bulletin: 2026-09}\n"
    )
    second = runner.invoke(app, args)  # the registered number and date, nothing allocated
    assert second.exit_code == 0 and "allocated" not in second.output
    assert "青乡振〔2026〕54号.docx" in second.output
    assert settings.read_text(encoding="utf-8") == after


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_督办函_of_a_整改函s_findings_gets_its_own_number_recorded_in_the_register(
    repo: Path, language: str
) -> None:
    """It took 53号, the number of the 整改函 of the same findings file (GB/T 9704 7.2.4:
    one number, one document)."""
    settings = repo / "inspect.yaml"
    before = settings.read_text(encoding="utf-8")
    out = str(repo.parent / "out")
    args = ["--lang", language, "render-letter", str(repo / LETTER), "--out", out]
    supervision = [*args, "--kind", "督办函", "--date", "2026-12-01"]
    unrecorded = runner.invoke(app, supervision)
    assert unrecorded.exit_code == 0, unrecorded.output
    assert "53号" not in unrecorded.output and "青乡振〔2026〕54号.docx" in unrecorded.output
    assert "inspect.yaml" in unrecorded.stderr and "--record" in unrecorded.stderr
    assert settings.read_text(encoding="utf-8") == before
    recorded = runner.invoke(app, [*supervision, "--record"])
    assert recorded.exit_code == 0, recorded.output
    entry = (
        "{number: 青乡振〔2026〕54号, date: 2026-12-01, findings: findings/2026-11-g3-anfeng.yaml"
    )
    assert (
        settings.read_text(encoding="utf-8")
        == before + f"  - {entry}, kind: supervision-letter}}\n"
    )
    again = runner.invoke(app, [*args, "--kind", "supervision-letter"])  # its number and date
    assert again.exit_code == 0 and "54号.docx" in again.output and "--record" not in again.output
    letter = runner.invoke(app, args)  # the 整改函 keeps its own
    assert letter.exit_code == 0 and "53号.docx" in letter.output
    other = repo / "findings/2026-09-g1-hecheng.yaml"
    third = runner.invoke(app, [*args[:3], str(other), "--out", out, "--kind", "督办函"])
    assert third.exit_code == 0 and "55号.docx" in third.output  # the next, never 54 again
    assert runner.invoke(app, ["validate", str(repo), "--no-cache"]).exit_code == 0


def test_a_report_of_a_round_still_running_is_refused_unless_a_draft(repo: Path) -> None:
    out = repo.parent / "out"
    plan = str(repo / "plans" / "2026-11-g3.yaml")
    early = runner.invoke(app, ["render-report", plan, "--out", str(out), "--date", "2026-11-01"])
    assert early.exit_code == 1
    assert "round-not-ended" in early.output and "--draft" in early.output
    assert not out.exists()
    args = ["render-report", plan, "--out", str(out), "--date", "2026-11-01", "--draft"]
    draft = runner.invoke(app, args)
    assert draft.exit_code == 0, draft.output
    title = next(
        line for line in text_of(out / "2026-11-g3-督查报告.docx").splitlines() if "报告" in line
    )
    assert title.endswith("情况的报告（草稿）")


def _town_office(repo: Path) -> None:
    settings = repo / "inspect.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8")
        + "bulletin:\n  units: towns\n  copy_to: [区委督查室, 区政府督查室]\n",
        encoding="utf-8",
    )


def test_a_bulletin_addresses_the_units_the_settings_name(repo: Path) -> None:
    out = repo.parent / "out"
    args = ["render-bulletin", "--period", "2026-09", str(repo), "--out", str(out)]
    city = runner.invoke(app, [*args, "--date", "2026-11-21"])
    assert city.exit_code == 0, city.output
    written = Path(re.findall(r"wrote (.+\.docx) \(", city.output)[0])
    text = text_of(written)
    assert "各县（区）党委、政府，市直有关单位：" in text
    policy = load_preset("heyuan")
    assert policy is not None and f"按照《{policy.title}》要求" in text  # its title, not its source
    _town_office(repo)
    written.unlink()
    town = runner.invoke(app, [*args, "--date", "2026-11-21"])
    assert town.exit_code == 0, town.output
    from docx import Document

    document = Document(str(written))
    text = text_of(written)
    assert "各乡镇党委、政府" in text and "各县（区）" not in text and "市直" not in text
    assert table_texts(document, 0)[0][1] == "乡镇（街道）"
    assert "抄送：区委督查室，区政府督查室。" in text
