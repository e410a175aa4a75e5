"""The rendered letter, report and bulletin against the OOXML schema (openxml-audit, a port
of the Open XML SDK's validator), and the font table naming the GB/T 9704 fonts."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from openxml_audit import OpenXmlValidator  # type: ignore[import-untyped]

from inspectcli.render.ooxml import in_schema_order

from .test_documents import AS_OF, bulletin, invoke, repo, report  # noqa: F401  (fixture)


def letter(repo: Path) -> Path:  # noqa: F811
    out = repo.parent / "letters"
    code, output = invoke(
        "render-letter", str(repo / "findings" / "2026-09-g1-hecheng.yaml"), "--out", str(out)
    )
    assert code == 0, output
    return next(out.glob("*.docx"))


def documents(repo: Path) -> list[Path]:  # noqa: F811
    return [
        letter(repo),
        report(repo, "2026-09-g1", "--date", AS_OF),
        bulletin(repo, "2026-09", "--date", AS_OF)[0],
    ]


def test_letter_report_and_bulletin_are_schema_valid(repo: Path) -> None:  # noqa: F811
    validator = OpenXmlValidator()
    for path in documents(repo):
        result = validator.validate(str(path))
        assert result.is_valid, (path.name, [e.description for e in result.errors])


def test_the_validator_rejects_borders_out_of_order(repo: Path, tmp_path: Path) -> None:  # noqa: F811
    """The test above can fail: the imprint's borders in the order the templates once had."""
    path = letter(repo)
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    borders = re.search(r"<w:tblBorders>(.*?)</w:tblBorders>", xml.split("<w:tbl>")[-1])
    assert borders is not None
    edges = re.findall(r"<w:\w+ [^>]*/>", borders.group(1))
    moved = "".join(sorted(edges, key=lambda edge: "left" in edge))  # left after bottom
    parts["word/document.xml"] = xml.replace(borders.group(1), moved).encode("utf-8")
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(broken, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    assert not OpenXmlValidator().validate(str(broken)).is_valid


@pytest.mark.parametrize(
    ("font", "alt", "charset"),
    [
        ("仿宋_GB2312", "仿宋", "86"),
        ("方正小标宋简体", "华文中宋", "86"),
        ("黑体", "SimHei", "86"),
        ("楷体_GB2312", "楷体", "86"),
        ("Times New Roman", None, "00"),
    ],
)
def test_font_table_names_the_fonts_with_substitutes(
    repo: Path,  # noqa: F811
    font: str,
    alt: str | None,
    charset: str,
) -> None:
    with zipfile.ZipFile(letter(repo)) as archive:
        table = parse_xml(archive.read("word/fontTable.xml"))
    entries = {entry.get(qn("w:name")): entry for entry in table.iter(qn("w:font"))}
    entry = entries[font]
    named = entry.find(qn("w:altName"))
    assert (named.get(qn("w:val")) if named is not None else None) == alt
    assert entry.find(qn("w:charset")).get(qn("w:val")) == charset
    assert entry.find(qn("w:panose1")) is not None and entry.find(qn("w:family")) is not None


def test_schema_order_sorts_borders_and_row_properties() -> None:
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    row = parse_xml(
        f"<w:tr {w}><w:trPr><w:tblHeader/><w:trHeight w:val='1'/><w:cantSplit/></w:trPr>"
        "<w:tc><w:tcPr><w:tcBorders><w:insideV/><w:bottom/><w:top/></w:tcBorders>"
        "<w:tcW w:w='1'/></w:tcPr></w:tc></w:tr>"
    )
    in_schema_order(row)
    names = [child.tag.split("}")[1] for child in row.iter() if child is not row]
    assert names == [
        "trPr",
        "cantSplit",
        "trHeight",
        "tblHeader",
        "tc",
        "tcPr",
        "tcW",
        "tcBorders",
        "top",
        "bottom",
        "insideV",
    ]
