"""A .docx template with docxtpl tags, rendered in a sandboxed Jinja environment.

* ``SandboxedEnvironment``: a template is a file anyone in the office may edit, so it must
  not reach Python internals (``{{ x.__class__ }}`` and the like raise ``SecurityError``).
* ``StrictUndefined``: a misspelt variable is an error naming the template and the line,
  never a silent blank in a letter that goes out under the authority's name.
* ``autoescape``: user text goes into XML; ``<``, ``>`` and ``&`` must come out as typed.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

from docx.document import Document
from docx.shared import Pt
from docxtpl import DocxTemplate  # type: ignore[import-untyped]
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from inspectcli.messages import t
from inspectcli.output.escape import stripped
from inspectcli.problems import Problem, Severity
from inspectcli.render.context import RenderError

# Style names the built-in templates use (templates/build_templates.py); a custom template
# without them simply gets no layout fix-ups.
STYLE_MASTHEAD = "发文机关标志"
STYLE_SIGNATURE = "发文机关署名"
STYLE_DATE = "成文日期"
TYPE_WIDTH_PT = 156 / 25.4 * 72  # the type area's width, 156 mm
MASTHEAD_MIN_PT = 22.0


# What a template's own expressions can raise at run time (``{% for x in total %}`` over a
# number, ``{{ number + 1 }}``): the template's fault, reported like a Jinja error.
TEMPLATE_RUNTIME_ERRORS = (TypeError, ValueError, LookupError, ArithmeticError)


def environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(
        autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True
    )


def render_docx(
    template: Path, context: Mapping[str, Any], display: str, redact: Callable[[str], str]
) -> bytes:
    """The rendered document's bytes; RenderError naming ``display`` and the line on error.

    Every text of ``context`` passes ``redact`` first: no ID or phone number reaches the
    document, whichever field it was typed into (a title, a name, a table cell)."""
    try:
        document = DocxTemplate(template)
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


def _style_name(paragraph: Any) -> str:
    try:
        return str(paragraph.style.name)
    except (KeyError, AttributeError):
        return ""


def fit_layout(document: Document) -> None:
    """What a fixed template cannot know: a long authority name must still fit on one line,
    and the signature is centred over the date (GB/T 9704 7.3.5.1)."""
    signature = date = None
    for paragraph in document.paragraphs:
        name = _style_name(paragraph)
        if name == STYLE_MASTHEAD:
            _fit_masthead(paragraph)
        elif name == STYLE_SIGNATURE:
            signature = paragraph
        elif name == STYLE_DATE:
            date = paragraph
    if signature is not None and date is not None:
        _centre_signature(signature, date)


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
