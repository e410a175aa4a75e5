"""Time `inspect validate --history` on a repository of 10,000 findings files and 5,000
commits, against a plain cold `inspect validate` and the bare git passes, in the same run.

The history is built with `git fast-import`: the first commit holds the generated repository
(make_repo.py); each later commit adds progress updates, dated a day or two before the
commit, to the rectifying findings of ``--files-per-commit`` findings files. One update is
planted backdated (60 days before its commit) and one committed update is later reworded,
so that the run also checks what it reports. Every run is a fresh process with an empty
cache.

Measures (median of ``--repeat``):
  log        `git log --raw` over every commit (the bare listing pass)
  git        that listing and one `git cat-file --batch` of every version (gitlog.log)
  validate   `inspect validate` with an empty cache
  history    `inspect validate --history` with an empty cache

Usage: python benchmarks/bench_history.py [--files 10000] [--commits 5000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import inspectcli

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_validate import checked_validate, ensure_repo, validate_command
from make_repo import DEFAULT_SEED

LABELS = {
    "log": "git log --raw (listing)",
    "git": "git log + cat-file --batch",
    "validate": "validate, empty cache",
    "history": "validate --history, empty cache",
}
# The last update line of a record and its date; the status line of a rectifying record.
_UPDATE = re.compile(r"^        - \{date: (\d{4}-\d{2}-\d{2}), note: ")
_RECTIFYING = "      status: rectifying"
AUTHOR = "基准录入员 <clerk@example.invalid>"
ZONE = "+0800"


class Finding:
    """A rectifying finding of one file: the line of its last update and that date."""

    def __init__(self, line: int, date: dt.date) -> None:
        self.line = line
        self.date = date


def rectifying(lines: list[str]) -> list[Finding]:
    """The rectifying findings of a file, each at its last update line."""
    found: list[Finding] = []
    inside = False
    for index, line in enumerate(lines):
        if line.startswith("  - id: "):
            inside = False
        elif line.startswith(_RECTIFYING):
            inside = True
        elif inside and (match := _UPDATE.match(line)):
            if found and found[-1].line == index - 1:
                found.pop()  # a later update of the same record
            found.append(Finding(index, dt.date.fromisoformat(match.group(1))))
    return found


class History:
    """The repository's files in memory and the stream of fast-import commands."""

    def __init__(self, root: Path, seed: str) -> None:
        self.rng = random.Random(seed)
        self.files = {
            path.relative_to(root).as_posix(): path.read_text(encoding="utf-8").splitlines(True)
            for path in sorted(root.rglob("*"))
            if path.is_file() and not path.name.startswith(".")
        }
        self.open = {
            path: rectifying(lines)
            for path, lines in self.files.items()
            if path.startswith("findings/")
        }
        self.open = {path: found for path, found in self.open.items() if found}
        self.mark = 0
        self.planted: dict[str, str] = {}
        self.edited: list[str] = []

    def commit(self, when: dt.datetime, message: str, paths: list[str]) -> Iterator[bytes]:
        self.mark += 1
        stamp = f"{int(when.timestamp())} {ZONE}"
        text = message.encode()
        yield f"commit refs/heads/main\nmark :{self.mark}\n".encode()
        yield f"author {AUTHOR} {stamp}\ncommitter {AUTHOR} {stamp}\n".encode()
        yield f"data {len(text)}\n".encode() + text + b"\n"
        for path in paths:
            data = "".join(self.files[path]).encode()
            yield f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n"

    def add_update(self, path: str, number: int, day: dt.date, late: int = 0) -> None:
        """One update after the last of a rectifying finding of ``path``, dated up to two
        days before the commit's ``day`` (``late`` days before it: backdated)."""
        found = self.open[path]
        finding = min(found, key=lambda f: f.date) if late else self.rng.choice(found)
        date = max(finding.date + dt.timedelta(days=1), day - dt.timedelta(days=late))
        if not late:
            date = max(date, day - dt.timedelta(days=self.rng.randint(0, 2)))
        line = f"        - {{date: {date}, note: 第{number}次进展：已推进。}}\n"
        self.files[path].insert(finding.line + 1, line)
        for other in self.open[path]:
            if other.line > finding.line:
                other.line += 1
        finding.line += 1
        finding.date = date
        self.edited.append(path)

    def reword(self) -> str:
        """Change an update committed earlier (a rewritten record); its file."""
        for path in self.edited:
            lines = self.files[path]
            for index, line in enumerate(lines):
                if "已推进。" in line:
                    lines[index] = line.replace("已推进。", "已全部完成。")
                    self.planted["rewritten"] = path
                    return path
        raise SystemExit("no update to reword")

    def stream(self, commits: int, per_commit: int) -> Iterator[bytes]:
        zone = dt.timezone(dt.timedelta(hours=8))
        yield from self.commit(
            dt.datetime(2026, 3, 31, 9, 0, tzinfo=zone), "案卷库", sorted(self.files)
        )
        # after every date the generated repository holds, a commit every two hours
        start = dt.datetime(2026, 4, 1, 9, 0, tzinfo=zone)
        paths = sorted(self.open)
        for number in range(1, commits):
            when = start + dt.timedelta(hours=2 * number)
            late = 60 if number == commits // 2 else 0
            chosen = self.rng.sample(paths, 1 if late else per_commit)
            for path in chosen:
                self.add_update(path, number, when.date(), late)
            if late:
                self.planted["backdated"] = chosen[0]
            if number == (3 * commits) // 4:
                chosen = sorted({*chosen, self.reword()})
            yield from self.commit(when, f"第{number}批整改进展", chosen)


