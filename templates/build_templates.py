"""Build the official-document templates (GB/T 9704-2012 layout) with python-docx.

    python templates/build_templates.py          # rebuild templates/*.docx and the packaged copies

The generated .docx files carry docxtpl (Jinja2) tags. Office staff change the wording in
Word; this script is the reproducible source of the layout: page, styles, masthead, the
problem-list table and the imprint (版记). Its output is byte-for-byte deterministic, and the
tests check that ``templates/letter.docx`` and the copy shipped inside the package
(``src/inspectcli/templates/letter.docx``) are both exactly what this script builds.

GB/T 9704-2012 figures used here:
  A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (type area 156 x 225 mm);
  22 lines of 28 characters; body 3号 (16 pt) 仿宋; title 2号 (22 pt) 小标宋;
  level-1 headings 黑体, level-2 楷体; imprint (抄送, 印发) 4号 (14 pt) 仿宋 between
  lines the width of the type area; page number "— 1 —" in 4号 宋体 digits, 7 mm below the
  type area, odd pages right and even pages left, one character in from the edge.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table
from docx.text.paragraph import Paragraph

from inspectcli.render.ooxml import font_table_xml, in_schema_order

HERE = Path(__file__).resolve().parent
PACKAGED = HERE.parent / "src" / "inspectcli" / "templates"

# Fonts: the names Word on a Chinese Windows knows; LibreOffice maps them by fontconfig.
FANGSONG = "仿宋_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
HEITI = "黑体"
KAITI = "楷体_GB2312"
SONGTI = "宋体"
LATIN = "Times New Roman"

RED = RGBColor(0xFF, 0x00, 0x00)
BODY_PT = 16  # 3号
TITLE_PT = 22  # 2号
IMPRINT_PT = 14  # 4号
TABLE_PT = 12  # 小4号: the problem list's cells
LINE_PT = 28.95  # 225 mm / 22 lines
TYPE_WIDTH = Mm(156)
FIXED_TIME = dt.datetime(2026, 1, 1, 0, 0, 0)

# Style names as staff see them in Word's style gallery (document text, hence Chinese).
STYLE_BODY = "公文正文"
STYLE_MASTHEAD = "发文机关标志"
STYLE_NUMBER = "发文字号"
STYLE_TITLE = "公文标题"
STYLE_ADDRESSEE = "主送机关"
STYLE_HEADING1 = "一级标题"
STYLE_HEADING2 = "二级标题"
STYLE_ANNEX_NOTE = "附件说明"
STYLE_SIGNATURE = "发文机关署名"
STYLE_DATE = "成文日期"
STYLE_ANNEX_MARK = "附件标识"
STYLE_TABLE_HEADER = "表格标题行"
STYLE_TABLE_TEXT = "表格文字"
STYLE_IMPRINT = "版记"
STYLE_PAGE_NUMBER = "页码"

COLUMNS = (  # heading, width in mm (sum: the type area's 156 mm)
    ("序号", 11),
    ("问题类别", 20),
    ("具体问题", 44),
    ("责任单位", 23),
    ("整改要求", 38),
    ("整改时限", 20),
)
CELL_MARGIN = Mm(1)
assert sum(width for _, width in COLUMNS) == 156


# --- fonts and paragraph properties -------------------------------------------------------


def set_fonts(rpr_owner: object, east_asia: str, latin: str = LATIN) -> None:
    """``w:rFonts`` with the East Asian font: python-docx's ``font.name`` sets Latin only."""
    rpr = rpr_owner.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")


def paragraph_style(
    document: Document,
    name: str,
    *,
    east_asia: str = FANGSONG,
    size: float = BODY_PT,
    bold: bool = False,
    color: RGBColor | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None,
    first_line_chars: float = 0,
    left_chars: float = 0,
    right_chars: float = 0,
    line: float | None = LINE_PT,
    before: float = 0,
    after: float = 0,
    latin: str = LATIN,
    grid: bool = True,
    keep_with_next: bool = False,
) -> ParagraphStyle:
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.quick_style = True
    font = style.font
    font.name = latin
    font.size = Pt(size)
    font.bold = bold
    if color is not None:
        font.color.rgb = color
    set_fonts(style.element, east_asia, latin)
    fmt = style.paragraph_format
    if align is not None:
        fmt.alignment = align
    char = Pt(size)
    fmt.first_line_indent = Pt(char.pt * first_line_chars)
    fmt.left_indent = Pt(char.pt * left_chars)
    fmt.right_indent = Pt(char.pt * right_chars)
    if line is None:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(line)
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.widow_control = False
    fmt.keep_with_next = keep_with_next
    if not grid:  # off the 22-line grid: its own line height (masthead, table, imprint)
        snap = OxmlElement("w:snapToGrid")
        snap.set(qn("w:val"), "0")
        style.element.get_or_add_pPr().append(snap)
    return style


