"""Benchmark: the redactor of letters, reports and bulletins on a roster of 1,000,000 households.

Writes bench_sample.py's roster (or reuses the one in ``--keep DIR``), reads it as the
repository loader does, then times, as the median of ``--repeat`` runs, a new redactor on
a roster it has not seen redacting the free texts of a typical letter's finding
(description, measures, responsible unit), in three variants:
  plain       no number in the text
  shaped      a roster household's resident ID and mobile typed in (masked by their shape)
  unshaped    an office landline and an amount: numbers not shaped like an ID or a mobile,
              which only the roster can tell apart

    PYTHONPATH=src python benchmarks/bench_redact.py [--households 1000000] [--repeat 3]
        [--keep DIR]
"""

from __future__ import annotations

import copy
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import inspectcli  # noqa: E402
from bench_sample import roster_arguments, roster_folder, write_roster  # noqa: E402
from inspectcli.render.context import roster_redactor  # noqa: E402
from inspectcli.repo.roster import Roster, read_csv  # noqa: E402

PLAIN = (
    "预脱贫户“八有”中饮水安全未落实，帮扶手册记载与实际不符。",
    "一个月内完成入户供水管网接通，并对全镇预脱贫户逐户排查。",
    "石桥镇人民政府（责任人：己某）",
)
UNSHAPED = "整改报告报送督查组（联系电话07623312345），涉及资金12500000元。"


def texts(roster: Roster) -> dict[str, tuple[str, ...]]:
    household = roster.household(0)
    typed = f"户主身份证号{household.id_number}，联系电话{household.phone}。"
    return {"plain": PLAIN, "shaped": (typed, *PLAIN), "unshaped": (UNSHAPED, *PLAIN)}


def redact_once(roster: Roster, letter: tuple[str, ...]) -> tuple[float, list[str]]:
    """As a new command would: what a redactor learns of a roster is kept per roster object,
    so each run gets a copy of the one read (the columns shared)."""
    fresh = copy.copy(roster)
    began = time.perf_counter()
    redact = roster_redactor(fresh)
    out = [redact(text) for text in letter]
    return time.perf_counter() - began, out


def main() -> None:
    args = roster_arguments(__doc__)
    print(f"measuring inspectcli {inspectcli.__version__} from {Path(inspectcli.__file__).parent}")
    with roster_folder(args.keep) as folder:
        path = folder / f"roster-{args.households}.csv"
        if not path.exists():
            write_roster(path, args.households)
        began = time.perf_counter()
        roster, problems = read_csv(str(path), path.read_bytes())
        assert roster is not None and not problems, problems[:3]
        print(
            f"roster: {len(roster.ids):,} households, read in {time.perf_counter() - began:.2f} s"
        )
        for name, letter in texts(roster).items():
            runs = [redact_once(roster, letter) for _ in range(args.repeat)]
            seconds = statistics.median(run[0] for run in runs)
            print(f"{name:<10}{seconds * 1000:>10.3f} ms  {runs[0][1][0]}")


if __name__ == "__main__":
    main()
