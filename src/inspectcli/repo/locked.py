"""The one way a case file is edited: lock it, read it, apply the change, check that the
file still holds the bytes read, replace it atomically.

Two commands editing one file at the same moment take turns on the lock, and each applies
its change to what the other wrote, so neither update is lost. A writer that takes no lock
(an editor, a sync tool) is caught by the check just before the replace: the change is then
applied again to the new content, and refused when the file keeps changing.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from filelock import FileLock, Timeout

from inspectcli.messages import t
from inspectcli.output.files import write_atomic
from inspectcli.repo.fileread import YAML_LIMIT, read_file

# Seconds to wait for another command editing the same file. An edit holds the lock for a
# fraction of a second; a lock whose holder died is released by the operating system.
LOCK_TIMEOUT = 15.0
# How often the change is applied anew when the file changes under a writer without a lock.
ATTEMPTS = 3

Apply = Callable[[bytes], bytes]


class EditRefused(Exception):
    """The file cannot be edited now; nothing was written. The message says what to do."""


class _Changed(Exception):
    """The file no longer holds the bytes the change was applied to."""


def lock_path(path: Path) -> Path:
    """The lock file of ``path``: hidden beside it, so ``inspect validate`` never reads it."""
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def locked(path: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the exclusive lock of ``path``; EditRefused when another command keeps it."""
    where = lock_path(path)
    wait = LOCK_TIMEOUT if timeout is None else timeout
    # A kernel lock only (no lock-file fallback): it dies with its process, never stale.
    lock = FileLock(where, timeout=wait, fallback_to_soft=False)
    try:
        lock.acquire()
    except Timeout:
        raise EditRefused(t("edit-locked", path=path, seconds=f"{wait:g}", lock=where)) from None
    except OSError as error:
        raise EditRefused(t("edit-lock-failed", path=path, detail=error)) from None
    try:
        yield
    finally:
        _release(lock, where)


def _release(lock: FileLock, where: Path) -> None:
    # Removed while still held: a command waiting on this lock file then finds it unlinked
    # and locks a new one, so none is left in the repository. Windows removes it itself.
    if sys.platform != "win32":
        with contextlib.suppress(OSError):
            os.unlink(where)
    lock.release()


def edit_file(path: Path, apply: Apply, *, timeout: float | None = None) -> bytes:
    """Apply ``apply`` (old bytes → new bytes) to ``path`` under its lock; the bytes written.

    Whatever ``apply`` raises (a refused change) leaves the file as it was."""
    with locked(path, timeout):
        for _ in range(ATTEMPTS):
            before = read_file(path, str(path), limit=YAML_LIMIT)  # regular, bounded
            after = apply(before)
            try:
                write_atomic(path, after, before_replace=partial(_unchanged, path, before))
            except _Changed:
                continue
            return after
    raise EditRefused(t("edit-changed-meanwhile", path=path))


def _unchanged(path: Path, before: bytes) -> None:
    try:
        now = path.read_bytes()
    except FileNotFoundError:
        raise _Changed from None
    if now != before:
        raise _Changed
