"""From a folder to a Report: scan, the report cache, the fast load, the computation.

A warm run on an unchanged repository costs what a warm `inspect validate` costs: the
stat of every file, one hash of the roster, and one read of the report made last time
with the same options (the as-of date included).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from inspectcli.repo.repository import RepositoryError
from inspectcli.repo.validate import Progress, find_root, load_entries, scan
from inspectcli.report.compute import Options, build_report
from inspectcli.report.load import ReportCache, assemble
from inspectcli.report.model import Report
from inspectcli.report.records import report_entry


def make_report(
    start: Path,
    options: Options,
    *,
    cache_dir: Path | None,
    jobs: int | None = None,
    progress_start: Callable[[int], Progress | None] | None = None,
) -> Report:
    """The report of the repository around ``start``; RepositoryError when it has errors."""
    root = find_root(start)
    if root is None:
        from inspectcli.messages import t
        from inspectcli.problems import Problem, Severity

        message = t("no-settings", path=start)
        raise RepositoryError([Problem(str(start), 0, 0, Severity.ERROR, "no-settings", message)])
    cache = ReportCache(cache_dir, root)
    found = scan(root, cache)
    key = (found.key, options)
    cached = cache.report(key)
    if isinstance(cached, Report):
        cache.save_stats(found.stats, found.seen)
        return cached
    entries = load_entries(
        root,
        found,
        cache,
        jobs=jobs or os.cpu_count() or 1,
        progress_start=progress_start,
        load_one=report_entry,
    )
    cache.save(found.key, [], entries)
    cache.save_stats(found.stats, found.seen)
    report = build_report(assemble(root, entries), options)
    cache.save_report(key, report)
    return report
