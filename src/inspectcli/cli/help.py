"""The help texts of every command, option and argument, and their translation.

Help strings are written in English where the commands are defined; typer turns them into
a tree of click commands, and ``translate`` replaces each text of that tree by its
translation in the language in use (``inspectcli.i18n``). ``texts`` lists the same texts
for the catalogue, so that extraction and translation walk one tree the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

import typer

from inspectcli import i18n

COMMAND_TEXTS = ("help", "short_help", "epilog")
ORIGINAL = "_inspectcli_english"  # where the English source of a translated object is kept


class HelpText(NamedTuple):
    where: str  # e.g. "inspect validate --format", for the translator
    owner: Any  # a click command or parameter
    attribute: str
    english: str


def _parameter_name(parameter: Any) -> str:
    """``--format`` for an option, ``PATHS`` for an argument."""
    options = [o for o in parameter.opts if o.startswith("--")]
    return options[0] if options else str(parameter.metavar or parameter.name).upper()


def _english(owner: Any, attribute: str) -> str | None:
    originals: dict[str, str | None] = owner.__dict__.setdefault(ORIGINAL, {})
    if attribute not in originals:
        originals[attribute] = getattr(owner, attribute, None)
    return originals[attribute]


def _parameters(command: Any) -> list[Any]:
    """The command's parameters, the built-in ``--help`` included (click makes it lazily)."""
    help_option = command.get_help_option(typer.Context(command))
    return [*command.params, *([help_option] if help_option is not None else [])]


def _walk(command: Any, path: str) -> Iterator[HelpText]:
    for attribute in COMMAND_TEXTS:
        english = _english(command, attribute)
        if english:
            yield HelpText(path, command, attribute, english)
    for parameter in _parameters(command):
        english = _english(parameter, "help")
        if english:
            yield HelpText(f"{path} {_parameter_name(parameter)}", parameter, "help", english)
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from _walk(sub, f"{path} {name}")


def texts(command: Any) -> list[HelpText]:
    """Every help text of ``command`` and its sub-commands, in English."""
    return list(_walk(command, "inspect"))


def translate(command: Any) -> None:
    """Put every help text of ``command`` in the language in use (again and again safely)."""
    for text in _walk(command, "inspect"):
        setattr(text.owner, text.attribute, i18n.gettext(text.english))


def example(description: str, *commands: str) -> str:
    """An ``Example:`` epilog: what the example does, then the command lines."""
    return "\n".join([f"Example: {description}", "", *commands])
