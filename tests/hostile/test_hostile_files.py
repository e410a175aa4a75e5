# ruff: noqa: E501  (the table of attacks reads best one attack a line)
"""Files no one should meet, met by every command that reads them.

Each attack is planted in a valid repository and run against every command that reads
what it breaks: the command must name its problem, exit 1, and leave every file as it
was. Once per attack the heaviest reader runs in a child process limited to 2 GiB of
address space and 30 seconds, which is what "bounded" means here.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from .corpus import (
    BY_NAME,
    COMMANDS,
    FINDINGS,
    NO_KIND,
    RENDERS,
    ROSTER_FILE,
    Attack,
    build_pristine,
    copy_of,
    docx_with,
    fingerprint,
    invoke,
    plant_templates,
    run_bounded,
    zip_bomb_docx,
)

HOSTILE = "findings/x.yaml"


def _reading(*categories: str) -> tuple[str, ...]:
    return tuple(c.name for c in COMMANDS if set(categories) & set(c.reads))


# Every command that reads the files of the repository whatever their kind, and `policy
# show`, which reads every file's bytes for a policy's kind line.
EVERY_FILE = (*_reading(NO_KIND), "policy show --repo")
ROSTER_READERS = _reading(ROSTER_FILE)
# One command for each way to the roster reader (validate's scan, the repository loader,
# the draw), for the attacks whose file takes seconds to read.
ROSTER_PATHS = ("validate", "deadline list", "sample")


def _write(relative: str, data: bytes) -> Callable[[Path], None]:
    def plant(repo: Path) -> None:
        (repo / relative).write_bytes(data)

    return plant


def _link(relative: str, target: str) -> Callable[[Path], None]:
    def plant(repo: Path) -> None:
        (repo / relative).unlink(missing_ok=True)
        os.symlink(target, repo / relative)

    return plant


def _fifo(relative: str) -> Callable[[Path], None]:
    def plant(repo: Path) -> None:
        (repo / relative).unlink(missing_ok=True)
        os.mkfifo(repo / relative)

    return plant


def _device(relative: str) -> Callable[[Path], None]:
    """A copy of /dev/null (needs root, as in CI containers)."""

    def plant(repo: Path) -> None:
        (repo / relative).unlink(missing_ok=True)
        os.mknod(repo / relative, 0o666 | 0o020000, os.makedev(1, 3))

    return plant


def _setting(old: str, new: str) -> Callable[[Path], None]:
    def plant(repo: Path) -> None:
        settings = repo / "inspect.yaml"
        settings.write_text(settings.read_text(encoding="utf-8").replace(old, new), "utf-8")

    return plant


def _links_in_a_loop(repo: Path) -> None:
    _link("findings/y.yaml", "x.yaml")(repo)
    _link(HOSTILE, "y.yaml")(repo)


def _alias_bomb_of_bytes() -> bytes:
    """One 1 MB scalar with an anchor, aliased 150,000 times."""
    head = b"note: &a " + b"x" * 1_000_000 + b"\nitems:\n"
    return head + b"  - *a\n" * 150_000


def _billion_laughs() -> bytes:
    lines = [b'a0: &a0 "lol"']
    for level in range(1, 10):
        previous = b", ".join([b"*a%d" % (level - 1)] * 10)
        lines.append(b"a%d: &a%d [%s]" % (level, level, previous))
    return b"\n".join(lines) + b"\n"


def _roster_line(cells: Callable[[list[bytes]], None]) -> Callable[[Path], None]:
    """The roster with its first household's cells changed by ``cells``."""

    def plant(repo: Path) -> None:
        lines = (repo / "roster.csv").read_bytes().split(b"\n")
        row = lines[1].split(b",")
        cells(row)
        lines[1] = b",".join(row)
        (repo / "roster.csv").write_bytes(b"\n".join(lines))

    return plant


def _huge_cell(row: list[bytes]) -> None:
    row[5] = b'"' + b"x" * 100_000_000 + b'"'


