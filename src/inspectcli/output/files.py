"""Writing files: whole or not at all."""

from __future__ import annotations

import os
import shutil
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
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
        )
    except OSError as error:
        raise _naming(error, path) from None
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
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError) and error.filename in (None, temporary):
            raise _naming(error, path) from None
        raise


def _naming(error: OSError, path: Path) -> OSError:
    """``error`` at ``path``: the user knows the file written, not its temporary twin (a
    full disk names no file at all)."""
    if error.errno is None:  # not the operating system's: said as it is
        return error
    return type(error)(error.errno, error.strerror, str(path))


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
        return 0o666 & ~_umask()


def replace_folder(target: Path, marker: str, build: Callable[[Path], None]) -> None:
    """Make a whole folder (a static site): ``build`` fills a fresh folder next to
    ``target``, which then takes its place in two renames, so a reader sees the old folder
    or the new, never half of one, and a failed build leaves the old one as it was.

    The folder we make holds a file named ``marker``; an existing ``target`` that is not
    empty and lacks it is someone else's, and is never replaced (FileProblem)."""
    if target.exists() and not _ours(target, marker):
        raise file_problem(str(target), "not-ours", _not_ours_message(target, marker))
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".new", dir=target.parent))
    try:
        build(fresh)
        (fresh / marker).write_bytes(b"")
        os.chmod(fresh, 0o777 & ~_umask())  # mkdtemp's 0700 would hide it from a web server
        _swap(fresh, target)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def _swap(fresh: Path, target: Path) -> None:
    """``fresh`` becomes ``target``; the old ``target`` is removed once that is done, and
    put back if it fails."""
    if not target.exists():
        os.replace(fresh, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
    os.replace(target, old / "previous")
    try:
        os.replace(fresh, target)
    except BaseException:
        os.replace(old / "previous", target)
        raise
    finally:
        shutil.rmtree(old, ignore_errors=True)


def _ours(folder: Path, marker: str) -> bool:
    if not folder.is_dir() or folder.is_symlink():
        return False
    return (folder / marker).is_file() or not any(folder.iterdir())


def _not_ours_message(folder: Path, marker: str) -> str:
    from inspectcli.messages import t

    return t("folder-not-ours", path=folder, marker=marker)


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask
