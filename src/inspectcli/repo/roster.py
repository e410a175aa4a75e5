"""The roster (sampling frame), from a CSV export or a YAML roster document.

Rosters are exports with tens of thousands of rows (a sampling benchmark uses a million),
so the CSV path is plain ``csv`` over tuples, with one problem per bad cell and a cap.
Unit ids are the names joined by ``/``: a town is ``county/town``, a village
``county/town/village``; a household is its ``household_id``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from inspectcli.messages import did_you_mean, t
from inspectcli.model.common import (
    HOUSEHOLD_STATUS_ZH,
    HOUSEHOLD_STATUSES,
    VILLAGE_CLASS_ZH,
    VILLAGE_CLASSES,
    HouseholdStatus,
    VillageClass,
)
from inspectcli.model.roster import RosterDocument
from inspectcli.problems import Problem, Severity
from inspectcli.repo.yamlread import decode, problem_at

MAX_PROBLEMS = 200

REQUIRED_COLUMNS = (
    "county",
    "town",
    "village",
    "village_class",
    "household_id",
    "head_name",
    "status",
)
OPTIONAL_COLUMNS = ("members", "id_number", "phone")
# Headers as Chinese exports write them.
COLUMN_ZH = {
    "县": "county",
    "县区": "county",
    "县（区）": "county",
    "县(区)": "county",
    "乡镇": "town",
    "乡镇（街道）": "town",
    "镇": "town",
    "村": "village",
    "行政村": "village",
    "村类别": "village_class",
    "村类型": "village_class",
    "户编号": "household_id",
    "户主": "head_name",
    "户主姓名": "head_name",
    "状态": "status",
    "脱贫状态": "status",
    "户类型": "status",
    "人口": "members",
    "家庭人口": "members",
    "人口数": "members",
    "身份证号": "id_number",
    "身份证号码": "id_number",
    "电话": "phone",
    "联系电话": "phone",
}


def town_id(county: str, town: str) -> str:
    return f"{county}/{town}"


def village_id(county: str, town: str, village: str) -> str:
    return f"{county}/{town}/{village}"


class Household(NamedTuple):
    id: str
    county: str
    town: str
    village: str
    status: HouseholdStatus
    head: str
    members: int | None
    id_number: str | None
    phone: str | None
    line: int


@dataclass
class Roster:
    """Every household, and the county → town → village tree with each village's class."""

    path: str
    households: dict[str, Household] = field(default_factory=dict)
    villages: dict[str, VillageClass] = field(default_factory=dict)  # village id → class
    tree: dict[str, dict[str, dict[str, VillageClass]]] = field(default_factory=dict)

    def add(self, household: Household, village_class: VillageClass) -> None:
        self.households[household.id] = household
        towns = self.tree.setdefault(household.county, {})
        towns.setdefault(household.town, {})[household.village] = village_class
        self.villages[village_id(household.county, household.town, household.village)] = (
            village_class
        )

    def population(self, county: str) -> int:
        """Registered people of a county (households count 1 where members are not given)."""
        return sum(h.members or 1 for h in self.households.values() if h.county == county)


