"""A roster file as a table of text cells: CSV through pyarrow's reader, chosen by
measurement (benchmarks/bench_roster_engine.py: on a million households it read fastest
of pyarrow, polars and DuckDB on the least loaded run, and as fast as polars on loaded
ones), in threads, so no process is forked or spawned; its compute functions check whole
columns, the longest check (are the household ids distinct?) in a second thread beside
the others, as they let go of the interpreter's lock.

A CSV file whose every record is one line, all as wide as the header, comes back as
columns with the data row ``i`` on line ``i + 2``; any other file (blank lines, rows of
another width, line breaks inside quotes, lone CR line ends) is read record by record by
the csv module, which says the line of each (what the reader's problems cite).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from itertools import accumulate
from typing import IO, Any, Literal, NamedTuple, TypeAlias, TypeVar, cast

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

# The C library's allocator gives a large buffer back to the system when it is freed, so
# the peak follows the data alive (a million households: 400 MB at most, against 470 MB
# with the engine's default allocator, which keeps what the parse freed; and less CPU).
pa.set_memory_pool(pa.system_memory_pool())
# Columns come in chunks, where the engine's threads cut the file (never joined: a copy).
Column: TypeAlias = "pa.ChunkedArray[Any] | pa.Array[Any]"
# A column of few distinct values (places, classes, statuses) is read as indices into
# them: less memory than a string per row, and its distinct values come with it.
DICTIONARY = pa.dictionary(pa.int32(), pa.string())
# Which columns to read, by their index in the header: True for a column of few distinct
# values (read as a dictionary), False for one of strings; the others are not read.
Wanted = Mapping[int, bool]


class Table:
    """The header's cells and the columns read under it (row ``i`` on line ``i + 2``)."""

    def __init__(
        self, header: list[str], columns: dict[int, Column], rows: int, threaded: bool = False
    ) -> None:
        self.header = header
        self.columns = columns
        self.rows = rows
        self.threaded = threaded  # large enough for the engine's threads (THREADED_FROM)

    def cells(self, line: int) -> list[str]:
        """Every cell of one line, as the csv module would give them ("" in a column not read)."""
        return [self._cell(i, line) for i in range(len(self.header))]

    def _cell(self, index: int, line: int) -> str:
        column = self.columns.get(index)
        return "" if column is None else str(column[line - 2].as_py())

    def every(self, lines: Iterable[int]) -> Iterator[list[str]]:
        """The cells of each of ``lines``; each column turned into Python values once."""
        blank = [""] * self.rows
        values = [self._values(i, blank) for i in range(len(self.header))]
        return ([str(v[line - 2]) for v in values] for line in lines)

    def _values(self, index: int, blank: list[str]) -> list[Any]:
        column = self.columns.get(index)
        return blank if column is None else column.to_pylist()

    def bytes_column(self, index: int) -> list[bytes]:
        return cast(list[bytes], self.columns[index].cast(pa.binary()).to_pylist())


# Below this size a roster is read in the calling thread: threads gain nothing on it, and
# no thread pool is started (one that starts, then meets a low address-space limit, can
# abort the process as it exits).
THREADED_FROM = 8 * 2**20


Result = TypeVar("Result")


@contextmanager
def alongside(work: Callable[[], Result], threaded: bool) -> Iterator[Callable[[], Result]]:
    """``work`` begun in a second thread, and what gives its result: the engine's compute
    functions let go of the interpreter's lock, so two columns' checks use both cores.
    Unless ``threaded``: then ``work`` is done when its result is asked for."""
    if not threaded:
        yield work
        return
    with ThreadPoolExecutor(max_workers=1) as pool:
        yield pool.submit(work).result


class NotRegular(ValueError):
    """The file is not one line per record, all as wide as the header."""


