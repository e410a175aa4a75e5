"""``inspect finding …``: move a finding through its lifecycle, and list findings.

Each sub-command that changes a finding edits its findings file in round-trip mode and
refuses (exit code 1, nothing written) what the lifecycle forbids or what would leave a
file ``inspect validate`` rejects. Exit code 2: a usage error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, NoReturn, cast

import typer

from inspectcli.cli.conventions import choice
from inspectcli.cli.dates import parse_date, parse_when
from inspectcli.cli.errors import internal_error
from inspectcli.cli.help import example
from inspectcli.messages import t
from inspectcli.output import say

if TYPE_CHECKING:  # imported lazily at run time: `inspect --help` must stay fast
    from inspectcli.pipeline.repository import Repository
    from inspectcli.tracking.lifecycle import Change

app = typer.Typer(
    name="finding",
    help="Track the rectification of a finding: updates, extensions, the follow-up revisit.",
    no_args_is_help=True,
    epilog=example(
        "take a finding from rectifying to verified:",
        "inspect finding update 2026-09-HC-06 --status rectified --note 已完成 --evidence 验收单",
        "inspect finding verify 2026-09-HC-06 --by 林某",
    ),
)

RepoOption = Annotated[
    Path, typer.Option("--repo", help="A folder of the repository (default: the current one).")
]
DateOption = Annotated[
    str | None, typer.Option("--date", help="The date of the record, YYYY-MM-DD (default: today).")
]
# The records of a finding may carry the time of day (a 督办函 due at 18:00).
WhenOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="The date of the record, YYYY-MM-DD, or with the time YYYY-MM-DD HH:MM "
        "(default: today).",
    ),
]
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Show the change as a diff, write nothing.")
]
IdArgument = Annotated[str, typer.Argument(metavar="ID", help="The finding's id.")]
# The values of tracking.lifecycle and tracking.listing; a test keeps them the same.
UpdateStatus = Literal["rectifying", "rectified"]
Result = Literal["passed", "failed"]
Status = Literal["open", "rectifying", "rectified", "verified"]
Format = Literal["table", "json"]


def _fail(message: str, code: int) -> NoReturn:
    typer.echo(message, err=True)
    raise typer.Exit(code)


def _date(text: str | None) -> dt.date:
    """A record's date: a day, or a day and the time (``2026-09-26 18:00``)."""
    return dt.date.today() if text is None else parse_when(text)


def _evidence_file(repo: Path, path: Path) -> dict[str, str]:
    """``{file, sha256}`` of an evidence file inside the repository (its path from the root),
    so that the archive proves what was submitted; exit 2 for a file elsewhere or missing."""
    import hashlib

    from inspectcli.repo.layout import find_root

    root = find_root(repo)
    target = path.resolve()
    if root is None or not target.is_file() or not target.is_relative_to(root.resolve()):
        _fail(t("evidence-file-outside", path=path), 2)
    digest = hashlib.sha256()
    with target.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return {"file": target.relative_to(root.resolve()).as_posix(), "sha256": digest.hexdigest()}


def _open(path: Path) -> Repository:
    from inspectcli.output.problems import parsable
    from inspectcli.pipeline.repository import Needs, RepositoryError, open_repository

    if not path.exists():
        _fail(t("path-not-found", path=path), 2)
    try:
        # Findings and their rounds; the roster (perhaps a million rows) is never needed.
        return open_repository(path, needs=Needs(frozenset({"plan", "findings"}), roster=False))
    except RepositoryError as error:
        _fail("\n".join(parsable(p) for p in error.problems), 1)


def changed(change: Change, path: str) -> str:
    """The line saying what a command did to a finding; a status it kept (an extension
    requested, a note) is named once, not as a change to itself."""
    from inspectcli.tracking.lifecycle import status_name

    before, after = status_name(change.before), status_name(change.after)
    if change.before == change.after:
        return t("tracking-kept", id=change.finding, path=path, status=after, what=change.what)
    return t(
        "tracking-changed",
        id=change.finding,
        path=path,
        before=before,
        after=after,
        what=change.what,
    )


