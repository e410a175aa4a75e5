"""Where a case repository's files are: its root, its settings file, its YAML files, and
how a command writes their paths."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable
from pathlib import Path

from inspectcli.repo.fileread import YAML_LIMIT, read_file

SETTINGS_FILE = "inspect.yaml"
# This machine's own settings (the roster kept outside the repository): never a case file.
LOCAL_SETTINGS = "inspect.local.yaml"
YAML_SUFFIXES = (".yaml", ".yml")
SKIPPED_DIRS = frozenset(("node_modules", "__pycache__", "venv"))


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds ``inspect.yaml``."""
    here = start.resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        if (folder / SETTINGS_FILE).is_file():
            return folder
    return None


def discover(root: Path, exclude: Iterable[str] = ()) -> list[str]:
    """Every YAML file below ``root`` as a sorted relative POSIX path; hidden folders skipped.

    Plain strings rather than Path objects: a province's repository has tens of thousands
    of files, and this runs on every warm (cached) run too.
    """
    patterns = list(exclude)
    found: list[str] = []
    stack = [""]
    top = str(root)
    while stack:
        relative_folder = stack.pop()
        with os.scandir(os.path.join(top, relative_folder)) as entries:
            for entry in entries:
                name = entry.name
                if name.startswith(".") or (not relative_folder and name == LOCAL_SETTINGS):
                    continue
                relative = f"{relative_folder}/{name}" if relative_folder else name
                if entry.is_dir(follow_symlinks=False):
                    if name not in SKIPPED_DIRS:
                        stack.append(relative)
                elif name.endswith(YAML_SUFFIXES) and not any(
                    fnmatch.fnmatch(relative, p) for p in patterns
                ):
                    found.append(relative)
    found.sort()
    return found


def find_repositories(top: Path) -> list[Path]:
    """The case repositories below ``top`` (folders holding ``inspect.yaml``), sorted.

    A repository's own folders are its business: the walk does not go into one it found.
    Nor into hidden folders (.git), node_modules, caches or Python environments, which
    hold thousands of files and never a case repository.
    """
    found: list[Path] = []
    stack = [str(top)]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as entries:
                subfolders = [
                    entry.path
                    for entry in entries
                    if not entry.name.startswith(".")
                    and entry.name not in SKIPPED_DIRS
                    and entry.is_dir(follow_symlinks=False)
                ]
        except OSError:  # a folder we may not read holds nothing we could check
            continue
        for path in subfolders:
            if os.path.isfile(os.path.join(path, SETTINGS_FILE)):
                found.append(Path(path))
            elif not os.path.isfile(os.path.join(path, "pyvenv.cfg")):
                stack.append(path)
    return sorted(found)


def read_yaml(root: Path, relative: str) -> bytes:
    """The bytes of the repository's YAML file ``relative``; FileProblem when it is not a
    regular file inside the repository of at most YAML_LIMIT bytes."""
    return read_file(root / relative, relative, limit=YAML_LIMIT, root=root)


def display_path(root: Path, relative: str) -> str:
    """A path of the repository at ``root`` as every command writes it for machines: from
    the current folder when the repository lies inside it (``examples/findings/r1.yaml``),
    else from the root's absolute path; a path that is absolute already stays as it is."""
    if os.path.isabs(relative):
        return relative
    here = root.resolve()
    try:
        text = here.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return f"{here.as_posix()}/{relative}"
    return relative if text == "." else f"{text}/{relative}"
