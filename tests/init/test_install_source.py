"""What the CI and pre-commit files of `inspect init` install: where the running copy came
from (PEP 610 direct_url.json) or `--install`; and that a runner can really install it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
import yaml
from rich.cells import cell_len
from typer.testing import CliRunner

from inspectcli import __version__
from inspectcli.cli.root import app
from inspectcli.scaffold import InitOptions, repository_files
from inspectcli.scaffold.source import (
    UnknownSource,
    git_repository,
    install_spec,
    running_install_spec,
)

runner = CliRunner()
PROJECT = Path(__file__).parents[2]
AUTHORITY = ["--authority", "青禾市乡村振兴局", "--short-name", "青乡振"]
COMMIT = "0123456789abcdef0123456789abcdef01234567"
REPOSITORY = "https://git.example.org/office/inspectcli.git"
WORKFLOW = ".github/workflows/inspect.yml"


def _direct_url(record: dict[str, Any]) -> str:
    return json.dumps(record)


# --- the source of the running copy ---------------------------------------------------------


def test_a_copy_from_an_index_is_pinned_to_its_version() -> None:
    assert install_spec(None, "0.3.1") == "inspectcli==0.3.1"


def test_a_copy_from_git_is_pinned_to_its_commit_not_the_ref_asked_for() -> None:
    record = {
        "url": REPOSITORY,
        "vcs_info": {"vcs": "git", "commit_id": COMMIT, "requested_revision": "main"},
    }
    assert install_spec(_direct_url(record), "0.1.0") == f"git+{REPOSITORY}@{COMMIT}"


def test_a_remote_archive_keeps_its_hash() -> None:
    url = "https://files.example.org/inspectcli-0.1.0-py3-none-any.whl"
    hashes = {"url": url, "archive_info": {"hashes": {"sha256": "ab" * 32}}}
    assert install_spec(_direct_url(hashes), "0.1.0") == f"inspectcli @ {url}#sha256={'ab' * 32}"
    legacy = {"url": url, "archive_info": {"hash": "sha256=" + "cd" * 32}}
    assert install_spec(_direct_url(legacy), "0.1.0") == f"inspectcli @ {url}#sha256={'cd' * 32}"
    bare = {"url": url, "archive_info": {}}
    assert install_spec(_direct_url(bare), "0.1.0") == f"inspectcli @ {url}"


@pytest.mark.parametrize(
    "record",
    [
        {"url": "file:///home/officer/inspectcli", "dir_info": {"editable": True}},
        {"url": "file:///home/officer/inspectcli", "dir_info": {}},
        {"url": "file:///tmp/inspectcli-0.1.0-py3-none-any.whl", "archive_info": {}},
        {"url": "file:///home/officer/inspectcli", "vcs_info": {"vcs": "git", "commit_id": COMMIT}},
    ],
    ids=["editable", "folder", "local-wheel", "local-git"],
)
def test_a_local_source_is_unknown_because_a_runner_does_not_have_it(
    record: dict[str, Any],
) -> None:
    with pytest.raises(UnknownSource) as unknown:
        install_spec(_direct_url(record), "0.1.0")
    assert "file:///" in unknown.value.why


@pytest.mark.parametrize("text", ["{", "[]", '{"url": ""}', f'{{"url": "{REPOSITORY}"}}'])
def test_an_unreadable_record_is_unknown(text: str) -> None:
    with pytest.raises(UnknownSource):
        install_spec(text, "0.1.0")


class _Distribution:
    def __init__(self, version: str, direct_url: str | None) -> None:
        self.version = version
        self._direct_url = direct_url

    def read_text(self, name: str) -> str | None:
        return self._direct_url if name == "direct_url.json" else None


def _installed(monkeypatch: pytest.MonkeyPatch, distribution: _Distribution | None) -> None:
    def lookup(name: str) -> _Distribution:
        if distribution is None:
            raise metadata.PackageNotFoundError(name)
        return distribution

    monkeypatch.setattr(metadata, "distribution", lookup)


def test_the_running_copy_is_read_from_its_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    _installed(monkeypatch, _Distribution(__version__, None))
    assert running_install_spec() == f"inspectcli=={__version__}"
    _installed(monkeypatch, _Distribution("0.0.1", None))  # metadata of another copy
    with pytest.raises(UnknownSource):
        running_install_spec()
    _installed(monkeypatch, None)
    with pytest.raises(UnknownSource):
        running_install_spec()


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (f"git+{REPOSITORY}@v0.1.0", (REPOSITORY, "v0.1.0")),
        (f"inspectcli @ git+{REPOSITORY}@{COMMIT}", (REPOSITORY, COMMIT)),
        (
            "git+ssh://git@git.example.org/office/inspectcli.git@v1",
            ("ssh://git@git.example.org/office/inspectcli.git", "v1"),
        ),
        ("git+ssh://git@git.example.org/office/inspectcli.git", None),
        (f"git+{REPOSITORY}", None),
        ("inspectcli==0.1.0", None),
        ("vendor/inspectcli-0.1.0-py3-none-any.whl", None),
    ],
)
def test_a_git_requirement_gives_pre_commit_its_repository_and_revision(
    spec: str, expected: tuple[str, str] | None
) -> None:
    assert git_repository(spec) == expected


# --- inspect init ---------------------------------------------------------------------------


def test_init_installs_in_ci_what_the_running_copy_came_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = {"url": REPOSITORY, "vcs_info": {"vcs": "git", "commit_id": COMMIT}}
    _installed(monkeypatch, _Distribution(__version__, _direct_url(record)))
    target = tmp_path / "cases"
    result = runner.invoke(
        app, ["init", str(target), "--preset", "daan", "--ci", "github", *AUTHORITY]
    )
    assert result.exit_code == 0, result.output
    assert f"pip install git+{REPOSITORY}@{COMMIT}" in result.output
    workflow = yaml.safe_load((target / WORKFLOW).read_text(encoding="utf-8"))
    assert workflow["jobs"]["inspect"]["env"]["INSPECTCLI"] == f"git+{REPOSITORY}@{COMMIT}"
    config = yaml.safe_load((target / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert config["repos"] == [
        {"repo": REPOSITORY, "rev": COMMIT, "hooks": [{"id": "inspect-validate"}]}
    ]


def test_install_overrides_the_running_copy_in_ci_and_pre_commit() -> None:
    files = repository_files(
        InitOptions("daan", "甲", "乙", ci="gitlab", install="inspectcli==9.9")
    )
    job = yaml.safe_load(files[".gitlab-ci.yml"])["inspect"]
    assert job["variables"]["INSPECTCLI"] == "inspectcli==9.9"
    (repository,) = yaml.safe_load(files[".pre-commit-config.yaml"])["repos"]
    assert repository["repo"] == "local"
    assert repository["hooks"][0]["additional_dependencies"] == ["inspectcli==9.9"]


@pytest.mark.parametrize(
    "distribution", [None, _Distribution(__version__, '{"url": "file:///x", "dir_info": {}}')]
)
def test_an_unknown_source_without_install_exits_1_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, distribution: _Distribution | None
) -> None:
    _installed(monkeypatch, distribution)
    target = tmp_path / "cases"
    result = runner.invoke(
        app, ["init", str(target), "--preset", "daan", "--ci", "github", *AUTHORITY]
    )
    assert result.exit_code == 1
    assert "--install" in result.output and "git+https://" in result.output
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_unknown_source_error_says_what_failed_then_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    """It was one line of 400 characters: now a short line, then the way out."""
    _installed(monkeypatch, _Distribution(__version__, '{"url": "file:///x", "dir_info": {}}'))
    arguments = ["--lang", language, "init", str(tmp_path / "cases"), "--preset", "daan"]
    result = runner.invoke(app, [*arguments, "--ci", "gitlab", *AUTHORITY])
    assert result.exit_code == 1
    failed, what_to_do = result.stderr.splitlines()
    assert cell_len(failed) <= 80 and "CI" in failed and "pre-commit" in failed
    assert "file:///x" in what_to_do and "--install" in what_to_do


LOCAL_SOURCES = [
    None,  # run from a source folder: no metadata
    _Distribution(
        __version__,
        _direct_url({"url": "file:///home/o/inspectcli", "dir_info": {"editable": True}}),
    ),
    _Distribution(
        __version__, _direct_url({"url": "file:///tmp/inspectcli-0.1.0.whl", "archive_info": {}})
    ),
]


@pytest.mark.parametrize("distribution", LOCAL_SOURCES)
@pytest.mark.parametrize("language", ["en", "zh"])
def test_without_ci_a_local_copy_makes_a_repository_whose_hook_runs_this_machines_inspect(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    distribution: _Distribution | None,
    language: str,
) -> None:
    """One laptop, no CI: an editable checkout or a local wheel needs no --install."""
    _installed(monkeypatch, distribution)
    target = tmp_path / "cases"
    arguments = ["--lang", language, "init", str(target), "--preset", "heyuan", *AUTHORITY]
    result = runner.invoke(app, arguments)
    assert result.exit_code == 0, result.output
    assert "--ci" in result.stderr and "pip install" not in result.stderr
    assert not (target / WORKFLOW).exists() and not (target / ".gitlab-ci.yml").exists()
    config = yaml.safe_load((target / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (repository,) = config["repos"]
    (hook,) = repository["hooks"]
    assert repository["repo"] == "local" and hook["language"] == "system"
    assert "additional_dependencies" not in hook
    (published,) = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    for key in ("id", "name", "entry", "files", "pass_filenames", "require_serial"):
        assert hook[key] == published[key], key
    assert runner.invoke(app, ["validate", str(target)]).exit_code == 0


# --- a runner installs what the workflow names ----------------------------------------------


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """inspectcli built as a wheel once per test session, offline (the dev extra brings
    setuptools), from a copy of the sources so that the checkout stays clean."""
    pytest.importorskip("setuptools.command.bdist_wheel", reason="setuptools >= 70.1 builds wheels")
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(PROJECT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(PROJECT / "src", source / "src", ignore=ignore)
    out = tmp_path_factory.mktemp("wheel")
    pip = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"]
    built = subprocess.run(
        [*pip, str(source), "-w", str(out)], capture_output=True, text=True, timeout=120
    )
    assert built.returncode == 0, built.stderr
    (found,) = out.glob("inspectcli-*.whl")
    return found


def _run_step(workflow: dict[str, Any], name: str, cwd: Path, env: dict[str, str]) -> None:
    """Run the script of the step ``name`` as the runner does (bash, stop at an error)."""
    steps = workflow["jobs"]["inspect"]["steps"]
    (script,) = [step["run"] for step in steps if step.get("name") == name]
    done = subprocess.run(
        ["bash", "-e", "-c", script], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, f"{name}: {done.stdout}{done.stderr}"


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_the_workflow_install_step_installs_a_wheel_committed_in_the_repository(
    tmp_path: Path, wheel: Path
) -> None:
    target = tmp_path / "cases"
    committed = f"vendor/{wheel.name}"
    result = runner.invoke(
        app,
        [
            "init",
            str(target),
            "--preset",
            "heyuan",
            "--ci",
            "github",
            *AUTHORITY,
            "--install",
            committed,
        ],
    )
    assert result.exit_code == 0, result.output
    (target / "vendor").mkdir()
    shutil.copy2(wheel, target / committed)
    workflow = yaml.safe_load((target / WORKFLOW).read_text(encoding="utf-8"))
    runner_temp, github_path = tmp_path / "runner", tmp_path / "github_path"
    runner_temp.mkdir()
    github_path.touch()
    # `python` is the interpreter of this test run (setup-python's part); pip may not reach
    # an index, and the dependencies come from this test run's environment afterwards.
    interpreters = tmp_path / "python"
    interpreters.mkdir()
    (interpreters / "python").symlink_to(sys.executable)
    env = {
        **os.environ,
        **workflow["jobs"]["inspect"]["env"],
        "PATH": f"{interpreters}{os.pathsep}{os.environ['PATH']}",
        "RUNNER_TEMP": str(runner_temp),
        "GITHUB_PATH": str(github_path),
        "PIP_NO_INDEX": "1",
        "PIP_NO_DEPS": "1",
    }
    env.pop("VIRTUAL_ENV", None)
    _run_step(workflow, "Install inspectcli", target, env)
    (bin_folder,) = github_path.read_text(encoding="utf-8").split()
    venv = Path(bin_folder).parent
    _borrow_dependencies(venv)
    env["PATH"] = f"{bin_folder}{os.pathsep}{env['PATH']}"
    where = subprocess.run(
        [str(venv / "bin/python"), "-c", "import inspectcli; print(inspectcli.__file__)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()).is_relative_to(venv)  # the wheel's copy, not ours
    for name in ("inspect validate", "inspect deadline"):
        _run_step(workflow, name, target, env)


def _borrow_dependencies(venv: Path) -> None:
    """Let the runner's fresh environment import this test run's installed dependencies
    (after its own packages), instead of downloading them."""
    (site,) = venv.glob("lib/python*/site-packages")
    purelib = sysconfig.get_paths()["purelib"]
    (site / "zz-test-dependencies.pth").write_text(purelib + "\n", encoding="utf-8")


# --- linters of the generated workflow ------------------------------------------------------


def _tool(name: str) -> str | None:
    beside = Path(sys.executable).parent / name  # installed in this environment
    return str(beside) if beside.is_file() else shutil.which(name)


def _generated_workflow(tmp_path: Path) -> Path:
    target = tmp_path / "cases"
    options = InitOptions("heyuan", "甲", "乙", ci="github", install=f"git+{REPOSITORY}@{COMMIT}")
    for relative, data in repository_files(options).items():
        if relative.startswith(".github/"):
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            (target / relative).write_bytes(data)
    return target


def test_the_workflow_passes_actionlint(tmp_path: Path) -> None:
    actionlint = _tool("actionlint")
    if actionlint is None:
        pytest.skip("actionlint is not installed (its PyPI package downloads it from GitHub)")
    target = _generated_workflow(tmp_path)
    done = subprocess.run(
        [actionlint, WORKFLOW], cwd=target, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_workflow_passes_zizmor_offline(tmp_path: Path) -> None:
    zizmor = _tool("zizmor")
    if zizmor is None:
        pytest.skip("zizmor is not installed (it is in the dev extra)")
    target = _generated_workflow(tmp_path)
    command = [zizmor, "--offline", "--persona", "pedantic", WORKFLOW]
    done = subprocess.run(command, cwd=target, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def _generated(tmp_path: Path, ci: str) -> dict[str, Path]:
    target = tmp_path / ci
    options = InitOptions("heyuan", "甲", "乙", ci=ci, install=f"git+{REPOSITORY}@{COMMIT}")
    written = {}
    for relative, data in repository_files(options).items():
        if relative.startswith((".github/", ".gitlab-ci")):
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            (target / relative).write_bytes(data)
            written[relative] = target / relative
    return written


@pytest.mark.parametrize(
    ("ci", "schema"), [("github", "vendor.github-workflows"), ("gitlab", "vendor.gitlab-ci")]
)
def test_the_ci_file_passes_its_published_schema(tmp_path: Path, ci: str, schema: str) -> None:
    """The schemas GitHub's and GitLab's own editors use, as check-jsonschema ships them
    (no network: --builtin-schema reads the package's copy)."""
    checker = _tool("check-jsonschema")
    if checker is None:
        pytest.skip("check-jsonschema is not installed (it is in the dev extra)")
    (path,) = _generated(tmp_path, ci).values()
    command = [checker, "--builtin-schema", schema, str(path)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    broken = path.with_name("broken-" + path.name)  # the check can fail: a key CI rejects
    broken.write_text(path.read_text(encoding="utf-8") + "\nworkflow_bogus: [\n  1\n]\n", "utf-8")
    done = subprocess.run([*command[:-1], str(broken)], capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
