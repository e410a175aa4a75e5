"""Our own bugs, as the user meets them: one line and exit 2, never a traceback."""

from __future__ import annotations

import os
from typing import NoReturn

import typer

from inspectcli.messages import t


def internal_error(error: Exception) -> NoReturn:
    """Say plainly that inspectcli failed; with INSPECT_DEBUG set, re-raise for the trace.

    A closed pipe (``inspect … | head``) is no bug: click ends such a run quietly."""
    if isinstance(error, BrokenPipeError):
        raise error
    typer.echo(t("internal-error", detail=f"{type(error).__name__}: {error}"), err=True)
    if os.environ.get("INSPECT_DEBUG"):
        raise error
    raise typer.Exit(2) from None
