"""JSON: the report's plain data, rates as fractions (0.75) or null where nothing divides."""

from __future__ import annotations

import json
from typing import Any

from inspectcli import __version__
from inspectcli.report.model import AccountabilityRow, LedgerRow, Member, Report, Tally


def tally_json(tally: Tally) -> dict[str, Any]:
    return {
        "findings": tally.findings,
        "rectified": tally.rectified,
        "verified": tally.verified,
        "overdue": tally.overdue,
        "on_time": tally.on_time,
        "settled": tally.settled,
        "rectification_rate": tally.rectification_rate,
        "on_time_rate": tally.on_time_rate,
    }


def _counts(report: Report, tally: Tally) -> dict[str, Any]:
    """A row's counts; by household group, the households visited too."""
    if report.by == "household-group":
        return {"households_visited": tally.visited, **tally_json(tally)}
    return tally_json(tally)


def _ledger_json(row: LedgerRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "county": row.county,
        "description": row.description,
        "target": row.target,
        "measures": row.measures,
        "lead": row.lead,
        "unit": row.unit,
        "person": row.person,
        "deadline": row.deadline.isoformat(),
        "extended": row.extended,
        "status": row.status,
        "completed": row.completed.isoformat() if row.completed else None,
        "state": row.state,
        "overdue": row.overdue,
        "path": row.path,
    }


def _accountability_json(row: AccountabilityRow) -> dict[str, Any]:
    return {
        "level": row.level,
        "unit": row.unit,
        "mis_identified": row.mis_identified,
        "wrongly_exited": row.wrongly_exited,
        "people": row.people,
        "population": row.population,
        "permille": row.permille,
        "reached": [
            {
                "rule": r.rule,
                "conditions": list(r.conditions),
                "consequence": r.consequence,
                "source": r.source,
            }
            for r in row.reached
        ],
    }


def _member_json(member: Member) -> dict[str, Any]:
    return {
        "name": member.name,
        "path": member.path,
        "authority": member.authority,
        "policy": member.policy,
        "counted": member.total is not None,
        "problems": member.problems,
        "total": tally_json(member.total) if member.total is not None else None,
    }


def to_data(report: Report) -> dict[str, Any]:
    data = {
        "tool": "inspectcli",
        "version": __version__,
        "authority": report.authority,
        "policy": report.policy,
        "period": {
            "label": report.period.label,
            "first": report.period.first.isoformat(),
            "last": report.period.last.isoformat(),
        },
        "by": report.by,
        "as_of": report.as_of.isoformat(),
        "summary": [
            {"key": row.key, "role": row.role, "label": row.label, **_counts(report, row.tally)}
            for row in report.rows
        ],
        "total": _counts(report, report.total),
        "ledger": [_ledger_json(row) for row in report.ledger],
        "accountability": [_accountability_json(row) for row in report.accountability],
        "accountability_rules": report.rules,
        "warnings": list(report.warnings),
    }
    if report.members:  # a roll-up of several repositories
        data["members"] = [_member_json(member) for member in report.members]
    return data


def to_json(report: Report) -> str:
    """One line: a year's ledger is tens of thousands of rows, and indenting them would
    triple the time (Python's C encoder serves unindented output only)."""
    return json.dumps(to_data(report), ensure_ascii=False) + "\n"
