"""Build a test repository: the valid base with a case's files laid over it."""

from __future__ import annotations

import shutil
from pathlib import Path

TESTDATA = Path(__file__).parent / "testdata"
BASE = TESTDATA / "base"
EXPECTED = "expected.txt"
# Negative cases of a rule that warns: they report their warning and no error (exit code 0).
WARNING_CASES = frozenset({"content-outside-plan", "personal-data-in-text"})


def make_repo(case: Path | None, target: Path) -> Path:
    shutil.copytree(BASE, target)
    if case is not None:
        for source in case.rglob("*"):
            if source.is_file() and source.name != EXPECTED:
                destination = target / source.relative_to(case)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, destination)
    return target
