"""Required values of a command: given as options, asked for in a terminal, or a clear
failure (exit code 2) naming the options when nobody can answer (CI, a pipe)."""

from __future__ import annotations

import sys

import typer

from inspectcli.messages import t


def ask_missing(
    values: dict[str, str | None], required: dict[str, str], message: str
) -> dict[str, str]:
    """``values`` with every name of ``required`` (option name → catalogue key of its
    prompt) filled in.

    ``message`` is the catalogue key of the failure; it receives ``names``.
    """
    missing = [name for name in required if not values.get(name)]
    if missing and not sys.stdin.isatty():
        names = ", ".join(f"--{name.replace('_', '-')}" for name in missing)
        typer.echo(t(message, names=names), err=True)
        raise typer.Exit(2)
    filled = {name: str(value) for name, value in values.items() if value}
    for name in missing:
        filled[name] = str(typer.prompt(t(required[name]))).strip()
    return filled
