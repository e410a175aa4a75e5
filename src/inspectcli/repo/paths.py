"""Where the files ``inspect.yaml`` names are: inside the repository, always.

In CI a pull request can change ``inspect.yaml``, so a path in it (the roster, the
templates folder) may not lead out of the repository, neither by ``..``, nor as an
absolute path, nor through a symlink. An office that keeps its roster outside on purpose
(it holds personal data and need not be pushed) names it from the machine itself: the
environment variable INSPECT_ROSTER, or ``roster:`` in ``inspect.local.yaml``, a file
git must not track (``inspect init`` lists it in ``.gitignore``).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import NamedTuple

from inspectcli.messages import t
from inspectcli.problems import Problem
from inspectcli.repo.fileread import YAML_LIMIT, FileProblem, file_problem, read_file
from inspectcli.repo.layout import LOCAL_SETTINGS, SETTINGS_FILE

ROSTER_ENV = "INSPECT_ROSTER"


class RosterPlace(NamedTuple):
    path: Path
    display: str  # as messages name it: relative to the root for the repository's own
    root: Path | None  # the folder it must not leave once symlinks are followed; None: any


def inside(root: Path, value: str, field: str) -> Path:
    """``root / value`` when the path itself stays in the repository (neither absolute nor
    climbing out with ``..``); else FileProblem at ``field`` of ``inspect.yaml``. A symlink
    on the way is judged when the file is read (``read_file(root=...)``), at the file."""
    normal = os.path.normpath(value)
    if os.path.isabs(value) or normal == ".." or normal.startswith(".." + os.sep):
        raise FileProblem(_settings_problem(root, field, t("setting-outside", field=field)))
    return root / value


def _settings_problem(root: Path, field: str, message: str) -> Problem:
    from inspectcli.repo.schema_errors import located
    from inspectcli.repo.yamlread import parse

    try:
        raw = read_file(root / SETTINGS_FILE, SETTINGS_FILE, limit=YAML_LIMIT, root=root)
    except FileProblem:
        raw = b""
    root_node = parse(SETTINGS_FILE, raw).root
    return located(SETTINGS_FILE, root_node, (field,), "outside-repository", message)


def roster_place(root: Path, committed: str | None) -> RosterPlace | None:
    """The roster: INSPECT_ROSTER, else ``roster:`` of ``inspect.local.yaml``, else the
    committed ``roster:`` of ``inspect.yaml`` (inside the repository); None: no roster."""
    local = machine_roster(root)
    if local is not None:
        return RosterPlace(local, local.as_posix(), None)
    if committed is None:
        return None
    return RosterPlace(inside(root, committed, "roster"), committed, root)


def machine_roster(root: Path) -> Path | None:
    """The roster this machine names, which may lie outside the repository."""
    named = os.environ.get(ROSTER_ENV)
    if named:
        return Path(named)
    local = root / LOCAL_SETTINGS
    if not os.path.lexists(local):
        return None
    raw = read_file(local, LOCAL_SETTINGS, limit=YAML_LIMIT, root=root)
    if _tracked(root, LOCAL_SETTINGS):
        raise file_problem(LOCAL_SETTINGS, "local-settings-tracked", t("local-settings-tracked"))
    return _local_roster(root, raw)


def _local_roster(root: Path, raw: bytes) -> Path | None:
    from inspectcli.repo.yamlread import parse

    parsed = parse(LOCAL_SETTINGS, raw)
    if parsed.problems:
        raise FileProblem(parsed.problems[0])
    data = parsed.data
    if (
        not isinstance(data, dict)
        or set(data) - {"roster"}
        or not isinstance(data.get("roster", ""), str)
    ):
        raise file_problem(LOCAL_SETTINGS, "local-settings-invalid", t("local-settings-invalid"))
    value = data.get("roster")
    return None if not value else (root / os.path.expanduser(value))


def _tracked(root: Path, name: str) -> bool:
    """Whether git tracks ``name`` in ``root``; without git (or outside a git repository)
    nothing is tracked."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "ls-files", "--error-unmatch", "--", name],
            capture_output=True,
            check=False,
        )
    except OSError:
        return False
    return done.returncode == 0
