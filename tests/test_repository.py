"""Loading the whole repository as models, for the commands that act on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspectcli.pipeline.repository import Needs, RepositoryError, open_repository, sniff_kind

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


def test_needs_reads_only_the_kinds_asked_for(tmp_path: Path) -> None:
    root = make_repo(None, tmp_path / "repo")
    repo = open_repository(root, needs=Needs(frozenset({"plan"}), roster=False))
    assert list(repo.plans) == ["plans/r1.yaml"]
    assert repo.findings == {}
    assert repo.roster is None and repo.roster_path == root / "roster.csv"


def test_a_file_that_fails_the_byte_test_is_not_parsed(tmp_path: Path) -> None:
    root = make_repo(TESTDATA / "negative" / "code-as-number", tmp_path / "repo")
    # The broken findings file does not mention R9, so it is never read.
    repo = open_repository(root, needs=Needs(keep=lambda path, raw: b"R9" in raw))
    assert repo.plans == {} and repo.findings == {}


def test_a_tolerant_command_gets_broken_documents_aside(tmp_path: Path) -> None:
    root = make_repo(TESTDATA / "negative" / "code-as-number", tmp_path / "repo")
    repo = open_repository(root, needs=Needs(valid=False))
    assert list(repo.invalid) == ["findings/r1.yaml"]
    assert repo.invalid["findings/r1.yaml"][0].code == "wrong-type"
    assert repo.plan("R1") is not None


def test_a_broken_policy_stops_even_a_tolerant_command(tmp_path: Path) -> None:
    root = make_repo(None, tmp_path / "repo")
    (root / "own-policy.yaml").write_text("kind: policy\nversion: 1\nname: [x\n", "utf-8")
    with pytest.raises(RepositoryError) as caught:
        open_repository(root, needs=Needs(frozenset(), valid=False))
    assert caught.value.problems[0].path == "own-policy.yaml"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (b"kind: plan\nversion: 1\n", "plan"),
        (b"# comment\nversion: 1\nkind: 'findings'\n", "findings"),
        (b'kind: "policy"  # ours\n', "policy"),
        (b"version: 1\n  kind: plan\n", None),  # nested: not the document's kind
        (b"plan: R1\n", None),
    ],
)
def test_sniff_kind_reads_the_top_level_kind_line(text: bytes, kind: str | None) -> None:
    assert sniff_kind(text) == kind
