"""The roster (sampling frame), from a CSV export or a YAML roster document.

Rosters are exports of up to a million rows, and ``inspect validate``, ``inspect sample``
and the repository loader all read them here. So the roster is kept as columns (household
ids as UTF-8 bytes, statuses and villages as small integers) and every check is first made
on a whole column at C speed; only a column that fails is walked row by row, to report
each bad cell with its line and column (one problem per bad row, capped).
Unit ids are the names joined by ``/``: a town is ``county/town``, a village
``county/town/village``; a household is its ``household_id``.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate, count, islice, pairwise
from typing import TYPE_CHECKING, NamedTuple, Protocol

from inspectcli.messages import did_you_mean, enumeration, t
from inspectcli.model.common import (
    BUILT_IN_CATEGORIES,
    HOUSEHOLD_STATUSES,
    VILLAGE_CLASS_ZH,
    VILLAGE_CLASSES,
    CategoryTable,
    VillageClass,
)
from inspectcli.problems import Problem, Severity
from inspectcli.redact import mask_value
from inspectcli.repo.csvcolumns import (
    Chunk,
    CsvSyntaxError,
    RowReader,
    csv_chunk,
    header_of,
    no_gc,
    normalised,
)
from inspectcli.repo.yamlread import (
    SNIFF_BYTES,
    UTF8_BOM,
    _utf16_without_bom,
    decode,
    problem_at,
)

if TYPE_CHECKING:
    from inspectcli.model.roster import RosterDocument
    from inspectcli.repo.rostertable import Column, GroupedIds, Table

MAX_PROBLEMS = 200
TABLE_SUFFIXES = (".csv", ".xlsx")  # rosters kept as tables (the others are YAML documents)
# A roster export has a few dozen columns; a header wider than this is not a roster.
MAX_COLUMNS = 1000

REQUIRED_COLUMNS = (
    "county",
    "town",
    "village",
    "village_class",
    "household_id",
    "head_name",
    "status",
)
OPTIONAL_COLUMNS = ("members", "id_number", "phone")
# Headers as Chinese exports write them.
COLUMN_ZH = {
    "县": "county",
    "县区": "county",
    "县（区）": "county",
    "县(区)": "county",
    "乡镇": "town",
    "乡镇（街道）": "town",
    "镇": "town",
    "村": "village",
    "行政村": "village",
    "村类别": "village_class",
    "村类型": "village_class",
    "户编号": "household_id",
    "户主": "head_name",
    "户主姓名": "head_name",
    "状态": "status",
    "脱贫状态": "status",
    "户类型": "status",
    "人口": "members",
    "家庭人口": "members",
    "人口数": "members",
    "身份证号": "id_number",
    "身份证号码": "id_number",
    "电话": "phone",
    "联系电话": "phone",
}


KNOWN_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
# Columns of few distinct values: read as indices into them.
FEW_VALUES = frozenset({"county", "town", "village", "village_class", "status", "members"})


def column_name(cell: str) -> str:
    """The roster's name of a header cell (its Chinese names mapped)."""
    name = cell.strip()
    return COLUMN_ZH.get(name, name)


def _read_columns(header: list[str]) -> dict[int, bool]:
    """The columns a roster uses, by index: True for those of few distinct values. The
    others are not read (exports carry dozens)."""
    names = {index: column_name(cell) for index, cell in enumerate(header)}
    return {i: name in FEW_VALUES for i, name in names.items() if name in KNOWN_COLUMNS}


def town_id(county: str, town: str) -> str:
    return f"{county}/{town}"


def village_id(county: str, town: str, village: str) -> str:
    return f"{county}/{town}/{village}"


Place = tuple[str, str, str, VillageClass]  # county, town, village name, class
Details = tuple[str, int | None, str | None, str | None]  # head, members, id number, phone
CLASS_CODES: dict[str, int] = {c: i for i, c in enumerate(VILLAGE_CLASSES)}
NO_CODE = 255
# What str.strip() removes, among the ASCII characters.
ASCII_BLANKS = bytes(c for c in range(128) if chr(c).isspace())
CHECKED_COLUMNS = (*REQUIRED_COLUMNS, "members")


class Household(NamedTuple):
    id: str
    county: str
    town: str
    village: str
    status: str  # a category of the roster's table (``Roster.categories``)
    head: str
    members: int | None
    id_number: str | None
    phone: str | None
    line: int


