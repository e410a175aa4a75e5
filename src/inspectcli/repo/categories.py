"""The roster's household categories against the policy in force.

The roster reader accepts every category of the table it is given (the built-in ones and
the policy's own, ``model.common.CategoryTable``); which of them a repository may use is
the policy's (``Policy.household_categories``), checked here on the read roster, apart
from the reader.
"""

from __future__ import annotations

from collections.abc import Iterable

from inspectcli.messages import did_you_mean, enumeration, t, word
from inspectcli.model.common import HOUSEHOLD_STATUSES
from inspectcli.problems import Problem, Severity
from inspectcli.repo.roster import Roster
from inspectcli.repo.yamlread import problem_at

MAX_REPORTED = 200  # as the roster reader caps its own problems


def outside_policy(roster: Roster, allowed: Iterable[str], policy: str) -> list[Problem]:
    """One problem per household whose category the policy ``policy`` does not have."""
    wanted = tuple(allowed)
    allowed_codes = {code for code, c in enumerate(roster.categories) if c in wanted}
    if set(roster.statuses) <= allowed_codes:  # the usual case, one pass in C
        return []
    choices = enumeration(wanted)
    column = _status_column(roster)
    found: list[Problem] = []
    for row, code in enumerate(roster.statuses):
        if code in allowed_codes:
            continue
        category = roster.categories[code]
        shown = f"{category} ({word(category)})" if category in HOUSEHOLD_STATUSES else category
        message = t(
            "status-not-in-policy",
            id=roster.ids[row].decode(),
            status=shown,
            policy=policy,
            choices=choices,
            hint=did_you_mean(category, wanted),
        )
        line = roster.lines[row]
        found.append(problem_at(roster.path, line, column, "status-not-in-policy", message))
        if len(found) == MAX_REPORTED:
            break
    return found


def statuses_unchecked(roster: Roster, problems: list[Problem], policy: str) -> list[Problem]:
    """``problems`` of the roster read without the policy in force (it cannot be read),
    each category it does not know put aside: the policy's own categories are unknown
    with it, and a line for each of their rows would bury the policy's own fault. One
    warning in their place, at the first, names the policy."""
    column = _status_column(roster)
    unknown = [
        p
        for p in problems
        if p.code == "csv-bad-choice" and p.path == roster.path and p.column == column
    ]
    if not unknown:
        return problems
    first = unknown[0]
    message = t("roster-status-unchecked", rows=len(unknown), line=first.line, policy=policy)
    note = first._replace(
        severity=Severity.WARNING, code="roster-status-unchecked", message=message
    )
    aside = set(unknown)
    return [note if p is first else p for p in problems if p is first or p not in aside]


def _status_column(roster: Roster) -> int:
    """The 1-based column of ``status`` in a CSV roster; 0 in a roster document."""
    columns = getattr(roster.details, "columns", None)
    if isinstance(columns, dict) and "status" in columns:
        return int(columns["status"]) + 1
    return 0
