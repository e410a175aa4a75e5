"""Time `inspect validate` on a large generated repository against its floor and targets.

Measures, each as the median of ``--repeat`` runs:
  floor    libyaml event parse of every YAML file, read from disk (the least any validator does)
  cold     `inspect validate DIR --no-cache --format json` in a fresh process
  fresh    the same with an empty, fresh ``--cache-dir``
  warm     a second run with that cache on the unchanged repository
  version  `inspect --version`
and, on the cache that warm run read, the time to load and to save its two large parts (the
facts of every file, and every file's stat) as the JSON the cache is, against pickle of
the same values (what the cache was before it became only data), in the same run.
Targets: cold ≤ 4 × floor, warm ≤ 0.5 s, --version ≤ 0.3 s.

Usage: python benchmarks/bench_validate.py [--files 10000] [--dir DIR] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

import yaml

import inspectcli
from inspectcli.repo.layout import discover

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_repo import DEFAULT_SEED, GENERATOR, generate

COLD_FLOOR_RATIO = 4.0
WARM_SECONDS = 0.5
VERSION_SECONDS = 0.3
STAMP = ".bench-repo.json"  # hidden: `inspect validate` does not look at it


LABELS = {
    "floor": "floor: libyaml events",
    "cold": "validate --no-cache",
    "fresh": "validate, empty cache",
    "warm": "validate, warm cache",
    "version": "inspect --version",
}


class Target(NamedTuple):
    name: str
    value: float
    limit: float
    text: str

    @property
    def passed(self) -> bool:
        return self.value <= self.limit


def ensure_repo(root: Path, files: int, seed: str) -> bool:
    """Generate the repository unless ``root`` already holds one of these parameters."""
    wanted = {"files": files, "seed": seed, "generator": GENERATOR}
    stamp = root / STAMP
    if stamp.is_file() and json.loads(stamp.read_text(encoding="utf-8")) == wanted:
        return False
    generate(root, files, seed=seed)
    stamp.write_text(json.dumps(wanted), encoding="utf-8")
    return True


def floor_once(root: Path, paths: list[str]) -> None:
    for path in paths:
        text = (root / path).read_text(encoding="utf-8")
        for _ in yaml.parse(text, Loader=yaml.CSafeLoader):
            pass


def timed(action: Callable[[], object]) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def validate_command(root: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "inspectcli", "validate", str(root), "--format", "json", *options]


def version_command() -> list[str]:
    script = Path(sys.executable).with_name("inspect")
    if script.is_file():
        return [str(script), "--version"]
    return [sys.executable, "-m", "inspectcli", "--version"]


def checked_validate(command: list[str]) -> None:
    """Run a validation; a benchmark of a failing run would time the wrong thing."""
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(
            f"{' '.join(command)} exited {result.returncode}:\n{result.stdout[-2000:]}"
            f"{result.stderr[-2000:]}"
        )
    report = json.loads(result.stdout)
    if report["errors"] or report["warnings"]:
        raise SystemExit(f"the generated repository is not clean: {report['problems'][:5]}")


CODEC = ("facts load", "facts save", "stats load", "stats save")


def codec_times(root: Path, folder: Path) -> dict[str, tuple[float, float]]:
    """(JSON seconds, pickle seconds) of each of ``CODEC`` on the cache in ``folder``."""
    import pickle

    from inspectcli.output.files import write_atomic
    from inspectcli.pipeline.cache import Cache

    store = Cache(folder, root)
    entries, stats = store.entries(), store.stats()
    if not entries or not stats:
        raise SystemExit(f"no cache to measure in {folder}")
    reference = folder / "reference.pickle"

    def pickled_save(value: object) -> None:
        write_atomic(reference, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def pickled_load() -> object:
        return pickle.loads(reference.read_bytes())

    times: dict[str, tuple[float, float]] = {}
    for name, value, load, save in (
        ("facts", entries, store.entries, partial(store.save_entries, entries)),
        ("stats", stats, store.stats, partial(store.save_stats, stats, {})),
    ):
        json_save = timed(save)
        pickle_save = timed(partial(pickled_save, value))
        times[f"{name} save"] = (json_save, pickle_save)
        times[f"{name} load"] = (timed(load), timed(pickled_load))
    return times


def measure(root: Path, repeat: int) -> dict[str, list[float]]:
    paths = discover(root)
    runs: dict[str, list[float]] = {name: [] for name in LABELS}
    runs |= {f"{name} {codec}": [] for name in CODEC for codec in ("json", "pickle")}
    for _ in range(repeat):
        runs["floor"].append(timed(partial(floor_once, root, paths)))
    cold = validate_command(root, "--no-cache")
    for _ in range(repeat):
        runs["cold"].append(timed(partial(checked_validate, cold)))
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="inspect-cache-") as cache:
            command = validate_command(root, "--cache-dir", cache)
            runs["fresh"].append(timed(partial(checked_validate, command)))
            runs["warm"].append(timed(partial(checked_validate, command)))
            for name, (json_seconds, pickle_seconds) in codec_times(root, Path(cache)).items():
                runs[f"{name} json"].append(json_seconds)
                runs[f"{name} pickle"].append(pickle_seconds)
    version = partial(subprocess.run, version_command(), capture_output=True, check=True)
    for _ in range(repeat):
        runs["version"].append(timed(version))
    return runs


def targets(medians: dict[str, float]) -> list[Target]:
    floor = medians["floor"]
    ratio = f"≤ {COLD_FLOOR_RATIO:g}× floor"
    return [
        Target("cold", medians["cold"] / floor, COLD_FLOOR_RATIO, ratio),
        Target("fresh", medians["fresh"] / floor, COLD_FLOOR_RATIO, ratio),
        Target("warm", medians["warm"], WARM_SECONDS, f"≤ {WARM_SECONDS} s"),
        Target("version", medians["version"], VERSION_SECONDS, f"≤ {VERSION_SECONDS} s"),
    ]


def codec_table(medians: dict[str, float]) -> str:
    lines = [f"{'cache part':<24}{'JSON s':>9}{'pickle s':>9}{'JSON/pickle':>13}"]
    for name in CODEC:
        json_seconds, pickle_seconds = medians[f"{name} json"], medians[f"{name} pickle"]
        ratio = json_seconds / pickle_seconds
        lines.append(f"{name:<24}{json_seconds:>9.3f}{pickle_seconds:>9.3f}{ratio:>13.2f}")
    return "\n".join(lines)


def table(medians: dict[str, float], checks: list[Target]) -> str:
    by_name = {check.name: check for check in checks}
    lines = [f"{'measure':<24}{'seconds':>9}{'× floor':>9}  {'target':<18}result"]
    for name, seconds in medians.items():
        if name not in LABELS:
            continue
        ratio = f"{seconds / medians['floor']:.2f}" if name in ("cold", "fresh", "warm") else ""
        check = by_name.get(name)
        target, result = (check.text, "pass" if check.passed else "FAIL") if check else ("", "")
        line = f"{LABELS[name]:<24}{seconds:>9.3f}{ratio:>9}  {target:<18}{result}"
        lines.append(line.rstrip())
    return "\n".join(lines)


def repository_parser(description: str) -> argparse.ArgumentParser:
    """The options of a benchmark on a generated repository (bench_report.py adds its own)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--files", type=int, default=10_000, help="findings files (default 10000)")
    parser.add_argument("--dir", type=Path, help="repository folder (default: one in the temp dir)")
    parser.add_argument("--seed", default=DEFAULT_SEED, help="seed of the generated repository")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measure (median)")
    parser.add_argument("--json", type=Path, help="write the results as JSON to this file")
    return parser