def border(element: object, side: str, size_eighths: int, color: str, space: int = 0) -> None:
    """A border on a paragraph (``w:pBdr``) or a table cell (``w:tcBorders``)."""
    edge = OxmlElement(f"w:{side}")
    edge.set(qn("w:val"), "single")
    edge.set(qn("w:sz"), str(size_eighths))
    edge.set(qn("w:space"), str(space))
    edge.set(qn("w:color"), color)
    element.append(edge)  # type: ignore[attr-defined]


def paragraph_border(paragraph: Paragraph, side: str, size: int, color: str, space: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        # w:pBdr comes before w:shd, w:tabs, w:spacing, w:ind, w:jc in CT_PPr's sequence
        ppr.insert(0, borders)
        for tag in ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore"):
            found = ppr.find(qn(tag))
            if found is not None:
                ppr.remove(found)
                ppr.insert(0, found)
        style = ppr.find(qn("w:pStyle"))
        if style is not None:
            ppr.remove(style)
            ppr.insert(0, style)
    border(borders, side, size, color, space)


def add(document: Document, style: str, text: str = "") -> Paragraph:
    paragraph = document.add_paragraph(style=style)
    if text:
        paragraph.add_run(text)
    return paragraph


# --- page ---------------------------------------------------------------------------------


def page_setup(document: Document) -> None:
    section = document.sections[0]
    section.page_width = Mm(210)
    section.page_height = Mm(297)
    section.top_margin = Mm(37)
    section.bottom_margin = Mm(35)
    section.left_margin = Mm(28)
    section.right_margin = Mm(26)
    section.header_distance = Mm(15)
    # The page number's dash sits 7 mm below the type area: 35 - 7 - one 4号 line (~5 mm).
    section.footer_distance = Mm(23)
    section.start_type = WD_SECTION.NEW_PAGE
    sect = section._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), "579")  # 225 mm / 22 lines, in twentieths of a point
    document.settings.odd_and_even_pages_header_footer = True
    page_number_footer(document, section.footer.paragraphs[0], odd=True)
    page_number_footer(document, section.even_page_footer.paragraphs[0], odd=False)


def page_number_footer(document: Document, paragraph: Paragraph, *, odd: bool) -> None:
    """ "— 1 —": odd pages right, even pages left, one character in (GB/T 9704 7.5)."""
    paragraph.style = document.styles[STYLE_PAGE_NUMBER]
    fmt = paragraph.paragraph_format
    if odd:
        fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        fmt.right_indent = Pt(IMPRINT_PT)
    else:
        fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
        fmt.left_indent = Pt(IMPRINT_PT)
    paragraph.add_run("— ")
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run._r.append(begin)
    run = paragraph.add_run()
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    run._r.append(instruction)
    run = paragraph.add_run()
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(separate)
    paragraph.add_run("1")
    run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)
    paragraph.add_run(" —")


def defaults(document: Document) -> None:
    """Document defaults and Normal: 仿宋 3号, Times New Roman for Latin, Chinese language."""
    styles = document.styles.element
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr_default.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr_default.insert(0, fonts)
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for key, value in (("ascii", LATIN), ("hAnsi", LATIN), ("cs", LATIN), ("eastAsia", FANGSONG)):
        fonts.set(qn(f"w:{key}"), value)
    lang = rpr_default.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr_default.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:bidi"), "ar-SA")
    normal = document.styles["Normal"]
    normal.font.name = LATIN
    normal.font.size = Pt(BODY_PT)
    set_fonts(normal.element, FANGSONG)
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.widow_control = False


