"""`inspect render-letter`, `render-report`, `render-bulletin`: official documents as .docx."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from inspectcli.cli.conventions import choice, refuse_terminal
from inspectcli.cli.dates import parse_date
from inspectcli.cli.errors import internal_error
from inspectcli.cli.help import example
from inspectcli.messages import enumeration, t, word
from inspectcli.output import say

if TYPE_CHECKING:
    from inspectcli.render.context import Case

OutOption = Annotated[
    Path,
    typer.Option(
        "--out",
        "-o",
        metavar="PATH",
        help="Folder to write the document into, or the .docx file to write; - writes the "
        ".docx to standard output.",
    ),
]
TemplateOption = Annotated[
    str | None,
    typer.Option(
        "--template",
        "-t",
        help="Template NAME: the repository's templates/NAME.docx, else the built-in one; "
        "or a path to a .docx file.",
    ),
]


Layout = Literal["letter", "document"]
# The kinds of model.findings.LetterKind, without importing the model at start-up; a test
# keeps the two the same.
LetterKind = Literal["rectification-letter", "supervision-letter"]


def _layout_option(default: str) -> Any:  # typer's OptionInfo
    return choice(
        Layout,
        "--layout",
        help="GB/T 9704-2012 layout: letter (the letter format of §10.1: masthead 30 mm from "
        "the top, red double rules, no page number on page 1) or document (the document "
        "format).",
    )


PdfOption = Annotated[
    bool,
    typer.Option(
        "--pdf",
        help="Also write the document as PDF beside the .docx, through LibreOffice "
        "(fonts embedded); says which fonts this machine lacks.",
    ),
]


RecordOption = Annotated[
    bool,
    typer.Option(
        "--record",
        help="Write the number allocated into the case files (letter.number of the findings "
        "file, or issued: of inspect.yaml), refused if the file changed meanwhile.",
    ),
]


def _record(write: Callable[[], None], number: str | None, path: Path) -> str:
    """Run one ``render.record`` edit; the line that says so. A refused edit is exit 1."""
    from inspectcli.repo.locked import EditRefused
    from inspectcli.repo.roundtrip import RoundTripError

    try:
        write()
    except (EditRefused, RoundTripError, OSError) as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(1) from None
    return t("render-recorded", number=number, path=path)


def _date_option(help_text: str) -> Any:  # typer's OptionInfo
    """``--date``, which each document dates and defaults in its own way."""
    return typer.Option("--date", help=help_text)


def _date(text: str | None) -> dt.date | None:
    return None if text is None else parse_date(text)


def _run(action: Callable[[], list[str]], pdf: Callable[[], Path | None] = lambda: None) -> None:
    """Run ``action`` (which returns the lines to print), turning bad input into problems
    with positions and exit code 1, and our own bugs into exit code 2 without a traceback.
    ``pdf`` then names the .docx to convert to PDF, if any."""
    from inspectcli.output.problems import parsable
    from inspectcli.pipeline.repository import RepositoryError
    from inspectcli.render.context import RenderError

    try:
        lines = action()
    except (RenderError, RepositoryError) as error:
        for problem in error.problems:
            typer.echo(parsable(problem), err=True)
        raise typer.Exit(1) from None
    except typer.Exit:  # said already (a refused --record)
        raise
    except Exception as error:  # a bug of ours (a file we cannot read or write is not)
        internal_error(error)
    for line in lines:
        say.note(line)
    docx = pdf()
    if docx is not None:
        _pdf(docx)


def _pdf(docx: Path) -> None:
    """The PDF beside ``docx``, a warning per font this machine lacks; exit 1 when it
    cannot be made (the .docx stays written)."""
    from inspectcli.render.pdf import PdfError, convert, missing_fonts

    try:
        target = convert(docx)
    except PdfError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(1) from None
    missing = missing_fonts(docx)
    if missing:
        fonts = enumeration(f"{font} → {used}" for font, used in missing)
        say.note(t("render-font-missing", fonts=fonts))
    say.note(t("render-pdf-written", path=target))


def _written(holder: list[Path], pdf: bool) -> Path | None:
    """The .docx an action wrote (it appends it to ``holder``), when a PDF is wanted."""
    return holder[0] if pdf and holder else None


def _refuse_terminal(out: Path, pdf: bool = False) -> None:
    """``--out -`` into a terminal would print a zip file's bytes: refused, exit 2; and
    a PDF is written beside a .docx file, which standard output is not."""
    refuse_terminal(out, ".docx")
    if pdf and say.is_stdout(out):
        typer.echo(t("render-pdf-stdout"), err=True)
        raise typer.Exit(2)


def _write(
    rendered: Any, out: Path, write: Callable[[Path], Path], holder: list[Path] | None = None
) -> str:
    """The document to standard output (``--out -``), to the file ``out`` when it names a
    .docx (not a folder so named), else into the folder ``out``: what was written, for the
    "wrote …" line (and appended to ``holder``)."""
    if say.is_stdout(out):
        say.binary(rendered.data)
        return "-"
    if out.suffix.lower() == ".docx" and not out.is_dir():
        from inspectcli.output.files import write_atomic

        write_atomic(out, rendered.data)
        target = out
    else:
        target = write(out)
    if holder is not None:
        holder.append(target)
    return str(target)


def render_letter_command(
    findings: Annotated[Path, typer.Argument(help="The findings file of the round.")],
    out: OutOption = Path("."),
    template: TemplateOption = None,
    date: Annotated[
        str | None,
        _date_option("Date of the letter, YYYY-MM-DD (default: letter.date, else today)."),
    ] = None,
    record: RecordOption = False,
    pdf: PdfOption = False,
    layout: Annotated[Layout, _layout_option("letter")] = "letter",
    kind: Annotated[
        LetterKind | None,
        choice(
            LetterKind,
            "--kind",
            help="rectification-letter or supervision-letter (the time-limited letter sent "
            "during or after a round: its own title, its deadline with the hour); default: the "
            "findings file's letter.kind.",
        ),
    ] = None,
) -> None:
    """Render the rectification letter (or the supervision letter) with its problem list to
    .docx (GB/T 9704 layout).

    The document number is the findings file's letter.number; without one, the next free
    number of the year is used and printed, and written into the findings file with --record.
    A letter of the other kind than letter.kind (a supervision letter for the problems of a
    rectification letter) has a number of its own, kept in the register `issued:` of
    inspect.yaml.

    Exit code 0: written; 1: a problem in the case files or the template; 2: usage error.
    """
    day = _date(date)
    _refuse_terminal(out, pdf)
    if not findings.is_file():
        typer.echo(t("path-not-found", path=findings), err=True)
        raise typer.Exit(2)
    docx: list[Path] = []

    def action() -> list[str]:
        from inspectcli.output.problems import parsable
        from inspectcli.render.context import load_case
        from inspectcli.render.letter import numbered_in_file, render_letter, write_letter
        from inspectcli.repo.layout import SETTINGS_FILE

        recorder = _letter_recorder(findings, kind) if record else None
        case = load_case(findings)
        for warning in case.warnings:
            say.note(parsable(warning))  # hidden by --quiet, as every command's warnings
        lines = []
        rendered = render_letter(case, template=template, date=day, layout=layout, kind=kind)
        # Recorded before the document is written: a refused record leaves nothing behind.
        if rendered.allocated and recorder is not None:
            lines.append(recorder(case, str(rendered.number), rendered.date))
        elif rendered.allocated:
            where = case.path if numbered_in_file(case, kind) else SETTINGS_FILE
            lines.append(t("render-number-allocated", number=rendered.number, path=where))
        target = _write(rendered, out, lambda folder: write_letter(case, rendered, folder), docx)
        display = rendered.template.display
        lines.append(t("render-written", path=target, number=rendered.number, template=display))
        return lines

    _run(action, lambda: _written(docx, pdf))


def _letter_recorder(findings: Path, kind: str | None) -> Callable[[Case, str, dt.date], str]:
    """What ``--record`` does with a letter's new number: write it into the findings file's
    ``letter:``, or, for the other kind of letter sent for the same problems (a 督办函
    besides the 整改函), into the register ``issued:`` of inspect.yaml. Both files are read
    now: an edit made while the letter renders is refused."""
    from inspectcli.render.letter import letter_kind, numbered_in_file
    from inspectcli.render.record import record_letter, record_registered_letter
    from inspectcli.repo.layout import SETTINGS_FILE, find_root

    findings_from = findings.read_bytes()
    root = find_root(findings)
    settings = root / SETTINGS_FILE if root is not None else None
    settings_from = settings.read_bytes() if settings is not None else b""

    def record(case: Case, number: str, date: dt.date) -> str:
        if numbered_in_file(case, kind) or settings is None:
            edit = partial(record_letter, findings, findings_from, number, date)
            return _record(edit, number, findings)
        chosen = letter_kind(case, kind)
        edit = partial(
            record_registered_letter, settings, settings_from, number, date, case.path, chosen
        )
        return _record(edit, number, settings)

    return record


def render_report_command(
    plan: Annotated[
        str, typer.Argument(help="The plan of the round: its file, or its id (e.g. 2026-11-g3).")
    ],
    out: OutOption = Path("."),
    template: TemplateOption = None,
    date: Annotated[
        str | None,
        _date_option("Date of the report and of the figures in it, YYYY-MM-DD (default: today)."),
    ] = None,
    draft: Annotated[
        bool,
        typer.Option(
            "--draft",
            help="Render a round that has not ended yet, as a draft marked as such in its title.",
        ),
    ] = False,
    pdf: PdfOption = False,
    layout: Annotated[Layout, _layout_option("document")] = "document",
) -> None:
    """Render the group's written report on a round to the leading group (.docx).

    Sections: the facts of the round (group, counties, sample), the main problems found (by
    category of the policy's catalogue), their rectification (per county, as of --date), and
    opinions and suggestions when the findings files of the round carry `suggestions:`. A plan
    id is looked up in the repository around the current folder. A round that ends after
    --date is refused unless --draft.

    Exit code 0: written; 1: a problem in the case files or the template; 2: usage error.
    """
    day = _date(date)
    _refuse_terminal(out, pdf)
    docx: list[Path] = []

    def action() -> list[str]:
        from inspectcli.output.problems import parsable
        from inspectcli.pipeline.repository import open_repository
        from inspectcli.render.report import (
            find_plan,
            render_report,
            unreported_warnings,
            write_report,
        )

        given = Path(plan)
        repository = open_repository(given.parent if given.is_file() else Path("."))
        where, chosen = find_plan(repository, plan)
        for warning in unreported_warnings(repository, chosen, where):
            say.note(parsable(warning))
        rendered = render_report(
            repository, chosen, template=template, date=day, layout=layout, draft=draft, path=where
        )
        target = _write(rendered, out, lambda folder: write_report(chosen, rendered, folder), docx)
        display = rendered.template.display
        kind = word(chosen.type)  # 督查 or 巡查: the report is the round's type's
        return [
            t("render-report-written", path=target, kind=kind, plan=chosen.id, template=display)
        ]

    _run(action, lambda: _written(docx, pdf))


def render_bulletin_command(
    period: Annotated[
        str, typer.Option("--period", "-p", help="The month, YYYY-MM: rounds starting in it.")
    ],
    path: Annotated[
        Path, typer.Argument(help="The case repository (default: the current folder).")
    ] = Path("."),
    out: OutOption = Path("."),
    template: TemplateOption = None,
    date: Annotated[
        str | None,
        _date_option(
            "Date of the bulletin and of its figures, YYYY-MM-DD (default: the date "
            "registered for this bulletin, else today)."
        ),
    ] = None,
    record: RecordOption = False,
    pdf: PdfOption = False,
    layout: Annotated[Layout, _layout_option("document")] = "document",
) -> None:
    """Render the monthly bulletin across groups to .docx (GB/T 9704 layout).

    Per county: rounds, findings, rectified, overdue and the rectification rate, as of
    --date; counties with every finding rectified and none overdue are praised, counties
    with overdue findings criticised. The document number is the one registered in
    inspect.yaml (`issued:` with `bulletin: YYYY-MM`), else the next free number of the
    year, printed, and registered under `issued:` with --record.

    Exit code 0: written; 1: a problem in the case files or the template; 2: usage error.
    """
    day = _date(date)
    _refuse_terminal(out, pdf)
    docx: list[Path] = []
    from inspectcli.render.bulletin import PERIOD

    if not PERIOD.match(period):
        typer.echo(t("render-bad-period", text=period), err=True)
        raise typer.Exit(2)

    def action() -> list[str]:
        from inspectcli.pipeline.repository import open_repository
        from inspectcli.render.bulletin import render_bulletin, write_bulletin
        from inspectcli.render.record import record_bulletin
        from inspectcli.repo.layout import SETTINGS_FILE, find_root

        root = find_root(path)
        settings = root / SETTINGS_FILE if root is not None else None
        rendered_from = settings.read_bytes() if settings is not None and record else b""
        repository = open_repository(path)
        rendered = render_bulletin(repository, period, template=template, date=day, layout=layout)
        lines = []
        if rendered.allocated and record and settings is not None:
            number = str(rendered.number)
            edit = partial(record_bulletin, settings, rendered_from, number, rendered.date, period)
            lines.append(_record(edit, number, settings))
        elif rendered.allocated:
            message = "render-bulletin-number-allocated"
            lines.append(t(message, number=rendered.number, period=period))
        target = _write(
            rendered, out, lambda folder: write_bulletin(rendered, folder, period), docx
        )
        display = rendered.template.display
        lines.append(t("render-written", path=target, number=rendered.number, template=display))
        return lines

    _run(action, lambda: _written(docx, pdf))


def register(app: typer.Typer) -> None:
    letter = example(
        "the rectification letter of one county's problem list, into the folder letters:",
        "inspect render-letter findings/2026-09-g1-hecheng.yaml --out letters",
    )
    report = example(
        "the group's written report on a round, dated 1 December:",
        "inspect render-report plans/2026-11-g3.yaml --out reports --date 2026-12-01",
    )
    bulletin = example(
        "the bulletin of November's rounds across all groups:",
        "inspect render-bulletin --period 2026-11 --out bulletins --date 2026-12-03",
    )
    app.command("render-letter", epilog=letter)(render_letter_command)
    app.command("render-report", epilog=report)(render_report_command)
    app.command("render-bulletin", epilog=bulletin)(render_bulletin_command)