def _run(repo: Path, finding_id: str, transition: Callable[..., object], dry_run: bool) -> None:
    """Apply ``transition`` to the finding, print the change, pick the exit code."""
    from inspectcli.output.problems import parsable
    from inspectcli.repo.locked import EditRefused
    from inspectcli.repo.roundtrip import RoundTripError
    from inspectcli.tracking.lifecycle import Refused
    from inspectcli.tracking.store import NotFound, WouldBeInvalid, apply

    repository = _open(repo)
    try:
        outcome = apply(repository, finding_id, transition, dry_run=dry_run)  # type: ignore[arg-type]
    except (Refused, NotFound, EditRefused, RoundTripError) as error:
        _fail(str(error), 1)
    except WouldBeInvalid as error:
        _fail("\n".join([str(error), *(parsable(p) for p in error.problems)]), 1)
    except Exception as error:  # a bug of ours
        internal_error(error)
    if dry_run:
        typer.echo(outcome.diff, nl=False)
    say.note(changed(outcome.change, outcome.path))
    for warning in outcome.warnings:
        say.note(t("tracking-warning", message=parsable(warning)))
    if dry_run:
        say.note(t("tracking-dry-run"))


@app.command(
    "update",
    epilog=example(
        "a progress update that sets the status to rectifying:",
        "inspect finding update 2026-09-HC-06 --status rectifying --note 已制定帮扶计划",
    ),
)
def update_command(
    finding_id: IdArgument,
    note: Annotated[str, typer.Option("--note", help="What was done.")],
    status: Annotated[
        UpdateStatus | None,
        choice(UpdateStatus, "--status", help="The new status; without it, a progress note."),
    ] = None,
    evidence: Annotated[
        list[str] | None, typer.Option("--evidence", help="Supporting material; repeatable.")
    ] = None,
    evidence_file: Annotated[
        list[Path] | None,
        typer.Option(
            "--evidence-file",
            metavar="PATH",
            help="A file of the repository that proves it; its SHA-256 is recorded. Repeatable.",
        ),
    ] = None,
    date: WhenOption = None,
    repo: RepoOption = Path("."),
    dry_run: DryRunOption = False,
) -> None:
    """Append a dated progress update; `--status rectified` also records the rectified date
    and the evidence.
    """
    from functools import partial

    from inspectcli.tracking import lifecycle

    files = tuple(_evidence_file(repo, path) for path in evidence_file or ())
    transition = partial(
        lifecycle.update,
        status=status,
        date=_date(date),
        note=note,
        evidence=(*(evidence or ()), *files),
    )
    _run(repo, finding_id, transition, dry_run)


@app.command(
    "extend",
    epilog=example(
        "ask for a later deadline, with the reason:",
        "inspect finding extend 2026-10-SL-01 --to 2026-12-31 --reason 工程受雨季影响",
    ),
)
def extend_command(
    finding_id: IdArgument,
    to: Annotated[
        str,
        typer.Option("--to", help="The new deadline asked for, YYYY-MM-DD, or YYYY-MM-DD HH:MM."),
    ],
    reason: Annotated[str, typer.Option("--reason", help="Why it cannot be met (required).")],
    date: WhenOption = None,
    repo: RepoOption = Path("."),
    dry_run: DryRunOption = False,
) -> None:
    """Record an extension request awaiting a decision."""
    from functools import partial

    from inspectcli.tracking import lifecycle

    transition = partial(lifecycle.extend, new_deadline=_date(to), reason=reason, date=_date(date))
    _run(repo, finding_id, transition, dry_run)


def _decide(decision: str) -> Callable[..., None]:
    def command(
        finding_id: IdArgument,
        date: WhenOption = None,
        repo: RepoOption = Path("."),
        dry_run: DryRunOption = False,
    ) -> None:
        from functools import partial

        from inspectcli.tracking import lifecycle

        chosen = cast("lifecycle.Decision", decision)
        transition = partial(lifecycle.decide, decision=chosen, date=_date(date))
        _run(repo, finding_id, transition, dry_run)

    verb = "Approve" if decision == "approved" else "Reject"
    command.__doc__ = f"{verb} the extension request awaiting a decision."
    return command


app.command(
    "approve-extension",
    epilog=example(
        "approve the pending extension, dated today:",
        "inspect finding approve-extension 2026-10-SL-01",
    ),
)(_decide("approved"))
app.command(
    "reject-extension",
    epilog=example(
        "reject the pending extension on a given date:",
        "inspect finding reject-extension 2026-10-SL-01 --date 2026-11-25",
    ),
)(_decide("rejected"))


