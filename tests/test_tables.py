"""Every table fits the terminal and keeps what the officer needs whole, at 80 columns too."""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from typer.testing import CliRunner

from inspectcli import i18n
from inspectcli.cli.root import app
from inspectcli.messages import EN, t
from inspectcli.output.tables import Heading, fit, share
from inspectcli.report.render_table import WIDE, build_table
from inspectcli.report.views import ACCOUNTABILITY_COLUMNS, Column, View
from tests.conftest import REPO
from tests.report.helpers import write_repo

runner = CliRunner()
EXAMPLES = str(REPO / "examples")
CUT = re.compile(r"…\s*[│┃]")  # rich's mark of a cell it cut


def test_share_narrows_the_widest_first_and_keeps_floors() -> None:
    assert share([10, 40, 30], [10, 4, 4], 50) == [10, 20, 20]
    assert share([10, 40, 6], [10, 4, 4], 50) == [10, 34, 6]
    assert share([10, 40, 30], [10, 4, 30], 50) == [10, 10, 30]
    assert sum(share([13, 22, 20, 21, 38], [13, 4, 10, 10, 4], 61)) == 61


def _run(width: int, *arguments: str, messages: bool = False) -> str:
    """Standard output (``messages``: then standard error, where summaries go), each line
    within ``width``."""
    result = runner.invoke(app, list(arguments), env={"COLUMNS": str(width)})
    assert result.exit_code in (0, 1), result.output
    shown = result.stdout + (result.stderr if messages else "")
    for line in shown.splitlines():
        assert cell_len(line) <= width, line
    assert not CUT.search(shown), shown
    return shown


@pytest.mark.parametrize("language", ["en", "zh"])
def test_finding_list(language: str) -> None:
    arguments = ["--lang", language, "finding", "list", "--repo", EXAMPLES, "--as-of", "2026-11-21"]
    out = _run(80, *arguments)
    assert "2026-09-HC-06" in out and "2026-10-19" in out
    late = "late" if language == "en" else "个工作日"
    assert late in out  # the state column, last, was cut to "overdu…"


@pytest.mark.parametrize("language", ["en", "zh"])
def test_report_ledger_keeps_its_last_column_and_ids(language: str) -> None:
    arguments = ["--lang", language, "report", EXAMPLES, "--period", "2026-09"]
    out = _run(80, *arguments, "--as-of", "2026-12-01")
    assert "2026-09-YX-01" in out  # not folded into 2026-0 / 9-YX-0 / 1
    last = ("Overdu",) if language == "en" else ("是否", "逾期")
    assert all(word in out for word in last)  # the last column was cropped off
    assert "xlsx" in out  # and the note below the table with it


def test_sample_keeps_phone_numbers_whole() -> None:
    plan = f"{EXAMPLES}/plans/2026-09-g1.yaml"
    out = _run(80, "sample", plan, "--dry-run", "--seed", "test")
    assert "household " in out  # the first column was one cell short: "househo…"
    assert re.search(r"100\*{4}\d{4}", out)  # the last column lost its last digit


@pytest.mark.parametrize("width", [110, 120])
def test_deadline_table_keeps_file_positions_whole(width: int) -> None:
    arguments = ["deadline", EXAMPLES, "--as-of", "2026-11-21"]
    out = _run(width, *arguments)
    assert "findings/2026-09-g1-hecheng.yaml:108" in out


