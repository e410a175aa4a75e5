"""``inspect policy list`` and ``inspect policy show``: the built-in presets, and the policy
a repository has in force (its preset merged with its overrides)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Literal, NoReturn

import typer

from inspectcli.cli.conventions import choice
from inspectcli.cli.help import example
from inspectcli.messages import did_you_mean, enumeration, t

ListFormat = Literal["table", "json"]
ShowFormat = Literal["yaml", "json"]


def _usage_error(message: str) -> NoReturn:
    typer.echo(message, err=True)
    raise typer.Exit(2)


def list_command(
    output_format: Annotated[
        ListFormat, choice(ListFormat, "--format", "-f", help="How to show the presets.")
    ] = "table",
) -> None:
    """List the built-in policy presets: name, source document, what each covers."""
    from inspectcli.presets.describe import preset_rows

    rows = preset_rows()
    if output_format == "json":
        payload = [row._asdict() for row in rows]
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    from inspectcli.output.tables import cell, fit

    table = Table(title=t("policy-list-title"), show_lines=True)
    table.add_column(t("policy-list-name"), style="bold", no_wrap=True)
    table.add_column(t("policy-list-source"), overflow="fold")
    table.add_column(t("policy-list-covers"), overflow="fold")
    for row in rows:
        source = row.title + (f"\n{row.source}" if row.source else "")
        table.add_row(row.name, cell(source), cell("\n".join(row.covers)))
    console = Console()
    fit(table, console)  # a year, a number and its measure word stay whole
    console.print(table)


def show_command(
    name: Annotated[
        str | None, typer.Argument(help="A built-in preset; optional with --repo.")
    ] = None,
    output_format: Annotated[
        ShowFormat, choice(ShowFormat, "--format", "-f", help="How to print the policy.")
    ] = "yaml",
    repo: Annotated[
        Path | None,
        typer.Option("--repo", help="Show the policy in force in this case repository (merged)."),
    ] = None,
) -> None:
    """Show a preset, or with --repo the merged policy of a repository.

    A preset is shown in YAML as it ships, comments citing the articles included. The
    merged policy is printed as a policy document that loads as it is.
    """
    if repo is not None:
        _show_repository(repo, name, output_format)
    elif name is None:
        _usage_error(t("policy-show-needs-name"))
    else:
        _show_preset(name, output_format)


def _show_preset(name: str, output_format: str) -> None:
    from inspectcli.model.vocabulary import PRESET
    from inspectcli.presets import HERE, load_preset, preset_names

    preset = load_preset(name)
    name = PRESET.value(name) or name  # 河源 → heyuan, the file it ships as
    if preset is None:
        known = preset_names()
        _usage_error(
            t("policy-unknown", name=name, hint=did_you_mean(name, known), known=enumeration(known))
        )
    if output_format == "yaml":
        typer.echo((HERE / f"{name}.yaml").read_text(encoding="utf-8"), nl=False)
        _data_only(preset)
    else:
        _print(preset, output_format)


def _show_repository(repo: Path, name: str | None, output_format: str) -> None:
    from inspectcli.output.problems import parsable
    from inspectcli.pipeline.policy import policy_in_force

    policy, problems = policy_in_force(repo)
    if policy is None:
        typer.echo(t("policy-repo-invalid"), err=True)
        for problem in problems:
            typer.echo(parsable(problem), err=True)
        raise typer.Exit(1)
    if name is not None and name != policy.name:
        _usage_error(t("policy-show-other-preset", repo=repo, actual=policy.name, name=name))
    _print(policy, output_format)


def _print(policy: object, output_format: str) -> None:
    from inspectcli.model.policy import Policy
    from inspectcli.presets.describe import as_document

    assert isinstance(policy, Policy)
    data = as_document(policy)
    if output_format == "json":
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        import yaml

        typer.echo(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), nl=False)
    _data_only(policy)


def _data_only(policy: object) -> None:
    """On standard error, so that what standard output prints still loads as it is."""
    from inspectcli.model.policy import Policy
    from inspectcli.output import say
    from inspectcli.presets.describe import data_only

    assert isinstance(policy, Policy)
    for line in data_only(policy):
        say.note(line)


def register(app: typer.Typer) -> None:
    policy = typer.Typer(
        help="The built-in policy presets and the policy a repository has in force.",
        no_args_is_help=True,
        epilog=example(
            "the presets, then the policy in force here:",
            "inspect policy list",
            "inspect policy show --repo .",
        ),
    )
    listing = example("the built-in presets as a table:", "inspect policy list")
    showing = example(
        "a preset as shipped, then this repository's merged policy as JSON:",
        "inspect policy show heyuan",
        "inspect policy show --repo . --format json",
    )
    policy.command("list", epilog=listing)(list_command)
    policy.command("show", epilog=showing)(show_command)
    app.add_typer(policy, name="policy")
