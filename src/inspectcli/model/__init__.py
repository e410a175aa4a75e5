"""The documents of a case repository, as pydantic models.

Every YAML file says what it is with ``kind`` and ``version`` at its top; ``KINDS`` maps
each kind to its model, so loading needs no path convention.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from inspectcli.model.base import Document
    from inspectcli.model.calendar import CalendarDocument
    from inspectcli.model.findings import FindingsDocument
    from inspectcli.model.plan import PlanDocument
    from inspectcli.model.policy import PolicyDocument
    from inspectcli.model.roster import RosterDocument
    from inspectcli.model.settings import SettingsDocument

    KINDS: dict[str, type[Document]]

# Where each name lives: importing one model (``inspectcli.model.common`` for the lists
# of statuses, say) does not build every model, which costs a tenth of a second.
_HOMES = {
    "Document": "base",
    "CalendarDocument": "calendar",
    "FindingsDocument": "findings",
    "PlanDocument": "plan",
    "PolicyDocument": "policy",
    "RosterDocument": "roster",
    "SettingsDocument": "settings",
}


def __getattr__(name: str) -> Any:
    if name == "KINDS":
        kinds = _kinds()
        globals()["KINDS"] = kinds
        return kinds
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{home}"), name)


def _kinds() -> dict[str, type[Document]]:
    """Each kind to its model."""
    from inspectcli.model.calendar import CalendarDocument
    from inspectcli.model.findings import FindingsDocument
    from inspectcli.model.plan import PlanDocument
    from inspectcli.model.policy import PolicyDocument
    from inspectcli.model.roster import RosterDocument
    from inspectcli.model.settings import SettingsDocument

    return {
        "settings": SettingsDocument,
        "policy": PolicyDocument,
        "roster": RosterDocument,
        "plan": PlanDocument,
        "findings": FindingsDocument,
        "calendar": CalendarDocument,
    }


__all__ = [
    "KINDS",
    "CalendarDocument",
    "Document",
    "FindingsDocument",
    "PlanDocument",
    "PolicyDocument",
    "RosterDocument",
    "SettingsDocument",
]
