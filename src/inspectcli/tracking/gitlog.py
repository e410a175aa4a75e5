"""The history of a case repository in one pass: one `git log` lists every commit with the
YAML files it changed, and one `git cat-file --batch` reads every version of them, in
order. A repository of thousands of files and commits costs two processes, not one per
file or per version.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, NamedTuple

from inspectcli.messages import t
from inspectcli.pipeline.changes import ChangesError, _git
from inspectcli.repo.layout import YAML_SUFFIXES

SEPARATOR = "\x1f"
START = "\x1e"
FORM = START + SEPARATOR.join(("%H", "%P", "%an", "%cI", "%s"))
DELETED = "0" * 40


class Commit(NamedTuple):
    sha: str
    author: str
    date: dt.datetime  # the commit date: when a record entered the repository
    message: str
    parents: tuple[str, ...] = ()

    @property
    def first(self) -> bool:
        """A first commit (no parent): the archive as it came under git."""
        return not self.parents


class Change(NamedTuple):
    """A YAML file a commit changed: its path (relative to the case repository's root),
    the blob of its new version (None: deleted) and of the parent's (None: added)."""

    path: str
    blob: str | None
    old: str | None = None


class Version(NamedTuple):
    path: str
    raw: bytes | None  # None: the commit deleted the file
    blob: str | None = None  # its git object (None: deleted, or not known)


Side = tuple[tuple[str, str | None], ...]  # path → its blob in one parent (None: none)


class Step(NamedTuple):
    """One commit: the new version of each YAML file it changed, and for each parent the
    blob each of those files had there (None: none), for the files that differ from it
    (a merge's other parent may hold the version it kept)."""

    commit: Commit
    versions: list[Version]
    before: tuple[Side, ...] = ()


def _commit(header: str) -> Commit | None:
    parts = header.lstrip("\n").removeprefix(START).split(SEPARATOR, 4)
    if len(parts) != 5:
        return None
    sha, parents, author, date, message = parts
    when = dt.datetime.fromisoformat(date)
    return Commit(sha, author, when, message, tuple(parents.split()))


def parse_log(output: bytes) -> list[tuple[Commit, list[Change]]]:
    """`git log -z --raw` with FORM headers → each commit and its changed YAML files."""
    found: list[tuple[Commit, list[Change]]] = []
    tokens = iter(output.decode("utf-8", "surrogateescape").split("\0"))
    for token in tokens:
        token = token.lstrip("\n")
        if token.startswith(START):
            commit = _commit(token)
            if commit is not None:
                found.append((commit, []))
        elif token.startswith(":") and found:
            path = next(tokens, "")
            fields = token.split(" ")
            old, blob = (fields[2], fields[3]) if len(fields) >= 5 else (DELETED, DELETED)
            if path.endswith(YAML_SUFFIXES):
                found[-1][1].append(Change(path, _blob(blob), _blob(old)))
    return found


def _blob(sha: str) -> str | None:
    return None if sha == DELETED else sha


def _checked(done: subprocess.CompletedProcess[bytes], root: Path) -> bytes:
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip()
        raise ChangesError(t("history-git-failed", path=root, detail=detail))
    return done.stdout


def require_git(root: Path, since: str | None) -> str | None:
    """The commit ``since`` names (None without it); ChangesError outside a git repository
    or for an unknown revision."""
    if shutil.which("git") is None or _git(root, "rev-parse", "--git-dir").returncode != 0:
        raise ChangesError(t("history-not-git", path=root))
    if since is None:
        return None
    done = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{since}^{{commit}}")
    if done.returncode != 0:
        raise ChangesError(t("history-unknown-ref", ref=since))
    return done.stdout.decode().strip()


def log(root: Path, since: str | None = None, path: str | None = None) -> Iterator[Step]:
    """Every commit since ``since`` (all without it) that changed a YAML file under
    ``root`` (or only ``path``), oldest first, with the new versions of those files, read
    as the steps are taken (the whole history is never in memory at once). With ``since``,
    a first step holds every YAML file as it was at that commit."""
    base = require_git(root, since)
    if _git(root, "rev-parse", "--verify", "--quiet", "HEAD").returncode != 0:
        return iter(())  # a repository without a commit yet
    span = f"{base}..HEAD" if base else "HEAD"
    # Parents before children, each branch's commits together; a merge is compared with
    # each of its parents, so that the work of two clerks merged is neither one's rewrite.
    args = ["log", "--reverse", "--topo-order", f"--format={FORM}", "-z", "--raw"]
    args += ["--no-renames", "--no-abbrev", "--relative", span, "--", path or "."]
    listed = parse_log(_checked(_git(root, *args), root))
    sides = _merged(root, [commit for commit, _ in listed if len(commit.parents) > 1], path)
    entries = [_entry(commit, changes, sides) for commit, changes in listed]
    entries = [entry for entry in entries if entry[1]]
    if base:
        commit, changes = _snapshot(root, base, path)
        entries.insert(0, (commit, changes, ()))
    blobs = [change.blob for _, changes, _ in entries for change in changes if change.blob]
    contents = read_blobs(root, blobs)
    return (
        Step(commit, [_version(change, contents) for change in changes], before)
        for commit, changes, before in entries
    )


def _version(change: Change, contents: Iterator[bytes]) -> Version:
    return Version(change.path, next(contents) if change.blob else None, change.blob)


def _entry(
    commit: Commit, changes: list[Change], sides: dict[tuple[str, str], list[Change]]
) -> tuple[Commit, list[Change], tuple[Side, ...]]:
    """A commit's changed files and, for each parent, what they were there."""
    if len(commit.parents) < 2:
        return commit, changes, (tuple((c.path, c.old) for c in changes),)
    per_parent = [sides.get((commit.sha, parent), []) for parent in commit.parents]
    changed = {c.path: c for side in per_parent for c in side}
    before = tuple(tuple((c.path, c.old) for c in side) for side in per_parent)
    return commit, list(changed.values()), before


def _merged(
    root: Path, merges: list[Commit], path: str | None
) -> dict[tuple[str, str], list[Change]]:
    """The YAML files each merge changed from each of its parents (one `git diff-tree`
    for every merge: `git log` shows a merge's changes from neither)."""
    if not merges:
        return {}
    pairs = [(merge.sha, parent) for merge in merges for parent in merge.parents]
    given = "".join(f"{merge} {parent}\n" for merge, parent in pairs).encode()
    args = ["diff-tree", "--stdin", "--always", "-r", "-z", "--raw", "--no-renames"]
    args += ["--no-abbrev", "--relative", f"--format={FORM}", "--", path or "."]
    done = _checked(_git(root, *args, given=given), root)
    answers = parse_log(done)
    return {pair: changes for pair, (_, changes) in zip(pairs, answers, strict=False)}


def _snapshot(root: Path, base: str, path: str | None) -> tuple[Commit, list[Change]]:
    """The commit ``base`` and every YAML file of its tree under ``root``."""
    header = _checked(_git(root, "log", "-1", f"--format={FORM}", base), root)
    commit = _commit(header.decode("utf-8", "surrogateescape").rstrip("\n"))
    listing = _checked(_git(root, "ls-tree", "-r", "-z", base, "--", path or "."), root)
    changes = []
    for line in listing.decode("utf-8", "surrogateescape").split("\0"):
        meta, _, name = line.partition("\t")
        fields = meta.split(" ")
        if len(fields) == 3 and fields[1] == "blob" and name.endswith(YAML_SUFFIXES):
            changes.append(Change(name, fields[2]))
    assert commit is not None  # git printed the form it was given
    return commit, changes


def read_blobs(root: Path, blobs: list[str]) -> Iterator[bytes]:
    """The content of each blob, in order, from one `git cat-file --batch` (a thread
    feeds it the ids while its answers are read, so that neither side waits on a full
    pipe)."""
    if not blobs:
        return iter(())
    environment = {**os.environ, "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0"}
    process = subprocess.Popen(
        ["git", "-C", str(root), "cat-file", "--batch"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=environment,
    )
    assert process.stdin is not None and process.stdout is not None
    feeder = threading.Thread(target=_feed, args=(process.stdin, blobs), daemon=True)
    feeder.start()
    return _answers(process, process.stdout, len(blobs), feeder)


def _feed(stdin: IO[bytes], blobs: Iterable[str]) -> None:
    try:
        stdin.write("".join(f"{blob}\n" for blob in blobs).encode())
        stdin.close()
    except BrokenPipeError:  # git stopped early; the reader says why
        pass


def _answers(
    process: subprocess.Popen[bytes], stdout: IO[bytes], count: int, feeder: threading.Thread
) -> Iterator[bytes]:
    try:
        for _ in range(count):
            header = stdout.readline().split()
            if len(header) != 3:  # "<id> missing": a shallow or damaged repository
                yield b""
                continue
            size = int(header[2])
            yield stdout.read(size)
            stdout.read(1)  # the newline after each object
    finally:
        stdout.close()
        process.wait()
        feeder.join()
