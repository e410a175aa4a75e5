"""``inspect deadline calc START EXPR``: a deadline in the Chinese official calendar.

The first line of output is the resulting date alone (for scripts); the lines after it
explain the counting. Exit codes: 0 done (warnings included), 1 a bad calendar file,
2 a bad START or EXPR.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from inspectcli.messages import t

if TYPE_CHECKING:  # imported lazily at run time: `inspect --help` must stay fast
    from inspectcli.calendar import WorkCalendar

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

EXPR_HELP = "+N working days | +N days | +N months | month-end | quarter-end (quotes optional)."
CALENDAR_HELP = (
    "A `kind: calendar` YAML file with holidays the library does not know, or corrections; "
    "it wins for the dates it lists. Repeatable."
)


def _usage_error(message: str) -> NoReturn:
    typer.echo(t("deadline-error", message=message), err=True)
    raise typer.Exit(2)


def parse_start(text: str) -> dt.date:
    """START as YYYY-MM-DD, or a usage error."""
    if not _ISO_DATE.fullmatch(text.strip()):
        _usage_error(t("expected-date", text=text))
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        _usage_error(t("bad-date", text=text))


def _load_calendar(paths: list[Path]) -> WorkCalendar:
    """The WorkCalendar of the library plus ``paths``; exit 1 on a bad file."""
    from inspectcli.calendar import WorkCalendar, read_calendar_file
    from inspectcli.model.calendar import CalendarDocument
    from inspectcli.output.problems import parsable

    documents: list[CalendarDocument] = []
    failed = False
    for path in paths:
        if not path.is_file():
            _usage_error(t("path-not-found", path=path))
        document, problems = read_calendar_file(path)
        for problem in problems:
            typer.echo(parsable(problem), err=True)
        failed = failed or document is None
        if document is not None:
            documents.append(document)
    if failed:
        raise typer.Exit(1)
    return WorkCalendar(documents)


def calc_command(
    start: str = typer.Argument(..., metavar="START", help="Start date, YYYY-MM-DD (not counted)."),
    expr: list[str] = typer.Argument(..., metavar="EXPR", help=EXPR_HELP),  # noqa: B008
    calendar_files: list[Path] = typer.Option(  # noqa: B008
        [], "--calendar", metavar="FILE", help=CALENDAR_HELP
    ),
) -> None:
    """Count a deadline: the start day is not counted, and a period ending on a rest day
    moves to the next working day (Chinese official calendar, with make-up working days)."""
    from inspectcli.calendar import ExpressionError, PeriodError, calc

    start_date = parse_start(start)
    text = " ".join(expr)
    calendar = _load_calendar(calendar_files)
    try:
        result = calc(start_date, text, calendar)
    except (ExpressionError, PeriodError) as error:
        _usage_error(str(error))
    typer.echo(result.date.isoformat())
    for step in result.steps:
        typer.echo(step)
    for warning in calendar.conflicts + result.warnings:
        typer.echo(t("deadline-warning", message=warning))


def register(app: typer.Typer) -> None:
    """Add ``deadline`` with its ``calc`` command to ``app``."""
    deadline = typer.Typer(
        help="Deadlines in the Chinese official calendar (holidays and make-up working days).",
        no_args_is_help=True,
    )
    deadline.command("calc")(calc_command)
    app.add_typer(deadline, name="deadline")
