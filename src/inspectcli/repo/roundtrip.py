"""Edits that keep the file: round-trip load, change, atomic write.

Comments, key order, quoting, blank lines and indentation outside what an edit changes
stay byte for byte. Duplicate keys are refused, as everywhere else: a silently dropped
key is lost data. Used by every command that writes into a case file.
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from inspectcli.messages import t
from inspectcli.repo.fileread import YAML_LIMIT, FileProblem, read_file
from inspectcli.repo.locked import edit_file

_NESTED = re.compile(r"^( *)(- +)?[^\s#-][^:#]*:\s*(#.*)?$")


class RoundTripError(Exception):
    """The file cannot be edited safely; the message says why."""


class Indent:
    """The indentation a file uses: mapping indent, sequence indent, dash offset."""

    def __init__(self, mapping: int = 2, sequence: int = 4, offset: int = 2) -> None:
        self.mapping = mapping
        self.sequence = sequence
        self.offset = offset


def detect_indent(text: str) -> Indent:
    """The indentation of the first nested mapping and the first block sequence."""
    lines = [
        line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]
    mapping: int | None = None
    offset: int | None = None
    for line, following in itertools.pairwise(lines):
        match = _NESTED.match(line)
        if match is None:
            continue
        parent = len(match.group(1)) + len(match.group(2) or "")
        child = len(following) - len(following.lstrip(" "))
        if following.lstrip().startswith("- "):
            if offset is None and child >= parent:
                offset = child - parent
        elif mapping is None and child > parent:
            mapping = child - parent
        if mapping is not None and offset is not None:
            break
    mapping = mapping or 2
    offset = mapping if offset is None else offset
    return Indent(mapping, offset + 2, offset)


def _yaml(indent: Indent) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.allow_duplicate_keys = False
    yaml.width = 4096
    yaml.allow_unicode = True
    yaml.indent(mapping=indent.mapping, sequence=indent.sequence, offset=indent.offset)
    return yaml


def load_bytes(path: Path, raw: bytes) -> tuple[YAML, CommentedMap, str]:
    """The document whose bytes are ``raw`` (read from ``path``) as round-trip data, with the
    YAML that will write it back and its text (lines ended by ``\\n``)."""
    try:
        text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as error:
        raise RoundTripError(t("roundtrip-read", path=path, detail=error)) from error
    yaml = _yaml(detect_indent(text))
    if _NULL.search(text):  # a file that writes `null` (as the scaffolds do) keeps it
        yaml.Representer = _KeepsNull
    try:
        data = yaml.load(text)
    except YAMLError as error:
        raise RoundTripError(t("roundtrip-read", path=path, detail=error)) from error
    if not isinstance(data, CommentedMap):
        raise RoundTripError(t("roundtrip-not-mapping", path=path))
    return yaml, data, text


_NULL = re.compile(r":[ \t]+null\b")


class _KeepsNull(RoundTripRepresenter):
    """Writes None as ``null``; ruamel's round trip writes it as nothing."""

    def represent_none(self, data: Any) -> Any:
        return self.represent_scalar("tag:yaml.org,2002:null", "null")


_KeepsNull.add_representer(type(None), _KeepsNull.represent_none)


def dump(yaml: YAML, data: Any) -> str:
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def line_end(path: Path) -> str:
    """The line end the file at ``path`` uses (its first line's), ``\\n`` when there is none.

    Files are read with universal newlines; writing back what a Windows editor saved with
    ``\\r\\n`` must keep them, or every line of the file would differ."""
    try:
        start = read_file(path, str(path), limit=YAML_LIMIT)[:65536]
    except FileProblem:
        return "\n"
    return line_end_of(start)


def line_end_of(raw: bytes) -> str:
    """The line end of the file whose bytes are ``raw`` (see ``line_end``)."""
    end = raw.find(b"\n")
    return "\r\n" if end > 0 and raw[end - 1 : end] == b"\r" else "\n"


def with_line_ends(text: str, newline: str) -> bytes:
    """``text`` (its lines ended by ``\\n``) in UTF-8, its lines ended by ``newline``."""
    return (text if newline == "\n" else text.replace("\n", newline)).encode()


def edit(
    path: Path,
    change: Callable[[CommentedMap], None],
    check: Callable[[bytes], None] | None = None,
) -> str:
    """Apply ``change`` to the document at ``path`` under its lock (``locked.edit_file``), with
    the line ends it has; the new text. ``check`` sees the bytes the change is applied to,
    and raises when the change no longer fits them."""
    edited = ""

    def apply(raw: bytes) -> bytes:
        nonlocal edited
        if check is not None:
            check(raw)
        yaml, data, _ = load_bytes(path, raw)
        change(data)
        edited = dump(yaml, data)
        return with_line_ends(edited, line_end_of(raw))

    edit_file(path, apply)  # an OSError is the file's problem (cli.errors.file_failure)
    return edited


def set_key(mapping: CommentedMap, key: str, value: Any, before: str | None = None) -> None:
    """Replace ``key``'s value in place, or add it (before ``before`` when that key exists)."""
    if key in mapping:
        mapping[key] = value
    elif before is not None and before in mapping:
        mapping.insert(list(mapping).index(before), key, value)
    else:
        mapping[key] = value


def quoted(text: str) -> DoubleQuotedScalarString:
    """Text that must stay text, such as a hex digest that might be all digits."""
    value: DoubleQuotedScalarString = DoubleQuotedScalarString(text)
    return value


def flow_map(items: dict[str, Any]) -> CommentedMap:
    mapping = CommentedMap(items)
    mapping.fa.set_flow_style()
    return mapping


def block_seq(items: list[Any]) -> CommentedSeq:
    sequence = CommentedSeq(items)
    sequence.fa.set_block_style()
    return sequence


def flow_seq(items: list[Any]) -> CommentedSeq:
    sequence = CommentedSeq(items)
    sequence.fa.set_flow_style()
    return sequence
