"""`inspect validate --changed-since REF` in a real git repository."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from inspectcli.checks.facts import FindingsFacts, PlanFacts
from inspectcli.cli.root import app
from inspectcli.pipeline.cache import Entry
from inspectcli.pipeline.changes import Changes, affected
from tests.validate.helpers import make_repo

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
runner = CliRunner()


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The valid base repository, committed; the current folder (paths print relative)."""
    root = make_repo(None, tmp_path / "repo")
    monkeypatch.chdir(root)
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "base")
    return root


def _validate(repo: Path, *extra: str) -> tuple[int, list[str]]:
    result = runner.invoke(app, ["validate", str(repo), "--format", "parsable", *extra])
    lines = result.output.strip().splitlines()
    return result.exit_code, lines


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_nothing_changed_checks_nothing(repo: Path) -> None:
    code, lines = _validate(repo, "--changed-since", "HEAD")
    assert code == 0
    assert lines[-1].startswith("0 file(s) checked")


def test_an_unstaged_change_is_checked_like_a_full_run(repo: Path) -> None:
    _edit(repo / "findings" / "r1.yaml", 'content: "08"', 'content: "99"')
    code, changed = _validate(repo, "--changed-since", "HEAD")
    assert code == 1
    assert changed[-1].startswith("1 file(s) checked: 1 error(s)")
    _, full = _validate(repo)
    assert changed[:-1] == full[:-1]  # the same problem, found with the same words and place
    assert "unknown-content-code" in changed[0]


def test_a_staged_change_and_a_new_file_count(repo: Path) -> None:
    _edit(repo / "findings" / "r1.yaml", 'content: "08"', 'content: "99"')
    _git(repo, "add", "findings/r1.yaml")
    copy = repo / "findings" / "r1-copy.yaml"  # untracked, repeating the ids of r1.yaml
    shutil.copyfile(repo / "findings" / "r1.yaml", copy)
    code, lines = _validate(repo, "--changed-since", "HEAD")
    assert code == 1
    assert lines[-1].startswith("2 file(s) checked")
    assert any("r1.yaml" in line and "unknown-content-code" in line for line in lines)


def test_an_id_clash_with_an_unchanged_file_is_reported_in_the_changed_one(repo: Path) -> None:
    # r1-copy.yaml sorts before r1.yaml: a full run reports the clash in the unchanged r1.yaml,
    # a run over the changes must still see it, in the file that changed.
    shutil.copyfile(repo / "findings" / "r1.yaml", repo / "findings" / "r1-copy.yaml")
    code, lines = _validate(repo, "--changed-since", "HEAD")
    assert code == 1
    clashes = [line for line in lines if "duplicate-id" in line]
    assert clashes and all(line.startswith("findings/r1-copy.yaml") for line in clashes)
    assert "(first in findings/r1.yaml:12)" in clashes[0]


def test_a_number_clash_with_the_unchanged_register_is_reported_in_the_changed_file(
    repo: Path,
) -> None:
    # A full run reports a registered number that a letter has at the register (inspect.yaml);
    # here the register is unchanged, so the clash is reported in the letter that changed.
    with (repo / "inspect.yaml").open("a", encoding="utf-8") as handle:
        handle.write("issued:\n  - {number: 岚乡振〔2026〕5号, bulletin: 2026-09}\n")
    _git(repo, "commit", "-qam", "register a bulletin")
    _edit(repo / "findings" / "r1.yaml", "〔2026〕3号", "〔2026〕5号")
    code, lines = _validate(repo, "--changed-since", "HEAD")
    assert code == 1
    assert lines[0].startswith("findings/r1.yaml:7:11: error issued-number-reused")
    assert "(inspect.yaml:10)" in lines[0]
    _, full = _validate(repo)
    assert full[0].startswith("inspect.yaml:10:14: error issued-number-reused")
    assert "(findings/r1.yaml:7)" in full[0]


def test_a_changed_plan_brings_its_findings(repo: Path) -> None:
    _edit(repo / "plans" / "r1.yaml", "id: R1", "id: R1-renamed")
    _git(repo, "commit", "-qam", "rename the round")
    code, lines = _validate(repo, "--changed-since", "HEAD~1")
    assert code == 1
    assert any(line.startswith("findings/r1.yaml") and "unknown-plan" in line for line in lines)
    assert lines[-1].startswith("2 file(s) checked")


