"""Time `inspect validate --changed-since HEAD` with one findings file changed, against a full
`inspect validate` of the same state, with a cold (empty) and a warm cache.

The generated repository (see make_repo.py) is put under git in a copy of its own; each
run changes the description of one finding to a text not seen before, so a warm cache never
holds the answer of the whole repository. Every run is a fresh process.

Usage: python benchmarks/bench_changed.py [--files 10000] [--repeat 3] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import count
from pathlib import Path

import inspectcli

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_validate import checked_validate, ensure_repo, validate_command
from make_repo import DEFAULT_SEED

MEASURES = {
    "full-cold": "validate, empty cache",
    "changed-cold": "--changed-since, empty cache",
    "full-warm": "validate, warm cache",
    "changed-warm": "--changed-since, warm cache",
}
_edits = count()


def _git(root: Path, *args: str) -> None:
    command = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid", *args]
    subprocess.run(command, cwd=root, check=True, capture_output=True)


def git_repository(source: Path, target: Path) -> Path:
    """A copy of the generated repository with everything committed."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    _git(target, "init", "-q")
    _git(target, "add", "-A")
    _git(target, "commit", "-q", "-m", "base")
    return target


def change_one_file(root: Path) -> None:
    """A new description for the first finding of one findings file in the middle."""
    files = sorted((root / "findings").glob("*.yaml"))
    target = files[len(files) // 2]
    lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.lstrip().startswith("description:"):
            indent = line[: len(line) - len(line.lstrip())]
            lines[index] = f"{indent}description: 复核时补充的情况说明{next(_edits)}\n"
            break
    target.write_text("".join(lines), encoding="utf-8")


def run(root: Path, cache: Path, changed: bool) -> float:
    options = ["--cache-dir", str(cache), *(["--changed-since", "HEAD"] if changed else [])]
    command = validate_command(root, *options)
    began = time.perf_counter()
    checked_validate(command)
    return time.perf_counter() - began


def measure(root: Path, repeat: int) -> dict[str, list[float]]:
    runs: dict[str, list[float]] = {name: [] for name in MEASURES}
    for _ in range(repeat):
        for changed, name in ((False, "full-cold"), (True, "changed-cold")):
            with tempfile.TemporaryDirectory(prefix="inspect-cache-") as folder:
                change_one_file(root)
                runs[name].append(run(root, Path(folder), changed))
    with tempfile.TemporaryDirectory(prefix="inspect-cache-") as folder:
        cache = Path(folder)
        run(root, cache, changed=False)  # warm the cache on the repository as it is
        for _ in range(repeat):
            for changed, name in ((False, "full-warm"), (True, "changed-warm")):
                change_one_file(root)
                runs[name].append(run(root, cache, changed))
    return runs


def table(medians: dict[str, float]) -> str:
    lines = [f"{'measure':<32}{'seconds':>9}{'× full':>9}"]
    for name, seconds in medians.items():
        full = medians["full-cold" if name.endswith("cold") else "full-warm"]
        lines.append(f"{MEASURES[name]:<32}{seconds:>9.3f}{seconds / full:>9.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark `inspect validate --changed-since`.")
    parser.add_argument("--files", type=int, default=10_000, help="findings files (default 10000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measure (median)")
    parser.add_argument("--json", type=Path, help="write the results as JSON to this file")
    args = parser.parse_args(argv)
    if shutil.which("git") is None:
        raise SystemExit("git is needed for --changed-since")
    base = Path(tempfile.gettempdir()) / f"inspectcli-bench-{args.files}"
    ensure_repo(base, args.files, DEFAULT_SEED)
    root = git_repository(base, base.with_name(base.name + "-git"))
    print(f"repository: {root} ({args.files} findings files, one changed per run)")
    print(
        f"inspectcli {inspectcli.__version__} from {Path(inspectcli.__file__).parent}; "
        f"median of {args.repeat}"
    )
    runs = measure(root, args.repeat)
    medians = {name: statistics.median(values) for name, values in runs.items()}
    print(table(medians))
    if args.json:
        payload = {"files": args.files, "repeat": args.repeat, "seconds": medians, "runs": runs}
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
