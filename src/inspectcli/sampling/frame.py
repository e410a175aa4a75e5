"""The sampling frame: the households of the counties sampled, from a roster.

The roster (``repo.roster``, the one reader of CSV and YAML rosters) keeps households as
columns; the frame groups the rows of the counties sampled by village in one pass over
the column of villages, without a Python object per household. The details shown of a
household (head, ID number, phone) are read only for the households drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from inspectcli.repo.csvcolumns import no_gc
from inspectcli.repo.roster import Roster
from inspectcli.sampling.method import Chosen, Frame


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
    """The frame of ``counties``: each village with its households' ids, statuses, rows."""
    wanted = tuple(counties)
    frame = Frame(wanted)
    with no_gc():  # a million new references, no cycles: the collector would only rescan
        groups = _rows_by_village(roster, set(wanted))
        for (county, town, name, village_class), rows in zip(roster.places, groups, strict=True):
            if rows:
                village = frame.village(county, town, name, village_class)
                village.keys += map(roster.ids.__getitem__, rows)
                village.codes += bytes(map(roster.statuses.__getitem__, rows))
                village.rows += rows

    def details_of(units: Iterable[Chosen]) -> dict[str, Detail]:
        return _details(roster, frame, units)

    return Source(frame, details_of, tuple(roster.tree))


def _rows_by_village(roster: Roster, counties: set[str]) -> list[list[int] | None]:
    """For each village of the roster, its rows when it lies in ``counties`` (else None)."""
    groups: list[list[int] | None] = [
        [] if place[0] in counties else None for place in roster.places
    ]
    if all(group is not None for group in groups):
        lists: list[list[int]] = groups  # type: ignore[assignment]
        for row, village in enumerate(roster.village_of):
            lists[village].append(row)
        return groups
    for row, village in enumerate(roster.village_of):
        group = groups[village]
        if group is not None:
            group.append(row)
    return groups


def _details(roster: Roster, frame: Frame, units: Iterable[Chosen]) -> dict[str, Detail]:
    """The details of chosen households, read from their rows of the roster."""
    found: dict[str, Detail] = {}
    for unit in units:
        village = frame.villages.get(unit.parent)
        key = unit.id.encode()
        if village is None or key not in village.keys:
            continue
        household = roster.household(village.rows[village.keys.index(key)])
        found[unit.id] = Detail(household.head, household.id_number or "", household.phone or "")
    return found