@app.command(
    "verify",
    epilog=example(
        "record a passed follow-up revisit:",
        'inspect finding verify 2026-09-HC-02 --by "第一督查组 林某" --date 2026-11-20',
    ),
)
def verify_command(
    finding_id: IdArgument,
    by: Annotated[str, typer.Option("--by", help="Who did the follow-up revisit.")],
    result: Annotated[Result, choice(Result, "--result", help="What the revisit found.")] = (
        "passed"
    ),
    note: Annotated[str | None, typer.Option("--note", help="What was found.")] = None,
    date: WhenOption = None,
    repo: RepoOption = Path("."),
    dry_run: DryRunOption = False,
) -> None:
    """Record the follow-up revisit of a rectified finding; a failed one sends the
    finding back to rectifying.
    """
    from functools import partial

    from inspectcli.tracking import lifecycle

    transition = partial(
        lifecycle.verify,
        date=_date(date),
        by=by,
        result=result,
        note=note,
    )
    _run(repo, finding_id, transition, dry_run)


@app.command(
    "history",
    epilog=example(
        "every record of a finding with the commit that introduced it:",
        "inspect finding history 2026-09-HC-06",
    ),
)
def history_command(
    finding_id: IdArgument,
    repo: RepoOption = Path("."),
    output_format: Annotated[
        Format, choice(Format, "--format", "-f", help="How to show the records.")
    ] = "table",
) -> None:
    """List every record of a finding's rectification with the commit that introduced it
    (author, commit date, message), and warn of a backdated record (dated more than the
    policy's rectification.backdating_days working days, default 10, before its commit) and
    a rewritten one (a committed record changed or removed). Exit code 1 when the policy
    makes them errors (rectification.history_errors).
    """
    from inspectcli.calendar import WorkCalendar
    from inspectcli.output.problems import parsable
    from inspectcli.pipeline.changes import ChangesError
    from inspectcli.problems import Severity
    from inspectcli.tracking import historyshow
    from inspectcli.tracking.history import history, placed

    repository = _open(repo)
    path = next(
        (
            p
            for p, doc in repository.findings.items()
            if any(f.id == finding_id for f in doc.findings)
        ),
        None,
    )
    if path is None:
        _fail(t("tracking-not-found", id=finding_id, root=repository.root, hint=""), 1)
    rules = repository.policy.rectification
    calendar = WorkCalendar(repository.calendars.values())
    try:
        found = history(repository.root, path, finding_id, calendar, rules.backdating_days)
    except ChangesError as error:
        _fail(str(error), 2)
    severity = Severity.ERROR if rules.history_errors else Severity.WARNING
    problems = placed(repository.root, found.problems, {finding_id: path}, severity)
    if output_format == "json":
        typer.echo(historyshow.to_json(finding_id, path, found.records, problems))
    elif found.records:
        historyshow.print_table(found.records, t("history-title", id=finding_id, path=path))
    else:
        typer.echo(t("history-none", id=finding_id, path=path))
    for problem in problems:  # below the table, as validate shows them
        if severity is Severity.ERROR:
            typer.echo(parsable(problem), err=True)
        else:
            say.note(parsable(problem))
    raise typer.Exit(1 if rules.history_errors and found.problems else 0)


@app.command(
    "list",
    epilog=example(
        "the overdue findings of one county:",
        "inspect finding list --repo examples --county 禾城区 --overdue",
    ),
)
def list_command(
    repo: RepoOption = Path("."),
    county: Annotated[str | None, typer.Option("--county", help="Only this county.")] = None,
    unit: Annotated[
        str | None, typer.Option("--unit", help="Only responsible units whose name contains this.")
    ] = None,
    status: Annotated[Status | None, choice(Status, "--status", help="Only this status.")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only overdue findings.")] = False,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Overdue as of this date (default: today).")
    ] = None,
    output_format: Annotated[
        Format, choice(Format, "--format", "-f", help="How to show the findings.")
    ] = "table",
) -> None:
    """List findings with their status and the deadline in force (extensions included);
    overdue is computed as of today (or --as-of), never stored.
    """
    from inspectcli.tracking import listing

    wanted = listing.Filters(county, unit, status, overdue)
    day = dt.date.today() if as_of is None else parse_date(as_of)
    found = listing.rows(_open(repo), day, wanted)
    if output_format == "json":
        typer.echo(listing.to_json(found, day))
    else:
        listing.print_table(found, day)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="finding")