def test_a_changed_settings_file_checks_everything(repo: Path) -> None:
    _edit(repo / "inspect.yaml", "kind: settings", "# edited\nkind: settings")
    code, lines = _validate(repo, "--changed-since", "HEAD")
    _, full = _validate(repo)
    assert lines == full
    assert code == 0


def test_problems_of_unchanged_files_are_left_out(repo: Path) -> None:
    _edit(repo / "findings" / "r1.yaml", 'content: "08"', 'content: "99"')
    _git(repo, "commit", "-qam", "a bad code")
    (repo / "notes.md").write_text("not a case file\n", encoding="utf-8")
    code, lines = _validate(repo, "--changed-since", "HEAD")
    assert code == 0
    assert lines == ["0 file(s) checked, no problems"]
    assert _validate(repo, "--changed-since", "HEAD~1")[0] == 1


def test_a_deleted_case_file_checks_everything(repo: Path) -> None:
    _git(repo, "rm", "-q", "plans/r1.yaml")
    code, lines = _validate(repo, "--changed-since", "HEAD")
    assert code == 1
    assert any("unknown-plan" in line for line in lines)


def test_a_case_repository_in_a_subfolder(tmp_path: Path) -> None:
    top = tmp_path / "work"
    root = make_repo(None, top / "cases")
    _git(top, "init", "-q")
    _git(top, "add", "-A")
    _git(top, "commit", "-q", "-m", "base")
    (top / "outside.yaml").write_text("kind: nonsense\n", encoding="utf-8")
    _edit(root / "findings" / "r1.yaml", 'content: "08"', 'content: "99"')
    code, lines = _validate(root, "--changed-since", "HEAD")
    assert code == 1
    assert lines[-1].startswith("1 file(s) checked")


def test_not_a_git_repository(tmp_path: Path) -> None:
    root = make_repo(None, tmp_path / "plain")
    result = runner.invoke(app, ["validate", str(root), "--changed-since", "HEAD"])
    assert result.exit_code == 2
    assert "needs a git repository" in result.output


def test_an_unknown_revision(repo: Path) -> None:
    result = runner.invoke(app, ["validate", str(repo), "--changed-since", "no-such-branch"])
    assert result.exit_code == 2
    assert "git knows no commit `no-such-branch`" in result.output
    result = runner.invoke(app, ["validate", str(repo), "--changed-since", "--output=x"])
    assert result.exit_code == 2  # an option in disguise is not passed on to git


# --- which files a change puts in question --------------------------------------------------


def _plan(plan_id: str) -> Entry:
    facts = PlanFacts(plan_id, "supervision", None, None, (), (), None, None)  # type: ignore[arg-type]
    return Entry(b"", "plan", facts, [])


def _findings(plan_id: str) -> Entry:
    return Entry(b"", "findings", FindingsFacts(plan_id, None, None, None, ()), [])


ENTRIES = {
    "inspect.yaml": Entry(b"", "settings", None, []),
    "policy.yaml": Entry(b"", "policy", None, []),
    "plans/a.yaml": _plan("A"),
    "plans/b.yaml": _plan("B"),
    "findings/a1.yaml": _findings("A"),
    "findings/a2.yaml": _findings("A"),
    "findings/b1.yaml": _findings("B"),
    "findings/orphan.yaml": _findings("gone"),
}


@pytest.mark.parametrize(
    ("present", "deleted", "expected"),
    [
        ({"findings/a1.yaml"}, set(), {"findings/a1.yaml"}),
        ({"plans/a.yaml"}, set(), {"plans/a.yaml", "findings/a1.yaml", "findings/a2.yaml",
                                   "findings/orphan.yaml"}),
        ({"README.md", "templates/letter.docx"}, set(), set()),
        ({"inspect.yaml"}, set(), None),
        ({"policy.yaml"}, set(), None),
        ({"roster.csv"}, set(), None),
        (set(), {"findings/old.yaml"}, None),
        (set(), {"notes.md"}, set()),
    ],
)  # fmt: skip
def test_affected(present: set[str], deleted: set[str], expected: set[str] | None) -> None:
    changes = Changes(frozenset(present), frozenset(deleted))
    assert affected(changes, ENTRIES, "roster.csv") == expected
