"""The columnar roster reader against a plain row-by-row reading of the same rules.

The reference below walks the rows one by one as the rules are written (a row with a
wrong width, an empty required cell or a bad value is skipped; a repeated household id
keeps the first; a village keeps the class of its first row). The reader must give the
same households and the same problems, whether it reads the file in one part or two,
with its byte-level splitter or with the csv module (quotes, CR line ends).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from itertools import pairwise
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inspectcli.model.common import HOUSEHOLD_STATUS_ZH, VILLAGE_CLASS_ZH
from inspectcli.problems import Severity
from inspectcli.repo import rostertable
from inspectcli.repo.roster import SHOWN_EMPTY, Roster, read_csv
from inspectcli.repo.rostertable import WHITESPACE
from inspectcli.repo.yamlread import decode

HEADER = ["county", "town", "village", "village_class", "household_id", "head_name", "status"]
HEADER += ["members", "phone"]
CLASSES = {"poor": "poor", "ordinary": "ordinary", **VILLAGE_CLASS_ZH}
STATUSES = {s: s for s in ("not-exited", "pre-exited", "exited")} | HOUSEHOLD_STATUS_ZH

Row = list[str]


def reference(text: str) -> tuple[dict[str, tuple[str, ...]], list[tuple[int, int, str]]]:
    """Households by id (place, class, status, head, members, phone, line) and problems.

    Members are whole numbers in any script's digits (``isdecimal``)."""
    rows = csv.reader(io.StringIO(text))
    width = len(next(rows))
    households: dict[str, tuple[str, ...]] = {}
    seen: set[str] = set()
    classes: dict[tuple[str, ...], str] = {}
    problems: list[tuple[int, int, str]] = []
    for cells in rows:
        line = rows.line_num
        if not cells:
            continue
        if len(cells) != width:
            problems.append((line, 1, "csv-wrong-field-count"))
            continue
        values = [c.strip() for c in cells]
        empty = next((i for i in range(7) if not values[i]), None)
        if empty is not None:
            problems.append((line, empty + 1, "csv-empty-cell"))
            continue
        choices = ((3, CLASSES), (6, STATUSES))
        bad = [(i, "csv-bad-choice") for i, ok in choices if values[i] not in ok]
        if values[7] and not values[7].isdecimal():
            bad.append((7, "csv-bad-integer"))
        problems += [(line, i + 1, code) for i, code in bad]
        if bad:
            continue
        if values[4] in seen:
            problems.append((line, 5, "duplicate-household"))
            continue
        seen.add(values[4])  # the first row holds the id, even with a conflicting class
        village_class = CLASSES[values[3]]
        if classes.setdefault(tuple(values[:3]), village_class) != village_class:
            problems.append((line, 4, "village-class-conflict"))
            continue
        status = STATUSES[values[6]]
        place = (*values[:3], village_class, status)
        members = str(int(values[7])) if values[7] else ""
        households[values[4]] = (*place, values[5], members, values[8], str(line))
    return households, summed(problems)


