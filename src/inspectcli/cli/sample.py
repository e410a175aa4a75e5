"""`inspect sample`: draw the towns, villages and households of a round (method v1 or v2)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Literal

import typer

from inspectcli.cli.conventions import choice
from inspectcli.cli.errors import internal_error
from inspectcli.cli.help import example
from inspectcli.messages import t
from inspectcli.output import say
from inspectcli.problems import Problem

Format = Literal["table", "json"]


def sample_command(
    plan: Annotated[
        Path | None,
        typer.Argument(help="The plan to draw for; default: the one plan without a sample."),
    ] = None,
    counties: Annotated[
        str | None,
        typer.Option("--counties", help="Draw from these counties (comma-separated), no plan."),
    ] = None,
    towns: Annotated[int | None, typer.Option("--towns", help="Towns in the round.")] = None,
    poor_villages: Annotated[
        int | None, typer.Option("--poor-villages", help="Poor villages in the round.")
    ] = None,
    ordinary_villages: Annotated[
        int | None, typer.Option("--ordinary-villages", help="Ordinary villages in the round.")
    ] = None,
    households: Annotated[
        str | None, typer.Option("--households", help="Households per village: N or A-B.")
    ] = None,
    by_status: Annotated[
        str | None,
        typer.Option(
            "--households-by-status",
            metavar="STATUS=N,…",  # short: at 80 columns the help keeps the option names whole
            help="Per village, e.g. pre-exited=2,not-exited=1.",
        ),
    ] = None,
    seed: Annotated[
        str | None, typer.Option("--seed", help="Seed of the draw; default: a random one.")
    ] = None,
    roster: Annotated[
        Path | None, typer.Option("--roster", help="Roster file instead of the repository's.")
    ] = None,
    months: Annotated[
        int | None,
        typer.Option(
            "--exclude-visited-months",
            help="Leave out units visited in the last N months (default: the policy's).",
        ),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show the draw, write nothing.")] = (
        False
    ),
    verify: Annotated[
        bool, typer.Option("--verify", help="Re-derive the plan's recorded sample and compare.")
    ] = False,
    output_format: Annotated[
        Format, choice(Format, "--format", "-f", help="How to show the draw.")
    ] = "table",
) -> None:
    """Draw the towns, villages and households to visit, verifiably: method v1 (strata of
    poor and ordinary villages, households by status), or method v2 when the plan or the
    policy sets sampling.method to v2, or sets sampling.villages or
    sampling.households_by_category; see README. --verify re-derives a recorded sample
    with the method it was drawn with.

    Exit code 0: drawn (or verified); 1: the draw cannot be made or does not re-derive;
    2: usage error.
    """
    from inspectcli.repo.csvcolumns import no_gc
    from inspectcli.sampling.run import SampleError
    from inspectcli.sampling.spec import SpecError

    # A million households in lists and no cycles among them: the cycle collector would
    # only walk those lists again and again.
    with no_gc():
        try:
            if verify:
                _verify(plan, roster)
            else:
                numbers = (towns, poor_villages, ordinary_villages, households, by_status)
                _sample(plan, counties, numbers, seed, roster, months, dry_run, output_format)
        except typer.Exit:
            raise
        except SpecError as error:
            _fail(str(error), 2)
        except SampleError as error:
            typer.echo(error.message, err=True)
            _problems(error.problems, output_format)
            raise typer.Exit(error.code) from None
        except Exception as error:  # a bug of ours
            internal_error(error)


def _fail(message: str, code: int) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(code)


def _problems(problems: list[Problem], output_format: str) -> None:
    """The faults of the roster or plan, as `inspect validate` prints them: parsable lines
    (``path:line:col: severity code message``) on stderr, or its JSON report on stdout."""
    if not problems:
        return
    from inspectcli.output.problems import parsable, to_json

    if output_format == "json":
        typer.echo(to_json(problems, len({p.path for p in problems})), nl=False)
        return
    for problem in problems:
        typer.echo(parsable(problem), err=True)


def _sample(
    plan: Path | None,
    counties: str | None,
    numbers: tuple[int | None, int | None, int | None, str | None, str | None],
    seed: str | None,
    roster: Path | None,
    months: int | None,
    dry_run: bool,
    output_format: str,
) -> None:
    from inspectcli.sampling import run
    from inspectcli.sampling.spec import flag_overrides

    request = run.Request(flag_overrides(*numbers), seed, roster, months, dry_run)
    repo = run.open_repository(plan or Path.cwd())
    if repo.root is None and (plan is not None or roster is None):
        raise run.SampleError(t("sample-no-repository", path=plan or Path.cwd()), 2)
    chosen = None
    if plan is None and counties is None:
        chosen = plan = run.choose_plan(repo)
    if plan is not None:
        outcome = run.sample_plan(repo, plan, request)
    else:
        wanted = tuple(c.strip() for c in (counties or "").split(",") if c.strip())
        if not wanted:
            raise run.SampleError(t("sample-counties-required"), 2)
        outcome = run.sample_counties(repo, wanted, request)
    names = repo.policy.category_table().names if repo.policy is not None else None
    _report(outcome, chosen, output_format, names)


def _report(
    outcome: object,
    chosen: Path | None,
    output_format: str,
    names: Mapping[str, str] | None = None,
) -> None:
    from inspectcli.sampling import run, show

    assert isinstance(outcome, run.Outcome)
    result = outcome.draw
    where = run._display(outcome.plan) if outcome.plan else None
    values = {"seed": result.seed, "method": result.method, "frame": result.frame_sha256[:16] + "…"}
    if outcome.plan is None:
        note = t("sample-printed", **values)
    elif outcome.written:
        note = t("sample-written", path=where, **values)
    else:
        note = t("sample-dry-run", **values)
    details = outcome.source.details(result.households)
    if output_format == "json":
        extra = {"plan": where, "written": outcome.written, "tool_version": _version()}
        payload = show.as_json(result, details, extra)
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        say.note(note)
        return
    if chosen is not None:
        say.note(t("sample-plan-chosen", path=where))
    show.print_table(result, details, t("sample-table-title", seed=result.seed), names)
    if result.excluded:
        say.note(_excluded_note(len(result.excluded), outcome))
    if outcome.spec_recorded and outcome.written:
        say.note(t("sample-spec-recorded"))
    say.note(note)


def _excluded_note(count: int, outcome: object) -> str:
    """How many were left out, and by which rotation: one window, or one per level."""
    from inspectcli.sampling import run
    from inspectcli.sampling.rotation import FOREVER

    assert isinstance(outcome, run.Outcome)
    windows = outcome.windows
    if windows is None or len(set(windows)) == 1:
        return t("sample-excluded", count=count, months=outcome.months)

    def shown(months: int) -> str:
        if months == FOREVER:
            return t("sample-rotation-forever")
        return t("sample-rotation-months", months=months) if months else "—"

    towns, villages, households = map(shown, windows)
    return t(
        "sample-excluded-levels", count=count, towns=towns, villages=villages, households=households
    )


def _version() -> str:
    from inspectcli import __version__

    return __version__


def _verify(plan: Path | None, roster: Path | None) -> None:
    from inspectcli.sampling import run

    repo = run.open_repository(plan or Path.cwd())
    if repo.root is None:
        raise run.SampleError(t("sample-no-repository", path=plan or Path.cwd()), 2)
    if plan is None:
        raise run.SampleError(t("sample-not-drawn", path=t("sample-no-plan-given")), 2)
    recorded, found = run.verify_plan(repo, plan, roster)
    where = run._display(plan)
    if not found:
        say.note(t("verify-ok", path=where, seed=recorded.seed, method=recorded.method))
        return
    typer.echo(t("verify-failed", path=where, count=len(found)), err=True)
    for line in found:
        typer.echo(f"  - {line}", err=True)
    raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    epilog = example(
        "draw the sample of a plan with a seed announced beforehand, then check it:",
        "inspect sample plans/2026-09-g1.yaml --seed 2026-09-g1",
        "inspect sample plans/2026-09-g1.yaml --verify",
    )
    app.command("sample", epilog=epilog)(sample_command)
