"""`inspect render-letter`: layout (GB/T 9704), content, escaping, privacy and errors."""

from __future__ import annotations

import importlib.util
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm
from typer.testing import CliRunner

from inspectcli.cli.root import app

from ..conftest import REPO
from ..validate.helpers import make_repo
from .layout import (
    HAVE_LIBREOFFICE,
    assert_gbt9704_page,
    assert_printed_layout,
    table_texts,
    to_pdf,
)

runner = CliRunner()
DOCUMENT = ("--layout", "document")  # the 文件格式; the letter format: test_letter_format.py
ID_NUMBER = "440123199001011234"
PHONE = "13800138000"
FINDINGS = """\
kind: findings
version: 1
plan: R1
county: 云岗县
exchanged: 2026-09-09
{letter}
findings:
  - id: R1-01
    content: "0302"
    location: {{county: 云岗县, town: 石桥镇, village: 青石村, household: YG-01}}
    description: "预脱贫户饮水安全未落实；A<B & C>D"
    responsible: {{unit: 石桥镇人民政府, person: 己某}}
    severity: serious
    measures: 一个月内完成入户供水管网接通
    target: 饮水安全达标
    deadline: 2026-10-12
  - id: R1-02
    content: "08"
    location: {{county: 云岗县, town: 石桥镇}}
    description: 帮扶台账与系统数据不一致，户主电话{phone}
    responsible: {{unit: 云岗县乡村振兴局}}
    measures: 逐户核对并更正系统数据
    deadline: 2026-10-20
  - id: R1-03
    content: "0201"
    location: {{county: 云岗县, town: 石桥镇, village: 柳塘村}}
    description: 低保对象动态调整不及时
    responsible: {{unit: 石桥镇人民政府}}
    measures: 开展低保对象动态排查
    deadline: 2026-10-12
"""
LETTER = """\
letter:
  number: 岚乡振〔2026〕3号
  date: 2026-09-11
  copy_to: [中共云岗县委, 云岗县人民政府]"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = make_repo(None, tmp_path / "repo")
    lines = (root / "roster.csv").read_text(encoding="utf-8").splitlines()
    rows = [lines[0] + ",id_number,phone"]
    rows += [
        f"{line},{ID_NUMBER[:-2]}{i:02d},{PHONE[:-2]}{i:02d}" for i, line in enumerate(lines[1:])
    ]
    (root / "roster.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    write_findings(root, LETTER)
    return root


def write_findings(root: Path, letter: str, phone: str = PHONE[:-2] + "00") -> Path:
    path = root / "findings" / "r1.yaml"
    path.write_text(FINDINGS.format(letter=letter, phone=phone), encoding="utf-8")
    return path


def render(root: Path, *args: str) -> tuple[int, str, Path]:
    out = root.parent / "out"
    result = runner.invoke(
        app, ["render-letter", str(root / "findings" / "r1.yaml"), "--out", str(out), *args]
    )
    return result.exit_code, result.output, out


def rendered(root: Path, *args: str) -> Path:
    code, output, out = render(root, *args)
    assert code == 0, output
    files = list(out.glob("*.docx"))
    assert len(files) == 1, files
    return files[0]


def all_text(path: Path) -> str:
    document = Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts += [cell.text for cell in row.cells]
    return "\n".join(texts)


def test_page_is_a4_with_gb9704_margins(repo: Path) -> None:
    document = Document(str(rendered(repo)))
    assert_gbt9704_page(document)
    section = document.sections[0]
    assert abs(section.page_width - section.left_margin - section.right_margin - Mm(156)) <= Mm(1)


def _east_asia(style: object) -> str | None:
    while style is not None:
        fonts = style.element.rPr.find(qn("w:rFonts")) if style.element.rPr is not None else None  # type: ignore[attr-defined]
        if fonts is not None and fonts.get(qn("w:eastAsia")):
            return str(fonts.get(qn("w:eastAsia")))
        style = style.base_style  # type: ignore[attr-defined]
    return None


def test_chinese_text_has_east_asian_fonts(repo: Path) -> None:
    document = Document(str(rendered(repo, *DOCUMENT)))
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs += cell.paragraphs
    cjk = [p for p in paragraphs if re.search(r"[\u4e00-\u9fff]", p.text)]
    assert len(cjk) > 20
    for paragraph in cjk:
        font = _east_asia(paragraph.style)
        assert font, paragraph.text
    by_style = {p.style.name: _east_asia(p.style) for p in cjk}
    assert by_style["公文正文"] == "仿宋_GB2312"
    assert by_style["公文标题"] == "方正小标宋简体"
    assert by_style["发文机关标志"] == "方正小标宋简体"
    assert by_style["一级标题"] == "黑体"
    # Latin and digits in Times New Roman
    fonts = document.styles["公文正文"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:ascii")) == "Times New Roman"


def test_font_sizes_and_masthead(repo: Path) -> None:
    document = Document(str(rendered(repo, *DOCUMENT)))
    styles = {p.style.name: p for p in document.paragraphs}
    assert document.styles["公文正文"].font.size.pt == 16
    assert document.styles["公文标题"].font.size.pt == 22
    assert document.styles["版记"].font.size.pt == 14
    masthead = document.paragraphs[0]
    assert masthead.style.name == "发文机关标志"
    assert masthead.text == "岚溪市乡村振兴局"
    assert str(masthead.style.font.color.rgb) == "FF0000"
    assert styles["公文标题"].text.startswith("关于云岗县督查发现问题整改的函") or any(
        p.text == "关于云岗县督查发现问题整改的函" for p in document.paragraphs
    )
    addressee = next(p for p in document.paragraphs if p.style.name == "主送机关")
    assert addressee.text == "云岗县人民政府："


def test_number_date_and_copy_to(repo: Path) -> None:
    path = rendered(repo, *DOCUMENT)
    assert path.name == "岚乡振〔2026〕3号.docx"
    text = all_text(path)
    assert "岚乡振〔2026〕3号" in text
    assert "抄送：中共云岗县委，云岗县人民政府。" in text
    assert "2026年9月11日" in text
    assert "2026年9月11日印发" in text
    assert "2026年10月20日前全部整改到位" in text  # the latest deadline
    assert "延期理由" in text


def test_date_option_in_chinese_form_and_default_copy_to(repo: Path) -> None:
    write_findings(repo, "letter: {number: 岚乡振〔2026〕3号}")
    text = all_text(rendered(repo, "--date", "2026-11-03"))
    assert "2026年11月3日" in text
    assert "2026年11月03日" not in text
    assert "抄送：中共云岗县委员会，云岗县人民政府。" in text


def test_problem_table_one_row_per_finding_with_repeated_header(repo: Path) -> None:
    document = Document(str(rendered(repo)))
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "序号",
        "问题类别",
        "具体问题",
        "责任单位",
        "整改要求",
        "整改时限",
    ]
    assert len(table.rows) == 1 + 3
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [r.cells[0].text for r in table.rows[1:]] == ["1", "2", "3"]
    first = table_texts(document, 0)[1]  # as read: the joiners that keep lines whole are invisible
    assert first[5] == "2026年10月12日"
    assert first[1] == "预脱贫户“八有”落实"
    assert first[3] == "石桥镇人民政府（责任人：己某）"
    # whole but for one break after the year
    assert "\u2060".join("2026年") + "\u2060".join("10月12日") in table.rows[1].cells[5].text


def test_user_text_with_xml_characters_survives(repo: Path) -> None:
    document = Document(str(rendered(repo)))
    assert "A<B & C>D" in document.tables[0].rows[1].cells[2].text


def test_no_id_number_or_phone_anywhere(repo: Path) -> None:
    path = rendered(repo)
    with zipfile.ZipFile(path) as archive:
        xml = "".join(
            archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml")
        )
    xml = xml.replace("\u2060", "")  # a joiner must not hide a number from this check
    roster = (repo / "roster.csv").read_text(encoding="utf-8")
    sensitive = re.findall(r"\d{11,18}", roster)
    assert sensitive
    for value in sensitive:
        assert value not in xml, value
    # households are named by a masked head name only
    assert "甲某户" in xml
    assert "甲某一" not in xml


def test_next_number_allocated_when_missing(repo: Path) -> None:
    findings = write_findings(repo, "letter: {date: 2026-09-11}")
    other = repo / "findings" / "r0.yaml"
    other.write_text(
        FINDINGS.format(letter="letter: {number: 岚乡振〔2026〕7号}", phone="").replace(
            "R1-0", "R0-0"
        ),
        encoding="utf-8",
    )
    (repo / "findings" / "old.yaml").write_text(
        FINDINGS.format(letter="letter: {number: 岚乡振〔2025〕19号}", phone="").replace(
            "R1-0", "R9-0"
        ),
        encoding="utf-8",
    )
    before = findings.read_bytes()
    code, output, out = render(repo)
    assert code == 0, output
    assert "岚乡振〔2026〕8号" in output
    assert "NOT written" in output
    assert (out / "岚乡振〔2026〕8号.docx").is_file()
    assert findings.read_bytes() == before


def test_undefined_variable_in_custom_template_names_it(repo: Path) -> None:
    from docx import Document as New

    custom = New()
    custom.add_paragraph("抬头")
    custom.add_paragraph("致{{ no_such_variable }}同志")
    (repo / "templates").mkdir()
    custom.save(str(repo / "templates" / "letter.docx"))
    code, output, out = render(repo)
    assert code == 1
    assert "templates/letter.docx:" in output
    assert "no_such_variable" in output
    assert "致{{ no_such_variable }}同志" in output
    assert "Traceback" not in output
    assert not list(out.glob("*.docx")) if out.exists() else True


def test_template_option_and_sandbox(repo: Path) -> None:
    from docx import Document as New

    custom = New()
    custom.add_paragraph("{{ number }}/{{ county }}")
    (repo / "templates").mkdir()
    custom.save(str(repo / "templates" / "short.docx"))
    text = all_text(rendered(repo, "--template", "short"))
    assert "岚乡振〔2026〕3号/云岗县" in text
    unsafe = New()
    unsafe.add_paragraph("{{ county.__class__.__mro__ }}")
    unsafe.save(str(repo / "templates" / "unsafe.docx"))
    code, output, _ = render(repo, "--template", "unsafe")
    assert code == 1, output
    assert "templates/unsafe.docx" in output
    code, output, _ = render(repo, "--template", "nothing")
    assert code == 1
    assert "no template `nothing`" in output


def test_invalid_findings_file_gives_position(repo: Path) -> None:
    path = repo / "findings" / "r1.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("deadline: 2026-10-20", "deadline: soon"),
        encoding="utf-8",
    )
    code, output, _ = render(repo)
    assert code == 1
    assert re.search(r"findings/r1\.yaml:\d+:\d+: error", output), output
    assert "Traceback" not in output


def test_unknown_plan(repo: Path) -> None:
    path = repo / "findings" / "r1.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("plan: R1", "plan: R2"), encoding="utf-8"
    )
    code, output, _ = render(repo)
    assert code == 1
    assert "findings/r1.yaml:3:7: error unknown-plan" in output, output


def test_bad_date_is_a_usage_error(repo: Path) -> None:
    code, output, _ = render(repo, "--date", "2026-13-01")
    assert code == 2
    assert "YYYY-MM-DD" in output


@pytest.mark.locked_versions
def test_templates_are_what_the_generator_builds() -> None:
    spec = importlib.util.spec_from_file_location(
        "build_templates", REPO / "templates" / "build_templates.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = module.build()
    for name, data in built.items():
        assert (REPO / "templates" / f"{name}.docx").read_bytes() == data, name
        assert (REPO / "src" / "inspectcli" / "templates" / f"{name}.docx").read_bytes() == data


@pytest.mark.skipif(not HAVE_LIBREOFFICE, reason="LibreOffice (soffice) or pdftotext missing")
def test_libreoffice_prints_the_letter_with_the_imprint_at_the_foot(
    repo: Path, tmp_path: Path
) -> None:
    """The imprint floats to the foot of the last page, not right after the problem table."""
    pdf = to_pdf(rendered(repo, *DOCUMENT), tmp_path / "pdf")
    pages = assert_printed_layout(pdf, min_pages=2)
    last = " ".join(w.text for w in pages[-1])
    assert "抄送：中共云岗县委，云岗县人民政府。" in last.replace(" ", "")


def test_out_naming_a_docx_writes_that_file(repo: Path) -> None:
    """`--out 整改函.docx` is the file to write, not a folder of that name; a folder that
    happens to end in .docx stays a folder."""
    target = repo.parent / "letters" / "致云岗县整改函.docx"
    code, output, _ = render(repo, "--out", str(target))
    assert code == 0, output
    assert target.is_file() and zipfile.is_zipfile(target)
    assert "抄送：中共云岗县委，云岗县人民政府。" in all_text(target)
    folder = repo.parent / "odd.docx"
    folder.mkdir()
    code, output, _ = render(repo, "--out", str(folder))
    assert code == 0, output
    assert [p.name for p in folder.iterdir()] == ["岚乡振〔2026〕3号.docx"]
