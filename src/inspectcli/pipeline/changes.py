"""What changed since a git revision, and which case files that puts in question
(``inspect validate --changed-since REF``)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

from inspectcli.checks.facts import FindingsFacts, PlanFacts, Unchecked
from inspectcli.messages import t
from inspectcli.pipeline.cache import Entry
from inspectcli.repo.layout import SETTINGS_FILE, YAML_SUFFIXES

# A change to one of these can change the verdict on any file.
EVERYTHING_KINDS = frozenset({"settings", "policy", "roster", "calendar"})


class ChangesError(Exception):
    """No answer from git: not a repository, an unknown revision, or no git at all."""


class Changes(NamedTuple):
    present: frozenset[str]  # changed or new files, relative to the case repository's root
    deleted: frozenset[str]


def _git(
    folder: Path, *args: str, given: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """git in ``folder``, ``given`` on its standard input."""
    environment = {**os.environ, "LC_ALL": "C", "LANGUAGE": "C", "GIT_OPTIONAL_LOCKS": "0"}
    try:
        return subprocess.run(
            ["git", "-C", str(folder), *args],
            input=given,
            capture_output=True,
            env=environment,
            check=False,
        )
    except FileNotFoundError:
        raise ChangesError(t("changed-no-git")) from None


def _names(output: bytes) -> list[str]:
    return [name for name in output.decode("utf-8", "surrogateescape").split("\0") if name]


def changed_since(root: Path, ref: str) -> Changes:
    """Files under ``root`` changed since ``ref``: committed since, staged, unstaged and
    untracked (ignored files left out), as POSIX paths relative to ``root``."""
    top = _git(root, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise ChangesError(t("changed-not-git", path=root))
    commit = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    if commit.returncode != 0:
        raise ChangesError(t("changed-unknown-ref", ref=ref))
    toplevel = Path(os.fsdecode(top.stdout.strip())).resolve()
    sha = commit.stdout.decode().strip()
    diff = _git(toplevel, "diff", "--name-only", "-z", "--no-renames", sha, "--")
    untracked = _git(toplevel, "ls-files", "--others", "--exclude-standard", "-z")
    for done in (diff, untracked):
        if done.returncode != 0:
            detail = done.stderr.decode("utf-8", "replace").strip()
            raise ChangesError(t("changed-git-failed", detail=detail))
    prefix = root.resolve().relative_to(toplevel).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    present: set[str] = set()
    deleted: set[str] = set()
    for name in (*_names(diff.stdout), *_names(untracked.stdout)):
        if not name.startswith(prefix):
            continue
        relative = name[len(prefix) :]
        (present if (root / relative).exists() else deleted).add(relative)
    return Changes(frozenset(present), frozenset(deleted))


def affected(
    changes: Changes, entries: Mapping[str, Entry], roster_path: str | None
) -> frozenset[str] | None:
    """The case files to check after ``changes``; None when that is every file.

    A changed settings, policy, roster or calendar file (or a deleted case file, whose
    kind is gone with it) puts everything in question; a changed plan, itself and the
    findings files that refer to it (or to no plan any more: its id may have changed); a
    changed findings file, itself. Other files (a README, a template) change nothing here.
    """
    if any(path.endswith(YAML_SUFFIXES) or path == roster_path for path in changes.deleted):
        return None
    selected: set[str] = set()
    plan_ids: set[str] = set()
    for path in changes.present:
        if path in (SETTINGS_FILE, roster_path):
            return None
        entry = entries.get(path)
        if entry is None:
            continue  # not a case file, or one the settings exclude
        if entry.kind in EVERYTHING_KINDS:
            return None
        selected.add(path)
        if entry.kind == "plan" and isinstance(entry.facts, PlanFacts | Unchecked):
            plan_ids.add(entry.facts.id or "")
    if plan_ids:
        selected.update(_findings_of(plan_ids, entries))
    return frozenset(selected)


def _findings_of(plan_ids: set[str], entries: Mapping[str, Entry]) -> Iterable[str]:
    existing = {
        entry.facts.id
        for entry in entries.values()
        if entry.kind == "plan" and isinstance(entry.facts, PlanFacts | Unchecked)
    }
    for path, entry in entries.items():
        if isinstance(entry.facts, FindingsFacts) and (
            entry.facts.plan in plan_ids or entry.facts.plan not in existing
        ):
            yield path
