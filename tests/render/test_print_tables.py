"""Problem tables that print well and a 落款 that never stands alone, checked on the pages
LibreOffice prints (text positions from pdftotext), and the width and joining rules
behind them."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from hypothesis import given
from hypothesis import strategies as st

from inspectcli.render.tables import JOINER, _share, ems, joined, units

from .layout import HAVE_LIBREOFFICE, TYPE_BOTTOM, Word, pdf_pages, to_pdf
from .many import deadline, person, write_many
from .test_letter import LETTER, rendered
from .test_letter import repo as repo

COUNT = 20
needs_libreoffice = pytest.mark.skipif(
    not HAVE_LIBREOFFICE, reason="LibreOffice (soffice) or pdftotext missing"
)


def month_day(day: object) -> str:
    """What of a date never breaks: a table's date may break once, after its year."""
    return f"{day.month}月{day.day}日"  # type: ignore[attr-defined]


def lines(words: list[Word]) -> list[str]:
    """The page's text lines (words whose tops agree within 2 pt), left to right."""
    rows: dict[int, list[Word]] = {}
    for word in words:
        key = next((y for y in rows if abs(y - word.y0) < 2), round(word.y0))
        rows.setdefault(key, []).append(word)
    return [" ".join(w.text for w in sorted(row, key=lambda w: w.x0)) for row in rows.values()]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> list[list[Word]]:
    from ..validate.helpers import make_repo

    base = tmp_path_factory.mktemp("many")
    root = make_repo(None, base / "repo")
    write_many(root, COUNT, LETTER)
    # the document format, whose body ends at the foot of page 2 with twenty problems
    return pdf_pages(to_pdf(rendered(root, "--layout", "document"), base / "pdf"))


def page_of(pages: list[list[Word]], text: str, start: int = 0) -> int:
    """The one page from ``start`` on that holds ``text``."""
    found = [n for n, words in enumerate(pages) if text in "".join(w.text for w in words)]
    found = [n for n in found if n >= start]
    assert len(found) == 1, (text, found)
    return found[0]


@needs_libreoffice
def test_no_row_splits_across_pages(printed: list[list[Word]]) -> None:
    """A row's first words (抽查N号点位), its last (资金N.5万元) and its deadline share a page."""
    annex = page_of(printed, "发现问题清单序号")  # the body cites the list by its title too
    for index in range(COUNT):
        first = page_of(printed, f"抽查{index + 1}号点位")
        assert page_of(printed, f"资金{index + 1}.5万元") == first, index
        assert page_of(printed, month_day(deadline(index)), annex) == first, index


@needs_libreoffice
def test_names_dates_and_amounts_are_never_broken(printed: list[list[Word]]) -> None:
    every_line = [line.replace(" ", "") for words in printed for line in lines(words)]
    tokens = [person(i) for i in range(COUNT)] + [month_day(deadline(i)) for i in range(COUNT)]
    tokens += [f"{i + 1}.5万元" for i in range(COUNT)]
    for token in tokens:
        assert any(token in line for line in every_line), token


@needs_libreoffice
def test_header_row_on_every_page_of_the_table(printed: list[list[Word]]) -> None:
    table_pages = [n for n, words in enumerate(printed) if any("点位" in w.text for w in words)]
    assert len(table_pages) >= 2
    for number in table_pages:
        words = printed[number]
        first_row = min(w.y0 for w in words if "点位" in w.text)
        headings = {w.text for w in words if w.y0 < first_row}
        assert {"序号", "具体问题", "整改时限"} <= headings, (number, headings)


@needs_libreoffice
def test_the_signature_page_holds_body_text(printed: list[list[Word]]) -> None:
    """With twenty problems the body ends at the foot of page 2: the last paragraph goes
    to page 3 with the 附件 line and the 落款 rather than leaving them alone there."""
    signed = page_of(printed, "附件：")
    texts = lines([w for w in printed[signed] if w.y1 <= TYPE_BOTTOM])
    annex = next(n for n, line in enumerate(texts) if line.startswith("附件："))
    assert annex >= 1 and texts[0].replace(" ", "").startswith("（五）"), texts


def test_rows_keep_together_and_widths_follow_the_content(repo: Path) -> None:
    write_many(repo, COUNT, LETTER)
    table = Document(str(rendered(repo))).tables[0]
    widths = [column.width for column in table.columns]
    assert sum(widths) == pytest.approx(156 * 36000, rel=0.001)
    serial, category, problem, unit, measures, due = widths
    assert problem == max(widths) and serial == min(widths)
    assert problem > 1.5 * max(category, unit, measures) and measures > serial
    # 2026年 over 11月16日: four characters wide (with its margins), not seven
    assert due < 23 * 36000 < measures
    for row in table.rows[1:]:
        assert row._tr.trPr.find(qn("w:cantSplit")) is not None
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_control_characters_never_reach_the_table(repo: Path) -> None:
    path = write_many(repo, 2, LETTER)
    text = path.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if "抽查1号点位" in line)
    value = line.split(": ", 1)[1].replace("抽查1号点位", "抽查\\x0b1\\a号\\x1b点位")
    path.write_text(text.replace(line, f'    description: "{value}"'), encoding="utf-8")
    document = Document(str(rendered(repo)))
    cells = "".join(cell.text for row in document.tables[0].rows for cell in row.cells)
    assert "抽查1号点位" in cells.replace(JOINER, "")
    assert not any(ch in cells for ch in "\x0b\x07\x1b")


@given(st.text(alphabet="年月日号元〔〕.,%0123456789欧阳桂芳（）：，。 ab"))
def test_joining_only_adds_joiners(text: str) -> None:
    assert joined(text).replace(JOINER, "") == text
    assert "".join(units(joined(text))) == joined(text)


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("截至2026年11月16日完成", "11月16日"),
        ("截至2026年11月16日完成", "2026年"),
        ("日期2026-11-16。", "2026-11-16。"),
        ("西岭村温某户：", "温某户："),
        ("青石村欧阳某户：", "欧阳某户："),
        ("文号：岚乡振〔2026〕3号", "岚乡振〔2026〕3号"),
        ("涉及资金12.5万元。", "12.5万元。"),
        ("整改率85.7%，", "85.7%，"),
    ],
)
def test_a_token_is_one_unbreakable_unit(text: str, whole: str) -> None:
    assert whole in [unit.replace(JOINER, "") for unit in units(joined(text))]


@given(
    st.lists(
        st.tuples(
            st.floats(10, 2000), st.floats(0, 3000), st.floats(0, 1e6, allow_subnormal=False)
        ),
        min_size=1,
        max_size=9,
    ),
    st.integers(2000, 12000),
)
def test_shared_widths_sum_to_the_table_and_respect_the_bounds(
    columns: list[tuple[float, float, float]], total: int
) -> None:
    least = [low for low, _, _ in columns]
    most = [low + extra for low, extra, _ in columns]
    amount = [text for _, _, text in columns]
    widths = _share(total, least, most, amount)
    assert sum(widths) == total
    if sum(least) <= total <= sum(most):
        assert all(w >= low - 1 for w, low in zip(widths, least, strict=True))
        assert all(w <= high + 1 for w, high in zip(widths, most, strict=True))


def test_width_in_ems() -> None:
    assert ems("2026年11月16日") == 7
    assert ems(JOINER.join("欧阳桂芳")) == 4
