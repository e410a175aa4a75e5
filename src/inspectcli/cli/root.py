"""The typer application and the registration of every sub-command."""

from __future__ import annotations

from typing import Any

import typer

from inspectcli import __version__, i18n
from inspectcli.cli import help as help_texts
from inspectcli.cli.conventions import Conventional

app = typer.Typer(
    name="inspect",
    cls=Conventional,
    help="Validate, sample, schedule and document field inspections of rural-revitalisation work.",
    epilog=help_texts.example(
        "list the deadlines of the example repository, in Chinese:",
        "inspect --lang zh deadline examples",
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"inspectcli {__version__}")
        raise typer.Exit()


def _language(ctx: typer.Context, value: str | None) -> str | None:
    from inspectcli.cli.usage import set_language

    return set_language(ctx, value)


@app.callback()
def _root(
    version: bool = typer.Option(
        False,
        "--version",
        "-V",
        callback=_version,
        is_eager=True,
        help="Show the version and exit.",
    ),
    lang: str | None = typer.Option(
        None,
        "--lang",
        metavar="zh|en",
        callback=_language,
        is_eager=True,
        autocompletion=lambda: list(i18n.LANGUAGES),
        help="Language of messages and help: zh (Chinese) or en (English). "
        "Default: INSPECT_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG), else the "
        "system's language, else English.",
    ),
) -> None:
    """Validate, sample, schedule and document field inspections."""
    from inspectcli.output.streams import redact_standard_streams

    redact_standard_streams()  # here too, for a run inside click's test runner


def _register() -> None:
    from inspectcli.cli import (
        deadline,
        finding,
        init,
        newfindings,
        newplan,
        policy,
        render,
        report,
        sample,
        schema,
        sheets,
        site,
        validate,
    )

    validate.register(app)
    schema.register(app)
    newplan.register(app)
    newfindings.register(app)
    sample.register(app)
    deadline.register(app)
    render.register(app)
    finding.register(app)
    policy.register(app)
    init.register(app)
    report.register(app)
    site.register(app)
    sheets.register(app)
    from inspectcli.cli.errors import guard_every_command

    guard_every_command(app)


_register()


def command() -> Any:
    """The click command of ``app`` with its help in the language in use."""
    built = typer.main.get_command(app)
    help_texts.translate(built)
    return built
