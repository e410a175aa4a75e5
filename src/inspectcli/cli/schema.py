"""`inspect schema`: JSON Schema of each document kind, for editors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from inspectcli.cli.help import example
from inspectcli.messages import did_you_mean, enumeration, t
from inspectcli.model.schema import schema_of, schema_text
from inspectcli.output import say
from inspectcli.output.files import write_atomic


def schema_command(
    kind: Annotated[str | None, typer.Argument(help="One kind; default: every kind.")] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="FOLDER",
            help="Write KIND.schema.json files into this folder (one file each, so not -).",
        ),
    ] = None,
) -> None:
    """Export the JSON Schema of case documents, with descriptions in Chinese and English.

    Point editors at it with a first line like
    `# yaml-language-server: $schema=schemas/findings.schema.json`.
    """
    from inspectcli.model import KINDS

    if kind is not None and kind not in KINDS:
        message = t(
            "unknown-kind",
            kind=kind,
            hint=did_you_mean(kind, list(KINDS)),
            kinds=enumeration(KINDS),
        )
        typer.echo(message, err=True)
        raise typer.Exit(2)
    kinds = [kind] if kind else list(KINDS)
    if out is None:
        payload: Any = schema_of(kinds[0]) if kind else {k: schema_of(k) for k in kinds}
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    if say.is_stdout(out):
        typer.echo(t("out-dash-many-files"), err=True)
        raise typer.Exit(2)
    if out.exists() and not out.is_dir():
        typer.echo(t("schema-out-is-file", path=out), err=True)
        raise typer.Exit(2)
    for name in kinds:
        target = out / f"{name}.schema.json"
        try:
            write_atomic(target, schema_text(name).encode("utf-8"))
        except OSError as error:  # a folder we may not write in
            typer.echo(t("schema-write-failed", path=target, detail=error.strerror), err=True)
            raise typer.Exit(1) from None
        say.note(str(target))


def register(app: typer.Typer) -> None:
    epilog = example(
        "write one schema file per kind into the folder schemas:", "inspect schema --out schemas"
    )
    app.command("schema", epilog=epilog)(schema_command)
