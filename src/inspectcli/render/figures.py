"""Per-county rectification figures of a set of rounds, for the report and the bulletin.

The numbers are `inspect report`'s: one computation (``report.compute.build_report``,
grouped by county, as of the document's date) with its definitions (the ``report``
package docstring; Heyuan §6: the rectification rate counts in the annual assessment).
So a bulletin or a group's report and `inspect report` on the same rounds and date give
the same counts: a rectification dated after that date is not yet done on it.

What the documents add is their own shape: the rounds per county, the counties in the
order the plans name them, the statuses as of the date, and rates written 85.7% or 100%.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from inspectcli.model.plan import PlanDocument
from inspectcli.pipeline.repository import Repository
from inspectcli.report.compute import Options, build_report
from inspectcli.report.load import from_repository
from inspectcli.report.model import LedgerRow, SummaryRow, Tally
from inspectcli.report.period import Period


@dataclass(frozen=True)
class CountyFigures:
    county: str
    rounds: int
    tally: Tally = field(default_factory=Tally)
    findings: tuple[LedgerRow, ...] = ()  # the ledger lines: status and state as of the date

    def with_status(self, status: str) -> int:
        """The findings whose status as of the date is ``status`` (e.g. ``rectifying``)."""
        return sum(1 for finding in self.findings if finding.status == status)

    @property
    def overdue(self) -> list[LedgerRow]:
        return [finding for finding in self.findings if finding.overdue]


def _span(plans: Sequence[PlanDocument]) -> Period:
    """A period holding every round's start (the report's input holds only these rounds)."""
    starts = [plan.start for plan in plans] or [dt.date.min]
    return Period("", min(starts), max(starts))


def county_figures(
    repository: Repository, plans: Sequence[PlanDocument], as_of: dt.date
) -> tuple[list[CountyFigures], CountyFigures]:
    """One row per county, in the order the plans name them (then any other county their
    findings name), and the total row (合计) with the number of rounds."""
    found = from_repository(repository, {plan.id for plan in plans})
    report = build_report(found, Options(_span(plans), "county", as_of))
    rounds = Counter(county for plan in plans for county in plan.counties)
    lines: defaultdict[str, list[LedgerRow]] = defaultdict(list)
    for line in report.ledger:
        lines[line.county].append(line)
    tallies = {row.key: row.tally for row in report.rows}
    order = [*rounds, *(county for county in tallies if county not in rounds)]
    rows = [CountyFigures(c, rounds[c], tallies[c], tuple(lines[c])) for c in order]
    return rows, CountyFigures("合计", len(plans), report.total, report.ledger)


def household_group_figures(
    repository: Repository, plans: Sequence[PlanDocument], as_of: dt.date
) -> tuple[SummaryRow, ...]:
    """Per household group of the policy, the households the rounds' samples visited and
    the findings on them: `inspect report --by household-group` on these rounds."""
    found = from_repository(repository, {plan.id for plan in plans})
    return build_report(found, Options(_span(plans), "household-group", as_of)).rows


def percent(rate: float | None) -> str:
    """85.7%, 100%; an em dash where there is nothing to rate."""
    if rate is None:
        return "—"
    text = f"{rate * 100:.1f}".removesuffix(".0")
    return f"{text}%"
