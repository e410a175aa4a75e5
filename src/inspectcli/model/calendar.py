"""A repository's own holiday calendar: the State Council's notice for a year, written out.

The calendar library knows the years up to its release; a repository carries the coming
year's notice (published around November) or corrects a date (DOMAIN.md, "What this means
for the toolkit": deadlines are counted in the Chinese official calendar).
Rules across entries (a range ending before it starts, a date both holiday and working day)
are reported by ``inspectcli.calendar.document.calendar_document_problems``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag

from inspectcli.model.base import Document, Model, Text, bilingual


class HolidayRange(Model):
    """Consecutive rest days, such as the Spring Festival week (放假调休)."""

    start: dt.date = Field(alias="from", description=bilingual("放假开始日", "first rest day"))
    end: dt.date | None = Field(
        default=None,
        alias="to",
        description=bilingual("放假结束日（缺省同开始日）", "last rest day (default: `from`)"),
    )
    name: Text | None = Field(
        default=None, description=bilingual("节日名称，如“春节”", "the holiday, e.g. 春节")
    )

    @property
    def last(self) -> dt.date:
        return self.end if self.end is not None else self.start


class MakeupDay(Model):
    """A weekend day worked to make up for a holiday (调休上班), with the holiday's name."""

    date: dt.date = Field(description=bilingual("上班日期", "the working day"))
    name: Text | None = Field(
        default=None,
        description=bilingual("所补的节日，如“春节”", "the holiday it makes up for, e.g. 春节"),
    )


def _entry_form(value: Any) -> str:
    """A mapping is the long form of an entry; anything else must be a plain date."""
    return "entry" if isinstance(value, dict | HolidayRange | MakeupDay) else "date"


# One validation error per bad entry (not one per alternative); its location holds the
# tag ("date" or "entry") after the list index.
HolidayEntry = Annotated[
    Annotated[dt.date, Tag("date")] | Annotated[HolidayRange, Tag("entry")],
    Discriminator(_entry_form),
]
WorkdayEntry = Annotated[
    Annotated[dt.date, Tag("date")] | Annotated[MakeupDay, Tag("entry")],
    Discriminator(_entry_form),
]


class CalendarDocument(Document):
    KIND = "calendar"

    kind: Literal["calendar"] = Field(description=bilingual("文件类型", "document kind"))
    version: Literal[1] = Field(description=bilingual("格式版本", "schema version"))
    holidays: list[HolidayEntry] = Field(
        default_factory=list,
        description=bilingual(
            "放假日：日期，或 {from, to, name} 区间",
            "rest days: a date, or a {from, to, name} range",
        ),
    )
    workdays: list[WorkdayEntry] = Field(
        default_factory=list,
        description=bilingual(
            "调休上班日（周末上班）：日期，或 {date, name}",
            "make-up working days on weekends: a date, or {date, name}",
        ),
    )
