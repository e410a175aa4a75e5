"""A problem list (问题清单) typed in a spreadsheet → the findings of a findings file.

Each row becomes one finding in the order and shape of the model (Heyuan §4: the problem,
the responsible unit and person, the measures and the deadline; Hainan §5.3: the target).
The category typed as its name maps to the catalogue's code, the household named by its
head to the roster's household in that village. Every fault is a problem at its cell;
a list with an error imports nothing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from inspectcli.messages import did_you_mean, t
from inspectcli.model import vocabulary
from inspectcli.model.findings import SEVERITY_ZH
from inspectcli.model.plan import PlanDocument
from inspectcli.model.policy import Policy
from inspectcli.model.settings import SheetField
from inspectcli.problems import Problem
from inspectcli.repo.roster import Roster
from inspectcli.sheets.cells import CellReader
from inspectcli.sheets.grid import Grid
from inspectcli.sheets.headers import HEADERS, Header, aliases, find_header, normalised

REQUIRED: tuple[SheetField, ...] = ("category", "description", "unit", "measures", "deadline")
# The words of a case file (严重 is `major` there too), and two more a group may type.
SEVERITIES = {
    **{word: vocabulary.SEVERITY.value(word) or word for word in vocabulary.SEVERITY.accepted()},
    "较严重": "serious",
    "特别严重": "major",
}
_SPLIT = re.compile(r"[、，,；;\n]+")
_LEADING_CODE = re.compile(r"^([0-9A-Za-z.\-]+)[\s、.．:：]+(.+)$")


@dataclass(frozen=True)
class Round:
    """What a row is read against: the round, the county, the catalogue, the roster."""

    plan: PlanDocument
    county: str
    policy: Policy
    roster: Roster | None
    headers: Mapping[SheetField, Sequence[str]] = field(default_factory=dict)


class Imported(NamedTuple):
    findings: list[dict[str, Any]]  # plain data, keys in the model's order
    rows: dict[str, int]  # finding id → its row
    problems: list[Problem]


def finding_id(plan: str, county: str, number: str) -> str:
    """``2026-10-g2-石岭县-03``: unique in the repository, the same on every import."""
    return f"{plan}-{county}-{number}"


def read_findings(grid: Grid, round_: Round) -> Imported:
    reader = CellReader(grid)
    header = find_header(grid, aliases(round_.headers))
    if header is None:
        reader.fail(1, 1, "sheet-no-header", t("sheet-no-header", headers=_expected()))
        return Imported([], {}, reader.problems)
    missing = [name for name in REQUIRED if name not in header.columns]
    for name in missing:
        message = t("sheet-missing-column", field=HEADERS[name][0], names="、".join(HEADERS[name]))
        reader.fail(header.row, 1, "sheet-missing-column", message)
    if missing:
        return Imported([], {}, reader.problems)
    rows = _Rows(reader, header, round_)
    first = header.row + 1
    while first <= len(grid.rows) and grid.rows[first - 1] == grid.rows[header.row - 1]:
        first += 1  # the header merged over more than one row
    for row in range(first, len(grid.rows) + 1):
        rows.read(row)
    return Imported(rows.findings, rows.ids, reader.problems)


def _expected() -> str:
    return "、".join(names[0] for names in HEADERS.values())


class _Rows:
    def __init__(self, reader: CellReader, header: Header, round_: Round) -> None:
        self.reader = reader
        self.columns = header.columns
        self.round = round_
        self.findings: list[dict[str, Any]] = []
        self.ids: dict[str, int] = {}
        self.codes = round_.policy.codes()
        self.titles = {normalised(title): code for code, title in self.codes.items()}
        self.heads: dict[tuple[str, str], dict[str, list[str]]] | None = None

    def cell(self, row: int, name: SheetField) -> str | None:
        return self.reader.text(row, self.columns.get(name))

    def fail(self, row: int, name: SheetField, code: str, /, **values: str) -> None:
        """The problem ``code`` (its message the one of that key) at the row's cell."""
        self.reader.fail(row, self.columns[name], code, t(code, **values))

    def read(self, row: int) -> None:
        values: dict[SheetField, str | None] = {
            name: self.cell(row, name) for name in self.columns if name != "deadline"
        }
        deadline = self.reader.date(row, self.columns["deadline"], self.round.plan.start)
        if not any(v for k, v in values.items() if k != "number") and deadline is None:
            return  # an empty row, or a number typed ahead of the rows to fill
        for name in REQUIRED:
            if name != "deadline" and not values.get(name):
                self.fail(row, name, "sheet-empty-cell", field=HEADERS[name][0])
        if deadline is None and self.reader.grid.cell(row, self.columns["deadline"]) is None:
            self.fail(row, "deadline", "sheet-empty-cell", field="整改时限")
        identifier = self._id(row, values.get("number"), values.get("description") or "")
        finding: dict[str, Any] = {"id": identifier}
        finding["content"] = self._category(row, values.get("category"))
        finding["location"] = self._location(row, values)
        finding["description"] = values.get("description")
        if values.get("evidence"):
            finding["evidence"] = _items(values["evidence"] or "")
        responsible = {"unit": values.get("unit")}
        if values.get("person"):
            responsible["person"] = values["person"]
        finding["responsible"] = responsible
        severity = self._severity(row, values.get("severity"))
        if severity and severity != "general":
            finding["severity"] = severity
        finding["measures"] = values.get("measures")
        if values.get("target"):
            finding["target"] = values["target"]
        finding["deadline"] = deadline
        self.findings.append(finding)

    def _id(self, row: int, number: str | None, description: str) -> str:
        """From 序号 when typed (``3`` → ``03``), else from the problem's text: the same
        row gets the same id when the list is imported again."""
        if number is not None and number.isdigit():
            suffix = f"{int(number):02d}"
        else:
            if number is not None:
                self.fail(row, "number", "sheet-bad-number", value=number)
            digest = hashlib.sha256(normalised(description).encode()).hexdigest()[:6]
            suffix = f"x{digest}"
        identifier = finding_id(self.round.plan.id, self.round.county, suffix)
        if identifier in self.ids:
            first = self.ids[identifier]
            column: SheetField = "number" if "number" in self.columns else "description"
            self.fail(row, column, "sheet-duplicate-row", row=str(first))
        self.ids.setdefault(identifier, row)
        return identifier

    def _category(self, row: int, text: str | None) -> str | None:
        """The catalogue code of ``text``: a code (``0202``), a title (危房改造), or both
        (``02 扶贫政策落实情况``)."""
        if text is None:
            return None
        if text in self.codes:
            return text
        if text.isdigit() and len(text) % 2 and f"0{text}" in self.codes:
            return f"0{text}"  # 202 typed into a number cell lost its leading zero
        code = self.titles.get(normalised(text))
        leading = _LEADING_CODE.match(text)
        if code is None and leading:
            code = self.titles.get(normalised(leading[2]))
        if code is not None:
            return code
        hint = did_you_mean(text, [*self.codes.values(), *self.codes])
        self.fail(row, "category", "sheet-unknown-category", value=text, hint=hint)
        return None

    def _severity(self, row: int, text: str | None) -> str | None:
        if text is None:
            return None
        found = SEVERITIES.get(text.strip().lower())
        if found is None:
            choices = "、".join(SEVERITY_ZH.values())
            self.fail(row, "severity", "sheet-bad-severity", value=text, choices=choices)
        return found

    def _location(self, row: int, values: Mapping[SheetField, str | None]) -> dict[str, str]:
        location = {"county": self.round.county}
        town, village = values.get("town"), values.get("village")
        if town:
            location["town"] = town
        if village:
            location["village"] = village
        if not self._in_roster(row, town, village):
            return location
        head = values.get("household")
        if head:
            household = self._household(row, town, village, head)
            if household:
                location["household"] = household
        return location

    def _in_roster(self, row: int, town: str | None, village: str | None) -> bool:
        """False, after a problem at its cell, for a town or village the roster does not
        have in the county (no roster: nothing to check against)."""
        roster = self.round.roster
        if roster is None or not town:
            return True
        towns = roster.tree.get(self.round.county, {})
        if town not in towns:
            hint = did_you_mean(town, list(towns))
            self.fail(
                row, "town", "sheet-unknown-town", town=town, county=self.round.county, hint=hint
            )
            return False
        if village and village not in towns[town]:
            hint = did_you_mean(village, list(towns[town]))
            self.fail(
                row, "village", "sheet-unknown-village", village=village, town=town, hint=hint
            )
            return False
        return True

    def _household(self, row: int, town: str | None, village: str | None, head: str) -> str | None:
        """The household id of ``head`` (a head's name or an id) in the village."""
        roster = self.round.roster
        if roster is not None and head in roster.households:
            return head
        if roster is None or not town or not village:
            key = "sheet-household-no-roster" if roster is None else "sheet-household-no-village"
            self.fail(row, "household", key, head=head)
            return None
        found = self._heads(town, village).get(head, [])
        if len(found) == 1:
            return found[0]
        if found:
            ids = "、".join(found)
            self.fail(
                row, "household", "sheet-household-ambiguous", head=head, village=village, ids=ids
            )
        else:
            hint = did_you_mean(head, list(self._heads(town, village)))
            values = {"head": head, "town": town, "village": village, "hint": hint}
            self.fail(row, "household", "sheet-household-unknown", **values)
        return None

    def _heads(self, town: str, village: str) -> dict[str, list[str]]:
        """Head's name → household ids, for each village of the county (the roster read once)."""
        if self.heads is None:
            self.heads = {}
            roster = self.round.roster
            assert roster is not None
            for row, details in enumerate(roster.every_details()):
                county, town_name, village_name, _ = roster.place(row)
                if county == self.round.county:
                    heads = self.heads.setdefault((town_name, village_name), {})
                    heads.setdefault(details[0], []).append(roster.ids[row].decode())
        return self.heads.get((town, village), {})


def _items(text: str) -> list[str]:
    return [item.strip() for item in _SPLIT.split(text) if item.strip()]
