"""What every command has and shows the same way, so that no command can forget it:
the values an option takes (listed in help, completed by Tab, a bad one said as
``messages.bad_choice`` says it), a metavar that means something to a user instead of a
Python type, and ``--quiet`` / ``--verbose``, also after the sub-command's name.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any, get_args

import typer
from typer._click.exceptions import ClickException
from typer.core import TyperGroup

from inspectcli import i18n
from inspectcli.cli import usage
from inspectcli.messages import bad_choice, t
from inspectcli.model import vocabulary
from inspectcli.output import say


def choices_of(literal: Any) -> tuple[str, ...]:
    """The values of a ``Literal[...]`` annotation, in their order."""
    return tuple(str(value) for value in get_args(literal))


def choice(literal: Any, *declarations: str, **options: Any) -> Any:  # typer's OptionInfo
    """An option taking one of the values of ``literal`` (the parameter's annotation, which
    typer lists in help and completes), or a Chinese word for one (``整改中``: the
    vocabulary's); a value it does not take is said as every command says it, exit code 2."""
    allowed = choices_of(literal)
    words = vocabulary.of(allowed)
    name = next((d for d in declarations if d.startswith("--")), declarations[0])

    def parse(value: Any) -> str:
        text = str(value)
        if words is not None:
            text = words.value(text) or text
        if text not in allowed:
            # Said here, before typer wraps it in a box of its own words.
            typer.echo(bad_choice(str(value), name, shown(allowed), allowed), err=True)
            raise typer.Exit(2)
        return text

    return typer.Option(*declarations, parser=parse, **options)


def refuse_terminal(out: Path | None, kind: str) -> None:
    """``--out -`` into a terminal would print a zip file's bytes (a .docx, an .xlsx):
    refused as a usage error, the same words for every command."""
    if say.is_stdout(out) and say.stdout_is_terminal():
        typer.echo(t("binary-to-terminal", kind=kind), err=True)
        raise typer.Exit(2)


def shown(values: Sequence[str]) -> tuple[str, ...]:
    """``values`` as the user reads them: their Chinese words in Chinese."""
    words = vocabulary.of(values)
    return tuple(values) if words is None else words.shown(values, i18n.language())


def _quiet(value: bool) -> None:
    if value:
        say.set_level(say.Level.QUIET)


def _verbose(value: bool) -> None:
    if value:
        say.set_level(say.Level.VERBOSE)


def _levels(
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            expose_value=False,
            callback=_quiet,
            help="Print errors only: no summary, no 'wrote …', no warnings.",
        ),
    ] = False,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose",
            expose_value=False,
            callback=_verbose,
            help="Also print, on standard error, what was read, what the cache held and "
            "how long it took.",
        ),
    ] = False,
) -> None:
    """Only its parameters are used: the same two options on every command."""


def _level_options() -> list[Any]:
    template = typer.Typer(add_completion=False)
    template.command()(_levels)
    return list(typer.main.get_command(template).params)


def _commands(command: Any) -> Iterator[Any]:
    yield command
    for sub in getattr(command, "commands", {}).values():
        yield from _commands(sub)


def _is_choice(parameter: Any) -> bool:
    descriptor = getattr(parameter, "type_descriptor", None)
    return descriptor is not None and descriptor.is_choice


def _metavar(parameter: Any) -> str:
    """PATH for a path, N for a number, else the name in capitals (``--seed`` → SEED)."""
    descriptor = parameter.type_descriptor
    element = get_args(descriptor.annotation)[0] if descriptor.is_list else descriptor.annotation
    if descriptor.is_path or element is Path:
        return "PATH"
    if element is int:
        return "N"
    return str(max(parameter.opts, key=len)).lstrip("-").upper()


def _no_type(ctx: Any) -> None:
    return None


def _show_values(parameter: Any) -> None:
    """A metavar instead of a Python type (``<str>``, ``<list[Path]>``); the values of a
    choice listed in the user's language, and completed in both."""
    if _is_choice(parameter):
        _show_choices(parameter)
        return
    if parameter.param_type_name == "argument":
        if parameter.metavar is None:
            parameter.metavar = _metavar(parameter)
        parameter.display_type_rich = _no_type  # its metavar already names it
    elif parameter.metavar is None:
        parameter.metavar = "" if parameter.is_flag else _metavar(parameter)


# A list of choices longer than this is folded at a `|` on a narrow terminal, where the
# help table would otherwise cut a value in two (`sa` / `rif`).
FOLD_CHOICES_AT = 24


def _folded(label: str) -> str:
    import shutil

    from inspectcli.output.tables import text_width

    if shutil.get_terminal_size().columns >= 100 or text_width(label) <= FOLD_CHOICES_AT:
        return label
    cut = label.rfind("|", 0, len(label) // 2 + 1)
    return label if cut < 0 else label[: cut + 1] + "\n" + label[cut + 1 :]


def _show_choices(parameter: Any) -> None:
    values = [str(value) for value in parameter.type_descriptor.choices]
    words = vocabulary.of(values)
    if words is None:
        return

    def display(ctx: Any) -> str:
        return _folded("<" + "|".join(shown(values)) + ">")

    def complete(ctx: Any, param: Any, incomplete: str) -> list[str]:
        taken = [w for w in words.accepted() if (words.value(w) or w) in values]
        return [w for w in taken if w.startswith(incomplete)]

    default_of = parameter._extract_default_help_str

    def default(ctx: Any) -> Any:
        value = default_of(ctx=ctx)
        return shown([value])[0] if value in values else value

    parameter.display_type_rich = display
    parameter._custom_shell_complete = complete
    parameter._extract_default_help_str = default


def apply(root: Any) -> None:
    """The conventions on ``root`` and every command under it (idempotent)."""
    levels = _level_options()
    for command in _commands(root):
        usage.translate_usage(command)
        names = {parameter.name for parameter in command.params}
        if "quiet" not in names:  # groups too: `inspect finding --quiet update …`
            command.params.extend(levels)
        if "lang" not in names and command is not root:
            command.params.append(usage.language_option())
        for parameter in command.params:
            _show_values(parameter)
        help_option = command.get_help_option(typer.Context(command))
        if help_option is not None:
            help_option.metavar = ""


class Conventional(TyperGroup):
    """The root group: the conventions applied once the tree is built, and each run starting
    at the normal level (a test runner runs many in one process)."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.params.extend(_level_options())
        apply(self)

    def get_params(self, ctx: Any) -> list[Any]:
        # typer adds the completion options after the group is made
        params: list[Any] = super().get_params(ctx)
        for parameter in params:
            _show_values(parameter)
        return params

    def main(self, *args: Any, **kwargs: Any) -> Any:
        say.set_level(say.Level.NORMAL)
        return super().main(*args, **kwargs)

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)
        except ClickException as error:
            raise usage.in_user_words(error) from None

    def invoke(self, ctx: Any) -> Any:
        started = time.perf_counter()
        try:
            return super().invoke(ctx)
        except ClickException as error:
            raise usage.in_user_words(error) from None
        finally:
            seconds = time.perf_counter() - started
            say.detail(t("verbose-took", seconds=f"{seconds:.2f}"))
