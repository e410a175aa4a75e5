"""What a deadline is: its kind, its subject, where it comes from, its due date and state.

States are computed against an as-of date every time; nothing here is stored in a file
(an overdue deadline is a fact about today, not about the repository).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum


class Kind(Enum):
    LETTER = "letter"  # rectification letter after a round (Heyuan §4)
    RECTIFICATION = "rectification"  # a finding's deadline, or its approved extension
    EXTENSION = "extension"  # an extension request awaiting a decision (Heyuan §6)
    FEEDBACK = "feedback"  # report on rectification after patrol feedback (Guangdong art. 18)
    FOLLOW_UP = "follow-up"  # follow-up revisit (回头看) after rectification (Heyuan §4)
    ARCHIVE = "archive"  # case records handed over at the end of each period (Heyuan §4)
    REPORT = "report"  # report to the leading group (Heyuan §4)
    COMPREHENSIVE = "comprehensive"  # a comprehensive supervision each year (Guangdong art. 8)

    @property
    def chinese(self) -> str:
        return KIND_ZH[self]

    @property
    def shown(self) -> str:
        """The kind in the user's language: one word, never both."""
        from inspectcli import i18n

        return self.chinese if i18n.language() == "zh" else self.value


KIND_ZH: dict[Kind, str] = {
    Kind.LETTER: "整改函",
    Kind.RECTIFICATION: "整改",
    Kind.EXTENSION: "延期申请",
    Kind.FEEDBACK: "整改情况报送",
    Kind.FOLLOW_UP: "回头看",
    Kind.ARCHIVE: "归档",
    Kind.REPORT: "专题汇报",
    Kind.COMPREHENSIVE: "综合督查",
}


class State(Enum):
    DONE = "done"
    DONE_LATE = "done-late"
    OVERDUE = "overdue"
    DUE_TODAY = "due-today"
    DUE_SOON = "due-soon"
    UPCOMING = "upcoming"
    PENDING = "pending"  # an extension request nobody has decided yet: information
    PAST = "past"  # a reminder (archive, report) whose date has gone by: nothing records it

    @property
    def is_open(self) -> bool:
        """Still to be done (or decided): what a calendar export and CI care about."""
        return self in _OPEN


_OPEN = frozenset({State.OVERDUE, State.DUE_TODAY, State.DUE_SOON, State.UPCOMING, State.PENDING})

# Kinds the repository keeps no record of: they are reminders and never become overdue.
REMINDERS = frozenset({Kind.ARCHIVE, Kind.REPORT})


@dataclass(frozen=True)
class Deadline:
    """One deadline as of one date.

    ``path`` is the file it comes from, relative to the repository root (None for the
    periodic reminders), and ``loc`` the field inside it (keys and list indexes).
    """

    kind: Kind
    subject: str
    title: str
    due: dt.date
    state: State
    rule: str
    path: str | None = None
    loc: tuple[str | int, ...] = ()
    done_on: dt.date | None = None
    overdue_working_days: int = 0
    steps: tuple[str, ...] = ()
    uncertain: bool = False  # the due date lies in a year the calendar does not know

    @property
    def field(self) -> str:
        """``findings[1].deadline``: the field as validate names it."""
        text = ""
        for step in self.loc:
            text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
        return text

    @property
    def sequence(self) -> int:
        """How often the date has moved, read from the record alone (no state kept between
        exports): for a deadline set by an extension, the requests recorded up to and with
        it; else 0. Requests are only ever appended, so a later approved one counts more."""
        if "extensions" not in self.loc or self.kind is not Kind.RECTIFICATION:
            return 0
        index = self.loc[self.loc.index("extensions") + 1]
        return index + 1 if isinstance(index, int) else 0

    @property
    def uid(self) -> str:
        """Stable across exports, so that calendar programs update rather than duplicate."""
        import hashlib

        digest = hashlib.sha256(f"{self.kind.value}\0{self.subject}".encode()).hexdigest()
        return f"{digest[:32]}@inspectcli"


@dataclass
class Agenda:
    """Every deadline of a repository as of one date, with the calendar's warnings."""

    as_of: dt.date
    within: int
    deadlines: list[Deadline] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def count(self, state: State) -> int:
        return sum(1 for d in self.deadlines if d.state is state)

    def open(self) -> list[Deadline]:
        return [d for d in self.deadlines if d.state.is_open]