@pytest.mark.parametrize("language", ["en", "zh"])
def test_deadline_list_on_a_narrow_terminal_keeps_its_indentation(language: str) -> None:
    arguments = ["--lang", language, "deadline", EXAMPLES, "--as-of", "2026-11-21"]
    lines = _run(80, *arguments, messages=True).splitlines()
    summary = next(i for i, line in enumerate(lines) if re.match(r"\d+ deadline|时限共", line))
    body = [line for line in lines[1:summary] if not re.match(r"\d{4}-\d{2}-\d{2}", line)]
    assert body and all(line.startswith("    ") for line in body), body
    assert "    (findings/2026-09-g1-hecheng.yaml:108)" in lines
    state = "done, on 2026-09-18" if language == "en" else "已完成，于 2026-09-18"
    assert any(state in line for line in lines)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_deadline_summary_keeps_its_brackets_whole(language: str) -> None:
    """The summary broke as "22 done (0 / late)": a group in brackets reads as one."""
    out = _run(80, "--lang", language, "deadline", EXAMPLES, "--as-of", "2026-11-21", messages=True)
    done = r"\d+ done \(\d+ late\)" if language == "en" else r"已完成 \d+（其中逾期完成 \d+）"
    assert re.search(done, out), out
    for line in out.splitlines():
        assert line.count("(") == line.count(")") and line.count("（") == line.count("）"), line


def test_the_chinese_policy_list_keeps_years_and_numbers_whole() -> None:
    """It folded 20 / 16年 and 1 / 2 类 where the cell ended."""
    out = _run(80, "--lang", "zh", "policy", "list")
    assert "2016年6月17日" in out and "〔2017〕" in out
    assert "12 类" in out and "3 个月" in out


def test_the_accountability_level_is_never_broken(tmp_path: Path) -> None:
    """县（区） folded into 县（区 / ）, 第三十九条 into 第三十 / 九条."""
    repo = str(write_repo(tmp_path / "repo"))
    out = _run(80, "--lang", "zh", "report", repo, "--period", "2026Q4", "--as-of", "2026-12-15")
    assert re.search(r"│ 县（区） ?│", out) and re.search(r"│ 第三十九条 ?│", out)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_ledger_at_80_columns_keeps_titles_and_gives_units_room(language: str) -> None:
    """A person's title folded into （镇 / 长）; the unit was two characters a line while
    the frame still had rules to give."""
    ledger = ["report", EXAMPLES, "--period", "2026-09", "--as-of", "2026-12-01"]
    out = _run(80, "--lang", language, *ledger)
    assert "（镇长）" in out and "（局长）" in out
    assert "云溪县" in out and ("云溪县龙潭" in out or language == "en")


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize(
    "command", [["sample"], ["report"], ["render-letter"], ["finding", "update"]]
)
def test_help_at_80_columns_keeps_names_and_words_whole(language: str, command: list[str]) -> None:
    """The help of `sample` cut --exclude-visited-months to "--exclude-visited-mon…",
    folded not-exite / d=1 and began Chinese lines with "。" and "、"."""
    out = _run(80, "--lang", language, *command, "--help")
    if command == ["sample"]:
        assert "--exclude-visited-months" in out and "not-exited=1" in out
    cells = (text.strip() for line in out.splitlines() for text in re.split("[│┃]", line))
    assert not [text for text in cells if text[:1] in tuple("。，、；：）")]


# --- headings break between words only ----------------------------------------------------

HEADINGS = ("report-col-", "report-by-", "tracking-column-", "deadline-column-", "sample-column-")
TITLES = ("report-summary-title", "report-ledger-title", "report-accountability-title")
RULE = re.compile(r"^\s*(┡.*|─[─ ]*)$")  # under the headings: with rules between columns or not


def _in(language: str, texts: Callable[[], set[str]]) -> set[str]:
    i18n.activate(language)
    try:
        return texts()
    finally:
        i18n.activate("en")


def _heading_words(language: str) -> set[str]:
    """Every word of every heading of a table, long and short forms, in the language."""
    keys = [key for key in EN if key.startswith(HEADINGS)]
    return _in(language, lambda: {word.casefold() for key in keys for word in t(key).split()})


def _title(language: str) -> re.Pattern[str]:
    templates = _in(language, lambda: {i18n.gettext(EN[key]) for key in TITLES})
    patterns = (re.sub(r"\\\{\w+\\\}", ".*", re.escape(text)) for text in templates)
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns))