def read_regular(raw: bytes, wanted: Callable[[list[str]], Wanted]) -> Table:
    """The header and the columns ``wanted`` of it; NotRegular when the csv module must
    read the file, and UnicodeDecodeError when a cell is not UTF-8.

    The header (the first line) is read on its own, so that only the columns a roster
    uses are converted, those of few values as dictionaries."""
    if b"\r" in raw and raw.count(b"\r") != raw.count(b"\r\n"):
        raise NotRegular("lone CR")
    newline = raw.find(b"\n")
    first = raw + b"\n" if newline < 0 else raw[: newline + 1]  # the engine wants its end
    if first.count(b'"') % 2:  # a quoted cell of the header goes on past its line
        raise NotRegular("line break in the header")
    header = [str(column[0].as_py()) for column in _parsed(pa.py_buffer(first), {}, None).columns]
    kinds = dict(wanted(header)) or {0: False}  # one column at least: it counts the rows
    end = len(raw)
    while end > newline + 1 and raw[end - 1] in b"\r\n":  # blank lines at the end
        end -= 1
    body = (newline + 1, end - newline - 1) if newline >= 0 else (0, 0)
    data = pa.py_buffer(raw).slice(*body)
    table = _parsed(data, kinds, len(header))
    # Each line is one data row (a blank line too, of empty cells), unless a quoted cell
    # holds a line break: lines are counted only where quotes are, as counting a million
    # takes as long as a fifth of the parse.
    quoted = newline >= 0 and raw.find(b'"', newline + 1, end) >= 0
    if quoted and table.num_rows != raw.count(b"\n", 0, end):
        raise NotRegular("line breaks in cells")
    if _has_empty(table.column(f"f{min(kinds)}")):
        raise NotRegular("a blank line (which the csv module skips) or an empty cell")
    columns: dict[int, Column] = {i: table.column(f"f{i}") for i in kinds}
    # What the parse freed, given back to the system before the checks allocate theirs
    # (the allocator would keep it: 80 MB of a million households' peak).
    pa.default_memory_pool().release_unused()
    return Table(header, columns, table.num_rows, data.size >= THREADED_FROM)


def _has_empty(column: Column) -> bool:
    """Whether some row's cell is empty (read from the values, or the dictionary's)."""
    for chunk in _chunks(column):
        values = chunk.dictionary if isinstance(chunk, pa.DictionaryArray) else chunk
        if len(values) and pc.min(pc.binary_length(cast("pa.StringArray", values))).as_py() == 0:
            return True
    return False


def _parsed(data: pa.Buffer, kinds: Wanted, width: int | None) -> pa.Table:
    """``data`` read by the engine: the header as the one row of a column per cell
    (``width`` None), or the data rows, the columns ``kinds`` of the ``width`` there are."""
    odd: list[int] = []

    def irregular(row: pacsv.InvalidRow) -> Literal["skip"]:
        odd.append(row.actual_columns)
        return "skip"

    if width is None:
        names = pacsv.ReadOptions(autogenerate_column_names=True, use_threads=False)
        columns = pacsv.ConvertOptions(column_types={f"f{i}": pa.string() for i in range(1001)})
    else:
        if not data.size:  # the engine reads no header out of nothing
            return pa.table({f"f{i}": pa.array([], pa.string()) for i in kinds})
        threads = data.size >= THREADED_FROM
        names = pacsv.ReadOptions(column_names=[f"f{i}" for i in range(width)], use_threads=threads)
        types = {f"f{i}": DICTIONARY if few else pa.string() for i, few in kinds.items()}
        columns = pacsv.ConvertOptions(column_types=types, include_columns=list(types))
    try:
        table = pacsv.read_csv(
            cast(IO[bytes], pa.BufferReader(data)),  # the stubs know Python files only
            read_options=names,
            parse_options=pacsv.ParseOptions(
                invalid_row_handler=irregular, ignore_empty_lines=False
            ),
            convert_options=columns,
        )
    except pa.ArrowInvalid as error:
        # The csv module reads it next: give back what the engine's allocator holds.
        pa.default_memory_pool().release_unused()
        if "UTF8" in str(error):
            data.to_pybytes().decode("utf-8")  # a UnicodeDecodeError, for the caller
        raise NotRegular(str(error)) from None
    if odd or (width is None and table.num_rows != 1):
        raise NotRegular("rows of another width")
    return table


