"""Checks every official document shares: the GB/T 9704-2012 page, fonts and sizes in the
.docx, and, through LibreOffice, the pages as printed (type area, imprint at the foot)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import NamedTuple

from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph

PT_PER_MM = 72 / 25.4
TYPE_LEFT, TYPE_RIGHT = 28 * PT_PER_MM, (28 + 156) * PT_PER_MM
TYPE_TOP, TYPE_BOTTOM = 37 * PT_PER_MM, (37 + 225) * PT_PER_MM
HANGING = "。，、；：？！”’）》"
CJK = re.compile(r"[\u4e00-\u9fff]")
HAVE_LIBREOFFICE = bool(shutil.which("soffice")) and bool(shutil.which("pdftotext"))


def assert_gbt9704_page(document: DocumentObject) -> None:
    """A4, margins top 37, bottom 35, left 28, right 26 mm (type area 156 x 225), within 1 mm."""
    expected = {
        "page_width": 210,
        "page_height": 297,
        "top_margin": 37,
        "bottom_margin": 35,
        "left_margin": 28,
        "right_margin": 26,
    }
    for section in document.sections:
        for name, mm in expected.items():
            assert abs(getattr(section, name) - Mm(mm)) <= Mm(1), name


def east_asian_font(paragraph: Paragraph) -> str | None:
    """The East Asian font in force for the paragraph's text: its runs', else its style's
    (walking up the style chain), else the document defaults'."""
    for run in paragraph.runs:
        fonts = run._r.rPr.find(qn("w:rFonts")) if run._r.rPr is not None else None
        if fonts is not None and fonts.get(qn("w:eastAsia")):
            return str(fonts.get(qn("w:eastAsia")))
    style = paragraph.style
    while style is not None:
        rpr = style.element.rPr
        fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
        if fonts is not None and fonts.get(qn("w:eastAsia")):
            return str(fonts.get(qn("w:eastAsia")))
        style = style.base_style
    return None


def all_paragraphs(document: DocumentObject) -> list[Paragraph]:
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs += cell.paragraphs
    return paragraphs


def assert_chinese_fonts(document: DocumentObject) -> dict[str, str | None]:
    """Every paragraph with Chinese text has an East Asian font; returns style → font."""
    chinese = [p for p in all_paragraphs(document) if CJK.search(p.text)]
    assert len(chinese) > 10
    fonts = {}
    for paragraph in chinese:
        font = east_asian_font(paragraph)
        assert font, paragraph.text
        fonts[paragraph.style.name] = font
    return fonts


def assert_sizes(document: DocumentObject) -> None:
    """Body 3号 (16 pt), title 2号 (22 pt), imprint 4号 (14 pt)."""
    assert document.styles["公文正文"].font.size.pt == 16
    assert document.styles["公文标题"].font.size.pt == 22
    assert document.styles["版记"].font.size.pt == 14
    assert document.styles["一级标题"].font.size.pt == 16


def package_xml(path: Path) -> str:
    """Every XML part, without the joiners that keep a token on one line (invisible on
    paper, and they must not hide a number from a privacy check)."""
    with zipfile.ZipFile(path) as archive:
        return "".join(
            archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml")
        ).replace("\u2060", "")


def table_texts(document: DocumentObject, index: int) -> list[list[str]]:
    """The cells' text as read on paper: without the invisible joiners that keep a date or
    a name on one line."""
    rows = document.tables[index].rows
    return [[cell.text.replace("\u2060", "") for cell in row.cells] for row in rows]


def text_of(path: Path) -> str:
    return "\n".join(p.text for p in all_paragraphs(Document(str(path))))


# --- printed pages ------------------------------------------------------------------------


class Word(NamedTuple):
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def to_pdf(path: Path, folder: Path) -> Path:
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(path)],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(folder), "PATH": "/usr/bin:/bin:/usr/local/bin"},
    )
    pdf = folder / (path.stem + ".pdf")
    assert pdf.is_file() and pdf.stat().st_size > 0
    return pdf


def pdf_pages(pdf: Path) -> list[list[Word]]:
    """The words of each page with their boxes in points (origin top left)."""
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for page in html.split("<page ")[1:]:
        words = re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            page,
        )
        pages.append([Word(float(a), float(b), float(c), float(d), t) for a, b, c, d, t in words])
    return pages


def assert_printed_layout(pdf: Path, *, min_pages: int = 1) -> list[list[Word]]:
    """No text outside the type area (the page number below it excepted), and the imprint's
    印发 line on the last page, at the foot of the type area, below every other line."""
    pages = pdf_pages(pdf)
    assert len(pages) >= min_pages
    tolerance = 2.0
    for number, words in enumerate(pages, start=1):
        body = [w for w in words if not (w.y0 > TYPE_BOTTOM and w.text in {"—", str(number)})]
        for word in body:
            # a closing punctuation mark may hang into the margin (标点悬挂, Word's and
            # LibreOffice's default for Chinese text), by at most one 3号 character
            hanging = 16.5 if word.text[-1] in HANGING else 0
            right = TYPE_RIGHT + tolerance + hanging
            assert TYPE_LEFT - tolerance <= word.x0 and word.x1 <= right, word
            assert TYPE_TOP - tolerance <= word.y0 and word.y1 <= TYPE_BOTTOM + tolerance, word
        assert any(w.text == str(number) for w in words if w.y0 > TYPE_BOTTOM), number
    last = [w for w in pages[-1] if w.y1 <= TYPE_BOTTOM + tolerance]
    issued = [w for w in last if w.text.endswith("印发")]
    assert issued, "no 印发 line on the last page"
    assert issued[0].y1 >= TYPE_BOTTOM - 8, issued[0]  # at the foot, not after the text
    assert all(w.y1 <= issued[0].y1 + 1 for w in last)
    for earlier in pages[:-1]:
        assert not any(w.text.endswith("印发") for w in earlier)
    return pages
