"""Round-trip edits: everything outside what changes stays byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspectcli.repo import roundtrip

PLAN = """\
# yaml-language-server: $schema=../schemas/plan.schema.json
# A plan with comments, odd quoting, and blank lines.
kind: plan
version: 1
id: 'R2'        # single-quoted on purpose
type: supervision

group:
  name: "第一督查组"
  leader: 丙某
  members: [丁某, '0012']
counties:
- 云岗县      # a dash at column 0
start: 2026-10-08
end: 2026-10-09
content: ["02", "0302"]
sampling:
  households_per_village: {min: 3, max: 5}   # more than the policy
# trailing comment
"""


def _edit(tmp_path: Path, text: str) -> str:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")

    def change(document: object) -> None:
        node = roundtrip.flow_map({"id": "T", "ticket": roundtrip.quoted("0" * 64)})
        sample = {"seed": roundtrip.quoted("123"), "towns": roundtrip.block_seq([node])}
        roundtrip.set_key(document, "sample", sample)  # type: ignore[arg-type]

    return roundtrip.edit(path, change)


def test_rest_of_file_unchanged(tmp_path: Path) -> None:
    written = _edit(tmp_path, PLAN)
    assert written.startswith(PLAN)
    added = written[len(PLAN) :]
    assert added.startswith('sample:\n  seed: "123"\n')
    assert '"0000000000000000000000000000000000000000000000000000000000000000"' in added


def test_replacing_a_block_keeps_what_follows(tmp_path: Path) -> None:
    text = PLAN.replace("# trailing comment\n", "sample: {seed: old}\nmethods: [meeting]  # kept\n")
    written = _edit(tmp_path, text)
    before, _, _ = text.partition("sample:")
    assert written.startswith(before)
    assert written.endswith("methods: [meeting]  # kept\n")


def test_indentation_of_the_file_is_kept(tmp_path: Path) -> None:
    text = "kind: plan\nlist:\n    -   a\nmap:\n    key: 1\n"
    written = _edit(tmp_path, text)
    assert written.startswith("kind: plan\nlist:\n")
    assert "map:\n    key: 1\n" in written


def test_duplicate_keys_are_refused(tmp_path: Path) -> None:
    with pytest.raises(roundtrip.RoundTripError):
        _edit(tmp_path, "kind: plan\nid: a\nid: b\n")


def test_written_atomically_no_temporary_left(tmp_path: Path) -> None:
    _edit(tmp_path, PLAN)
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


def test_detect_indent() -> None:
    indent = roundtrip.detect_indent("a:\n  b: 1\nc:\n- x\n")
    assert (indent.mapping, indent.sequence, indent.offset) == (2, 2, 0)
    indent = roundtrip.detect_indent("a:\n    b: 1\nc:\n  - x\n")
    assert (indent.mapping, indent.sequence, indent.offset) == (4, 4, 2)
