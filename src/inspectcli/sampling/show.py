"""A draw for people: masked personal data, a rich table, a JSON object."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from inspectcli.messages import t
from inspectcli.sampling.frame import Detail
from inspectcli.sampling.method import METHOD, Draw


def mask_id_number(text: str) -> str:
    """Keep the first four and last four characters: 4401**********1234."""
    if len(text) <= 8:
        return "*" * len(text)
    return text[:4] + "*" * (len(text) - 8) + text[-4:]


def mask_phone(text: str) -> str:
    """Keep the first three and last four digits: 138****5678."""
    if len(text) <= 7:
        return "*" * len(text)
    return text[:3] + "*" * (len(text) - 7) + text[-4:]


def _detail(details: Mapping[str, Detail], household: str) -> dict[str, str]:
    detail = details.get(household)
    if detail is None:
        return {}
    return {
        "head": detail.head,
        "id_number": mask_id_number(detail.id_number),
        "phone": mask_phone(detail.phone),
    }


def as_json(result: Draw, details: Mapping[str, Detail], extra: dict[str, Any]) -> dict[str, Any]:
    return {
        **extra,
        "seed": result.seed,
        "method": METHOD,
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


def table_rows(result: Draw, details: Mapping[str, Detail]) -> list[tuple[str, ...]]:
    """level, unit, class or status, head, ID number, phone, ticket (shortened)."""
    rows: list[tuple[str, ...]] = []
    for town in result.towns:
        rows.append((t("sample-level-town"), town.id, "", "", "", "", town.ticket[:12]))
    for village in result.villages:
        rows.append(
            (t("sample-level-village"), village.id, village.label, "", "", "", village.ticket[:12])
        )
        for household in (h for h in result.households if h.parent == village.id):
            shown = _detail(details, household.id)
            rows.append(
                (
                    t("sample-level-household"),
                    household.id,
                    household.label,
                    shown.get("head", ""),
                    shown.get("id_number", ""),
                    shown.get("phone", ""),
                    household.ticket[:12],
                )
            )
    return rows


def print_table(result: Draw, details: Mapping[str, Detail], title: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for name in ("level", "unit", "class", "head", "id-number", "phone", "ticket"):
        table.add_column(t(f"sample-column-{name}"))
    for row in table_rows(result, details):
        table.add_row(*row)
    Console().print(table)
