"""Bad input gets a clear error and loses nothing, whatever the command.

Every command that reads the case repository runs against a small valid repository broken
one way at a time (a wrong encoding, a BOM, a tab, a duplicate key, an unknown field, an
impossible date, a missing reference, a broken preset, a broken roster, a binary file).
Each must exit 1 without a traceback, name the file, line and column of the fault with
the message `inspect validate` gives for it (which says what to do), and leave every file
as it was: no edit, no half-written file, no rendered document.

Input that is merely unusual (Windows line ends, an extra roster column) must work, and
an edit must keep the file's form: a file saved with CRLF stays CRLF, and a new plan has
the line ends of the plans beside it.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from inspectcli.cli.root import app

from .validate.helpers import make_repo

runner = CliRunner()

FINDINGS = "findings/r1.yaml"
PLAN = "plans/r1.yaml"
UNDRAWN = "plans/r2.yaml"
NEW_PLAN = "plans/r3.yaml"
SETTINGS = "inspect.yaml"
ROSTER = "roster.csv"

# A third finding, rectifying with an extension awaiting its decision, so that every
# `inspect finding` transition has a finding it applies to.
PENDING = """\
  - id: R1-03
    content: "02"
    location: {county: 云岗县, town: 石桥镇, village: 柳塘村}
    description: 产业帮扶项目进度滞后
    responsible: {unit: 石桥镇人民政府}
    measures: 制定项目推进计划
    deadline: 2026-10-12
    rectification:
      status: rectifying
      updates:
        - {date: 2026-09-20, status: rectifying, note: 已制定推进计划}
      extensions:
        - {requested: 2026-09-25, reason: 雨季施工受阻, new_deadline: 2026-10-30}
"""


def _undrawn_plan(root: Path) -> None:
    """A round without a sample, late enough that R1's units are not excluded from it."""
    text = (root / PLAN).read_text(encoding="utf-8")
    text = text[: text.index("sample:")].replace("id: R1", "id: R2")
    text = text.replace("2026-09-08", "2026-12-14").replace("2026-09-09", "2026-12-15")
    (root / UNDRAWN).write_text(text, encoding="utf-8")


def build_pristine(target: Path) -> Path:
    """The valid repository every command succeeds on, at ``target``."""
    root = make_repo(None, target)
    with (root / FINDINGS).open("a", encoding="utf-8") as findings:
        findings.write(PENDING)
    _undrawn_plan(root)
    return root


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_pristine(tmp_path_factory.mktemp("pristine") / "repo")


# --- the commands -------------------------------------------------------------------------

# What a fault breaks, and so which commands it reaches; NO_KIND: a file whose kind cannot
# be told without reading it, which the loader reads whatever the command.
SETTINGS_FILE, ROSTER_FILE, PLAN_FILE, FINDINGS_FILE, NO_KIND = (
    "settings",
    "roster",
    "plan",
    "findings",
    "no kind",
)
EVERYTHING = (SETTINGS_FILE, ROSTER_FILE, PLAN_FILE, FINDINGS_FILE, NO_KIND)
NO_ROSTER = (SETTINGS_FILE, PLAN_FILE, FINDINGS_FILE, NO_KIND)


@dataclass(frozen=True)
class Command:
    name: str
    argv: Callable[[Path, Path], list[str]]  # (repository, output folder) → arguments
    reads: tuple[str, ...]  # what it reads, of what the faults break
    writes: str | None = None  # the file of the repository it writes when it succeeds


def _finding(*words: str) -> Callable[[Path, Path], list[str]]:
    return lambda repo, out: ["finding", *words, "--repo", str(repo)]


