"""The default output: a table sorted by due date, coloured by state, warnings below it."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from inspectcli.deadlines.model import Agenda, Deadline, State
from inspectcli.deadlines.positions import Positions
from inspectcli.messages import t
from inspectcli.model.moment import time_of
from inspectcli.output import say
from inspectcli.output.escape import visible
from inspectcli.output.linebreak import print_broken, wrap
from inspectcli.output.tables import cell, fit

STYLE: dict[State, str] = {
    State.OVERDUE: "bold red",
    State.DUE_TODAY: "bold yellow",
    State.DUE_SOON: "yellow",
    State.UPCOMING: "",
    State.PENDING: "cyan",
    State.DONE: "green",
    State.DONE_LATE: "magenta",
    State.PAST: "dim",
}


def state_label(state: State) -> str:
    return t(f"deadline-state-{state.value}")


def detail(deadline: Deadline) -> str:
    """``3 working day(s) overdue`` or ``on 2026-10-08``: what the state alone does not say."""
    hour = time_of(deadline.due)
    if deadline.state is State.OVERDUE and hour is not None and not deadline.overdue_working_days:
        return t("deadline-overdue-since", time=f"{hour:%H:%M}")  # due today at an hour
    if deadline.state is State.OVERDUE:
        return t("deadline-overdue-by", days=deadline.overdue_working_days)
    if deadline.done_on is not None and deadline.state in (State.DONE, State.DONE_LATE):
        return t("deadline-done-on", date=deadline.done_on.isoformat())
    return state_label(deadline.state)


def summary(agenda: Agenda) -> str:
    if not agenda.deadlines:
        return t("deadline-none")
    return t(
        "deadline-summary",
        total=len(agenda.deadlines),
        overdue=agenda.count(State.OVERDUE),
        today=agenda.count(State.DUE_TODAY),
        soon=agenda.count(State.DUE_SOON),
        upcoming=agenda.count(State.UPCOMING),
        done=agenda.count(State.DONE) + agenda.count(State.DONE_LATE),
        late=agenda.count(State.DONE_LATE),
        pending=agenda.count(State.PENDING),
    )


def _state_cell(deadline: Deadline, separator: str = "\n") -> Text:
    text = Text(state_label(deadline.state), style=STYLE[deadline.state])
    if deadline.state is State.OVERDUE or deadline.done_on is not None:
        text.append(separator + detail(deadline), style="dim")
    return text


def _due_cell(deadline: Deadline) -> Text:
    due = deadline.due.isoformat() + ("?" if deadline.uncertain else "")
    return Text(due, style=STYLE[deadline.state])


def _subject_cell(deadline: Deadline, positions: Positions) -> Text:
    text = cell(deadline.subject)
    where = positions.where(deadline)
    if where:
        text.append("\n" + visible(where), style="dim")
    return text


def _what_cell(deadline: Deadline) -> Text:
    text = cell(deadline.title)
    text.append("\n" + visible(deadline.rule), style="dim")
    return text


def build_table(agenda: Agenda, positions: Positions) -> Table:
    title = t("deadline-table-title", date=agenda.as_of.isoformat(), within=agenda.within)
    table = Table(title=title, show_lines=True)
    table.add_column(t("deadline-column-due"), no_wrap=True)
    table.add_column(t("deadline-column-state"))
    table.add_column(t("deadline-column-kind"))
    table.add_column(t("deadline-column-subject"), overflow="fold")
    table.add_column(t("deadline-column-what"), ratio=1, overflow="fold")
    for deadline in agenda.deadlines:
        table.add_row(
            _due_cell(deadline),
            _state_cell(deadline),
            deadline.kind.shown,
            _subject_cell(deadline, positions),
            _what_cell(deadline),
        )
    return table


# Below this width a table's text column would be a few characters wide: list instead.
TABLE_WIDTH = 110


def _print_list(agenda: Agenda, positions: Positions, console: Console) -> None:
    """The narrow-terminal layout: one block of three lines per deadline."""
    console.print(
        Text(
            t("deadline-table-title", date=agenda.as_of.isoformat(), within=agenda.within),
            style="bold",
        )
    )
    for deadline in agenda.deadlines:
        head = _due_cell(deadline)
        head.append("  ")
        head.append_text(_state_cell(deadline, t("separator")))
        head.append(f"  {deadline.kind.shown}  {visible(deadline.subject)}")
        print_broken(console, head)
        where = positions.where(deadline)
        _print_indented(console, cell(deadline.title + (f"  ({where})" if where else "")))
        _print_indented(console, cell(deadline.rule, style="dim"))


INDENT = "    "


def _print_indented(console: Console, text: Text) -> None:
    """``text`` indented as a block: a line that wraps stays under its deadline."""
    for line in wrap(text, max(console.width - len(INDENT), 20)).split("\n"):
        console.print(Text(INDENT).append_text(line), soft_wrap=True)


def print_table(agenda: Agenda, positions: Positions, console: Console | None = None) -> None:
    """The table (or, on a narrow terminal, a list), then the summary, then every warning.

    Honours NO_COLOR and COLUMNS.
    """
    console = console or Console(highlight=False)
    if agenda.deadlines and console.width >= TABLE_WIDTH:
        table = build_table(agenda, positions)
        fit(table, console)  # a file:line stays whole, so that an editor can open it
        console.print(table)
    elif agenda.deadlines:
        _print_list(agenda, positions, console)
    style = "bold red" if agenda.count(State.OVERDUE) else ""
    # On standard error, as every summary and warning: the table alone is the data.
    say.note_text(Text(summary(agenda), style=style))
    for warning in agenda.warnings:
        say.note_text(Text(t("deadline-warning", message=warning), style="yellow"))