def styles(document: Document) -> None:
    center, right, justify = (
        WD_ALIGN_PARAGRAPH.CENTER,
        WD_ALIGN_PARAGRAPH.RIGHT,
        WD_ALIGN_PARAGRAPH.JUSTIFY,
    )
    paragraph_style(document, STYLE_BODY, align=justify, first_line_chars=2)
    # The masthead: red 小标宋, centred; 35 mm below the top of the type area (7.2.3).
    paragraph_style(
        document,
        STYLE_MASTHEAD,
        east_asia=XIAOBIAOSONG,
        latin=XIAOBIAOSONG,
        size=42,
        color=RED,
        align=center,
        line=None,
        before=Mm(35).pt - 12,
        grid=False,
    )
    paragraph_style(document, STYLE_NUMBER, align=center, before=LINE_PT * 2)
    paragraph_style(
        document,
        STYLE_TITLE,
        east_asia=XIAOBIAOSONG,
        size=TITLE_PT,
        align=center,
        line=35,
        before=LINE_PT * 2,
        after=LINE_PT,
        grid=False,
    )
    paragraph_style(document, STYLE_ADDRESSEE)
    paragraph_style(
        document,
        STYLE_HEADING1,
        east_asia=HEITI,
        align=justify,
        first_line_chars=2,
        keep_with_next=True,
    )
    paragraph_style(
        document,
        STYLE_HEADING2,
        east_asia=KAITI,
        align=justify,
        first_line_chars=2,
        keep_with_next=True,
    )
    paragraph_style(
        document,
        STYLE_ANNEX_NOTE,
        align=justify,
        left_chars=2,
        before=LINE_PT,
        keep_with_next=True,
    )
    paragraph_style(
        document,
        STYLE_SIGNATURE,
        align=right,
        right_chars=4,
        before=LINE_PT * 2,
        keep_with_next=True,
    )
    paragraph_style(document, STYLE_DATE, align=right, right_chars=4)
    paragraph_style(document, STYLE_ANNEX_MARK, east_asia=HEITI)
    paragraph_style(
        document,
        STYLE_TABLE_HEADER,
        east_asia=HEITI,
        size=TABLE_PT,
        align=center,
        line=None,
        grid=False,
    )
    paragraph_style(document, STYLE_TABLE_TEXT, size=TABLE_PT, line=None, grid=False)
    paragraph_style(
        document, STYLE_IMPRINT, size=IMPRINT_PT, line=None, before=3, after=3, grid=False
    )
    paragraph_style(
        document,
        STYLE_PAGE_NUMBER,
        east_asia=SONGTI,
        latin=SONGTI,
        size=IMPRINT_PT,
        line=None,
        grid=False,
    )


# --- the letter ---------------------------------------------------------------------------

BODY = [
    (
        STYLE_BODY,
        "{% if plan.title %}根据《{{ plan.title }}》安排{% else %}根据工作安排{% endif %}，"
        "{{ plan.group }}于{{ plan.period }}对{{ county }}{{ plan.content }}开展了"
        "{{ plan.scope }}{{ inspection }}。{{ inspection }}组采取{{ plan.mode }}方式，"
        "通过{{ plan.methods }}等方法，"
        "{% if sample %}实地抽查了{{ sample.towns }}个乡镇、{{ sample.villages }}个村、"
        "{{ sample.households }}户农户{% else %}深入基层进行了实地检查{% endif %}"
        "{% if exchanged %}，并于{{ exchanged }}与你{{ unit }}交换了意见{% endif %}。"
        "现将发现的问题及整改要求函告如下。",
    ),
    (STYLE_HEADING1, "一、发现的主要问题"),
    (
        STYLE_BODY,
        "此次{{ inspection }}共发现问题{{ total }}个，涉及"
        "{% for c in categories %}{{ c.title }}{{ c.count }}个"
        "{% if not loop.last %}、{% endif %}{% endfor %}"
        "{% if grave %}，其中较重及以上问题{{ grave }}个{% endif %}。"
        "具体问题详见附件《{{ county }}{{ inspection }}发现问题清单》。",
    ),
    (STYLE_HEADING1, "二、整改要求"),
    (
        STYLE_BODY,
        "（一）认真抓好整改。请你{{ unit }}高度重视，对照问题清单逐项制定整改措施，"
        "明确责任单位、责任人和整改时限，按清单所列时限完成整改，"
        "最迟于{{ deadline }}前全部整改到位。",
    ),
    (
        STYLE_BODY,
        "（二）举一反三整改。请组织全{{ unit }}各乡镇、村对照问题清单开展自查自纠，"
        "对同类问题一并整改，建立健全长效机制。",
    ),
    (
        STYLE_BODY,
        "（三）按时报送情况。请于{{ deadline }}前将整改落实情况（包括整改措施、完成时间、"
        "责任人及佐证材料）以书面形式报送{{ authority.name }}。整改情况纳入年度考核。",
    ),
    (
        STYLE_BODY,
        "（四）严格延期程序。确因客观原因不能按期完成整改的，须在整改时限届满前"
        "书面报告延期理由和拟完成整改的时间，经同意后方可延期。"
        "对未按要求整改或整改不到位的，将视情予以通报、约谈。",
    ),
    (
        STYLE_BODY,
        "（五）开展“回头看”。{{ inspection }}组将适时开展“回头看”，对整改情况进行核验。",
    ),
]


