"""Two commands editing one findings file at the same moment: no update is ever lost.

Every update either is in the file afterwards or its command exited 1 saying why; none
reports success and vanishes. The pairs run in worker processes through the library (as
the command does, from loading the repository to writing the file), and a few through the
real command line.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import subprocess
import sys
from multiprocessing.synchronize import Barrier
from pathlib import Path

import pytest

from inspectcli.pipeline.validate import validate_root
from inspectcli.repo.locked import EditRefused, edit_file, lock_path, locked

from ..tracking.helpers import copy_examples, run

FILE = "findings/2026-09-g1-hecheng.yaml"
DATE = dt.date(2026, 11, 21)
PAIRS = 50
COMMAND = (sys.executable, "-m", "inspectcli")
_start: Barrier | None = None


def _ready(barrier: Barrier) -> None:
    global _start
    _start = barrier


def _update(root: str, finding: str, note: str) -> str:
    """One `inspect finding update` in a worker: load, wait for the other one, edit."""
    from functools import partial

    from inspectcli.pipeline.repository import open_repository
    from inspectcli.tracking import lifecycle
    from inspectcli.tracking.store import apply

    repository = open_repository(Path(root))
    transition = partial(lifecycle.update, note=note, date=DATE, status=None, evidence=())
    assert _start is not None
    _start.wait()
    try:
        apply(repository, finding, transition)
    except EditRefused as refused:
        return f"refused: {refused}"
    return "recorded"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = copy_examples(tmp_path / "repo")
    # Both findings take progress notes from now on.
    run(root, "2026-09-HC-06", "update", note="已入户", date=DATE, status="rectifying")
    return root


def _pair(index: int) -> tuple[str, str]:
    """Two different findings, or the same finding twice, in turn."""
    return ("2026-09-HC-06" if index % 2 else "2026-09-HC-07"), "2026-09-HC-07"


def test_fifty_simultaneous_pairs_lose_no_update(repo: Path) -> None:
    context = multiprocessing.get_context("spawn")
    with context.Pool(2, initializer=_ready, initargs=(context.Barrier(2),)) as pool:
        results: dict[str, str] = {}
        for index in range(PAIRS):
            first, second = _pair(index)
            notes = (f"甲{index}号进展", f"乙{index}号进展")
            jobs = [
                pool.apply_async(_update, (str(repo), finding, note))
                for finding, note in zip((first, second), notes, strict=True)
            ]
            for note, job in zip(notes, jobs, strict=True):
                results[note] = job.get(timeout=60)
    text = (repo / FILE).read_text(encoding="utf-8")
    for note, result in results.items():
        if result == "recorded":
            assert note in text, f"{note} was reported recorded but is not in the file"
        else:
            assert "run the command again" in result
    # Waiting for the lock, the second of a pair lands after the first: refusals are rare.
    assert sum(r == "recorded" for r in results.values()) >= PAIRS
    assert not any(name.endswith(".lock") for name in os.listdir(repo / "findings"))
    assert validate_root(repo, cache_dir=None, jobs=1).problems == []


def test_simultaneous_commands_lose_no_update(repo: Path) -> None:
    for index in range(3):
        notes = {finding: f"命令{index}-{finding}" for finding in _pair(index + 1)}
        options = ["--date", DATE.isoformat(), "--repo", str(repo)]
        started = {
            note: subprocess.Popen(
                [*COMMAND, "finding", "update", finding, "--note", note, *options],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for finding, note in notes.items()
        }
        ended = {note: (p.wait(timeout=120), p.communicate()[1]) for note, p in started.items()}
        text = (repo / FILE).read_text(encoding="utf-8")
        for note, (code, err) in ended.items():
            assert (code == 0 and note in text) or (code == 1 and "run the command again" in err)
    assert not any(name.endswith(".lock") for name in os.listdir(repo / "findings"))


def test_a_change_by_a_writer_without_the_lock_is_kept(tmp_path: Path) -> None:
    """An editor saves between the read and the replace: the change is applied again."""
    target = tmp_path / "count.txt"
    target.write_bytes(b"1\n")
    calls: list[bytes] = []

    def add_line(raw: bytes) -> bytes:
        calls.append(raw)
        if len(calls) == 1:
            target.write_bytes(raw + b"saved by an editor\n")
        return raw + b"added\n"

    edit_file(target, add_line)
    assert target.read_bytes() == b"1\nsaved by an editor\nadded\n"
    assert len(calls) == 2


def test_a_file_that_keeps_changing_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    target = tmp_path / "r1.yaml"
    target.write_bytes(b"0\n")

    def racing(raw: bytes) -> bytes:
        target.write_bytes(raw + b"x\n")  # another writer, every time
        return b"mine\n"

    with pytest.raises(EditRefused, match="changed by someone else"):
        edit_file(target, racing)
    assert b"mine" not in target.read_bytes()
    assert not lock_path(target).exists()


def test_a_held_lock_times_out_with_what_to_do(tmp_path: Path) -> None:
    target = tmp_path / "r1.yaml"
    target.write_bytes(b"a\n")
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(target)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(EditRefused, match="another command") as refused:
            edit_file(target, lambda raw: b"b\n", timeout=0.3)
        assert str(target) in str(refused.value)
        assert target.read_bytes() == b"a\n"
    finally:
        holder.kill()
        holder.wait()
    # The holder died without releasing: its lock went with it.
    edit_file(target, lambda raw: b"b\n", timeout=5)
    assert target.read_bytes() == b"b\n"
    assert not lock_path(target).exists()


_HOLD = """
import sys, time
from pathlib import Path
from inspectcli.repo.locked import locked
with locked(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(60)
"""


def test_a_lock_file_left_behind_does_not_block(tmp_path: Path) -> None:
    target = tmp_path / "r1.yaml"
    target.write_bytes(b"a\n")
    lock_path(target).write_bytes(b"")  # as a killed process may leave it
    with locked(target, timeout=1):
        pass
    assert not lock_path(target).exists()


def test_init_ignores_lock_files_a_killed_command_leaves() -> None:
    from fnmatch import fnmatch
    from importlib import resources

    lines = (resources.files("inspectcli") / "scaffold/files/gitignore").read_text("utf-8")
    name = lock_path(Path("findings/r1.yaml")).name
    assert any(fnmatch(name, line) for line in lines.splitlines() if line[:1] not in ("#", ""))


# --- `inspect sample` ------------------------------------------------------------------------


@pytest.fixture
def plan_repo(tmp_path: Path) -> Path:
    from ..validate.helpers import make_repo

    root = make_repo(None, tmp_path / "repo")
    plan = root / "plans" / "r1.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text[: text.index("sample:")], encoding="utf-8")
    return root


def test_two_simultaneous_draws_record_one_and_refuse_the_other(plan_repo: Path) -> None:
    plan = plan_repo / "plans" / "r1.yaml"
    started = {
        seed: subprocess.Popen(
            [*COMMAND, "sample", str(plan), "--seed", seed],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=plan_repo,
        )
        for seed in ("seed-one", "seed-two")
    }
    ended = {seed: (p.wait(timeout=120), p.communicate()[1]) for seed, p in started.items()}
    recorded = [seed for seed, (code, _) in ended.items() if code == 0]
    text = plan.read_text(encoding="utf-8")
    assert len(recorded) <= 2 and text.count("seed:") == 1
    for seed, (code, err) in ended.items():
        if code == 0:
            assert f'seed: "{seed}"' in text
        else:
            assert code == 1 and ("already has a sample" in err or "run `inspect sample`" in err)


def test_a_draw_is_not_written_into_a_plan_changed_meanwhile(plan_repo: Path) -> None:
    from inspectcli.sampling import run as sampling

    plan = plan_repo / "plans" / "r1.yaml"
    repository = sampling.open_repository(plan_repo)
    text = plan.read_text(encoding="utf-8")
    plan.write_text("# 只改了注释\n" + text, encoding="utf-8")  # a comment: the draw still fits
    sampling.sample_plan(repository, plan, sampling.Request({}, seed="s1"))
    assert 'seed: "s1"' in plan.read_text(encoding="utf-8")

    plan.write_text(text.replace("2026-09-09", "2026-09-10"), encoding="utf-8")
    repository = sampling.open_repository(plan_repo)
    plan.write_text(text, encoding="utf-8")  # changed back after the repository was read
    with pytest.raises(sampling.SampleError, match="changed by someone else"):
        sampling.sample_plan(repository, plan, sampling.Request({}, seed="s2"))
    assert plan.read_text(encoding="utf-8") == text


def test_validate_ignores_a_lock_file_left_behind(repo: Path) -> None:
    lock_path(repo / FILE).write_bytes(b"")  # as `kill -9` during an edit leaves it
    assert validate_root(repo, cache_dir=None, jobs=1).problems == []
