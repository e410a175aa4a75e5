"""``inspect report [PATH]``: rectification figures, the ledger and accountability."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, NoReturn

import typer

from inspectcli.cli.conventions import choice, refuse_terminal
from inspectcli.cli.dates import parse_date
from inspectcli.cli.help import example
from inspectcli.messages import t
from inspectcli.output import say

if TYPE_CHECKING:
    from inspectcli.report.period import Period

Format = Literal["table", "markdown", "xlsx", "json"]
Grouping = Literal["county", "unit", "category", "group", "household-group"]


# The repositories, period, date and cache of the figures: `inspect report` and `inspect site`.
PATHS = typer.Argument(
    None,
    metavar="PATH",  # click adds the "..." of a list: [PATH]..., as validate shows it
    help="The case repository (or a folder inside it); several, or a members file "
    "listing them (`members:`), for one view over all.",
)
PERIOD = typer.Option(
    "",
    "--period",
    metavar="PERIOD",
    help="2026-11 (month), 2026Q4 (quarter) or 2026 (year); default: the year of --as-of.",
)
AS_OF = typer.Option("", "--as-of", metavar="DATE", help="Count as of DATE (default today).")
NO_CACHE = typer.Option(False, "--no-cache", help="Read every file afresh.")
CACHE_DIR = typer.Option(None, "--cache-dir", metavar="DIR", help="Where to keep the cache.")


def _usage_error(message: str) -> NoReturn:
    typer.echo(t("report-error", message=message), err=True)
    raise typer.Exit(2)


def _as_of(text: str) -> dt.date:
    if not text:
        return dt.date.today()
    return parse_date(text)


def period_given(period: str, when: dt.date) -> Period:
    """``--period`` (default: the year of ``--as-of``); a bad one is a usage error."""
    from inspectcli.report.period import PeriodSyntaxError, parse_period

    try:
        return parse_period(period or str(when.year))
    except PeriodSyntaxError as error:
        _usage_error(str(error))


def _check_out(output_format: str, out: Path | None) -> None:
    """xlsx goes to a file (or a pipe), never to a terminal."""
    if output_format != "xlsx":
        return
    if out is None:
        _usage_error(t("report-xlsx-needs-out"))
    refuse_terminal(out, ".xlsx")


def report_command(
    paths: list[Path] | None = PATHS,
    period: str = PERIOD,
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
    as_of: str = AS_OF,
    three_lists: bool = typer.Option(
        False,
        "--lists",
        help=(
            "Write the three lists (problems, responsibility, rectification) as xlsx "
            "files into the folder --out."
        ),
    ),
    no_cache: bool = NO_CACHE,
    cache_dir: Path | None = CACHE_DIR,
) -> None:
    """Rectification report of a period: findings, rectified, verified, overdue, the
    rectification rate and on-time rate per county, unit, category or group; the
    problem ledger; and the accountability thresholds of the policy that are reached.
    """
    from inspectcli.pipeline.cache import default_dir
    from inspectcli.report.command import run, run_many
    from inspectcli.report.compute import Options

    if three_lists and (out is None or say.is_stdout(out)):
        _usage_error(t("lists-need-out"))
    if not three_lists:
        _check_out(output_format, out)
    given = repositories(paths)
    when = _as_of(as_of)
    chosen = period_given(period, when)
    directory = None if no_cache else (cache_dir or default_dir())
    options = Options(chosen, by, when)
    if three_lists and out is not None:
        from inspectcli.report.command import run_lists

        if len(given) != 1:
            _usage_error(t("lists-one-repository"))
        raise typer.Exit(run_lists(given[0], options, out, cache_dir=directory))
    if len(given) == 1 and given == (paths or [Path(".")]):
        code = run(given[0], options, output_format, out, cache_dir=directory)
    else:
        code = run_many(given, options, output_format, out, cache_dir=directory)
    raise typer.Exit(code)


def repositories(paths: list[Path] | None) -> list[Path]:
    """The folders to count: the paths given (default the current folder), a members file
    replaced by the folders it lists. Exit 1 (with positions) on a bad members file, 2 on
    a path that does not exist."""
    from inspectcli.output.problems import parsable
    from inspectcli.pipeline.members import expand
    from inspectcli.pipeline.repository import RepositoryError

    for path in paths or []:
        if not path.exists():
            _usage_error(t("path-not-found", path=path))
    try:
        given = expand(paths or [Path(".")])
    except RepositoryError as error:
        for problem in error.problems:
            typer.echo(parsable(problem), err=True)
        raise typer.Exit(1) from None
    for path in given:
        if not path.exists():
            _usage_error(t("path-not-found", path=path))
    return given


def register(app: typer.Typer) -> None:
    epilog = example(
        "the fourth quarter by category, as a workbook:",
        "inspect report examples --period 2026Q4 --by category --format xlsx --out q4.xlsx",
    )
    app.command("report", epilog=epilog)(report_command)
