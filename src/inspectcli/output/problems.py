"""Problem lists in each output format, one small function per format, looked up by name."""

from __future__ import annotations

import hashlib
import json
import os
import urllib.parse
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import groupby
from pathlib import Path
from xml.etree import ElementTree as ET

from inspectcli import __version__
from inspectcli.messages import t
from inspectcli.output import say
from inspectcli.output.escape import visible, xml_safe
from inspectcli.problems import Problem, Severity

# How the platform writes paths; problems hold them with "/", which machine formats keep.
SEPARATOR = os.sep


def shown(path: str) -> str:
    """A problem's path as the user types it: ``examples\\findings\\x.yaml`` on Windows."""
    return path if SEPARATOR == "/" else path.replace("/", SEPARATOR)


def where(problem: Problem, *, native: bool = True) -> str:
    """``path:line:col``, or ``path:Sheet1!C5`` for a cell of a spreadsheet (``native``:
    the path with the platform's separator; else with ``/``)."""
    path = shown(problem.path) if native else problem.path
    if problem.cell:
        return f"{path}:{problem.cell}"
    return f"{path}:{problem.line}:{problem.column}"


def parsable(problem: Problem, *, native: bool = True, said: bool = True) -> str:
    """``path:line:col: severity code message [field]``, the form editors and grep understand
    (``native``: the path with the platform's separator; else with ``/``; ``said``: the
    severity in the user's language, as a command tells it; else the word tools match)."""
    label = problem.severity.label
    severity = t(f"severity-{label}") if said else label
    text = f"{where(problem, native=native)}: {severity} {problem.code} {problem.message}"
    text = f"{text} [{problem.field}]" if problem.field else text
    return visible(text, keep="\t")  # one problem, one line, nothing for the terminal to act on


def summary(problems: list[Problem], files: int) -> str:
    errors = sum(1 for p in problems if p.severity == Severity.ERROR)
    warnings = sum(1 for p in problems if p.severity == Severity.WARNING)
    if not problems:
        return t("summary-clean", files=files)
    return t("summary-problems", files=files, errors=errors, warnings=warnings)


def to_plain(problems: list[Problem], files: int) -> str:
    lines = [parsable(p, said=False) for p in problems]
    lines.append(summary(problems, files))
    return "\n".join(lines) + "\n"


