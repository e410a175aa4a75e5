"""Print the declared minimum of every runtime dependency as an exact pin (`name==floor`),
read from pyproject.toml, so CI can install the floors without a second, hand-kept list."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

_FLOOR = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*>=\s*([^,;\s]+)")


def floors(pyproject: Path) -> list[str]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    pins = []
    for requirement in project["dependencies"]:
        match = _FLOOR.match(requirement)
        if match is None:
            sys.exit(f"{requirement!r} in pyproject.toml declares no floor (name>=version)")
        name, extras, version = match.groups()
        pins.append(f"{name}{extras or ''}=={version}")
    return pins


if __name__ == "__main__":
    print("\n".join(floors(Path(__file__).resolve().parent.parent / "pyproject.toml")))
