"""Any sequence of `inspect finding` commands leaves files that validate clean: each one is
either applied (and the result passes every rule) or refused (and nothing is written)."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inspectcli.pipeline.validate import validate_root
from inspectcli.problems import Severity
from inspectcli.tracking.lifecycle import Refused
from inspectcli.tracking.store import WouldBeInvalid

from ..validate.helpers import make_repo
from .helpers import run

# R1-02 is open with no record (the longer road), R1-01 rectified with a rejected extension.
FINDINGS = ("R1-02", "R1-02", "R1-01")
START = dt.date(2026, 9, 7)  # before the exchange: early dates must be refused, not written

texts = st.sampled_from(["已整改", "材料未到", "雨季施工受阻", "已通水", "无", "  "])


def _command() -> st.SearchStrategy[tuple[str, dict[str, Any]]]:
    update = st.fixed_dictionaries(
        {
            "status": st.sampled_from([None, "rectifying", "rectified"]),
            "note": texts,
            "evidence": st.lists(st.sampled_from(["照片", "台账"]), max_size=2).map(tuple),
        }
    ).map(lambda o: ("update", o))
    extend = st.fixed_dictionaries(
        {"new_deadline": st.dates(dt.date(2026, 9, 1), dt.date(2027, 3, 1)), "reason": texts}
    ).map(lambda o: ("extend", o))
    decide = st.sampled_from(["approved", "rejected"]).map(lambda d: ("decide", {"decision": d}))
    verify = st.fixed_dictionaries(
        {"by": st.just("第一督查组 丁某"), "result": st.sampled_from(["passed", "failed"])}
    ).map(lambda o: ("verify", o))
    return st.one_of(update, extend, update, decide, update, verify)  # updates most often


steps = st.lists(
    st.tuples(st.sampled_from(FINDINGS), st.integers(-2, 10), _command()), min_size=1, max_size=10
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps)
def test_any_sequence_of_commands_validates_clean(
    sequence: list[tuple[str, int, tuple[str, dict[str, Any]]]],
) -> None:
    folder = Path(tempfile.mkdtemp())
    try:
        repo = make_repo(None, folder / "repo")
        date = START
        for finding, gap, (name, options) in sequence:
            date += dt.timedelta(days=gap)
            path = repo / "findings" / "r1.yaml"
            before = path.read_bytes()
            try:
                run(repo, finding, name, date=date, **options)
            except (Refused, WouldBeInvalid):
                assert path.read_bytes() == before
        problems = validate_root(repo, cache_dir=None, jobs=1).problems
        assert [p for p in problems if p.severity >= Severity.ERROR] == []
    finally:
        shutil.rmtree(folder)
