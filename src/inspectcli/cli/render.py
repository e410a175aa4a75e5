"""`inspect render-letter`: the rectification letter (整改函) of a round as .docx."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Annotated

import typer

from inspectcli.cli.help import example
from inspectcli.messages import t


def render_letter_command(
    findings: Annotated[Path, typer.Argument(help="The findings file of the round.")],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder to write the letter into.")
    ] = Path("."),
    template: Annotated[
        str | None,
        typer.Option(
            "--template",
            "-t",
            help="Template NAME: the repository's templates/NAME.docx, else the built-in one "
            "(default: letter); or a path to a .docx file.",
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date", help="Date of the letter, YYYY-MM-DD (default: letter.date, else today)."
        ),
    ] = None,
) -> None:
    """Render the rectification letter with its problem list to .docx (GB/T 9704 layout).

    The document number is the findings file's letter.number; without one, the next free
    number of the year is used and printed (the findings file is not changed).

    Exit code 0: written; 1: a problem in the case files or the template; 2: usage error.
    """
    from inspectcli.output.problems import parsable
    from inspectcli.render.context import RenderError, load_case
    from inspectcli.render.letter import render_letter, write_letter

    day = None
    if date is not None:
        try:
            day = dt.date.fromisoformat(date)
        except ValueError:
            typer.echo(t("render-bad-date", text=date), err=True)
            raise typer.Exit(2) from None
    if not findings.is_file():
        typer.echo(t("path-not-found", path=findings), err=True)
        raise typer.Exit(2)
    try:
        case = load_case(findings)
        for warning in case.warnings:
            typer.echo(parsable(warning), err=True)
        rendered = render_letter(case, template=template, date=day)
        target = write_letter(case, rendered, out)
    except RenderError as error:
        for problem in error.problems:
            typer.echo(parsable(problem), err=True)
        raise typer.Exit(1) from None
    except OSError as error:
        typer.echo(t("render-write-failed", detail=str(error)), err=True)
        raise typer.Exit(1) from None
    except Exception as error:  # a bug of ours: say so plainly, no traceback for the user
        typer.echo(t("internal-error", detail=f"{type(error).__name__}: {error}"), err=True)
        if os.environ.get("INSPECT_DEBUG"):
            raise
        raise typer.Exit(2) from None
    if rendered.allocated:
        typer.echo(t("render-number-allocated", number=rendered.number, path=case.path))
    typer.echo(
        t("render-written", path=target, number=rendered.number, template=rendered.template.display)
    )


def register(app: typer.Typer) -> None:
    epilog = example(
        "the rectification letter of one county's problem list, into the folder letters:",
        "inspect render-letter findings/2026-09-g1-hecheng.yaml --out letters",
    )
    app.command("render-letter", epilog=epilog)(render_letter_command)