class Rows(Protocol):
    """Every cell of a line of the file, when asked."""

    def cells(self, line: int) -> list[str]: ...

    def every(self, lines: Iterable[int]) -> Iterator[list[str]]: ...


class CsvDetails:
    """Head, members, ID number and phone of a row, read again from its line when asked."""

    def __init__(self, rows: Rows, columns: dict[str, int]) -> None:
        self.rows = rows
        self.columns = columns

    def __call__(self, line: int) -> Details:
        return self._details(self.rows.cells(line))

    def every(self, lines: Iterable[int]) -> Iterator[Details]:
        """The details of each of ``lines``, the file read once."""
        return map(self._details, self.rows.every(lines))

    def _details(self, cells: list[str]) -> Details:
        def cell(name: str) -> str:
            index = self.columns.get(name)
            return cells[index].strip() if index is not None else ""

        members = cell("members")
        return (
            cell("head_name"),
            int(members) if members else None,
            cell("id_number") or None,
            (cell("phone") or None),
        )


@dataclass(eq=False)
class Roster:
    """Every household as columns, and every village with its class.

    The rows are grouped by village: the households of ``places[k]`` are the rows
    ``bounds[k]`` to ``bounds[k + 1]``, in line order, so a village's households are one
    slice of each column (the sampling frame is built from slices). ``households``,
    ``villages`` and ``tree`` give the usual views (by id, by village id, county → town →
    village → class); a household's details are read only when asked.
    """

    path: str
    places: list[Place] = field(default_factory=list)  # every village, first seen first
    # Household ids, UTF-8; those of a CSV file without problems stay in the engine's
    # column until asked for (``ids``).
    id_column: list[bytes] | GroupedIds = field(default_factory=list)
    statuses: bytes = b""  # per household: index into ``categories``
    bounds: array[int] = field(default_factory=lambda: array("I", [0]))  # rows of each place
    lines: array[int] = field(default_factory=lambda: array("I"))  # 0 outside a CSV file
    details: CsvDetails | dict[int, Details] = field(default_factory=dict, repr=False)
    categories: tuple[str, ...] = HOUSEHOLD_STATUSES  # the category of each status code

    @property
    def ids(self) -> list[bytes]:
        """Every household id, UTF-8, in row order (made once, when first asked for)."""
        if not isinstance(self.id_column, list):
            self.id_column = self.id_column.as_list()
        return self.id_column

    @property
    def household_count(self) -> int:
        """How many households (without making their ids)."""
        return len(self.id_column)

    def place(self, row: int) -> Place:
        """The village of a row, without reading the row's details."""
        return self.places[bisect_right(self.bounds, row) - 1]

    def status(self, row: int) -> str:
        return self.categories[self.statuses[row]]

    def household(self, row: int) -> Household:
        """The whole row, details included (read again from its line of a CSV file)."""
        county, town, village, _ = self.place(row)
        line = self.lines[row]
        details = self.details[row] if isinstance(self.details, dict) else self.details(line)
        status = self.status(row)
        return Household(self.ids[row].decode(), county, town, village, status, *details, line)

    def every_details(self) -> Iterator[Details]:
        """Every household's details, in row order: what ``households.values()`` gives,
        without seeking each row in the file."""
        if isinstance(self.details, dict):
            return (self.details[row] for row in range(self.household_count))
        return self.details.every(self.lines)

    @cached_property
    def households(self) -> Households:
        return Households(self)

    @cached_property
    def villages(self) -> dict[str, VillageClass]:
        """Village id → class."""
        return {village_id(c, t, v): k for c, t, v, k in self.places}

    @cached_property
    def tree(self) -> dict[str, dict[str, dict[str, VillageClass]]]:
        tree: dict[str, dict[str, dict[str, VillageClass]]] = {}
        for county, town, village, village_class in self.places:
            tree.setdefault(county, {}).setdefault(town, {})[village] = village_class
        return tree

    @cached_property
    def people(self) -> list[int]:
        """Registered people of each village of ``places``: its households' members, a
        household counting 1 where members are not given. One pass over the details."""
        details = self.every_details()
        return [
            sum(members or 1 for _, members, _, _ in islice(details, end - start))
            for start, end in pairwise(self.bounds)
        ]

    def __getstate__(self) -> dict[str, object]:
        """Pickled without the views, which are cheaper to rebuild than to store."""
        views = ("households", "tree", "people")
        return {k: v for k, v in self.__dict__.items() if k not in views}


