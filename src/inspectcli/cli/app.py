"""The `inspect` command. Each sub-command lives in its own module and is imported lazily."""

from __future__ import annotations

import os
import sys

from inspectcli import __version__


def main() -> None:
    # `--version` is answered before typer and pydantic are imported: it must be instant.
    if sys.argv[1:] in (["--version"], ["-V"]):
        print(f"inspectcli {__version__}")
        return
    from inspectcli import i18n
    from inspectcli.output.streams import redact_standard_streams

    # Before anything is printed, usage errors included: no ID or phone number leaves.
    redact_standard_streams()

    # The language is known before typer is imported: typer reads some of its words then.
    language = i18n.choose(sys.argv[1:], os.environ)
    i18n.activate(language)
    i18n.route_library_messages(language)
    from inspectcli.cli.root import command

    command()()
