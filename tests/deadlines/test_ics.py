"""``inspect deadline --format ics`` against RFC 5545, checked strictly here: icalendar's
own parser accepts what calendar programs refuse (long lines, bare LF, missing DTSTAMP),
and no validator on PyPI checks more than this without a network."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from icalendar import Calendar
from typer.testing import CliRunner, Result

from inspectcli.cli.root import app

from .helpers import build, finding

runner = CliRunner()
# Properties a VEVENT must have exactly once (RFC 5545 §3.6.1; DTSTART: no METHOD is set).
ONCE_IN_EVENT = ("UID", "DTSTAMP", "DTSTART")
ONCE_AT_MOST = ("DTEND", "SEQUENCE", "SUMMARY", "DESCRIPTION", "TRANSP")
NAME = re.compile(r"^[A-Za-z0-9-]+[;:]")


def unfolded(data: bytes) -> list[str]:
    """The content lines, after checking the folding rules of §3.1: CRLF ends every line,
    none longer than 75 octets, a continuation starts with one space or tab."""
    assert data.endswith(b"\r\n")
    physical = data[:-2].split(b"\r\n")
    assert all(b"\n" not in line and b"\r" not in line for line in physical)
    assert all(len(line) <= 75 for line in physical), max(physical, key=len)
    lines: list[str] = []
    for raw in physical:
        line = raw.decode("utf-8")  # a fold never splits a character: it must decode alone
        if line[:1] in (" ", "\t"):
            lines[-1] += line[1:]
        else:
            assert NAME.match(line), line
            lines.append(line)
    return lines


def components(lines: list[str]) -> list[tuple[str, list[str]]]:
    """Each component with its own property names, BEGIN/END properly nested."""
    stack: list[tuple[str, list[str]]] = []
    done: list[tuple[str, list[str]]] = []
    for line in lines:
        name, _, value = line.partition(":")
        if name == "BEGIN":
            stack.append((value, []))
        elif name == "END":
            assert stack and stack[-1][0] == value, line
            done.append(stack.pop())
        else:
            assert stack, line
            stack[-1][1].append(re.split(r"[;:]", line, maxsplit=1)[0].upper())
    assert not stack
    return done


def check_rfc5545(data: bytes) -> list[tuple[str, list[str]]]:
    found = components(unfolded(data))
    kinds = [kind for kind, _ in found]
    assert kinds[-1] == "VCALENDAR" and kinds.count("VCALENDAR") == 1
    calendar = found[-1][1]
    assert calendar.count("VERSION") == 1 and calendar.count("PRODID") == 1
    events = [names for kind, names in found if kind == "VEVENT"]
    for names in events:
        assert all(names.count(p) == 1 for p in ONCE_IN_EVENT), names
        assert all(names.count(p) <= 1 for p in ONCE_AT_MOST), names
    return found


def export(root: Path, as_of: str, *more: str) -> Result:
    return runner.invoke(app, ["deadline", str(root), "--as-of", as_of, "--format", "ics", *more])


def events(result: Result) -> dict[str, Any]:
    calendar = Calendar.from_ical(result.stdout_bytes)
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def test_the_export_is_strict_rfc5545(tmp_path: Path) -> None:
    long_unit = "岚溪市某某镇人民政府农业农村综合服务中心" * 3  # folded, in UTF-8, at 75 octets
    root = build(tmp_path, findings=finding(1, responsible={"unit": long_unit}))
    result = export(root, "2026-10-05")
    assert result.exit_code == 0, result.output
    data = result.stdout_bytes  # as written: `stdout` would turn CRLF into LF
    found = check_rfc5545(data)
    out = tmp_path / "deadlines.ics"
    assert export(root, "2026-10-05", "--out", str(out)).exit_code == 0
    assert out.read_bytes() == data
    assert sum(1 for kind, _ in found if kind == "VEVENT") >= 2
    assert any(len(line) == 75 for line in data.split(b"\r\n"))  # the long summary was folded
    uids = [str(e["UID"]) for e in events(result).values()]
    assert len(uids) == len(set(uids))


def test_the_checker_refuses_a_long_line_and_a_missing_dtstamp() -> None:
    good = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\nUID:a\r\n"
        "DTSTAMP:20261001T000000Z\r\nDTSTART;VALUE=DATE:20261001\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    check_rfc5545(good.encode())
    for bad in (
        good.replace("DTSTAMP:20261001T000000Z\r\n", ""),
        good.replace("UID:a", "UID:" + "a" * 80),
        good.replace("\r\n", "\n"),
    ):
        try:
            check_rfc5545(bad.encode())
        except AssertionError:
            continue
        raise AssertionError(f"accepted: {bad!r}")


def approved(new: str) -> dict[str, str]:
    return {
        "requested": "2026-10-08",
        "reason": "雨季施工受阻",
        "new_deadline": new,
        "decision": "approved",
        "decided": "2026-10-09",
    }


def sequences(tmp_path: Path, extensions: list[dict[str, str]]) -> dict[str, tuple[str, int]]:
    root = build(tmp_path, findings=finding(1, rectification={"extensions": extensions}))
    found = events(export(root, "2026-10-05"))
    return {
        title: (str(e["UID"]), int(e["SEQUENCE"])) for title, e in found.items() if "R1-02" in title
    }


def test_a_moved_deadline_keeps_its_uid_with_a_higher_sequence(tmp_path: Path) -> None:
    original = sequences(tmp_path / "a", [])
    once = sequences(tmp_path / "b", [approved("2026-10-30")])
    twice = sequences(tmp_path / "c", [approved("2026-10-30"), approved("2026-11-20")])
    (title,) = original
    assert [x[title][0] for x in (original, once, twice)] == [original[title][0]] * 3
    assert [x[title][1] for x in (original, once, twice)] == [0, 1, 2]


def test_two_unknown_years_are_two_lines_of_the_calendar_description(tmp_path: Path) -> None:
    """Each year the calendar lacks is a warning; two of them were joined by a bare line
    break, which icalendar refused with a traceback."""
    root = build(tmp_path)
    result = export(root, "2031-11-21")
    assert result.exit_code == 0, result.output
    lines = unfolded(result.stdout_bytes)
    assert len([line for line in lines if line.startswith("X-INSPECTCLI-WARNING:")]) >= 2
    (description,) = [line for line in lines if line.startswith("X-WR-CALDESC:")]
    assert description.count("\\n") >= 1


def test_quiet_hides_what_an_export_to_a_file_says(tmp_path: Path) -> None:
    """ "wrote …" and the unknown year's warning go to stderr, and --quiet hides both."""
    root = build(tmp_path)
    out = tmp_path / "deadlines.ics"
    said = export(root, "2031-11-21", "--out", str(out))  # a year the calendar lacks
    assert said.exit_code == 0 and str(out) in said.stderr and "2031" in said.stderr
    for quiet in (["--quiet"], ["-q"]):
        result = export(root, "2031-11-21", "--out", str(out), *quiet)
        assert result.exit_code == 0 and result.stderr == "" and result.stdout == ""


def test_an_overdue_export_exits_0_unless_fail_on_is_given(tmp_path: Path) -> None:
    root = build(tmp_path)
    assert export(root, "2026-11-21").exit_code == 0  # R1-02 is overdue: still exported
    assert export(root, "2026-11-21", "--fail-on", "overdue").exit_code == 1
    out = tmp_path / "deadlines.ics"
    assert export(root, "2026-11-21", "--out", str(out)).exit_code == 0 and out.is_file()
    table = runner.invoke(app, ["deadline", str(root), "--as-of", "2026-11-21"])
    assert table.exit_code == 1  # the other formats keep failing on overdue by default
