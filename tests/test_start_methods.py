"""The parallel stages give the same output however their processes start: fork, spawn (the
way of Windows and macOS), or none at all (one process). The roster is read in threads by
its engine: no process is started for it, whatever the start method."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from inspectcli.cli.root import app
from inspectcli.pipeline import validate

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from bench_sample import DRAW
from make_repo import generate

FINDINGS_FILES = 100  # over validate's PARALLEL_THRESHOLD
PADDING = "999县"  # a county of made-up households: a roster of 96,000 rows
COUNTIES = "001县,002县"
SAMPLE = ["sample", "--counties", COUNTIES, *DRAW]
REPORT = ["--period", "2024", "--as-of", "2025-01-15", "--format", "json", "--no-cache"]
Outputs = list[tuple[int, str, str]]


def padding_rows() -> Iterator[str]:
    """Rows as an export has them; ID numbers of region 000000, which no place has."""
    for town in range(10):
        for village in range(30):
            for number in range(320):
                yield (
                    f"{PADDING},填充{town}镇,填充{village}村,面上村,"
                    f"B999-{town:02d}{village:02d}-{number:04d},户主{number:04d},已脱贫户,"
                    f"{number % 6 + 1},000000198001{number % 28 + 1:02d}{number:04d},"
                    f"100{number:08d}\n"
                )


@pytest.fixture(scope="module")
def repos(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A clean repository, and a copy with errors in a file and in the roster's last rows
    (which a second process reads)."""
    folder = tmp_path_factory.mktemp("start-methods")
    clean = folder / "clean"
    generate(clean, FINDINGS_FILES)
    with (clean / "roster" / "households.csv").open("a", encoding="utf-8") as handle:
        handle.writelines(padding_rows())
    assert FINDINGS_FILES > validate.PARALLEL_THRESHOLD
    broken = folder / "broken"
    shutil.copytree(clean, broken)
    (broken / "findings" / "broken.yaml").write_text(
        "kind: findings\nversion: 1\nplan: P00001\n", encoding="utf-8"
    )
    with (broken / "roster" / "households.csv").open("a", encoding="utf-8") as handle:
        handle.write(f"{PADDING},填充0镇,填充0村,面上村,B999-0000-0000,户主,已脱贫户,2,,\n")
        handle.write(f"{PADDING},填充0镇,填充0村,面上村,B999-X,户主,不详,2,,\n")
        handle.write(f"{PADDING},填充0镇,,面上村,B999-Y,户主,已脱贫户,2,,\n")
    return clean, broken


def run_all(clean: Path, broken: Path) -> Outputs:
    runner = CliRunner()
    commands = [
        ["--lang", "zh", "validate", str(broken), "--no-cache", "--format", "json"],
        [*SAMPLE, "--roster", str(clean / "roster" / "households.csv")],
        ["report", str(clean), *REPORT],
    ]
    results = [runner.invoke(app, command) for command in commands]
    return [(r.exit_code, r.stdout, r.stderr) for r in results]


def watched(patch: pytest.MonkeyPatch, repos: tuple[Path, Path]) -> list[str]:
    """The start method of every process started from now on; two cores, whatever the
    machine has; the commands run from the folder that holds both repositories."""
    methods: list[str] = []
    start = BaseProcess.start

    def counted(process: BaseProcess) -> None:
        methods.append(getattr(process, "_start_method", "?"))
        start(process)

    patch.setattr(BaseProcess, "start", counted)
    patch.setattr(os, "cpu_count", lambda: 2)
    patch.chdir(repos[0].parent)  # outside any repository: `sample --roster` needs none
    return methods


# Each run: a pool of two for validate and for the report; none for the sample.
PROCESSES = 2 + 0 + 2


@pytest.fixture(scope="module")
def normal(repos: tuple[Path, Path]) -> tuple[Outputs, list[str]]:
    """The outputs as the platform runs the commands, and the processes started."""
    with pytest.MonkeyPatch.context() as patch:
        started = watched(patch, repos)
        outputs = run_all(*repos)
    assert [code for code, _, _ in outputs] == [1, 0, 0], outputs
    assert "csv-bad-choice" in outputs[0][1]
    assert "missing-field" in outputs[0][1]
    return outputs, started


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork is Linux's way")
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork is Linux's default")
def test_fork_on_linux(normal: tuple[Outputs, list[str]]) -> None:
    # A command starts with no other thread, so it forks. This test process may already
    # hold the native thread pool of an earlier test's large roster: then it spawns, as
    # forking a process with threads can deadlock.
    code = "from inspectcli.repo import parallel; print(parallel._method())"
    fresh = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert fresh.stdout.strip() == "fork", fresh.stderr
    assert set(normal[1]) <= {"fork", "spawn"} and len(normal[1]) == PROCESSES


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork is Linux's default")
def test_never_fork_beside_a_native_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    from inspectcli.repo import parallel

    monkeypatch.setattr(multiprocessing, "get_start_method", lambda allow_none=False: None)
    monkeypatch.setattr(parallel, "_threads", lambda: 1)
    assert parallel._method() == "fork"
    monkeypatch.setattr(parallel, "_threads", lambda: 3)  # e.g. pyarrow's, unseen by threading
    assert parallel._method() == "spawn"


