"""Lines of the terminal break where English and Chinese allow: never in a year, a word,
a short bracketed group or after an opening bracket."""

from __future__ import annotations

import re

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.text import Text

from inspectcli.output.linebreak import CLOSING, OPENING, breaks, pieces, wrap


def lines(text: str, width: int, term: bool = False) -> list[str]:
    return wrap(text, width, term).plain.split("\n")


def test_a_year_and_a_chinese_date_stay_whole() -> None:
    source = "中共自贡市大安区委办公室（2016年6月17日印发）"
    assert lines(source, 28) == ["中共自贡市大安区委办公室", "（2016年6月17日印发）"]
    assert all("2016年" in line or "20" not in line for line in lines(source, 12))


def test_a_short_value_is_one_term_and_brackets_stay_with_their_text() -> None:
    assert lines("县（区）", 8, term=True) == ["县（区）"]
    assert lines("县（区）", 6, term=True) == ["县", "（区）"]  # never 县（区 / ）
    assert lines("梁振宇（镇长）", 12, term=True) == ["梁振宇", "（镇长）"]
    assert lines("依据第三十九条（五）", 10) == ["依据", "第三十九条", "（五）"]


def test_a_number_stays_with_what_it_counts_and_a_group_with_its_word() -> None:
    summary = "48 deadline(s): 10 overdue, 11 upcoming, 22 done (0 late), 1 extension(s)"
    assert lines(summary, 50) == [
        "48 deadline(s): 10 overdue, 11 upcoming,",
        "22 done (0 late), 1 extension(s)",
    ]
    sampling = "抽样要求：乡镇 1 个，贫困村 1 个"
    assert lines(sampling, 18) == ["抽样要求：", "乡镇 1 个，", "贫困村 1 个"]
    assert lines(sampling, 18, term=True) == ["抽样要求：乡镇", "1 个，贫困村 1 个"]
    assert lines("时限共 48 项：已完成 22（其中逾期完成 0）", 36) == [
        "时限共 48 项：",
        "已完成 22（其中逾期完成 0）",
    ]


def test_styles_survive_the_breaks() -> None:
    text = Text("2026-10-19 ")
    text.append("已完成，于 2026-09-18", style="green")
    broken = wrap(text, 12)
    assert broken.plain == "2026-10-19\n已完成，于\n2026-09-18"
    green = {broken.plain[span.start : span.end] for span in broken.spans if span.style == "green"}
    assert green == {"已完成，于", "2026-09-18"}


CJK = st.sampled_from("督查整改县区镇村问题户")
ASCII = st.from_regex(r"[a-z0-9][a-z0-9\-]{0,9}", fullmatch=True)
MARK = st.sampled_from(["，", "、", "：", "（", "）", " ", "(", ")", "2026年", "3 户"])
LINE = st.lists(st.one_of(CJK, ASCII, MARK), max_size=40).map("".join)


@given(line=LINE, width=st.integers(2, 40), term=st.booleans())
@settings(max_examples=300, deadline=None)
def test_every_line_fits_and_nothing_is_lost(line: str, width: int, term: bool) -> None:
    broken = lines(line, width, term)
    assert all(cell_len(part.rstrip()) <= max(width, 2) for part in broken)
    assert re.sub(r"\s", "", "".join(broken)) == re.sub(r"\s", "", line)
    assert all(at > 0 for at in breaks(line, width, term))


@given(line=LINE, width=st.integers(2, 40))
@settings(max_examples=300, deadline=None)
def test_when_the_widest_piece_fits_nothing_is_broken_inside(line: str, width: int) -> None:
    """A line as wide as its widest piece breaks only between pieces: no line starts with
    closing punctuation or ends with an opening one, and no ASCII word is cut."""
    if max(map(cell_len, pieces(line)), default=0) > width:
        return
    broken = [part for part in lines(line, width) if part]
    assert not any(part[0] in CLOSING for part in broken[1:])
    assert not any(part.rstrip()[-1] in OPENING for part in broken[:-1])
    words = set(re.findall(r"[!-~]+", line))
    assert set(re.findall(r"[!-~]+", "\n".join(broken))) <= words


def test_a_long_id_breaks_only_after_its_hyphens() -> None:
    """new-plan's plan ids give finding ids of 30 cells: 第一督查组 folded as 第 / 一督查组."""
    finding = "2026-11-09-第一督查组-石岭县-01"
    assert pieces(finding, term=True) == ("2026-11-09-", "第一督查组-", "石岭县-", "01")
    assert lines(finding, 20, term=True) == ["2026-11-09-", "第一督查组-石岭县-01"]
    assert lines(finding, 12, term=True) == ["2026-11-09-", "第一督查组-", "石岭县-01"]


PART = st.text(alphabet="第一二督查组石岭县梅川", min_size=1, max_size=5)


@given(
    parts=st.lists(st.one_of(PART, st.from_regex(r"[0-9A-Z]{1,4}", fullmatch=True)), max_size=5),
    width=st.integers(11, 40),
)
@settings(max_examples=200)
def test_an_id_with_chinese_parts_breaks_at_a_hyphen_or_not_at_all(
    parts: list[str], width: int
) -> None:
    finding = "-".join(["2026-11-09", "第一督查组", *parts])
    assume(max(map(cell_len, pieces(finding, term=True))) <= width)  # else it must fold
    for line in lines(finding, width, term=True)[:-1]:
        assert line.endswith("-"), (finding, width)
