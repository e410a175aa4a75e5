"""A .docx template with docxtpl tags, rendered in a sandboxed Jinja environment.

* ``SandboxedEnvironment``: a template is a file anyone in the office may edit, so it must
  not reach Python internals (``{{ x.__class__ }}`` and the like raise ``SecurityError``).
* ``StrictUndefined``: a misspelt variable is an error naming the template and the line,
  never a silent blank in a letter that goes out under the authority's name.
* ``autoescape``: user text goes into XML; ``<``, ``>`` and ``&`` must come out as typed.
* a budget (``sandbox.BoundedEnvironment``): time, steps, value sizes and output size.
* the .docx (a zip) is checked before python-docx unpacks it: the number of entries,
  their declared sizes, the compression ratio and the names (no zip bomb, no ``..``).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any

from docx.document import Document
from docx.shared import Pt
from docxtpl import DocxTemplate  # type: ignore[import-untyped]
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError

from inspectcli.messages import t
from inspectcli.output.escape import stripped
from inspectcli.problems import Problem, Severity
from inspectcli.render.context import RenderError
from inspectcli.render.letterformat import letter_format
from inspectcli.render.ooxml import (
    STYLE_ANNEX_NOTE,
    STYLE_DATE,
    STYLE_MASTHEAD,
    STYLE_SIGNATURE,
    style_name,
)
from inspectcli.render.sandbox import BoundedEnvironment
from inspectcli.render.tables import fit_tables
from inspectcli.render.templates import Template
from inspectcli.repo.fileread import TEMPLATE_LIMIT, MiB, read_file

TYPE_WIDTH_PT = 156 / 25.4 * 72  # the type area's width, 156 mm
MASTHEAD_MIN_PT = 22.0


# What a template's own expressions can raise at run time (``{% for x in total %}`` over a
# number, ``{{ number + 1 }}``, a macro calling itself without end, a value too large for
# memory): the template's fault, reported like a Jinja error.
TEMPLATE_RUNTIME_ERRORS = (
    TypeError,
    ValueError,
    LookupError,
    ArithmeticError,
    RecursionError,
    MemoryError,
)

# A .docx holds a few dozen parts; the built-in templates unpack to under 1 MB.
MAX_ENTRIES = 1000
MAX_ENTRY_BYTES = 64 * MiB
MAX_TOTAL_BYTES = 128 * MiB
# XML compresses ten to thirty times; a zip bomb a thousand times and more.
MAX_RATIO = 200
RATIO_FROM = 1 * MiB  # small parts may compress any amount


def environment() -> BoundedEnvironment:
    return BoundedEnvironment(
        autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True
    )


def render_docx(
    template: Template,
    context: Mapping[str, Any],
    redact: Callable[[str], str],
    layout: str = "document",
) -> bytes:
    """The rendered document's bytes; RenderError naming the template and the line on error.

    Every text of ``context`` passes ``redact`` first: no ID or phone number reaches the
    document, whichever field it was typed into (a title, a name, a table cell)."""
    display = template.display
    raw = read_file(template.path, display, limit=TEMPLATE_LIMIT, root=template.root)
    check_zip(raw, display)
    try:
        document = DocxTemplate(io.BytesIO(raw))
        document.init_docx()
    except Exception as error:  # not a .docx (zip) or not WordprocessingML
        message = t("render-template-unreadable", detail=str(error))
        raise _template_error(display, 0, message) from None
    try:
        fit = _texts_mapped(context, lambda text: stripped(redact(text), keep="\t\n"))
        document.render(fit, jinja_env=environment(), autoescape=True)
    except (TemplateError, *TEMPLATE_RUNTIME_ERRORS) as error:
        raise _located(document, error, display) from None
    fit_layout(document.docx)
    fit_tables(document.docx)
    if layout == "letter":  # GB/T 9704 §10.1; "document": the template's own (文件格式)
        letter_format(document.docx)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _texts_mapped(value: Any, change: Callable[[str], str]) -> Any:
    """``value`` with every string in it, at any depth, passed through ``change``: here
    masking, then taking out control characters (docxtpl turns a ``\\f`` into a page break
    and a ``\\a`` into a new paragraph, and the others cannot be in the XML; tab and line
    break keep their meaning)."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, Mapping):
        return {key: _texts_mapped(item, change) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_texts_mapped(item, change) for item in value]
    return value  # numbers, dates, and objects a custom context may carry