def to_json(problems: list[Problem], files: int) -> str:
    document = {
        "tool": "inspectcli",
        "version": __version__,
        "files_checked": files,
        "errors": sum(1 for p in problems if p.severity == Severity.ERROR),
        "warnings": sum(1 for p in problems if p.severity == Severity.WARNING),
        "problems": [as_dict(p) for p in problems],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def as_dict(p: Problem) -> dict[str, object]:
    """One problem as JSON tells it."""
    return {
        "path": p.path,
        "line": p.line,
        "column": p.column,
        "severity": p.severity.label,
        "code": p.code,
        "message": p.message,
        "field": p.field,
        **({"cell": p.cell} if p.cell else {}),
    }


def _described(problem: Problem) -> str:
    """The message with the field it is about, for formats that have no place for a field
    (nor for a spreadsheet's cell, which comes first)."""
    text = problem.message + (f" [{problem.field}]" if problem.field else "")
    return f"{problem.cell}: {text}" if problem.cell else text


def github_escape(text: str, *, property_value: bool = False) -> str:
    """GitHub workflow-command escaping, for every command that prints annotations; the
    other control characters shown escaped, since the log is read in a terminal too."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return visible(text, keep="\t")


def to_github(problems: list[Problem], files: int) -> str:
    """GitHub Actions workflow commands: each problem becomes an annotation on its line."""
    command = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    lines = []
    for p in problems:
        props = f"file={github_escape(p.path, property_value=True)}"
        if p.line and not p.cell:  # a sheet's row is no line of the file
            props += f",line={p.line},col={p.column}"
        props += f",title={github_escape(p.code, property_value=True)}"
        lines.append(f"::{command[p.severity]} {props}::{github_escape(_described(p))}")
    lines.append(summary(problems, files))
    return "\n".join(lines) + "\n"


def to_junit(problems: list[Problem], files: int, checked: Sequence[str] = ()) -> str:
    """One test case per file checked (``checked``, and any other file a problem names),
    failing on its errors, its warnings in ``system-out``; the counts agree with the cases,
    as CI dashboards add them up."""
    if say.level() is say.Level.QUIET:
        problems = [p for p in problems if p.severity is Severity.ERROR]
    by_path: dict[str, list[Problem]] = {path: [] for path in checked}
    for problem in problems:
        by_path.setdefault(problem.path, []).append(problem)
    suite = ET.Element("testsuite", name="inspect validate")
    failures = 0
    for path, items in by_path.items():
        case = ET.SubElement(
            suite, "testcase", classname="inspect.validate", name=xml_safe(visible(path))
        )
        failures += _junit_case(case, items)
    if not by_path:  # nothing checked: one passing case, as an empty suite reads as an error
        ET.SubElement(suite, "testcase", classname="inspect.validate", name="repository")
    suite.set("tests", str(len(suite)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", "0")
    return ET.tostring(suite, encoding="unicode", xml_declaration=True) + "\n"


def _junit_case(case: ET.Element, problems: list[Problem]) -> int:
    """Fill one file's test case; 1 when it fails (it has errors), else 0."""
    if not problems:
        return 0
    errors = [p for p in problems if p.severity == Severity.ERROR]
    text = xml_safe("\n".join(parsable(p, native=False, said=False) for p in problems))
    if not errors:
        ET.SubElement(case, "system-out").text = text
        return 0
    message = t("junit-failure", count=len(errors))
    failure = ET.SubElement(
        case, "failure", message=message, type=xml_safe(visible(errors[0].code))
    )
    failure.text = text
    return 1


def formatted(name: str, problems: list[Problem], files: int, checked: Sequence[str]) -> str:
    """The problems in the machine format ``name``; JUnit also lists the files that pass."""
    if name == "junit":
        return to_junit(problems, files, checked)
    return FORMATTERS[name](problems, files)


def _relative(path: str) -> str:
    """The path from where validate ran, with forward slashes, as CI services want it."""
    if os.path.isabs(path):
        path = os.path.relpath(path)
    return path.replace(os.sep, "/").removeprefix("./")


def _sarif_uri(path: str) -> str:
    """A relative reference where the path is one, else a ``file://`` URI; percent-encoded
    (RFC 3986, UTF-8) either way, as a Chinese or spaced file name must be."""
    if os.path.isabs(path):
        return Path(path).as_uri()
    return urllib.parse.quote(os.fsencode(_relative(path)), safe="/")


def _documentation() -> str | None:
    """Where the package says its documentation is (``[project.urls]``), if it says."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        urls = metadata("inspectcli").get_all("Project-URL") or []
    except PackageNotFoundError:
        return None
    found = dict(url.split(", ", 1) for url in urls if ", " in url)
    return found.get("Documentation") or found.get("Homepage")


VALIDATE_ANCHOR = "#inspect-validate-path"  # the README's section on validate and its codes


def _sarif_rule(code: str, home: str | None) -> dict[str, object]:
    """What a code-scanning service shows beside a rule, from the message catalogue."""
    text = t("sarif-rule-help", code=code)
    rule: dict[str, object] = {
        "id": code,
        "shortDescription": {"text": t("sarif-rule-short", code=code)},
        "fullDescription": {"text": t("sarif-rule-full", code=code)},
        "help": {"text": text, "markdown": text},
    }
    if home:
        rule["helpUri"] = home + VALIDATE_ANCHOR
        rule["help"] = {"text": text, "markdown": f"{text} [README]({home}{VALIDATE_ANCHOR})"}
    return rule


SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def to_sarif(problems: list[Problem], files: int) -> str:
    """SARIF 2.1.0, one run: what code-scanning services (GitHub, Azure DevOps) import."""
    codes = sorted({p.code for p in problems})
    index = {code: i for i, code in enumerate(codes)}
    results = []
    for p in problems:
        location: dict[str, object] = {"artifactLocation": {"uri": _sarif_uri(p.path)}}
        if p.line and not p.cell:  # a cell is named in the message and as a logical place
            region = {"startLine": p.line}
            if p.column:
                region["startColumn"] = p.column
            location["region"] = region
        result = {
            "ruleId": p.code,
            "ruleIndex": index[p.code],
            "level": SARIF_LEVEL[p.severity],
            "message": {"text": _described(p)},
            "locations": [{"physicalLocation": location}],
        }
        if p.cell:
            places = [{"fullyQualifiedName": p.cell, "kind": "element"}]
            result["locations"] = [{"physicalLocation": location, "logicalLocations": places}]
        results.append(result)
    home = _documentation()
    driver: dict[str, object] = {
        "name": "inspectcli",
        "version": __version__,
        "rules": [_sarif_rule(code, home) for code in codes],
    }
    if home:
        driver["informationUri"] = home
    run = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",  # columns count characters, as the YAML reader does
        "results": results,
        "properties": {"filesChecked": files},
    }
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


GITLAB_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def to_gitlab(problems: list[Problem], files: int) -> str:
    """GitLab's Code Quality report (``artifacts:reports:codequality``), shown on merge requests.

    The fingerprint names the problem, not its line, so that it stays the same when lines
    above it move; the same problem twice in a file gets an occurrence number, since GitLab
    shows only the first of equal fingerprints.
    """
    seen: Counter[tuple[str, str, str, str]] = Counter()
    issues = []
    for p in problems:
        identity = (_relative(p.path), p.code, p.field + p.cell, p.message)
        seen[identity] += 1
        text = "\0".join((*identity, str(seen[identity])))
        issues.append(
            {
                "description": _described(p),
                "check_name": p.code,
                "fingerprint": hashlib.sha256(text.encode()).hexdigest()[:32],
                "severity": GITLAB_SEVERITY[p.severity],
                "location": {"path": identity[0], "lines": {"begin": _begin(p)}},
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


def _begin(problem: Problem) -> int:
    """The line GitLab shows: the first of a spreadsheet, whose rows are no lines."""
    return 1 if problem.cell else max(problem.line, 1)


FORMATTERS: dict[str, Callable[[list[Problem], int], str]] = {
    "json": to_json,
    "github": to_github,
    "junit": to_junit,
    "sarif": to_sarif,
    "gitlab": to_gitlab,
    "parsable": to_plain,
}
FORMAT_NAMES = ("text", *FORMATTERS)


def print_text(problems: list[Problem], files: int) -> None:
    """Problems grouped by file, coloured where the terminal allows (honours NO_COLOR)."""
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=True)
    style = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
    if say.level() is say.Level.QUIET:
        problems = [p for p in problems if p.severity is Severity.ERROR]
    for path, group in groupby(problems, key=lambda p: p.path):
        console.print(Text(visible(shown(path)), style="bold underline"))
        for p in group:  # Text, not markup: a `[red]` in a file is shown as written
            line = Text("  ")
            line.append(visible(f"{where(p)}:"), style="dim")
            line.append(" " + t(f"severity-{p.severity.label}"), style=style[p.severity])
            line.append(f" {visible(p.code)}", style="magenta")
            line.append(" " + visible(p.message, keep="\t"))
            if p.field:
                line.append(f" [{visible(p.field)}]", style="dim")
            console.print(line)
    if say.level() is say.Level.QUIET:  # the problems are the answer; no summary
        return
    worst = max((p.severity for p in problems), default=None)
    colour = "green" if worst is None else style[worst]
    say.note_text(Text(summary(problems, files), style=colour))  # the problems are the data
