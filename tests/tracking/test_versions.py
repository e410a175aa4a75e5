"""The records of each version of a file, read finding by finding: the same as reading the
whole file, whatever the file; only changed findings are parsed again."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from inspectcli.tracking import versions
from inspectcli.tracking.gitlog import Version
from inspectcli.tracking.versions import Reader, cut

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(
    [
        *(ROOT / "examples" / "findings").glob("*.yaml"),
        *(ROOT / "tests" / "findings" / "testdata").rglob("*.yaml"),
    ]
)


def _whole(path: str, raw: bytes) -> object:
    return versions._whole(Version(path, raw))


def test_every_example_reads_the_same_cut_or_whole() -> None:
    assert FILES
    for path in FILES:
        raw = path.read_bytes()
        version = Version(path.name, raw)
        assert Reader().read(version) == _whole(path.name, raw), path


def test_only_the_changed_finding_is_parsed_again(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    raw = (ROOT / "examples" / "findings" / "2026-09-g1-hecheng.yaml").read_bytes()
    reader = Reader()
    reader.read(Version("f.yaml", raw))
    parsed: list[bytes] = []
    real = versions._item
    monkeypatch.setattr(versions, "_item", lambda p, item: parsed.append(item) or real(p, item))
    changed = raw.replace(
        "第3户完成材料备料。}".encode(),
        "第3户完成材料备料。}\n        - {date: 2026-11-20, note: 完工。}".encode(),
    )
    found = reader.read(Version("f.yaml", changed))
    assert len(parsed) == 1 and b"2026-09-HC-07" in parsed[0]
    assert found == _whole("f.yaml", changed)


def test_files_that_cannot_be_cut_are_read_whole() -> None:
    flow = (
        b"kind: findings\nversion: 1\nplan: p\n"
        b"findings: [{id: A, rectification: {rectified: 2026-01-02}}]\n"
    )
    anchored = (
        b"kind: findings\nversion: 1\nplan: p\nfindings:\n"
        b"  - &one {id: A, rectification: {rectified: 2026-01-02}}\n  - *one\n"
    )
    assert cut(flow) is None and cut(anchored) is None
    for raw in (flow, anchored):
        assert Reader().read(Version("f.yaml", raw)) == _whole("f.yaml", raw)
    broken = b"kind: findings\nversion: 1\nplan: p\nfindings:\n  - {id: A\n  - {id: B}\n"
    assert Reader().read(Version("f.yaml", broken)) is None  # judged at the next version


def test_a_top_level_key_after_the_list_ends_it() -> None:
    raw = (
        b"kind: findings\nversion: 1\nplan: p\nfindings:\n"
        b"- id: A\n  rectification:\n    rectified: 2026-01-02\n\n# a comment\n"
        b"- id: B\nsuggestions: [x]\n"
    )
    items = cut(raw)
    assert items is not None and len(items) == 2 and b"suggestions" not in items[1]
    assert Reader().read(Version("f.yaml", raw)) == _whole("f.yaml", raw)


_TEXT = st.text(alphabet="甲乙丙 abc:-#&*[]{}'\"\n", max_size=12)
_DATE = st.dates().map(str)
_UPDATE = st.fixed_dictionaries({"date": _DATE, "note": _TEXT})
_FINDING = st.fixed_dictionaries(
    {
        "id": st.text(alphabet="ABC-0123", min_size=1, max_size=6),
        "description": _TEXT,
        "rectification": st.fixed_dictionaries(
            {"updates": st.lists(_UPDATE, max_size=3)},
            optional={"rectified": _DATE},
        ),
    }
)


@settings(max_examples=60, deadline=None)
@given(
    before=st.lists(_FINDING, max_size=5),
    after=st.lists(_FINDING, max_size=5),
    flow=st.booleans(),
    indent=st.sampled_from([2, 4]),
)
def test_cut_reads_as_whole_across_versions(
    before: list[dict],
    after: list[dict],
    flow: bool,
    indent: int,  # type: ignore[type-arg]
) -> None:
    reader = Reader()
    for findings in (before, after, before):
        text = yaml.safe_dump(
            {"findings": findings},
            allow_unicode=True,
            default_flow_style=flow,
            indent=indent,
            sort_keys=False,
        )
        raw = f"kind: findings\nversion: 1\nplan: p\n{text}".encode()
        assert reader.read(Version("f.yaml", raw)) == _whole("f.yaml", raw)
