"""Every xlsx we write is ready for paper (``output.xlsx``)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from inspectcli.output.xlsx import LINE_HEIGHT, for_paper, row_height


def test_a_sheet_prints_on_a4_landscape_fitted_to_the_width(tmp_path: Path) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("台账")
    for_paper(sheet, [10, 40, 12], header_row=2, last_row=9)
    for row in range(9):
        sheet.append([f"r{row}", "文字" * 30, "2026-11-23"])
    book.save(tmp_path / "x.xlsx")
    printed = load_workbook(tmp_path / "x.xlsx")["台账"]
    assert printed.page_setup.orientation == "landscape"
    assert printed.page_setup.paperSize == 9  # A4
    assert printed.page_setup.fitToWidth == 1 and printed.page_setup.fitToHeight == 0
    assert printed.sheet_properties.pageSetUpPr.fitToPage  # type: ignore[union-attr]
    assert printed.print_title_rows == "$1:$2"
    assert printed.auto_filter.ref == "A2:C9"
    assert printed.freeze_panes == "A3"
    assert printed.print_options.gridLines
    assert printed.column_dimensions["B"].width == 40


def test_a_row_is_as_high_as_its_longest_wrapped_text() -> None:
    assert row_height(["短", 3, None], [10, 10, 10]) == LINE_HEIGHT
    assert row_height(["字" * 40], [10]) > 4 * LINE_HEIGHT
    assert row_height(["一\n二\n三"], [10]) == 3 * LINE_HEIGHT


@given(st.text(max_size=300), st.integers(1, 60))
def test_more_text_never_needs_fewer_lines(text: str, width: int) -> None:
    assert row_height([text + "字"], [width]) >= row_height([text], [width]) >= LINE_HEIGHT
