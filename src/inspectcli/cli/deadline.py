"""``inspect deadline calc START EXPR``: a deadline in the Chinese official calendar.

The first line of output is the resulting date alone (for scripts); the lines after it
explain the counting. Exit codes: 0 done (warnings included), 1 a bad calendar file,
2 a bad START or EXPR.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, NoReturn

import typer
from typer.core import TyperGroup

from inspectcli.cli.conventions import choice
from inspectcli.cli.dates import now, parse_date, parse_when
from inspectcli.cli.help import example
from inspectcli.messages import t
from inspectcli.output import say

if TYPE_CHECKING:  # imported lazily at run time: `inspect --help` must stay fast
    from inspectcli.calendar import WorkCalendar

EXPR_HELP = (
    "+N working days | +N days | +N months | month-end | quarter-end, optionally followed by "
    "'at HH:MM' (quotes optional)."
)
CALENDAR_HELP = (
    "A `kind: calendar` YAML file with holidays the library does not know, or corrections; "
    "it wins for the dates it lists. Repeatable."
)


def _usage_error(message: str) -> NoReturn:
    typer.echo(t("deadline-error", message=message), err=True)
    raise typer.Exit(2)


def _load_calendar(paths: list[Path]) -> WorkCalendar:
    """The WorkCalendar of the library plus ``paths``; exit 1 on a bad file."""
    from inspectcli.calendar import WorkCalendar
    from inspectcli.model.calendar import CalendarDocument
    from inspectcli.output.problems import parsable
    from inspectcli.pipeline.load import read_calendar_file

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
    from inspectcli.calendar.expr import split_time

    start_date = parse_date(start)
    calendar = _load_calendar(calendar_files)
    try:
        text, hour = split_time(" ".join(expr))
        result = calc(start_date, text, calendar)
    except (ExpressionError, PeriodError) as error:
        _usage_error(str(error))
    typer.echo(result.date.isoformat() + (f" {hour:%H:%M}" if hour else ""))
    for step in result.steps:
        typer.echo(step)
    for warning in calendar.conflicts + result.warnings:
        say.note(t("deadline-warning", message=warning))


Format = Literal["table", "json", "ics", "github"]
FailOn = Literal["overdue", "due-today", "never"]
LIST_EXAMPLE = example(
    "what falls due in the next 14 days, as of 1 October 2026:",
    "inspect deadline examples --as-of 2026-10-01 --within 14",
)
CALC_EXAMPLE = example(
    "three working days after 30 September 2026, across the National Day holiday:",
    "inspect deadline calc 2026-09-30 +3 working days",
)


def list_command(
    path: Path = typer.Argument(  # noqa: B008
        Path("."), metavar="PATH", help="The case repository (or a folder inside it)."
    ),
    as_of: str = typer.Option(
        "",
        "--as-of",
        metavar="DATE",
        help="Count as of DATE or 'DATE HH:MM' (default: now).",
    ),
    within: int = typer.Option(7, "--within", metavar="DAYS", help="Due soon: within DAYS days."),
    output_format: Annotated[Format, choice(Format, "--format", help="What to print.")] = "table",
    fail_on: Annotated[
        FailOn | None,
        choice(
            FailOn,
            "--fail-on",
            help="Exit 1 when a deadline is in this state (default: overdue; never for "
            "--format ics).",
        ),
    ] = None,
    out: Path | None = typer.Option(  # noqa: B008
        None,
        "--out",
        metavar="FILE",
        help="With --format ics: write the calendar to FILE; - (the default) to standard output.",
    ),
    hide_done: bool = typer.Option(False, "--hide-done", help="Leave out what is done."),
) -> None:
    """List the deadlines of the repository: letters, rectification, extensions, patrol
    feedback, follow-up revisits, archive and reports. Exit 1 when --fail-on triggers."""
    from inspectcli.deadlines.command import run

    # An export is not a check: it fails only when asked to (an explicit --fail-on).
    fail_on = fail_on or ("never" if output_format == "ics" else "overdue")
    if within < 0:
        _usage_error(t("deadline-bad-within", value=within))
    if out is not None and output_format != "ics":
        _usage_error(t("deadline-out-only-ics"))
    when = parse_when(as_of) if as_of else now()
    if say.is_stdout(out):
        out = None  # standard output, as without --out
    code = run(path, when, within, output_format, fail_on, out, hide_done=hide_done)
    raise typer.Exit(code)


class _DefaultToList(TyperGroup):
    """``inspect deadline [PATH] [OPTIONS]`` runs ``list``; ``inspect deadline calc …`` and
    ``inspect deadline --help`` work as for any group. A PATH named like a sub-command is
    written ``./calc``."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # click's Context
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h")):
            args = ["list", *args]
        return super().parse_args(ctx, args)


def register(app: typer.Typer) -> None:
    """Add ``deadline`` (listing by default) with its ``list`` and ``calc`` commands to ``app``."""
    deadline = typer.Typer(
        cls=_DefaultToList,
        help=(
            "Deadlines in the Chinese official calendar (holidays and make-up working days): "
            "`inspect deadline [PATH]` lists the repository's, `inspect deadline calc` counts one."
        ),
        epilog=LIST_EXAMPLE,
    )
    deadline.command("list", epilog=LIST_EXAMPLE)(list_command)
    deadline.command("calc", epilog=CALC_EXAMPLE)(calc_command)
    app.add_typer(deadline, name="deadline")
