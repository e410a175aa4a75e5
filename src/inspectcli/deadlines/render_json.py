"""``--format json``: every deadline, its state and position, and the calendar's warnings."""

from __future__ import annotations

import json
from typing import Any

from inspectcli import __version__
from inspectcli.deadlines.model import Agenda, Deadline, State
from inspectcli.deadlines.positions import Positions


def _item(deadline: Deadline, positions: Positions) -> dict[str, Any]:
    return {
        "kind": deadline.kind.value,
        "kind_zh": deadline.kind.chinese,
        "subject": deadline.subject,
        "title": deadline.title,
        "due": deadline.due.isoformat(),
        "state": deadline.state.value,
        "overdue_working_days": deadline.overdue_working_days,
        "done_on": deadline.done_on.isoformat() if deadline.done_on else None,
        "rule": deadline.rule,
        "path": positions.shown(deadline),
        "line": positions.line(deadline) or None,
        "field": deadline.field or None,
        "uid": deadline.uid,
        "calendar_known": not deadline.uncertain,
        "explanation": list(deadline.steps),
    }


def to_json(agenda: Agenda, positions: Positions) -> str:
    document = {
        "tool": "inspectcli",
        "version": __version__,
        "as_of": agenda.as_of.isoformat(),
        "within": agenda.within,
        "counts": {state.value: agenda.count(state) for state in State},
        "deadlines": [_item(d, positions) for d in agenda.deadlines],
        "warnings": agenda.warnings,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
