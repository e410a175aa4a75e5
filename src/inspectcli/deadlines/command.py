"""``inspect deadline [PATH]``: the repository's deadlines in one of four formats.

Exit codes: 0 nothing triggers ``--fail-on``; 1 it does, or the repository has errors
(printed as ``path:line:col: …`` on stderr); 2 a usage error.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import typer

from inspectcli.cli.errors import file_failure
from inspectcli.deadlines import Agenda, State, compute
from inspectcli.deadlines.positions import Positions
from inspectcli.messages import t
from inspectcli.output import say
from inspectcli.output.files import write_atomic
from inspectcli.pipeline.repository import Repository, RepositoryError, open_repository

FAILING: dict[str, frozenset[State]] = {
    "overdue": frozenset({State.OVERDUE}),
    "due-today": frozenset({State.OVERDUE, State.DUE_TODAY}),
    "never": frozenset(),
}


def _open(path: Path) -> Repository:
    from inspectcli.output.problems import parsable

    if not path.exists():
        typer.echo(t("deadline-error", message=t("path-not-found", path=path)), err=True)
        raise typer.Exit(2)
    try:
        return open_repository(path)
    except RepositoryError as error:
        for problem in error.problems:
            typer.echo(parsable(problem), err=True)
        raise typer.Exit(1) from None


def _render(
    agenda: Agenda,
    positions: Positions,
    output_format: str,
    failing: frozenset[State],
    repository: Repository,
    out: Path | None,
) -> None:
    if output_format == "json":
        from inspectcli.deadlines.render_json import to_json

        typer.echo(to_json(agenda, positions), nl=False)
    elif output_format == "github":
        from inspectcli.deadlines.render_github import to_github

        typer.echo(to_github(agenda, positions, failing), nl=False)
    elif output_format == "ics":
        _write_ics(agenda, positions, repository, out)
    else:
        from inspectcli.deadlines.render_table import print_table

        print_table(agenda, positions)


def _write_ics(
    agenda: Agenda, positions: Positions, repository: Repository, out: Path | None
) -> None:
    from inspectcli.deadlines.render_ics import to_ics

    name = t("deadline-ics-name", authority=repository.settings.authority.name)
    data = to_ics(agenda, positions, name)
    if out is None:
        sys.stdout.flush()
        typer.echo(data.decode(), nl=False)
        return
    try:
        write_atomic(out, data)
    except OSError as error:
        file_failure(error, str(out))
    say.note(t("deadline-written", count=len(agenda.open()), path=out))  # --quiet hides both
    for warning in agenda.warnings:
        say.note(t("deadline-warning", message=warning))


def run(
    path: Path,
    as_of: dt.date,
    within: int,
    output_format: str,
    fail_on: str,
    out: Path | None,
    *,
    hide_done: bool = False,
) -> int:
    """Compute, render, and return the exit code."""
    repository = _open(path)
    agenda = compute(repository, as_of, within)
    if hide_done:
        agenda.deadlines = [
            d for d in agenda.deadlines if d.state not in (State.DONE, State.DONE_LATE)
        ]
    failing = FAILING[fail_on]
    _render(agenda, Positions(repository.root), output_format, failing, repository, out)
    return 1 if any(d.state in failing for d in agenda.deadlines) else 0
