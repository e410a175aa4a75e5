"""Dates given on the command line, in the forms officers write in prompts and sheets too
(2026-11-21, 2026/11/21, 2026.11.21, 2026年11月21日), else a usage error (exit 2)."""

from __future__ import annotations

import datetime as dt

import typer

from inspectcli.messages import t


def parse_date(text: str) -> dt.date:
    """``text`` as a date, or exit 2 with a message that lists the forms taken."""
    from inspectcli.model.moment import loose_date

    found = loose_date(text)
    if found is None:  # 2026-02-30 too: the same message
        typer.echo(t("deadline-error", message=t("bad-date-option", text=text)), err=True)
        raise typer.Exit(2)
    return found


def parse_when(text: str) -> dt.date:
    """``text`` as a date, or a date and a time (2026-09-26 18:00, a Moment), or exit 2
    saying how."""
    from inspectcli.model.moment import loose_moment

    found = loose_moment(text)
    if found is None:
        typer.echo(t("deadline-error", message=t("bad-when-option", text=text)), err=True)
        raise typer.Exit(2)
    return found


def now() -> dt.date:
    """Today at this minute: a deadline due at an hour today is overdue once it passes."""
    from inspectcli.model.moment import Moment

    moment = dt.datetime.now()
    return Moment(moment.date(), moment.time())
