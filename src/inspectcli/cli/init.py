"""``inspect init DIR``: a new case repository that passes ``inspect validate`` at once."""

from __future__ import annotations

import dataclasses
import shlex
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Literal

import typer

from inspectcli.cli.conventions import choice
from inspectcli.cli.help import example
from inspectcli.cli.prompts import Invalid, listed
from inspectcli.messages import did_you_mean, t
from inspectcli.output import say

CiKind = Literal["github", "gitlab"]  # scaffold.CI_KINDS; a test keeps them the same

# Option name → catalogue key of its prompt, in the order they are asked for.
REQUIRED = {
    "preset": "prompt-preset",
    "authority": "prompt-authority",
    "short_name": "prompt-short-name",
}


def _a_preset(answer: str, before: Mapping[str, str]) -> str:
    """A built-in policy, by its name or its place (heyuan, 河源), kept as typed."""
    from inspectcli.model.vocabulary import PRESET
    from inspectcli.presets import preset_names

    known = preset_names()
    if (PRESET.value(answer) or answer) in known:
        return answer
    names = [*known, *PRESET.shown(known, "zh")]
    hint = did_you_mean(answer, names, cutoff=0.5)  # a two-character place: 河园 → 河源
    raise Invalid(t("init-unknown-preset", name=answer, hint=hint, known=listed(PRESET, known)))


def init_command(
    folder: Annotated[Path, typer.Argument(help="A new or empty folder.", metavar="DIR")],
    preset: Annotated[
        str | None, typer.Option("--preset", help="The policy in force (inspect policy list).")
    ] = None,
    ci: Annotated[CiKind | None, choice(CiKind, "--ci", help="Add a CI workflow.")] = None,
    authority: Annotated[
        str | None, typer.Option("--authority", help="Issuing authority, full name.")
    ] = None,
    short_name: Annotated[
        str | None,
        typer.Option("--short-name", help="Short name of the authority in document numbers."),
    ] = None,
    install: Annotated[
        str | None,
        typer.Option(
            "--install",
            help="What CI and pre-commit give to pip: a git URL, a wheel in the repository, "
            "inspectcli==VERSION (default: where this copy was installed from; needed with "
            "--ci when that is a local folder or wheel).",
        ),
    ] = None,
) -> None:
    """Make a case repository: settings, roster template, calendar, templates, folders, CI.

    In a terminal it asks for a missing --preset, --authority or --short-name; otherwise it
    fails with exit code 2. A folder that is not empty is refused (exit code 1), and nothing
    is written unless the whole repository is made and passes `inspect validate`.
    """
    from inspectcli.cli.prompts import ask_missing
    from inspectcli.model.vocabulary import PRESET
    from inspectcli.output.problems import parsable
    from inspectcli.presets import preset_names
    from inspectcli.scaffold import (
        InitOptions,
        ScaffoldError,
        init_repository,
        resolve_install,
    )

    given = {"preset": preset, "authority": authority, "short_name": short_name}
    presets = preset_names()
    filled = ask_missing(
        given,
        REQUIRED,
        "init-missing",
        checks={"preset": _a_preset},
        shown={"preset": {"choices": listed(PRESET, presets)}},
    )
    options = InitOptions(
        preset=filled["preset"],
        authority=filled["authority"],
        short_name=filled["short_name"],
        ci=ci,
    )
    try:
        found = resolve_install(install, required=ci is not None)
        options = dataclasses.replace(options, install=found)
        written = init_repository(folder, options)
    except ScaffoldError as error:
        typer.echo(error.message, err=True)
        for problem in error.problems:
            typer.echo(parsable(problem), err=True)
        raise typer.Exit(2 if error.usage else 1) from None
    except OSError as error:
        typer.echo(t("init-cannot-write", path=folder, detail=error.strerror or error), err=True)
        raise typer.Exit(1) from None
    say.note(t("init-written", path=folder, preset=options.preset, files=len(written)))
    say.note(t("init-next", path=folder))
    if options.install is None:
        say.note(t("init-install-system"))
    else:
        say.note(t("init-install", spec=shlex.quote(options.install)))


def register(app: typer.Typer) -> None:
    epilog = example(
        "a case repository under the Heyuan policy, with a GitHub workflow:",
        "inspect init cases --preset heyuan --ci github \\",
        "  --authority 青禾市乡村振兴局 --short-name 青乡振",
    )
    app.command("init", epilog=epilog)(init_command)
