"""``inspect report [PATH]``: rectification figures, the ledger and accountability."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Literal, NoReturn

import typer

from inspectcli.cli.conventions import choice
from inspectcli.cli.dates import parse_date
from inspectcli.cli.help import example
from inspectcli.messages import t
from inspectcli.output import say

Format = Literal["table", "markdown", "xlsx", "json"]
Grouping = Literal["county", "unit", "category", "group"]


def _usage_error(message: str) -> NoReturn:
    typer.echo(t("report-error", message=message), err=True)
    raise typer.Exit(2)


def _as_of(text: str) -> dt.date:
    if not text:
        return dt.date.today()
    return parse_date(text)


def _check_out(output_format: str, out: Path | None) -> None:
    """xlsx goes to a file (or a pipe), never to a terminal."""
    if output_format != "xlsx":
        return
    if out is None:
        _usage_error(t("report-xlsx-needs-out"))
    if say.is_stdout(out) and say.stdout_is_terminal():
        _usage_error(t("report-xlsx-terminal"))


def report_command(
    path: Path = typer.Argument(  # noqa: B008
        Path("."), metavar="PATH", help="The case repository (or a folder inside it)."
    ),
    period: str = typer.Option(
        "",
        "--period",
        metavar="PERIOD",
        help="2026-11 (month), 2026Q4 (quarter) or 2026 (year); default: the year of --as-of.",
    ),
    by: Annotated[
        Grouping, choice(Grouping, "--by", help="What each row of the figures counts.")
    ] = "county",
    output_format: Annotated[Format, choice(Format, "--format", help="What to write.")] = "table",
    out: Path | None = typer.Option(  # noqa: B008
        None,
        "--out",
        metavar="FILE",
        help="Write to FILE (atomically), or - to standard output; required for xlsx.",
    ),
    as_of: str = typer.Option(
        "", "--as-of", metavar="DATE", help="Count as of DATE (default today)."
    ),
    three_lists: bool = typer.Option(
        False,
        "--lists",
        help=(
            "Write the three lists (三单: problems, responsibility, rectification) as xlsx "
            "files into the folder --out."
        ),
    ),
    no_cache: bool = typer.Option(False, "--no-cache", help="Read every file afresh."),
    cache_dir: Path | None = typer.Option(  # noqa: B008
        None, "--cache-dir", metavar="DIR", help="Where to keep the cache."
    ),
) -> None:
    """Rectification report of a period: findings, rectified, verified, overdue, the
    rectification rate (整改率) and on-time rate per county, unit, category or group; the
    problem ledger (台账); and the accountability thresholds reached (Suzhou art. 39).
    """
    from inspectcli.repo.cache import default_dir
    from inspectcli.report.command import run
    from inspectcli.report.compute import Options
    from inspectcli.report.period import PeriodSyntaxError, parse_period

    if three_lists and (out is None or say.is_stdout(out)):
        _usage_error(t("lists-need-out"))
    if not three_lists:
        _check_out(output_format, out)
    if not path.exists():
        _usage_error(t("path-not-found", path=path))
    when = _as_of(as_of)
    try:
        chosen = parse_period(period or str(when.year))
    except PeriodSyntaxError as error:
        _usage_error(str(error))
    directory = None if no_cache else (cache_dir or default_dir())
    if three_lists and out is not None:
        from inspectcli.report.command import run_lists

        raise typer.Exit(run_lists(path, Options(chosen, by, when), out, cache_dir=directory))
    code = run(path, Options(chosen, by, when), output_format, out, cache_dir=directory)
    raise typer.Exit(code)


def register(app: typer.Typer) -> None:
    epilog = example(
        "the fourth quarter by category, as a workbook:",
        "inspect report examples --period 2026Q4 --by category --format xlsx --out q4.xlsx",
    )
    app.command("report", epilog=epilog)(report_command)
