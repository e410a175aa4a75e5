"""`inspect render-letter --kind 督办函`: the 限时整改督办函 (Guangdong art. 16: action while
the round runs) has its own title and deadline wording, with the hour, in the same GB/T
9704 letter format as the rectification letter."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest
from openxml_audit import OpenXmlValidator  # type: ignore[import-untyped]

from inspectcli.cli.render import LetterKind as OptionKinds
from inspectcli.model.findings import LetterKind

from .helpers import docx_text, invoke, repo_with

LETTER = "supervision-letter.yaml"
HECHENG = "2026-09-g1-hecheng.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return repo_with(tmp_path / "repo", LETTER)


def _render(repo: Path, name: str, *options: str) -> str:
    out = repo.parent / "out"
    code, _, err = invoke(
        "render-letter", str(repo / "findings" / name), "--out", str(out), *options
    )
    assert code == 0, err
    (written,) = out.glob("*.docx")
    assert OpenXmlValidator().validate(str(written)).is_valid
    text = docx_text(written)
    written.unlink()
    return text


def test_a_supervision_letter_renders_as_a_督办函(repo: Path) -> None:
    text = _render(repo, LETTER)
    assert "关于禾城区督查发现问题限时整改的督办函" in text
    assert "整改的函" not in text
    # the letter's own deadline, with its hour, and the round it was sent during
    assert "于2026年9月16日18:00前整改到位" in text
    assert "开展综合督查期间" in text
    assert "禾城区限时整改问题清单" in text


@pytest.mark.parametrize("word", ["督办函", "supervision-letter"])
def test_kind_asks_for_the_督办函_of_any_findings_file(repo: Path, word: str) -> None:
    text = _render(repo, HECHENG, "--kind", word)
    assert "限时整改的督办函" in text
    assert "督查中，发现" in text  # sent after the round


def test_kind_asks_for_the_整改函_too(repo: Path) -> None:
    text = _render(repo, LETTER, "--kind", "整改函")
    assert "关于禾城区督查发现问题整改的函" in text and "督办函" not in text


def test_an_unknown_kind_is_a_usage_error(repo: Path) -> None:
    code, _, err = invoke("render-letter", str(repo / "findings" / LETTER), "--kind", "通知")
    assert code == 2 and "通知" in err and "Traceback" not in err


def test_the_option_takes_the_kinds_of_the_model() -> None:
    assert get_args(OptionKinds) == get_args(LetterKind)
