"""The typer application and the registration of every sub-command."""

from __future__ import annotations

import typer

from inspectcli import __version__

app = typer.Typer(
    name="inspect",
    help="Validate, sample, schedule and document field inspections of rural-revitalisation work.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"inspectcli {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Validate, sample, schedule and document field inspections."""


def _register() -> None:
    from inspectcli.cli import deadline, newplan, render, report, sample, schema, validate

    validate.register(app)
    schema.register(app)
    newplan.register(app)
    sample.register(app)
    deadline.register(app)
    render.register(app)
    report.register(app)


_register()
