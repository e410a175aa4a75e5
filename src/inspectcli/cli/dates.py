"""Dates given on the command line: YYYY-MM-DD only, else a usage error (exit 2)."""

from __future__ import annotations

import datetime as dt
import re

import typer

from inspectcli.messages import t

# fromisoformat alone also takes 20261121 and 2026-W47-6; an officer types 2026-11-21.
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_date(text: str) -> dt.date:
    """``text`` as a date written YYYY-MM-DD, or exit 2 with a message that says how."""
    if _ISO_DATE.fullmatch(text.strip()):
        try:
            return dt.date.fromisoformat(text.strip())
        except ValueError:
            pass  # 2026-02-30: the same message
    typer.echo(t("deadline-error", message=t("bad-date-option", text=text)), err=True)
    raise typer.Exit(2)


def parse_when(text: str) -> dt.date:
    """``text`` as YYYY-MM-DD or YYYY-MM-DD HH:MM (a Moment), or exit 2 saying how."""
    from inspectcli.model.moment import Moment, to_moment

    found = to_moment(text)
    if isinstance(found, Moment):
        return found
    if _ISO_DATE.fullmatch(text.strip()):
        return parse_date(text)
    typer.echo(t("deadline-error", message=t("bad-when-option", text=text)), err=True)
    raise typer.Exit(2)


def now() -> dt.date:
    """Today at this minute: a deadline due at an hour today is overdue once it passes."""
    from inspectcli.model.moment import Moment

    moment = dt.datetime.now()
    return Moment(moment.date(), moment.time())
