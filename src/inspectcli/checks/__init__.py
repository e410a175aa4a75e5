"""Rules with stable codes: inside one document (``document``) and across them (``repository``)."""

from __future__ import annotations

from typing import NamedTuple

from inspectcli.problems import Severity


class Violation(NamedTuple):
    """A rule broken at a place in a document, before it is given a line and column."""

    loc: tuple[str | int, ...]
    code: str
    message: str
    severity: Severity = Severity.ERROR
    key: bool = False  # at the key of the last step of ``loc`` rather than at its value
