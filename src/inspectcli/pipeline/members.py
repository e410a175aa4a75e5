"""The repositories of a roll-up: paths given on the command line, or a members file.

A members file is a small YAML file that lists case repositories (folders), relative to
the file itself::

    # 全市汇总
    members:
      - ../anfeng
      - ../hecheng

It is not a case repository's ``inspect.yaml`` (whose settings stay the repository's own):
any file name, read with the one YAML reader (positions, duplicate keys, encodings).
"""

from __future__ import annotations

from pathlib import Path

from inspectcli.messages import t
from inspectcli.pipeline.repository import RepositoryError
from inspectcli.problems import Problem, errors
from inspectcli.repo.fileread import FileProblem, read_file
from inspectcli.repo.yamlread import node_problem, parse, problem_at

MAX_MEMBERS_FILE = 1_000_000  # bytes: a list of folders


def expand(paths: list[Path]) -> list[Path]:
    """Every folder named, with a members file replaced by the folders it lists.
    RepositoryError (with positions) when a members file cannot be read."""
    found: list[Path] = []
    for path in paths:
        found += members_of(path) if path.is_file() else [path]
    return found


def members_of(path: Path) -> list[Path]:
    display = str(path)
    try:
        raw = read_file(path, display, limit=MAX_MEMBERS_FILE)
    except FileProblem as error:
        raise RepositoryError([error.problem]) from None
    parsed = parse(display, raw)
    if errors(parsed.problems) or parsed.data is None:
        raise RepositoryError(errors(parsed.problems) or parsed.problems)
    data = parsed.data
    listed = data.get("members") if isinstance(data, dict) else None
    if not isinstance(listed, list) or not listed:
        raise RepositoryError([_problem(display, parsed.root, t("members-file-shape"))])
    bad = [index for index, item in enumerate(listed) if not isinstance(item, str) or not item]
    if bad:
        raise RepositoryError([_item_problem(display, parsed.root, bad[0])])
    return [path.parent / item for item in listed]


def _problem(display: str, root: object, message: str) -> Problem:
    import yaml

    if isinstance(root, yaml.Node):
        return node_problem(display, root, "members-file", message)
    return problem_at(display, 1, 1, "members-file", message)


def _item_problem(display: str, root: object, index: int) -> Problem:
    """The position of the ``index``-th entry of ``members``."""
    import yaml

    message = t("members-file-item")
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "members" and isinstance(value, yaml.SequenceNode):
                return node_problem(display, value.value[index], "members-file", message)
    return _problem(display, root, message)
