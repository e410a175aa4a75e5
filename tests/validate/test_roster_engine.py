"""The roster's columnar engine: its shortcuts give what the whole-column rules give.

Each regular expression of the reader runs only on the rows a cheap test of the whole
column does not settle (an id of ASCII letters and digits has no blank; a number of ASCII
digits alone is in no scientific notation). Here the shortcuts are checked against the
expressions run on every row, the way the reader ran them before.
"""

from __future__ import annotations

from pathlib import Path
from unittest.mock import patch

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inspectcli.repo import rostertable
from inspectcli.repo.fileread import ROSTER_LIMIT, read_file
from inspectcli.repo.roster import read_csv
from inspectcli.repo.rostertable import (
    BLANK,
    BLANK_OR_PADDED,
    CUT_ID_NUMBER,
    CUT_SHARE,
    DIGITS,
    MIN_ID_WIDTH,
    SCIENTIFIC,
    Damage,
    excel_damage,
    matches,
)

HEADER = "county,town,village,village_class,household_id,head_name,status"

# What Excel leaves in an id column, and what offices type: digits (ASCII and full-width),
# letters, the marks of scientific notation, blanks of both kinds, Chinese.
id_cells = st.one_of(
    st.text(alphabet="0123456789Xx", min_size=0, max_size=20),
    st.sampled_from(["4.41621E+15", "4E15", " 12 ", "\u3000H1", "H1 ", "", " ", "４４"]),
    st.sampled_from(["440101194407070000", "440101194407073247", "44010119440707324X"]),
    st.text(alphabet="0123456789eE+.H \u3000甲", min_size=0, max_size=8),
)
columns = st.lists(id_cells, min_size=1, max_size=40)


def chunked(cells: list[str]) -> pa.ChunkedArray[pa.StringScalar]:
    """Two chunks, as the engine's threads cut a file."""
    half = len(cells) // 2
    return pa.chunked_array([pa.array(cells[:half], pa.string()), pa.array(cells[half:])])


def everywhere(column: pa.ChunkedArray[pa.StringScalar], pattern: str) -> list[bool]:
    return [bool(v) for v in pc.match_substring_regex(column, pattern).to_pylist()]


def _found(code: str, found: list[bool], width: int = 0) -> Damage | None:
    return Damage(code, found.index(True), sum(found), width) if any(found) else None


def reference(ids: list[str], numbers: list[str]) -> tuple[Damage | None, Damage | None]:
    """Excel's damage as the reader found it before: each expression on every row."""
    id_column, number_column = chunked(ids), chunked(numbers)
    scientific = _found("excel-scientific-notation", everywhere(id_column, SCIENTIFIC))
    in_ids = scientific or _zeros(ids, everywhere(id_column, DIGITS))
    in_numbers = _found("excel-digits-lost", everywhere(number_column, CUT_ID_NUMBER))
    given = len(numbers) - sum(everywhere(number_column, BLANK))
    if in_numbers is not None and (in_numbers.rows < 2 or in_numbers.rows * CUT_SHARE < given):
        in_numbers = None
    numbers_scientific = everywhere(number_column, SCIENTIFIC)
    return in_ids, _found("excel-scientific-notation", numbers_scientific) or in_numbers


def _zeros(ids: list[str], digits: list[bool]) -> Damage | None:
    widths = pc.utf8_length(pc.utf8_trim_whitespace(pa.array(ids, pa.string()))).to_pylist()
    if not any(digits):
        return None
    usual_widths = [w for w, d in zip(widths, digits, strict=True) if d]
    common = pc.mode(pa.array(usual_widths)).field("mode")[0].as_py()
    if common < MIN_ID_WIDTH or widths.count(common) * 2 < len(ids):
        return None
    short = [d and w < common for w, d in zip(widths, digits, strict=True)]
    return _found("excel-leading-zeros", short, common)


@settings(max_examples=200, deadline=None)
@given(columns, columns)
def test_excels_damage_is_found_as_on_every_row(ids: list[str], numbers: list[str]) -> None:
    assert excel_damage(chunked(ids), chunked(numbers)) == reference(ids, numbers)


@settings(max_examples=200, deadline=None)
@given(columns)
def test_blank_or_padded_ids_are_found_as_on_every_row(ids: list[str]) -> None:
    column = chunked(ids)
    found = matches(column, BLANK_OR_PADDED, pc.ascii_is_alnum(column), pa.repeat(False, len(ids)))
    assert [bool(v) for v in found.to_pylist()] == everywhere(column, BLANK_OR_PADDED)


def test_the_columns_a_roster_does_not_use_are_not_read() -> None:
    """An export's other columns are warned of once, and never converted."""
    lines = [HEADER + ",备注,members,phone"]
    row = "县,镇,村{v},贫困村,H{i},户主{i},预脱贫,note {i},{m},138"
    lines += [row.format(v=i % 3, i=i, m=i % 4 + 1) for i in range(50)]
    raw = ("\n".join(lines) + "\n").encode()
    table = rostertable.read_regular(raw, lambda header: {0: True, 4: False})
    assert sorted(table.columns) == [0, 4] and table.rows == 50
    assert table.cells(3) == ["县", "", "", "", "H1", "", "", "", "", ""]
    roster, problems = read_csv("r.csv", raw)
    assert [(p.line, p.column, p.code) for p in problems] == [(1, 8, "csv-unknown-column")]
    assert roster is not None
    assert roster.households["H7"][5:9] == ("户主7", 4, None, "138")


