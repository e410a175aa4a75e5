"""Required values of a command: given as options, asked for in a terminal, or a clear
failure (exit code 2) naming the options when nobody can answer (CI, a pipe).

In a terminal each answer is checked as soon as it is typed: a wrong one is asked for
again with the reason (and the closest choice), the answers before it are kept.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Mapping, Sequence

import typer

from inspectcli import i18n
from inspectcli.messages import did_you_mean, enumeration, t
from inspectcli.model.vocabulary import Vocabulary


class Invalid(Exception):
    """An answer that cannot be used; ``reason`` says why and what to type instead."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# An answer, and the answers given before it → the value to keep; raises Invalid.
Check = Callable[[str, Mapping[str, str]], str]


def ask_missing(
    values: dict[str, str | None],
    required: dict[str, str],
    message: str,
    checks: Mapping[str, Check] | None = None,
    shown: Mapping[str, Mapping[str, str]] | None = None,
) -> dict[str, str]:
    """``values`` with every name of ``required`` (option name → catalogue key of its
    prompt) filled in; ``checks`` judge an answer as it is typed, ``shown`` fills the
    prompt's placeholders.

    ``message`` is the catalogue key of the failure; it receives ``names``.
    """
    missing = [name for name in required if not values.get(name)]
    if missing and not sys.stdin.isatty():
        names = enumeration(f"--{name.replace('_', '-')}" for name in missing)
        typer.echo(t(message, names=names), err=True)
        raise typer.Exit(2)
    filled = {name: str(value) for name, value in values.items() if value}
    for name in missing:
        prompt = t(required[name], **dict((shown or {}).get(name, {})))
        filled[name] = ask(prompt, (checks or {}).get(name), filled)
    return filled


def ask(prompt: str, check: Check | None, before: Mapping[str, str]) -> str:
    """One answer, asked for again until ``check`` takes it."""
    while True:
        answer = str(typer.prompt(prompt)).strip()
        if check is None:
            return answer
        try:
            return check(answer, before)
        except Invalid as error:
            typer.echo(error.reason, err=True)


def listed(words: Vocabulary, values: Sequence[str]) -> str:
    """The choices as the user reads them: 督查、巡查 in Chinese."""
    return enumeration(words.shown(values, i18n.language()))


def one_of(words: Vocabulary, values: Sequence[str]) -> Check:
    """An answer naming one of ``values`` in either language (督查 or supervision)."""

    def check(answer: str, before: Mapping[str, str]) -> str:
        value = words.value(answer)
        if value is not None and value in values:
            return value
        names = [*values, *words.shown(values, i18n.language())]
        raise Invalid(
            t(
                "prompt-bad-choice",
                text=answer,
                hint=did_you_mean(answer, names, cutoff=0.5),
                choices=listed(words, values),
            )
        )

    return check


def loose_date(answer: str) -> dt.date:
    """``answer`` as a date, written as officers write one (2026/12/8, 2026年12月8日, the
    forms of every date option); else Invalid with the forms."""
    from inspectcli.model.moment import loose_date as parsed

    found = parsed(answer)
    if found is None:  # 2026-02-30 too: said as any other wrong date
        raise Invalid(t("prompt-bad-date", text=answer))
    return found


def a_date(answer: str, before: Mapping[str, str]) -> str:
    return loose_date(answer).isoformat()


def a_date_after(field: str) -> Check:
    """A date not before the answer to ``field`` (the last day of a round after its first)."""

    def check(answer: str, before: Mapping[str, str]) -> str:
        day = loose_date(answer)
        try:
            first = loose_date(before.get(field, ""))
        except Invalid:
            return day.isoformat()  # a wrong first day is said where it was given
        if day < first:
            raise Invalid(t("prompt-date-before", text=answer, first=first.isoformat()))
        return day.isoformat()

    return check
