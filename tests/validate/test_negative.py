"""Each bad input gives its problems, with file, line and column, as the golden file says.

Regenerate the golden files after an intended change with ``UPDATE_GOLDEN=1 pytest``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from inspectcli.output.problems import to_plain
from inspectcli.pipeline.validate import validate_root
from inspectcli.problems import Severity

from .helpers import EXPECTED, TESTDATA, WARNING_CASES, make_repo

CASES = sorted(p for p in (TESTDATA / "negative").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_negative_case_matches_golden(case: Path, tmp_path: Path) -> None:
    repo = make_repo(case, tmp_path / "repo")
    outcome = validate_root(repo, cache_dir=None, jobs=1)
    actual = to_plain(outcome.problems, outcome.files)
    golden = case / EXPECTED
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")
    if case.name in WARNING_CASES:
        severities = {p.severity for p in outcome.problems if p.code == case.name}
        assert severities == {Severity.WARNING}, "a warning's case reports that warning"
        assert all(p.severity < Severity.ERROR for p in outcome.problems)
    else:
        assert any(p.severity == Severity.ERROR for p in outcome.problems), "a case must fail"
    assert all(p.line >= 1 for p in outcome.problems if p.path.endswith((".yaml", ".csv")))


def test_base_repository_is_clean(tmp_path: Path) -> None:
    outcome = validate_root(make_repo(None, tmp_path / "repo"), cache_dir=None, jobs=1)
    assert outcome.problems == []