def header_cell_borders(table: Table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border(borders, side, 4, "000000")
    tbl_pr.append(borders)


def fixed_widths(table: Table, widths_mm: list[int]) -> None:
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl_pr = table._tbl.tblPr
    width = tbl_pr.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        tbl_pr.append(width)
    width.set(qn("w:w"), str(int(Mm(sum(widths_mm)).twips)))
    width.set(qn("w:type"), "dxa")
    for column, mm in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(mm)
        for cell in column.cells:
            cell.width = Mm(mm)


def cell_margins(table: Table, margin: int) -> None:
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(int(Pt(margin / 12700).twips)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


def cell_text(table: Table, row: int, column: int, text: str, style: str) -> None:
    paragraph = table.cell(row, column).paragraphs[0]
    paragraph.style = style
    paragraph.add_run(text)


def data_table(
    document: Document,
    columns: tuple[tuple[str, int], ...],
    fields: tuple[str, ...],
    *,
    loop: str,
    centred: frozenset[int],
    total: str | None = None,
) -> None:
    """Header row (repeated on every page), one row per item via docxtpl's ``{%tr for``, and
    optionally a row of totals (the fields read from ``total`` instead of the loop item)."""
    rows = 4 + (total is not None)
    table = document.add_table(rows=rows, cols=len(columns))
    header_cell_borders(table)
    fixed_widths(table, [width for _, width in columns])
    cell_margins(table, CELL_MARGIN)
    for column, (heading, _) in enumerate(columns):
        cell_text(table, 0, column, heading, STYLE_TABLE_HEADER)
    header = table.rows[0]._tr.get_or_add_trPr()
    header.append(OxmlElement("w:tblHeader"))
    cell_text(table, 1, 0, "{%tr " + loop + " %}", STYLE_TABLE_TEXT)
    item = loop.split()[1]
    for column, field in enumerate(fields):
        cell_text(table, 2, column, "{{ " + f"{item}.{field}" + " }}", STYLE_TABLE_TEXT)
        if total is not None:
            cell_text(table, 4, column, "{{ " + f"{total}.{field}" + " }}", STYLE_TABLE_TEXT)
    cell_text(table, 3, 0, "{%tr endfor %}", STYLE_TABLE_TEXT)
    for row in table.rows:
        height = OxmlElement("w:trHeight")  # rows at least 7 mm: room around 小4号 text
        height.set(qn("w:val"), str(int(Mm(7).twips)))
        height.set(qn("w:hRule"), "atLeast")
        row._tr.get_or_add_trPr().append(height)
        for column, cell in enumerate(row.cells):
            cell.vertical_alignment = 1  # centre
            if column in centred:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER


def imprint(document: Document, *, copy_to: str | None) -> None:
    """版记 at the foot of the last page: 抄送 and 印发 lines, 4号, between lines as wide as
    the type area (GB/T 9704 7.4). ``copy_to`` is the Jinja condition of the 抄送 line
    (``"True"``: always), or None for a document without one.

    A one-column table: its top and bottom borders are the thick first and last lines, the
    inner border the thin one, and the cell margins give the one-character indent. It
    floats, anchored to the last paragraph, at the bottom of the type area: horizontally at
    28 mm from the page edge (the left margin), so that LibreOffice too treats it as a frame
    (it keeps a floating table as wide as the type area in the text flow unless it is
    positioned against the page), and vertically at the bottom of the margins (text
    flows above it; Word does the same by the same properties).
    """
    rows = 1 + (copy_to is not None) * (1 if copy_to == "True" else 3)
    table = document.add_table(rows=rows, cols=1)
    fixed_widths(table, [156])
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    border(borders, "top", 8, "000000")  # 0.35 mm
    border(borders, "bottom", 8, "000000")
    border(borders, "insideH", 6, "000000")  # 0.25 mm
    for side in ("left", "right", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    tbl_pr.append(borders)
    cell_margins(table, Pt(IMPRINT_PT))
    position = OxmlElement("w:tblpPr")
    for key, value in (
        ("leftFromText", "0"),
        ("rightFromText", "0"),
        ("topFromText", "170"),
        ("vertAnchor", "margin"),
        ("horzAnchor", "page"),
        ("tblpX", str(int(Mm(28).twips))),
        ("tblpYSpec", "bottom"),
    ):
        position.set(qn(f"w:{key}"), value)
    tbl_pr.insert(0, position)
    if copy_to == "True":
        cell_text(table, 0, 0, "抄送：{{ copy_to }}。", STYLE_IMPRINT)
    elif copy_to is not None:
        cell_text(table, 0, 0, "{%tr if " + copy_to + " %}", STYLE_IMPRINT)
        cell_text(table, 1, 0, "抄送：{{ copy_to }}。", STYLE_IMPRINT)
        cell_text(table, 2, 0, "{%tr endif %}", STYLE_IMPRINT)
    issued = table.cell(rows - 1, 0).paragraphs[0]
    issued.style = document.styles[STYLE_IMPRINT]
    inner = Mm(156) - 2 * Pt(IMPRINT_PT)
    issued.paragraph_format.tab_stops.add_tab_stop(inner, WD_TAB_ALIGNMENT.RIGHT)
    issued.add_run("{{ issuer }}\t{{ issued }}印发")


def new_document(title: str) -> Document:
    document = Document()
    defaults(document)
    styles(document)
    page_setup(document)
    properties = document.core_properties
    properties.title = title
    properties.author = "inspectcli"
    properties.last_modified_by = "inspectcli"
    properties.created = FIXED_TIME
    properties.modified = FIXED_TIME
    properties.revision = 1
    properties.comments = "Built by templates/build_templates.py (GB/T 9704-2012 layout)."
    return document


def masthead(document: Document) -> None:
    """发文机关标志, 发文字号 and the red separator 4 mm below the number (7.2.3-7.2.5)."""
    add(document, STYLE_MASTHEAD, "{{ authority.name }}")
    number = add(document, STYLE_NUMBER, "{{ number }}")
    paragraph_border(number, "bottom", 12, "FF0000", 11)


def signature(document: Document, signer: str) -> None:
    add(document, STYLE_SIGNATURE, signer)
    add(document, STYLE_DATE, "{{ date }}")


def closing(document: Document, *, copy_to: str | None) -> None:
    """The imprint, with an empty paragraph before it (a table needs one between itself and
    the one before) and one after it (a floating table is anchored to the paragraph after).
    Both are 1 pt high, so that they do not push the imprint onto a page of its own."""
    spacer(document)
    imprint(document, copy_to=copy_to)
    spacer(document)


def spacer(document: Document) -> None:
    paragraph = add(document, STYLE_IMPRINT, "")
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(1)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)


# The 限时整改督办函 (Guangdong art. 16: sent while the round runs, or after it): its own
# title and a deadline to the hour (``deadline`` is the letter's own, e.g. 2026年9月16日18:00).
SUPERVISION_BODY = [
    (
        STYLE_BODY,
        "{{ plan.group }}在{{ plan.period }}对{{ county }}{{ plan.content }}开展"
        "{{ plan.scope }}{{ inspection }}{% if letter_during_round %}期间{% else %}中{% endif %}，"
        "发现以下问题需要立即整改。为确保问题按时整改到位，根据"
        "{% if plan.title %}《{{ plan.title }}》{% else %}有关规定{% endif %}，现予以督办。",
    ),
    (STYLE_HEADING1, "一、督办事项"),
    (
        STYLE_BODY,
        "需限时整改的问题共{{ total }}个，涉及"
        "{% for c in categories %}{{ c.title }}{{ c.count }}个"
        "{% if not loop.last %}、{% endif %}{% endfor %}"
        "{% if grave %}，其中较重及以上问题{{ grave }}个{% endif %}。"
        "具体问题及整改时限详见附件《{{ county }}限时整改问题清单》。",
    ),
    (STYLE_HEADING1, "二、办理要求"),
    (
        STYLE_BODY,
        "（一）限时整改到位。请你{{ unit }}接函后立即组织有关单位逐项整改，明确责任人，"
        "于{{ deadline }}前整改到位；清单中另有时限的问题，按所列时限完成。",
    ),
    (
        STYLE_BODY,
        "（二）按时报送结果。请于{{ deadline }}前将整改结果（包括整改措施、完成时间、"
        "责任人及照片等佐证资料）书面报送{{ authority.name }}。",
    ),
    (
        STYLE_BODY,
        "（三）不得擅自延期。督办事项一律按时限办结，不予延期；确有特殊情况的，"
        "须在时限届满前书面说明理由，经同意后方可调整。",
    ),
    (
        STYLE_BODY,
        "（四）严肃追责问责。逾期未完成整改、整改不到位或弄虚作假的，将予以通报，"
        "并视情移交有关部门依规依纪依法处理。",
    ),
    (STYLE_BODY, "（五）跟踪核验。{{ inspection }}组将对督办事项逐项核验销号。"),
]


def letter() -> Document:
    return _letter(
        "整改函",
        "关于{{ county }}{{ inspection }}发现问题整改的函",
        BODY,
        "{{ county }}{{ inspection }}发现问题清单",
    )


def supervision_letter() -> Document:
    return _letter(
        "督办函",
        "关于{{ county }}{{ inspection }}发现问题限时整改的督办函",
        SUPERVISION_BODY,
        "{{ county }}限时整改问题清单",
    )


def _letter(name: str, title: str, body: list[tuple[str, str]], annex: str) -> Document:
    document = new_document(name)
    masthead(document)
    add(document, STYLE_TITLE, title)
    add(document, STYLE_ADDRESSEE, "{{ to }}：")
    for style, text in body:
        add(document, style, text)
    add(document, STYLE_ANNEX_NOTE, f"附件：{annex}")
    signature(document, "{{ authority.name }}")
    mark = add(document, STYLE_ANNEX_MARK, "附件")
    mark.paragraph_format.page_break_before = True
    table_title = add(document, STYLE_TITLE, annex)
    table_title.paragraph_format.space_before = Pt(0)
    table_title.paragraph_format.space_after = Pt(LINE_PT / 2)
    fields = ("index", "category", "problem", "responsible", "measures", "deadline")
    data_table(document, COLUMNS, fields, loop="for f in findings", centred=frozenset({0, 5}))
    closing(document, copy_to="True")
    return document


# --- the report ---------------------------------------------------------------------------

REPORT_COLUMNS = (
    ("县（区）", 24),
    ("发现问题", 19),
    ("已整改", 17),
    ("其中已核验", 24),
    ("正在整改", 19),
    ("尚未整改", 19),
    ("逾期", 14),
    ("整改率", 20),
)
REPORT_FIELDS = (
    "county",
    "findings",
    "rectified",
    "verified",
    "rectifying",
    "open",
    "overdue",
    "rate",
)
assert sum(width for _, width in REPORT_COLUMNS) == 156

REPORT_OPENING = (
    "按照{% if plan.title %}《{{ plan.title }}》{% else %}工作{% endif %}安排，"
    "{{ plan.group }}于{{ plan.period }}对{{ counties }}{{ plan.content }}开展了"
    "{{ plan.scope }}{{ inspection }}。现将有关情况报告如下。"
)
REPORT_SITUATION = (
    "{{ plan.group }}由{{ plan.leader }}任组长"
    "{% if plan.members %}，{{ plan.members }}为成员{% endif %}，"
    "于{{ plan.period }}赴{{ counties }}开展{{ inspection }}。"
    "{{ inspection }}组采取{{ plan.mode }}方式，通过{{ plan.methods }}等方法开展工作，"
    "{% if sample %}{{ sample }}{% else %}深入乡镇、村和农户进行了实地检查{% endif %}。"
)
REPORT_PROBLEMS = (
    "{% if total %}此次{{ inspection }}共发现问题{{ total }}个"
    "{% if grave %}，其中较重及以上问题{{ grave }}个{% endif %}，"
    "涉及{{ categories|length }}个方面。"
    "{% elif not unreported %}此次{{ inspection }}未发现问题。"
    "{% elif reported %}此次{{ inspection }}在{{ reported }}未发现问题。{% endif %}"
    "{% if unreported %}{{ unreported }}尚无问题清单，本报告未反映其发现问题情况。{% endif %}"
)
REPORT_RECTIFICATION = (
    "{% if total %}截至{{ date }}，{{ total }}个问题中已整改{{ rectified }}个"
    "{% if verified %}（其中经“回头看”核验{{ verified }}个）{% endif %}，"
    "正在整改{{ rectifying }}个，尚未整改{{ open }}个，整改率{{ rate }}"
    "{% if overdue %}；逾期未整改{{ overdue }}个，涉及{{ overdue_units }}"
    "{% else %}，无逾期未整改问题{% endif %}。"
    "{% elif not unreported %}此次{{ inspection }}未发现问题，无整改事项。"
    "{% else %}本报告未反映{{ unreported }}的整改情况。{% endif %}"
    "{% if rows|length > 1 %}各县（区）整改情况见下表。{% else %}整改情况见下表。{% endif %}"
)


# (style, text) in order; ``TABLE`` marks where the figures table goes.
TABLE = ("", "")
REPORT_BODY = (
    (STYLE_ADDRESSEE, "{{ to }}："),
    (STYLE_BODY, REPORT_OPENING),
    (STYLE_HEADING1, "一、基本情况"),
    (STYLE_BODY, REPORT_SITUATION),
    (STYLE_HEADING1, "二、发现的主要问题"),
    (STYLE_BODY, REPORT_PROBLEMS),
    (STYLE_BODY, "{%p for c in categories %}"),
    (STYLE_HEADING2, "{{ c.heading }}"),
    (STYLE_BODY, "{%p for p in c.problems %}"),
    (STYLE_BODY, "{{ p }}"),
    (STYLE_BODY, "{%p endfor %}"),
    (STYLE_BODY, "{%p endfor %}"),
    (STYLE_HEADING1, "三、整改情况"),
    (STYLE_BODY, REPORT_RECTIFICATION),
    TABLE,
    (STYLE_BODY, "{%p if suggestions %}"),
    (STYLE_HEADING1, "四、意见建议"),
    (STYLE_BODY, "{%p for g in suggestions %}"),
    (STYLE_BODY, "{%p if g.heading %}"),
    (STYLE_HEADING2, "{{ g.heading }}"),
    (STYLE_BODY, "{%p endif %}"),
    (STYLE_BODY, "{%p for s in g.entries %}"),
    (STYLE_BODY, "{{ s }}"),
    (STYLE_BODY, "{%p endfor %}"),
    (STYLE_BODY, "{%p endfor %}"),
    (STYLE_BODY, "{%p endif %}"),
    (STYLE_BODY, "特此报告。"),
)


def add_body(
    document: Document, body: tuple[tuple[str, str], ...], table: Callable[[], None]
) -> None:
    for style, text in body:
        if (style, text) == TABLE:
            table()
            table_gap(document)
        else:
            add(document, style, text)


def report() -> Document:
    """The group's report to the leading group: no masthead, no number (a report of a
    group inside the office), the four sections Guangdong art. 10 and 16 ask for."""
    document = new_document("督查报告")
    title = add(
        document,
        STYLE_TITLE,
        "关于{{ month }}对{{ counties }}开展{{ plan.scope }}{{ inspection }}情况的报告"
        "{% if draft %}（草稿）{% endif %}",
    )
    title.paragraph_format.space_before = Pt(LINE_PT)
    centred = frozenset(range(len(REPORT_COLUMNS)))
    add_body(
        document,
        REPORT_BODY,
        lambda: data_table(
            document, REPORT_COLUMNS, REPORT_FIELDS, loop="for r in rows", centred=centred
        ),
    )
    signature(document, "{{ signature }}")
    closing(document, copy_to=None)
    return document


def table_gap(document: Document) -> None:
    """Half a line between a table and the text after it."""
    gap = add(document, STYLE_TABLE_TEXT, "")
    gap.paragraph_format.space_after = Pt(LINE_PT / 2)


# --- the bulletin -------------------------------------------------------------------------

BULLETIN_COLUMNS = (
    ("序号", 14),
    ("{{ unit }}", 30),
    ("督查轮次", 22),
    ("发现问题", 22),
    ("已整改", 22),
    ("逾期未整改", 26),
    ("整改率", 20),
)
BULLETIN_FIELDS = ("index", "county", "rounds", "findings", "rectified", "overdue", "rate")
assert sum(width for _, width in BULLETIN_COLUMNS) == 156

BULLETIN_OPENING = (
    "{{ month }}，{{ organiser }}组织{{ groups_text }}，对{{ counties }}"
    "{% if county_count > 1 %}{{ county_count }}个{{ unit }}{% endif %}开展了"
    "{% if rounds > 1 %}{{ rounds }}轮{% endif %}{{ inspection }}，"
    "共发现问题{{ total }}个。截至{{ date }}，已整改{{ rectified }}个，整改率{{ rate }}；"
    "逾期未整改{{ overdue }}个。现将有关情况通报如下。"
)
BULLETIN_NOTE = (
    "说明：整改率为已整改（含已核验）问题数占当月发现问题总数的比例；逾期未整改指截至"
    "{{ date }}已超过整改时限（经批准延期的，以延期后的时限为准）仍未整改到位的问题。"
    "当月发现的问题全部整改到位（整改率100%）且无逾期未整改问题的{{ unit }}予以表扬，"
    "有逾期未整改问题的{{ unit }}予以批评。"
)
BULLETIN_PRAISE = (
    "{{ praise }}对{{ month }}{{ inspection }}发现的问题全部整改到位，整改率100%，"
    "无逾期未整改问题，予以通报表扬。"
)
BULLETIN_CRITICISM = (
    "对上述{{ unit }}予以通报批评。请其逐项说明逾期原因，明确整改时限和责任人，"
    "书面报送{{ authority.name }}。"
)
BULLETIN_REQUIREMENTS = (
    "各{{ unit }}要对照问题清单逐项抓好整改，已整改的问题要巩固成果、防止反弹；"
    "确因客观原因不能按期完成整改的，须在整改时限届满前书面报告延期理由和新的整改时限。"
    "按照{{ source }}要求，整改情况和整改率纳入年度考核。"
)


BULLETIN_BODY = (
    (STYLE_ADDRESSEE, "{{ addressee }}："),
    (STYLE_BODY, BULLETIN_OPENING),
    (STYLE_HEADING1, "{{ headings.figures }}各{{ unit }}{{ inspection }}和整改情况"),
    TABLE,
    (STYLE_BODY, BULLETIN_NOTE),
    (STYLE_BODY, "{%p if household_groups %}"),
    (STYLE_BODY, "{{ household_groups }}"),
    (STYLE_BODY, "{%p endif %}"),
    (STYLE_BODY, "{%p if praise %}"),
    (STYLE_HEADING1, "{{ headings.praise }}表扬"),
    (STYLE_BODY, BULLETIN_PRAISE),
    (STYLE_BODY, "{%p endif %}"),
    (STYLE_BODY, "{%p if criticism %}"),
    (STYLE_HEADING1, "{{ headings.criticism }}批评"),
    (STYLE_BODY, "{%p for c in criticism %}"),
    (STYLE_BODY, "{{ c }}"),
    (STYLE_BODY, "{%p endfor %}"),
    (STYLE_BODY, BULLETIN_CRITICISM),
    (STYLE_BODY, "{%p endif %}"),
    (STYLE_HEADING1, "{{ headings.requirements }}下步工作要求"),
    (STYLE_BODY, BULLETIN_REQUIREMENTS),
)


def bulletin() -> Document:
    """The monthly bulletin (通报) with masthead and number: figures per county, praise and
    criticism by the rules stated in its note, requirements."""
    document = new_document("督查通报")
    masthead(document)
    add(document, STYLE_TITLE, "关于{{ month }}{{ inspection }}情况的通报")
    centred = frozenset(range(len(BULLETIN_COLUMNS)))
    add_body(
        document,
        BULLETIN_BODY,
        lambda: data_table(
            document,
            BULLETIN_COLUMNS,
            BULLETIN_FIELDS,
            loop="for r in rows",
            centred=centred,
            total="sum",
        ),
    )
    signature(document, "{{ authority.name }}")
    closing(document, copy_to="copy_to")
    return document


def schema_order(document: Document) -> None:
    """Put the children of every property element in schema order, wherever they are."""
    roots = [document.element, document.styles.element]
    for section in document.sections:
        roots += [section.footer._element, section.even_page_footer._element]
    for root in roots:
        in_schema_order(root)


def package_parts(document: Document) -> None:
    """The font table names the fonts the styles use, with their substitutes; the part
    ``stylesWithEffects`` of python-docx's default template (Word 2010's copy of the styles,
    which would contradict ours) is left out."""
    package = document.part.package
    for part in package.iter_parts():
        if str(part.partname) == "/word/fontTable.xml":
            part._blob = font_table_xml()
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            document.part.drop_rel(rel_id)


def deterministic_bytes(document: Document) -> bytes:
    """The .docx with fixed zip timestamps, so that a rebuild changes nothing."""
    schema_order(document)
    package_parts(document)
    buffer = io.BytesIO()
    document.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            fixed = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(item.filename))
    return out.getvalue()


BUILDERS = {
    "letter": letter,
    "supervision-letter": supervision_letter,
    "report": report,
    "bulletin": bulletin,
}


def build() -> dict[str, bytes]:
    return {name: deterministic_bytes(builder()) for name, builder in BUILDERS.items()}


def main() -> int:
    PACKAGED.mkdir(parents=True, exist_ok=True)
    for name, data in build().items():
        for folder in (HERE, PACKAGED):
            path = folder / f"{name}.docx"
            path.write_bytes(data)
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
