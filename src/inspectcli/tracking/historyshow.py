"""``inspect finding history``: the records of a finding as a table (or JSON), each named
for its reader (第1次整改进展, not ``updates[0]``), and its warnings as problems at their
place in the file."""

from __future__ import annotations

import json
from collections.abc import Iterable

from inspectcli.messages import t
from inspectcli.output.problems import as_dict
from inspectcli.problems import Problem
from inspectcli.tracking.history import Record, label

COLUMNS = ("date", "record", "commit", "author", "committed", "message")


def print_table(records: Iterable[Record], title: str) -> None:
    from rich.console import Console
    from rich.table import Table

    from inspectcli.output.tables import cell, fit

    console = Console()
    table = Table(title=title)
    for key in COLUMNS:
        # A date and a commit are never split; a commit message folds.
        table.add_column(
            t(f"history-column-{key}"), no_wrap=key in ("date", "commit"), overflow="fold"
        )
    for record in records:
        commit = record.commit
        table.add_row(
            record.date.isoformat(),
            cell(label(record.key)),
            commit.sha[:10],
            cell(commit.author),
            commit.date.date().isoformat(),
            cell(commit.message),  # anyone's text: shown, never read as markup
        )
    fit(table, console)
    console.print(table)


def to_json(
    finding_id: str, path: str, records: Iterable[Record], problems: Iterable[Problem]
) -> str:
    items = [
        {
            "date": record.date.isoformat(),
            "record": record.key,
            "label": label(record.key),
            "commit": record.commit.sha,
            "author": record.commit.author,
            "committed": record.commit.date.isoformat(),
            "message": record.commit.message,
        }
        for record in records
    ]
    document = {
        "id": finding_id,
        "path": path,
        "records": items,
        "problems": [as_dict(p) for p in problems],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)
