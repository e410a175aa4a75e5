"""``inspect site [PATH...] --out DIR``: a static HTML site of one or several repositories.

Exit codes: 0 written; 1 the repository has errors (a roll-up still writes the site of
the others, with a note naming it) or the folder cannot be written; 2 a usage error.
"""

from __future__ import annotations

from pathlib import Path

import typer

from inspectcli.cli.help import example
from inspectcli.cli.report import AS_OF, CACHE_DIR, NO_CACHE, PATHS, PERIOD, repositories
from inspectcli.messages import t
from inspectcli.output import say


def site_command(
    paths: list[Path] | None = PATHS,
    out: Path = typer.Option(  # noqa: B008
        ...,
        "--out",
        metavar="DIR",
        help="The folder of the site, replaced whole (many files, so not -).",
    ),
    period: str = PERIOD,
    as_of: str = AS_OF,
    no_cache: bool = NO_CACHE,
    cache_dir: Path | None = CACHE_DIR,
) -> None:
    """A static HTML site of the case repository: rates per county, group and category
    as charts and tables, the monthly trend, overdue findings, the deadlines ahead,
    accountability, and a page per round, findings file and county; it makes no request outside
    itself and reads from file:// or any static host."""
    from inspectcli.cli.errors import file_failure
    from inspectcli.cli.report import _as_of, _usage_error, period_given
    from inspectcli.output.problems import parsable
    from inspectcli.pipeline.cache import default_dir
    from inspectcli.pipeline.repository import RepositoryError
    from inspectcli.repo.fileread import FileProblem
    from inspectcli.report.compute import Options
    from inspectcli.web.build import build_site, folder_size
    from inspectcli.web.data import gather

    if say.is_stdout(out):
        _usage_error(t("site-out-folder"))
    given = repositories(paths)
    when = _as_of(as_of)
    chosen = period_given(period, when)
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