def _wide_row(row: list[bytes]) -> None:
    row[:] = [b"c"] * 10_000_000


def _wide_header(repo: Path) -> None:
    (repo / "roster.csv").write_bytes(b",".join([b"c"] * 10_000_000) + b"\n")


ATTACKS = [
    # --- what a case file may hold -------------------------------------------------------------
    Attack("alias bomb of bytes", _write(HOSTILE, _alias_bomb_of_bytes()), "alias-bomb", EVERY_FILE[:-1], HOSTILE),
    Attack("billion laughs", _write(HOSTILE, _billion_laughs()), "alias-bomb", EVERY_FILE[:-1], HOSTILE),
    Attack("deep nesting", _write(HOSTILE, b"[" * 100_000 + b"]" * 100_000), "too-deep", EVERY_FILE[:-1], HOSTILE),
    Attack("over 20 MB in one line", _write(HOSTILE, b"a: " + b"x" * 21_000_000), "file-too-large", EVERY_FILE, HOSTILE),
    Attack("NUL bytes", _write(HOSTILE, b"a: b\x00\x00\n" * 100), "binary-file", EVERY_FILE[:-1], HOSTILE),
    # --- what a case file may be ---------------------------------------------------------------
    Attack("link to /dev/zero", _link(HOSTILE, "/dev/zero"), "outside-repository", EVERY_FILE, HOSTILE),
    Attack("link to /etc/passwd", _link(HOSTILE, "/etc/passwd"), "outside-repository", EVERY_FILE, HOSTILE),
    Attack("FIFO", _fifo(HOSTILE), "not-a-regular-file", EVERY_FILE, HOSTILE),
    Attack("device", _device(HOSTILE), "not-a-regular-file", EVERY_FILE, HOSTILE),
    Attack("dangling link", _link(HOSTILE, "gone.yaml"), "not-a-regular-file", EVERY_FILE, HOSTILE),
    Attack("link to a folder", _link(HOSTILE, "."), "not-a-regular-file", EVERY_FILE, HOSTILE),
    Attack("loop of links", _links_in_a_loop, "not-a-regular-file", EVERY_FILE),
    # --- paths in inspect.yaml, and the roster ----------------------------------------------------
    Attack("roster: ../../etc/shadow", _setting("roster: roster.csv", "roster: ../../etc/shadow"), "outside-repository", ROSTER_READERS, "inspect.yaml"),
    Attack("roster: an absolute path", _setting("roster: roster.csv", "roster: /etc/passwd"), "outside-repository", ROSTER_READERS, "inspect.yaml"),
    Attack("roster linked to /etc/passwd", _link("roster.csv", "/etc/passwd"), "outside-repository", ROSTER_READERS, "roster.csv"),
    Attack("roster is a FIFO", _fifo("roster.csv"), "not-a-regular-file", ROSTER_READERS, "roster.csv"),
    Attack("roster with 10 million columns in its header", _wide_header, "csv-too-many-columns", ROSTER_READERS, "roster.csv"),
    Attack("roster row of 10 million cells", _roster_line(_wide_row), "csv-wrong-field-count", ROSTER_READERS, "roster.csv"),
    Attack("roster cell of 100 MB", _roster_line(_huge_cell), "csv-syntax", ROSTER_PATHS, "roster.csv"),
    Attack("templates: outside", _setting("roster: roster.csv", "roster: roster.csv\ntemplates: ../.."), "outside-repository", RENDERS, "inspect.yaml"),
    # --- templates -------------------------------------------------------------------------------
    Attack("template looping 10^10 times", plant_templates(docx_with("{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}")), "template-error", RENDERS),
    Attack("template building 'x' * 10**10", plant_templates(docx_with("{{ 'x' * 10**10 }}")), "template-error", RENDERS),
    Attack("template with a recursive macro", plant_templates(docx_with("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}")), "template-error", RENDERS),
    Attack("template writing 100 MB", plant_templates(docx_with("{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}")), "template-error", RENDERS),
    Attack("template doubling a string", plant_templates(docx_with("{% set ns = namespace(s='xx') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}")), "template-error", RENDERS),
    Attack("template as a zip bomb", plant_templates(zip_bomb_docx(200 * 2**20)), "unsafe-template", RENDERS),
    Attack("template with a part named ../x", plant_templates(docx_with("", {"../evil.xml": b"x"})), "unsafe-template", RENDERS),
    Attack("template of 2,000 parts", plant_templates(docx_with("", {f"word/p{i}.xml": b"" for i in range(2000)})), "unsafe-template", RENDERS),
]  # fmt: skip
BY_ATTACK = {attack.name: attack for attack in ATTACKS}

