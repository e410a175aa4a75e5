"""Time `inspect site` against a cold `inspect validate` of the same files, in one run.

Two comparisons, each the median of ``--repeat`` runs, the commands interleaved so that
both see the same machine load:
  roll-up   `inspect site R1 … Rn` over ``--repos`` generated repositories of
            ``--files`` findings files each (policies in turn: Heyuan, Daan, Hainan,
            Guangdong, Suzhou), against `inspect validate` of one repository of
            repos × files files; target ≤ 2 ×
  single    `inspect site R` of one repository of ``--single`` files against its own
            cold validate; target ≤ 1.5 ×
Every run is cold (``--no-cache``) and writes a new folder. Reports the size of each site
on disk and its number of pages, and the machine's load average before and after (the
machine may be shared: both commands of a comparison see the same load). The site covers
``--period`` as of ``--as-of``; the generated rounds run from 2024-01-08, two days apart
per 25 files. ``--repos 0`` or ``--single 0`` leaves that comparison out.

Usage: python benchmarks/bench_site.py [--repos 50] [--files 1000] [--single 10000]
       [--period 2024-03] [--as-of 2024-03-31] [--repeat 1] [--dir DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_validate import checked_validate, timed, validate_command
from make_repo import GENERATOR, generate

PRESETS = ("heyuan", "daan", "hainan", "guangdong", "suzhou")
ROLLUP_RATIO = 2.0
SINGLE_RATIO = 1.5
STAMP = ".bench-site.json"


def ensure(root: Path, files: int, seed: str, preset: str) -> None:
    """Generate the repository unless ``root`` holds one of these parameters already."""
    wanted = {"files": files, "seed": seed, "preset": preset, "generator": GENERATOR}
    stamp = root / STAMP
    if stamp.is_file() and json.loads(stamp.read_text(encoding="utf-8")) == wanted:
        return
    generate(root, files, seed=seed, preset_name=preset)
    stamp.write_text(json.dumps(wanted), encoding="utf-8")


def site_command(paths: list[Path], out: Path, period: str, as_of: str) -> list[str]:
    return [
        sys.executable, "-m", "inspectcli", "site", *map(str, paths), "--out", str(out),
        "--no-cache", "--period", period, "--as-of", as_of,
    ]  # fmt: skip


def checked_site(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(
            f"{' '.join(command)} exited {result.returncode}:\n{result.stderr[-2000:]}"
        )


def on_disk(folder: Path) -> tuple[int, int]:
    """(bytes, pages) of a site."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), sum(p.suffix == ".html" for p in files)


def compare(
    validate_root: Path, site_paths: list[Path], work: Path, args: argparse.Namespace
) -> tuple[float, float, tuple[int, int]]:
    """Median seconds of the cold validate and of the site; the last site's size."""
    validate, site, size = [], [], (0, 0)
    for run in range(args.repeat):
        out = work / f"site-{run}"
        validate.append(
            timed(partial(checked_validate, validate_command(validate_root, "--no-cache")))
        )
        site.append(
            timed(partial(checked_site, site_command(site_paths, out, args.period, args.as_of)))
        )
        size = on_disk(out)
        shutil.rmtree(out)  # not timed: each run writes a new folder
    return statistics.median(validate), statistics.median(site), size


def line(name: str, validate: float, site: float, size: tuple[int, int], target: float) -> str:
    ratio = site / validate
    verdict = "ok" if ratio <= target else "over"
    return (
        f"{name:<34}{validate:>10.1f}{site:>10.1f}{ratio:>8.2f}  ≤ {target:g}×  {verdict:<5}"
        f"{size[0] / 1e6:>9.1f} MB{size[1]:>9} pages"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repos", type=int, default=50)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--single", type=int, default=10000)
    parser.add_argument("--period", default="2024-03")
    parser.add_argument("--as-of", default="2024-03-31")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--dir", type=Path, default=None, help="keep the repositories here")
    args = parser.parse_args(argv)
    base = args.dir or Path(tempfile.gettempdir()) / "inspect-bench-site"
    members = []
    for index in range(args.repos):
        members.append(base / f"member-{index:02d}")
        ensure(members[-1], args.files, f"member-{index}", PRESETS[index % len(PRESETS)])
    together = base / f"together-{args.repos * args.files}"
    single = base / f"single-{args.single}"
    if args.repos:
        ensure(together, args.repos * args.files, "together", "heyuan")
    if args.single:
        ensure(single, args.single, "single", "heyuan")
    load = os.getloadavg()
    lines = [f"{'':<34}{'validate':>10}{'site':>10}{'ratio':>8}  target"]
    with tempfile.TemporaryDirectory(prefix="inspect-site-", dir=base) as work:
        if args.repos:
            rolled = compare(together, members, Path(work), args)
            name = f"roll-up {args.repos} × {args.files} files"
            lines.append(line(name, *rolled, ROLLUP_RATIO))
        if args.single:
            alone = compare(single, [single], Path(work), args)
            lines.append(line(f"one repository of {args.single} files", *alone, SINGLE_RATIO))
    print("\n".join(lines))
    print(f"(seconds; period {args.period} as of {args.as_of}; median of {args.repeat})")
    print(f"load average before {load[0]:.1f}, after {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
