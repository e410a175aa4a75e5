"""`--pdf` on the render commands: through LibreOffice when installed, a way out when not,
a conversion that fails said as such, and the fonts this machine lacks."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from inspectcli.render import pdf as pdf_module
from inspectcli.render.pdf import PdfError, convert, find_libreoffice, fonts_named

from .layout import HAVE_LIBREOFFICE
from .test_documents import AS_OF, invoke, repo  # noqa: F401  (fixture)

LETTER = "findings/2026-09-g1-hecheng.yaml"


def render_letter(repo: Path, *args: str) -> tuple[int, str, Path]:  # noqa: F811
    out = repo.parent / "out"
    code, output = invoke("render-letter", str(repo / LETTER), "--out", str(out), *args)
    return code, output, out


@pytest.mark.skipif(not HAVE_LIBREOFFICE, reason="LibreOffice (soffice) or pdftotext missing")
@pytest.mark.parametrize("command", ["render-letter", "render-report", "render-bulletin"])
def test_pdf_beside_the_docx_with_fonts_embedded(repo: Path, command: str) -> None:  # noqa: F811
    out = repo.parent / "out"
    given = {
        "render-letter": [str(repo / LETTER)],
        "render-report": [str(repo / "plans" / "2026-09-g1.yaml"), "--date", AS_OF],
        "render-bulletin": ["--period", "2026-09", str(repo), "--date", AS_OF],
    }[command]
    code, output = invoke(command, *given, "--out", str(out), "--pdf")
    assert code == 0, output
    (docx,) = out.glob("*.docx")
    pdf = docx.with_suffix(".pdf")
    assert f"wrote {pdf} (PDF" in output
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and b"/FontFile" in data  # fonts embedded
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), fonts  # the emb column
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert int(info.split("Pages:")[1].split()[0]) >= 2


def test_without_libreoffice_the_docx_is_written_and_the_way_out_said(
    repo: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pdf_module, "find_libreoffice", lambda: None)
    code, output, out = render_letter(repo, "--pdf")
    assert code == 1
    assert "LibreOffice is not installed" in output and "apt install" in output
    assert [p.suffix for p in out.iterdir()] == [".docx"]


def test_pdf_cannot_go_to_standard_output(repo: Path) -> None:  # noqa: F811
    code, output = invoke("render-letter", str(repo / LETTER), "--out", "-", "--pdf")
    assert code == 2
    assert "--out -" in output


@pytest.mark.skipif(os.name == "nt", reason="the stand-in LibreOffice is a shell script")
def test_a_failing_conversion_is_said_and_leaves_no_pdf(repo: Path, tmp_path: Path) -> None:  # noqa: F811
    code, output, out = render_letter(repo)
    assert code == 0, output
    (docx,) = out.glob("*.docx")
    broken = tmp_path / "soffice"
    broken.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 1\n")
    broken.chmod(broken.stat().st_mode | stat.S_IEXEC)
    with pytest.raises(PdfError, match="could not be loaded"):
        convert(docx, broken)
    assert not docx.with_suffix(".pdf").exists()


def test_libreoffice_found_in_its_install_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    installed = tmp_path / "LibreOffice" / "program" / "soffice.exe"
    installed.parent.mkdir(parents=True)
    installed.write_bytes(b"")
    assert find_libreoffice((tmp_path / "nowhere", installed)) == installed
    assert find_libreoffice((tmp_path / "nowhere",)) is None


def test_the_fonts_a_letter_names(repo: Path) -> None:  # noqa: F811
    code, output, out = render_letter(repo)
    assert code == 0, output
    (docx,) = out.glob("*.docx")
    named = fonts_named(docx)
    for font in ("仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "Times New Roman"):
        assert font in named
    assert "zh-CN" not in named and "Courier" not in named
