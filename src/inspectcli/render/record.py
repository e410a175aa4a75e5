"""``--record``: the number a render allocated, written where the next render finds it, so
that no clerk copies it into YAML by hand (GB/T 9704 7.2.4: a number is never given twice).

A letter's number goes under ``letter:`` of its findings file, a bulletin's into the register
``issued:`` of inspect.yaml. Each is one locked round-trip edit (comments and layout kept),
refused when the file no longer holds the bytes the document was rendered from.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from inspectcli.messages import t
from inspectcli.repo import roundtrip
from inspectcli.repo.locked import EditRefused


def _unchanged_since(path: Path, rendered_from: bytes) -> Any:
    def check(raw: bytes) -> None:
        if raw != rendered_from:
            raise EditRefused(t("render-record-changed", path=path))

    return check


def record_letter(path: Path, rendered_from: bytes, number: str, date: dt.date) -> None:
    """``letter: {number, date}`` in the findings file at ``path`` (the date only where the
    letter has none: a date given by hand stays)."""

    def change(data: CommentedMap) -> None:
        letter = data.get("letter")
        if not isinstance(letter, CommentedMap):
            letter = CommentedMap()
            roundtrip.set_key(data, "letter", letter, before="findings")
        roundtrip.set_key(letter, "number", number, before=next(iter(letter), None))
        if letter.get("date") is None:
            roundtrip.set_key(letter, "date", date)

    roundtrip.edit(path, change, _unchanged_since(path, rendered_from))


def record_bulletin(
    path: Path, rendered_from: bytes, number: str, date: dt.date, period: str
) -> None:
    """``- {number, date, bulletin}`` appended to ``issued:`` of inspect.yaml at ``path``."""
    _record_issued(path, rendered_from, {"number": number, "date": date, "bulletin": period})


def record_registered_letter(
    path: Path, rendered_from: bytes, number: str, date: dt.date, findings: str, kind: str
) -> None:
    """``- {number, date, findings, kind}`` appended to ``issued:`` of inspect.yaml at
    ``path``: the number of a letter that is not its findings file's ``letter:``."""
    entry = {"number": number, "date": date, "findings": findings, "kind": kind}
    _record_issued(path, rendered_from, entry)


def _record_issued(path: Path, rendered_from: bytes, values: dict[str, Any]) -> None:
    def change(data: CommentedMap) -> None:
        entry = roundtrip.flow_map(values)
        issued = data.get("issued")
        if issued is None:
            roundtrip.set_key(data, "issued", roundtrip.block_seq([entry]), before="exclude")
        else:
            issued.append(entry)

    roundtrip.edit(path, change, _unchanged_since(path, rendered_from))
