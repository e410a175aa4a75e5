"""The help texts of every command, option and argument, and their translation.

Help strings are written in English where the commands are defined; typer turns them into
a tree of click commands, and ``translate`` replaces each text of that tree by its
translation in the language in use (``inspectcli.i18n``). ``texts`` lists the same texts
for the catalogue, so that extraction and translation walk one tree the same way.
"""

from __future__ import annotations

import inspect
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
        shown = i18n.gettext(text.english)
        if shown == text.english and text.attribute == "help":
            shown = unwrapped(shown)
        setattr(text.owner, text.attribute, shown)
    _summarise(command)
    _fold_when_shown(command)


def unwrapped(help_text: str) -> str:
    """The English of a docstring with its paragraphs on one line each: typer shows a
    docstring's line breaks as they are, so the source's width would cut lines short at
    80 columns. A paragraph with an indented line or a list keeps its lines."""
    paragraphs = inspect.cleandoc(help_text).split("\n\n")
    return "\n\n".join(
        paragraph
        if any(line.startswith((" ", "- ", "* ", "\b")) for line in paragraph.split("\n"))
        else " ".join(paragraph.split("\n"))
        for paragraph in paragraphs
    )


def _summarise(command: Any) -> None:
    """A command's line in its group's list: the first paragraph of its help, as one line.

    typer shows a help text's line breaks there as they are, and a docstring breaks its
    lines at the source's width, not the terminal's."""
    if _english(command, "short_help") is None and command.help:
        first = inspect.cleandoc(command.help).split("\n\n")[0]
        command.short_help = " ".join(first.split("\n"))
    for sub in getattr(command, "commands", {}).values():
        _summarise(sub)


FOLDS = "_inspectcli_folds"  # marks what already folds, so that nothing is wrapped twice


def _fold_when_shown(command: Any) -> None:
    """Have ``command`` and its sub-commands fold their help before typer renders it.

    Hooked into ``format_help`` so that typer's help module (60 ms of imports) is loaded
    only when a help screen is shown."""
    if not command.__dict__.get(FOLDS):
        shown = command.format_help

        def format_help(ctx: Any, formatter: Any) -> None:
            fold_long_words()
            shown(ctx, formatter)

        command.format_help = format_help
        command.__dict__[FOLDS] = True
    for sub in getattr(command, "commands", {}).values():
        _fold_when_shown(sub)


def fold_long_words() -> None:
    """Fold a help text at the edge of its cell instead of cutting it with "…".

    typer puts each help text in a table cell, and a cell cuts a word wider than itself.
    A Chinese sentence has no spaces, so to rich it is one long word: without this, the
    Chinese help of most options ended in "…" at 80 columns and lost its second half."""
    from rich.text import Text
    from typer import rich_utils

    from inspectcli.output.linebreak import BreakingText

    # A private helper of typer: where a typer version lacks it, help stays as typer makes it.
    make = getattr(rich_utils, "_make_rich_text", None)
    if make is None or getattr(make, FOLDS, False):
        return

    def folding(*arguments: Any, **named: Any) -> Any:
        text = make(*arguments, **named)
        if isinstance(text, Text):
            text.overflow = "fold"
            return BreakingText.of(text)  # never in a word, a year or before a "。"
        return text

    setattr(folding, FOLDS, True)
    rich_utils._make_rich_text = folding


def example(description: str, *commands: str) -> str:
    """An ``Example:`` epilog: what the example does, then the command lines."""
    return "\n".join([f"Example: {description}", "", *commands])
