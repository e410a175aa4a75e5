"""WordprocessingML details every .docx we write must get right: the child order the schema
prescribes (Word refuses, and validators reject, a property out of order) and the font table
that names the Chinese official-document fonts with their usual substitutes.

Used by the template builder (templates/build_templates.py) and by the render-time layout
fix-ups, so that both write the same order."""

from __future__ import annotations

from typing import Any, NamedTuple

from docx.oxml.ns import qn

# ECMA-376 Part 1, the sequences of CT_PPr, CT_TblPr, CT_TrPr, CT_TcPr and the borders.
SEQUENCES = {
    "pPr": (
        "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
        "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct "
        "topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
        "contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
        "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
    ),
    "tblPr": (
        "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
        "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption "
        "tblDescription tblPrChange"
    ),
    "trPr": "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader "
    "tblCellSpacing jc hidden ins del trPrChange",
    "tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection "
    "tcFitText vAlign hideMark headers cellIns cellDel cellMerge tcPrChange",
    "tblBorders": "top left start bottom right end insideH insideV",
    "tcBorders": "top left start bottom right end insideH insideV tl2br tr2bl",
    "pBdr": "top left bottom right between bar",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss "
    "imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs "
    "highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish "
    "oMath",
    "font": "altName panose1 charset family notTrueType pitch sig embedRegular embedBold "
    "embedItalic embedBoldItalic",
}
_RANKS = {
    qn(f"w:{local}"): {qn(f"w:{name}"): index for index, name in enumerate(sequence.split())}
    for local, sequence in SEQUENCES.items()
}


def in_schema_order(root: Any) -> None:
    """Sort the children of every property element under ``root`` (an lxml element) into
    schema order; unknown children keep their place after the known ones."""
    for element in root.iter(*_RANKS):
        rank = _RANKS[element.tag]
        children = sorted(element, key=lambda child: rank.get(child.tag, len(rank)))
        for child in children:
            element.append(child)


class Font(NamedTuple):
    name: str
    alt: str | None  # what Word tries when the font is missing (w:altName)
    panose: str
    charset: str  # 86: GB2312 (Simplified Chinese); 00: ANSI
    family: str
    pitch: str


# The fonts GB/T 9704 names, as a Chinese Windows installs them, and the substitute each
# is usually replaced by where it is missing (Windows ships 仿宋, 楷体, 黑体 and 宋体;
# 方正小标宋简体 comes with the office's own font set, 华文中宋 with Office).
FONTS = (
    Font("仿宋_GB2312", "仿宋", "02010609030101010101", "86", "modern", "fixed"),
    Font("楷体_GB2312", "楷体", "02010609030101010101", "86", "modern", "fixed"),
    Font("方正小标宋简体", "华文中宋", "03000509000000000000", "86", "script", "fixed"),
    Font("黑体", "SimHei", "02010609060101010101", "86", "modern", "fixed"),
    Font("宋体", "SimSun", "02010600030101010101", "86", "auto", "variable"),
    Font("Times New Roman", None, "02020603050405020304", "00", "roman", "variable"),
)
# For the check of the converting machine: the names fontconfig may know a font by.
SUBSTITUTES = {
    "仿宋_GB2312": ("仿宋_GB2312", "仿宋", "FangSong", "FangSong_GB2312"),
    "楷体_GB2312": ("楷体_GB2312", "楷体", "KaiTi", "KaiTi_GB2312"),
    "方正小标宋简体": ("方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "华文中宋"),
    "黑体": ("黑体", "SimHei"),
    "宋体": ("宋体", "SimSun"),
    "Times New Roman": ("Times New Roman", "Liberation Serif"),  # the same widths
}

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# Style names the built-in templates use (templates/build_templates.py); a custom template
# without them simply gets no layout fix-ups.
STYLE_MASTHEAD = "发文机关标志"
STYLE_NUMBER = "发文字号"
STYLE_SIGNATURE = "发文机关署名"
STYLE_DATE = "成文日期"
STYLE_ANNEX_NOTE = "附件说明"


def style_name(paragraph: Any) -> str:
    """A paragraph's style name, or "" when its style is missing from the document."""
    try:
        return str(paragraph.style.name)
    except (KeyError, AttributeError):
        return ""


def font_table_xml(fonts: tuple[Font, ...] = FONTS) -> bytes:
    """The part ``word/fontTable.xml`` naming ``fonts``, children in schema order."""
    entries = []
    for font in fonts:
        alt = f'<w:altName w:val="{font.alt}"/>' if font.alt else ""
        entries.append(
            f'<w:font w:name="{font.name}">{alt}<w:panose1 w:val="{font.panose}"/>'
            f'<w:charset w:val="{font.charset}"/><w:family w:val="{font.family}"/>'
            f'<w:pitch w:val="{font.pitch}"/></w:font>'
        )
    body = "".join(entries)
    head = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    return f'{head}<w:fonts xmlns:w="{W_NS}">{body}</w:fonts>'.encode()
