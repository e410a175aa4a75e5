"""``inspect report [PATH]``: compute the report once, render it in the chosen format.

Exit codes: 0 written; 1 the repository has errors (printed as ``path:line:col: …`` on
stderr) or the output cannot be written; 2 a usage error.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

import typer

from inspectcli.cli.errors import file_failure
from inspectcli.messages import t
from inspectcli.output import say
from inspectcli.output.files import write_atomic
from inspectcli.pipeline.repository import RepositoryError
from inspectcli.pipeline.validate import Progress
from inspectcli.redact import mask
from inspectcli.report.compute import Options
from inspectcli.report.model import Report
from inspectcli.report.run import make_report, the_report

FORMATS = ("table", "markdown", "xlsx", "json")


def rendered(report: Report, output_format: str) -> bytes:
    """The report in one of the file formats, as bytes, ID and phone numbers masked."""
    if output_format == "xlsx":
        from inspectcli.report.render_xlsx import xlsx_bytes

        return xlsx_bytes(report)
    return mask(_text(report, output_format)).encode()


def _text(report: Report, output_format: str) -> str:
    if output_format == "json":
        from inspectcli.report.render_json import to_json

        return to_json(report)
    if output_format == "markdown":
        from inspectcli.report.render_markdown import to_markdown

        return to_markdown(report)
    import io

    from rich.console import Console

    from inspectcli.report.render_table import print_report

    buffer = io.StringIO()
    print_report(report, Console(file=buffer, width=160, no_color=True, highlight=False))
    return buffer.getvalue()


def _progress() -> Callable[[int], Progress | None] | None:
    if not sys.stderr.isatty():
        return None
    from inspectcli.output.progress import progress_factory

    return progress_factory(t("report-progress"))


def _print(report: Report) -> int:
    from inspectcli.output.escape import visible
    from inspectcli.report.render_table import print_report

    print_report(report)
    for warning in report.warnings:
        say.note(visible(t("report-warning", message=warning)))
    return 0


def _emit(data: bytes, out: Path | None) -> int:
    if out is None or say.is_stdout(out):
        say.binary(data)
        return 0
    try:
        write_atomic(out, data)
    except OSError as error:
        file_failure(error, str(out))
    say.note(t("report-written", path=out))
    return 0


def run_many(
    paths: list[Path],
    options: Options,
    output_format: str,
    out: Path | None,
    *,
    cache_dir: Path | None,
    jobs: int | None = None,
) -> int:
    """The roll-up of several repositories (``rollup``): each counted alone (or from the
    cache), then summed. Exit code 1 when one was left out for its problems (the roll-up
    of the others is still written, with a note naming it)."""
    from inspectcli.output.problems import parsable
    from inspectcli.report.rollup import count_each, roll_up

    def count(path: Path) -> Report:
        return make_report(path, options, ("report", the_report), cache_dir=cache_dir, jobs=jobs)

    members, problems = count_each(paths, count, lambda p: p.as_posix())
    for problem in problems:
        typer.echo(parsable(problem), err=True)
    report = roll_up(members, options)
    if output_format == "table" and out is None:
        _print(report)
    else:
        _emit(rendered(report, output_format), out)
    return 1 if problems else 0


def run_lists(path: Path, options: Options, out: Path, *, cache_dir: Path | None) -> int:
    """The three lists (三单) as xlsx files in the folder ``out``: all written or none."""
    from inspectcli.output.problems import parsable
    from inspectcli.report.lists import lists

    try:
        report = make_report(path, options, ("report", the_report), cache_dir=cache_dir)
    except RepositoryError as error:
        for problem in error.problems:
            typer.echo(parsable(problem), err=True)
        return 1
    made = lists(report)
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, data in made.items():
            write_atomic(out / name, data)
    except OSError as error:
        file_failure(error, str(out))
    for name in made:
        say.note(t("report-list-written", path=out / name))  # a list, not the report
    return 0


def run(
    path: Path,
    options: Options,
    output_format: str,
    out: Path | None,
    *,
    cache_dir: Path | None,
    jobs: int | None = None,
) -> int:
    """Compute (or take from the cache), render, and return the exit code."""
    from inspectcli.output.problems import parsable

    terminal = output_format == "table" and out is None
    try:
        if terminal:
            report = make_report(
                path,
                options,
                ("report", the_report),
                cache_dir=cache_dir,
                jobs=jobs,
                progress_start=_progress(),
            )
            return _print(report)
        data = make_report(
            path,
            options,
            (output_format, partial(rendered, output_format=output_format)),
            cache_dir=cache_dir,
            jobs=jobs,
            progress_start=_progress(),
        )
    except RepositoryError as error:
        for problem in error.problems:
            typer.echo(parsable(problem), err=True)
        return 1
    return _emit(data, out)
