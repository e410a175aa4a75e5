"""Tables that print well: the problem list (附件) of the letter, the figures of the report
and the bulletin.

A template's table has fixed widths; what it will hold is known only once rendered. So:

* dates, document numbers, amounts and people's names are joined by WORD JOINER (U+2060,
  "no break here" for Word and LibreOffice alike), so that none breaks inside itself; a
  date may break once, after its year (2026年 over 11月16日), so that the 整改时限 column
  is four characters wide rather than seven;
* the columns get widths from their content: each at least its longest unbreakable token
  (a date, a heading), running text at least five characters a line, and the rest shared
  by how much text each column holds, so that 具体问题 and 整改要求 are wide and 序号
  narrow;
* a row never splits across pages (``cantSplit``) unless it is taller than a page, where
  it must; the header row repeats on every page (``tblHeader``).

Only tables with a repeated header row are fitted: a template's other tables (the 版记)
keep the layout their author gave them."""

from __future__ import annotations

import math
import re
from copy import deepcopy
from typing import Any

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Pt
from docx.table import Table

from inspectcli.render.ooxml import in_schema_order

JOINER = "\u2060"
# Surnames of two characters, so that a masked head (欧阳某, context.mask_name) keeps both.
COMPOUND_SURNAMES = frozenset(
    (
        "欧阳",
        "司马",
        "诸葛",
        "上官",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "长孙",
        "宇文",
        "司徒",
        "夏侯",
        "令狐",
        "端木",
        "独孤",
        "南宫",
        "西门",
    )
)
# What must not break: a date (2026-11-16; 2026年11月16日 only after its year, so that a
# date column 2026年/11月16日 wide is enough and the width goes to the text), a document
# number (青乡振〔2026〕41号), an amount (1.5万元) or a household by its masked head (温某户,
# 欧阳某户, never 村温某户: context.mask_name); a percentage (85.7%) never breaks anyway.
TOKEN = re.compile(
    r"\d{4}年|\d{1,2}月(?:\d{1,2}日)?|\d{4}-\d{1,2}-\d{1,2}"
    r"|[\u4e00-\u9fff]{0,10}〔\d{4}〕\d+号"
    r"|\d[\d,.]*(?:万|亿)?元"
    rf"|(?:{'|'.join(sorted(COMPOUND_SURNAMES))}|[\u4e00-\u9fff])某户"
)
# A joined token, kept whole when a text is cut into runs.
JOINED = re.compile(f"((?:.{JOINER})+.)")
# A person's name: two to six Chinese characters, alone or before a title in brackets.
NAME = re.compile(r"^([\u4e00-\u9fff·]{2,6})(?:$|[（(])")
# A line may not start with closing punctuation nor end with opening punctuation
# (GB/T 15834 and both word processors' kinsoku rules): they travel with their neighbour.
CLOSING = "。，、；：？！”’）》〕】%"
OPENING = "“‘（《〔【"
DEFAULT_MARGIN = 108  # twips: Word's default left and right cell margin
TABLE_PT = 12.0
LINE_HEIGHT = 1.4  # a line of CJK text, in ems, as both word processors lay it out
PAGE_HEIGHT_PT = 225 / 25.4 * 72  # the type area's height, 225 mm
SLACK_EMS = 0.25  # fonts differ between machines: room for a wider substitute
# The narrowest line a column of running text is given: four characters a line read badly.
READABLE_EMS = 5.0


def unbreakable(text: str) -> str:
    """A person as written (钟桂芳, 莫建华（镇长）) with the name made unbreakable; only a
    short Chinese name is joined (a number must stay visible to the redactor, which never
    sees the joiners)."""
    match = NAME.match(text)
    return JOINER.join(match.group(1)) + text[match.end(1) :] if match else text


def joined(text: str) -> str:
    """``text`` with its dates, document numbers and amounts made unbreakable, and closing
    punctuation after any joined token joined to it: LibreOffice moves the character before
    a closing mark to the next line with it, joiner or not (欧阳桂/芳）)."""
    text = TOKEN.sub(lambda match: JOINER.join(match.group()), text)
    return re.sub(f"(?<={JOINER}.)(?=[{CLOSING}])", JOINER, text)


