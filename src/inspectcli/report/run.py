"""From a folder to a report (or its rendering): scan, cache, fast load, computation.

A warm run on an unchanged repository costs what a warm `inspect validate` costs: the
stat of every file, one hash of the roster, and one read of what the same command made
last time (same options, as-of date and format included).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from inspectcli.pipeline.repository import root_of
from inspectcli.pipeline.validate import Progress, Scan, load_entries, scan
from inspectcli.repo.layout import display_path
from inspectcli.report.compute import Options, build_report
from inspectcli.report.load import ReportCache, ReportInput, assemble
from inspectcli.report.model import Report
from inspectcli.report.records import report_entry

T = TypeVar("T")


def make_report(
    start: Path,
    options: Options,
    product: tuple[str, Callable[[Report], T]],
    *,
    cache_dir: Path | None,
    jobs: int | None = None,
    progress_start: Callable[[int], Progress | None] | None = None,
) -> T:
    """``product`` = (name, render): the rendering of the report of the repository around
    ``start``. RepositoryError when the repository has errors."""
    root = root_of(start)
    name, render = product
    cache = ReportCache(cache_dir, root)
    found = scan(root, cache)
    key = (found.key, options, f"{name} {display_path(root, '')}")  # paths differ by folder
    cached = cache.report(key)
    if cached is not None:
        cache.save_stats(found.stats, found.seen)
        result: T = cached
        return result
    made = render(
        _paths_from_here(
            build_report(_input(root, cache, found, jobs, progress_start), options), root
        )
    )
    cache.save_report(key, made)
    return made


def report_input(
    start: Path,
    *,
    cache_dir: Path | None,
    jobs: int | None = None,
    progress_start: Callable[[int], Progress | None] | None = None,
) -> ReportInput:
    """What the report of the repository around ``start`` counts, read as `inspect report`
    reads it (the same checks, the same cache of records). RepositoryError on errors."""
    root = root_of(start)
    cache = ReportCache(cache_dir, root)
    return _input(root, cache, scan(root, cache), jobs, progress_start)


def _input(
    root: Path,
    cache: ReportCache,
    found: Scan,
    jobs: int | None,
    progress_start: Callable[[int], Progress | None] | None,
) -> ReportInput:
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
    return assemble(root, entries)


def _paths_from_here(report: Report, root: Path) -> Report:
    """The ledger's paths from the current folder, as every command writes them."""
    ledger = tuple(replace(row, path=display_path(root, row.path)) for row in report.ledger)
    return replace(report, ledger=ledger)


def the_report(report: Report) -> Report:
    """The product that is the report itself (for the terminal, and for tests)."""
    return report