def prepared_repository(args: argparse.Namespace, *notes: str) -> Path:
    """The repository ``args`` name, generated unless it is there already; prints it and
    what is measured, with ``notes``."""
    root = args.dir or Path(tempfile.gettempdir()) / f"inspectcli-bench-{args.files}"
    made = ensure_repo(root, args.files, args.seed)
    print(f"repository: {root} ({'generated' if made else 'reused'}, {args.files} findings files)")
    where = f"inspectcli {inspectcli.__version__} from {Path(inspectcli.__file__).parent}"
    print("; ".join([where, f"{os.cpu_count()} CPUs", f"median of {args.repeat}", *notes]))
    return root


def main(argv: list[str] | None = None) -> int:
    args = repository_parser("Benchmark `inspect validate`.").parse_args(argv)
    root = prepared_repository(args)
    runs = measure(root, args.repeat)
    medians = {name: statistics.median(values) for name, values in runs.items()}
    checks = targets(medians)
    print(table(medians, checks))
    print(codec_table(medians))
    if args.json:
        result: dict[str, Any] = {
            "files": args.files,
            "repository": str(root),
            "repeat": args.repeat,
            "inspectcli": inspectcli.__version__,
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "seconds": medians,
            "runs": runs,
            "targets": {
                c.name: {"value": c.value, "limit": c.limit, "passed": c.passed} for c in checks
            },
        }
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
