"""Where a document's template comes from, and the file name a document is written to."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import NamedTuple

from inspectcli.messages import enumeration, t
from inspectcli.render.context import RenderError
from inspectcli.repo.paths import inside
from inspectcli.repo.yamlread import problem_at

BUILT_IN = Path(__file__).resolve().parent.parent / "templates"


class Template(NamedTuple):
    path: Path
    display: str  # as messages name it: relative to the repository, or "built-in:letter.docx"
    root: Path | None = None  # the folder it must not leave, once symlinks are followed


class Rendered(NamedTuple):
    data: bytes
    number: str | None  # the document number; None for a document without one (a report)
    allocated: bool  # the number was recorded nowhere and was taken as the next free one
    date: dt.date
    template: Template


def locate_template(root: Path, folder: str, name: str | None, default: str) -> Template:
    """``FOLDER/NAME.docx`` of the repository at ``root``, else the built-in one of that
    name: a repository's own templates win. ``name`` may also be a path to a .docx file."""
    name = name or default
    candidate = Path(name)
    if candidate.suffix.lower() == ".docx" and candidate.is_file():
        return Template(candidate, candidate.as_posix())
    stem = candidate.stem if candidate.suffix.lower() == ".docx" else name
    own = inside(root, folder, "templates") / f"{stem}.docx"
    if os.path.lexists(own):  # a FIFO or a dangling link is refused when read, not skipped
        return Template(own, own.relative_to(root).as_posix(), root)
    built_in = BUILT_IN / f"{stem}.docx"
    if built_in.is_file():
        return Template(built_in, f"built-in:{stem}.docx")
    known = sorted(
        {p.stem for p in BUILT_IN.glob("*.docx")} | {p.stem for p in (root / folder).glob("*.docx")}
    )
    message = t("render-unknown-template", name=name, folder=folder, known=enumeration(known))
    raise RenderError([problem_at(name, 0, 0, "unknown-template", message)])


def file_name(base: str) -> str:
    """A document number (or any label) as a file name that every system accepts."""
    return re.sub(r'[\\/:*?"<>|\s]+', "_", base) + ".docx"