DATE = ("--date", "2026-09-28")
COMMANDS = [
    Command("validate", lambda r, o: ["validate", str(r), "--no-cache"], EVERYTHING),
    Command(
        "deadline list",
        lambda r, o: ["deadline", str(r), "--as-of", "2026-09-15", "--fail-on", "never"],
        EVERYTHING,
    ),
    Command(
        "report",
        lambda r, o: ["report", str(r), "--as-of", "2026-10-15", "--format", "json"],
        EVERYTHING,
    ),
    Command(
        "finding update",
        _finding("update", "R1-03", "--note", "已开工", *DATE),
        NO_ROSTER,
        FINDINGS,
    ),
    Command(
        "finding extend",
        _finding("extend", "R1-02", "--to", "2026-10-30", "--reason", "需待村民返乡核对", *DATE),
        NO_ROSTER,
        FINDINGS,
    ),
    Command(
        "finding approve-extension",
        _finding("approve-extension", "R1-03", *DATE),
        NO_ROSTER,
        FINDINGS,
    ),
    Command(
        "finding reject-extension",
        _finding("reject-extension", "R1-03", *DATE),
        NO_ROSTER,
        FINDINGS,
    ),
    Command(
        "finding verify",
        _finding("verify", "R1-01", "--by", "庚某", "--date", "2026-10-15"),
        NO_ROSTER,
        FINDINGS,
    ),
    Command("finding list", _finding("list", "--as-of", "2026-10-15"), NO_ROSTER),
    Command(
        "new-plan",
        lambda r, o: [
            *("new-plan", "--group", "第三督查组", "--leader", "壬某", "--counties", "云岗县"),
            *("--kind", "supervision", "--start", "2027-01-11", "--end", "2027-01-12"),
            *("--out", str(r / NEW_PLAN)),
        ],
        (SETTINGS_FILE, NO_KIND),
        NEW_PLAN,
    ),
    Command(
        "sample",
        lambda r, o: ["sample", str(r / UNDRAWN), "--seed", "s"],
        (SETTINGS_FILE, ROSTER_FILE, NO_KIND),
        UNDRAWN,
    ),
    Command(
        "sample --verify",
        lambda r, o: ["sample", str(r / PLAN), "--verify"],
        (SETTINGS_FILE, ROSTER_FILE, PLAN_FILE, NO_KIND),
    ),
    Command(
        "render-letter",
        lambda r, o: ["render-letter", str(r / FINDINGS), "--out", str(o), "--date", "2026-09-11"],
        # A letter reads its own file, its plan and the files that hold letter numbers.
        (SETTINGS_FILE, ROSTER_FILE, PLAN_FILE, FINDINGS_FILE),
    ),
    Command(
        "render-report",
        lambda r, o: ["render-report", str(r / PLAN), "--out", str(o), "--date", "2026-10-15"],
        EVERYTHING,
    ),
    Command(
        "render-bulletin",
        lambda r, o: [
            *("render-bulletin", "--period", "2026-09", str(r)),
            *("--out", str(o), "--date", "2026-10-15"),
        ],
        EVERYTHING,
    ),
    Command(
        "policy show --repo", lambda r, o: ["policy", "show", "--repo", str(r)], (SETTINGS_FILE,)
    ),
]
BY_NAME = {command.name: command for command in COMMANDS}


# --- the faults ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Fault:
    name: str
    path: str  # the file it breaks (or adds)
    breaks: tuple[str, ...]  # what it breaks, for the commands that read it
    change: Callable[[bytes], bytes]
    where: Callable[[bytes], tuple[int, int]]  # (line, column) in the broken file
    says: str  # part of the message: what is wrong, or what to do about it


def _at_start(_: bytes) -> tuple[int, int]:
    return 1, 1


def _line_of(needle: str, column: int = 1) -> Callable[[bytes], tuple[int, int]]:
    """The first line holding ``needle``, at ``column``."""

    def where(raw: bytes) -> tuple[int, int]:
        lines = raw.decode("utf-8").splitlines()
        return next(n for n, line in enumerate(lines, 1) if needle in line), column

    return where


def _first_non_ascii(raw: bytes) -> tuple[int, int]:
    offset = next(i for i, byte in enumerate(raw) if byte > 0x7F)
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, offset - line_start + 1


def _replace(old: str, new: str) -> Callable[[bytes], bytes]:
    def change(raw: bytes) -> bytes:
        assert old.encode() in raw, old
        return raw.replace(old.encode(), new.encode(), 1)

    return change


def _recode(encoding: str) -> Callable[[bytes], bytes]:
    return lambda raw: raw.decode("utf-8").encode(encoding)


def _without_column(index: int) -> Callable[[bytes], bytes]:
    def change(raw: bytes) -> bytes:
        rows = (line.split(b",") for line in raw.split(b"\n"))
        return b"\n".join(b",".join(cells[:index] + cells[index + 1 :]) for cells in rows)

    return change


