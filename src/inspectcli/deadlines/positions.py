"""Line numbers of the fields deadlines come from, for annotations and JSON."""

from __future__ import annotations

from pathlib import Path

from inspectcli.deadlines.model import Deadline
from inspectcli.repo.fileread import FileProblem
from inspectcli.repo.layout import display_path, read_yaml
from inspectcli.repo.yamlread import Parsed, locate, parse


class Positions:
    """Reads each file at most once; a file that cannot be read gives line 0 (unknown)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._parsed: dict[str, Parsed | None] = {}

    def _parse(self, path: str) -> Parsed | None:
        if path not in self._parsed:
            try:
                raw = read_yaml(self.root, path)
            except FileProblem:
                self._parsed[path] = None
            else:
                self._parsed[path] = parse(path, raw)
        return self._parsed[path]

    def line(self, deadline: Deadline) -> int:
        """The 1-based line of the deadline's field, or 0 when it has no file."""
        if deadline.path is None:
            return 0
        parsed = self._parse(deadline.path)
        node = locate(parsed.root, deadline.loc) if parsed is not None else None
        return node.start_mark.line + 1 if node is not None else 0

    def shown(self, deadline: Deadline) -> str | None:
        """The deadline's file as ``inspect validate`` names it (from the current folder),
        so that annotations land on their file when the repository is a subfolder."""
        return None if deadline.path is None else display_path(self.root, deadline.path)

    def where(self, deadline: Deadline) -> str:
        """``findings/r1.yaml:27`` (or the path alone, or nothing)."""
        if deadline.path is None:
            return ""
        line = self.line(deadline)
        return f"{deadline.path}:{line}" if line else deadline.path