def test_a_header_cell_with_a_line_break_is_read_by_the_csv_module() -> None:
    raw = f'{HEADER},"members\n(人)"\n县,镇,村,贫困村,H1,户主,预脱贫,3\n'.encode()
    roster, problems = read_csv("r.csv", raw)
    assert [(p.line, p.column, p.code) for p in problems] == [(1, 8, "csv-unknown-column")]
    assert roster is not None and roster.households["H1"].line == 3


def test_a_header_alone_is_a_roster_of_no_household() -> None:
    for raw in (HEADER.encode(), f"{HEADER}\n".encode(), f"{HEADER}\r\n\r\n".encode()):
        roster, problems = read_csv("r.csv", raw)
        assert problems == [] and roster is not None and not roster.ids


def test_a_large_file_is_read_whole(tmp_path: Path) -> None:
    """Read in one piece (no second copy to join), to the last byte."""
    path = tmp_path / "roster.csv"
    data = bytes(range(256)) * (3 * 2**20 // 256) + b"end"
    path.write_bytes(data)
    assert read_file(path, "roster.csv", limit=ROSTER_LIMIT) == data


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 2)), max_size=50), st.booleans())
def test_a_roster_sorted_by_place_reads_as_any_other(
    places: list[tuple[int, int]], ordered: bool
) -> None:
    """Rows already grouped by village are taken as they are; the roster is the one the
    row-by-row reading gives, households, lines and villages in the same order."""
    if ordered:
        places = sorted(places)
    lines = [HEADER]
    for n, (town, village) in enumerate(places):
        village_class = "贫困村" if village else "面上村"
        lines.append(f"县,镇{town},村{village},{village_class},H{n},户主,已脱贫")
    raw = ("\n".join(lines) + "\n").encode()
    fast, fast_problems = read_csv("r.csv", raw)
    with patch.object(rostertable, "clean", lambda *_: None):
        rows, row_problems = read_csv("r.csv", raw)
    assert fast is not None and rows is not None and fast_problems == row_problems == []
    assert (fast.places, fast.ids, fast.statuses) == (rows.places, rows.ids, rows.statuses)
    assert (list(fast.bounds), list(fast.lines)) == (list(rows.bounds), list(rows.lines))


def _roster_with_duplicate(duplicated: bool) -> bytes:
    lines = [HEADER]
    for n in range(40):
        household = 7 if duplicated and n == 30 else n
        lines.append(f"县,镇{n % 2},村{n % 5},贫困村,H{household:04d},户主{n},已脱贫")
    return ("\n".join(lines) + "\n").encode()


def test_the_check_beside_the_others_gives_what_the_one_in_line_gives() -> None:
    """Ids checked in a second thread (a large file) or in line (a small one): the same
    roster, the same problems."""
    for duplicated in (False, True):
        raw = _roster_with_duplicate(duplicated)
        in_line = read_csv("r.csv", raw)
        with patch.object(rostertable, "THREADED_FROM", 0):
            beside = read_csv("r.csv", raw)
        assert [str(p) for p in beside[1]] == [str(p) for p in in_line[1]]
        assert (beside[0] is None) == (in_line[0] is None)
        if beside[0] is not None and in_line[0] is not None:
            assert beside[0].ids == in_line[0].ids and beside[0].places == in_line[0].places
    assert [p.code for p in read_csv("r.csv", _roster_with_duplicate(True))[1]] == [
        "duplicate-household"
    ]


def test_ids_are_made_only_when_asked_for() -> None:
    """Reading and validating makes no Python object per household id; the first use does,
    once, in the rows' order (grouped by village)."""
    roster, problems = read_csv("r.csv", _roster_with_duplicate(False))
    assert roster is not None and problems == []
    assert isinstance(roster.id_column, rostertable.GroupedIds)
    assert roster.household_count == 40 and len(roster.households) == 40
    ids = roster.ids
    assert roster.id_column is ids and roster.ids is ids
    assert sorted(ids) == [f"H{n:04d}".encode() for n in range(40)]
    assert ids[: roster.bounds[1]] == [b"H0000", b"H0010", b"H0020", b"H0030"]


def test_blank_lines_at_the_end_are_read_by_the_engine_and_others_by_the_csv_module() -> None:
    """Blank lines at the end cost nothing; one between rows (or a line break in a quoted
    cell) moves the lines from the rows, so the csv module, which counts them, reads it."""
    row = "县,镇,村,贫困村,H{n},户主,已脱贫"
    rows = [row.format(n=n) for n in range(3)]
    wanted = lambda header: {4: False}  # noqa: E731
    for end in ("\n", "\n\n\r\n", ""):
        table = rostertable.read_regular(("\n".join([HEADER, *rows]) + end).encode(), wanted)
        assert table.rows == 3 and table.cells(4)[4] == "H2"
    quoted = row.replace("户主", '"户\n主"').format(n=3)
    for irregular in ([*rows[:2], "", rows[2]], [*rows, quoted], [*rows, '"H9"']):
        raw = ("\n".join([HEADER, *irregular]) + "\n").encode()
        with pytest.raises(rostertable.NotRegular):
            rostertable.read_regular(raw, wanted)
        roster, _ = read_csv("r.csv", raw)
        assert roster is not None
        assert roster.households["H2"].line == irregular.index(rows[2]) + 2
