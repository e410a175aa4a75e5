"""Benchmark: the roster's CSV engine, chosen by measurement, and its targets.

Writes bench_sample.py's roster of 1,000,000 households (in a child process, so that no
child inherits this process's peak memory; into ``--keep DIR`` if given), then, each in a
fresh process so that its peak memory is its own, times the bare read of the whole file
as strings by each engine installed (pyarrow, polars, DuckDB), by the csv module, the
roster reader of inspectcli (`repo.roster.read_csv`: read and validate, the households
grouped by village), and `inspect sample` of all ten counties end to end (the process's
wall time, start-up included); and the start-up alone (the interpreter and the modules
`inspect sample` imports), which with the bare read is the floor of `inspect sample`.
Imports are not timed in the reads. Every figure is the median of ``--repeat`` runs; the
reader and `inspect sample` are also given as ratios to pyarrow's bare read (the engine
the reader uses) measured in the same run. Targets: read and validate <= 1.5 x the
engine's bare read, `inspect sample` <= 1.5 s, peak memory <= 500 MB.

    PYTHONPATH=src python benchmarks/bench_roster_engine.py [--repeat 3] [--keep DIR]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_sample import DRAW, SRC, roster_arguments, roster_folder

READER = "inspectcli reader (read + validate)"
STARTUP = "start-up of inspect sample (interpreter + imports)"
SAMPLE_NAME = "inspect sample (end to end, start-up included)"

# Each snippet: its imports (not timed), then the work, which reads sys.argv[1] and
# leaves what it read alive until it is timed.
READS = {
    "csv module": (
        "import csv",
        """
with open(path, encoding="utf-8", newline="") as handle:
    rows = list(csv.reader(handle))
""",
    ),
    "pyarrow (bare read)": (
        "import pyarrow as pa, pyarrow.csv as pc",
        """
names = open(path, encoding="utf-8").readline().rstrip("\\n").split(",")
table = pc.read_csv(path, convert_options=pc.ConvertOptions(
    column_types={n: pa.string() for n in names}))
""",
    ),
    "polars": ("import polars as pl", "frame = pl.read_csv(path, infer_schema=False)"),
    "duckdb": (
        "import duckdb",
        "table = duckdb.read_csv(path, all_varchar=True, header=True).fetch_arrow_table()",
    ),
    READER: (
        "from inspectcli.repo.roster import read_csv",
        """
with open(path, "rb") as handle:
    roster, problems = read_csv(path, handle.read())
assert roster is not None and not problems, problems[:3]
""",
    ),
    # What `inspect sample` imports before it reads a byte: its floor with the bare read.
    STARTUP: (
        "import inspectcli.cli.root, inspectcli.sampling.run, inspectcli.repo.rostertable",
        "",
    ),
}
# The peak is VmHWM, not ru_maxrss: Linux keeps the parent's ru_maxrss across exec.
# CPU time too (every thread's): on a machine shared with other work it varies far less
# than the wall time, which waits for the cores.
TIMED = """
import resource, sys, time
def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
path = sys.argv[1]
{setup}
began, began_cpu = time.perf_counter(), cpu()
{code}
elapsed, used = time.perf_counter() - began, cpu() - began_cpu
with open("/proc/self/status") as status:
    peak = next(line.split()[1] for line in status if line.startswith("VmHWM"))
print("timed:", elapsed, used, cpu(), peak)
"""
Run = tuple[float, float, float]  # wall seconds, CPU seconds, peak MB


# `inspect sample` of all ten counties, start-up included (the process's wall time).
SAMPLE = """
import sys
from inspectcli.cli.app import main
sys.argv = ["inspect", "sample", "--roster", path, "--counties", COUNTIES, *DRAW]
try:
    main()
except SystemExit as stop:
    assert not stop.code, stop.code
"""
# Written by a child: the parent's memory would count in every child's ru_maxrss.
WRITE = """
import sys
sys.path.insert(0, {folder!r})
from bench_sample import write_roster
print(",".join(write_roster(__import__("pathlib").Path(sys.argv[1]), {households})))
"""


def measure(setup: str, code: str, roster: Path) -> Run | None:
    """Seconds, CPU seconds and peak MB of one fresh process; None when its engine is not
    installed. The seconds are those of ``code`` (after ``setup``); those of `inspect
    sample` and of the start-up are the whole process's, from its start."""
    whole = not code or "main()" in code
    command = [sys.executable, "-c", TIMED.format(setup=setup, code=code), str(roster)]
    env = {"PYTHONPATH": str(SRC)}
    began = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    wall = time.perf_counter() - began
    if done.returncode != 0:
        if "ModuleNotFoundError" in done.stderr:
            return None
        raise SystemExit(done.stderr)
    _, seconds, used, whole_cpu, peak = done.stdout.splitlines()[-1].split()
    if whole:
        return wall, float(whole_cpu), int(peak) / 1024
    return float(seconds), float(used), int(peak) / 1024


def main() -> None:
    args = roster_arguments(__doc__)
    import inspectcli

    print(f"measuring inspectcli from {Path(inspectcli.__file__).parent}")
    with roster_folder(args.keep) as folder:
        roster = folder / "roster.csv"
        script = WRITE.format(folder=str(Path(__file__).parent), households=args.households)
        written = subprocess.run(
            [sys.executable, "-c", script, str(roster)], capture_output=True, text=True, check=True
        )
        counties = written.stdout.strip()
        sample = SAMPLE.replace("COUNTIES", repr(counties)).replace("DRAW", repr(DRAW))
        reads = {**READS, SAMPLE_NAME: ("", sample)}
        print(f"roster: {roster.stat().st_size / 1e6:.0f} MB, {args.households:,} households")
        runs: dict[str, list[Run]] = {}
        for _ in range(args.repeat):  # each in turn: the same load for all
            for name, (setup, code) in reads.items():
                # Each run follows one of its own: on this machine a process that comes
                # after a large one (the csv module's 900 MB) runs up to 2.5 x slower, as
                # it touches memory just freed (which favoured the next engine in turn).
                if measure(setup, code, roster) is None:
                    continue
                run = measure(setup, code, roster)
                if run is not None:
                    runs.setdefault(name, []).append(run)
        report(runs)


def report(runs: dict[str, list[Run]]) -> None:
    """Each median, its peak memory, and the ratios the targets are set in (of the wall
    times and of the CPU times)."""
    wall = {name: statistics.median(r[0] for r in v) for name, v in runs.items()}
    cpu = {name: statistics.median(r[1] for r in v) for name, v in runs.items()}
    for name in runs:
        peak = max(r[2] for r in runs[name])
        print(
            f"{name}: {wall[name]:.2f} s, CPU {cpu[name]:.2f} s, peak {peak:.0f} MB "
            f"(median of {len(runs[name])})"
        )
    bare = "pyarrow (bare read)"
    for label, times in (("wall", wall), ("CPU", cpu)):
        print(
            f"{label}: read + validate / bare read {times[READER] / times[bare]:.2f}x "
            f"(target 1.5x); inspect sample / bare read {times[SAMPLE_NAME] / times[bare]:.2f}x"
        )
    floor = wall[STARTUP] + wall[bare]
    print(f"inspect sample: {wall[SAMPLE_NAME]:.2f} s (target 1.5 s)")
    print(f"its floor (start-up + bare read): {floor:.2f} s; target: peak memory <= 500 MB")


if __name__ == "__main__":
    main()
