"""Benchmark: `inspect sample` end to end on a roster of 1,000,000 households.

Generates a CSV roster (10 counties x 20 towns x 25 villages x 200 households), then runs
the CLI in a fresh process each time (`--roster … --counties … --format json`, start-up
included) for all 10 counties and for one, and reports the median wall time and the
child's peak memory (its own ru_maxrss, forked helpers included in the time), next to the
time the csv module alone takes to read the same file in this run, as a ratio.
Targets: <= 3 s end to end, <= 1 GB. There is no cache of parsed rosters: every run is cold.
Each is run twice in turn: as the platform starts processes (fork on Linux) and with the
start method set to spawn (the way of Windows and macOS), with the ratio of the two; the
peak memory of the largest process the command started is shown too.

    python benchmarks/bench_sample.py [--households 1000000] [--repeat 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
HEADER = "county,town,village,village_class,household_id,head_name,status,members,id_number,phone"
STATUSES = ("未脱贫", "预脱贫", "已脱贫")


def _id_number(n: int) -> str:
    """A resident ID of region 440101 with a real birth date (19YYMMDD), from 10 random digits."""
    return f"44010119{n % 100:02d}{n // 100 % 12 + 1:02d}{n // 10**4 % 28 + 1:02d}{n // 10**6:04d}"


def write_roster(path: Path, households: int) -> list[str]:
    """A roster of ``households`` rows, written in shuffled order; its county names."""
    counties, towns, villages = 10, 20, 25
    per_village = max(1, households // (counties * towns * villages))
    rng = random.Random(20260908)
    rows = []
    for c in range(counties):
        for t in range(towns):
            for v in range(villages):
                village_class = "贫困村" if v % 3 == 0 else "面上村"
                for h in range(per_village):
                    hid = f"H{c:02d}{t:02d}{v:02d}{h:04d}"
                    rows.append(
                        f"县{c:02d},镇{t:02d},村{v:02d},{village_class},{hid},户主{h},"
                        f"{STATUSES[rng.randrange(3)]},{rng.randint(1, 6)},"
                        f"{_id_number(rng.randint(10**9, 10**10 - 1))},"
                        f"138{rng.randint(10**7, 10**8 - 1)}"
                    )
    rng.shuffle(rows)
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return [f"县{c:02d}" for c in range(counties)]


def read_alone(path: Path) -> float:
    began = time.perf_counter()
    with open(path, encoding="utf-8", newline="") as handle:
        for _ in csv.reader(handle):
            pass
    return time.perf_counter() - began


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


# `inspect` with the start method set first (none: the platform's way), then the peak
# memory of the largest process it started, on stderr.
LAUNCHER = """
import atexit, multiprocessing, resource, sys
if sys.argv[1] != "default":
    multiprocessing.set_start_method(sys.argv[1])
del sys.argv[1]
atexit.register(lambda: print("children-peak:", resource.getrusage(resource.RUSAGE_CHILDREN)
    .ru_maxrss, file=sys.stderr))
from inspectcli.cli.app import main
main()
"""
METHODS = ("default", "spawn")
# The draw of every run (after `--roster` and `--counties`): a few units, printed as JSON.
DRAW = [
    "--format",
    "json",
    "--seed",
    "bench",
    "--towns",
    "2",
    "--poor-villages",
    "1",
    "--ordinary-villages",
    "1",
    "--households",
    "3-5",
    "--households-by-status",
    "pre-exited=2,not-exited=1",
    "--exclude-visited-months",
    "0",
]


def run_cli(
    roster: Path, counties: list[str], cwd: Path, method: str = "default"
) -> tuple[float, int, int, dict[str, object]]:
    """Wall time, peak memory of the command and of its largest child (KB), its output."""
    command = [
        sys.executable,
        "-c",
        LAUNCHER,
        method,
        "sample",
        "--roster",
        str(roster),
        "--counties",
        ",".join(counties),
        *DRAW,
    ]
    env = dict(os.environ, PYTHONPATH=str(SRC))
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        began = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)  # this child's own peak memory
        elapsed = time.perf_counter() - began
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        errors = err.read().decode()
        if process.returncode != 0:
            raise SystemExit(f"inspect sample failed ({process.returncode}): {errors}")
        peaks = [line.split()[1] for line in errors.splitlines() if "children-peak:" in line]
        children = [int(peak) for peak in peaks]
        return elapsed, usage.ru_maxrss, max(children, default=0), json.loads(out.read())


def roster_arguments(description: str | None) -> argparse.Namespace:
    """--households, --repeat and --keep, as the roster benchmarks take them."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--households", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="Runs of each; the median counts.")
    parser.add_argument("--keep", type=Path, default=None, help="Keep the roster in this folder.")
    return parser.parse_args()


@contextmanager
def roster_folder(keep: Path | None) -> Iterator[Path]:
    """``keep`` (made if need be), else a temporary folder removed afterwards."""
    with tempfile.TemporaryDirectory() as temporary:
        folder = keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        yield folder


def main() -> None:
    args = roster_arguments(__doc__)
    import inspectcli

    print(f"measuring inspectcli from {Path(inspectcli.__file__).parent}")
    with roster_folder(args.keep) as folder:
        roster = folder / "roster.csv"
        began = time.perf_counter()
        counties = write_roster(roster, args.households)
        print(
            f"roster: {roster.stat().st_size / 1e6:.0f} MB, {args.households:,} households, "
            f"written in {time.perf_counter() - began:.1f} s"
        )
        baseline = _median([read_alone(roster) for _ in range(args.repeat)])
        print(f"csv module alone, reading the file: {baseline:.2f} s (the baseline, 1.0x)")
        for label, chosen in (("all 10 counties", counties), ("one county", counties[:1])):
            runs: dict[str, list[tuple[float, int, int, dict[str, object]]]] = {
                m: [] for m in METHODS
            }
            for _ in range(args.repeat):  # the two ways in turn: the same load for both
                for method in METHODS:
                    runs[method].append(run_cli(roster, chosen, folder, method))
            times = {m: _median([r[0] for r in runs[m]]) for m in METHODS}
            for method in METHODS:
                elapsed = times[method]
                peak = max(r[1] for r in runs[method]) / 1024
                child = max(r[2] for r in runs[method]) / 1024
                drawn = len(runs[method][0][3]["households"])  # type: ignore[arg-type]
                print(
                    f"inspect sample, {label}, start method {method}: {elapsed:.2f} s end to end "
                    f"({elapsed / baseline:.1f}x the baseline; target 3 s), peak memory "
                    f"{peak:.0f} MB (target 1024 MB), largest child {child:.0f} MB, "
                    f"{drawn} households drawn"
                )
            assert runs["default"][0][3] == runs["spawn"][0][3], "spawn drew another sample"
            print(f"  spawn / default: {times['spawn'] / times['default']:.2f}x")


if __name__ == "__main__":
    main()