class Households(Mapping[str, Household]):
    """The households by id, built one at a time from the roster's columns."""

    def __init__(self, roster: Roster) -> None:
        self.roster = roster

    @cached_property
    def rows(self) -> dict[bytes, int]:
        return dict(zip(self.roster.ids, range(len(self.roster.ids)), strict=True))

    def row(self, household_id: str) -> int | None:
        return self.rows.get(household_id.encode())

    def __getitem__(self, household_id: str) -> Household:
        row = self.row(household_id)
        if row is None:
            raise KeyError(household_id)
        return self.roster.household(row)

    def __contains__(self, household_id: object) -> bool:
        return isinstance(household_id, str) and self.row(household_id) is not None

    def __iter__(self) -> Iterator[str]:
        return (i.decode() for i in self.roster.ids)

    def __len__(self) -> int:
        return self.roster.household_count


Key = tuple[bytes, bytes, bytes, int]  # county, town, village, class code
Found = tuple[int, int, Problem]  # line, order within the line, problem
CLASS_CHOICES: dict[str, int] = {
    **CLASS_CODES,
    **{word: CLASS_CODES[c] for word, c in VILLAGE_CLASS_ZH.items()},
}
# How a bad value is reported: the allowed values, in English and in Chinese.
CLASS_CHOICES_SHOWN = (*VILLAGE_CLASSES, *VILLAGE_CLASS_ZH)


class Part(NamedTuple):
    """The rows of a run of lines that pass the checks a row can fail on its own."""

    keys: list[Key]  # distinct villages with their class, first seen first
    village_of: array[int]  # per row: index into keys
    ids: list[bytes]
    statuses: bytes
    lines: array[int]
    found: list[Found]


class Grouped(NamedTuple):
    """Rows grouped by village: those of ``keys[k]`` are ``bounds[k]`` to ``bounds[k + 1]``,
    in line order within the village."""

    keys: list[Key]
    bounds: array[int]
    ids: list[bytes]
    statuses: bytes
    lines: array[int]
    found: list[Found]


def _grouped(part: Part) -> Grouped:
    """The part's rows grouped by village (a stable reordering, one pass over the rows)."""
    groups: list[array[int]] = [array("I") for _ in part.keys]
    deque(map(array.append, map(groups.__getitem__, part.village_of), count()), maxlen=0)
    bounds = array("I", [0])
    bounds.extend(accumulate(map(len, groups)))
    order = array("I")
    for group in groups:
        order += group
    return Grouped(
        part.keys,
        bounds,
        list(map(part.ids.__getitem__, order)),
        bytes(map(part.statuses.__getitem__, order)),
        array("I", map(part.lines.__getitem__, order)),
        part.found,
    )


def _in_line_order(grouped: Grouped) -> Part:
    """The rows back in line order, each with the index of its village."""
    village_of = array("I")
    for index, (start, end) in enumerate(pairwise(grouped.bounds)):
        village_of += array("I", [index]) * (end - start)
    order = sorted(range(len(grouped.lines)), key=grouped.lines.__getitem__)
    return Part(
        grouped.keys,
        array("I", map(village_of.__getitem__, order)),
        list(map(grouped.ids.__getitem__, order)),
        bytes(map(grouped.statuses.__getitem__, order)),
        array("I", map(grouped.lines.__getitem__, order)),
        grouped.found,
    )


def _stripped(cells: list[bytes], blanks: bool) -> list[bytes]:
    """The cells without blanks at their ends (as ``str.strip``); the same list if none has any.

    ``blanks`` is False when the file has no blank character at all; otherwise one test
    over the whole column decides, and only a column with a blank is stripped, one
    distinct value at a time.
    """
    if not blanks:
        return cells
    joined = b"".join(cells)
    if joined.isascii():
        if len(joined.translate(None, ASCII_BLANKS)) == len(joined):
            return cells
    else:
        text = joined.decode("utf-8")
        if text.split(None, 1) == [text]:
            return cells
    stripped = {cell: cell.decode("utf-8").strip().encode("utf-8") for cell in set(cells)}
    return list(map(stripped.__getitem__, cells))


