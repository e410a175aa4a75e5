"""A draw for people: masked personal data, a rich table, a JSON object."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

from inspectcli import i18n
from inspectcli.messages import t, word
from inspectcli.redact import mask, mask_value
from inspectcli.sampling.frame import Detail
from inspectcli.sampling.method import Draw


def _detail(details: Mapping[str, Detail], household: str) -> dict[str, str]:
    detail = details.get(household)
    if detail is None:
        return {}
    return {
        "head": mask(detail.head),  # an ID typed into the name cell
        "id_number": mask_value(detail.id_number),
        "phone": mask_value(detail.phone),
    }


def as_json(result: Draw, details: Mapping[str, Detail], extra: dict[str, Any]) -> dict[str, Any]:
    return {
        **extra,
        "seed": result.seed,
        "method": result.method,
        "frame_sha256": result.frame_sha256,
        "excluded": list(result.excluded),
        "towns": [{"id": c.id, "ticket": c.ticket} for c in result.towns],
        "villages": [
            {"id": c.id, "town": c.parent, "class": c.label, "ticket": c.ticket}
            for c in result.villages
        ],
        "households": [
            {
                "id": c.id,
                "village": c.parent,
                "status": c.label,
                "ticket": c.ticket,
                **_detail(details, c.id),
            }
            for c in result.households
        ],
    }


WIDE_ENOUGH = 100  # terminal columns for the ticket column too


def _label(value: str, names: Mapping[str, str]) -> str:
    """A class or category in the user's language: a policy's own category by its Chinese
    name (``names``), which the tool has no word for."""
    shown = word(value)
    return names.get(value, value) if shown == value and i18n.language() == "zh" else shown


def table_rows(
    result: Draw, details: Mapping[str, Detail], names: Mapping[str, str] | None = None
) -> list[tuple[str, ...]]:
    """level, unit, class or status, head, ID number, phone, ticket (shortened)."""
    names = names or {}
    rows: list[tuple[str, ...]] = []
    for town in result.towns:
        rows.append((t("sample-level-town"), town.id, "", "", "", "", town.ticket[:12]))
    for village in result.villages:
        rows.append(
            (
                t("sample-level-village"),
                village.id,
                word(village.label),
                "",
                "",
                "",
                village.ticket[:12],
            )
        )
        for household in (h for h in result.households if h.parent == village.id):
            shown = _detail(details, household.id)
            rows.append(
                (
                    t("sample-level-household"),
                    household.id,
                    _label(household.label, names),
                    shown.get("head", ""),
                    shown.get("id_number", ""),
                    shown.get("phone", ""),
                    household.ticket[:12],
                )
            )
    return rows


def print_table(
    result: Draw,
    details: Mapping[str, Detail],
    title: str,
    names: Mapping[str, str] | None = None,
) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    from inspectcli.messages import enumeration
    from inspectcli.output.tables import cell, fit, leave_out, text_width

    console = Console()
    # Below 100 columns the tickets (whole in the plan file and in --format json) are left
    # out, so that the unit's id, where the officer goes, is never cut.
    wide = console.width >= WIDE_ENOUGH
    # Two spaces between columns: each pads its right, the (blank) rule adds one. Not
    # collapse_padding, which rich measures one cell short and so cut the first column.
    table = Table(title=title, box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1, 0, 0))
    column = partial(table.add_column, overflow="fold")
    rows = table_rows(result, details, names)
    # A village's id whole (石岭县/龙湾镇/龙湾村), where a heading can wrap between words.
    units = max((text_width(row[1]) for row in rows), default=0)
    column(t("sample-column-level"), no_wrap=True)
    column(t("sample-column-unit"), min_width=max(14, units))
    column(t("sample-column-class"), min_width=10)
    column(t("sample-column-head"), no_wrap=True)
    column(t("sample-column-id-number"), no_wrap=True)
    column(t("sample-column-phone"), no_wrap=True)
    if wide:
        column(t("sample-column-ticket"), no_wrap=True, overflow="ellipsis")
    for row in rows:
        table.add_row(*(cell(text) for text in (row if wide else row[:-1])))
    # On a narrow terminal the masked numbers give way, so that the ids stay whole.
    left = leave_out(table, console, table.columns[4:6])
    if left:
        headings = enumeration([str(column.header) for column in left])
        table.caption = t("sample-narrow", columns=headings)
    fit(table, console)
    console.print(table)
