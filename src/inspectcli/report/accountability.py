"""Accountability thresholds (Suzhou art. 39), counted per village, town and county.

Over the findings of the report's period:
- a household counts once per tag (``mis-identification`` / ``wrong-exit``) in each unit,
  however many findings name it; rectification does not undo the count;
- the unit of a household is its village, town and county in the roster (the finding's
  location where the repository has no roster);
- the per-mille measure is the people of the households tagged either way (roster
  ``members``; a household without members counts 1, a household tagged both ways once),
  per thousand registered people of the unit: the members of all its roster households
  (``Roster.population``'s rule). Compared exactly: people × 1000 ≥ at_least × population.

The thresholds and their consequences are policy data (``accountability:`` in a policy).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from fractions import Fraction

from inspectcli.messages import t
from inspectcli.model.policy import AccountabilityRule, Threshold
from inspectcli.repo.roster import Roster, town_id, village_id
from inspectcli.report.model import AccountabilityRow, Reached
from inspectcli.report.records import FindingRecord

LEVELS = ("county", "town", "village")
PERMILLE = "mis-identified-or-wrongly-exited-permille"


@dataclass
class _Counted:
    mis_identified: set[str] = field(default_factory=set)
    wrongly_exited: set[str] = field(default_factory=set)

    def households(self) -> set[str]:
        return self.mis_identified | self.wrongly_exited


def units_of(finding: FindingRecord, roster: Roster | None) -> Iterator[tuple[str, str]]:
    """(level, unit id) of the county, town and village the finding's household is in."""
    row = roster.households.row(finding.household or "") if roster else None
    county, town, village = (
        roster.place(row)[:3]
        if roster is not None and row is not None
        else (finding.county, finding.town, finding.village)
    )
    yield "county", county
    if town is not None:
        yield "town", f"{county}/{town}"
        if village is not None:
            yield "village", f"{county}/{town}/{village}"


def count(
    findings: Iterable[FindingRecord], levels: set[str], roster: Roster | None
) -> dict[tuple[str, str], _Counted]:
    counted: dict[tuple[str, str], _Counted] = {}
    for finding in findings:
        if not finding.tags or finding.household is None:
            continue
        for unit in units_of(finding, roster):
            if unit[0] not in levels:
                continue
            entry = counted.setdefault(unit, _Counted())
            if "mis-identification" in finding.tags:
                entry.mis_identified.add(finding.household)
            if "wrong-exit" in finding.tags:
                entry.wrongly_exited.add(finding.household)
    return counted


def populations(roster: Roster, units: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """Registered people of each unit, in one pass over the roster."""
    people = dict.fromkeys(units, 0)
    for (county, town, village, _), count in zip(roster.places, roster.people, strict=True):
        for unit in (
            ("county", county),
            ("town", town_id(county, town)),
            ("village", village_id(county, town, village)),
        ):
            if unit in people:
                people[unit] += count
    return people


def _people(households: set[str], roster: Roster) -> int:
    total = 0
    for household_id in households:
        household = roster.households.get(household_id)
        total += (household.members or 1) if household is not None else 1
    return total


def _reached(condition: Threshold, row: AccountabilityRow) -> str | None:
    """The condition's text when ``row`` reaches it, else None."""
    at_least = f"{condition.at_least:g}"
    if condition.measure == PERMILLE:
        if row.population is None or row.population == 0:
            return None
        exact = Fraction(row.people * 1000, row.population)
        if exact < Fraction(str(condition.at_least)):
            return None
        return t("report-reached-permille", value=f"{row.permille:.2f}", at_least=at_least)
    value = (
        row.mis_identified
        if condition.measure == "mis-identified-households"
        else (row.wrongly_exited)
    )
    if value < condition.at_least:
        return None
    return t(f"report-reached-{condition.measure}", value=value, at_least=at_least)


def evaluate(rules: list[AccountabilityRule], row: AccountabilityRow) -> tuple[Reached, ...]:
    found = []
    for rule in rules:
        if rule.level != row.level:
            continue
        texts = [text for c in rule.when if (text := _reached(c, row)) is not None]
        if texts:
            found.append(Reached(rule.id, tuple(texts), rule.consequence, rule.source))
    return tuple(found)


def accountability(
    findings: list[FindingRecord], rules: list[AccountabilityRule], roster: Roster | None
) -> tuple[tuple[AccountabilityRow, ...], list[str]]:
    """A row for every unit, at a level the rules name, with a tagged household."""
    if not rules:
        return (), []
    counted = count(findings, {r.level for r in rules}, roster)
    needs_people = any(c.measure == PERMILLE for r in rules for c in r.when)
    warnings = []
    sizes: dict[tuple[str, str], int] = {}
    if needs_people and counted and roster is None:
        warnings.append(t("report-no-roster-permille"))
    elif needs_people and roster is not None:
        sizes = populations(roster, set(counted))
    rows = []
    for (level, unit), entry in sorted(
        counted.items(), key=lambda i: (LEVELS.index(i[0][0]), i[0][1])
    ):
        people = _people(entry.households(), roster) if roster is not None else 0
        population = sizes.get((level, unit))
        permille = people * 1000 / population if population else None
        row = AccountabilityRow(
            level,
            unit,
            len(entry.mis_identified),
            len(entry.wrongly_exited),
            people,
            population,
            permille,
            (),
        )
        rows.append(replace(row, reached=evaluate(rules, row)))
    return tuple(rows), warnings
