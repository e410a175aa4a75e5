"""`inspect render-report` and `inspect render-bulletin` on the example repository:
layout (GB/T 9704), the figures against the case files, numbering, praise and criticism,
privacy, errors; and the printed pages through LibreOffice."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from docx import Document
from ruamel.yaml import YAML
from typer.testing import CliRunner

from inspectcli.cli.root import app
from inspectcli.render.bulletin import criticised, praised
from inspectcli.render.figures import CountyFigures, percent
from inspectcli.report.model import Tally

from ..conftest import REPO
from .layout import (
    HAVE_LIBREOFFICE,
    assert_chinese_fonts,
    assert_gbt9704_page,
    assert_printed_layout,
    assert_sizes,
    package_xml,
    table_texts,
    text_of,
    to_pdf,
)

runner = CliRunner()
AS_OF = "2026-11-21"  # the day the example repository's records describe


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "examples"
    shutil.copytree(REPO / "examples", root)
    return root


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def report(repo: Path, plan: str = "2026-09-g1", *args: str) -> Path:
    out = repo.parent / "out"
    code, output = invoke(
        "render-report", str(repo / "plans" / f"{plan}.yaml"), "--out", str(out), *args
    )
    assert code == 0, output
    return out / f"{plan}-督查报告.docx"


def bulletin(repo: Path, period: str, *args: str) -> tuple[Path, str]:
    out = str(repo.parent / "out")
    code, output = invoke("render-bulletin", "--period", period, str(repo), "--out", out, *args)
    assert code == 0, output
    written = re.search(r"^wrote (.+\.docx) \(", output, re.MULTILINE)
    assert written, output
    return Path(written.group(1)), output


def expected_rows(repo: Path, plan_ids: set[str]) -> dict[str, Counter[str]]:
    """Status counts per county, read straight from the findings files."""
    counts: dict[str, Counter[str]] = {}
    for path in sorted((repo / "findings").glob("*.yaml")):
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        if data["plan"] not in plan_ids:
            continue
        for finding in data["findings"]:
            status = finding.get("rectification", {}).get("status", "open")
            counts.setdefault(finding["location"]["county"], Counter())[status] += 1
    return counts


# --- the report ---------------------------------------------------------------------------


def test_report_layout_fonts_and_sizes(repo: Path) -> None:
    document = Document(str(report(repo, "2026-09-g1", "--date", AS_OF)))
    assert_gbt9704_page(document)
    fonts = assert_chinese_fonts(document)
    assert fonts["公文正文"] == "仿宋_GB2312"
    assert fonts["公文标题"] == "方正小标宋简体"
    assert fonts["一级标题"] == "黑体"
    assert fonts["二级标题"] == "楷体_GB2312"
    assert fonts["版记"] == "仿宋_GB2312"
    assert_sizes(document)
    styles = [p.style.name for p in document.paragraphs]
    assert "发文机关标志" not in styles  # a report to the leading group has no masthead
    assert "发文字号" not in styles


def test_report_sections_and_content(repo: Path) -> None:
    path = report(repo, "2026-09-g1", "--date", AS_OF)
    document = Document(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "关于2026年9月对禾城区、云溪县开展综合督查情况的报告"
    assert paragraphs[1] == "青禾市乡村振兴督查工作领导小组："
    headings = [p.text for p in document.paragraphs if p.style.name == "一级标题"]
    assert headings == ["一、基本情况", "二、发现的主要问题", "三、整改情况", "四、意见建议"]
    text = "\n".join(paragraphs)
    assert "第一督查组由韦嘉禾任组长" in text
    assert "2026年9月15日至16日" in text
    assert "此次督查共发现问题15个" in text
    # categories in catalogue order, each with its count, problems numbered inside
    categories = [p.text for p in document.paragraphs if p.style.name == "二级标题"]
    assert categories[0].startswith("（一）扶贫责任落实方面问题")
    counted = sum(int(c.rsplit("问题", 1)[1].rstrip("个")) for c in categories[:-2])
    assert counted == 15
    # suggestions of both counties, under a heading each
    assert categories[-2:] == ["（一）关于禾城区", "（二）关于云溪县"]
    assert any(p.startswith("1.建议禾城区建立饮水安全季度巡检制度") for p in paragraphs)
    signature = next(p for p in document.paragraphs if p.style.name == "发文机关署名")
    assert signature.text == "第一督查组"
    assert "2026年11月21日" in text
    assert "青禾市乡村振兴局\t2026年11月21日印发" in [c.text for c in document.tables[1]._cells]


def test_report_table_rows_match_the_findings_files(repo: Path) -> None:
    path = report(repo, "2026-09-g1", "--date", AS_OF)
    document = Document(str(path))
    rows = table_texts(document, 0)
    assert rows[0] == [
        "县（区）", "发现问题", "已整改", "其中已核验", "正在整改", "尚未整改", "逾期", "整改率",
    ]  # fmt: skip
    expected = expected_rows(repo, {"2026-09-g1"})
    assert [r[0] for r in rows[1:]] == ["禾城区", "云溪县", "合计"]
    for row in rows[1:3]:
        counts = expected[row[0]]
        total = sum(counts.values())
        done = counts["rectified"] + counts["verified"]
        assert row[1:7] == [
            str(total),
            str(done),
            str(counts["verified"]),
            str(counts["rectifying"]),
            str(counts["open"]),
            "1" if row[0] == "禾城区" else "0",  # 2026-09-HC-06 is the overdue one
        ]
        assert row[7] == percent(done / total)
    assert rows[3][1] == str(sum(sum(c.values()) for c in expected.values()))
    assert "整改率80%；逾期未整改1个，涉及禾城区白沙镇人民政府1个。" in text_of(path)


def test_report_without_suggestions_has_no_fourth_section(repo: Path) -> None:
    document = Document(str(report(repo, "2026-11-g3", "--date", "2026-12-20")))
    headings = [p.text for p in document.paragraphs if p.style.name == "一级标题"]
    assert headings == ["一、基本情况", "二、发现的主要问题", "三、整改情况"]
    assert [r[0] for r in table_texts(document, 0)[1:]] == ["安丰县"]  # no total for one county


def test_report_by_plan_id_in_the_current_folder(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    code, output = invoke("render-report", "2026-10-g2", "--out", "out", "--date", AS_OF)
    assert code == 0, output
    text = text_of(repo / "out" / "2026-10-g2-巡查报告.docx")
    assert "开展专项巡查情况的报告" in text or "巡查情况的报告" in text
    code, output = invoke("render-report", "2026-10-g9", "--out", "out")
    assert code == 1
    assert "no plan `2026-10-g9`" in output and "did you mean `2026-10-g2`" in output
    assert "Traceback" not in output


def test_report_never_shows_id_numbers_or_phones(repo: Path) -> None:
    xml = package_xml(report(repo, "2026-11-g3", "--date", "2026-12-20"))
    roster = (repo / "roster" / "households.csv").read_text(encoding="utf-8").splitlines()[1:]
    households = YAML(typ="safe").load((repo / "findings" / "2026-11-g3-anfeng.yaml").read_text())
    visited = {f["location"].get("household") for f in households["findings"]}
    rows = [line.split(",") for line in roster if line.split(",")[4] in visited]
    assert rows
    for row in rows:
        assert row[8] not in xml and row[9] not in xml  # id_number, phone
        assert row[5] not in xml  # the head's full name: only 温某户
    assert "温某户" in xml


def test_suggestions_are_escaped(repo: Path) -> None:
    path = repo / "findings" / "2026-11-g3-anfeng.yaml"
    path.write_text(
        path.read_text(encoding="utf-8") + "suggestions: ['建议 A<B & C>D 的做法推广']\n",
        encoding="utf-8",
    )
    text = text_of(report(repo, "2026-11-g3", "--date", "2026-12-20"))
    assert "（一）建议 A<B & C>D 的做法推广" in text
    assert "四、意见建议" in text


# --- the bulletin -------------------------------------------------------------------------


def test_bulletin_layout_number_and_table(repo: Path) -> None:
    path, output = bulletin(repo, "2026-09", "--date", AS_OF)
    # letters use 41-53 of 2026, the register 50: the next free number is 54
    assert path.name == "青乡振〔2026〕54号.docx"
    assert "青乡振〔2026〕54号 allocated" in output and "issued:" in output
    document = Document(str(path))
    assert_gbt9704_page(document)
    fonts = assert_chinese_fonts(document)
    assert fonts["发文机关标志"] == "方正小标宋简体"
    assert_sizes(document)
    assert document.paragraphs[0].text == "青禾市乡村振兴局"
    assert document.paragraphs[1].text == "青乡振〔2026〕54号"
    rows = table_texts(document, 0)
    assert rows[0] == ["序号", "县（区）", "督查轮次", "发现问题", "已整改", "逾期未整改", "整改率"]
    expected = expected_rows(repo, {"2026-09-g1"})
    body = {row[1]: row for row in rows[1:-1]}
    assert list(body) == ["禾城区", "云溪县"]
    for county, counts in expected.items():
        done = counts["rectified"] + counts["verified"]
        assert body[county][2:5] == ["1", str(sum(counts.values())), str(done)]
        assert body[county][6] == percent(done / sum(counts.values()))
    assert body["禾城区"][5] == "1" and body["云溪县"][5] == "0"
    assert rows[-1][1:4] == ["合计", "1", "15"]


def test_bulletin_praise_and_criticism_follow_the_rules(repo: Path) -> None:
    path, _ = bulletin(repo, "2026-09", "--date", AS_OF)
    document = Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name == "一级标题"]
    assert headings == ["一、各县（区）督查和整改情况", "二、批评", "三、下步工作要求"]
    text = text_of(path)
    assert "禾城区：逾期未整改问题1个，整改率75%，涉及禾城区白沙镇人民政府1个。" in text
    assert "予以通报表扬" not in text
    # 云溪县 finishes its last rectification: every finding done, nothing overdue
    yunxi = repo / "findings" / "2026-09-g1-yunxi.yaml"
    yunxi.write_text(
        yunxi.read_text(encoding="utf-8").replace(
            "      status: rectifying\n",
            "      status: rectified\n      rectified: 2026-11-16\n      evidence: [竣工验收单]\n",
        ),
        encoding="utf-8",
    )
    path, _ = bulletin(repo, "2026-09", "--date", AS_OF)
    document = Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name == "一级标题"]
    assert headings == ["一、各县（区）督查和整改情况", "二、表扬", "三、批评", "四、下步工作要求"]
    assert "云溪县对2026年9月督查发现的问题全部整改到位" in text_of(path)


def test_bulletin_uses_its_registered_number_and_date(repo: Path) -> None:
    path, output = bulletin(repo, "2026-10")
    assert path.name == "青乡振〔2026〕50号.docx"
    assert "allocated" not in output
    text = text_of(path)
    assert "2026年11月6日" in text  # the registered date, not today
    assert "关于2026年10月巡查情况的通报" in text
    # as of 2026-11-06 nothing of October is overdue: neither praise nor criticism
    headings = [p.text for p in Document(str(path)).paragraphs if p.style.name == "一级标题"]
    assert headings == ["一、各县（区）巡查和整改情况", "二、下步工作要求"]


def test_a_registered_number_is_not_given_out_again(repo: Path) -> None:
    settings = repo / "inspect.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "  - {number: 青乡振〔2026〕60号}\n",
        encoding="utf-8",
    )
    path, _ = bulletin(repo, "2026-09", "--date", AS_OF)
    assert path.name == "青乡振〔2026〕61号.docx"
    findings = repo / "findings" / "2026-11-g3-anfeng.yaml"
    findings.write_text(
        findings.read_text(encoding="utf-8").replace("  number: 青乡振〔2026〕53号\n", ""),
        encoding="utf-8",
    )
    code, output = invoke("render-letter", str(findings), "--out", str(repo.parent / "letters"))
    assert code == 0, output
    assert "青乡振〔2026〕61号" in output  # 53 is free again, but 60 is the highest in use


def test_bulletin_errors(repo: Path) -> None:
    code, output = invoke("render-bulletin", "--period", "2026-13", str(repo))
    assert code == 2 and "YYYY-MM" in output
    code, output = invoke("render-bulletin", "--period", "2027-01", str(repo), "--out", "x")
    assert code == 1
    assert "no round (plan) starts in 2027-01" in output and "2026-09, 2026-10, 2026-11" in output
    broken = repo / "plans" / "2026-11-g3.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("end: 2026-11-12", "end: soon"))
    code, output = invoke("render-bulletin", "--period", "2026-09", str(repo), "--out", "x")
    assert code == 1
    assert "plans/2026-11-g3.yaml:" in output and "Traceback" not in output


def test_repository_template_wins(repo: Path) -> None:
    custom = Document()
    custom.add_paragraph("{{ number }}：{{ praise or '无' }}/{{ rows|length }}")
    (repo / "templates").mkdir()
    custom.save(str(repo / "templates" / "bulletin.docx"))
    path, output = bulletin(repo, "2026-09", "--date", AS_OF)
    assert "templates/bulletin.docx" in output
    assert text_of(path).strip() == "青乡振〔2026〕54号：无/2"


def test_praise_and_criticism_rules() -> None:
    done = CountyFigures("甲县", 1, Tally(findings=2, rectified=1, verified=1))
    assert praised(done) and not criticised(done)
    empty = CountyFigures("乙县", 1)
    assert not praised(empty) and not criticised(empty)  # nothing found: nothing to praise
    late = CountyFigures("丙县", 1, Tally(findings=2, rectified=1, overdue=1))
    assert criticised(late) and not praised(late)
    under_way = CountyFigures("丁县", 1, Tally(findings=2, rectified=1))
    assert not praised(under_way) and not criticised(under_way)
    assert percent(None) == "—" and percent(1.0) == "100%" and percent(6 / 7) == "85.7%"


# --- printed pages ------------------------------------------------------------------------


@pytest.mark.skipif(not HAVE_LIBREOFFICE, reason="LibreOffice (soffice) or pdftotext missing")
def test_report_prints_within_the_type_area_with_the_imprint_at_the_foot(
    repo: Path, tmp_path: Path
) -> None:
    pages = assert_printed_layout(to_pdf(report(repo, "2026-09-g1", "--date", AS_OF), tmp_path))
    assert len(pages) >= 3


@pytest.mark.skipif(not HAVE_LIBREOFFICE, reason="LibreOffice (soffice) or pdftotext missing")
def test_bulletin_prints_within_the_type_area_with_the_imprint_at_the_foot(
    repo: Path, tmp_path: Path
) -> None:
    path, _ = bulletin(repo, "2026-09", "--date", AS_OF)
    pages = assert_printed_layout(to_pdf(path, tmp_path), min_pages=2)
    first = " ".join(w.text for w in pages[0])
    assert "青禾市乡村振兴局" in first and "青乡振〔2026〕54" in first


def test_today_is_the_default_date(repo: Path) -> None:
    text = text_of(report(repo, "2026-11-g3"))
    today = dt.date.today()
    assert f"{today.year}年{today.month}月{today.day}日" in text


@pytest.mark.parametrize(
    ("language", "plan", "named"),
    [
        ("zh", "2026-10-g2", "2026-10-g2 巡查报告"),
        ("zh", "2026-09-g1", "2026-09-g1 督查报告"),
        ("en", "2026-10-g2", "patrol report on 2026-10-g2"),
        ("en", "2026-09-g1", "supervision report on 2026-09-g1"),
    ],
)
def test_the_report_is_named_by_its_rounds_type(
    repo: Path, language: str, plan: str, named: str
) -> None:
    """A patrol's (巡查) report was announced as a 督查报告 although its file said 巡查报告."""
    out = str(repo.parent / "out")
    args = ["--lang", language, "render-report", str(repo / "plans" / f"{plan}.yaml")]
    result = runner.invoke(app, [*args, "--out", out, "--date", AS_OF])
    assert result.exit_code == 0, result.output
    assert named in result.stderr
    other = "督查报告" if plan == "2026-10-g2" else "巡查报告"  # the patrol, the other
    assert other not in result.stderr