def check_zip(raw: bytes, display: str) -> None:
    """RenderError unless ``raw`` is a zip whose entries python-docx may unpack: few, each
    and all of bounded declared size (zipfile never inflates past the declared size), not
    compressed like a bomb, and named inside the archive."""
    try:
        entries = zipfile.ZipFile(io.BytesIO(raw)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as error:
        raise _template_error(display, 0, t("render-template-unreadable", detail=error)) from None
    if len(entries) > MAX_ENTRIES:
        raise _zip_error(display, t("zip-too-many-entries", count=len(entries), limit=MAX_ENTRIES))
    total = 0
    for entry in entries:
        name = entry.filename
        if name.startswith(("/", "\\")) or ".." in re.split(r"[/\\]", name):
            raise _zip_error(display, t("zip-bad-name", name=name))
        size = entry.file_size
        total += size
        ratio = size / max(entry.compress_size, 1)
        if size > MAX_ENTRY_BYTES or (size > RATIO_FROM and ratio > MAX_RATIO):
            raise _zip_error(display, t("zip-bomb", name=name, size=size // MiB))
    if total > MAX_TOTAL_BYTES:
        raise _zip_error(display, t("zip-bomb", name="*", size=total // MiB))


def _zip_error(display: str, message: str) -> RenderError:
    return RenderError([Problem(display, 0, 0, Severity.ERROR, "unsafe-template", message)])


def _template_error(display: str, line: int, message: str) -> RenderError:
    return RenderError([Problem(display, line, 0, Severity.ERROR, "template-error", message)])


def _template_line(error: Exception) -> int | None:
    """The template line of a Jinja error: syntax errors carry it, runtime errors only in
    the traceback Jinja rewrites to point into the template."""
    if isinstance(error, TemplateSyntaxError):
        return error.lineno
    line = None
    tb: TracebackType | None = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _located(document: DocxTemplate, error: Exception, display: str) -> RenderError:
    """Name the template, the line (one line per paragraph, as docxtpl feeds Jinja) and the
    paragraph's text, which is what someone editing the template in Word can search for."""
    line = _template_line(error)
    part = document.current_rendering_part
    part_name = str(part.partname) if part is not None else "/word/document.xml"
    near = ""
    if line is not None:
        try:
            xml = document.get_xml() if part is document.docx.part else document.get_part_xml(part)
            source = re.sub(r"<w:p([ >])", r"\n<w:p\1", document.patch_xml(xml))
            lines = source.splitlines()
            if 0 < line <= len(lines):
                near = re.sub(r"<[^>]+>", "", lines[line - 1]).strip()
        except Exception:  # the context is a courtesy; the error itself is what matters
            near = ""
    kind = "undefined" if "undefined" in str(error) else type(error).__name__
    message = t(
        "render-template-failed",
        part=part_name.lstrip("/"),
        kind=kind,
        detail=getattr(error, "message", None) or str(error),
        near=t("render-template-near", text=near[:120]) if near else "",
    )
    return _template_error(display, line or 0, message)


# --- layout fix-ups -----------------------------------------------------------------------


def _width(text: str) -> float:
    """Width in body characters: CJK and full-width count 1, ASCII 0.5."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


def fit_layout(document: Document) -> None:
    """What a fixed template cannot know: a long authority name must still fit on one line,
    and the signature is centred over the date (GB/T 9704 7.3.5.1)."""
    signature = date = None
    paragraphs = document.paragraphs
    for index, paragraph in enumerate(paragraphs):
        name = style_name(paragraph)
        if name == STYLE_MASTHEAD:
            _fit_masthead(paragraph)
        elif name == STYLE_SIGNATURE and signature is None:
            signature = paragraph
            _keep_body_with_signature(paragraphs[:index])
        elif name == STYLE_DATE:
            date = paragraph
    if signature is not None and date is not None:
        _centre_signature(signature, date)


def _keep_body_with_signature(before: list[Any]) -> None:
    """The 落款 never stands alone on a page (GB/T 9704 7.3.5): the last paragraph of the
    body keeps with the 附件 line and the signature after it, and when it must split, at
    least two of its lines come along (widow control)."""
    for paragraph in reversed(before):
        if style_name(paragraph) == STYLE_ANNEX_NOTE or not paragraph.text.strip():
            paragraph.paragraph_format.keep_with_next = True
            continue
        paragraph.paragraph_format.keep_with_next = True
        paragraph.paragraph_format.widow_control = True
        return


def _fit_masthead(paragraph: Any) -> None:
    size = paragraph.style.font.size
    for run in paragraph.runs:
        size = run.font.size or size
    if size is None:
        return
    width = _width(paragraph.text) * size.pt
    if width <= TYPE_WIDTH_PT * 0.95:
        return
    fitted = Pt(max(MASTHEAD_MIN_PT, int(TYPE_WIDTH_PT * 0.95 / _width(paragraph.text))))
    for run in paragraph.runs:
        run.font.size = fitted


def _centre_signature(signature: Any, date: Any) -> None:
    size = signature.style.font.size
    if size is None:
        return
    char = size.pt
    signed, dated = _width(signature.text), _width(date.text)
    if signed >= dated:  # the signature two characters in, the date centred below it
        signature.paragraph_format.right_indent = Pt(2 * char)
        date.paragraph_format.right_indent = Pt((2 + (signed - dated) / 2) * char)
    else:  # the date four characters in, the signature centred above it
        date.paragraph_format.right_indent = Pt(4 * char)
        signature.paragraph_format.right_indent = Pt((4 + (dated - signed) / 2) * char)