def distinct(column: Column) -> tuple[list[Any], Column]:
    """The column's distinct values and each row's index into them (first seen first,
    unless the column was read as a dictionary: then in the dictionary's order)."""
    if pa.types.is_dictionary(column.type):
        encoded: Any = pa.chunked_array(column).unify_dictionaries()
    else:
        encoded = pc.dictionary_encode(column)
    chunks = cast("list[pa.DictionaryArray[Any, Any]]", encoded.chunks)
    if not chunks:
        return [], pa.chunked_array([], pa.int32())
    # One dictionary for all chunks: each chunk's is the whole one so far (or unified).
    indices = pa.chunked_array([chunk.indices for chunk in chunks])
    return chunks[-1].dictionary.to_pylist(), indices


def raw_values(column: Column, width: int) -> bytes:
    """The bytes of a column of fixed-width numbers (as computed: no nulls)."""
    whole = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    start = whole.offset * width
    return whole.buffers()[1].to_pybytes()[start : start + len(whole) * width]  # type: ignore[union-attr]


# Every character str.strip() removes, as a class of RE2 (pyarrow's regular expressions).
WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680" + "".join(
    map(chr, (*range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F, 0x3000))
)
_BLANKS = "[" + "".join(f"\\x{{{ord(c):x}}}" for c in WHITESPACE) + "]"
BLANK = f"^{_BLANKS}*$"
BLANK_OR_PADDED = f"^{_BLANKS}|{_BLANKS}$|^$"
NO_CODE = 255


class GroupedIds:
    """The household ids of a roster without problems, left in the engine's column until
    they are asked for (validating needs none of them as Python objects; a draw does)."""

    def __init__(self, column: Column, order: Column | None) -> None:
        self.column = column
        self.order = order  # the rows grouped by village; None: the file's order is

    def __len__(self) -> int:
        return len(self.column)

    def as_list(self) -> list[bytes]:
        """Each id as UTF-8 bytes, grouped by village."""
        ids = self.column if self.order is None else pc.take(self.column, self.order)
        return cast(list[bytes], ids.cast(pa.binary()).to_pylist())


class Clean(NamedTuple):
    """A roster without problems, its rows grouped by village (as the roster keeps them)."""

    places: list[tuple[str, str, str, int]]  # county, town, village, class code
    ids: GroupedIds
    statuses: bytes
    bounds: array[int]
    lines: array[int]


class Columns(NamedTuple):
    """The columns a roster is checked on (``members`` may be missing)."""

    county: Column
    town: Column
    village: Column
    village_class: Column
    household_id: Column
    head_name: Column
    status: Column
    members: Column | None


def clean(
    columns: Columns,
    classes: Mapping[str, int],
    statuses: Mapping[str, int],
    ids_distinct: Callable[[], bool] | None = None,
) -> Clean | None:
    """The rows from whole columns at C speed when no row has a problem; None when some row
    may have one (the caller then checks the rows one by one, for the exact problems).
    ``classes``, ``statuses``: each allowed value (stripped) and its code;
    ``ids_distinct``: whether no household id is repeated, when the caller has it worked
    out alongside (else it is worked out here)."""
    if not len(columns.household_id):
        return None
    ids = columns.household_id
    if _count(matches(ids, BLANK_OR_PADDED, pc.ascii_is_alnum(ids), _none(ids))):
        return None
    names = columns.head_name  # a name of letters alone (any script) is not blank
    if _count(matches(names, BLANK, pc.utf8_is_alnum(names), _none(names))):
        return None
    if columns.members is not None and not _whole_numbers(columns.members):
        return None
    counties, towns = _names(columns.county), _names(columns.town)
    villages = _names(columns.village)
    class_codes = _codes(columns.village_class, classes)
    status_codes = _codes(columns.status, statuses)
    if counties is None or towns is None or villages is None:
        return None
    if class_codes is None or status_codes is None:
        return None
    keys = [counties, towns, villages, ([], class_codes)]
    grouped = _grouped(keys, len(set(classes.values())), ids, status_codes)
    distinct_ids = all_distinct(ids) if ids_distinct is None else ids_distinct()
    return grouped if distinct_ids else None  # else a repeated household id