def _codes(cells: list[bytes], choices: Mapping[str, int]) -> tuple[bytes, list[int]]:
    """Each cell's code (NO_CODE where unknown), and the rows whose cell is unknown."""
    known = {u: choices.get(u.decode("utf-8"), NO_CODE) for u in set(cells)}
    codes = bytes(map(known.__getitem__, cells))
    bad = [i for i, c in enumerate(codes) if c == NO_CODE] if NO_CODE in known.values() else []
    return codes, bad


def _not_whole_numbers(cells: list[bytes]) -> list[int]:
    joined = b"".join(cells)
    if not joined or joined.isdigit():
        return []
    return [i for i, c in enumerate(cells) if c and not c.decode("utf-8").isdecimal()]


def _kept(values: list[bytes], rejected: set[int]) -> list[bytes]:
    return [v for i, v in enumerate(values) if i not in rejected]


def _kept_codes(codes: bytes, rejected: set[int]) -> bytes:
    return bytes(c for i, c in enumerate(codes) if i not in rejected)


def _kept_lines(lines: array[int], rejected: set[int]) -> array[int]:
    return array("I", (n for i, n in enumerate(lines) if i not in rejected))


SHOWN_EMPTY = 3  # rows of one column reported empty one by one before the rest in one line


class _Checks:
    """The checks of a CSV roster, each made on a whole column first."""

    def __init__(
        self, path: str, columns: dict[str, int], categories: CategoryTable = BUILT_IN_CATEGORIES
    ) -> None:
        self.path = path
        self.columns = columns
        self.categories = categories
        self.found: list[Found] = []
        self.typed: dict[str, str] = {}  # a column's name → its header as the file writes it

    def problem(
        self,
        line: int,
        column: int,
        code: str,
        message: str,
        order: int = 0,
        severity: Severity = Severity.ERROR,
    ) -> None:
        self.found.append((line, order, Problem(self.path, line, column, severity, code, message)))

    def cell_problem(self, line: int, name: str, code: str, message: str, order: int = 0) -> None:
        self.problem(line, self.columns[name] + 1, code, message, order)

    def shown(self, name: str) -> str:
        """A column as the file's header names it (户编号, 县（区）): what the user finds."""
        return self.typed.get(name, name)

    def header(self, names: list[str], line: int = 1) -> dict[str, int] | None:
        columns: dict[str, int] = {}
        for index, raw_name in enumerate(names):
            name = column_name(raw_name)
            if name in KNOWN_COLUMNS:
                columns[name] = index
                self.typed[name] = raw_name.strip() or name
            else:
                hint = did_you_mean(name, KNOWN_COLUMNS)
                message = t("csv-unknown-column", name=name, hint=hint)
                self.problem(line, index + 1, "csv-unknown-column", message, -1, Severity.WARNING)
        missing = [c for c in REQUIRED_COLUMNS if c not in columns]
        if missing:
            message = t(
                "csv-missing-columns",
                columns=enumeration(missing),
                required=",".join(REQUIRED_COLUMNS),
            )
            self.problem(line, 1, "csv-missing-columns", message)
            return None
        self.columns = columns
        return columns

    # --- what a row can fail on its own: width, empty cells, values ---------------------

    def part(self, chunk: Chunk, width: int, blanks: bool) -> Part:
        for line, cells in chunk.irregular:
            message = t("csv-wrong-field-count", actual=cells, expected=width)
            self.problem(line, 1, "csv-wrong-field-count", message)
        values = {
            name: _stripped(chunk.columns[self.columns[name]], blanks)
            for name in CHECKED_COLUMNS
            if name in self.columns
        }
        lines = chunk.lines
        rejected = self.empty_cells(values, lines)
        classes, bad_classes = _codes(values["village_class"], CLASS_CHOICES)
        statuses, bad_statuses = _codes(values["status"], self.categories.words)
        bad_members = _not_whole_numbers(values["members"]) if "members" in values else []
        rejected |= self.bad_values(values, lines, rejected, bad_classes, bad_statuses, bad_members)
        if rejected:
            values = {name: _kept(cells, rejected) for name, cells in values.items()}
            lines = _kept_lines(lines, rejected)
            classes, statuses = _kept_codes(classes, rejected), _kept_codes(statuses, rejected)
        index: defaultdict[Key, int] = defaultdict(count().__next__)
        places = zip(values["county"], values["town"], values["village"], classes, strict=True)
        village_of = array("I", map(index.__getitem__, places))
        return Part(list(index), village_of, values["household_id"], statuses, lines, self.found)

    def empty_cells(self, values: dict[str, list[bytes]], lines: array[int]) -> set[int]:
        """Rows with an empty required cell; the first such column of a row is reported."""
        rejected: set[int] = set()
        for name in REQUIRED_COLUMNS:
            cells = values[name]
            if all(cells):
                continue
            empty = [row for row, cell in enumerate(cells) if not cell and row not in rejected]
            rejected.update(empty)
            self.empty_column(name, [lines[row] for row in empty])
        return rejected

    def empty_column(self, name: str, at: list[int]) -> None:
        """The first rows of a column left empty one by one, the others in one line: a
        column never filled in is one problem, not one a row."""
        column = self.shown(name)
        summed = len(at) > SHOWN_EMPTY + 1  # a summary in place of one row would tell less
        for line in at[:SHOWN_EMPTY] if summed else at:
            self.cell_problem(line, name, "csv-empty-cell", t("csv-empty-cell", column=column))
        if summed:
            message = t("csv-empty-cells", column=column, rows=len(at), first=at[0], last=at[-1])
            self.cell_problem(at[SHOWN_EMPTY], name, "csv-empty-cell", message)

    def bad_values(
        self,
        values: dict[str, list[bytes]],
        lines: array[int],
        skipped: set[int],
        bad_classes: list[int],
        bad_statuses: list[int],
        bad_members: list[int],
    ) -> set[int]:
        """Rows whose class, status or members is not a value the roster allows."""
        rejected: set[int] = set()
        statuses = tuple(self.categories.words)
        checks = (
            ("village_class", bad_classes, tuple(CLASS_CHOICES)),
            ("status", bad_statuses, statuses),
        )
        for order, (name, bad, words) in enumerate(checks):
            for row in (r for r in bad if r not in skipped):
                rejected.add(row)
                text = values[name][row].decode("utf-8")
                message = self.bad_choice(name, text, words)
                self.cell_problem(lines[row], name, "csv-bad-choice", message, order)
        for row in (r for r in bad_members if r not in skipped):
            rejected.add(row)
            text = values["members"][row].decode("utf-8")
            message = t("csv-bad-integer", text=text, column=self.shown("members"))
            self.cell_problem(lines[row], "members", "csv-bad-integer", message, 2)
        return rejected

    def bad_choice(self, name: str, text: str, words: tuple[str, ...]) -> str:
        """The village classes listed whole (four words); the categories by their ids,
        as the policy names them, the Chinese names and aliases being many."""
        hint = did_you_mean(text, words)
        if name == "village_class":
            column = self.shown(name)
            return t(
                "csv-bad-choice",
                text=text,
                column=column,
                choices=enumeration(CLASS_CHOICES_SHOWN),
                hint=hint,
            )
        ids = enumeration(self.categories.ids)
        return t("csv-bad-status", text=text, choices=ids, hint=hint)

    # --- what needs every row: duplicate ids, a village's class ----------------------------

    def whole(self, grouped: Grouped, distinct: bool | None = None) -> Grouped:
        """The rows without repeated household ids and villages given another class.

        Both are rare, and tested over whole columns first (``distinct``: whether the ids
        are known to be distinct already); only a roster that has some is put back in line
        order, so that the first row of each is the one kept.
        """
        if distinct is None:
            distinct = len(set(grouped.ids)) == len(grouped.ids)
        if distinct and not _class_clash(grouped.keys):
            return grouped
        part = _in_line_order(grouped)
        part = self.without(part, self.duplicates(part))
        return _grouped(self.without(part, self.class_conflicts(part)))

    def without(self, part: Part, rejected: set[int]) -> Part:
        if not rejected:
            return part
        keys = [part.keys[v] for i, v in enumerate(part.village_of) if i not in rejected]
        index: defaultdict[Key, int] = defaultdict(count().__next__)
        village_of = array("I", map(index.__getitem__, keys))
        ids = _kept(part.ids, rejected)
        lines = _kept_lines(part.lines, rejected)
        statuses = _kept_codes(part.statuses, rejected)
        return Part(list(index), village_of, ids, statuses, lines, part.found)

    def duplicates(self, part: Part) -> set[int]:
        """Rows whose household id an earlier row has; the first one stays."""
        first: dict[bytes, int] = {}
        rejected: set[int] = set()
        for row, household in enumerate(part.ids):
            seen = first.setdefault(household, row)
            if seen != row:
                rejected.add(row)
                message = t(
                    "duplicate-household", id=household.decode(), first_line=part.lines[seen]
                )
                self.cell_problem(part.lines[row], "household_id", "duplicate-household", message)
        return rejected

    def class_conflicts(self, part: Part) -> set[int]:
        """Rows that give their village another class than its first row does."""
        if not _class_clash(part.keys):
            return set()
        first: dict[tuple[bytes, ...], tuple[int, int]] = {}
        rejected: set[int] = set()
        for row, village in enumerate(part.village_of):
            key = part.keys[village]
            seen = first.setdefault(key[:3], (key[3], row))
            if seen[0] == key[3]:
                continue
            rejected.add(row)
            message = t(
                "village-class-conflict",
                village=village_id(*(name.decode() for name in key[:3])),
                given=VILLAGE_CLASSES[key[3]],
                first=VILLAGE_CLASSES[seen[0]],
                first_line=part.lines[seen[1]],
            )
            self.cell_problem(part.lines[row], "village_class", "village-class-conflict", message)
        return rejected


