"""`inspect render-letter`, `render-report`, `render-bulletin`: official documents as .docx."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from inspectcli.cli.dates import parse_date
from inspectcli.cli.errors import internal_error
from inspectcli.cli.help import example
from inspectcli.messages import t
from inspectcli.output import say

OutOption = Annotated[
    Path,
    typer.Option(
        "--out",
        "-o",
        metavar="FOLDER",
        help="Folder to write the document into; - writes the .docx to standard output.",
    ),
]
TemplateOption = Annotated[
    str | None,
    typer.Option(
        "--template",
        "-t",
        help="Template NAME: the repository's templates/NAME.docx, else the built-in one; "
        "or a path to a .docx file.",
    ),
]


def _date_option(help_text: str) -> Any:  # typer's OptionInfo
    """``--date``, which each document dates and defaults in its own way."""
    return typer.Option("--date", help=help_text)


def _date(text: str | None) -> dt.date | None:
    return None if text is None else parse_date(text)


def _run(action: Callable[[], list[str]]) -> None:
    """Run ``action`` (which returns the lines to print), turning bad input into problems
    with positions and exit code 1, and our own bugs into exit code 2 without a traceback."""
    from inspectcli.output.problems import parsable
    from inspectcli.render.context import RenderError
    from inspectcli.repo.repository import RepositoryError

    try:
        lines = action()
    except (RenderError, RepositoryError) as error:
        for problem in error.problems:
            typer.echo(parsable(problem), err=True)
        raise typer.Exit(1) from None
    except Exception as error:  # a bug of ours (a file we cannot read or write is not)
        internal_error(error)
    for line in lines:
        say.note(line)


def _refuse_terminal(out: Path) -> None:
    """``--out -`` into a terminal would print a zip file's bytes: refused, exit 2."""
    if say.is_stdout(out) and say.stdout_is_terminal():
        typer.echo(t("binary-to-terminal", kind=".docx"), err=True)
        raise typer.Exit(2)


def _write(rendered: Any, out: Path, write: Callable[[Path], Path]) -> str:
    """The document to standard output (``--out -``), else into the folder ``out``: what
    was written, for the "wrote …" line."""
    if say.is_stdout(out):
        say.binary(rendered.data)
        return "-"
    return str(write(out))


def render_letter_command(
    findings: Annotated[Path, typer.Argument(help="The findings file of the round.")],
    out: OutOption = Path("."),
    template: TemplateOption = None,
    date: Annotated[
        str | None,
        _date_option("Date of the letter, YYYY-MM-DD (default: letter.date, else today)."),
    ] = None,
) -> None:
    """Render the rectification letter with its problem list to .docx (GB/T 9704 layout).

    The document number is the findings file's letter.number; without one, the next free
    number of the year is used and printed (the findings file is not changed).

    Exit code 0: written; 1: a problem in the case files or the template; 2: usage error.
    """
    day = _date(date)
    _refuse_terminal(out)
    _refuse_terminal(out)
    if not findings.is_file():
        typer.echo(t("path-not-found", path=findings), err=True)
        raise typer.Exit(2)

    def action() -> list[str]:
        from inspectcli.output.problems import parsable
        from inspectcli.render.context import load_case
        from inspectcli.render.letter import render_letter, write_letter

        case = load_case(findings)
        for warning in case.warnings:
            typer.echo(parsable(warning), err=True)
        lines = []
        rendered = render_letter(case, template=template, date=day)
        target = _write(rendered, out, lambda folder: write_letter(case, rendered, folder))
        if rendered.allocated:
            lines.append(t("render-number-allocated", number=rendered.number, path=case.path))
        display = rendered.template.display
        lines.append(t("render-written", path=target, number=rendered.number, template=display))
        return lines

    _run(action)


