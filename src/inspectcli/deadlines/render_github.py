"""``--format github``: workflow commands, so CI shows each deadline on its file and line."""

from __future__ import annotations

from inspectcli.deadlines.model import Agenda, Deadline, State
from inspectcli.deadlines.positions import Positions
from inspectcli.deadlines.render_table import detail, state_label, summary
from inspectcli.messages import t
from inspectcli.output.problems import github_escape as escape

# States that trigger --fail-on are errors; the rest that need attention are warnings.
_COMMAND = {
    State.OVERDUE: "error",
    State.DUE_TODAY: "warning",
    State.DUE_SOON: "warning",
    State.PENDING: "notice",
}


def _annotation(deadline: Deadline, command: str, positions: Positions) -> str:
    props = []
    path = positions.shown(deadline)
    if path is not None:
        props.append(f"file={escape(path, property_value=True)}")
        line = positions.line(deadline)
        if line:
            props.append(f"line={line}")
    kind = f"{deadline.kind.value} ({deadline.kind.chinese})"
    title = t("deadline-github-title", kind=kind, state=state_label(deadline.state))
    props.append(f"title={escape(title, property_value=True)}")
    message = t(
        "deadline-github-message",
        title=deadline.title,
        due=deadline.due.isoformat(),
        detail=detail(deadline),
        rule=deadline.rule,
    )
    return f"::{command} {','.join(props)}::{escape(message)}"


def to_github(agenda: Agenda, positions: Positions, failing: frozenset[State]) -> str:
    lines = []
    for deadline in agenda.deadlines:
        command = "error" if deadline.state in failing else _COMMAND.get(deadline.state)
        if command is not None:
            lines.append(_annotation(deadline, command, positions))
    lines += [f"::warning::{escape(warning)}" for warning in agenda.warnings]
    lines.append(summary(agenda))
    return "\n".join(lines) + "\n"
