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
