"""A new case repository that passes ``inspect validate`` at once (``inspect init``).

Every file is made in memory first, then written into a hidden folder beside the target,
checked with ``inspect validate``, and only then moved into place: a failure at any step
leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from inspectcli import __version__
from inspectcli.messages import did_you_mean, enumeration, t
from inspectcli.problems import Problem, errors
from inspectcli.scaffold.source import UnknownSource, git_repository, running_install_spec

HERE = Path(__file__).parent / "files"
CiKind = Literal["github", "gitlab"]
CI_KINDS: tuple[CiKind, ...] = ("github", "gitlab")
ROSTER_COLUMNS = ("county", "town", "village", "village_class", "household_id", "head_name")
ROSTER_HEADER = ",".join((*ROSTER_COLUMNS, "status", "members")) + "\n"

# Destination in the repository → file under ``files/`` (no dot files in package data).
COMMON_FILES = {
    "inspect.yaml": "inspect.yaml",
    "roster/README.md": "roster-README.md",
    "plans/README.md": "plans-README.md",
    "findings/README.md": "findings-README.md",
    "templates/README.md": "templates-README.md",
    ".gitignore": "gitignore",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
}
CI_FILES: dict[CiKind, tuple[str, str]] = {
    "github": (".github/workflows/inspect.yml", "github-workflow.yml"),
    "gitlab": (".gitlab-ci.yml", "gitlab-ci.yml"),
}


class ScaffoldError(Exception):
    """The repository cannot be made; ``problems`` say why (nothing has been written)."""

    def __init__(
        self, message: str, problems: list[Problem] | None = None, *, usage: bool = False
    ) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or []
        self.usage = usage  # a bad option rather than a refused folder or a failed check


@dataclass(frozen=True)
class InitOptions:
    preset: str
    authority: str
    short_name: str
    ci: CiKind | None = None
    install: str | None = None  # what CI and pre-commit give to pip; None: our own source
    # Without CI, an unknown source is no obstacle: pre-commit runs this machine's inspect.
    today: dt.date | None = None  # for the calendar's year; default: the system date


def repository_files(options: InitOptions) -> dict[str, bytes]:
    """Every file of the new repository, by relative POSIX path."""
    from inspectcli.model import KINDS
    from inspectcli.model.schema import schema_text
    from inspectcli.presets import load_preset, preset_names
    from inspectcli.render.templates import BUILT_IN

    preset = load_preset(options.preset)
    if preset is None:
        known = preset_names()
        hint = did_you_mean(options.preset, known)
        raise ScaffoldError(
            t("init-unknown-preset", name=options.preset, hint=hint, known=enumeration(known)),
            usage=True,
        )
    year = (options.today or dt.date.today()).year + 1
    install = resolve_install(options.install, required=options.ci is not None)
    values = {
        "authority": _quoted(options.authority),
        "short_name": _quoted(options.short_name),
        "preset": options.preset,
        "policy_title": preset.title,
        "year": str(year),
        "install": _quoted(install or ""),
        "version": __version__,
    }
    sources = dict(COMMON_FILES)
    git = git_repository(install or "")
    if install is None:  # no CI, and pip has nothing a runner could install
        sources[".pre-commit-config.yaml"] = "pre-commit-config-system.yaml"
    elif git is not None:  # pre-commit fetches the published hook from that repository
        sources[".pre-commit-config.yaml"] = "pre-commit-config-git.yaml"
        values |= {"hook_repo": _quoted(git[0]), "hook_rev": _quoted(git[1])}
    if options.ci is not None:
        destination, source = CI_FILES[options.ci]
        sources[destination] = source
    files = {dest: _fill(source, values).encode() for dest, source in sources.items()}
    files[f"calendar/{year}.yaml"] = _fill("calendar.yaml", values).encode()
    files["roster/households.csv"] = ROSTER_HEADER.encode()
    for template in sorted(BUILT_IN.glob("*.docx")):  # letter, report, bulletin
        files[f"templates/{template.name}"] = template.read_bytes()
    for kind in KINDS:
        files[f"schemas/{kind}.schema.json"] = schema_text(kind).encode()
    return files


def resolve_install(given: str | None, *, required: bool = True) -> str | None:
    """What CI and pre-commit give to pip: ``given`` (``--install``), else the source of
    the running copy. When that is unknown: ``None`` unless ``required`` (a CI file is
    written: its runner has only what pip can fetch), else a :class:`ScaffoldError` naming
    ``--install``."""
    if given and given.strip():
        return given.strip()
    try:
        return running_install_spec()
    except UnknownSource as unknown:
        if not required:
            return None
        raise ScaffoldError(
            t("init-install-unknown", why=unknown.why, version=__version__)
        ) from None


def _quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text.strip(), ensure_ascii=False)


def _fill(source: str, values: dict[str, str]) -> str:
    text = (HERE / source).read_text(encoding="utf-8")
    for name, value in values.items():
        text = text.replace(f"@@{name}@@", value)
    if "@@" in text:  # a placeholder without a value is a bug of ours, never user output
        raise RuntimeError(f"scaffold file {source} has an unfilled placeholder")
    return text


def init_repository(target: Path, options: InitOptions) -> list[str]:
    """Make the repository in ``target`` (absent or empty); return the files written."""
    _refuse_non_empty(target)
    files = repository_files(options)
    anchor = _existing_ancestor(target)
    staging = Path(tempfile.mkdtemp(prefix=".inspect-init-", dir=anchor))
    try:
        _write_all(staging, files)
        problems = _validate(staging)
        if problems:
            raise ScaffoldError(t("init-not-valid"), problems)
        _move_into_place(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return sorted(files)


def _refuse_non_empty(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise ScaffoldError(t("init-not-a-folder", path=target))
    if target.is_dir() and any(target.iterdir()):
        raise ScaffoldError(t("init-not-empty", path=target))


def _existing_ancestor(target: Path) -> Path:
    """The nearest folder above ``target`` that exists: the staging folder goes there, on
    the same file system, so that the final move is a rename."""
    for folder in target.absolute().parents:
        if folder.is_dir():
            return folder
    raise ScaffoldError(t("init-not-a-folder", path=target))


def _write_all(root: Path, files: dict[str, bytes]) -> None:
    for relative, data in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _validate(root: Path) -> list[Problem]:
    from inspectcli.pipeline.validate import validate_root

    return errors(validate_root(root, cache_dir=None, jobs=1).problems)


def _move_into_place(staging: Path, target: Path) -> None:
    existed = target.is_dir()
    if existed:
        target.rmdir()  # empty, checked above; the rename needs the name free
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging, target)
    except OSError:
        if existed:
            target.mkdir(exist_ok=True)
        raise
    target.chmod(0o777 & ~_umask())  # mkdtemp made it private; a repository is not


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
