"""Loading the whole repository as models, for the commands that act on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspectcli.repo.repository import RepositoryError, open_repository

from .validate.helpers import TESTDATA, make_repo


def test_valid_repository_loads_every_document(tmp_path: Path) -> None:
    repo = open_repository(make_repo(None, tmp_path / "repo") / "plans")
    assert repo.policy.name == "heyuan"
    assert repo.roster is not None and len(repo.roster.households) == 7
    plan = repo.plan("R1")
    assert plan is not None and repo.path_of(plan) == repo.root / "plans" / "r1.yaml"
    assert [f.plan for f in repo.findings.values()] == ["R1"]


def test_a_broken_document_stops_it_with_positions(tmp_path: Path) -> None:
    with pytest.raises(RepositoryError) as caught:
        open_repository(make_repo(TESTDATA / "negative" / "code-as-number", tmp_path / "repo"))
    problem = caught.value.problems[0]
    assert (problem.path, problem.line, problem.code) == ("findings/r1.yaml", 13, "wrong-type")


def test_outside_a_repository(tmp_path: Path) -> None:
    with pytest.raises(RepositoryError) as caught:
        open_repository(tmp_path)
    assert caught.value.problems[0].code == "no-settings"