R1_02 = "    description: 帮扶台账与系统数据不一致\n"
FAULTS = [
    Fault(
        "findings in GBK",
        FINDINGS,
        (FINDINGS_FILE,),
        _recode("gbk"),
        _first_non_ascii,
        "Encoding: UTF-8",
    ),
    # Without the kind line readable, the loader cannot tell what the file is: it stops.
    Fault(
        "findings in UTF-16",
        FINDINGS,
        (FINDINGS_FILE, NO_KIND),
        _recode("utf-16"),
        _at_start,
        "UTF-16",
    ),
    # Notepad's "Unicode" without its mark: NUL bytes, yet not "a binary file".
    Fault(
        "findings in UTF-16 without a BOM",
        FINDINGS,
        (FINDINGS_FILE, NO_KIND),
        _recode("utf-16-le"),
        _at_start,
        "UTF-16",
    ),
    Fault(
        "findings with a BOM",
        FINDINGS,
        (FINDINGS_FILE,),
        b"\xef\xbb\xbf".__add__,
        _at_start,
        "save it as UTF-8 without BOM",
    ),
    Fault(
        "tab indentation",
        FINDINGS,
        (FINDINGS_FILE,),
        _replace(R1_02, "\t" + R1_02.lstrip(" ")),
        _line_of("帮扶台账与系统数据不一致"),
        "YAML allows spaces only",
    ),
    Fault(
        "duplicate key",
        FINDINGS,
        (FINDINGS_FILE,),
        _replace(R1_02, R1_02 + "    description: 重复\n"),
        _line_of("description: 重复", 5),
        "merge them or rename one",
    ),
    Fault(
        "unknown field",
        FINDINGS,
        (FINDINGS_FILE,),
        _replace(R1_02, R1_02 + "    severty: serious\n"),
        _line_of("severty", 5),
        "did you mean `severity`?",
    ),
    Fault(
        "impossible date",
        FINDINGS,
        (FINDINGS_FILE,),
        _replace("deadline: 2026-10-12\n", "deadline: 2026-02-30\n"),
        _line_of("2026-02-30", 15),
        "`2026-02-30` is not a date on the calendar",
    ),
    Fault(
        "unknown plan",
        FINDINGS,
        (FINDINGS_FILE,),
        _replace("plan: R1\n", "plan: R9\n"),
        _line_of("plan: R9", 7),
        "plan `R9`",
    ),
    Fault(
        "malformed plan",
        PLAN,
        (PLAN_FILE,),
        _replace("counties: [云岗县]", "counties: [云岗县"),
        _line_of("counties:", 11),  # the `[` never closed
        "never closed",
    ),
    Fault(
        "misspelt preset",
        SETTINGS,
        (SETTINGS_FILE,),
        _replace("preset: heyuan", "preset: heyaun"),
        _line_of("heyaun", 11),
        "did you mean `heyuan`?",
    ),
    Fault(
        "roster in UTF-16 without a BOM",
        ROSTER,
        (ROSTER_FILE,),
        _recode("utf-16-be"),
        _at_start,
        "UTF-16",
    ),
    Fault(
        "roster without a column",
        ROSTER,
        (ROSTER_FILE,),
        _without_column(3),
        _at_start,
        "lacks the column(s) village_class",
    ),
    Fault(
        "empty roster",
        ROSTER,
        (ROSTER_FILE,),
        lambda raw: b"",
        _at_start,
        "the roster is empty; its first line is the header",
    ),
    Fault(
        "binary .yaml file",
        "findings/photo.yaml",
        (NO_KIND,),
        lambda raw: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
        _at_start,
        "not a text file",
    ),
]
FAULT_BY_NAME = {fault.name: fault for fault in FAULTS}


def _reaches(fault: Fault, command: Command) -> bool:
    return not set(fault.breaks).isdisjoint(command.reads)


# --- running them ---------------------------------------------------------------------------