def _class_clash(keys: list[Key]) -> bool:
    """Whether some village comes with two classes."""
    return len({key[:3] for key in keys}) != len(keys)


def _merged(parts: list[Grouped]) -> Grouped:
    """One grouped part of several, read in line order: a village's slices end to end."""
    if len(parts) == 1:
        return parts[0]
    slices: dict[Key, list[tuple[Grouped, int, int]]] = {}
    for part in parts:
        for key, (start, end) in zip(part.keys, pairwise(part.bounds), strict=True):
            slices.setdefault(key, []).append((part, start, end))
    bounds = array("I", [0])
    ids: list[bytes] = []
    statuses: list[bytes] = []
    lines = array("I")
    for runs in slices.values():
        for part, start, end in runs:
            ids += part.ids[start:end]
            statuses.append(part.statuses[start:end])
            lines += part.lines[start:end]
        bounds.append(len(ids))
    found = [f for part in parts for f in part.found]
    return Grouped(list(slices), bounds, ids, b"".join(statuses), lines, found)


def read_csv(
    path: str, raw: bytes, categories: CategoryTable = BUILT_IN_CATEGORIES
) -> tuple[Roster | None, list[Problem]]:
    """The roster in a CSV export, and its problems. None when the header is unusable.

    UTF-8 (Excel's "CSV UTF-8" adds a byte-order mark, dropped here: a roster is an
    export, unlike a case file) or GB18030/GBK, what Excel and WPS save as "CSV" on
    Chinese Windows, read with a note that names it.
    """
    raw = raw.removeprefix(UTF8_BOM)
    first_line = raw.find(b"\n")
    if raw.count(b",", 0, first_line if first_line >= 0 else len(raw)) >= MAX_COLUMNS:
        message = t("csv-too-many-columns", limit=MAX_COLUMNS)
        return None, [problem_at(path, 1, 1, "csv-too-many-columns", message)]
    start = raw[:SNIFF_BYTES]
    if start.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(start):
        return None, decode(path, raw)[1]
    if b"\x00" in start:
        return None, decode(path, raw)[1]
    from inspectcli.repo.rostertable import NotRegular, read_regular

    notes: list[Problem] = []
    table: Table | None = None
    try:
        table = read_regular(raw, _read_columns)
    except UnicodeDecodeError:
        utf8, notes = _as_utf8(path, raw)
        if utf8 is None:
            return None, notes
        raw = utf8
    except NotRegular:
        pass
    if table is not None and any(name.strip() for name in table.header):
        roster, problems = _read_table(path, table, categories)
    else:
        roster, problems = _read_records(path, raw, categories)
    return roster, notes + problems


