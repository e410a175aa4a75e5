"""JSON: the report's plain data, rates as fractions (0.75) or null where nothing divides."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from inspectcli import __version__
from inspectcli.report.model import LedgerRow, Report, Tally


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


def _ledger_json(row: LedgerRow) -> dict[str, Any]:
    data = dataclasses.asdict(row)
    data["deadline"] = row.deadline.isoformat()
    data["completed"] = row.completed.isoformat() if row.completed else None
    data["overdue"] = row.overdue
    return data


def to_data(report: Report) -> dict[str, Any]:
    return {
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
            {"key": row.key, "label": row.label, **tally_json(row.tally)} for row in report.rows
        ],
        "total": tally_json(report.total),
        "ledger": [_ledger_json(row) for row in report.ledger],
        "accountability": [dataclasses.asdict(row) for row in report.accountability],
        "accountability_rules": report.rules,
        "warnings": list(report.warnings),
    }


def to_json(report: Report) -> str:
    return json.dumps(to_data(report), ensure_ascii=False, indent=2) + "\n"
