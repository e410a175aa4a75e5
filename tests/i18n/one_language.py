"""Run in a fresh interpreter by ``test_one_language``: every command's help and a typical
usage error, in the language of ``argv[1]``, as the ``inspect`` entry point sets it up
(typer's own words are routed to the catalogue only there, before typer is imported).
Prints one JSON object: the command's path → its help, and the errors."""

from __future__ import annotations

import json
import os
import sys


def main() -> None:
    from inspectcli import i18n

    language = sys.argv[1]
    i18n.activate(language)
    i18n.route_library_messages(language)

    import typer
    from typer.testing import CliRunner

    from inspectcli.cli.root import app, command

    runner = CliRunner()
    built = command()
    shown: dict[str, str] = {}

    def walk(group: typer.core.TyperGroup | typer.core.TyperCommand, path: list[str]) -> None:
        result = runner.invoke(app, ["--lang", language, *path, "--help"], env={"COLUMNS": "80"})
        shown[" ".join(["inspect", *path, "--help"])] = result.stdout
        for name, sub in sorted(getattr(group, "commands", {}).items()):
            walk(sub, [*path, name])

    walk(built, [])
    for line in ERRORS:
        arguments = line.split()
        result = runner.invoke(app, ["--lang", language, *arguments], env={"COLUMNS": "80"})
        shown[" ".join(["inspect", *arguments])] = result.stderr + result.stdout
    json.dump(shown, sys.stdout, ensure_ascii=False)


# Mistakes an officer makes on the command line: a misspelt command or option, a missing
# argument, one too many, a value that is not a choice, an option without its value.
ERRORS = (
    "finding lst",
    "finding list --statu 整改中",
    "render-letter",
    "finding update",
    "policy show heyuan extra",
    "finding list --status done",
    "report --period",
    "sample --verify",
)

if __name__ == "__main__":
    os.environ.setdefault("COLUMNS", "80")
    main()
