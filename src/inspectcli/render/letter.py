"""The rectification letter (整改函) of a round, Heyuan §4 and §6, or its supervision letter
(限时整改督办函, Guangdong art. 16: sent during or after the round, with its own deadline);
GB/T 9704-2012 layout."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from inspectcli.model.numbers import next_number
from inspectcli.output.files import write_atomic
from inspectcli.render.context import Case, letter_context, registered_numbers, roster_redactor
from inspectcli.render.engine import render_docx
from inspectcli.render.templates import Rendered, Template, file_name, locate_template

DEFAULT_TEMPLATE = "letter"
# Each kind of letter has its own built-in template: a 督办函 its title and deadline wording.
KIND_TEMPLATES: dict[str, str] = {
    "rectification-letter": DEFAULT_TEMPLATE,
    "supervision-letter": "supervision-letter",
}


def letter_kind(case: Case, kind: str | None) -> str:
    """The kind asked for, else the findings file's ``letter.kind``."""
    letter = case.findings.letter
    return kind or (letter.kind if letter else "rectification-letter")


def find_template(case: Case, name: str | None, kind: str | None = None) -> Template:
    """The repository's ``templates/NAME.docx``, else the built-in one (default: the
    letter's kind's)."""
    default = KIND_TEMPLATES[letter_kind(case, kind)]
    return locate_template(case.root, case.settings.templates, name, default)


def letter_number(case: Case, date: dt.date) -> tuple[str, bool]:
    """The findings file's ``letter.number``, or the next free number of ``date``'s year."""
    letter = case.findings.letter
    if letter and letter.number:
        return letter.number, False
    numbers = case.letter_numbers + registered_numbers(case.settings)
    return next_number(numbers, case.settings.authority.short_name, date.year), True


def letter_date(case: Case, given: dt.date | None, today: dt.date | None = None) -> dt.date:
    letter = case.findings.letter
    if given is not None:
        return given
    if letter and letter.date:
        return letter.date
    return today or dt.date.today()


def render_letter(
    case: Case,
    *,
    template: str | None = None,
    date: dt.date | None = None,
    layout: str = "letter",
    kind: str | None = None,
) -> Rendered:
    chosen = find_template(case, template, kind)
    day = letter_date(case, date)
    number, allocated = letter_number(case, day)
    context = letter_context(case, day, number)
    data = render_docx(chosen, context, roster_redactor(case.roster), layout)
    return Rendered(data, number, allocated, day, chosen)


def write_letter(case: Case, rendered: Rendered, out: Path) -> Path:
    """Written to ``OUT/<document number>.docx``."""
    target = out / file_name(rendered.number or case.plan.id)
    write_atomic(target, rendered.data)
    return target