class _CsvReader:
    def __init__(self, path: str) -> None:
        self.path = path
        self.roster = Roster(path)
        self.problems: list[Problem] = []
        self.first_line: dict[str, int] = {}
        self.village_class_at: dict[str, tuple[VillageClass, int]] = {}

    def problem(
        self, line: int, column: int, code: str, message: str, severity: Severity = Severity.ERROR
    ) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(self.path, line, column, severity, code, message))

    def header(self, names: list[str]) -> dict[str, int] | None:
        columns: dict[str, int] = {}
        for index, raw_name in enumerate(names):
            name = raw_name.strip()
            name = COLUMN_ZH.get(name, name)
            if name in REQUIRED_COLUMNS or name in OPTIONAL_COLUMNS:
                columns[name] = index
            else:
                hint = did_you_mean(name, REQUIRED_COLUMNS + OPTIONAL_COLUMNS)
                self.problem(
                    1,
                    index + 1,
                    "csv-unknown-column",
                    t("csv-unknown-column", name=name, hint=hint),
                    Severity.WARNING,
                )
        missing = [c for c in REQUIRED_COLUMNS if c not in columns]
        if missing:
            message = t(
                "csv-missing-columns",
                columns=", ".join(missing),
                required=",".join(REQUIRED_COLUMNS),
            )
            self.problem(1, 1, "csv-missing-columns", message)
            return None
        return columns

    def row(self, line: int, cells: list[str], columns: dict[str, int], width: int) -> None:
        if len(cells) != width:
            self.problem(
                line,
                1,
                "csv-wrong-field-count",
                t("csv-wrong-field-count", actual=len(cells), expected=width),
            )
            return
        values = {name: cells[index].strip() for name, index in columns.items()}
        for name in REQUIRED_COLUMNS:
            if not values[name]:
                self.problem(
                    line, columns[name] + 1, "csv-empty-cell", t("csv-empty-cell", column=name)
                )
                return
        village_class = self.choice(
            line, columns, values, "village_class", VILLAGE_CLASSES, VILLAGE_CLASS_ZH
        )
        status = self.choice(
            line, columns, values, "status", HOUSEHOLD_STATUSES, HOUSEHOLD_STATUS_ZH
        )
        members = self.integer(line, columns, values, "members")
        if village_class is None or status is None or members is False:
            return
        household = Household(
            values["household_id"],
            values["county"],
            values["town"],
            values["village"],
            status,  # type: ignore[arg-type]
            values["head_name"],
            members if isinstance(members, int) else None,
            values.get("id_number") or None,
            values.get("phone") or None,
            line,
        )
        if self.duplicate(household, columns) or self.class_conflict(
            household, village_class, columns
        ):
            return
        self.roster.add(household, village_class)  # type: ignore[arg-type]

    def choice(
        self,
        line: int,
        columns: dict[str, int],
        values: dict[str, str],
        name: str,
        allowed: tuple[str, ...],
        chinese: Mapping[str, str],
    ) -> str | None:
        text = values[name]
        value = chinese.get(text, text)
        if value in allowed:
            return value
        choices = ", ".join(allowed + tuple(chinese))
        self.problem(
            line,
            columns[name] + 1,
            "csv-bad-choice",
            t("csv-bad-choice", text=text, column=name, choices=choices),
        )
        return None

    def integer(
        self, line: int, columns: dict[str, int], values: dict[str, str], name: str
    ) -> int | bool | None:
        text = values.get(name)
        if not text:
            return None
        if text.isdigit():
            return int(text)
        self.problem(
            line, columns[name] + 1, "csv-bad-integer", t("csv-bad-integer", text=text, column=name)
        )
        return False

    def duplicate(self, household: Household, columns: dict[str, int]) -> bool:
        first = self.first_line.get(household.id)
        if first is None:
            self.first_line[household.id] = household.line
            return False
        self.problem(
            household.line,
            columns["household_id"] + 1,
            "duplicate-household",
            t("duplicate-household", id=household.id, first_line=first),
        )
        return True

    def class_conflict(
        self, household: Household, village_class: str, columns: dict[str, int]
    ) -> bool:
        key = village_id(household.county, household.town, household.village)
        seen = self.village_class_at.get(key)
        if seen is None:
            self.village_class_at[key] = (village_class, household.line)  # type: ignore[assignment]
            return False
        if seen[0] == village_class:
            return False
        message = t(
            "village-class-conflict",
            village=key,
            given=village_class,
            first=seen[0],
            first_line=seen[1],
        )
        self.problem(
            household.line, columns["village_class"] + 1, "village-class-conflict", message
        )
        return True


def read_csv(path: str, raw: bytes) -> tuple[Roster | None, list[Problem]]:
    """The roster in a CSV export, and its problems. None when the header is unusable."""
    text, problems = decode(path, raw)
    if text is None:
        return None, problems
    if not text.strip():
        return None, [problem_at(path, 1, 1, "empty-file", t("empty-file"))]
    reader = _CsvReader(path)
    rows = csv.reader(io.StringIO(text))
    names = next(rows)
    columns = reader.header(names)
    if columns is None:
        return None, reader.problems
    width = len(names)
    for cells in rows:
        if cells:
            reader.row(rows.line_num, cells, columns, width)
    return reader.roster, reader.problems


def from_document(path: str, document: RosterDocument) -> Roster:
    roster = Roster(path)
    for county in document.counties:
        for town in county.towns:
            for village in town.villages:
                for h in village.households:
                    household = Household(
                        h.id,
                        county.name,
                        town.name,
                        village.name,
                        h.status,
                        h.head,
                        h.members,
                        h.id_number,
                        h.phone,
                        0,
                    )
                    roster.add(household, village.village_class)
    return roster