def _as_utf8(path: str, raw: bytes) -> tuple[bytes | None, list[Problem]]:
    """The bytes as UTF-8 with a note naming the encoding they were in; None and the
    problem when they are neither UTF-8 nor GB18030."""
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        return None, decode(path, raw)[1]
    note = Problem(path, 1, 1, Severity.INFO, "csv-encoding", t("csv-encoding", encoding="GB18030"))
    return text.encode("utf-8"), [note]


def _read_table(
    path: str, table: Table, categories: CategoryTable
) -> tuple[Roster | None, list[Problem]]:
    """A file of one line per record: checked on whole columns, row by row only when a
    column has something to report."""
    from inspectcli.repo.rostertable import Columns, all_distinct, alongside, clean

    checks = _Checks(path, {}, categories)
    columns = checks.header(table.header)
    if columns is None:
        return None, _in_order(checks.found)
    ids = table.columns[columns["household_id"]]
    numbers = table.columns[columns["id_number"]] if "id_number" in columns else None
    # The one check that takes long (hashing every id) goes on beside the others.
    with alongside(lambda: all_distinct(ids), table.threaded) as ids_distinct, no_gc():
        # no_gc: no garbage in cycles here; the collector would walk every cell list
        if _excel_damage(checks, ids, numbers, range(2, table.rows + 2)):
            return None, _in_order(checks.found)
        named = {name: table.columns[columns[name]] for name in REQUIRED_COLUMNS}
        members = table.columns[columns["members"]] if "members" in columns else None
        found = clean(
            Columns(**named, members=members), CLASS_CHOICES, categories.words, ids_distinct
        )
        if found is not None:
            places = [(c, t_, v, VILLAGE_CLASSES[k]) for c, t_, v, k in found.places]
            details = CsvDetails(table, columns)
            roster = Roster(
                path,
                places,
                found.ids,
                found.statuses,
                found.bounds,
                found.lines,
                details,
                categories.ids,
            )
            return roster, _in_order(checks.found)
        wanted = sorted({columns[n] for n in CHECKED_COLUMNS if n in columns})
        lines = array("I", range(2, table.rows + 2))
        chunk = Chunk({i: table.bytes_column(i) for i in wanted}, lines, [])
        part = checks.part(chunk, len(table.header), True)
        whole = checks.whole(_grouped(part))
    return _roster(path, whole, table, columns, categories), _in_order(whole.found)


