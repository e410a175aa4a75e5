"""What a command tells its user besides its data, and at which level (--quiet, --verbose).

Data goes to standard output; everything said here goes to standard error, so that
``inspect … > file`` or ``| jq`` receives the data alone. Errors are not said here: they
are printed whatever the level.
"""

from __future__ import annotations

import sys
from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text


class Level(IntEnum):
    QUIET = 0  # errors only
    NORMAL = 1  # plus what was written, warnings and summaries
    VERBOSE = 2  # plus what was read, cache hits and timings


_level = Level.NORMAL


def set_level(level: Level) -> None:
    global _level
    _level = level


def level() -> Level:
    return _level


def note(message: str) -> None:
    """What was done ("wrote …"), a warning, a summary: hidden by --quiet."""
    if _level >= Level.NORMAL:
        _stderr(message)


def note_text(text: Text) -> None:
    """A note with its colours (an overdue count in red), its lines broken where English
    and Chinese allow: a summary below a table, a warning. Hidden by --quiet."""
    if _level >= Level.NORMAL:
        from rich.console import Console

        from inspectcli.output.linebreak import print_broken

        print_broken(Console(stderr=True, highlight=False), text)


def detail(message: str) -> None:
    """What was read, what the cache held, how long it took: only with --verbose."""
    if _level >= Level.VERBOSE:
        _stderr(message)


def _stderr(message: str) -> None:
    import typer

    typer.echo(message, err=True)


def binary(data: bytes) -> None:
    """``data`` (a .docx, an .xlsx) to standard output, which the caller made sure is no
    terminal (``refuse_terminal``)."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def is_stdout(out: object) -> bool:
    """``--out -``: standard output instead of a file."""
    return out is not None and str(out) == "-"


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()
