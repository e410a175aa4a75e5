"""``--format ics``: the open deadlines as all-day events for any calendar program (a
deadline due at an hour, such as 18:00, as an event at that hour).

UIDs derive from kind and subject, so importing a newer export updates the events instead
of duplicating them; SEQUENCE rises with each approved extension that moves a date.
Summaries name ids and responsible units only: a calendar leaves the repository, and
households' particulars have no business there (DOMAIN.md).
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event, vText

from inspectcli import __version__
from inspectcli.deadlines.model import Agenda, Deadline
from inspectcli.deadlines.positions import Positions
from inspectcli.deadlines.render_table import detail, state_label
from inspectcli.messages import t
from inspectcli.model.moment import time_of


def _event(deadline: Deadline, agenda: Agenda, positions: Positions, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", deadline.uid)
    event.add("sequence", deadline.sequence)  # a moved date outranks the event imported before
    event.add("dtstamp", stamp)
    hour = time_of(deadline.due)
    if hour is None:  # all day
        event.add("dtstart", deadline.due)
        event.add("dtend", deadline.due + dt.timedelta(days=1))
    else:  # at its hour, in the office's local time; no DTEND: it ends as it starts
        event.add("dtstart", dt.datetime.combine(deadline.due, hour))
    event.add("summary", f"[{deadline.kind.chinese}] {deadline.title}")
    description = t(
        "deadline-ics-description",
        title=deadline.title,
        as_of=agenda.as_of.isoformat(),
        state=f"{state_label(deadline.state)} ({detail(deadline)})",
        rule=deadline.rule,
        where=positions.where(deadline) or "-",
    )
    if deadline.uncertain:
        description += "\n" + t("deadline-uncertain", year=deadline.due.year)
    event.add("description", description)
    event.add("categories", [deadline.kind.value])
    event.add("transp", "TRANSPARENT")
    return event


def to_ics(agenda: Agenda, positions: Positions, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", f"-//inspectcli//{__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    # As text: icalendar writes a property it does not know unescaped, and a line break
    # (between two warnings) then stops it.
    for warning in agenda.warnings:
        calendar.add("x-inspectcli-warning", vText(warning))
    if agenda.warnings:
        lines = "\n".join(t("deadline-warning", message=w) for w in agenda.warnings)
        calendar.add("x-wr-caldesc", vText(lines))
    stamp = dt.datetime.combine(agenda.as_of, dt.time(), tzinfo=dt.UTC)
    for deadline in agenda.open():
        calendar.add_component(_event(deadline, agenda, positions, stamp))
    data: bytes = calendar.to_ical()
    return data
