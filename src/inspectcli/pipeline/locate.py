"""Lines and columns for what the cross-file rules report, each file parsed once."""

from __future__ import annotations

from pathlib import Path

import yaml

from inspectcli.checks.repository import RepoViolation
from inspectcli.problems import Problem
from inspectcli.repo.fileread import FileProblem
from inspectcli.repo.layout import read_yaml
from inspectcli.repo.schema_errors import located
from inspectcli.repo.yamlread import parse


class NodeTrees:
    """The YAML node tree of each file a problem is located in, parsed once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.parsed: dict[str, yaml.Node | None] = {}

    def tree(self, path: str) -> yaml.Node | None:
        if path not in self.parsed:
            try:
                self.parsed[path] = parse(path, read_yaml(self.root, path)).root
            except FileProblem:
                self.parsed[path] = None
        return self.parsed[path]

    def place(self, path: str, loc: tuple[str | int, ...]) -> str:
        """``path:line`` of ``loc``, for a message that names another place."""
        line = located(path, self.tree(path), loc, "", "").line
        return f"{path}:{line}"


def locate_all(
    root: Path, violations: list[RepoViolation], trees: NodeTrees | None = None
) -> list[Problem]:
    """Give each violation its line and column, parsing each file concerned once."""
    trees = trees or NodeTrees(root)
    return [
        located(v.path, trees.tree(v.path), v.loc, v.code, v.message, v.severity)
        for v in violations
    ]
