"""The rectification letter (整改函) of a round: Heyuan §4 and §6, GB/T 9704-2012 layout."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import NamedTuple

from inspectcli.messages import t
from inspectcli.output.files import write_atomic
from inspectcli.render.context import Case, RenderError, letter_context, next_number
from inspectcli.render.engine import render_docx
from inspectcli.repo.yamlread import problem_at

BUILT_IN = Path(__file__).resolve().parent.parent / "templates"
DEFAULT_TEMPLATE = "letter"


class Template(NamedTuple):
    path: Path
    display: str  # as messages name it: relative to the repository, or "built-in:letter.docx"


class Rendered(NamedTuple):
    data: bytes
    number: str
    allocated: bool  # the number was not in the findings file but taken as the next free one
    date: dt.date
    template: Template


def find_template(case: Case, name: str | None) -> Template:
    """``templates/NAME.docx`` of the repository, else the built-in one of that name.

    ``name`` may also be a path to a .docx file.
    """
    name = name or DEFAULT_TEMPLATE
    candidate = Path(name)
    if candidate.suffix.lower() == ".docx" and candidate.is_file():
        return Template(candidate, candidate.as_posix())
    stem = candidate.stem if candidate.suffix.lower() == ".docx" else name
    folder = case.root / case.settings.templates
    own = folder / f"{stem}.docx"
    if own.is_file():
        return Template(own, own.relative_to(case.root).as_posix())
    built_in = BUILT_IN / f"{stem}.docx"
    if built_in.is_file():
        return Template(built_in, f"built-in:{stem}.docx")
    known = sorted(
        {p.stem for p in BUILT_IN.glob("*.docx")} | {p.stem for p in folder.glob("*.docx")}
    )
    message = t(
        "render-unknown-template", name=name, folder=case.settings.templates, known=", ".join(known)
    )
    raise RenderError([problem_at(name, 0, 0, "unknown-template", message)])


def letter_number(case: Case, date: dt.date) -> tuple[str, bool]:
    """The findings file's ``letter.number``, or the next free number of ``date``'s year."""
    letter = case.findings.letter
    if letter and letter.number:
        return letter.number, False
    return next_number(case.letter_numbers, case.settings.authority.short_name, date.year), True


def letter_date(case: Case, given: dt.date | None, today: dt.date | None = None) -> dt.date:
    letter = case.findings.letter
    if given is not None:
        return given
    if letter and letter.date:
        return letter.date
    return today or dt.date.today()


def render_letter(
    case: Case, *, template: str | None = None, date: dt.date | None = None
) -> Rendered:
    chosen = find_template(case, template)
    day = letter_date(case, date)
    number, allocated = letter_number(case, day)
    context = letter_context(case, day, number)
    data = render_docx(chosen.path, context, chosen.display)
    return Rendered(data, number, allocated, day, chosen)


def file_name(case: Case, number: str | None) -> str:
    """The document number as a file name, or ``<plan>-<county>``."""
    base = number or f"{case.plan.id}-{case.findings.county or 'letter'}"
    return re.sub(r'[\\/:*?"<>|\s]+', "_", base) + ".docx"


def write_letter(case: Case, rendered: Rendered, out: Path) -> Path:
    target = out / file_name(case, rendered.number)
    write_atomic(target, rendered.data)
    return target
