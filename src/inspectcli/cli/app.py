"""The `inspect` command. Each sub-command lives in its own module and is imported lazily."""

from __future__ import annotations

import sys

from inspectcli import __version__


def main() -> None:
    # `--version` is answered before typer and pydantic are imported: it must be instant.
    if sys.argv[1:] == ["--version"]:
        print(f"inspectcli {__version__}")
        return
    from inspectcli.cli.root import app

    app()
