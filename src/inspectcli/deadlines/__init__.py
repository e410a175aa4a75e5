"""Deadlines derived from the case files and the policy, and their renderings."""

from __future__ import annotations

from inspectcli.deadlines.derive import compute
from inspectcli.deadlines.model import Agenda, Deadline, Kind, State

__all__ = ["Agenda", "Deadline", "Kind", "State", "compute"]
