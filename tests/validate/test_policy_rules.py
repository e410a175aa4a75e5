"""The rules a policy stores about rounds: each one reported when it is broken, under the
policy that stores it only, citing that policy."""

from __future__ import annotations

from pathlib import Path

from inspectcli.pipeline.validate import validate_root
from inspectcli.problems import Problem

from .helpers import make_repo


def _problems(root: Path, code: str) -> list[Problem]:
    return [p for p in validate_root(root, cache_dir=None, jobs=1).problems if p.code == code]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _preset(root: Path, name: str) -> None:
    _edit(root / "inspect.yaml", "preset: heyuan", f"preset: {name}")


def _another_round(root: Path, start: str, plan_id: str = "R2") -> None:
    text = (root / "plans" / "r1.yaml").read_text(encoding="utf-8")
    text = text[: text.index("sample:")].replace("id: R1", f"id: {plan_id}")
    text = text.replace("start: 2026-09-08", f"start: {start}")
    text = text.replace("end: 2026-09-09", f"end: {start}")
    (root / "plans" / f"{plan_id.lower()}.yaml").write_text(text, encoding="utf-8")


def test_a_county_without_liaison_cites_the_policy_that_asks_for_one(tmp_path: Path) -> None:
    root = make_repo(None, tmp_path / "repo")
    _edit(root / "plans" / "r1.yaml", "liaisons: {云岗县: 戊某}", "liaisons: {}")
    (found,) = _problems(root, "liaison-missing")
    assert "heyuan" in found.message and "§2" in found.message
    _preset(root, "daan")  # Da'an's text asks for no liaisons
    assert _problems(root, "liaison-missing") == []


def test_a_round_longer_than_the_policy_allows(tmp_path: Path) -> None:
    root = make_repo(None, tmp_path / "repo")
    assert _problems(root, "round-too-long") == []
    _edit(root / "plans" / "r1.yaml", "end: 2026-09-09", "end: 2026-10-03")
    (found,) = _problems(root, "round-too-long")
    assert "26 days" in found.message and "§4" in found.message
    _preset(root, "suzhou")  # no round length in the Suzhou rules
    assert _problems(root, "round-too-long") == []


def test_patrol_content_in_a_supervision_round_is_reported(tmp_path: Path) -> None:
    root = make_repo(None, tmp_path / "repo")
    _preset(root, "guangdong")
    _edit(root / "plans" / "r1.yaml", 'content: ["02", "0302", "08"]', 'content: ["02"]')
    assert _problems(root, "content-not-for-kind") == []
    _edit(root / "plans" / "r1.yaml", 'content: ["02"]', 'content: ["02", P1]')
    (found,) = _problems(root, "content-not-for-kind")
    assert "`P1`" in found.message and "patrol" in found.message
    assert (found.line, found.column) == (16, 17)  # the second code of `content:`


def test_a_month_without_a_round_under_a_monthly_policy(tmp_path: Path) -> None:
    root = make_repo(None, tmp_path / "repo")
    _another_round(root, "2026-10-12")
    assert _problems(root, "month-without-round") == []
    (root / "plans" / "r2.yaml").unlink()
    _another_round(root, "2026-11-12", "R3")
    (found,) = _problems(root, "month-without-round")
    assert "2026-10" in found.message
    _preset(root, "suzhou")  # no rhythm of rounds in the Suzhou rules
    assert _problems(root, "month-without-round") == []


def test_a_month_without_a_registered_bulletin_under_daan(tmp_path: Path) -> None:
    root = make_repo(None, tmp_path / "repo")
    _preset(root, "daan")
    _another_round(root, "2026-10-12")
    (found,) = _problems(root, "bulletin-missing")
    assert "2026-09" in found.message  # October's may still be coming
    with (root / "inspect.yaml").open("a", encoding="utf-8") as settings:
        settings.write("issued:\n  - {number: 岚乡振〔2026〕9号, bulletin: 2026-09}\n")
    assert _problems(root, "bulletin-missing") == []
