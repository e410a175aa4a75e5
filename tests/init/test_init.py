"""`inspect init`: a repository that passes `inspect validate` at once, for every preset, and
nothing written when anything fails."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from inspectcli.cli.root import app
from inspectcli.presets import preset_names
from inspectcli.problems import Problem, Severity
from inspectcli.repo.roster import read_csv
from inspectcli.scaffold import InitOptions, ScaffoldError, init_repository, repository_files

runner = CliRunner()
PROJECT = Path(__file__).parents[2]
PINNED = "inspectcli==0.1.0"  # an explicit --install: the test run's own copy is editable
AUTHORITY = ["--authority", "青禾市乡村振兴局", "--short-name", "青乡振", "--install", PINNED]


def _init(target: Path, *extra: str) -> None:
    result = runner.invoke(app, ["init", str(target), *AUTHORITY, *extra])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("preset", preset_names())
@pytest.mark.parametrize("ci", [None, "github", "gitlab"])
def test_init_then_validate_and_deadline_exit_0(
    tmp_path: Path, preset: str, ci: str | None
) -> None:
    target = tmp_path / "cases"
    _init(target, "--preset", preset, *(["--ci", ci] if ci else []))
    validated = runner.invoke(app, ["validate", str(target)])
    assert validated.exit_code == 0, validated.output
    assert "no problems" in validated.output
    deadlines = runner.invoke(app, ["deadline", str(target)])
    assert deadlines.exit_code == 0, deadlines.output
    assert (target / ".github/workflows/inspect.yml").exists() == (ci == "github")
    assert (target / ".gitlab-ci.yml").exists() == (ci == "gitlab")


def test_the_repository_has_every_part(tmp_path: Path) -> None:
    options = InitOptions(
        "hainan", "青禾市乡村振兴局", "青乡振", install=PINNED, today=dt.date(2026, 11, 21)
    )
    written = init_repository(tmp_path / "cases", options)
    root = tmp_path / "cases"
    assert sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) == written
    settings = yaml.safe_load((root / "inspect.yaml").read_text(encoding="utf-8"))
    assert settings["authority"] == {"name": "青禾市乡村振兴局", "short_name": "青乡振"}
    assert settings["policy"] == {"preset": "hainan"}
    calendar = (root / "calendar/2027.yaml").read_text(encoding="utf-8")
    assert "State Council" in calendar and yaml.safe_load(calendar)["kind"] == "calendar"
    built_in = PROJECT / "src/inspectcli/templates/letter.docx"
    assert (root / "templates/letter.docx").read_bytes() == built_in.read_bytes()
    for folder in ("plans", "findings", "roster", "templates"):
        assert (root / folder / "README.md").is_file()
    assert (root / "schemas/findings.schema.json").is_file()
    assert "/out/" in (root / ".gitignore").read_text(encoding="utf-8")


def test_roster_template_is_a_header_row_the_reader_accepts_and_the_readme_documents(
    tmp_path: Path,
) -> None:
    files = repository_files(InitOptions("heyuan", "甲", "乙", install=PINNED))
    header = files["roster/households.csv"].decode()
    assert header.count("\n") == 1 and not header.startswith("#")
    roster, problems = read_csv("roster/households.csv", files["roster/households.csv"])
    assert problems == [] and roster is not None
    readme = files["roster/README.md"].decode()
    for column in header.strip().split(","):
        assert f"`{column}`" in readme
    # what the reader takes besides UTF-8 CSV, as the README of inspectcli says
    assert "not GBK" not in readme and "(GBK) is read" in readme and "`.xlsx`" in readme


def test_authority_with_yaml_specials_stays_text(tmp_path: Path) -> None:
    tricky = 'A: "b" #c'
    init_repository(tmp_path / "cases", InitOptions("daan", tricky, "0012", install=PINNED))
    settings = yaml.safe_load((tmp_path / "cases/inspect.yaml").read_text(encoding="utf-8"))
    assert settings["authority"] == {"name": tricky, "short_name": "0012"}


def test_a_non_empty_folder_is_refused_and_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "cases"
    target.mkdir()
    (target / "notes.txt").write_text("keep me", encoding="utf-8")
    result = runner.invoke(app, ["init", str(target), "--preset", "heyuan", *AUTHORITY])
    assert result.exit_code == 1
    assert "is not empty" in result.output
    assert [p.name for p in target.iterdir()] == ["notes.txt"]


def test_an_empty_folder_is_used(tmp_path: Path) -> None:
    target = tmp_path / "cases"
    target.mkdir()
    _init(target, "--preset", "daan")
    assert (target / "inspect.yaml").is_file()


def test_a_missing_parent_is_made(tmp_path: Path) -> None:
    _init(tmp_path / "a/b/cases", "--preset", "guangdong")
    assert (tmp_path / "a/b/cases/inspect.yaml").is_file()


def test_usage_errors_exit_2_and_write_nothing(tmp_path: Path) -> None:
    target = tmp_path / "cases"
    unknown = runner.invoke(app, ["init", str(target), "--preset", "heyaun", *AUTHORITY])
    assert unknown.exit_code == 2 and "did you mean `heyuan`" in unknown.output
    bad_ci = runner.invoke(app, ["init", str(target), "--preset", "daan", "--ci", "jenkins"])
    assert bad_ci.exit_code == 2
    missing = runner.invoke(app, ["init", str(target), "--preset", "daan"])
    assert missing.exit_code == 2 and "--authority, --short-name" in missing.output
    assert list(tmp_path.iterdir()) == []


def test_a_failed_check_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import inspectcli.scaffold as scaffold

    broken = Problem("inspect.yaml", 1, 1, Severity.ERROR, "x", "broken on purpose")
    monkeypatch.setattr(scaffold, "_validate", lambda root: [broken])
    result = runner.invoke(app, ["init", str(tmp_path / "cases"), "--preset", "daan", *AUTHORITY])
    assert result.exit_code == 1
    assert "nothing was written" in result.output and "inspect.yaml:1:1" in result.output
    assert list(tmp_path.iterdir()) == []  # neither the repository nor the staging folder


def test_a_failed_write_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import inspectcli.scaffold as scaffold

    real = scaffold._write_all

    def half_then_fail(root: Path, files: dict[str, bytes]) -> None:
        real(root, dict(list(files.items())[:3]))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(scaffold, "_write_all", half_then_fail)
    result = runner.invoke(app, ["init", str(tmp_path / "cases"), "--preset", "daan", *AUTHORITY])
    assert result.exit_code == 1 and "No space left on device" in result.output
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ScaffoldError):
        init_repository(tmp_path, InitOptions("nosuch", "甲", "乙", install=PINNED))


# --- CI and pre-commit ----------------------------------------------------------------------


def _ci(kind: str) -> dict[str, object]:
    files = repository_files(
        InitOptions(
            "heyuan", "甲", "乙", ci="github" if kind == "github" else "gitlab", install=PINNED
        )
    )
    name = ".github/workflows/inspect.yml" if kind == "github" else ".gitlab-ci.yml"
    loaded = yaml.safe_load(files[name])
    assert isinstance(loaded, dict)
    return loaded


def test_github_workflow_runs_on_push_and_daily_and_deadline_after_a_failed_validate() -> None:
    workflow = _ci("github")
    triggers = workflow[True]  # PyYAML reads the key `on` as true
    assert isinstance(triggers, dict) and "push" in triggers
    (schedule,) = triggers["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    # once every day: a deadline passes without any push
    assert minute.isdigit() and hour.isdigit() and (day, month, weekday) == ("*", "*", "*")
    steps = workflow["jobs"]["inspect"]["steps"]  # type: ignore[index]
    by_name = {step.get("name"): step for step in steps}
    assert by_name["inspect validate"]["run"] == "inspect validate"
    assert by_name["inspect deadline"]["if"] in ("${{ always() }}", "${{ !cancelled() }}")
    install = by_name["Install inspectcli"]["run"]
    assert '"$RUNNER_TEMP/inspect/bin/pip" install --quiet "$INSPECTCLI"' in install
    assert workflow["jobs"]["inspect"]["env"]["INSPECTCLI"] == PINNED  # type: ignore[index]


def test_github_actions_are_pinned_by_commit_and_permissions_are_minimal() -> None:
    workflow = _ci("github")
    assert workflow["permissions"] == {}
    job = workflow["jobs"]["inspect"]  # type: ignore[index]
    assert job["permissions"] == {"contents": "read"}
    uses = [step for step in job["steps"] if "uses" in step]
    assert [step["uses"].split("@")[0] for step in uses] == [
        "actions/checkout",
        "actions/setup-python",
    ]
    for step in uses:
        assert re.fullmatch(r"[0-9a-f]{40}", step["uses"].split("@")[1]), step["uses"]
    assert uses[0]["with"] == {"persist-credentials": False}
    text = repository_files(InitOptions("heyuan", "甲", "乙", ci="github", install=PINNED))
    for line in text[".github/workflows/inspect.yml"].decode().splitlines():
        if "uses:" in line:  # the release the commit belongs to, for whoever updates it
            assert re.search(r"@[0-9a-f]{40}  # v\d+\.\d+\.\d+$", line), line


def test_gitlab_job_runs_on_push_schedule_and_merge_requests() -> None:
    job = _ci("gitlab")["inspect"]
    assert isinstance(job, dict)
    sources = {
        re.fullmatch(r'\$CI_PIPELINE_SOURCE == "(\w+)"', rule["if"]).group(1)  # type: ignore[union-attr]
        for rule in job["rules"]
        if rule.get("when") != "never"
    }
    assert sources == {"push", "schedule", "merge_request_event"}
    assert job["variables"]["INSPECTCLI"] == PINNED
    assert job["script"] == [
        'python -m pip install --quiet "$INSPECTCLI"',
        "inspect validate --format gitlab > gl-code-quality-report.json || true",
        "inspect validate || failed=1",
        "inspect deadline || failed=1",
        'test -z "$failed"',
    ]
    # merge requests show the problems from the Code Quality report, even when the job fails
    assert job["artifacts"] == {
        "when": "always",
        "reports": {"codequality": "gl-code-quality-report.json"},
    }


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
@pytest.mark.parametrize(("validate", "deadline", "exit_code"), [(0, 0, 0), (1, 0, 1), (0, 1, 1)])
def test_gitlab_script_runs_deadline_after_a_failed_validate_and_fails_for_either(
    tmp_path: Path, validate: int, deadline: int, exit_code: int
) -> None:
    job = _ci("gitlab")["inspect"]
    assert isinstance(job, dict)
    ran = tmp_path / "ran"
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "inspect").write_text(
        f'#!/bin/sh\necho "$1" >> {ran}\n'
        f'[ "$1 $2" = "validate " ] && exit {validate}\n[ "$1" = deadline ] && exit {deadline}\n'
        "exit 0\n",
        encoding="utf-8",
    )
    (fake / "inspect").chmod(0o755)
    # GitLab runs the lines of `script` as one shell script that stops at the first failure.
    script = "set -eo pipefail\n" + "\n".join(job["script"][1:])
    done = subprocess.run(
        ["bash", "-c", script], cwd=tmp_path, env={"PATH": f"{fake}:/usr/bin:/bin"}
    )
    assert done.returncode == exit_code
    assert ran.read_text(encoding="utf-8").split() == ["validate", "validate", "deadline"]


def test_the_pre_commit_config_uses_the_published_hook() -> None:
    (published,) = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    config = yaml.safe_load(
        repository_files(InitOptions("daan", "甲", "乙", install=PINNED))[".pre-commit-config.yaml"]
    )
    (hook,) = config["repos"][0]["hooks"]
    for key in ("id", "name", "entry", "language", "files", "pass_filenames", "require_serial"):
        assert hook[key] == published[key], key
    assert published["id"] == "inspect-validate" and published["pass_filenames"] is False


@pytest.mark.skipif(
    shutil.which("pre-commit") is None or shutil.which("git") is None,
    reason="pre-commit is not installed",
)
def test_pre_commit_try_repo_runs_the_hook(tmp_path: Path) -> None:
    if subprocess.run(["git", "-C", str(PROJECT), "rev-parse"], capture_output=True).returncode:
        pytest.skip("the project is not a git checkout")
    target = tmp_path / "cases"
    _init(target, "--preset", "heyuan")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run([*git, "init", "-q"], cwd=target, check=True)
    subprocess.run([*git, "add", "."], cwd=target, check=True)
    subprocess.run([*git, "commit", "-qm", "cases"], cwd=target, check=True)
    run = ["pre-commit", "try-repo", str(PROJECT), "inspect-validate", "--all-files"]
    passed = subprocess.run(run, cwd=target, capture_output=True, text=True, timeout=600)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    (target / "plans/bad.yaml").write_text("kind: plan\nversion: 1\n", encoding="utf-8")
    subprocess.run([*git, "add", "."], cwd=target, check=True)
    failed = subprocess.run(run, cwd=target, capture_output=True, text=True, timeout=600)
    assert failed.returncode == 1 and "plans/bad.yaml" in failed.stdout


def test_github_publishes_the_site_from_the_default_branch_on_the_same_schedule() -> None:
    workflow = _ci("github")
    jobs = workflow["jobs"]
    assert isinstance(jobs, dict)
    site, pages = jobs["site"], jobs["pages"]
    assert "default_branch" in site["if"] and "github.ref" in site["if"]
    assert site["permissions"] == {"contents": "read"}
    runs = [step["run"] for step in site["steps"] if "run" in step]
    assert "inspect --lang zh site --out public" in runs
    upload = [s for s in site["steps"] if s.get("uses", "").startswith("actions/upload-pages")]
    assert upload[0]["with"] == {"path": "public"}
    assert pages["needs"] == "site"
    assert pages["permissions"] == {"pages": "write", "id-token": "write"}
    assert pages["environment"]["name"] == "github-pages"
    for step in [*site["steps"], *pages["steps"]]:
        if "uses" in step:
            assert re.fullmatch(r"[0-9a-f]{40}", step["uses"].split("@")[1]), step["uses"]
    # no trigger of its own: the site follows the pushes and the daily run of the checks
    assert "schedule" in workflow[True]  # type: ignore[operator]


def test_gitlab_pages_job_builds_the_site_on_the_default_branch() -> None:
    job = _ci("gitlab")["pages"]
    assert isinstance(job, dict)
    rules = [rule["if"] for rule in job["rules"]]
    assert all("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH" in rule for rule in rules)
    assert {re.search(r'== "(\w+)"', rule).group(1) for rule in rules} == {  # type: ignore[union-attr]
        "push",
        "schedule",
    }
    assert job["script"][-1] == "inspect --lang zh site --out public"
    assert job["artifacts"] == {"paths": ["public"]}
    assert job["variables"]["INSPECTCLI"] == PINNED
