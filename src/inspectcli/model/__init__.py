"""The documents of a case repository, as pydantic models.

Every YAML file says what it is with ``kind`` and ``version`` at its top; ``KINDS`` maps
each kind to its model, so loading needs no path convention.
"""

from __future__ import annotations

from inspectcli.model.base import Document
from inspectcli.model.calendar import CalendarDocument
from inspectcli.model.findings import FindingsDocument
from inspectcli.model.plan import PlanDocument
from inspectcli.model.policy import PolicyDocument
from inspectcli.model.roster import RosterDocument
from inspectcli.model.settings import SettingsDocument

KINDS: dict[str, type[Document]] = {
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
