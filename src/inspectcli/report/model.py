"""The plain data of a report: what every renderer shows, computed once (``compute``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from inspectcli.report.period import Period

GROUPINGS = ("county", "unit", "category", "group", "household-group")


def ratio(numerator: int, denominator: int) -> float | None:
    """A rate, or None (shown as "—") when there is nothing to divide by."""
    return numerator / denominator if denominator else None


@dataclass
class Tally:
    """Counts of one row of the summary.

    ``settled`` counts the findings whose timeliness is known as of the report date:
    rectified or verified (on time or late), and open ones past their deadline (overdue).
    """

    findings: int = 0
    rectified: int = 0  # rectified, not (yet) verified
    verified: int = 0
    overdue: int = 0
    on_time: int = 0  # rectified or verified on or before the deadline in force
    settled: int = 0
    visited: int = 0  # by household group: the households the period's samples drew

    @property
    def done(self) -> int:
        return self.rectified + self.verified

    @property
    def rectification_rate(self) -> float | None:
        """整改率 (Heyuan §6): (rectified + verified) / findings."""
        return ratio(self.done, self.findings)

    @property
    def on_time_rate(self) -> float | None:
        """On-time rate: done on time / (done + overdue)."""
        return ratio(self.on_time, self.settled)

    def add(self, other: Tally) -> None:
        self.findings += other.findings
        self.rectified += other.rectified
        self.verified += other.verified
        self.overdue += other.overdue
        self.on_time += other.on_time
        self.settled += other.settled
        self.visited += other.visited


@dataclass(frozen=True)
class SummaryRow:
    key: str  # the county, unit, category code or group name
    label: str  # what the reader sees, e.g. "03 贫困识别退出情况"
    tally: Tally
    role: str | None = None  # by unit: the unit's role in the findings counted (lead, …)


@dataclass(frozen=True)
class LedgerRow:
    """One line of the problem ledger (台账, Hainan §3.3, §5.3)."""

    id: str
    county: str
    description: str
    target: str | None
    measures: str
    unit: str
    person: str | None
    deadline: dt.date  # in force: after an approved extension
    extended: bool
    status: str  # as of the report date: open, rectifying, rectified, verified
    completed: dt.date | None  # the rectified date, when done as of the report date
    state: str  # the deadline's state (inspectcli.deadlines.State value)
    path: str
    place: str = ""  # town, village and household
    category: str = ""  # the content code with its catalogue title
    progress: str | None = None  # the last progress update's note
    lead: str | None = None  # the lead unit (牵头单位) and its person
    content: str = ""
    parties: tuple[tuple[str, str, str | None], ...] = ()  # (role, unit, person)
    measure_items: tuple[tuple[str, dt.date | None, str | None], ...] = ()  # text, due, person
    evidence: tuple[str, ...] = ()

    @property
    def overdue(self) -> bool:
        return self.state == "overdue"

    @property
    def late(self) -> bool:
        return self.state == "done-late"


@dataclass(frozen=True)
class Reached:
    """A rule of accountability a unit reaches, and the conditions that reach it."""

    rule: str
    conditions: tuple[str, ...]  # e.g. "识别不精准 2 户（达到 2 户）"
    consequence: str
    source: str | None


@dataclass(frozen=True)
class AccountabilityRow:
    """The counts of one village, town or county (Suzhou art. 39), and the rules reached."""

    level: str
    unit: str  # the roster id: county, county/town or county/town/village
    mis_identified: int  # households
    wrongly_exited: int  # households
    people: int  # members of those households (a household counted once)
    population: int | None  # registered people of the unit, from the roster
    permille: float | None
    reached: tuple[Reached, ...]


@dataclass(frozen=True)
class Member:
    """A repository of a roll-up: counted (``total``), or left out for its problems."""

    name: str  # shown before its ids: ``name:id``
    path: str
    authority: str | None
    policy: str | None
    problems: int  # errors that left it out; 0 when counted
    total: Tally | None  # None when left out


@dataclass(frozen=True)
class Report:
    authority: str
    policy: str
    period: Period
    by: str
    as_of: dt.date
    rows: tuple[SummaryRow, ...]
    total: Tally
    ledger: tuple[LedgerRow, ...]
    accountability: tuple[AccountabilityRow, ...]
    rules: int  # accountability rules in the policy
    warnings: tuple[str, ...] = field(default=())
    members: tuple[Member, ...] = field(default=())  # a roll-up's repositories (else empty)