def test_spawn_where_fork_is_missing(
    repos: tuple[Path, Path], normal: tuple[Outputs, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    get_context = multiprocessing.get_context

    def without_fork(method: str | None = None) -> BaseContext:
        if method == "fork":
            raise ValueError("cannot find context for 'fork'")
        return get_context(method)

    started = watched(monkeypatch, repos)
    monkeypatch.setattr(multiprocessing, "get_context", without_fork)
    assert run_all(*repos) == normal[0]
    assert started == ["spawn"] * PROCESSES


def test_one_process_where_none_can_start(
    repos: tuple[Path, Path], normal: tuple[Outputs, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    refusals: list[str] = []

    def refused(process: BaseProcess) -> None:
        refusals.append(getattr(process, "_start_method", "?"))
        raise PermissionError("no new process")

    watched(monkeypatch, repos)
    monkeypatch.setattr(BaseProcess, "start", refused)
    assert run_all(*repos) == normal[0]
    assert len(refusals) == 1 + 0 + 1  # a pool stops at its first refusal


# Runs `inspect` with the start method set to spawn before anything else, as a program
# that embeds it may do; prints the method of every process started on stderr.
SPAWNED = """
import multiprocessing, sys
from multiprocessing.process import BaseProcess
multiprocessing.set_start_method("spawn")
start = BaseProcess.start
def counted(process):
    print("started:", process._start_method, file=sys.stderr)
    start(process)
BaseProcess.start = counted
from inspectcli.cli.app import main
main()
"""


def inspect_process(
    script: str, arguments: list[str], cwd: Path, *options: str
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "INSPECT_LANG": "en"}
    command = [sys.executable, *options, "-c", script, *arguments]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def test_spawn_for_real(repos: tuple[Path, Path], normal: tuple[Outputs, list[str]]) -> None:
    clean, broken = repos
    commands = [
        (0, ["--lang", "zh", "validate", str(broken), "--no-cache", "--format", "json"]),
        (1, [*SAMPLE, "--roster", str(clean / "roster" / "households.csv")]),
    ]
    for index, arguments in commands:
        result = inspect_process(SPAWNED, arguments, clean.parent)
        assert (result.returncode, result.stdout) == normal[0][index][:2], result.stderr
        methods = [line for line in result.stderr.splitlines() if line.startswith("started:")]
        if arguments[0] == "sample":
            assert methods == [], result.stderr  # the roster needs no other process
        else:
            assert methods and set(methods) == {"started: spawn"}, result.stderr


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a terminal for the progress bar")
def test_no_fork_warning_with_the_progress_bar(repos: tuple[Path, Path]) -> None:
    """Python 3.12+ warns when a process with threads forks: the bar's thread must not be
    running when a process forks. ``-W always``: under ``-W error`` CPython drops the
    warning unseen."""
    clean, _ = repos
    script = (  # a bar for any number of files
        "from inspectcli.output import progress\nprogress.SHOW_FROM = 1\n"
        "from inspectcli.cli.app import main\nmain()\n"
    )
    arguments = ["validate", str(clean), "--no-cache", "--jobs", "2"]
    command = [sys.executable, "-W", "always::DeprecationWarning", "-c", script, *arguments]
    code, stdout, terminal = in_terminal(command, clean.parent)
    assert "multi-threaded" not in terminal + stdout
    assert code == 0, terminal
    assert "no problems" in terminal  # the summary: standard error, beside the bar
    assert "━" in terminal, "no progress bar was shown: the test proves nothing"


def in_terminal(command: list[str], cwd: Path) -> tuple[int, str, str]:
    """Exit code, stdout and what went to stderr, a terminal (so the progress bar shows)."""
    leader, follower = os.openpty()
    env = {**os.environ, "INSPECT_LANG": "en", "TERM": "xterm", "COLUMNS": "100"}
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=follower)
    os.close(follower)
    received: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(leader, 65536)
            except OSError:  # the terminal closed with the process
                return
            if not data:
                return
            received.append(data)

    reader = threading.Thread(target=drain)
    reader.start()
    assert process.stdout is not None
    stdout = process.stdout.read().decode()
    code = process.wait()
    reader.join()
    os.close(leader)
    return code, stdout, b"".join(received).decode(errors="replace")
