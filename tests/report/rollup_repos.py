"""Three invented case repositories under three policies, for the roll-up's tests.

``suzhou-a`` is the hand-counted repository of ``helpers`` (Suzhou, with accountability
rules and a roster); ``daan-b`` holds the same files under the Daan policy (no
accountability rules; its counties 甲县 and 乙县 are the first one's names, so their
rows add up); ``qinghe`` is a copy of ``examples/`` (Heyuan).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .helpers import write_repo

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ARGS = ("--period", "2026", "--as-of", "2026-12-15")


def three_repositories(folder: Path) -> list[Path]:
    suzhou = write_repo(folder / "suzhou-a")
    daan = write_repo(folder / "daan-b")
    settings = daan / "inspect.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("preset: suzhou", "preset: daan"),
        encoding="utf-8",
    )
    qinghe = folder / "qinghe"
    shutil.copytree(EXAMPLES, qinghe)
    return [suzhou, daan, qinghe]
