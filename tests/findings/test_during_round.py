"""Action during the round: a 督办函 sent while the round runs, due at 18:00 the next day,
and a problem fixed on the spot (立行立改, Guangdong art. 16(2)). The date rules that
require a rectification letter and its deadlines after the round allow both."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from inspectcli.model.moment import Moment
from inspectcli.pipeline.repository import open_repository

from .helpers import docx_text, invoke, repo_with

LETTER = "supervision-letter.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return repo_with(tmp_path / "repo", LETTER)


def _rewrite(repo: Path, *pairs: tuple[str, str]) -> None:
    path = repo / "findings" / LETTER
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def test_the_supervision_letter_validates(repo: Path) -> None:
    code, out, err = invoke("validate", str(repo))
    assert code == 0 and "no problems" in err, out + err


def test_a_finding_without_deadline_takes_the_letters(repo: Path) -> None:
    document = open_repository(repo).findings[f"findings/{LETTER}"]
    first, second = document.findings
    assert first.deadline == dt.date(2026, 9, 16)
    assert isinstance(first.deadline, Moment) and first.deadline.hm == dt.time(18)
    assert second.deadline == dt.date(2026, 9, 15)  # its own


def test_as_a_rectification_letter_the_same_dates_are_errors(repo: Path) -> None:
    _rewrite(
        repo,
        ("  kind: supervision-letter", "  kind: rectification-letter"),
        ("    on_the_spot: true\n", ""),
    )
    code, out, _ = invoke("validate", str(repo))
    assert code == 1
    codes = [line.split()[2] for line in out.splitlines() if " error " in line]
    assert sorted(codes) == ["date-before-round"] * 2 + ["deadline-before-round"] * 2


def test_before_the_round_began_is_still_an_error(repo: Path) -> None:
    _rewrite(
        repo,
        ("  date: 2026-09-15\n  to:", "  date: 2026-09-10\n  to:"),
        ("rectified: 2026-09-15", "rectified: 2026-09-14"),
        ("{date: 2026-09-15, status", "{date: 2026-09-14, status"),
    )
    code, out, _ = invoke("validate", str(repo))
    assert code == 1
    assert f"findings/{LETTER}:10:9: error date-before-round" in out
    assert "before the round began (2026-09-15)" in out
    assert "findings[1].rectification" in out


def test_the_letter_renders_with_the_hour(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, err = invoke("render-letter", str(repo / "findings" / LETTER), "--out", str(out))
    assert code == 0, err
    text = docx_text(out / "青乡振督〔2026〕3号.docx")
    assert "2026年9月16日18:00" in text
