"""A date that may carry a time of day: ``2026-09-26 18:00`` (a 限时整改督办函 due at 18:00).

A ``Moment`` is a ``datetime.date`` whose ``hm`` is its time: every rule that compares days
(order of updates, deadlines against the round) keeps working on it unchanged, and only
what cares about the hour (a deadline's state today, a calendar event, lateness on the due
day) reads ``time_of``. A date without a time keeps its meaning: the end of that day.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer, ValidationInfo, WithJsonSchema

_TEXT = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})[ T]([0-9]{1,2}):([0-9]{2})(?::00)?\Z")


class Moment(dt.date):
    """A day with a time of day (hours and minutes)."""

    __slots__ = ("hm",)
    hm: dt.time

    def __new__(cls, day: dt.date, hm: dt.time) -> Moment:
        made = dt.date.__new__(cls, day.year, day.month, day.day)
        made.hm = hm.replace(second=0, microsecond=0, tzinfo=None)
        return made

    @property
    def date(self) -> dt.date:
        """The day alone."""
        return day_of(self)

    # Arithmetic and replace give whole days (the time belongs to the one day it was given
    # for): a plain date, where the base class would build a Moment without its time.
    def __add__(self, other: dt.timedelta) -> dt.date:  # type: ignore[override]
        return self.date + other

    def __radd__(self, other: dt.timedelta) -> dt.date:  # type: ignore[override]
        return self.date + other

    def __sub__(self, other: Any) -> Any:
        return self.date - (other.date if isinstance(other, Moment) else other)

    def replace(self, *args: Any, **kwargs: Any) -> dt.date:  # type: ignore[override]
        return self.date.replace(*args, **kwargs)

    def isoformat(self) -> str:
        return f"{dt.date.isoformat(self)} {self.hm:%H:%M}"

    def __str__(self) -> str:
        return self.isoformat()

    def __repr__(self) -> str:
        return f"Moment({dt.date.isoformat(self)!r}, {self.hm:%H:%M})"

    def __reduce__(self) -> Any:  # copies and worker processes keep the time
        return (Moment, (self.date, self.hm))


def time_of(day: dt.date | None) -> dt.time | None:
    """The time of day ``day`` carries, or None for a whole day."""
    if isinstance(day, Moment):
        return day.hm
    if isinstance(day, dt.datetime):
        return day.time()
    return None


def parse_moment(value: Any, info: ValidationInfo) -> Any:
    """``2026-09-26 18:00`` (text, or a YAML timestamp with seconds) to a Moment; anything
    else is left for the date validator to judge (a plain date read back from the JSON of
    the cache, which this validator would otherwise hand on as text)."""
    if info.mode == "json" and isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return to_moment(value)


def to_moment(value: Any) -> Any:
    """A YAML value as a Moment when it is a day with a time, else as it was."""
    if isinstance(value, dt.datetime):
        return Moment(value.date(), value.time())
    if isinstance(value, str):
        match = _TEXT.match(value.strip())
        if match is not None:
            try:
                day = dt.date.fromisoformat(match.group(1))
                return Moment(day, dt.time(int(match.group(2)), int(match.group(3))))
            except ValueError:
                return value
    return value


# A date as officers write one, in prompts, sheets and options alike: 2026-12-08, 2026-12-8,
# 2026/12/8, 2026.12.8, 2026年12月8日.
_LOOSE_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
# The same, followed by a time of day: 2026年9月26日 18:00.
_LOOSE_MOMENT = re.compile(r"(.+?)\s*[ T]\s*([0-9]{1,2})[:：]([0-9]{2})")


def loose_date(text: str) -> dt.date | None:
    """``text`` as a date in any of the forms officers write (surrounding blanks ignored),
    or None; 2026-02-30 is None too."""
    found = _LOOSE_DATE.fullmatch(text.strip())
    if found is None:
        return None
    try:
        return dt.date(*(int(part) for part in found.groups()))
    except ValueError:
        return None


def loose_moment(text: str) -> dt.date | None:
    """``text`` as a loose date, or a loose date followed by ``HH:MM`` (a Moment); None
    for anything else."""
    found = _LOOSE_MOMENT.fullmatch(text.strip())
    if found is None:
        return loose_date(text)
    day = loose_date(found.group(1))
    hour, minute = int(found.group(2)), int(found.group(3))
    if day is None or hour > 23 or minute > 59:
        return None
    return Moment(day, dt.time(hour, minute))


def _text(value: dt.date) -> str:
    return value.isoformat()


def day_of(value: dt.date) -> dt.date:
    """The day alone of a date, a Moment or a datetime (a plain date, a new object)."""
    return dt.date.fromordinal(value.toordinal())


def end_of(day: dt.date) -> tuple[dt.date, dt.time]:
    """A key that orders days with times: a whole day ends after any hour of it."""
    return day_of(day), time_of(day) or dt.time.max


def is_late(done: dt.date, due: dt.date) -> bool:
    """Done after ``due``: by the hour when both carry one, else by the day (a day without
    a time lasts to its end)."""
    done_time, due_time = time_of(done), time_of(due)
    if done_time is not None and due_time is not None and done == due:
        return done_time > due_time
    return done > due


# A date field that also takes a time: ``2026-09-26`` or ``2026-09-26 18:00``.
When = Annotated[
    dt.date,
    BeforeValidator(parse_moment),
    PlainSerializer(_text, return_type=str, when_used="json"),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{1,2}:[0-9]{2})?$",
            "description": "YYYY-MM-DD, or YYYY-MM-DD HH:MM",
        }
    ),
]
