"""A private copy of the example repository to edit, and a way to run one transition."""

from __future__ import annotations

import shutil
from functools import partial
from pathlib import Path
from typing import Any

from inspectcli.pipeline.repository import open_repository
from inspectcli.tracking import lifecycle
from inspectcli.tracking.store import Outcome, apply

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TESTDATA = Path(__file__).parent / "testdata"


def copy_examples(target: Path) -> Path:
    shutil.copytree(EXAMPLES, target, ignore=shutil.ignore_patterns("tools", "schemas"))
    return target


def run(root: Path, finding_id: str, name: str, dry_run: bool = False, **options: Any) -> Outcome:
    """Apply the transition ``name`` of ``inspectcli.tracking.lifecycle`` with ``options``."""
    transition = partial(getattr(lifecycle, name), **options)
    return apply(open_repository(root), finding_id, transition, dry_run=dry_run)
