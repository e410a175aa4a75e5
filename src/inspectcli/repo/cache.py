"""A content-hash cache of the one-file stage, safe to share between machines and CI runs.

An entry is keyed by the file's path and the BLAKE2 digest of its bytes, and the whole
cache by the tool version and the revision of its rules, so a stale entry can only be a
miss. The final problem list is
kept too, keyed by the digest of every input, so an unchanged repository costs one read
and one hash per file. Written atomically; a damaged cache is ignored, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from pathlib import Path
from typing import Any, NamedTuple

from inspectcli import __version__, i18n
from inspectcli.output.files import write_atomic
from inspectcli.problems import Problem

StatKey = tuple[int, int, int, int]  # size, mtime, ctime (all ns), inode

# Raised with every change to the facts kept per file or to the rules, so that a cache made
# by an earlier build of the same version is a miss rather than an answer without the new
# rules (2: letter numbers in the findings' facts; tag, number and planned-content rules;
# 3: messages and report texts kept masked, the personal-data-in-text rule).
REVISION = 3


class Entry(NamedTuple):
    digest: bytes
    kind: str | None
    facts: Any
    problems: list[Problem]


def digest(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


def default_dir() -> Path:
    explicit = os.environ.get("INSPECT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "inspectcli"


class Cache:
    """The cache of one repository root: a small index file and a larger facts file."""

    def __init__(self, directory: Path | None, root: Path) -> None:
        self.directory = directory
        name = hashlib.blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()
        # Problems are stored with their messages, which are in the language in use.
        self.stem = f"{name}-{__version__}-r{REVISION}-{i18n.language()}"

    def _file(self, part: str) -> Path | None:
        return None if self.directory is None else self.directory / f"{self.stem}.{part}.pickle"

    def _read(self, part: str) -> Any:
        path = self._file(part)
        if path is None:
            return None
        try:
            with open(path, "rb") as handle:
                return pickle.load(handle)
        except Exception:  # a missing or damaged cache is a miss, never an error
            return None

    def _write(self, part: str, value: Any) -> None:
        path = self._file(part)
        if path is None:
            return
        # A read-only or full disk slows the next run down, nothing more.
        with contextlib.suppress(OSError):
            write_atomic(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def result(self, key: bytes) -> list[Problem] | None:
        stored = self._read("result")
        if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == key:
            problems: list[Problem] = stored[1]
            return problems
        return None

    def entries(self) -> dict[str, Entry]:
        stored = self._read("files")
        return stored if isinstance(stored, dict) else {}

    def stats(self) -> dict[str, tuple[StatKey, bytes]]:
        """Each file's stat and digest at the last run on this machine."""
        stored = self._read("stats")
        return stored if isinstance(stored, dict) else {}

    def save_stats(
        self, stats: dict[str, tuple[StatKey, bytes]], known: dict[str, tuple[StatKey, bytes]]
    ) -> None:
        """Write ``stats`` unless they equal ``known``, what ``stats()`` returned this run."""
        if stats != known:
            self._write("stats", stats)

    def save(self, key: bytes, problems: list[Problem], entries: dict[str, Entry]) -> None:
        self._write("files", entries)
        self._write("result", (key, problems))

    def save_entries(self, entries: dict[str, Entry]) -> None:
        """The one-file stage alone, when no result of the whole repository was made."""
        self._write("files", entries)
