"""`inspect new-findings`: the findings file of one county of a round, ready to fill in."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from inspectcli.cli.help import example
from inspectcli.messages import did_you_mean, t
from inspectcli.output import say

KINDS = frozenset(("plan", "findings"))


def _fail(message: str, code: int) -> NoReturn:
    typer.echo(message, err=True)
    raise typer.Exit(code)


def _plan(repository: Any, given: str) -> Any:
    """The plan named by its id or file, else exit 2 naming the closest id."""
    from inspectcli.render.context import RenderError
    from inspectcli.render.report import find_plan

    try:
        return find_plan(repository, given)[1]
    except RenderError as error:
        _fail(error.problems[0].message, 2)


def _county(plan: Any, given: str) -> str:
    """``given`` when it is one of the plan's counties, else exit 2 naming the closest."""
    if given not in plan.counties:
        hint = did_you_mean(given, list(plan.counties))
        counties = "、".join(plan.counties)
        values = {"county": given, "plan": plan.id, "counties": counties, "hint": hint}
        _fail(t("newfindings-unknown-county", **values), 2)
    return given


def new_findings_command(
    plan: Annotated[str, typer.Argument(help="The plan: its id or its file.")],
    county: Annotated[str, typer.Option("--county", help="One of the plan's counties.")],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="FILE",
            help="File to write (default: findings/PLAN-COUNTY.yaml); - prints it instead.",
        ),
    ] = None,
) -> None:
    """Create the findings file of one county of a round, with its sample as comments.

    The file validates as written; never overwrites a file.
    """
    from inspectcli.cli.newplan import check_written, line_end_of_repository, open_for_writing
    from inspectcli.output.files import write_atomic
    from inspectcli.repo.layout import find_root
    from inspectcli.repo.roundtrip import with_line_ends
    from inspectcli.scaffold.findings import latest_letter, render_findings

    printed = say.is_stdout(out)
    if printed:
        out = None
    if out is not None and out.exists():  # before reading the repository, which it may spoil
        _fail(t("newfindings-exists", path=out), 1)
    root = find_root(out.parent if out else Path.cwd())
    if root is None:
        _fail(t("no-repository", path=out.parent if out else Path.cwd()), 1)
    repository = open_for_writing(root, KINDS, "newfindings-repository-invalid")
    document = _plan(repository, plan)
    chosen = _county(document, county)
    target = out or repository.root / "findings" / f"{document.id}-{chosen}.yaml"
    if target.exists() and not printed:
        _fail(t("newfindings-exists", path=target), 1)
    folder = target.parent.resolve() if target.parent.exists() else target.parent
    schema = os.path.relpath(repository.root / "schemas" / "findings.schema.json", folder)
    letter = latest_letter(repository.findings.values(), chosen)
    text = render_findings(document, chosen, Path(schema).as_posix(), repository.roster, letter)
    check_written(text, target, "newfindings-invalid")
    data = with_line_ends(text, line_end_of_repository(root, target.parent, "findings"))
    if printed:
        typer.echo(data.decode(), nl=False)
        return
    try:
        write_atomic(target, data, replace=False)  # never overwrite, never half a file
    except FileExistsError:
        _fail(t("newfindings-exists", path=target), 1)
    say.note(t("newfindings-written", path=target))


def register(app: typer.Typer) -> None:
    epilog = example(
        "the findings file of 禾城区 in round 2026-09-g1, written to findings/:",
        "inspect new-findings 2026-09-g1 --county 禾城区",
    )
    app.command("new-findings", epilog=epilog)(new_findings_command)
