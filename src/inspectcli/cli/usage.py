"""The words of the command-line parser itself in the user's language: the ``Usage:`` line
and the errors typer's bundled click writes in English (a missing argument, an unknown
option or command, a stray argument), and ``--lang`` taken after a sub-command too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import typer

from inspectcli import i18n
from inspectcli.messages import enumeration, t

_ORIGINAL = "_inspectcli_usage"  # marks a command whose usage line is already translated


def translate_usage(command: Any) -> None:
    """``Usage:`` (or 用法：) before the usage line of ``command``, in the language in use
    when it is shown."""
    if command.__dict__.get(_ORIGINAL):
        return

    def format_usage(ctx: Any, formatter: Any) -> None:
        pieces = command.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=t("usage-prefix"))

    command.format_usage = format_usage
    command.__dict__[_ORIGINAL] = True


def _hint(error: Any) -> str:
    parameter = getattr(error, "param", None)
    hint = getattr(error, "param_hint", None)
    if hint is None and parameter is not None:
        hint = parameter.get_error_hint()
    if isinstance(hint, (list, tuple)):
        return " / ".join(hint)
    return str(hint or "")


# Messages click builds from fixed English text: the pattern, and what it says instead.
_PHRASES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(r"^Got unexpected extra argument(?:\(s\)|s)? \((?P<args>.*)\)$"),
        lambda m: t("usage-extra-arguments", arguments=m["args"]),
    ),
    (
        re.compile(r"^Option '(?P<option>[^']+)' requires .*$"),
        lambda m: t("usage-option-needs-value", option=m["option"]),
    ),
    (
        re.compile(r"^Option '(?P<option>[^']+)' does not take a value\.$"),
        lambda m: t("usage-option-takes-no-value", option=m["option"]),
    ),
)
_SUGGESTION = re.compile(r"\.? Did you mean '(?P<name>[^']+)'(?:, '[^']+')*\?$")


def in_user_words(error: Any) -> Any:
    """``error`` (a click exception) saying its message through the catalogue; the class,
    context and exit code stay, so typer shows it as before."""
    from typer._click import exceptions as click_errors

    message: str | None = None
    if isinstance(error, click_errors.NoSuchOption):
        known = list(error.possibilities or ())
        hint = t("did-you-mean", name=sorted(known)[0]) if known else ""
        message = t("usage-no-such-option", option=error.option_name, hint=hint)
    elif isinstance(error, click_errors.MissingParameter):
        kind = error.param_type or getattr(error.param, "param_type_name", "parameter")
        key = "usage-missing-argument" if kind == "argument" else "usage-missing-option"
        message = t(key, name=_hint(error))
    elif isinstance(error, click_errors.BadParameter):
        message = t("usage-bad-value", name=_hint(error), detail=error.message)
    elif isinstance(error, click_errors.UsageError):
        message = _phrase(error.message)
    if message is None:
        return error
    translated = click_errors.UsageError(message, getattr(error, "ctx", None))
    translated.exit_code = error.exit_code
    return translated


def _phrase(text: str) -> str | None:
    suggestion = _SUGGESTION.search(text)
    if suggestion is not None:
        return text[: suggestion.start()] + t("did-you-mean", name=suggestion["name"])
    for pattern, say in _PHRASES:
        found = pattern.match(text)
        if found is not None:
            return say(found)
    return None


def set_language(ctx: typer.Context, value: str | None) -> str | None:
    """``--lang``, before or after a sub-command: messages and help from here on in that
    language (eager: before --help). Without it the help still follows the language in use."""
    from inspectcli.cli import help as help_texts

    chosen = i18n.normalise(value)
    if value is not None and chosen is None:
        raise typer.BadParameter(
            t("lang-unknown", value=value, choices=enumeration(i18n.LANGUAGES))
        )
    if chosen is not None:
        i18n.activate(chosen)
    help_texts.translate(ctx.find_root().command)
    return chosen


def language_option() -> Any:
    """A hidden ``--lang`` for a sub-command: `inspect report --lang zh` as `inspect --lang
    zh report`."""

    def lang(
        lang: str | None = typer.Option(
            None,
            "--lang",
            metavar="zh|en",
            help="Language of messages and help: zh or en.",
            hidden=True,
            is_eager=True,
            expose_value=False,
            callback=set_language,
        ),
    ) -> None:
        """Only its parameter is used."""

    template = typer.Typer(add_completion=False)
    template.command()(lang)
    return typer.main.get_command(template).params[0]
