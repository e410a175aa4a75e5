"""Rotation (Hainan no. 19): units visited in recent rounds are left out of the next draw."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from inspectcli.model.plan import PlanDocument


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` months earlier (or that month's last day)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


FOREVER = -1  # a window that never ends: every other recorded round counts


class Windows(NamedTuple):
    """Months a visited unit stays out of draws, per level; 0 none, FOREVER always."""

    towns: int = 0
    villages: int = 0
    households: int = 0


def visited(
    plans: Iterable[PlanDocument], start: dt.date, months: int | Windows, own_id: str
) -> set[str]:
    """Every unit in the recorded samples of other rounds that started within its level's
    window before ``start`` (from that day up to the day before ``start``); a window of
    FOREVER takes every other recorded round, before or after."""
    windows = months if isinstance(months, Windows) else Windows(months, months, months)
    found: set[str] = set()
    for plan in plans:
        if plan.id == own_id or plan.sample is None:
            continue
        sample = plan.sample
        for window, units in (
            (windows.towns, sample.towns),
            (windows.villages, sample.villages),
            (windows.households, sample.households),
        ):
            if _within(plan.start, start, window):
                found.update(u.id for u in units)
    return found


def _within(day: dt.date, start: dt.date, window: int) -> bool:
    if window == FOREVER:
        return True
    return window > 0 and months_before(start, window) <= day < start
