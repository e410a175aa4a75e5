"""Rotation (Hainan no. 19): units visited in recent rounds are left out of the next draw."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from inspectcli.model.plan import PlanDocument


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` months earlier (or that month's last day)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def visited(plans: Iterable[PlanDocument], start: dt.date, months: int, own_id: str) -> set[str]:
    """Every unit in the recorded samples of other rounds that started within ``months``
    months before ``start`` (from that day up to the day before ``start``)."""
    if months <= 0:
        return set()
    since = months_before(start, months)
    found: set[str] = set()
    for plan in plans:
        if plan.id == own_id or plan.sample is None or not since <= plan.start < start:
            continue
        sample = plan.sample
        found.update(u.id for u in sample.towns)
        found.update(u.id for u in sample.villages)
        found.update(u.id for u in sample.households)
    return found