def _heading_lines(out: str, title: re.Pattern[str]) -> list[list[str]]:
    """The lines of each table's headings: after its top (or its title) to the rule below."""
    tables: list[list[str]] = []
    start: int | None = None
    lines = out.splitlines()
    for index, line in enumerate(lines):
        if line.lstrip().startswith("┏") or title.fullmatch(line.strip()):
            start = index + 1
        elif start is not None and RULE.match(line):
            tables.append(lines[start:index])
            start = None
    return tables


REPORTS = [["--by", by] for by in ("group", "county", "unit", "category", "household-group")]


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize(
    "arguments",
    [
        *(["report", EXAMPLES, *by, "--as-of", "2026-12-01"] for by in REPORTS),
        ["report", EXAMPLES, "--period", "2026-09", "--as-of", "2026-12-01"],
        ["finding", "list", "--repo", EXAMPLES, "--as-of", "2026-11-21"],
    ],
    ids=lambda arguments: "-".join(arguments[:1] + arguments[2:4]),
)
def test_headings_at_80_columns_break_between_words(language: str, arguments: list[str]) -> None:
    """A heading folded in a word ("Findi / ngs") reads as nothing: every run of letters
    in the headings is a whole word of some heading of the catalogue. Chinese headings
    break between any two characters, as Chinese does, and stay as they were."""
    out = _run(80, "--lang", language, *arguments)
    tables = _heading_lines(out, _title(language))
    assert tables and all(tables), out
    words = _heading_words(language)
    for lines in tables:
        tokens = (token for line in lines for token in re.split(r"[\s┃│]+", line))
        broken = [
            token
            for token in tokens
            if re.search("[A-Za-z]", token) and token.casefold() not in words
        ]
        assert not broken, "\n".join(lines)


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12)
HEADING = st.lists(WORD, min_size=1, max_size=3).map(" ".join)


@given(
    headings=st.lists(st.tuples(HEADING, HEADING), min_size=1, max_size=10),
    values=st.lists(st.integers(0, 10**6), min_size=1, max_size=10),
    width=st.integers(30, 160),
)
@settings(max_examples=150, deadline=None)
def test_fit_fits_and_breaks_headings_between_words_when_it_can(
    headings: list[tuple[str, str]], values: list[int], width: int
) -> None:
    """The table never runs past the terminal; and when one space between columns leaves
    room for the longest word of each short heading (or its widest number), no heading
    word is broken."""
    console = Console(width=width, file=io.StringIO(), record=True)
    table = Table(title="t")
    table.add_column("name")
    for long, short in headings:
        table.add_column(Heading(long, short), justify="right")
    row = [str(value) for value, _ in zip(values * len(headings), headings, strict=False)]
    table.add_row("x", *row)
    fit(table, console)
    console.print(table)
    lines = console.export_text().splitlines()
    assert all(cell_len(line) <= width for line in lines)
    floors = [
        max(4, max(len(word) for word in short.split()), len(value))
        for (_, short), value in zip(headings, row, strict=True)
    ]
    if sum(floors) + 4 + len(headings) <= width:
        words = {word for long, short in headings for word in f"{long} {short}".split()}
        rule = next(i for i, line in enumerate(lines) if RULE.match(line))
        tokens = [token for line in lines[1:rule] for token in re.split(r"[\s┃│]+", line)]
        assert {token for token in tokens if token.isalpha()} <= words | {"name"}


def test_a_narrow_report_names_the_columns_it_leaves_out() -> None:
    """The accountability view leaves out its rules, not "problem, target and measures"."""
    columns = tuple(Column(t(key), kind) for key, kind in ACCOUNTABILITY_COLUMNS)
    row = (
        "village",
        "云溪县/上坪镇/桂洞村",
        2,
        1,
        7,
        1200,
        5.83,
        "户数≥1",
        "追究责任",
        "第三十九条",
    )
    view = View("a", "t", columns, (row,), "")
    caption = str(build_table(view, 80).caption)
    assert t("report-col-reached") in caption and t("report-col-consequence") in caption
    assert t("report-col-target") not in caption
    assert build_table(view, WIDE).caption is None


