"""``inspect import …`` and ``inspect export …``: problem lists and ledgers in spreadsheets.

Exit code 0: done; 1: problems in the sheet or the repository (nothing written);
2: a usage error.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, NoReturn

import typer

from inspectcli.cli.conventions import choice, refuse_terminal
from inspectcli.cli.errors import internal_error
from inspectcli.cli.finding import DateOption, DryRunOption, RepoOption, changed
from inspectcli.cli.help import example
from inspectcli.messages import t
from inspectcli.output import say

if TYPE_CHECKING:  # imported lazily at run time: `inspect --help` must stay fast
    from inspectcli.pipeline.repository import Repository
    from inspectcli.problems import Problem
    from inspectcli.sheets.grid import Grid

import_app = typer.Typer(
    name="import",
    help="Read spreadsheets: a problem list typed by a group, a ledger filled in by a unit.",
    no_args_is_help=True,
    epilog=example(
        "import a group's problem list into the findings of 石岭县:",
        "inspect import findings 问题清单.xlsx --plan 2026-10-g2 --county 石岭县",
    ),
)

export_app = typer.Typer(
    name="export",
    help="Write spreadsheets to fill in: the rectification ledger of a county.",
    no_args_is_help=True,
    epilog=example(
        "the ledger of 石岭县 for its units to fill in:",
        "inspect export ledger examples --county 石岭县 --out 台账.xlsx",
    ),
)

# The formats of output.problems (FORMAT_NAMES), as validate has them.
Format = Literal["text", "json", "github", "junit", "sarif", "gitlab", "parsable"]
FormatOption = Annotated[
    Format,
    choice(Format, "--format", "-f", help="How to show problems, as in inspect validate."),
]
SheetOption = Annotated[
    str | None, typer.Option("--sheet", help="The sheet to read (default: the first).")
]


def _fail(message: str, code: int) -> NoReturn:
    typer.echo(message, err=True)
    raise typer.Exit(code)


def _open(repo: Path) -> Repository:
    from inspectcli.cli.newplan import open_for_writing
    from inspectcli.repo.layout import find_root

    if not repo.exists():
        _fail(t("path-not-found", path=repo), 2)
    root = find_root(repo)
    if root is None:
        _fail(t("no-repository", path=repo), 1)
    repository: Repository = open_for_writing(
        root, frozenset({"plan", "findings"}), "import-repository-invalid"
    )
    return repository


def _grid(path: Path, sheet: str | None) -> Grid:
    from inspectcli.cli.errors import file_failure
    from inspectcli.repo.fileread import FileProblem
    from inspectcli.sheets.grid import read_grid

    if not path.exists():
        _fail(t("path-not-found", path=path), 2)
    try:
        grid = read_grid(path, str(path), sheet)
    except FileProblem as error:
        file_failure(error)
    if grid.encoding:
        say.note(t("sheet-gbk", path=path, encoding=grid.encoding))
    return grid


def _relative(root: Path, path: Path) -> str:
    """A file of the repository as validate names it (``findings/x.yaml`` from its root)."""
    from inspectcli.repo.layout import display_path

    try:
        return display_path(root, path.resolve().relative_to(root.resolve()).as_posix())
    except ValueError:
        return str(path)


def show_problems(problems: list[Problem], output_format: str) -> None:
    """The problems of one sheet, in the format chosen, as validate shows a file's."""
    from inspectcli.output.problems import formatted, print_text

    ordered = sorted(problems, key=lambda p: p.sort_key())
    if output_format == "text":
        print_text(ordered, 1)
    else:
        paths = sorted({p.path for p in ordered})
        sys.stdout.write(formatted(output_format, ordered, 1, paths))


@import_app.command(
    "findings",
    epilog=example(
        "import the problem list of 石岭县 in round 2026-10-g2, first as a diff:",
        "inspect import findings 问题清单.xlsx --plan 2026-10-g2 --county 石岭县 --dry-run",
    ),
)
def import_findings_command(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The problem list, .xlsx or .csv.")],
    plan: Annotated[str, typer.Option("--plan", help="The plan of the round: its id or file.")],
    county: Annotated[str, typer.Option("--county", help="One of the plan's counties.")],
    sheet: SheetOption = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="FILE",
            help="The findings file (default: the county's file of the round, else "
            "findings/PLAN-COUNTY.yaml); - prints the file as it would be, writing nothing.",
        ),
    ] = None,
    repo: RepoOption = Path("."),
    dry_run: DryRunOption = False,
    output_format: FormatOption = "text",
) -> None:
    """Turn a problem list typed in Excel or WPS into findings.

    The header row is found under title rows; the columns are recognised by their Chinese
    headers in any order. Importing the same list again updates the same findings and
    never touches a rectification record.
    """
    from inspectcli.cli.newfindings import _county, _plan
    from inspectcli.repo.locked import EditRefused
    from inspectcli.repo.roundtrip import RoundTripError
    from inspectcli.sheets.importing import ImportRefused, import_findings, target_of
    from inspectcli.tracking.store import unified_diff

    repository = _open(repo)
    document = _plan(repository, plan)
    chosen = _county(document, county)
    grid = _grid(file, sheet)
    printed = say.is_stdout(out)
    target = out if out is not None and not printed else target_of(repository, document, chosen)
    try:
        done = import_findings(
            repository, document, chosen, grid, target, dry_run=dry_run or printed
        )
    except ImportRefused as error:
        if error.problems:
            show_problems(error.problems, output_format)
        if not error.problems or error.problems[0].path != grid.path:
            typer.echo(str(error), err=True)
        raise typer.Exit(1) from None
    except (EditRefused, RoundTripError) as error:
        _fail(str(error), 1)
    except Exception as error:  # a bug of ours
        internal_error(error)
    if done.warnings:
        show_problems(done.warnings, output_format)
    merged = done.merged
    if printed:
        typer.echo(merged.after, nl=False)
        return
    if dry_run:
        shown = _relative(repository.root, done.path)
        typer.echo(unified_diff(shown, merged.before, merged.after), nl=False)
    counts = {
        "path": _relative(repository.root, done.path),
        "added": len(merged.added),
        "updated": len(merged.updated),
        "unchanged": len(merged.unchanged),
    }
    say.note(t("import-findings-done", **counts))
    if dry_run:
        say.note(t("tracking-dry-run"))


