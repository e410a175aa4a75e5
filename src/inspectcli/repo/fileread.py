"""Reading a file we did not write: a regular file only, inside the repository, of bounded size.

Every case file, roster, template and settings file is read here. A FIFO or a device named
``x.yaml`` would hang or never end; a symlink could point at ``/etc/shadow`` or
``/dev/zero``. Each refusal, and every OSError, becomes one Problem at the file
(``FileProblem``), which the commands print as any other problem, with exit code 1.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from inspectcli.messages import t
from inspectcli.problems import Problem, Severity

MiB = 2**20
# Case files are typed by hand: the largest real findings file is well under 1 MB.
YAML_LIMIT = 20 * MiB
# A province's roster export: a million households is about 92 MB.
ROSTER_LIMIT = 512 * MiB
# A template is a few hundred KB; a logo or a seal as an image adds a few MB.
TEMPLATE_LIMIT = 50 * MiB

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_BINARY", 0)  # Windows: no line-end translation
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO swapped in after the check cannot hang open()
    | getattr(os, "O_NOCTTY", 0)
)
_CHUNK = 1 * MiB


class FileProblem(Exception):
    """A file that cannot be read or written as asked; ``problem`` says why, at the file."""

    def __init__(self, problem: Problem, *, missing: bool = False) -> None:
        super().__init__(problem.message)
        self.problem = problem
        self.missing = missing  # no such file: some callers have their own word for that


def file_problem(display: str, code: str, message: str) -> FileProblem:
    return FileProblem(Problem(display, 0, 0, Severity.ERROR, code, message))


# --- every OSError as a problem --------------------------------------------------------------

_BY_ERRNO = {
    errno.ENOSPC: ("disk-full", "disk-full"),
    errno.EDQUOT: ("disk-full", "disk-full"),
    errno.EROFS: ("read-only", "read-only"),
    errno.EACCES: ("unreadable-file", "permission-denied"),
    errno.EPERM: ("unreadable-file", "permission-denied"),
    errno.EISDIR: ("not-a-regular-file", "is-a-folder"),
    errno.ELOOP: ("not-a-regular-file", "symlink-loop"),
    errno.ENOENT: ("unreadable-file", "no-such-file"),
    errno.ENOTDIR: ("unreadable-file", "no-such-file"),
}


def os_problem(display: str, error: OSError) -> Problem:
    """The problem an OSError is, at ``display`` (the file as the user names it)."""
    code, key = _BY_ERRNO.get(error.errno or 0, ("unreadable-file", "os-error"))
    message = t(key, detail=error.strerror or str(error))
    return Problem(display, 0, 0, Severity.ERROR, code, message)


def as_file_problem(display: str, error: OSError) -> FileProblem:
    return FileProblem(os_problem(display, error), missing=isinstance(error, FileNotFoundError))


# --- where a file may be ----------------------------------------------------------------------


def is_inside(root: Path, path: Path) -> bool:
    """Whether ``path``, with every symlink followed, lies in the folder ``root``."""
    real = os.path.realpath(path)
    top = os.path.realpath(root)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def not_regular_message(mode: int, *, writing: bool = False) -> str:
    """What the file of ``mode`` is instead of a regular file, and what to do."""
    if stat.S_ISDIR(mode):
        what = t("file-is-folder")
    elif stat.S_ISFIFO(mode):
        what = t("file-is-fifo")
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        what = t("file-is-device")
    else:
        what = t("file-is-special")
    return t("not-a-regular-file-write" if writing else "not-a-regular-file", what=what)


def regular_file(path: Path, display: str, limit: int) -> int:
    """The size of ``path`` when it is a regular file (a symlink is followed) of at most
    ``limit`` bytes; else FileProblem."""
    try:
        st = os.stat(path)
    except FileNotFoundError as error:
        if os.path.islink(path):  # the link is there, what it points at is not
            raise file_problem(display, "not-a-regular-file", t("dangling-symlink")) from None
        raise as_file_problem(display, error) from None
    except OSError as error:
        raise as_file_problem(display, error) from None
    if not stat.S_ISREG(st.st_mode):
        raise file_problem(display, "not-a-regular-file", not_regular_message(st.st_mode))
    if st.st_size > limit:
        raise _too_large(display, limit)
    return st.st_size


def _too_large(display: str, limit: int) -> FileProblem:
    return file_problem(display, "file-too-large", t("file-too-large", limit=limit // MiB))


def read_file(path: Path, display: str, *, limit: int, root: Path | None = None) -> bytes:
    """The bytes of ``path``: a regular file of at most ``limit`` bytes and, when ``root``
    is given, inside that folder once every symlink is followed. FileProblem otherwise,
    naming the file as ``display``."""
    if root is not None and not is_inside(root, path):
        raise file_problem(display, "outside-repository", t("outside-repository"))
    regular_file(path, display, limit)
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise as_file_problem(display, error) from None
    try:
        return _read_open(descriptor, display, limit)
    except OSError as error:
        raise as_file_problem(display, error) from None
    finally:
        os.close(descriptor)


def _read_open(descriptor: int, display: str, limit: int) -> bytes:
    """Read an opened file, checked again: the name may have been swapped for a FIFO or a
    device since it was checked, and a file may grow while it is read."""
    st = os.fstat(descriptor)
    if not stat.S_ISREG(st.st_mode):
        raise file_problem(display, "not-a-regular-file", not_regular_message(st.st_mode))
    chunks: list[bytes] = []
    total = 0
    # The first read asks for the whole file (and a byte more): one buffer, not chunks
    # joined into a second copy (a roster of 92 MB peaked at twice that).
    size = st.st_size + 1
    while True:
        chunk = os.read(descriptor, min(max(size, _CHUNK), limit + 1 - total))
        size = _CHUNK
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise _too_large(display, limit)
