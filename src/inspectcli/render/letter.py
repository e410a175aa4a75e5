"""The rectification letter (整改函) of a round, Heyuan §4 and §6, or its supervision letter
(限时整改督办函, Guangdong art. 16: sent during or after the round, with its own deadline);
GB/T 9704-2012 layout."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from inspectcli.model.numbers import next_number
from inspectcli.model.settings import RegisteredDocument
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


def numbered_in_file(case: Case, kind: str | None) -> bool:
    """Whether the letter of ``kind`` is the findings file's ``letter:`` (of its kind, by
    default a 整改函), whose ``number`` and ``date`` are its own. The other kind sent for
    the same problems (a 督办函 besides the 整改函) is another document: its number is
    kept in the register ``issued:`` of inspect.yaml, never taken from ``letter:``."""
    letter = case.findings.letter
    return letter_kind(case, kind) == (letter.kind if letter else "rectification-letter")


def registered_letter(case: Case, kind: str | None) -> RegisteredDocument | None:
    """The register entry of this findings file's letter of ``kind``, once recorded."""
    chosen = letter_kind(case, kind)
    issued = case.settings.issued
    return next((e for e in issued if e.findings == case.path and e.kind == chosen), None)


def recorded_letter(case: Case, kind: str | None) -> tuple[str | None, dt.date | None]:
    """The number and date recorded for the letter of ``kind``: in the findings file's
    ``letter:`` when it is that letter, else in its entry of the register ``issued:``."""
    if numbered_in_file(case, kind):
        letter = case.findings.letter
        return (letter.number, letter.date) if letter else (None, None)
    entry = registered_letter(case, kind)
    return (entry.number, entry.date) if entry else (None, None)


def letter_number(case: Case, date: dt.date, kind: str | None = None) -> tuple[str, bool]:
    """The letter's recorded number, or the next free number of ``date``'s year (GB/T 9704
    7.2.4: a number is given to one document only)."""
    number, _ = recorded_letter(case, kind)
    if number:
        return number, False
    numbers = case.letter_numbers + registered_numbers(case.settings)
    return next_number(numbers, case.settings.authority.short_name, date.year), True


def letter_date(
    case: Case, given: dt.date | None, today: dt.date | None = None, kind: str | None = None
) -> dt.date:
    if given is not None:
        return given
    _, recorded = recorded_letter(case, kind)
    if recorded:
        return recorded
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
    day = letter_date(case, date, kind=kind)
    number, allocated = letter_number(case, day, kind)
    context = letter_context(case, day, number)
    data = render_docx(chosen, context, roster_redactor(case.roster), layout)
    return Rendered(data, number, allocated, day, chosen)


def write_letter(case: Case, rendered: Rendered, out: Path) -> Path:
    """Written to ``OUT/<document number>.docx``."""
    target = out / file_name(rendered.number or case.plan.id)
    write_atomic(target, rendered.data)
    return target
