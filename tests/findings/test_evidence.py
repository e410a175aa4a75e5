"""Evidence and 销号: a policy may refuse a finding closed without evidence; an evidence
item may be a file of the repository, which must exist, and whose SHA-256
`inspect finding update --evidence-file` records."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from .helpers import invoke, repo_with

SET = "three-lists"
FILE = "findings/three-lists.yaml"
REPORT = "evidence/2026-09-HC-L01/检测报告.txt"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return repo_with(tmp_path / "repo", SET)


def _require_evidence(repo: Path) -> None:
    path = repo / "inspect.yaml"
    text = path.read_text(encoding="utf-8")
    old = "  preset: heyuan "
    assert old in text
    new = "  overrides: {rectification: {evidence_required: true}}\n" + old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _codes(repo: Path) -> tuple[int, list[str]]:
    code, out, _ = invoke("validate", str(repo), "--format", "parsable")
    lines = [line.split(" ") for line in out.splitlines() if line.startswith(str(repo))]
    return code, [f"{words[2]} {words[-1]}" for words in lines]


def test_without_the_switch_closing_without_evidence_is_a_warning(repo: Path) -> None:
    code, found = _codes(repo)
    assert code == 0
    assert found == ["rectified-without-evidence [findings[1].rectification.status]"]


def test_with_the_switch_it_is_an_error_and_a_file_counts_as_evidence(repo: Path) -> None:
    _require_evidence(repo)
    code, found = _codes(repo)
    assert code == 1
    # L01 is closed with a file as its only evidence; L02 with none
    assert "evidence-required [findings[1].rectification.status]" in found
    assert not [line for line in found if "findings[0]" in line]


@pytest.mark.parametrize("name", ["evidence/nowhere.pdf", "../outside.txt", "/etc/hostname"])
def test_an_evidence_file_must_be_in_the_repository(repo: Path, name: str) -> None:
    path = repo / FILE
    path.write_text(path.read_text(encoding="utf-8").replace(REPORT, name), encoding="utf-8")
    code, found = _codes(repo)
    assert code == 1
    assert "evidence-file-missing [findings[0].rectification.evidence[0].file]" in found


def test_update_records_the_files_digest(repo: Path) -> None:
    photo = repo / "evidence" / "2026-09-HC-T02" / "公示照片.txt"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(b"invented photo bytes\n")
    code, _, err = invoke(
        "finding", "update", "2026-09-HC-07", "--repo", str(repo), "--status", "rectified",
        "--note", "已公示", "--evidence-file", str(photo), "--date", "2026-11-20",
    )  # fmt: skip
    assert code == 0, err
    text = (repo / "findings" / "2026-09-g1-hecheng.yaml").read_text(encoding="utf-8")
    digest = hashlib.sha256(photo.read_bytes()).hexdigest()
    assert f"{{file: evidence/2026-09-HC-T02/公示照片.txt, sha256: {digest}}}" in text
    assert invoke("validate", str(repo))[0] == 0


def test_update_refuses_a_file_outside_the_repository(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("x", encoding="utf-8")
    code, _, err = invoke(
        "finding", "update", "2026-09-HC-07", "--repo", str(repo), "--note", "进展",
        "--evidence-file", str(outside),
    )  # fmt: skip
    assert code == 2 and "--evidence-file" in err