def render_report_command(
    plan: Annotated[
        str, typer.Argument(help="The plan of the round: its file, or its id (e.g. 2026-11-g3).")
    ],
    out: OutOption = Path("."),
    template: TemplateOption = None,
    date: Annotated[
        str | None,
        _date_option("Date of the report and of the figures in it, YYYY-MM-DD (default: today)."),
    ] = None,
) -> None:
    """Render the group's written report on a round to the leading group (.docx).

    Sections: the facts of the round (group, counties, sample), the main problems found (by
    category of the policy's catalogue), their rectification (per county, as of --date), and
    opinions and suggestions when the findings files of the round carry `suggestions:`. A plan
    id is looked up in the repository around the current folder.

    Exit code 0: written; 1: a problem in the case files or the template; 2: usage error.
    """
    day = _date(date)
    _refuse_terminal(out)

    def action() -> list[str]:
        from inspectcli.render.report import find_plan, render_report, write_report
        from inspectcli.repo.repository import open_repository

        given = Path(plan)
        repository = open_repository(given.parent if given.is_file() else Path("."))
        _, chosen = find_plan(repository, plan)
        rendered = render_report(repository, chosen, template=template, date=day)
        target = _write(rendered, out, lambda folder: write_report(chosen, rendered, folder))
        display = rendered.template.display
        return [t("render-report-written", path=target, plan=chosen.id, template=display)]

    _run(action)


def render_bulletin_command(
    period: Annotated[
        str, typer.Option("--period", "-p", help="The month, YYYY-MM: rounds starting in it.")
    ],
    path: Annotated[
        Path, typer.Argument(help="The case repository (default: the current folder).")
    ] = Path("."),
    out: OutOption = Path("."),
    template: TemplateOption = None,
    date: Annotated[
        str | None,
        _date_option(
            "Date of the bulletin and of its figures, YYYY-MM-DD (default: the date "
            "registered for this bulletin, else today)."
        ),
    ] = None,
) -> None:
    """Render the monthly bulletin across groups to .docx (GB/T 9704 layout).

    Per county: rounds, findings, rectified, overdue and the rectification rate, as of
    --date; counties with every finding rectified and none overdue are praised, counties
    with overdue findings criticised. The document number is the one registered in
    inspect.yaml (`issued:` with `bulletin: YYYY-MM`), else the next free number of the
    year, printed and not written anywhere.

    Exit code 0: written; 1: a problem in the case files or the template; 2: usage error.
    """
    day = _date(date)
    _refuse_terminal(out)
    from inspectcli.render.bulletin import PERIOD

    if not PERIOD.match(period):
        typer.echo(t("render-bad-period", text=period), err=True)
        raise typer.Exit(2)

    def action() -> list[str]:
        from inspectcli.render.bulletin import render_bulletin, write_bulletin
        from inspectcli.repo.repository import open_repository

        repository = open_repository(path)
        rendered = render_bulletin(repository, period, template=template, date=day)
        target = _write(rendered, out, lambda folder: write_bulletin(rendered, folder, period))
        lines = []
        if rendered.allocated:
            message = "render-bulletin-number-allocated"
            lines.append(t(message, number=rendered.number, period=period))
        display = rendered.template.display
        lines.append(t("render-written", path=target, number=rendered.number, template=display))
        return lines

    _run(action)


def register(app: typer.Typer) -> None:
    letter = example(
        "the rectification letter of one county's problem list, into the folder letters:",
        "inspect render-letter findings/2026-09-g1-hecheng.yaml --out letters",
    )
    report = example(
        "the group's written report on a round, dated 1 December:",
        "inspect render-report plans/2026-11-g3.yaml --out reports --date 2026-12-01",
    )
    bulletin = example(
        "the bulletin of November's rounds across all groups:",
        "inspect render-bulletin --period 2026-11 --out bulletins --date 2026-12-03",
    )
    app.command("render-letter", epilog=letter)(render_letter_command)
    app.command("render-report", epilog=report)(render_report_command)
    app.command("render-bulletin", epilog=bulletin)(render_bulletin_command)
