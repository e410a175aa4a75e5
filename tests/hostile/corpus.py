"""Hostile input, shared by the tests of this folder: a valid repository, the commands
that read it, how to plant an attack, and how to run a command with its memory and time
bounded and check that no file changed."""

from __future__ import annotations

import hashlib
import io
import os
import resource
import shutil
import stat
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..test_bad_input import (
    BY_NAME,
    COMMANDS,
    EVERYTHING,
    FINDINGS,
    FINDINGS_FILE,
    NO_KIND,
    NO_ROSTER,
    PLAN_FILE,
    ROSTER_FILE,
    SETTINGS_FILE,
    Command,
    build_pristine,
    invoke,
)

__all__ = [
    "BY_NAME",
    "COMMANDS",
    "EVERYTHING",
    "FINDINGS",
    "FINDINGS_FILE",
    "NO_KIND",
    "NO_ROSTER",
    "PLAN_FILE",
    "ROSTER_FILE",
    "SETTINGS_FILE",
    "Command",
    "build_pristine",
    "invoke",
]

MEMORY_LIMIT = 2 * 2**30  # address space of a bounded run
TIME_LIMIT = 30.0  # seconds; every attack is refused in far less
BUILT_IN_LETTER = Path(__file__).resolve().parents[2] / "src/inspectcli/templates/letter.docx"
TEMPLATE_FILES = ("templates/letter.docx", "templates/report.docx", "templates/bulletin.docx")
# The commands that render a template of the repository.
RENDERS = ("render-letter", "render-report", "render-bulletin")


@dataclass(frozen=True)
class Attack:
    name: str
    plant: Callable[[Path], None]  # changes the repository
    code: str  # the problem code every command reading it gives
    reaches: tuple[str, ...]  # the command names that read what it breaks
    path: str = ""  # the file the problem is at ("" when it may be at several)


def fingerprint(root: Path) -> dict[str, str]:
    """SHA-256 of every regular file below ``root`` (symlinks not followed), and the type
    of everything else: a device or a FIFO replaced by a file shows up too."""
    found: dict[str, str] = {}
    for folder, folders, files in os.walk(root):
        for name in files + folders:
            path = Path(folder, name)
            mode = path.lstat().st_mode
            relative = path.relative_to(root).as_posix()
            if stat.S_ISREG(mode):
                found[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
            elif not stat.S_ISDIR(mode):
                found[relative] = f"mode {stat.S_IFMT(mode):o}"
    return found


def _bounded() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_bounded(argv: list[str], cwd: Path) -> tuple[int, str]:
    """``inspect ARGV`` in a child process limited to MEMORY_LIMIT of address space and
    TIME_LIMIT seconds: exit code and output."""
    code = "from inspectcli.cli.app import main; main()"
    environment = {**os.environ, "INSPECT_LANG": "en"}
    done = subprocess.run(
        [sys.executable, "-c", code, *argv],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment,
        preexec_fn=_bounded,
        timeout=TIME_LIMIT,
        check=False,
    )
    output = done.stdout + done.stderr
    assert "Traceback" not in output, output
    assert "internal error" not in output, output
    return done.returncode, output


def copy_of(pristine: Path, target: Path) -> Path:
    return Path(shutil.copytree(pristine, target, symlinks=True))


# --- making hostile files ----------------------------------------------------------------------


def docx_with(text: str, extra: dict[str, bytes] | None = None) -> bytes:
    """The built-in letter template with a paragraph holding ``text`` (a Jinja tag) at the
    top of its body, and ``extra`` parts added."""
    source = zipfile.ZipFile(BUILT_IN_LETTER)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml" and text:
                paragraph = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()
                data = data.replace(b"<w:body>", b"<w:body>" + paragraph, 1)
            target.writestr(item, data)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return buffer.getvalue()


def zip_bomb_docx(size: int) -> bytes:
    """A .docx with one part of ``size`` zero bytes, which deflate shrinks a thousandfold."""
    buffer = io.BytesIO(docx_with(""))
    with (
        zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("word/media/image1.png", "w", force_zip64=True) as part,
    ):
        chunk = bytes(2**20)
        for _ in range(size // len(chunk)):
            part.write(chunk)
    return buffer.getvalue()


def plant_templates(data: bytes) -> Callable[[Path], None]:
    def plant(repo: Path) -> None:
        for name in TEMPLATE_FILES:
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            (repo / name).write_bytes(data)

    return plant