def summed(problems: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A column's empty cells after the first SHOWN_EMPTY are one problem, at the next row
    (when they are two or more)."""
    total = Counter(column for _, column, code in problems if code == "csv-empty-cell")
    seen: Counter[int] = Counter()
    kept = []
    for line, column, code in problems:
        if code == "csv-empty-cell":
            seen[column] += 1
            if total[column] > SHOWN_EMPTY + 1 and seen[column] > SHOWN_EMPTY + 1:
                continue
        kept.append((line, column, code))
    return kept


def actual(text: str) -> tuple[dict[str, tuple[str, ...]], list[tuple[int, int, str]]]:
    roster, problems = read_csv("roster.csv", text.encode())
    assert roster is not None
    assert_grouped_by_village(roster)
    # the file read once gives what each row read from its own line gives
    assert list(roster.every_details()) == [h[5:9] for h in roster.households.values()]
    # each village's people, summed in one pass, are its households' members (1 if not given)
    people: dict[str, int] = {}
    for h in roster.households.values():
        key = f"{h.county}/{h.town}/{h.village}"
        people[key] = people.get(key, 0) + (h.members or 1)
    by_place = {"/".join(p[:3]): n for p, n in zip(roster.places, roster.people, strict=True)}
    assert by_place == {k: people.get(k, 0) for k in by_place}
    for row in range(len(roster.ids)):
        assert (roster.place(row)[:3], roster.status(row)) == (
            roster.household(row)[1:4],
            roster.household(row).status,
        )
    households = {}
    for h in roster.households.values():
        village_class = roster.villages[f"{h.county}/{h.town}/{h.village}"]
        members = "" if h.members is None else str(h.members)
        place = (h.county, h.town, h.village, village_class, h.status)
        households[h.id] = (*place, h.head, members, h.phone or "", str(h.line))
    return households, [(p.line, p.column, p.code) for p in problems]


def assert_grouped_by_village(roster: Roster) -> None:
    """Each village's households are one run of rows, in line order, and every row is in one."""
    assert roster.bounds[0] == 0 and roster.bounds[-1] == len(roster.ids)
    assert len(roster.bounds) == len(roster.places) + 1
    for place, (start, end) in zip(roster.places, pairwise(roster.bounds), strict=True):
        assert start < end
        lines = list(roster.lines[start:end])
        assert lines == sorted(lines)
        for row in range(start, end):
            household = roster.household(row)
            assert (household.county, household.town, household.village) == place[:3]


names = st.sampled_from(["甲", "乙", "A", " A", "A\u3000", "丙村"])
cells = st.one_of(
    st.sampled_from(["", " ", "x", "H1", "H2", " H3 ", "H4"]),
    st.text(alphabet="H12 \u3000甲", min_size=1, max_size=3),
)


@st.composite
def rows(draw: st.DrawFn) -> Row:
    row = [
        draw(names),
        draw(names),
        draw(names),
        draw(st.sampled_from([*CLASSES, "贫困", ""])),
        draw(cells),
        draw(st.sampled_from(["户主", "", " 户主 ", "户 主"])),
        draw(st.sampled_from([*STATUSES, "脱贫", " 预脱贫"])),
        draw(st.sampled_from(["", "3", "两", "０", "²"])),
        draw(st.sampled_from(["", "138", "1,38"])),
    ]
    return row[: draw(st.sampled_from([9, 9, 9, 9, 8, 2, 0]))]


def as_text(table: list[Row], quoted: bool, crlf: bool) -> str:
    out = io.StringIO()
    quoting = csv.QUOTE_ALL if quoted else csv.QUOTE_MINIMAL
    writer = csv.writer(out, quoting=quoting, lineterminator="\r\n" if crlf else "\n")
    writer.writerow(HEADER)
    for row in table:
        if not row:
            out.write("\r\n" if crlf else "\n")  # a blank line
        else:
            writer.writerow(row)
    return out.getvalue()


@settings(max_examples=150, deadline=None)
@given(st.lists(rows(), max_size=40), st.booleans(), st.booleans())
def test_reader_matches_a_row_by_row_reading(table: list[Row], quoted: bool, crlf: bool) -> None:
    text = as_text(table, quoted, crlf)
    expected = reference(text)
    assert actual(text) == expected


def test_late_problems_are_reported_at_their_lines() -> None:
    lines = ["county,town,village,village_class,household_id,head_name,status"]
    lines += [f"C,T,V{i % 7},贫困村,H{i},甲,预脱贫" for i in range(2000)]
    lines[1500] = "C,T,V1,面上村,H0,甲,预脱贫"  # a repeated id and a class conflict late on
    lines[1700] = "C,T,V2,面上村,H77777,甲,预脱贫"
    roster, problems = read_csv("r.csv", ("\n".join(lines) + "\n").encode())
    assert [(p.line, p.code) for p in problems] == [
        (1501, "duplicate-household"),
        (1701, "village-class-conflict"),
    ]
    assert roster is not None
    assert roster.households["H1999"].line == 2001
    assert_grouped_by_village(roster)


clean_rows = st.tuples(
    st.sampled_from(["甲", "乙", "A", " A", "A\u3000"]),
    st.sampled_from(["甲", "T"]),
    st.sampled_from(["丙村", "V", "V "]),
    st.sampled_from(["", "3", "０"]),
    st.sampled_from(["", "138"]),
)


@settings(max_examples=80, deadline=None)
@given(st.lists(clean_rows, max_size=60), st.booleans())
def test_whole_columns_give_what_the_rows_give(table: list[tuple[str, ...]], quoted: bool) -> None:
    """A file without problems is read from whole columns; the rows read one by one (as a
    file with a problem is) give the same roster, details and all, in the same order."""
    rows = []
    for n, (county, town, village, members, phone) in enumerate(table):
        village_class = "贫困村" if (county + town + village).strip() < "V" else "面上村"
        status = ["未脱贫", "预脱贫", "已脱贫"][n % 3]
        rows.append([county, town, village, village_class, f"H{n}", "户主", status, members, phone])
    text = as_text(rows, quoted, False)
    fast = actual(text)
    with patch.object(rostertable, "clean", lambda *_: None):
        assert actual(text) == fast
    assert fast == reference(text)


@pytest.mark.parametrize("where", [1, 150, 299])
def test_a_file_in_no_known_encoding_is_reported_where_decode_says(where: int) -> None:
    """A byte that is neither UTF-8 nor GB18030 is reported as for any file, with its line
    and column."""
    lines = ["county,town,village,village_class,household_id,head_name,status"]
    lines += [f"县,镇,村{i % 7},贫困村,H{i},户主,预脱贫" for i in range(300)]
    raw = bytearray(("\n".join(lines) + "\n").encode())
    bad_line = lines[where].encode()
    offset = raw.index(bad_line) + bad_line.index(b"H")
    raw[offset : offset + 1] = b"\xff"
    expected = decode("r.csv", bytes(raw))[1]
    roster, problems = read_csv("r.csv", bytes(raw))
    assert roster is None
    assert [(p.line, p.column, p.code) for p in problems] == [(where + 1, 12, "not-utf8")]
    assert problems == expected


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_a_file_in_gbk_is_read_with_a_note_naming_it(encoding: str) -> None:
    """What Excel and WPS save as "CSV" on Chinese Windows: read as the UTF-8 file would be."""
    lines = ["户编号,县,乡镇,村,村类别,户主姓名,脱贫状态"]
    lines += [f"H{i},县,镇,村{i % 7},贫困村,户主{i},预脱贫" for i in range(300)]
    lines[120] = "H5,县,镇,村1,贫困村,户主,预脱贫"  # a problem, at the same place in both
    text = "\n".join(lines) + "\n"
    roster, problems = read_csv("r.csv", text.encode(encoding))
    utf8, utf8_problems = read_csv("r.csv", text.encode())
    assert roster is not None and utf8 is not None
    assert [(p.line, p.column, p.code) for p in problems] == [(1, 1, "csv-encoding")] + [
        (p.line, p.column, p.code) for p in utf8_problems
    ]
    assert problems[0].severity == Severity.INFO and "GB18030" in problems[0].message
    assert list(roster.households.values()) == list(utf8.households.values())


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_large_file_in_utf16_without_bom_is_named_as_such(encoding: str) -> None:
    """Not "a binary file" for its NULs: the advice to save it as UTF-8 (Notepad's
    "Unicode" without a mark)."""
    lines = ["county,town,village,village_class,household_id,head_name,status"]
    lines += [f"县,镇,村{i % 7},贫困村,H{i},户主,预脱贫" for i in range(300)]
    raw = ("\n".join(lines) + "\n").encode(encoding)
    roster, problems = read_csv("r.csv", raw)
    assert roster is None
    assert [(p.line, p.column, p.code) for p in problems] == [(1, 1, "not-utf8")]
    assert "UTF-16" in problems[0].message


def test_excels_byte_order_mark_is_read_past() -> None:
    """Excel's "CSV UTF-8" starts the file with a BOM; the roster reads as without it."""
    lines = ["户编号,县,乡镇,村,村类别,户主姓名,脱贫状态,人口"]
    lines += [f"H{i},县,镇,村{i % 7},贫困村,户主{i},预脱贫,{i % 5 + 1}" for i in range(300)]
    raw = ("\n".join(lines) + "\n").encode()
    plain, plain_problems = read_csv("r.csv", raw)
    marked, marked_problems = read_csv("r.csv", b"\xef\xbb\xbf" + raw)
    assert plain is not None and marked is not None
    assert marked_problems == plain_problems == []
    assert list(marked.households.values()) == list(plain.households.values())
    assert marked.households["H0"].id == "H0"  # the first column's name is not `\ufeff户编号`


def test_the_blanks_matched_on_whole_columns_are_those_str_strip_removes() -> None:
    assert "".join(chr(c) for c in range(0x110000) if chr(c).isspace()) == WHITESPACE