def _read_records(
    path: str, raw: bytes, categories: CategoryTable
) -> tuple[Roster | None, list[Problem]]:
    """Any other file, record by record with the csv module, which says each one's line."""
    text, problems = decode(path, raw)
    if text is None:
        return None, problems
    if not text or text.isspace():
        message = t("csv-empty", required=",".join(REQUIRED_COLUMNS))
        return None, [problem_at(path, 1, 1, "empty-file", message)]
    del text  # the columns are read from the bytes
    raw = normalised(raw)
    checks = _Checks(path, {}, categories)
    try:
        header = header_of(raw)
        columns = checks.header(header)
        if columns is None:
            return None, _in_order(checks.found)
        rows = RowReader()
        wanted = tuple(sorted({columns[n] for n in CHECKED_COLUMNS if n in columns}))
        with no_gc():
            chunk = csv_chunk(raw, wanted, rows)
    except CsvSyntaxError as error:
        message = t("csv-syntax", detail=str(error))
        return None, [problem_at(path, max(error.line, 1), 1, "csv-syntax", message)]
    return _checked(path, checks, chunk, len(header), rows, columns)


def _checked(
    path: str, checks: _Checks, chunk: Chunk, width: int, rows: Rows, columns: dict[str, int]
) -> tuple[Roster | None, list[Problem]]:
    """The rows checked one by one (the rules as written), grouped by village."""
    from inspectcli.repo.rostertable import as_column

    ids = as_column(chunk.columns[columns["household_id"]])
    numbers = None
    if "id_number" in columns:
        index = columns["id_number"]
        numbers = as_column([rows.cells(line)[index].encode() for line in chunk.lines])
    if _excel_damage(checks, ids, numbers, chunk.lines):
        return None, _in_order(checks.found)
    with no_gc():
        whole = checks.whole(_grouped(checks.part(chunk, width, True)))
    return _roster(path, whole, rows, columns, checks.categories), _in_order(whole.found)


def _excel_damage(
    checks: _Checks, ids: Column, numbers: Column | None, lines: Sequence[int]
) -> bool:
    """Each kind of damage Excel does to a column of ids typed as numbers, reported once
    for its column at its first row; True when it is the household ids: rows would then
    be merged or mistaken for others, so none is read (no cascade of duplicates)."""
    from inspectcli.repo.rostertable import excel_damage

    in_ids, in_numbers = excel_damage(ids, numbers)
    for name, column, damage in (("household_id", ids, in_ids), ("id_number", numbers, in_numbers)):
        if damage is None or column is None:
            continue
        text = str(column[damage.row].as_py()).strip()
        example = text if name == "household_id" else mask_value(text)
        column_shown = checks.shown(name)
        message = t(
            damage.code, column=column_shown, example=example, rows=damage.rows, width=damage.width
        )
        checks.cell_problem(lines[damage.row], name, damage.code, message)
    return in_ids is not None


