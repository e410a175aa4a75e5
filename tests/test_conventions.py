"""What every command does the same way, so that a new command cannot forget it: the values
of a choice listed, no Python type in help, --quiet and --verbose, -V, `-` for standard
output, data on stdout and messages on stderr."""

from __future__ import annotations

import inspect
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from inspectcli import __version__
from inspectcli.cli import help as help_texts
from inspectcli.cli.root import app
from inspectcli.model import vocabulary
from tests.conftest import REPO
from tests.i18n.test_cli import ENTRY, _run
from tests.report.helpers import write_repo

runner = CliRunner()
EXAMPLES = REPO / "examples"
LETTER = EXAMPLES / "findings" / "2026-09-g1-hecheng.yaml"
NAMES = (
    "--authority",
    "中共禾城区委办公室",
    "--short-name",
    "禾办",
    "--install",
    "inspectcli==0.1.0",
)
PYTHON_TYPES = ("<str>", "<int>", "<bool>", "<path>", "<float>", "list[", "Path]", "<NoneType>")


def _commands(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from _commands(sub, (*path, name))


TREE = list(_commands(typer.main.get_command(app)))
LEAVES = [(path, command) for path, command in TREE if not getattr(command, "commands", None)]


def _help(path: tuple[str, ...], language: str, columns: int = 80) -> str:
    arguments = ["--lang", language, *path, "--help"]
    result = runner.invoke(app, arguments, env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result.stdout


def _choices(command: Any) -> list[tuple[str, tuple[str, ...]]]:
    found = []
    for parameter in command.params:
        descriptor = getattr(parameter, "type_descriptor", None)
        if descriptor is not None and descriptor.is_choice:
            found.append((parameter.opts[0], tuple(str(c) for c in descriptor.choices)))
    return found


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize(("path", "command"), TREE, ids=[" ".join(p) or "inspect" for p, _ in TREE])
def test_help_lists_choices_and_names_no_python_type(
    path: tuple[str, ...], command: Any, language: str
) -> None:
    shown = _help(path, language)
    for python_type in PYTHON_TYPES:
        assert python_type not in shown
    wide = _help(path, language, columns=200)  # at 80, a long list wraps inside its cell
    for option, values in _choices(command):
        words = vocabulary.of(values)
        listed = words.shown(values, language) if words else values
        assert f"<{'|'.join(listed)}>" in wide, f"{option} does not list {listed}"


def test_a_choice_is_listed_in_chinese_and_taken_in_either_language() -> None:
    wide = _help(("finding", "list"), "zh", columns=200)
    assert "<未整改|整改中|已整改|已核验>" in wide
    assert "<open|rectifying|rectified|verified>" in _help(("finding", "list"), "en", 200)
    for status in ("整改中", "rectifying"):
        arguments = ["finding", "list", "--repo", str(EXAMPLES), "--status", status]
        result = runner.invoke(app, [*arguments, "--format", "json"])
        assert result.exit_code == 0, result.output
        assert '"rectifying"' in result.stdout


def test_a_wrong_choice_is_said_in_the_users_words() -> None:
    arguments = ["--lang", "zh", "finding", "list", "--repo", str(EXAMPLES), "--status", "整改"]
    result = runner.invoke(app, arguments)
    assert result.exit_code == 2
    assert "`整改中`" in result.stderr and "已核验" in result.stderr  # 整改 begins it
    assert "rectifying" not in result.stderr


@pytest.mark.parametrize(("path", "command"), LEAVES, ids=[" ".join(p) for p, _ in LEAVES])
def test_every_command_takes_quiet_and_verbose_and_documents_dash(
    path: tuple[str, ...], command: Any
) -> None:
    options = {o for parameter in command.params for o in parameter.opts}
    assert {"--quiet", "-q", "--verbose"} <= options
    for parameter in command.params:
        if "--out" in parameter.opts:
            assert "-" in re.findall(r"(?<![\w-])-(?![\w-])", parameter.help or ""), parameter.help


def test_choices_are_the_librarys_values() -> None:
    """The Literal of each option and the values the code below it handles stay the same."""
    from inspectcli.cli import finding, init, newplan, validate
    from inspectcli.cli.conventions import choices_of
    from inspectcli.model.plan import PlanDocument
    from inspectcli.output.problems import FORMAT_NAMES
    from inspectcli.scaffold import CI_KINDS
    from inspectcli.tracking import lifecycle, listing

    assert choices_of(validate.Format) == FORMAT_NAMES
    assert choices_of(finding.Status) == listing.STATUSES
    assert choices_of(finding.UpdateStatus) == choices_of(lifecycle.UpdateStatus)
    assert choices_of(finding.Result) == choices_of(lifecycle.Result)
    assert choices_of(init.CiKind) == CI_KINDS
    for field, literal in (("type", newplan.Kind), ("scope", newplan.Scope)):
        assert choices_of(literal) == choices_of(PlanDocument.model_fields[field].annotation)
    assert choices_of(newplan.Mode) == choices_of(PlanDocument.model_fields["mode"].annotation)


def test_short_v_prints_the_version() -> None:
    for flag in ("-V", "--version"):
        assert _run(flag).stdout.strip() == f"inspectcli {__version__}"
    assert runner.invoke(app, ["-V"]).stdout.strip() == f"inspectcli {__version__}"


def test_tab_completes_the_values_of_a_choice() -> None:
    words = "inspect validate --format "
    offered = _run(COMP_WORDS=words, COMP_CWORD="3", _INSPECT_COMPLETE="complete_bash")
    assert offered.stdout.split() == [
        "text",
        "json",
        "github",
        "junit",
        "sarif",
        "gitlab",
        "parsable",
        "文本",  # the Chinese words come after the English values
    ]
    chinese = _run(
        COMP_WORDS="inspect report --by 县", COMP_CWORD="3", _INSPECT_COMPLETE="complete_bash"
    )
    assert chinese.stdout.split() == ["县", "县区", "县（区）"]
    narrowed = _run(
        COMP_WORDS="inspect report --by ca", COMP_CWORD="3", _INSPECT_COMPLETE="complete_bash"
    )
    assert narrowed.stdout.split() == ["category"]


def test_a_choice_is_taken_as_written_and_a_wrong_case_is_refused() -> None:
    result = runner.invoke(app, ["validate", str(EXAMPLES), "--format", "JSON"])
    assert result.exit_code == 2
    assert "`JSON` is not allowed for --format" in result.stderr
    assert runner.invoke(app, ["validate", str(EXAMPLES), "--format", "json"]).exit_code == 0


def test_a_misspelt_english_value_in_chinese_is_pointed_to_its_chinese_word() -> None:
    """In Chinese the choices are listed by their Chinese words; `countie` is still
    closest to `county`, said as 县 (it found no match before)."""
    argv = ["--lang", "zh", "report", str(EXAMPLES), "--by", "countie"]
    result = runner.invoke(app, argv)
    assert result.exit_code == 2
    assert "--by 不能取 `countie`（是否应为 `县`？）" in result.stderr


def test_render_says_wrote_on_stderr_and_quiet_hides_it(tmp_path: Path) -> None:
    args = ["render-letter", str(LETTER), "--out", str(tmp_path), "--date", "2026-10-01"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert str(tmp_path) in result.stderr
    quiet = runner.invoke(app, [*args, "--quiet"])
    assert quiet.exit_code == 0 and quiet.stdout == "" and quiet.stderr == ""
    assert len(list(tmp_path.glob("*.docx"))) == 1


def test_quiet_hides_the_warnings_of_the_findings_a_letter_renders(tmp_path: Path) -> None:
    """A warning of the findings file (here a phone number in a text) is said without
    --quiet and hidden with it, as every command does."""
    repo = Path(shutil.copytree(EXAMPLES, tmp_path / "repo"))
    findings = repo / "findings" / LETTER.name
    text = findings.read_text(encoding="utf-8")
    findings.write_text(text.replace("description: ", "description: 联系电话14000001111，", 1))
    args = ["render-letter", str(findings), "--out", str(tmp_path / "out"), "--date", "2026-10-01"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0 and "personal-data-in-text" in result.stderr, result.output
    quiet = runner.invoke(app, [*args, "--quiet"])
    assert quiet.exit_code == 0 and quiet.stderr == "", quiet.output


def test_a_bug_no_command_caught_is_one_line_and_exit_code_2(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A bug of ours (here, as the calendar export once met one) is said in one line with
    exit code 2, never as a traceback."""
    import inspectcli.deadlines.render_ics as render_ics

    def broken(*args: object) -> bytes:
        raise AssertionError("Content line can not contain unescaped new line characters.")

    monkeypatch.setattr(render_ics, "to_ics", broken)
    result = runner.invoke(app, ["deadline", str(EXAMPLES), "--format", "ics"])
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit), result.output
    assert result.stderr.startswith("internal error: AssertionError: Content line")


def test_render_out_dash_writes_the_docx_to_stdout(tmp_path: Path) -> None:
    args = ["render-letter", str(LETTER), "--out", "-", "--date", "2026-10-01"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"PK\x03\x04")  # a zip: the .docx itself
    assert not (Path.cwd() / "-").exists()


@pytest.mark.skipif(shutil.which("script") is None, reason="needs script(1) for a terminal")
@pytest.mark.parametrize(
    ("arguments", "kind"),
    [
        (f"render-letter {LETTER}", ".docx"),
        (f"report {EXAMPLES} --format xlsx", ".xlsx"),
        (f"export ledger {EXAMPLES} --county 安丰县", ".xlsx"),
    ],
)
def test_a_zip_is_not_written_to_a_terminal(tmp_path: Path, arguments: str, kind: str) -> None:
    command = f'{sys.executable} -c "{ENTRY}" --lang en {arguments} --out -'
    environ = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    ran = subprocess.run(
        ["script", "-qec", command, "/dev/null"],
        capture_output=True,
        env=environ,
        cwd=tmp_path,
        check=False,
    )
    assert ran.returncode == 2
    assert b"PK\x03\x04" not in ran.stdout
    assert f"refusing to write a {kind} file to a terminal".encode() in ran.stdout  # one pty
    assert not (tmp_path / "-").exists()


def test_schema_refuses_out_dash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["schema", "--out", "-"])
    assert result.exit_code == 2
    assert "--out -" in result.stderr
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize("where", ["root", "command"])
def test_quiet_and_verbose_work_before_and_after_the_command(where: str) -> None:
    def run(flag: str) -> Any:
        args = (
            [flag, "validate", str(EXAMPLES)]
            if where == "root"
            else ["validate", str(EXAMPLES), flag]
        )
        return runner.invoke(app, ["--lang", "en", *args])

    quiet = run("--quiet")
    assert quiet.exit_code == 0 and quiet.output == ""
    verbose = run("--verbose")
    assert verbose.exit_code == 0
    assert "no problems" in verbose.stderr
    assert re.search(r"read \d+ file\(s\)", verbose.stderr)
    assert re.search(r"took \d+\.\d\d s", verbose.stderr)
    # the next run starts at the normal level again
    plain = runner.invoke(app, ["--lang", "en", "validate", str(EXAMPLES)])
    assert "no problems" in plain.stderr and "took" not in plain.stderr


def test_a_group_takes_quiet_before_its_command(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    shutil.copytree(EXAMPLES, cases)
    update = ["update", "2026-09-HC-06", "--status", "rectifying", "--note", "进展"]
    update += ["--dry-run", "--repo", str(cases)]
    plain = runner.invoke(app, ["--lang", "en", "finding", *update])
    quiet = runner.invoke(app, ["finding", "--quiet", *update])
    assert plain.exit_code == 0 == quiet.exit_code, plain.output + quiet.output
    # the diff of a dry run is the data; the summary of what was done is a message
    assert plain.stdout.startswith("--- a/") and "rectifying" in plain.stderr
    assert quiet.stdout == plain.stdout and quiet.stderr == ""


def test_what_was_done_goes_to_stderr_and_the_data_to_stdout(tmp_path: Path) -> None:
    plan = EXAMPLES / "plans" / "2026-09-g1.yaml"
    for output_format in ("table", "json"):
        args = ["--lang", "en", "sample", str(plan), "--dry-run", "--format", output_format]
        drawn = runner.invoke(app, args, env={"COLUMNS": "80"})
        assert drawn.exit_code == 0, drawn.output
        assert "dry run" in drawn.stderr and "dry run" not in drawn.stdout
        assert "ticket" in drawn.stdout.lower() or "seed" in drawn.stdout
    made = runner.invoke(app, ["init", str(tmp_path / "new"), "--preset", "heyuan", *NAMES])
    assert made.exit_code == 0, made.output
    assert made.stdout == "" and "heyuan" in made.stderr


def test_verbose_says_how_many_files_the_cache_served(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    shutil.copytree(EXAMPLES, cases)
    args = ["--lang", "en", "validate", str(cases), "--verbose", "--cache-dir", str(tmp_path / "c")]
    cold = runner.invoke(app, args)
    assert "cache: 0 file(s) taken from the cache" in cold.stderr
    with (cases / "findings" / "2026-09-g1-hecheng.yaml").open("a", encoding="utf-8") as file:
        file.write("# 已复核\n")
    warm = runner.invoke(app, args)
    served = re.search(r"cache: (\d+) file\(s\) taken from the cache, (\d+) read", warm.stderr)
    assert served is not None, warm.stderr
    files = re.search(r"read (\d+) file", warm.stderr)
    assert files is not None and int(served[1]) + int(served[2]) == int(files[1])
    assert int(served[1]) > 0 and int(served[2]) >= 1  # the file changed was read again


@pytest.mark.parametrize(("path", "command"), TREE, ids=[" ".join(p) or "inspect" for p, _ in TREE])
def test_a_help_paragraph_flows_to_the_terminal_width(path: tuple[str, ...], command: Any) -> None:
    """typer shows a docstring's line breaks as they are: a paragraph must not keep the
    source's width, which cut it into short lines at 80 columns."""
    wide = [" ".join(line.split()) for line in _help(path, "en", columns=1000).splitlines()]
    english = (command.__dict__.get(help_texts.ORIGINAL) or {}).get("help") or command.help or ""
    for paragraph in inspect.cleandoc(english).split("\n\n"):
        lines = paragraph.split("\n")
        if len(lines) > 1 and not any(line.startswith((" ", "- ", "* ", "\b")) for line in lines):
            assert any(" ".join(paragraph.split()) in line for line in wide), paragraph


def test_unwrapping_keeps_lists_and_indented_lines() -> None:
    text = "One line, as of\n--date.\n\n- a list\n- kept\n\n  code\n  kept"
    assert (
        help_texts.unwrapped(text)
        == "One line, as of --date.\n\n- a list\n- kept\n\n  code\n  kept"
    )


SUMMARIES = [
    (["validate", str(EXAMPLES)], r"\d+ file\(s\) checked"),
    (["deadline", str(EXAMPLES), "--as-of", "2026-11-21"], r"\d+ deadline\(s\):"),
    (["finding", "list", "--repo", str(EXAMPLES), "--as-of", "2026-11-21"], r"\d+ finding\(s\):"),
]


@pytest.mark.parametrize(("arguments", "summary"), SUMMARIES)
def test_a_summary_goes_to_standard_error_and_quiet_hides_it(
    arguments: list[str], summary: str
) -> None:
    """`deadline -q`, validate and finding list printed their summaries on standard output:
    `inspect … > file` got them in its data."""
    result = runner.invoke(app, ["--lang", "en", *arguments])
    assert re.search(summary, result.stderr) and not re.search(summary, result.stdout)
    quiet = runner.invoke(app, ["--lang", "en", *arguments, "-q"])
    assert not re.search(summary, quiet.stdout + quiet.stderr)


def test_a_reports_warnings_go_to_standard_error(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "repo")
    settings = repo / "inspect.yaml"  # per-mille rules without a roster: a warning
    settings.write_text(settings.read_text(encoding="utf-8").replace("roster: roster.csv\n", ""))
    arguments = ["--lang", "en", "report", str(repo), "--period", "2026Q4", "--as-of", "2026-12-15"]
    result = runner.invoke(app, arguments)
    assert "warning:" in result.stderr and "warning:" not in result.stdout
    assert "Ledger" in result.stdout  # the report itself
    quiet = runner.invoke(app, [*arguments, "-q"])
    assert "warning:" not in quiet.stdout + quiet.stderr


@pytest.mark.parametrize("language", ["en", "zh"])
def test_sample_help_names_both_methods(language: str) -> None:
    """It said "method v1" alone, though a plan or policy may ask for v2."""
    result = runner.invoke(app, ["--lang", language, "sample", "--help"], env={"COLUMNS": "200"})
    assert "v1" in result.stdout and "v2" in result.stdout
