"""The letter format (信函格式) of GB/T 9704-2012 §10.1, the default of `render-letter`:
measured on the first page LibreOffice prints (red rules found in the raster, text from
pdftotext), and checked in the .docx."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import NamedTuple

import pytest
from docx import Document
from docx.oxml.ns import qn

from .layout import HAVE_LIBREOFFICE, PT_PER_MM, TYPE_BOTTOM, TYPE_RIGHT, pdf_pages, to_pdf
from .test_letter import DOCUMENT, all_text, rendered
from .test_letter import repo as repo

DPI = 150
MM_PER_PIXEL = 25.4 / DPI
TOLERANCE_MM = 1.0


class Band(NamedTuple):
    top: float  # mm from the top edge
    bottom: float
    left: float  # mm from the left edge
    right: float

    @property
    def thickness(self) -> float:
        return self.bottom - self.top


def first_page_raster(pdf: Path, folder: Path) -> tuple[int, int, bytes]:
    subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-f", "1", "-l", "1", str(pdf), str(folder / "page")],
        check=True,
    )
    data = next(folder.glob("page*.ppm")).read_bytes()
    magic, size, _, pixels = data.split(b"\n", 3)
    assert magic == b"P6"
    width, height = map(int, size.split())
    return width, height, pixels


def red(pixels: bytes, offset: int) -> bool:
    r, g, b = pixels[offset : offset + 3]
    return r > 180 and g < 90 and b < 90


def measure(width: int, height: int, pixels: bytes) -> tuple[list[Band], Band]:
    """The red lines across more than half the page (the rules), and the extent of the
    other red ink above the first of them (the masthead)."""
    rules: list[Band] = []
    ink: list[int] = []
    for y in range(height):
        row = [x for x in range(width) if red(pixels, (y * width + x) * 3)]
        if len(row) > width / 2:
            top, left, right = y * MM_PER_PIXEL, row[0] * MM_PER_PIXEL, (row[-1] + 1) * MM_PER_PIXEL
            if rules and abs(rules[-1].bottom - top) < MM_PER_PIXEL / 2:
                rules[-1] = rules[-1]._replace(bottom=top + MM_PER_PIXEL)
            else:
                rules.append(Band(top, top + MM_PER_PIXEL, left, right))
        elif row and not rules:
            ink.append(y)
    masthead = Band(ink[0] * MM_PER_PIXEL, (ink[-1] + 1) * MM_PER_PIXEL, 0, 0)
    return rules, masthead


@pytest.fixture
def pdf(repo: Path, tmp_path: Path) -> Path:
    return to_pdf(rendered(repo), tmp_path / "pdf")


@pytest.mark.skipif(
    not (HAVE_LIBREOFFICE and shutil.which("pdftoppm")), reason="LibreOffice or poppler missing"
)
def test_masthead_rules_number_and_first_page_as_the_standard_places_them(
    pdf: Path, tmp_path: Path
) -> None:
    rules, masthead = measure(*first_page_raster(pdf, tmp_path))
    assert len(rules) == 4, rules  # two double rules
    top_thick, top_thin, bottom_thin, bottom_thick = rules
    # the masthead's upper edge 30 mm from the top of the page
    assert abs(masthead.top - 30) <= 1.5, masthead
    # a double rule 4 mm below the masthead, thick over thin
    assert abs(top_thick.top - masthead.bottom - 4) <= TOLERANCE_MM, (masthead, top_thick)
    assert top_thick.thickness > top_thin.thickness
    assert top_thin.top - top_thick.bottom < 0.5  # one double rule, not two lines apart
    # a double rule 20 mm above the bottom edge, thin over thick
    assert abs(297 - bottom_thick.bottom - 20) <= TOLERANCE_MM, bottom_thick
    assert bottom_thick.thickness > bottom_thin.thickness
    # both 170 mm long, centred on the type area (28 + 156 / 2 = 106 mm)
    for rule in rules:
        assert abs(rule.right - rule.left - 170) <= TOLERANCE_MM, rule
        assert abs((rule.left + rule.right) / 2 - 106) <= TOLERANCE_MM, rule
    # the document number at the right edge of the type area, under the first rule
    page = pdf_pages(pdf)[0]
    number = [w for w in page if "〔2026〕" in w.text or w.text == "号"]
    assert number and abs(max(w.x1 for w in number) - TYPE_RIGHT) <= 2
    number_top = min(w.y0 for w in number) / PT_PER_MM
    assert top_thin.bottom < number_top < top_thin.bottom + 16 / PT_PER_MM  # within a line
    # no page number on the first page; page 2 has one
    pages = pdf_pages(pdf)
    assert not [w for w in pages[0] if w.y0 > TYPE_BOTTOM]
    assert any(w.text == "2" for w in pages[1] if w.y0 > TYPE_BOTTOM)


def test_imprint_without_issuer_date_or_rules(repo: Path) -> None:
    path = rendered(repo)
    text = all_text(path)
    assert "抄送：中共云岗县委，云岗县人民政府。" in text
    assert "印发" not in text
    document = Document(str(path))
    imprint = document.tables[-1]._tbl.tblPr.find(qn("w:tblBorders"))
    assert {edge.get(qn("w:val")) for edge in imprint} == {"nil"}


def test_masthead_and_number_in_the_first_page_header(repo: Path) -> None:
    document = Document(str(rendered(repo)))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    header = [p.text for p in section.first_page_header.paragraphs]
    assert header == ["岚溪市乡村振兴局", "岚乡振〔2026〕3号"]
    assert "岚溪市乡村振兴局" not in [p.text for p in document.paragraphs[:3]]
    assert "PAGE" not in section.first_page_footer._element.xml


def test_document_layout_keeps_the_masthead_in_the_body(repo: Path) -> None:
    document = Document(str(rendered(repo, *DOCUMENT)))
    assert document.paragraphs[0].text == "岚溪市乡村振兴局"
    assert not document.sections[0].different_first_page_header_footer
    assert "2026年9月11日印发" in all_text(rendered(repo, *DOCUMENT))
