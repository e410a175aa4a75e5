"""Every threshold of Suzhou art. 39 pinned at its edge: one below is not reached, the
edge is. The thresholds come from the suzhou preset, as policy data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from inspectcli.model.policy import AccountabilityRule
from inspectcli.presets import load_preset
from inspectcli.repo.roster import Roster, read_csv
from inspectcli.report.accountability import accountability
from inspectcli.report.model import AccountabilityRow
from inspectcli.report.records import FindingRecord

COUNTY = "甲县"


def rules() -> list[AccountabilityRule]:
    preset = load_preset("suzhou")
    assert preset is not None
    return preset.accountability


def roster(
    population: int = 1000, towns: int = 3, villages: int = 4, first_members: int = 1
) -> Roster:
    """One county whose households have 1 member each (the first: ``first_members``):
    ``population`` households, spread over ``towns`` × ``villages`` villages."""
    lines = ["county,town,village,village_class,household_id,head_name,status,members"]
    for n in range(population):
        town, village = f"镇{n % towns}", f"村{(n // towns) % villages}"
        members = first_members if n == 0 else 1
        lines.append(f"{COUNTY},{town},{village},poor,H{n:05d},某,exited,{members}")
    found, problems = read_csv("roster.csv", "\n".join(lines).encode())
    assert found is not None and not problems
    return found


def tagged(households: list[str], tag: str, found: Roster) -> Iterator[FindingRecord]:
    for number, household_id in enumerate(households):
        h = found.households[household_id]
        yield FindingRecord(
            number, f"{tag}-{number}", "0401", h.county, h.town, h.village, household_id,
            "问题", None, "措施", "单位", None, dt.date(2026, 12, 31), False, "open", None,
            None, (tag,),
        )  # fmt: skip


def in_village(found: Roster, town: str, village: str, count: int, skip: int = 0) -> list[str]:
    ids = [h.id for h in found.households.values() if (h.town, h.village) == (town, village)]
    return ids[skip : skip + count]


def in_town(found: Roster, town: str, count: int) -> list[str]:
    """``count`` households of ``town``, spread over its villages."""
    ids = [h.id for h in found.households.values() if h.town == town]
    return ids[:count]


def reached(rows: tuple[AccountabilityRow, ...], level: str, unit: str) -> set[str]:
    row = next((r for r in rows if (r.level, r.unit) == (level, unit)), None)
    return {r.rule for r in row.reached} if row is not None else set()


def run(mis: list[str], wrong: list[str], found: Roster) -> tuple[AccountabilityRow, ...]:
    findings = [*tagged(mis, "mis-identification", found), *tagged(wrong, "wrong-exit", found)]
    rows, warnings = accountability(findings, rules(), found)
    assert warnings == []
    return rows


VILLAGE = f"{COUNTY}/镇0/村0"


@pytest.mark.parametrize(
    ("mis", "wrong", "expected"),
    [
        (0, 1, set()),  # art. 39 (1): 2 wrongly exited reach it, 1 does not
        (0, 2, {"village-secretary-and-head"}),
        (1, 0, {"village-secretary-and-head"}),  # art. 39 (1): 1 mis-identified
        (1, 2, {"village-secretary-and-head"}),  # (2) needs 2 / 3
        (2, 0, {"village-secretary-and-head", "village-paired-town-cadre"}),  # (2): ≥2
        (0, 3, {"village-secretary-and-head", "village-paired-town-cadre"}),  # (2): ≥3
    ],
)
def test_village_thresholds(mis: int, wrong: int, expected: set[str]) -> None:
    found = roster()
    rows = run(
        in_village(found, "镇0", "村0", mis),
        in_village(found, "镇0", "村0", wrong, skip=mis),
        found,
    )
    assert reached(rows, "village", VILLAGE) == expected


@pytest.mark.parametrize(
    ("mis", "wrong", "expected"),
    [
        (4, 0, set()),
        (5, 0, {"town-removal-from-post"}),
        (0, 9, set()),
        (0, 10, {"town-removal-from-post"}),
    ],
)
def test_town_thresholds(mis: int, wrong: int, expected: set[str]) -> None:
    """art. 39 (3): 5 mis-identified or 10 wrongly exited households in one town."""
    found = roster()
    households = in_town(found, "镇1", mis + wrong)
    rows = run(households[:mis], households[mis:], found)
    assert reached(rows, "town", f"{COUNTY}/镇1") == expected


@pytest.mark.parametrize(
    ("people", "population", "expected"),
    [
        (2, 1000, set()),
        (3, 1000, {"county-deputy-removed"}),  # art. 39 (5): 3‰ exactly
        (3, 1001, set()),  # 2.997‰: the comparison is exact, not rounded
        (9, 1000, {"county-deputy-removed"}),
        (10, 1000, {"county-deputy-removed", "county-secretary-and-head-resign"}),  # (6): 10‰
        (10, 1001, {"county-deputy-removed"}),
    ],
)
def test_county_permille_thresholds(people: int, population: int, expected: set[str]) -> None:
    found = roster(population)
    households = list(found.households)[:people]
    rows = run(households[: people // 2], households[people // 2 :], found)
    assert reached(rows, "county", COUNTY) == expected


def test_people_are_members_and_a_household_counts_once() -> None:
    found = roster(1000, first_members=6)
    findings = [
        *tagged(["H00000", "H00000"], "mis-identification", found),
        *tagged(["H00000"], "wrong-exit", found),
    ]
    rows, _ = accountability(findings, rules(), found)
    county = next(r for r in rows if r.level == "county")
    assert (county.mis_identified, county.wrongly_exited, county.people) == (1, 1, 6)
    assert county.population == 1005 and county.permille == pytest.approx(6000 / 1005)
    village = next(r for r in rows if r.level == "village")
    assert village.reached[0].consequence.startswith("追究该行政村党组织书记、村委会主任责任")
    assert village.reached[0].source == "第三十九条（一）"


def test_no_rules_no_rows_and_no_roster_warns() -> None:
    found = roster(10)
    findings = list(tagged(["H00001"], "mis-identification", found))
    assert accountability(findings, [], found) == ((), [])
    rows, warnings = accountability(findings, rules(), None)
    assert warnings and {r.level for r in rows} == {"county", "town", "village"}
    assert reached(rows, "county", COUNTY) == set()  # no population: ‰ not counted
