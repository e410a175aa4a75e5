"""A rendered .docx as PDF, through LibreOffice when the machine has it.

LibreOffice lays the document out as it prints, embeds (subsets of) the fonts it uses
and keeps every page; it runs with a profile of its own, so that a LibreOffice the user
has open does not swallow the conversion. A machine without the fonts the document
names prints with substitutes: ``missing_fonts`` says which (through fontconfig, where
there is one)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from inspectcli.messages import t
from inspectcli.output.files import write_atomic
from inspectcli.render.ooxml import SUBSTITUTES

NAMES = ("soffice", "libreoffice")
# Where the installers put it when it is not on PATH (Windows, macOS, the Linux tarball).
INSTALLED = (
    Path("C:/Program Files/LibreOffice/program/soffice.exe"),
    Path("C:/Program Files (x86)/LibreOffice/program/soffice.exe"),
    Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
    Path("/opt/libreoffice/program/soffice"),
)
TIMEOUT = 300  # seconds: a long letter converts in a few


class PdfError(Exception):
    """The PDF could not be made; the message says why and what to do."""


def find_libreoffice(installed: tuple[Path, ...] = INSTALLED) -> Path | None:
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return Path(found)
    return next((path for path in installed if path.is_file()), None)


def convert(docx: Path, soffice: Path | None = None) -> Path:
    """``docx`` converted to the .pdf beside it (written whole or not at all)."""
    program = soffice or find_libreoffice()
    if program is None:
        raise PdfError(t("render-pdf-no-libreoffice", path=docx))
    with tempfile.TemporaryDirectory(prefix="inspect-pdf-") as work:
        folder = Path(work)
        command = [
            str(program),
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder / "out"),
            str(docx),
        ]
        try:
            result = subprocess.run(
                command, capture_output=True, text=True, timeout=TIMEOUT, env=_environment(folder)
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise PdfError(t("render-pdf-failed", path=docx, detail=error)) from None
        produced = folder / "out" / f"{docx.stem}.pdf"
        if result.returncode != 0 or not produced.is_file() or produced.stat().st_size == 0:
            detail = (result.stderr or result.stdout).strip()[-300:] or f"exit {result.returncode}"
            raise PdfError(t("render-pdf-failed", path=docx, detail=detail))
        target = docx.with_suffix(".pdf")
        write_atomic(target, produced.read_bytes())
    return target


def _environment(folder: Path) -> dict[str, str]:
    """LibreOffice writes caches under HOME: a throwaway one, not the user's."""
    return {**os.environ, "HOME": str(folder)}


def fonts_named(docx: Path) -> list[str]:
    """The fonts the document declares (its font table) and its text names, in order."""
    with zipfile.ZipFile(docx) as archive:
        parts = ("word/fontTable.xml", "word/document.xml")
        names = [name for name in parts if name in archive.namelist()]
        xml = "".join(archive.read(name).decode("utf-8", "replace") for name in names)
    declared = re.findall(r'<w:font w:name="([^"]+)"', xml)
    used = re.findall(r'<w:rFonts [^>]*?w:(?:eastAsia|ascii)="([^"]+)"', xml)
    return list(dict.fromkeys(declared + used))


def missing_fonts(docx: Path) -> list[tuple[str, str]] | None:
    """(font, what the machine prints it with) for each font the document names that this
    machine lacks under any of its usual names; None where fontconfig cannot tell."""
    listing = shutil.which("fc-list")
    matching = shutil.which("fc-match")
    if listing is None or matching is None:
        return None
    try:
        output = subprocess.run(
            [listing, ":", "family"], capture_output=True, text=True, timeout=60
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    families = {name.strip() for line in output.splitlines() for name in line.split(",")}
    missing = []
    for font in fonts_named(docx):
        if not families.isdisjoint(SUBSTITUTES.get(font, (font,))):
            continue
        try:
            used = subprocess.run(
                [matching, "-f", "%{family[0]}", f"{font}:lang=zh-cn"],
                capture_output=True,
                text=True,
                timeout=60,
            ).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            used = "?"
        missing.append((font, used or "?"))
    return missing
