"""Our own bugs, and the files we cannot read or write, as the user meets them: one line,
never a traceback. The one place where an OSError becomes a problem at its file."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import Any, NoReturn

import typer

from inspectcli.messages import t
from inspectcli.repo.fileread import FileProblem, os_problem


def file_failure(error: OSError | FileProblem, path: str | None = None) -> NoReturn:
    """Print the problem the file ``path`` (else the one the error names) is, exit code 1."""
    from inspectcli.output.problems import parsable

    if isinstance(error, FileProblem):
        problem = error.problem
    else:
        named = path if path is not None else error.filename
        problem = os_problem(os.fsdecode(named) if named is not None else "", error)
    typer.echo(parsable(problem), err=True)
    raise typer.Exit(1)


def internal_error(error: Exception) -> NoReturn:
    """Say plainly that inspectcli failed; with INSPECT_DEBUG set, re-raise for the trace.

    A closed pipe (``inspect … | head``) is no bug: click ends such a run quietly. A file
    that cannot be read or written is no bug either: it is a problem at that file."""
    if isinstance(error, BrokenPipeError):
        raise error
    if isinstance(error, (OSError, FileProblem)):
        file_failure(error)
    typer.echo(t("internal-error", detail=f"{type(error).__name__}: {error}"), err=True)
    if os.environ.get("INSPECT_DEBUG"):
        raise error
    raise typer.Exit(2) from None


def guard_files(command: Callable[..., Any]) -> Callable[..., Any]:
    """``command``, with a file it cannot read or write reported by ``file_failure``, and
    a bug no command caught said by ``internal_error``, not as a traceback."""

    @functools.wraps(command)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except BrokenPipeError:
            raise
        except (OSError, FileProblem) as error:
            file_failure(error)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise  # an exit code chosen, or a usage error click says itself
        except Exception as error:
            internal_error(error)

    return guarded


def guard_every_command(app: typer.Typer) -> None:
    """``guard_files`` around every command of ``app`` and of its groups."""
    for info in app.registered_commands:
        if info.callback is not None:
            info.callback = guard_files(info.callback)
    for group in app.registered_groups:
        if group.typer_instance is not None:
            guard_every_command(group.typer_instance)
