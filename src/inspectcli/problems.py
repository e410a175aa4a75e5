"""The one record every fault becomes: YAML syntax, schema and cross-file rules alike."""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple


class Severity(IntEnum):
    """Ordered so that the worst severity of a run is simply ``max()``."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    @property
    def label(self) -> str:
        return self.name.lower()


class Problem(NamedTuple):
    """One fault at one place. ``line`` and ``column`` are 1-based; 0 means unknown.

    A fault in a spreadsheet names its ``cell`` (``Sheet1!C5``); its line and column are
    then the cell's row and column, so that problems still sort in reading order."""

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str
    field: str = ""
    cell: str = ""

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)


def errors(problems: list[Problem]) -> list[Problem]:
    """The problems that stop a file or a command; warnings and notes left out."""
    return [p for p in problems if p.severity >= Severity.ERROR]


def exit_code(problems: list[Problem]) -> int:
    """0 when nothing worse than a warning was found, 1 otherwise."""
    return 1 if errors(problems) else 0