def build(source: Path, target: Path, commits: int, per_commit: int) -> dict[str, str]:
    """``target``: a git repository whose history ``History`` writes; the working tree is
    its last commit. Returns the planted problems' files."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(target)], check=True)
    history = History(source, DEFAULT_SEED)
    importer = subprocess.Popen(
        ["git", "-C", str(target), "fast-import", "--quiet"], stdin=subprocess.PIPE
    )
    assert importer.stdin is not None
    for chunk in history.stream(commits, per_commit):
        importer.stdin.write(chunk)
    importer.stdin.close()
    if importer.wait() != 0:
        raise SystemExit("git fast-import failed")
    subprocess.run(["git", "-C", str(target), "checkout", "-q", "-f", "main"], check=True)
    return history.planted


def timed(command: list[str]) -> float:
    began = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - began


def log_command(root: Path) -> list[str]:
    form = "--format=%x1e%H%x1f%P%x1f%an%x1f%cI%x1f%s"
    return ["git", "-C", str(root), "log", "--reverse", "--no-merges", form, "-z", "--raw",
            "--no-renames", "--no-abbrev", "--relative", "HEAD", "--", "."]  # fmt: skip


def git_command(root: Path) -> list[str]:
    code = (
        "import sys, pathlib; from inspectcli.tracking.gitlog import log; "
        "all(True for _ in log(pathlib.Path(sys.argv[1])))"
    )
    return [sys.executable, "-c", code, str(root)]


def checked_history(command: list[str], planted: dict[str, str]) -> float:
    """Run `validate --history`: exactly the planted problems, no others."""
    began = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - began
    if result.returncode != 0:
        raise SystemExit(f"validate --history exited {result.returncode}: {result.stderr[-2000:]}")
    problems = json.loads(result.stdout)["problems"]
    codes = sorted((p["code"], p["path"].rsplit("/", 2)[-2:][-1]) for p in problems)
    wanted = {
        ("backdated-record", planted["backdated"].rsplit("/", 1)[-1]),
        ("rewritten-record", planted["rewritten"].rsplit("/", 1)[-1]),
    }
    if not wanted <= set(codes) or len(codes) > 3:  # the reworded update is backdated too
        raise SystemExit(f"validate --history reported {codes}, planted {planted}")
    return seconds


def measure(root: Path, repeat: int, planted: dict[str, str]) -> dict[str, list[float]]:
    runs: dict[str, list[float]] = {name: [] for name in LABELS}
    for _ in range(repeat):
        runs["log"].append(timed(log_command(root)))
        runs["git"].append(timed(git_command(root)))
        for name, options in (("validate", ()), ("history", ("--history",))):
            with tempfile.TemporaryDirectory(prefix="inspect-cache-") as folder:
                command = validate_command(root, "--cache-dir", folder, *options)
                if name == "validate":
                    began = time.perf_counter()
                    checked_validate(command)
                    runs[name].append(time.perf_counter() - began)
                else:
                    runs[name].append(checked_history(command, planted))
    return runs


def table(medians: dict[str, float]) -> str:
    lines = [f"{'measure':<34}{'seconds':>9}{'× validate':>12}"]
    for name, seconds in medians.items():
        ratio = seconds / medians["validate"]
        lines.append(f"{LABELS[name]:<34}{seconds:>9.2f}{ratio:>12.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark `inspect validate --history`.")
    parser.add_argument("--files", type=int, default=10_000, help="findings files (default 10000)")
    parser.add_argument("--commits", type=int, default=5_000, help="commits (default 5000)")
    parser.add_argument("--files-per-commit", type=int, default=2, help="files each commit edits")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measure (median)")
    parser.add_argument("--json", type=Path, help="write the results as JSON to this file")
    args = parser.parse_args(argv)
    if shutil.which("git") is None:
        raise SystemExit("git is needed for --history")
    base = Path(tempfile.gettempdir()) / f"inspectcli-bench-{args.files}"
    ensure_repo(base, args.files, DEFAULT_SEED)
    root = base.with_name(f"{base.name}-history-{args.commits}")
    began = time.perf_counter()
    planted = build(base, root, args.commits, args.files_per_commit)
    print(
        f"repository: {root} ({args.files} findings files, {args.commits} commits, built in "
        f"{time.perf_counter() - began:.1f} s)"
    )
    print(
        f"inspectcli {inspectcli.__version__} from {Path(inspectcli.__file__).parent}; "
        f"median of {args.repeat}"
    )
    runs = measure(root, args.repeat, planted)
    medians = {name: statistics.median(values) for name, values in runs.items()}
    print(table(medians))
    if args.json:
        payload = {"files": args.files, "commits": args.commits, "seconds": medians, "runs": runs}
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
