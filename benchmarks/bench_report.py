"""Time `inspect report` against `inspect validate` on the same generated repository.

Measures, each as the median of ``--repeat`` runs, the two commands interleaved so that
both see the same machine load:
  validate cold   `inspect validate DIR --no-cache --format json`
  report cold     `inspect report DIR --no-cache --period P --format json`
  validate warm   a second `inspect validate` with a cache (the first one fills it)
  report warm     a second `inspect report` with a cache (the same command)
Targets: report ≤ 2 × validate, cold against cold and warm against warm.

The default period is the year 2025, which holds about 90,000 of the 200,000 findings
of the 10,000-file repository (rounds run from 2024-01 to 2026-03): the report reads
every file to know which are in the period, and renders a ledger of all of them.

Usage: python benchmarks/bench_report.py [--files 10000] [--period 2025] [--dir DIR]
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_validate import (
    checked_validate,
    prepared_repository,
    repository_parser,
    timed,
    validate_command,
)

RATIO = 2.0
AS_OF = "2026-06-30"  # fixed, so that every run reports the same thing
LABELS = {
    "validate-cold": "validate --no-cache",
    "report-cold": "report --no-cache",
    "validate-warm": "validate, warm cache",
    "report-warm": "report, warm cache",
}


def report_command(root: Path, period: str, *options: str) -> list[str]:
    return [
        sys.executable, "-m", "inspectcli", "report", str(root), "--period", period,
        "--as-of", AS_OF, "--format", "json", *options,
    ]  # fmt: skip


def checked_report(command: list[str]) -> None:
    """Run a report; a failing run would time the wrong thing."""
    result = subprocess.run(command, capture_output=True, check=False)
    if result.returncode != 0 or not result.stdout.startswith(b'{"tool": "inspectcli"'):
        raise SystemExit(f"{' '.join(command)} exited {result.returncode}:\n"
                         f"{result.stderr[-2000:].decode(errors='replace')}")  # fmt: skip


def measure(root: Path, period: str, repeat: int) -> dict[str, list[float]]:
    runs: dict[str, list[float]] = {name: [] for name in LABELS}
    for _ in range(repeat):
        runs["validate-cold"].append(
            timed(partial(checked_validate, validate_command(root, "--no-cache")))
        )
        runs["report-cold"].append(
            timed(partial(checked_report, report_command(root, period, "--no-cache")))
        )
        with tempfile.TemporaryDirectory(prefix="inspect-cache-") as cache:
            validate = validate_command(root, "--cache-dir", cache)
            report = report_command(root, period, "--cache-dir", cache)
            checked_validate(validate)
            checked_report(report)
            runs["validate-warm"].append(timed(partial(checked_validate, validate)))
            runs["report-warm"].append(timed(partial(checked_report, report)))
    return runs


def main(argv: list[str] | None = None) -> int:
    parser = repository_parser("Benchmark `inspect report` against validate.")
    parser.add_argument("--period", default="2025", help="the report's --period (default 2025)")
    args = parser.parse_args(argv)
    root = prepared_repository(args, f"--period {args.period}")
    runs = measure(root, args.period, args.repeat)
    medians = {name: statistics.median(values) for name, values in runs.items()}
    ratios = {
        "cold": medians["report-cold"] / medians["validate-cold"],
        "warm": medians["report-warm"] / medians["validate-warm"],
    }
    for name, seconds in medians.items():
        print(f"{LABELS[name]:<24}{seconds:>9.3f} s")
    failed = False
    for name, ratio in ratios.items():
        passed = ratio <= RATIO
        failed = failed or not passed
        print(f"report / validate, {name:<5}{ratio:>8.2f}×  target ≤ {RATIO:g}×  "
              f"{'pass' if passed else 'FAIL'}")  # fmt: skip
    if args.json:
        result = {"files": args.files, "period": args.period, "seconds": medians,
                  "runs": runs, "ratios": ratios, "limit": RATIO}  # fmt: skip
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
