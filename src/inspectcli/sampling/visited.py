"""The households visited outside this repository (other repositories, earlier years): a
CSV whose ``household_id`` column (``户编号``) lists them, named by ``visited:`` in
``inspect.yaml``. Rotation leaves them out of every draw that rotates households."""

from __future__ import annotations

import csv
import io

from inspectcli.messages import t
from inspectcli.problems import Problem
from inspectcli.repo.yamlread import decode, problem_at

COLUMN_NAMES = ("household_id", "户编号")


def visited_ids(path: str, raw: bytes) -> tuple[set[str], list[Problem]]:
    """The household ids of the file, or the problems that say why it cannot be read."""
    text, problems = decode(path, raw)
    if text is None:
        return set(), problems
    rows = csv.reader(io.StringIO(text))
    header = [cell.strip() for cell in next(rows, [])]
    column = next((i for i, name in enumerate(header) if name in COLUMN_NAMES), None)
    if column is None:
        message = t("visited-no-column", columns=", ".join(COLUMN_NAMES))
        return set(), [problem_at(path, 1, 1, "visited-no-column", message)]
    found: set[str] = set()
    for row in rows:
        if len(row) > column and row[column].strip():
            found.add(row[column].strip())
    return found, []
