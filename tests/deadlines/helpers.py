"""Test repositories for deadlines: the valid base of validate, edited as data."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from inspectcli.deadlines import Agenda, Deadline, Kind, compute
from inspectcli.pipeline.repository import open_repository

from ..validate.helpers import make_repo

Data = dict[str, Any]
FINDINGS = "findings/r1.yaml"
PLAN = "plans/r1.yaml"
SETTINGS = "inspect.yaml"


def _dates(value: Any) -> Any:
    """Tests write dates as ISO strings; YAML must get them unquoted, as dates."""
    if isinstance(value, dict):
        return {key: _dates(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_dates(item) for item in value]
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value)
    return value


class _Dumper(yaml.SafeDumper):
    """Quotes digit strings such as content code ``08``, which YAML 1.2 reads as numbers."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "'" if value.isdigit() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def edit(root: Path, relative: str, change: Callable[[Data], None]) -> None:
    path = root / relative
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    text = yaml.dump(_dates(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")


def build(tmp_path: Path, **changes: Callable[[Data], None]) -> Path:
    """The base repository (round R1 ended 2026-09-09) with ``findings``, ``plan`` or
    ``settings`` edited."""
    root = make_repo(None, tmp_path / "repo")
    files = {"findings": FINDINGS, "plan": PLAN, "settings": SETTINGS}
    for name, change in changes.items():
        edit(root, files[name], change)
    return root


def agenda(root: Path, as_of: dt.date, within: int = 7) -> Agenda:
    return compute(open_repository(root), as_of, within)


def one(found: Agenda, kind: Kind, subject: str) -> Deadline:
    matches = [d for d in found.deadlines if d.kind is kind and d.subject == subject]
    assert len(matches) == 1, [(d.kind, d.subject) for d in found.deadlines]
    return matches[0]


def finding(index: int, **fields: Any) -> Callable[[Data], None]:
    """An edit of finding ``index``: top-level fields, or ``rectification`` merged in."""

    def change(data: Data) -> None:
        target = data["findings"][index]
        rectification = fields.pop("rectification", None)
        target.update(fields)
        if rectification is not None:
            target.setdefault("rectification", {}).update(rectification)

    return change


def with_policy(**deadlines: Any) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        data["policy"]["overrides"] = {"deadlines": deadlines}

    return change


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)