def all_distinct(ids: Column) -> bool:
    """Whether no id is repeated (hashing every id: the longest of the checks)."""
    return len(pc.unique(ids)) == len(ids)


def _whole_numbers(column: Column) -> bool:
    values, _ = distinct(column)
    return all(not v.strip() or v.strip().isdecimal() for v in values)


def _names(column: Column) -> tuple[list[str], Column] | None:
    """Each row's name as an index into the distinct names (stripped); None if one is blank."""
    values, indices = distinct(column)
    stripped = [value.strip() for value in values]
    if not all(stripped):
        return None
    first: dict[str, int] = {}
    canonical = [first.setdefault(name, i) for i, name in enumerate(stripped)]
    return stripped, pc.take(pa.array(canonical, pa.int64()), indices)


def _codes(column: Column, choices: Mapping[str, int]) -> Column | None:
    """Each row's code; None if some row's value is not one of ``choices``."""
    values, indices = distinct(column)
    codes = [choices.get(value.strip(), NO_CODE) for value in values]
    if NO_CODE in codes:
        return None
    return pc.take(pa.array(codes, pa.uint8()), indices)


def _grouped(
    keys: list[tuple[list[str], Column]], class_count: int, ids: Column, statuses: Column
) -> Clean | None:
    """The rows grouped by village (county, town, village and class as one integer key,
    villages numbered first seen first, each village's rows in line order: as the
    roster's row checks group them); None if a village has two classes."""
    sizes = [len(names) for names, _ in keys[:3]] + [class_count]
    if sizes[0] * sizes[1] * sizes[2] * sizes[3] >= 1 << 62:
        return None
    key = keys[0][1]
    for size, (_, codes) in zip(sizes[1:], keys[1:], strict=True):
        key = pc.add(pc.multiply(key, size), pc.cast(codes, pa.int64()))
    # Grouped by hash in one thread, which keeps the order (groups first seen first, each
    # group's rows in line order; threads would not): a stable sort by village, three
    # times as fast as sorting.
    one = pa.scalar(1, pa.uint32())
    rows = pc.subtract(pc.cumulative_sum(pa.repeat(one, len(ids))), one)
    groups = pa.table({"key": key, "row": rows}).group_by("key", use_threads=False)
    by_village = groups.aggregate([("row", "list")])
    villages = cast(list[int], by_village["key"].to_pylist())
    if len({v // sizes[3] for v in villages}) != len(villages):
        return None  # a village given two classes
    lists = cast("pa.ListArray[Any]", by_village["row_list"].combine_chunks())
    order: Column = lists.flatten()
    bounds = array("I", [0])
    bounds.extend(accumulate(cast(list[int], pc.list_value_length(lists).to_pylist())))
    in_line_order = pc.all(pc.equal(order, rows)).as_py() is True  # an export sorted by place
    grouped_ids = GroupedIds(ids, None if in_line_order else order)
    if grouped_ids.order is not None:
        statuses = pc.take(statuses, order)
    lines = array("I")
    lines.frombytes(raw_values(pc.add(order, 2).cast(pa.uint32()), lines.itemsize))
    names = [names for names, _ in keys[:3]]
    places = []
    for village in villages:
        rest, k = divmod(village, sizes[3])
        rest, v = divmod(rest, sizes[2])
        c, t = divmod(rest, sizes[1])
        places.append((names[0][c], names[1][t], names[2][v], k))
    return Clean(places, grouped_ids, raw_values(statuses, 1), bounds, lines)


# --- what Excel does to a column of ids typed as numbers -----------------------------------

# As Excel and WPS write it: always a sign after the E (4.41621E+15).
SCIENTIFIC = rf"^{_BLANKS}*[0-9]+(\.[0-9]+)?[eE][+-][0-9]+{_BLANKS}*$"
CUT_ID_NUMBER = rf"^{_BLANKS}*[0-9]{{15}}000{_BLANKS}*$"
DIGITS = rf"^{_BLANKS}*[0-9]+{_BLANKS}*$"
MIN_ID_WIDTH = 6  # ids numbered 1, 2, … 300 differ in width without any damage
CUT_SHARE = 20  # 1 in 20 ID numbers ending in 000: more than chance (about 1 in 1,000)


class Damage(NamedTuple):
    """One kind of damage in one column: its code, the first damaged row, how many rows."""

    code: str
    row: int
    rows: int
    width: int = 0  # the column's usual width (leading zeros dropped)


def excel_damage(
    household_ids: Column, id_numbers: Column | None
) -> tuple[Damage | None, Damage | None]:
    """The damage in the household id column and in the ID number column, if any (one kind
    each: scientific notation first, as it is the one that also merges ids)."""
    ids = _scientific(household_ids) or _zeros_dropped(household_ids)
    if id_numbers is None:
        return ids, None
    return ids, _scientific(id_numbers) or _cut(id_numbers)


def as_column(cells: list[bytes]) -> Column:
    return pa.chunked_array([pa.array(cells, pa.binary()).cast(pa.string())])


def matches(column: Column, pattern: str, plain: Column, on_plain: Column) -> Column:
    """Whether each row matches ``pattern``, the expression run only on the rows that are
    not ``plain``: what it gives on those (``on_plain``) is known from a cheap test of the
    whole column (an id of ASCII letters and digits has no blank, for one)."""
    rest = pc.invert(plain)
    if not _count(rest):
        return on_plain
    found = pc.match_substring_regex(pc.filter(column, rest), pattern)
    replaced: Column = pc.replace_with_mask(_whole(on_plain), _whole(rest), _whole(found))
    return replaced


def _whole(column: Column) -> pa.Array[Any]:
    return column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column


def _none(column: Column) -> Column:
    return pa.repeat(False, len(column))


def _count(matches: Column) -> int:
    return sum(cast("pa.BooleanArray", chunk).true_count for chunk in _chunks(matches))


def _chunks(column: Column) -> list[pa.Array[Any]]:
    """The arrays of a column as the engine cut it (one when it is not chunked)."""
    return column.chunks if isinstance(column, pa.ChunkedArray) else [column]


def _found(code: str, matches: Column, width: int = 0) -> Damage | None:
    rows = _count(matches)
    if not rows:
        return None
    return Damage(code, pc.index(matches, True).as_py(), rows, width)


def _scientific(column: Column) -> Damage | None:
    """Numbers as Excel shows them in scientific notation (never ASCII letters and digits
    alone, as the sign is neither: ids like H0504080182 need no expression)."""
    found = matches(column, SCIENTIFIC, pc.ascii_is_alnum(column), _none(column))
    return _found("excel-scientific-notation", found)


def _cut(column: Column) -> Damage | None:
    """ID numbers whose last 3 digits Excel lost: far more of them end in 000 than chance."""
    digits = pc.ascii_is_decimal(column)  # of those, the 18 long ending in 000 are cut
    lengths = pc.binary_length(cast("pa.StringArray", column))
    cut = pc.and_(pc.ends_with(column, "000"), pc.equal(lengths, pa.scalar(18, pa.int32())))
    damage = _found("excel-digits-lost", matches(column, CUT_ID_NUMBER, digits, cut))
    if damage is None or damage.rows < 2:
        return None
    given = len(column) - _count(matches(column, BLANK, digits, _none(column)))
    return None if damage.rows * CUT_SHARE < given else damage


def _zeros_dropped(column: Column) -> Damage | None:
    """Ids of digits only, shorter than most ids of the column (Excel drops leading zeros
    of a number); not when the ids are short or of no usual width."""
    digits = matches(column, DIGITS, pc.ascii_is_alnum(column), pc.ascii_is_decimal(column))
    if not _count(digits):
        return None
    widths = pc.utf8_length(cast("pa.StringArray", pc.utf8_trim_whitespace(column)))
    common = pc.mode(pc.filter(widths, digits)).field("mode")[0].as_py()
    usual = _count(pc.equal(widths, common))
    if common < MIN_ID_WIDTH or usual * 2 < len(column):
        return None
    return _found("excel-leading-zeros", pc.and_(digits, pc.less(widths, common)), common)
