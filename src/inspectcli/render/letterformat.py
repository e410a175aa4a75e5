"""The letter format (信函格式) of GB/T 9704-2012 §10.1, for a 函 such as the 整改函
(Heyuan §4): a rendered document of the document format (文件格式) rearranged.

* the 发文机关标志 30 mm from the top edge, in the first page's own header;
* under it, 4 mm below, a red double rule, thick over thin; 20 mm above the bottom edge a
  red double rule, thin over thick; both 170 mm long and centred (7 mm past the type area
  on each side);
* the 发文字号 at the right edge of the type area, under the first rule;
* no page number on the first page;
* the 版记 without 印发机关 and 印发日期 and without its rules.

It works on the style names of the built-in templates; a custom template without them
keeps its own layout."""

from __future__ import annotations

from typing import Any

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from inspectcli.render.ooxml import STYLE_MASTHEAD, STYLE_NUMBER, in_schema_order, style_name

RED = "FF0000"
MASTHEAD_TOP = Mm(30)
RULE_GAP_PT = Mm(4).pt  # masthead to first rule
BOTTOM_RULE = Mm(20)  # second rule above the bottom edge
OVERHANG = Mm(7)  # (170 - 156) / 2
RULE_EIGHTHS = 18  # a double rule 2.25 pt in all: Word draws thick, gap and thin inside it
ISSUED = "印发"
NUMBER_LINE_PT = 18.0  # a 3号 line with little leading
NUMBER_GAP_PT = 16 * 7 / 8


def letter_format(document: Document) -> None:
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.header_distance = MASTHEAD_TOP
    _move_masthead(document)
    _number_at_the_right(document)
    _bottom_rule(document)
    _plain_imprint(document)


def _paragraphs(document: Document, style: str) -> list[Any]:
    return [p for p in document.paragraphs if style_name(p) == style]


def _rule(paragraph: Any, side: str, kind: str, space_pt: float) -> None:
    """A red double rule on ``side`` of ``paragraph``, 170 mm long."""
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = -OVERHANG
    fmt.first_line_indent = Pt(0)
    properties = paragraph._p.get_or_add_pPr()
    borders = properties.find(qn("w:pBdr"))
    if borders is not None:
        properties.remove(borders)
    borders = OxmlElement("w:pBdr")
    edge = OxmlElement(f"w:{side}")
    for key, value in (("val", kind), ("sz", str(RULE_EIGHTHS)), ("space", str(int(space_pt)))):
        edge.set(qn(f"w:{key}"), value)
    edge.set(qn("w:color"), RED)
    borders.append(edge)
    properties.append(borders)
    in_schema_order(properties)


def _move_masthead(document: Document) -> None:
    """The masthead into the first page's header, the first rule under it."""
    found = _paragraphs(document, STYLE_MASTHEAD)
    if not found:
        return
    masthead = found[0]
    header = document.sections[0].first_page_header
    for old in list(header._element):
        header._element.remove(old)
    header._element.append(masthead._p)
    fmt = masthead.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    size = masthead.runs[0].font.size if masthead.runs else None
    size = size or masthead.style.font.size or Pt(42)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY  # the line as tall as the characters
    fmt.line_spacing = size
    # the line box reaches about an eighth of an em below the characters' feet
    _rule(masthead, "bottom", "thickThinSmallGap", RULE_GAP_PT - size.pt / 8)


def _bottom_rule(document: Document) -> None:
    """The second rule in the first page's footer, which holds no page number. The
    footers of the other pages keep their page number where it was: their distance from
    the bottom edge grows by the space after them."""
    section = document.sections[0]
    old_distance = section.footer_distance or BOTTOM_RULE
    section.footer_distance = BOTTOM_RULE
    lift = Pt(max(old_distance - BOTTOM_RULE, 0) / 12700)
    for footer in (section.footer, section.even_page_footer):
        for paragraph in footer.paragraphs:
            paragraph.paragraph_format.space_after = lift
    paragraph = section.first_page_footer.paragraphs[0]
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(1)
    fmt.space_before = fmt.space_after = Pt(0)
    _rule(paragraph, "bottom", "thinThickSmallGap", 0)


def _number_at_the_right(document: Document) -> None:
    """The 发文字号 flush right under the first rule, 7/8 of a 3号 character below it,
    without the single separator of the document format; in the first page's header with
    the masthead, where its distance to the rule is the header's own."""
    header = document.sections[0].first_page_header._element
    for number in _paragraphs(document, STYLE_NUMBER)[:1]:
        header.append(number._p)  # in the header too: the body starts well below it
        fmt = number.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        fmt.left_indent = fmt.right_indent = fmt.first_line_indent = Pt(0)
        fmt.space_before = Pt(NUMBER_GAP_PT)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY  # off the grid: a line of its own
        fmt.line_spacing = Pt(NUMBER_LINE_PT)
        properties = number._p.get_or_add_pPr()
        borders = properties.find(qn("w:pBdr"))
        if borders is not None:
            properties.remove(borders)
        snap = OxmlElement("w:snapToGrid")
        snap.set(qn("w:val"), "0")
        properties.append(snap)
        in_schema_order(properties)


def _plain_imprint(document: Document) -> None:
    """The floating 版记 table: its 印发 row taken out, its rules too."""
    for table in document.tables:
        properties = table._tbl.tblPr
        if properties.find(qn("w:tblpPr")) is None:
            continue
        for row in list(table.rows):
            if ISSUED in "".join(cell.text for cell in row.cells):
                table._tbl.remove(row._tr)
        borders = properties.find(qn("w:tblBorders"))
        if borders is not None:
            for edge in borders:
                edge.set(qn("w:val"), "nil")
        if not table.rows:  # nothing left to print
            table._tbl.getparent().remove(table._tbl)