@pytest.mark.parametrize("language", ["en", "zh"])
def test_at_60_columns_dates_stay_whole(language: str) -> None:
    """Floors give way a column at a time, a status before a date: a deadline folded
    into 2026-1 / 0-19 reads as another date."""
    ledger = ["report", EXAMPLES, "--period", "2026-09", "--as-of", "2026-12-01"]
    assert "2026-10-19" in _run(60, "--lang", language, *ledger)
    listing = ["finding", "list", "--repo", EXAMPLES, "--as-of", "2026-11-21"]
    assert "2026-10-19" in _run(60, "--lang", language, *listing)


LONG_ID = "2026-11-09-第一督查组-石岭县-0"  # new-plan's default plan id in a finding's id


@pytest.fixture(scope="module")
def long_ids(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The example repository with 石岭县's findings numbered after a plan of new-plan."""
    root = tmp_path_factory.mktemp("long") / "repo"
    shutil.copytree(REPO / "examples", root, ignore=shutil.ignore_patterns("tools"))
    for path in [*root.glob("findings/*.yaml"), *root.glob("plans/*.yaml")]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("2026-10-SL-0", LONG_ID), encoding="utf-8")
    return str(root)


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("command", ["list", "report"])
def test_long_ids_wrap_at_hyphens_and_statuses_stay_whole(
    long_ids: str, language: str, command: str
) -> None:
    """The statuses folded (rectifyin / g, 整改 / 中), the headings too (责任单 / 位), and
    the ids anywhere (2026-11-09-第 / 一督查组-石岭)."""
    arguments = ["--lang", language, "finding", "list", "--repo", long_ids]
    if command == "report":
        arguments = ["--lang", language, "report", long_ids, "--period", "2026-10"]
    out = _run(80, *arguments, "--as-of", "2026-11-21")
    words = ("rectifying", "rectified") if language == "en" else ("整改中", "已整改", "责任单位")
    assert all(word in out for word in words), out
    fragments = re.findall(r"(?<![^\s│])(?:2026-11-09-\S*|第一\S*|石岭县-\S*)", out)
    assert "2026-11-09-" in fragments and "第一督查组-" in fragments, fragments
    assert all(
        f in ("2026-11-09-", "第一督查组-") or re.fullmatch(r"石岭县-0\d", f) for f in fragments
    )


@pytest.mark.parametrize("language", ["en", "zh"])
def test_sample_at_60_columns_gives_up_the_masked_numbers_first(language: str) -> None:
    """The household and village ids folded (QH-YX-0402-0 / 24) beside the full width of
    the masked ID numbers."""
    plan = f"{EXAMPLES}/plans/2026-09-g1.yaml"
    out = _run(60, "--lang", language, "sample", plan, "--dry-run", "--seed", "test")
    assert "QH-YX-0402-024" in out and "云溪县/上坪镇/桂洞村" in out
    assert not re.search(r"000\*{11}\d{4}", out)  # the ID numbers left out, said below
    note = "\n".join(out.splitlines()[-2:])
    assert ("ID number" if language == "en" else "身份证号") in note and "json" in note
    wide = _run(80, "--lang", language, "sample", plan, "--dry-run", "--seed", "test")
    assert re.search(r"000\*{11}\d{4}", wide)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_roll_up_keeps_the_names_of_its_scope_whole(tmp_path: Path, language: str) -> None:
    """青禾市乡村振兴局 folded two characters a line in the roll-up's 汇总范围 table."""
    office = shutil.copytree(REPO / "examples", tmp_path / "office")
    broken = shutil.copytree(REPO / "examples", tmp_path / "office-bad")
    with (broken / "findings" / "2026-09-g1-yunxi.yaml").open("a", encoding="utf-8") as file:
        file.write("bad: [\n")
    arguments = ["--lang", language, "report", str(office), str(broken), "--period", "2026"]
    out = _run(80, *arguments, "--as-of", "2026-12-15")
    assert re.search(r"^office +青禾市乡村振兴局 ", out, re.M), out
    # what follows a name in brackets goes below it whole: 未计入 / （校验未通过）
    assert re.search(r"^office-bad +未计入 ", out, re.M) and "（校验未通过）" in out