def ems(text: str) -> float:
    """Width in ems: CJK and full-width 1, ASCII (digits in Times New Roman) 0.5."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in text if ch != JOINER)


def units(text: str) -> list[str]:
    """The pieces a line may break between: a joined token, an ASCII word, one character;
    closing punctuation kept with the piece before, opening with the piece after."""
    pieces = re.findall(rf"(?:.{JOINER})+.|[!-~]+|.", text)
    merged: list[str] = []
    for piece in pieces:
        if merged and (piece[0] in CLOSING or merged[-1][-1] in OPENING):
            merged[-1] += piece
        else:
            merged.append(piece)
    return merged


def fit_tables(document: Document) -> None:
    for table in document.tables:
        rows = table._tbl.tr_lst
        if not rows or rows[0].trPr is None or rows[0].trPr.find(qn("w:tblHeader")) is None:
            continue
        _join_tokens(table)
        widths = _fit_widths(table)
        if widths:
            _keep_rows(table, widths)


def _join_tokens(table: Table) -> None:
    """Join the tokens of every run and give each joined token a run of its own, marked as
    Latin-language text: LibreOffice's line breaking for Chinese (its break iterator of
    the CJK languages) ignores the joiner, its general one does not."""
    for run in list(table._tbl.iter(qn("w:r"))):
        texts = run.findall(qn("w:t"))
        if len(texts) != 1 or not texts[0].text or len(run) > 2:
            continue  # a run with a tab, a break or a field is left as it is
        pieces = [piece for piece in JOINED.split(joined(texts[0].text)) if piece]
        if len(pieces) == 1 and JOINER not in pieces[0]:
            continue
        for piece in pieces:
            copy = deepcopy(run)
            copy.find(qn("w:t")).text = piece
            if JOINER in piece:
                lang = OxmlElement("w:lang")
                lang.set(qn("w:eastAsia"), "en-US")
                copy.get_or_add_rPr().append(lang)
                in_schema_order(copy)
            run.addprevious(copy)
        run.getparent().remove(run)


def _cell_size(cell: Any) -> float:
    for paragraph in cell.paragraphs:
        for run in paragraph.runs:
            if run.font.size is not None:
                return float(run.font.size.pt)
        style = paragraph.style
        if style is not None and style.font.size is not None:
            return float(style.font.size.pt)
    return TABLE_PT


def _margins(table: Table) -> int:
    """The left and right cell margins together, in twips."""
    margins = table._tbl.tblPr.find(qn("w:tblCellMar"))
    total = 0
    for side in ("left", "right"):
        edge = margins.find(qn(f"w:{side}")) if margins is not None else None
        total += int(edge.get(qn("w:w"))) if edge is not None else DEFAULT_MARGIN
    return total


def _grid(table: Table) -> list[int]:
    return [int(col.get(qn("w:w")) or 0) for col in table._tbl.tblGrid.gridCol_lst]


def _fit_widths(table: Table) -> list[int] | None:
    """Set and return the column widths (twips) the content asks for; None when the table
    is not a plain grid (merged cells), which keeps its own widths."""
    grid = _grid(table)
    count = len(grid)
    if count == 0 or any(len(row.cells) != count for row in table.rows):
        return None
    pad = _margins(table)
    least, most, amount = [float(pad)] * count, [float(pad)] * count, [0.0] * count
    for index, row in enumerate(table.rows):
        for column, cell in enumerate(row.cells):
            em = _cell_size(cell) * 20  # twips
            lines = cell.text.split("\n")
            if index == 0:  # a heading on one line: 整改要/求 reads badly
                narrow = ems(cell.text)
            else:
                narrow = max((ems(piece) for line in lines for piece in units(line)), default=0)
            wide = max(ems(line) for line in lines)
            if index and wide > 2 * READABLE_EMS:  # running text, not a date or a name
                narrow = max(narrow, READABLE_EMS)
            least[column] = max(least[column], (narrow + SLACK_EMS) * em + pad)
            most[column] = max(most[column], (wide + SLACK_EMS) * em + pad)
            amount[column] += ems(cell.text) * em
    widths = _share(sum(grid), least, most, amount)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Emu(width * 635)
        for cell in column.cells:
            cell.width = Emu(width * 635)
    return widths


def _share(total: int, least: list[float], most: list[float], amount: list[float]) -> list[int]:
    """Widths summing to ``total``, each between its column's ``least`` and ``most``: the
    room shared by the text each column holds (a row's columns then end at about the same
    line), the columns that reach a bound fixed there and the rest shared again among the
    others."""
    widths: dict[int, float] = {}
    free = set(range(len(least)))
    while free:
        room = total - sum(widths.values())
        weight = {column: amount[column] + 1e-9 for column in free}
        share = {column: room * weight[column] / sum(weight.values()) for column in free}
        low = {c for c in free if share[c] < least[c]}
        high = {c for c in free if share[c] > most[c]} if not low else set()
        if not low and not high:
            widths.update(share)
            break
        for column in low:
            widths[column] = least[column]
        for column in high:
            widths[column] = most[column]
        free -= low | high
    if not free:  # all at a bound: what is left over goes where there is room
        widths = _settle(total, widths, least, most)
    # whole twips by the largest remainders, so that no column passes its bound by rounding
    exact = [widths[column] for column in range(len(least))]
    rounded = [math.floor(width) for width in exact]
    by_remainder = sorted(range(len(exact)), key=lambda c: rounded[c] - exact[c])
    for column in by_remainder[: total - sum(rounded)]:
        rounded[column] += 1
    return rounded


def _settle(
    total: int, widths: dict[int, float], least: list[float], most: list[float]
) -> dict[int, float]:
    """``widths`` made to sum to ``total``: the difference shared by the room each column
    has towards its bound, else (nothing fits, or everything is short) by scaling."""
    difference = total - sum(widths.values())
    bound = most if difference > 0 else least
    room = {column: abs(bound[column] - width) for column, width in widths.items()}
    if sum(room.values()) >= abs(difference) > 0:
        share = difference / sum(room.values())
        return {column: width + room[column] * share for column, width in widths.items()}
    scale = total / sum(widths.values())
    return {column: width * scale for column, width in widths.items()}


def _keep_rows(table: Table, widths: list[int]) -> None:
    """``cantSplit`` on every row that fits on a page; taller rows must break."""
    pad = _margins(table)
    for row in table.rows:
        height = 0.0
        for cell, width in zip(row.cells, widths, strict=True):
            size = _cell_size(cell)
            per_line = max((width - pad) / (size * 20), 1.0)
            lines = sum(max(1, math.ceil(ems(line) / per_line)) for line in cell.text.split("\n"))
            height = max(height, lines * size * LINE_HEIGHT)
        properties = row._tr.get_or_add_trPr()
        fits = height < PAGE_HEIGHT_PT - 2 * Pt(TABLE_PT).pt * LINE_HEIGHT  # header and all
        if fits and properties.find(qn("w:cantSplit")) is None:
            properties.append(OxmlElement("w:cantSplit"))
        in_schema_order(properties)
