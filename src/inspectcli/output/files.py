"""Writing files: whole or not at all."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from inspectcli.repo.fileread import file_problem, not_regular_message


def write_atomic(
    path: Path,
    data: bytes,
    *,
    replace: bool = True,
    mode: int | None = None,
    before_replace: Callable[[], None] | None = None,
) -> None:
    """Write next to the target, then rename: a reader never sees half a file, and a failed
    write leaves the old one as it was. A file replaced keeps its permissions, unless
    ``mode`` gives them.

    ``replace=False``: a new file only; FileExistsError when ``path`` exists, even when it
    appears while the data is written. ``before_replace`` runs once the data is on disk,
    just before the rename; whatever it raises leaves the target untouched.

    Only a regular file is replaced: FileProblem when ``path`` is a device (``/dev/null``,
    which root in a CI container would otherwise destroy), a FIFO, a folder, or a symlink
    to one of those."""
    _refuse_special(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode(path) if mode is None else mode)
        if before_replace is not None:
            before_replace()
        if replace:
            os.replace(temporary, path)
        else:
            _move_to_new(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _refuse_special(path: Path) -> None:
    try:
        mode = os.stat(path).st_mode
    except OSError:  # nothing there (or a dangling link): a new file is made
        return
    if not stat.S_ISREG(mode):
        raise file_problem(str(path), "not-a-regular-file", not_regular_message(mode, writing=True))


def _move_to_new(temporary: str, path: Path) -> None:
    """Give the whole ``temporary`` the name ``path``, which must not exist yet."""
    try:
        os.link(temporary, path)  # refuses an existing name, and is all or nothing
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links (FAT on a USB drive)
        with open(path, "xb"):  # "x": the name is taken here or refused, never overwritten
            pass
        try:
            os.replace(temporary, path)  # over that empty file of our own
        except BaseException:
            path.unlink(missing_ok=True)
            raise
    else:
        os.unlink(temporary)


def _mode(path: Path) -> int:
    """The permissions of the file replaced, or what a new file gets under the umask."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
