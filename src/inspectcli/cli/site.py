"""``inspect site [PATH...] --out DIR``: a static HTML site of one or several repositories.

Exit codes: 0 written; 1 the repository has errors (a roll-up still writes the site of
the others, with a note naming it) or the folder cannot be written; 2 a usage error.
"""

from __future__ import annotations

from pathlib import Path

import typer

from inspectcli.cli.help import example
from inspectcli.cli.report import repositories
from inspectcli.messages import t
from inspectcli.output import say


def site_command(
    paths: list[Path] | None = typer.Argument(  # noqa: B008
        None,
        metavar="PATH...",
        help="The case repository (or a folder inside it); several, or a members file "
        "listing them (`members:`), for one view over all.",
    ),
    out: Path = typer.Option(  # noqa: B008
        ...,
        "--out",
        metavar="DIR",
        help="The folder of the site, replaced whole (many files, so not -).",
    ),
    period: str = typer.Option(
        "",
        "--period",
        metavar="PERIOD",
        help="2026-11 (month), 2026Q4 (quarter) or 2026 (year); default: the year of --as-of.",
    ),
    as_of: str = typer.Option(
        "", "--as-of", metavar="DATE", help="Count as of DATE (default today)."
    ),
    no_cache: bool = typer.Option(False, "--no-cache", help="Read every file afresh."),
    cache_dir: Path | None = typer.Option(  # noqa: B008
        None, "--cache-dir", metavar="DIR", help="Where to keep the cache."
    ),
) -> None:
    """A static HTML site of the case repository: rates per county, group and category
    as charts and tables, the monthly trend, overdue findings, the deadlines ahead,
    accountability, and a page per round, finding and county; it makes no request outside
    itself and reads from file:// or any static host."""
    from inspectcli.cli.errors import file_failure
    from inspectcli.cli.report import _as_of, _usage_error
    from inspectcli.output.problems import parsable
    from inspectcli.repo.cache import default_dir
    from inspectcli.repo.fileread import FileProblem
    from inspectcli.repo.repository import RepositoryError
    from inspectcli.report.compute import Options
    from inspectcli.report.period import PeriodSyntaxError, parse_period
    from inspectcli.web.build import build_site, folder_size
    from inspectcli.web.data import gather

    if say.is_stdout(out):
        _usage_error(t("site-out-folder"))
    given = repositories(paths)
    when = _as_of(as_of)
    try:
        chosen = parse_period(period or str(when.year))
    except PeriodSyntaxError as error:
        _usage_error(str(error))
    several = not (len(given) == 1 and given == (paths or [Path(".")]))
    try:
        directory = None if no_cache else (cache_dir or default_dir())
        options = Options(chosen, "county", when)
        site, problems = gather(given, options, several=several, cache_dir=directory)
    except RepositoryError as error:
        for problem in error.problems:
            typer.echo(parsable(problem), err=True)
        raise typer.Exit(1) from None
    for problem in problems:
        typer.echo(parsable(problem), err=True)
    try:
        pages = build_site(site, out)
    except (OSError, FileProblem) as error:
        file_failure(error, str(out))
    say.note(t("site-written", path=out, pages=pages, size=folder_size(out)))
    raise typer.Exit(1 if problems else 0)


def register(app: typer.Typer) -> None:
    epilog = example(
        "the site of the example repository as of a date, to open in a browser:",
        "inspect site examples --as-of 2026-12-01 --out public",
    )
    app.command("site", epilog=epilog)(site_command)