def read_roster_table(
    path: str, raw: bytes, categories: CategoryTable = BUILT_IN_CATEGORIES
) -> tuple[Roster | None, list[Problem]]:
    """The roster in a CSV export or an Excel workbook (by the file's suffix), its
    ``status`` column read with ``categories`` (the policy's)."""
    if path.lower().endswith(TABLE_SUFFIXES[1:]):
        return read_xlsx(path, raw, categories)
    return read_csv(path, raw, categories)


def read_xlsx(
    path: str, raw: bytes, categories: CategoryTable = BUILT_IN_CATEGORIES
) -> tuple[Roster | None, list[Problem]]:
    """The roster on the first sheet of a workbook, its header under any title rows; each
    problem is placed at the sheet's row (as the line) and column number."""
    from inspectcli.repo.rostersheet import NotAWorkbook, read_sheet

    try:
        sheet = read_sheet(raw, _names_required)
    except NotAWorkbook:
        return None, [problem_at(path, 1, 1, "xlsx-unreadable", t("xlsx-unreadable"))]
    checks = _Checks(path, {}, categories)
    columns = checks.header(sheet.header, sheet.header_line)
    if columns is None:
        return None, _in_order(checks.found)
    rows = RowReader()
    rows.rows = dict(sheet.rows)
    wanted = sorted({columns[n] for n in CHECKED_COLUMNS if n in columns})
    cells = {i: [row[i].encode() for _, row in sheet.rows] for i in wanted}
    chunk = Chunk(cells, array("I", [line for line, _ in sheet.rows]), [])
    return _checked(path, checks, chunk, len(sheet.header), rows, columns)


def _names_required(cells: list[str]) -> int:
    """How many required columns a row names (to find the header under title rows)."""
    return len({column_name(c) for c in cells} & set(REQUIRED_COLUMNS))


def _roster(
    path: str, whole: Grouped, rows: Rows, columns: dict[str, int], categories: CategoryTable
) -> Roster:
    places: list[Place] = [
        (county.decode(), town.decode(), village.decode(), VILLAGE_CLASSES[k])
        for county, town, village, k in whole.keys
    ]
    details = CsvDetails(rows, columns)
    return Roster(
        path, places, whole.ids, whole.statuses, whole.bounds, whole.lines, details, categories.ids
    )


def _in_order(found: list[Found]) -> list[Problem]:
    """In line order, as a reader walking the rows reports them, capped."""
    found.sort(key=lambda f: (f[0], f[1]))
    return [problem for _, _, problem in found[:MAX_PROBLEMS]]


def from_document(
    path: str, document: RosterDocument, categories: CategoryTable = BUILT_IN_CATEGORIES
) -> Roster:
    """The roster of a roster document. A category ``categories`` lacks is kept under a
    code of its own, for the policy's check to name (``repo.categories``)."""
    roster = Roster(path)
    ids: list[bytes] = []
    statuses = bytearray()
    details: dict[int, Details] = {}
    codes = dict(categories.words)
    known = list(categories.ids)
    for county in document.counties:
        for town in county.towns:
            for village in town.villages:
                if not village.households:
                    continue  # a village is known by its households, as in a CSV roster
                roster.places.append((county.name, town.name, village.name, village.village_class))
                for h in village.households:
                    details[len(ids)] = (h.head, h.members, h.id_number, h.phone)
                    ids.append(h.id.encode())
                    statuses.append(_code(h.status, codes, known))
                    roster.lines.append(0)
                roster.bounds.append(len(ids))
    roster.id_column, roster.statuses, roster.details = ids, bytes(statuses), details
    roster.categories = tuple(known)
    return roster


def _code(category: str, codes: dict[str, int], known: list[str]) -> int:
    """The code of ``category``, a new one (the last there is, past 254) when unknown."""
    code = codes.get(category)
    if code is None:
        code = codes[category] = min(len(known), NO_CODE - 1)
        if code == len(known):
            known.append(category)
    return code
