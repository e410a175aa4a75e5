"""The sampling frame: the households of the counties sampled, from a roster.

Two ways in: from a ``Roster`` already read (a YAML roster, or a CSV read by
``repo.roster``), and a lean reader for large CSV exports that keeps only the columns a
draw needs. The lean reader gives up (returns None) on anything irregular, so that the
full reader reports the problems with their lines.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import NamedTuple

from inspectcli.model.common import (
    HOUSEHOLD_STATUS_ZH,
    HOUSEHOLD_STATUSES,
    VILLAGE_CLASS_ZH,
    VILLAGE_CLASSES,
)
from inspectcli.repo.roster import COLUMN_ZH, REQUIRED_COLUMNS, Roster
from inspectcli.sampling.method import Frame, FrameHousehold

CLASSES = {**{c: c for c in VILLAGE_CLASSES}, **VILLAGE_CLASS_ZH}
STATUSES = {**{s: s for s in HOUSEHOLD_STATUSES}, **HOUSEHOLD_STATUS_ZH}
DETAIL_COLUMNS = ("head_name", "id_number", "phone")


class Detail(NamedTuple):
    """What the table shows of a household besides its id (masked when printed)."""

    head: str
    id_number: str
    phone: str


class Source(NamedTuple):
    frame: Frame
    details: dict[str, Detail]  # household id → detail, for the households of the frame
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
    return Source(frame, details, tuple(roster.tree))


def _columns(header: list[str]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for index, raw in enumerate(header):
        name = COLUMN_ZH.get(raw.strip(), raw.strip())
        columns.setdefault(name, index)
    if any(name not in columns for name in REQUIRED_COLUMNS):
        return None
    return columns


def read_csv_frame(raw: bytes, counties: Iterable[str]) -> Source | None:
    """The frame straight from CSV bytes, or None where the full reader must look."""
    if raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    rows = csv.reader(io.StringIO(text))
    header = next(rows, None)
    columns = _columns(header) if header else None
    if header is None or columns is None:
        return None
    return _rows(rows, columns, len(header), tuple(counties))


def _rows(
    rows: Iterable[list[str]], columns: dict[str, int], width: int, wanted: tuple[str, ...]
) -> Source | None:
    index = [columns[n] for n in ("county", "town", "village", "village_class")]
    id_at, status_at = columns["household_id"], columns["status"]
    detail_at = [columns.get(n) for n in DETAIL_COLUMNS]
    chosen = set(wanted)
    frame = Frame(wanted)
    details: dict[str, Detail] = {}
    seen_counties: dict[str, None] = {}
    villages: dict[tuple[str, ...], str] = {}
    for cells in rows:
        if len(cells) != width:
            if not cells:
                continue
            return None
        county = cells[index[0]].strip()
        seen_counties[county] = None
        if county not in chosen:
            continue
        household_id = cells[id_at].strip()
        place = (county, cells[index[1]].strip(), cells[index[2]].strip())
        village_class = CLASSES.get(cells[index[3]].strip())
        status = STATUSES.get(cells[status_at].strip())
        if village_class is None or status is None or not household_id or household_id in details:
            return None
        if villages.setdefault(place, village_class) != village_class:
            return None
        frame.add(*place, village_class, FrameHousehold(household_id, status))
        details[household_id] = Detail(
            *(cells[i].strip() if i is not None else "" for i in detail_at)
        )
    if any(not part for place in villages for part in place):
        return None
    return Source(frame, details, tuple(seen_counties))
