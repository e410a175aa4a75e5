"""The YAML reader: YAML 1.2 scalars, positions, and no input that makes it raise."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from inspectcli.messages import t
from inspectcli.repo.yamlread import MAX_EXPANDED_VALUES, decode, locate, parse


def _data(text: str) -> Any:
    parsed = parse("t.yaml", text.encode())
    assert parsed.problems == []
    return parsed.data


def test_scalars_follow_yaml_1_2_core() -> None:
    data = _data(
        "a: no\nb: on\nc: true\nd: 0101\ne: '0101'\nf: 1.5\ng: ~\nh: 2026-09-08\ni: 1_000\n"
    )
    assert data == {
        "a": "no",
        "b": "on",
        "c": True,
        "d": 101,
        "e": "0101",
        "f": 1.5,
        "g": None,
        "h": dt.date(2026, 9, 8),
        "i": "1_000",
    }


def test_positions_point_at_values_and_keys() -> None:
    parsed = parse("t.yaml", b"top:\n  items:\n    - name: x\n      code: '01'\n")
    node = locate(parsed.root, ("top", "items", 0, "code"))
    assert node is not None and (node.start_mark.line, node.start_mark.column) == (3, 12)
    key = locate(parsed.root, ("top", "items", 0, "code"), key=True)
    assert key is not None and key.start_mark.column == 6
    # a path that goes further than the file returns the deepest node that exists
    deepest = locate(parsed.root, ("top", "items", 5))
    assert deepest is not None and deepest.start_mark.line == 2


def test_aliases_within_the_budget_are_expanded() -> None:
    assert _data("a: &x [1, 2]\nb: *x\n") == {"a": [1, 2], "b": [1, 2]}


def test_alias_bomb_is_stopped_early() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        previous = chr(96 + i)
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{previous}"] * 10) + "]")
    parsed = parse("bomb.yaml", "\n".join(lines).encode())
    assert [p.code for p in parsed.problems] == ["alias-bomb"]
    assert str(MAX_EXPANDED_VALUES) in parsed.problems[0].message


def test_recursive_alias_is_an_error() -> None:
    parsed = parse("r.yaml", b"a: &a [*a]\n")
    assert parsed.problems and parsed.problems[0].code in ("recursive-alias", "yaml-syntax")


def test_merge_keys_and_custom_tags_are_refused() -> None:
    assert parse("m.yaml", b"a: &a {x: 1}\nb:\n  <<: *a\n").problems[0].code == "merge-key"
    assert parse("t.yaml", b"a: !python/object x\n").problems[0].code == "unknown-tag"


def test_gbk_is_recognised() -> None:
    problem = parse("g.yaml", "问题: 资金滞留\n".encode("gb18030")).problems[0]
    assert problem.code == "not-utf8" and "GB18030" in problem.message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_or_without_bom_is_named_as_such(encoding: str) -> None:
    # 一 (U+4E00) puts a NUL in the other half of its pair from the ASCII characters
    text = "kind: findings\nversion: 1\n问题: 一户资金滞留\n"
    problems = parse("u.yaml", text.encode(encoding)).problems
    assert [(p.code, p.message) for p in problems] == [("not-utf8", t("utf16"))]


@pytest.mark.parametrize(
    "raw",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",  # NULs in both halves
        b"kind: findings\nnote: a\x00bcdefghijklmnopqrstuvwxyz\n",  # one stray NUL in UTF-8
        b"\x01\x00\x02\x00\x03\x00",  # one half NUL, but control codes, not text
    ],
)
def test_nul_bytes_that_are_not_utf16_are_a_binary_file(raw: bytes) -> None:
    assert [p.code for p in parse("b.yaml", raw).problems] == ["binary-file"]


def test_text_without_nul_is_not_utf16() -> None:
    assert decode("e.yaml", b"") == ("", [])
    assert decode("a.yaml", b"kind: plan\n") == ("kind: plan\n", [])


# Control characters and line separators are normalised by any YAML reader; not data.
_text = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=20)
_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    _text,
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
)
_keys = _text.filter(bool)
_values = st.recursive(
    _scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_keys, children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(_keys, _values, min_size=1, max_size=5))
def test_what_the_round_trip_writer_emits_reads_back_the_same(data: dict[str, Any]) -> None:
    # ruamel.yaml (YAML 1.2) is the writer of every command that edits a case file.
    stream = io.StringIO()
    YAML().dump(data, stream)
    parsed = parse("t.yaml", stream.getvalue().encode())
    assert parsed.problems == []
    assert parsed.data == data


@settings(max_examples=300, deadline=None)
@given(
    st.binary(max_size=300)
    | st.text(alphabet="ab:-[]{}&*!|>'\"\t\n #,?%@`", max_size=80).map(str.encode)
)
def test_no_input_makes_the_reader_raise(raw: bytes) -> None:
    parsed = parse("fuzz.yaml", raw)
    assert parsed.problems or parsed.root is not None
    for problem in parsed.problems:
        assert problem.line >= 1 and problem.column >= 1


def test_faults_of_single_values_are_all_reported_and_the_rest_is_read() -> None:
    text = "a: 2026-02-30\nb: !custom x\nc: 1\nc: 2\nd: [1, 2]\ne: 2026-13-01\n"
    parsed = parse("t.yaml", text.encode())
    found = [(p.line, p.column, p.code) for p in parsed.problems]
    assert found == [
        (1, 4, "bad-date"),
        (2, 4, "unknown-tag"),
        (4, 1, "duplicate-key"),
        (6, 4, "bad-date"),
    ]
    # Each faulty value is kept as its text, a duplicate key keeps its first value.
    assert parsed.data == {"a": "2026-02-30", "b": "x", "c": 1, "d": [1, 2], "e": "2026-13-01"}
    assert parsed.root is not None  # positions are still there for the schema's errors


def test_a_fault_that_stops_the_read_keeps_the_faults_before_it() -> None:
    parsed = parse("t.yaml", b"a: 2026-02-30\n---\nb: 1\n")
    assert parsed.data is None
    assert [(p.line, p.code) for p in parsed.problems] == [
        (1, "bad-date"),
        (2, "multiple-documents"),
    ]


def test_a_schema_error_is_not_reported_again_beside_the_fault_of_its_value() -> None:
    from inspectcli.pipeline.load import load_bytes

    text = "kind: plan\nversion: 1\nid: P-1\nstart: 2026-02-30\nsampling: !custom {towns: 1}\n"
    problems = load_bytes("plans/p.yaml", text.encode()).problems
    at_start = [p.code for p in problems if p.line == 4]
    assert at_start == ["bad-date"], "the impossible date, not also a wrong type"
    assert [p.code for p in problems if p.line == 5][:1] == ["unknown-tag"]
    assert any(p.code == "missing-field" for p in problems), "the plan's other fields"