def _fingerprint(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _invoke(command: Command, repo: Path, out: Path) -> tuple[int, str]:
    """Exit code and output (stdout and stderr) of ``command``; never a traceback."""
    return invoke(command.argv(repo, out))


def invoke(argv: list[str]) -> tuple[int, str]:
    """Exit code and output (stdout and stderr) of ``inspect ARGV``; never a traceback."""
    result = runner.invoke(app, argv)
    output = result.output
    assert "Traceback" not in output, output
    assert "internal error" not in output, output
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    assert not crashed, f"{type(result.exception).__name__}: {result.exception}\n{output}"
    return result.exit_code, output


def _copy(pristine: Path, target: Path, change: Callable[[Path], None] | None = None) -> Path:
    repo = Path(shutil.copytree(pristine, target))
    if change is not None:
        change(repo)
    return repo


def _break(fault: Fault) -> Callable[[Path], None]:
    def change(repo: Path) -> None:
        file = repo / fault.path
        file.write_bytes(fault.change(file.read_bytes() if file.exists() else b""))

    return change


CASES = [
    pytest.param(command.name, fault.name, id=f"{command.name}|{fault.name}")
    for command in COMMANDS
    for fault in FAULTS
    if _reaches(fault, command)
]


@pytest.mark.parametrize(("command_name", "fault_name"), CASES)
def test_bad_input_is_refused_with_its_place_and_nothing_changes(
    command_name: str,
    fault_name: str,
    pristine: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    command, fault = BY_NAME[command_name], FAULT_BY_NAME[fault_name]
    monkeypatch.chdir(tmp_path)  # nothing may land in the current folder either
    repo = _copy(pristine, tmp_path / "repo", _break(fault))
    before = _fingerprint(tmp_path)
    code, output = _invoke(command, repo, tmp_path / "out")
    assert code == 1, output
    line, column = fault.where((repo / fault.path).read_bytes())
    assert f"{fault.path}:{line}:{column}:" in output, output
    assert fault.says in output, output
    assert _fingerprint(tmp_path) == before


def test_every_fault_reaches_at_least_two_commands_and_every_command_one() -> None:
    for fault in FAULTS:
        assert sum(_reaches(fault, c) for c in COMMANDS) >= 2, fault.name
    for command in COMMANDS:
        assert any(_reaches(f, command) for f in FAULTS), command.name


# --- what is unusual but fine -----------------------------------------------------------------


def _crlf(repo: Path) -> None:
    """Every text file saved as a Windows editor saves it."""
    for path in repo.rglob("*"):
        if path.is_file():
            path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))


def _extra_roster_column(repo: Path) -> None:
    """A column the roster does not know (a warning only), as exports often have."""
    lines = (repo / ROSTER).read_bytes().split(b"\n")
    extra = [
        line + (b",remark" if n == 0 else b",x") if line else line for n, line in enumerate(lines)
    ]
    (repo / ROSTER).write_bytes(b"\n".join(extra))


def _keep_line_ends(written: bytes, repo: Path) -> bytes:
    return written.replace(b"\n", b"\r\n") if b"\r\n" in (repo / PLAN).read_bytes() else written


def _gbk_roster(repo: Path) -> None:
    """The roster saved as "CSV" by Excel or WPS on Chinese Windows (read, with a note)."""
    (repo / ROSTER).write_bytes((repo / ROSTER).read_text(encoding="utf-8").encode("gbk"))


VARIANTS = {
    "as it is": None,
    "CRLF line ends": _crlf,
    "extra roster column": _extra_roster_column,
    "roster in GBK": _gbk_roster,
}


@pytest.fixture(scope="module")
def written_by(pristine: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """What each command that writes into the repository writes there, on the intact one."""
    found = {}
    for command in COMMANDS:
        if command.writes is not None:
            folder = tmp_path_factory.mktemp("reference")
            repo = _copy(pristine, folder / "repo")
            code, output = _invoke(command, repo, folder / "out")
            assert code == 0, output
            found[command.name] = (repo / command.writes).read_bytes()
    return found


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("command_name", [c.name for c in COMMANDS])
def test_every_command_works_and_an_edit_keeps_the_file_as_it_was_saved(
    command_name: str,
    variant: str,
    pristine: Path,
    written_by: dict[str, bytes],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Also the other side of the refusals above: each command succeeds when nothing is
    broken, so a refusal there is the fault's doing."""
    command = BY_NAME[command_name]
    monkeypatch.chdir(tmp_path)
    repo = _copy(pristine, tmp_path / "repo", VARIANTS[variant])
    before = _fingerprint(repo)
    code, output = _invoke(command, repo, tmp_path / "out")
    assert code == 0, output
    changed = {p for p, h in _fingerprint(repo).items() if before.get(p) != h}
    assert changed == ({command.writes} if command.writes else set())
    if command.writes is not None:  # an edit keeps the file's line ends; a new plan, the plans'
        expected = _keep_line_ends(written_by[command.name], repo)
        assert (repo / command.writes).read_bytes() == expected