# The attack and the one command that runs it in a bounded child process: the heaviest
# reader of what it breaks.
BOUNDED = [
    (attack.name, "render-letter" if attack.reaches == RENDERS else "validate")
    for attack in ATTACKS
    if "link" not in attack.name and "FIFO" not in attack.name and attack.name != "device"
]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_pristine(tmp_path_factory.mktemp("pristine") / "repo")


def _planted(pristine: Path, tmp_path: Path, attack: Attack) -> Path:
    repo = copy_of(pristine, tmp_path / "repo")
    attack.plant(repo)
    return repo


def _refused(attack: Attack, code: int, output: str) -> None:
    assert code == 1, output
    assert f" error {attack.code} " in output, output
    if attack.path:
        assert f"{attack.path}:" in output, output


@pytest.mark.parametrize(
    ("attack_name", "command_name"),
    [(a.name, c) for a in ATTACKS for c in a.reaches],
)
def test_every_command_refuses_the_attack_and_changes_nothing(
    attack_name: str,
    command_name: str,
    pristine: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    attack, command = BY_ATTACK[attack_name], BY_NAME[command_name]
    monkeypatch.chdir(tmp_path)
    repo = _planted(pristine, tmp_path, attack)
    before = fingerprint(tmp_path)
    code, output = invoke(command.argv(repo, tmp_path / "out"))
    _refused(attack, code, output)
    assert fingerprint(tmp_path) == before


@pytest.mark.parametrize(("attack_name", "command_name"), BOUNDED)
def test_the_attack_is_refused_in_bounded_memory_and_time(
    attack_name: str, command_name: str, pristine: Path, tmp_path: Path
) -> None:
    attack, command = BY_ATTACK[attack_name], BY_NAME[command_name]
    repo = _planted(pristine, tmp_path, attack)
    before = fingerprint(tmp_path)
    code, output = run_bounded(command.argv(repo, tmp_path / "out"), tmp_path)
    _refused(attack, code, output)
    assert fingerprint(tmp_path) == before


def test_a_findings_file_of_300000_plain_items_is_no_alias_bomb(
    pristine: Path, tmp_path: Path
) -> None:
    repo = copy_of(pristine, tmp_path / "repo")
    (repo / HOSTILE).write_bytes(b"items:\n" + b"  - a\n" * 300_000)
    code, output = invoke(["validate", str(repo), "--no-cache"])
    assert code == 1, output
    assert "alias-bomb" not in output
    assert "missing-kind" in output, output


def test_ten_thousand_files_are_read_and_each_is_reported(pristine: Path, tmp_path: Path) -> None:
    repo = copy_of(pristine, tmp_path / "repo")
    crowd = repo / "findings" / "crowd"
    crowd.mkdir()
    for number in range(10_000):
        (crowd / f"{number}.yaml").write_bytes(b"")
    code, output = invoke(["validate", str(repo), "--no-cache", "--format", "parsable"])
    assert code == 1
    assert output.count(" error empty-file ") == 10_000


@pytest.mark.parametrize("name", ["\x1b[2J\x07bell.yaml", "tab\tand\nnewline.yaml"])
def test_a_file_named_with_control_characters_is_reported(
    name: str, pristine: Path, tmp_path: Path
) -> None:
    repo = copy_of(pristine, tmp_path / "repo")
    (repo / "findings" / name).write_bytes(b"")
    code, output = invoke(["validate", str(repo), "--no-cache", "--format", "json"])
    assert code == 1
    assert "empty-file" in output


# --- writing ----------------------------------------------------------------------------------

OUT_COMMANDS = {
    "report": lambda r, out: ["report", str(r), "--as-of", "2026-10-15", "--format", "json", "--out", str(out)],
    "deadline ics": lambda r, out: ["deadline", str(r), "--as-of", "2026-09-15", "--format", "ics", "--out", str(out)],
}  # fmt: skip
SPECIAL_OUT: dict[str, Callable[[Path], None]] = {
    "a device": lambda out: os.mknod(out, 0o666 | 0o020000, os.makedev(1, 3)),
    "a FIFO": os.mkfifo,
    "a folder": os.mkdir,
    "a link to a device": lambda out: os.symlink("/dev/null", out),
}


@pytest.mark.parametrize("target", SPECIAL_OUT)
@pytest.mark.parametrize("command_name", OUT_COMMANDS)
def test_out_never_replaces_what_is_not_a_regular_file(
    command_name: str, target: str, pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    repo = copy_of(pristine, tmp_path / "repo")
    out = tmp_path / "out.bin"
    SPECIAL_OUT[target](out)
    before = fingerprint(tmp_path)
    code, output = invoke(OUT_COMMANDS[command_name](repo, out))
    assert code == 1, output
    assert " error not-a-regular-file " in output, output
    assert fingerprint(tmp_path) == before


WRITERS = ["finding update", "sample", "new-plan", "render-letter", "report --out"]


def _writer_argv(name: str, repo: Path, out: Path) -> list[str]:
    if name == "report --out":
        return OUT_COMMANDS["report"](repo, out / "report.json")
    return BY_NAME[name].argv(repo, out)


def _failing(error: int) -> Callable[..., object]:
    def fail(*args: object, **kwargs: object) -> object:
        raise OSError(error, os.strerror(error))

    return fail


@pytest.mark.parametrize(
    ("where", "error", "code"),
    [("fsync", errno.ENOSPC, "disk-full"), ("mkstemp", errno.EROFS, "read-only")],
)
@pytest.mark.parametrize("command_name", WRITERS)
def test_a_full_disk_or_a_read_only_file_system_is_a_problem_and_nothing_is_half_written(
    command_name: str,
    where: str,
    error: int,
    code: str,
    pristine: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    repo = copy_of(pristine, tmp_path / "repo")
    (tmp_path / "out").mkdir()
    before = fingerprint(tmp_path)
    argv = _writer_argv(command_name, repo, tmp_path / "out")
    if where == "fsync":
        monkeypatch.setattr(os, "fsync", _failing(error))
    else:
        monkeypatch.setattr(tempfile, "mkstemp", _failing(error))
    status, output = invoke(argv)
    monkeypatch.undo()
    assert status == 1, output
    assert f" error {code} " in output, output
    assert fingerprint(tmp_path) == before  # no temporary file left, no file changed
    # at the file the command writes, as the user knows it: not its temporary twin
    (line,) = [line for line in output.splitlines() if f" error {code} " in line]
    assert not line.startswith(":") and ".tmp:" not in line, line


@pytest.mark.parametrize("command_name", ["validate", "deadline list", "finding list"])
def test_an_unreadable_file_is_a_problem_at_the_file(
    command_name: str, pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """chmod 000 does not stop root, who runs the tests: the refusal is simulated."""
    repo = copy_of(pristine, tmp_path / "repo")
    real_open = os.open

    def guarded(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if str(path).endswith(FINDINGS):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", guarded)
    code, output = invoke(BY_NAME[command_name].argv(repo, tmp_path))
    monkeypatch.undo()
    assert code == 1, output
    assert f"{FINDINGS}:0:0: error unreadable-file " in output, output


def test_every_attack_reaches_a_command() -> None:
    for attack in ATTACKS:
        assert attack.reaches, attack.name
