"""The sampling frame: the households of the counties sampled, from a roster.

Two ways in: from a ``Roster`` already read (a YAML roster, or a CSV read by
``repo.roster``), and a lean reader for large CSV exports that keeps only the columns a
draw needs. The lean reader gives up (returns None) on anything irregular, so that the
full reader reports the problems with their lines.
"""

from __future__ import annotations

import csv
import gc
import io
from collections import defaultdict
from collections.abc import Callable, Iterable
from operator import itemgetter
from typing import NamedTuple

from inspectcli.model.common import (
    HOUSEHOLD_STATUS_ZH,
    HOUSEHOLD_STATUSES,
    VILLAGE_CLASS_ZH,
    VILLAGE_CLASSES,
)
from inspectcli.repo.roster import COLUMN_ZH, REQUIRED_COLUMNS, Roster
from inspectcli.sampling.method import Chosen, Frame, FrameHousehold

CLASSES: dict[str, str] = {c: c for c in VILLAGE_CLASSES}
CLASSES.update(VILLAGE_CLASS_ZH)
STATUSES: dict[str, str] = {s: s for s in HOUSEHOLD_STATUSES}
STATUSES.update(HOUSEHOLD_STATUS_ZH)
DETAIL_COLUMNS = ("head_name", "id_number", "phone")


class Detail(NamedTuple):
    """What the table shows of a household besides its id (masked when printed)."""

    head: str
    id_number: str
    phone: str


DetailsOf = Callable[[Iterable[Chosen]], dict[str, Detail]]


class Source(NamedTuple):
    frame: Frame
    details: DetailsOf  # the details of the given chosen households, by household id
    counties: tuple[str, ...]  # every county of the roster


def from_roster(roster: Roster, counties: Iterable[str]) -> Source:
    wanted = tuple(counties)
    frame = Frame(wanted)
    details: dict[str, Detail] = {}
    chosen = set(wanted)
    for household in sorted(roster.households.values(), key=lambda h: h.line):
        if household.county not in chosen:
            continue
        key = f"{household.county}/{household.town}/{household.village}"
        frame.add(
            household.county,
            household.town,
            household.village,
            roster.villages[key],
            FrameHousehold(household.id, household.status),
        )
        details[household.id] = Detail(
            household.head, household.id_number or "", household.phone or ""
        )

    def details_of(chosen: Iterable[Chosen]) -> dict[str, Detail]:
        return {c.id: details[c.id] for c in chosen if c.id in details}

    return Source(frame, details_of, tuple(roster.tree))


def _columns(header: list[str]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for index, raw in enumerate(header):
        name = COLUMN_ZH.get(raw.strip(), raw.strip())
        columns.setdefault(name, index)
    if any(name not in columns for name in REQUIRED_COLUMNS):
        return None
    return columns


def read_csv_frame(raw: bytes, counties: Iterable[str]) -> Source | None:
    """The frame straight from CSV bytes, or None where the full reader must look.

    Rows are grouped by place with C-level item getters; each village's class and its
    households' statuses are translated once per village. Cells with blanks at their ends
    (which the full reader strips) send the roster to the full reader.
    """
    if raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return None
    stream = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8", newline="")
    try:
        rows = csv.reader(stream)
        header = next(rows, None)
        columns = _columns(header) if header else None
        if header is None or columns is None:
            return None
        gc.disable()  # millions of new tuples would set off the collector again and again
        groups = _group(rows, columns, len(header))
    except UnicodeDecodeError:
        return None
    finally:
        gc.enable()
    if groups is None:
        return None
    present = tuple(name in columns for name in DETAIL_COLUMNS)
    gc.disable()
    try:
        return _frame(groups, tuple(counties), present)
    finally:
        gc.enable()


Place = tuple[str, str, str, str]
Row = tuple[str, str, str, str, str]  # id, status, head, id number, phone
_FIRST = itemgetter(0)
_SECOND = itemgetter(1)


def _lookup(rows_of: dict[str, list[Row]], present: tuple[bool, ...]) -> DetailsOf:
    """Details read from the kept rows of the chosen villages only (a few dozen are shown)."""

    def details_of(chosen: Iterable[Chosen]) -> dict[str, Detail]:
        found: dict[str, Detail] = {}
        for unit in chosen:
            for row in rows_of.get(unit.parent, ()):
                if row[0] == unit.id:
                    cells = (row[2 + i].strip() if p else "" for i, p in enumerate(present))
                    found[unit.id] = Detail(*cells)
                    break
        return found

    return details_of


def _group(
    rows: Iterable[list[str]], columns: dict[str, int], width: int
) -> dict[Place, list[Row]] | None:
    place_of = itemgetter(*(columns[n] for n in ("county", "town", "village", "village_class")))
    wanted = [columns["household_id"], columns["status"]]
    wanted += [columns.get(n, columns["household_id"]) for n in DETAIL_COLUMNS]
    row_of = itemgetter(*wanted)
    groups: dict[Place, list[Row]] = defaultdict(list)
    for cells in rows:
        if len(cells) != width:
            if cells:
                return None
            continue
        groups[place_of(cells)].append(row_of(cells))
    return groups


def _frame(
    groups: dict[Place, list[Row]], wanted: tuple[str, ...], present: tuple[bool, ...]
) -> Source | None:
    chosen = set(wanted)
    frame = Frame(wanted)
    rows_of: dict[str, list[Row]] = {}
    classes: dict[tuple[str, str, str], str] = {}
    for place, members in groups.items():
        if tuple(part.strip() for part in place) != place:
            return None  # blanks around a name: the full reader strips them
        county, town, village, class_text = place
        if county not in chosen:
            continue
        village_class = CLASSES.get(class_text)
        if village_class is None or not (town and village) or not members:
            return None
        if classes.setdefault((county, town, village), village_class) != village_class:
            return None
        try:
            statuses = list(map(STATUSES.__getitem__, map(str.strip, map(_SECOND, members))))
        except KeyError:
            return None
        ids = list(map(_FIRST, members))
        if ids != list(map(str.strip, ids)):
            return None
        frame.extend(county, town, village, village_class, ids, statuses)
        key = f"{county}/{town}/{village}"
        rows_of[key] = rows_of[key] + members if key in rows_of else members
    every = [i for v in frame.villages.values() for i in v.ids]
    if "" in every or len(set(every)) != len(every):
        return None  # an empty or repeated household id
    details = _lookup(rows_of, present)
    found = tuple(dict.fromkeys(county for county, _, _, _ in groups))
    return Source(frame, details, found)
