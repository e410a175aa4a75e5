"""Per-county rectification figures of a set of rounds, for the report and the bulletin.

Definitions (Heyuan §6: the rectification rate counts in the annual assessment):

* a period's findings are those of the rounds (plans) whose ``start`` lies in the period;
* rectified = findings whose status is ``rectified`` or ``verified``;
* 整改率 (rectification rate) = rectified / all findings, undefined without findings;
* overdue = findings whose rectification deadline is ``overdue`` as of the given date, as
  ``deadlines/derive.py`` computes it (an approved extension moves the deadline).

Kept small on purpose: when a reporting package computes these rates for every output,
``county_figures`` is the one function to replace.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from inspectcli.deadlines.derive import DONE_STATUSES, compute
from inspectcli.deadlines.model import Kind, State
from inspectcli.model.findings import Finding
from inspectcli.model.plan import PlanDocument
from inspectcli.repo.repository import Repository


@dataclass
class CountyFigures:
    county: str
    rounds: int = 0
    findings: list[Finding] = field(default_factory=list)
    rectified: int = 0  # rectified or verified
    verified: int = 0
    rectifying: int = 0
    open: int = 0
    overdue: list[Finding] = field(default_factory=list)

    @property
    def rate(self) -> float | None:
        """整改率 = (rectified + verified) / all findings; None without findings."""
        return self.rectified / len(self.findings) if self.findings else None


def plans_in_period(repository: Repository, period: str) -> list[PlanDocument]:
    """The rounds whose start date lies in ``period`` (YYYY-MM), by start date and id."""
    chosen = [p for p in repository.plans.values() if p.start.strftime("%Y-%m") == period]
    return sorted(chosen, key=lambda plan: (plan.start, plan.id))


def county_figures(
    repository: Repository, plans: Iterable[PlanDocument], as_of: dt.date
) -> list[CountyFigures]:
    """One row per county the rounds inspected, in the order the plans name them."""
    plans = list(plans)
    rows: dict[str, CountyFigures] = {}
    for plan in plans:
        for county in plan.counties:
            rows.setdefault(county, CountyFigures(county)).rounds += 1
    ids = {plan.id for plan in plans}
    overdue = {
        deadline.subject
        for deadline in compute(repository, as_of).deadlines
        if deadline.kind is Kind.RECTIFICATION and deadline.state is State.OVERDUE
    }
    for document in repository.findings.values():
        if document.plan not in ids:
            continue
        for finding in document.findings:
            row = rows.setdefault(finding.location.county, CountyFigures(finding.location.county))
            _count(row, finding, finding.id in overdue)
    return list(rows.values())


def _count(row: CountyFigures, finding: Finding, overdue: bool) -> None:
    row.findings.append(finding)
    status = finding.rectification.status
    row.rectified += status in DONE_STATUSES
    row.verified += status == "verified"
    row.rectifying += status == "rectifying"
    row.open += status == "open"
    if overdue:
        row.overdue.append(finding)


def total(rows: Iterable[CountyFigures], rounds: int) -> CountyFigures:
    """The sum of the rows; ``rounds`` is the number of rounds (a round may visit several
    counties, so the rows' rounds do not add up to it)."""
    whole = CountyFigures("合计", rounds)
    for row in rows:
        whole.findings += row.findings
        whole.rectified += row.rectified
        whole.verified += row.verified
        whole.rectifying += row.rectifying
        whole.open += row.open
        whole.overdue += row.overdue
    return whole


def percent(rate: float | None) -> str:
    """85.7%, 100%; an em dash where there is nothing to rate."""
    if rate is None:
        return "—"
    text = f"{rate * 100:.1f}".removesuffix(".0")
    return f"{text}%"