def _day(text: str | None) -> dt.date:
    from inspectcli.cli.dates import parse_date

    return dt.date.today() if text is None else parse_date(text)


@export_app.command(
    "ledger",
    epilog=example(
        "the ledger of one unit of 石岭县, as a workbook:",
        "inspect export ledger --county 石岭县 --unit 枫树镇 --out 枫树镇台账.xlsx",
    ),
)
def export_ledger_command(
    path: Annotated[
        Path, typer.Argument(metavar="PATH", help="The case repository (or a folder inside it).")
    ] = Path("."),
    county: Annotated[str, typer.Option("--county", help="The county whose ledger it is.")] = "",
    unit: Annotated[
        str | None,
        typer.Option("--unit", help="Only responsible units whose name contains this."),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", metavar="FILE", help="The .xlsx to write, or - to standard output."),
    ] = None,
    date: DateOption = None,
) -> None:
    """Write the rectification ledger a county's units fill in and send back.

    One row per finding still open or being rectified; the problem's columns are locked,
    the unit's are open (the status is a drop-down). Read it back with inspect import progress.
    """
    from inspectcli.cli.errors import file_failure
    from inspectcli.output.files import write_atomic
    from inspectcli.repo.fileread import FileProblem
    from inspectcli.sheets.ledger import entries, ledger_bytes

    if out is None:
        _fail(t("ledger-needs-out"), 2)
    refuse_terminal(out, ".xlsx")
    repository = _open(path)
    counties = sorted({f.location.county for d in repository.findings.values() for f in d.findings})
    if county not in counties:
        from inspectcli.messages import did_you_mean

        hint = did_you_mean(county, counties)
        _fail(t("ledger-unknown-county", county=county, counties="、".join(counties), hint=hint), 2)
    data = ledger_bytes(repository, county, unit, _day(date))
    count = len(list(entries(repository, county, unit)))
    if say.is_stdout(out):
        say.binary(data)
        return
    try:
        write_atomic(out, data)
    except (OSError, FileProblem) as error:
        file_failure(error, str(out))
    say.note(t("ledger-written", path=out, count=count))


@import_app.command(
    "progress",
    epilog=example(
        "read back the ledger a unit filled in, first as a diff:",
        "inspect import progress 枫树镇台账.xlsx --dry-run",
    ),
)
def import_progress_command(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="The ledger, as inspect export ledger wrote it.")
    ],
    sheet: SheetOption = None,
    repo: RepoOption = Path("."),
    date: DateOption = None,
    dry_run: DryRunOption = False,
    output_format: FormatOption = "text",
) -> None:
    """Record the progress a unit filled into its ledger: each filled row makes the same
    changes as inspect finding update and extend, under the same rules.

    A row whose finding changed since the ledger was exported is refused; any problem
    writes nothing.
    """
    from inspectcli.problems import errors
    from inspectcli.repo.locked import EditRefused
    from inspectcli.repo.roundtrip import RoundTripError
    from inspectcli.sheets.progress import import_progress

    repository = _open_findings(repo)
    grid = _grid(file, sheet)
    try:
        done = import_progress(repository, grid, _day(date), dry_run=dry_run)
    except (EditRefused, RoundTripError) as error:
        _fail(str(error), 1)
    except Exception as error:  # a bug of ours
        internal_error(error)
    if done.problems:
        show_problems(done.problems, output_format)
    if not done.outcomes:
        if errors(done.problems):
            raise typer.Exit(1)
        if not done.problems:  # else each row said why it was left out
            say.note(t("ledger-nothing-filled", path=file))
        return
    for outcome in done.outcomes:
        typer.echo(outcome.diff, nl=False)
        say.note(changed(outcome.change, outcome.path))
    if dry_run:
        say.note(t("tracking-dry-run"))


def _open_findings(repo: Path) -> Repository:
    from inspectcli.cli.finding import _open as open_findings

    return open_findings(repo)  # findings and plans; never the roster


def register(app: typer.Typer) -> None:
    app.add_typer(import_app, name="import")
    app.add_typer(export_app, name="export")
