"""Bytes to Python data, with positions, and every fault as a Problem.

The fast path for reading: libyaml (PyYAML's C extension) composes the node tree,
which carries line and column for every value; we build the Python data from it
ourselves so that duplicate keys, alias bombs, deep nesting and impossible dates are
errors on this path too. Scalars follow the YAML 1.2 core schema: only true/false are
booleans, so `no` or `on` stay text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

import yaml

from inspectcli.messages import t
from inspectcli.problems import Problem, Severity

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_DEPTH = 64
# A safe margin below the depth at which libyaml's recursive composer overflows the C stack.
_COMPOSE_SAFE_DEPTH = 1000
MAX_EXPANDED_VALUES = 200_000

_TAG = "tag:yaml.org,2002:"
_INT = re.compile(r"[-+]?[0-9]+\Z")
_INT_OTHER = re.compile(r"0o[0-7]+\Z|0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_FLOAT_SPECIAL = re.compile(r"[-+]?\.(inf|Inf|INF)\Z|\.(nan|NaN|NAN)\Z")
_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})\Z")
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_TRUE = frozenset(("true", "True", "TRUE"))
_FALSE = frozenset(("false", "False", "FALSE"))
_IMPLICIT = frozenset(_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp"))
_INDENT = re.compile(r"^[ ]*", re.MULTILINE)


class YamlFault(Exception):
    """A fault found while building data from the node tree."""

    def __init__(self, node: yaml.Node, code: str, message: str) -> None:
        super().__init__(message)
        self.node = node
        self.code = code
        self.message = message


class Parsed(NamedTuple):
    """The data of one file, its node tree (for positions), or the problems that stopped it."""

    data: Any
    root: yaml.Node | None
    problems: list[Problem]


def problem_at(
    path: str, line: int, column: int, code: str, message: str, field: str = ""
) -> Problem:
    return Problem(path, line, column, Severity.ERROR, code, message, field)


def node_problem(path: str, node: yaml.Node, code: str, message: str, field: str = "") -> Problem:
    mark = node.start_mark
    return problem_at(path, mark.line + 1, mark.column + 1, code, message, field)


# --- bytes to text -----------------------------------------------------------------------


def decode(path: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    """UTF-8 text, or the problem that says why the bytes are not usable."""
    name = path.rsplit("/", 1)[-1]
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [problem_at(path, 1, 1, "bom", t("bom"))]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [problem_at(path, 1, 1, "not-utf8", t("utf16"))]
    if b"\x00" in raw[:8192]:
        return None, [problem_at(path, 1, 1, "binary-file", t("binary-file"))]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as err:
        line, column = _line_col_of_byte(raw, err.start)
        try:
            raw.decode("gb18030")
            message = t("not-utf8-gb18030", name=name)
        except UnicodeDecodeError:
            message = t("not-utf8", byte=raw[err.start])
        return None, [problem_at(path, line, column, "not-utf8", message)]


def _line_col_of_byte(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    line = raw.count(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, column


# --- text to nodes -----------------------------------------------------------------------


def _tab_indentation(path: str, text: str) -> Problem | None:
    if "\t" not in text:
        return None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            column = len(line) - len(stripped) + 1
            return problem_at(path, number, column, "tab-indent", t("tab-indent"))
    return None


def _depth_bound(text: str) -> int:
    """An upper bound of the nesting depth, cheap to compute from the text alone."""
    max_indent = max((len(m) for m in _INDENT.findall(text)), default=0)
    return 2 * (max_indent + 1) + text.count("[") + text.count("{")


def _event_depth(text: str) -> tuple[int, Any]:
    """The true nesting depth, from libyaml's event stream (no recursion)."""
    depth = deepest = 0
    mark = None
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            deepest = max(deepest, depth)
            if depth == MAX_DEPTH + 1 and mark is None:
                mark = event.start_mark  # where the limit is first passed
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return deepest, mark


def compose(path: str, text: str) -> tuple[yaml.Node | None, list[Problem]]:
    """The node tree of a one-document file, or the problem that stops it."""
    tab = _tab_indentation(path, text)
    if tab is not None:
        return None, [tab]
    try:
        if _depth_bound(text) > _COMPOSE_SAFE_DEPTH:
            depth, mark = _event_depth(text)
            if depth > MAX_DEPTH and mark is not None:
                message = t("too-deep", limit=MAX_DEPTH)
                return None, [problem_at(path, mark.line + 1, mark.column + 1, "too-deep", message)]
        return yaml.compose(text, Loader=_Loader), []
    except yaml.composer.ComposerError as err:
        if "expected a single document" in str(err):
            mark = err.problem_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            return None, [
                problem_at(path, line, column, "multiple-documents", t("multiple-documents"))
            ]
        return None, [_syntax_problem(path, err)]
    except yaml.MarkedYAMLError as err:
        return None, [_syntax_problem(path, err)]
    except yaml.YAMLError as err:  # reader errors (control characters) carry no mark
        return None, [problem_at(path, 1, 1, "yaml-syntax", t("yaml-syntax", detail=str(err)))]


def _syntax_problem(path: str, err: yaml.MarkedYAMLError) -> Problem:
    mark = err.problem_mark or err.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    detail = err.problem or "malformed YAML"
    if err.context:
        detail = f"{detail} ({err.context})"
    return problem_at(path, line, column, "yaml-syntax", t("yaml-syntax", detail=detail))


# --- nodes to data -----------------------------------------------------------------------


class _Builder:
    """Builds plain Python data from a node tree, refusing what would lose or blow up data."""

    def __init__(self) -> None:
        self.expanded = 0
        self.done: dict[int, Any] = {}
        self.active: set[int] = set()

    def build(self, node: yaml.Node, depth: int = 1) -> Any:
        if depth > MAX_DEPTH:
            raise YamlFault(node, "too-deep", t("too-deep", limit=MAX_DEPTH))
        key = id(node)
        if key in self.active:
            raise YamlFault(node, "recursive-alias", t("recursive-alias"))
        if key in self.done:  # an alias: count what it expands to, share the value
            value, size = self.done[key]
            self._count(node, size)
            return value
        before = self.expanded
        self.active.add(key)
        try:
            if isinstance(node, yaml.ScalarNode):
                self._count(node, 1)
                value = scalar(node)
            elif isinstance(node, yaml.SequenceNode):
                self._count(node, 1)
                value = [self.build(item, depth + 1) for item in node.value]
            else:
                assert isinstance(node, yaml.MappingNode)
                self._count(node, 1)
                value = self._mapping(node, depth)
        finally:
            self.active.discard(key)
        self.done[key] = (value, self.expanded - before)
        return value

    def _count(self, node: yaml.Node, size: int) -> None:
        self.expanded += size
        if self.expanded > MAX_EXPANDED_VALUES:
            raise YamlFault(node, "alias-bomb", t("alias-bomb", limit=MAX_EXPANDED_VALUES))

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_seen: dict[Any, yaml.Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                raise YamlFault(key_node, "merge-key", t("merge-key"))
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlFault(key_node, "complex-key", t("complex-key"))
            self._count(key_node, 1)
            key = scalar(key_node)
            if key in first_seen:
                first_line = first_seen[key].start_mark.line + 1
                message = t("duplicate-key", key=key_node.value, first_line=first_line)
                raise YamlFault(key_node, "duplicate-key", message)
            first_seen[key] = key_node
            result[key] = self.build(value_node, depth + 1)
        return result


def scalar(node: yaml.ScalarNode) -> Any:
    """The value of a scalar under the YAML 1.2 core schema, plus ISO dates."""
    text: str = node.value
    tag: str = node.tag
    if node.style:  # quoted or a block literal: always text
        return text
    if tag not in _IMPLICIT:
        raise YamlFault(node, "unknown-tag", t("unknown-tag", tag=tag))
    # libyaml resolved this plain scalar by YAML 1.1 rules; resolve it again by 1.2 core
    # rules, so that `08` is a number as editors show it, and `no` stays text.
    if text in _NULLS:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.match(text):
        return int(text, 10)
    if _INT_OTHER.match(text):
        return int(text, 0)
    if _FLOAT.match(text):
        return float(text)
    if _FLOAT_SPECIAL.match(text):
        return float(text.replace(".", "", 1))
    if tag == _TAG + "timestamp":
        return _timestamp(node)
    return text


def _timestamp(node: yaml.ScalarNode) -> dt.date | dt.datetime:
    text: str = node.value
    match = _DATE.match(text)
    try:
        if match:
            year, month, day = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        return dt.datetime.fromisoformat(text.replace(" ", "T", 1))
    except ValueError:
        raise YamlFault(node, "bad-date", t("bad-date", text=text)) from None


def build(path: str, root: yaml.Node) -> tuple[Any, list[Problem]]:
    try:
        return _Builder().build(root), []
    except YamlFault as fault:
        return None, [node_problem(path, fault.node, fault.code, fault.message)]
    except RecursionError:
        return None, [problem_at(path, 1, 1, "too-deep", t("too-deep", limit=MAX_DEPTH))]


def parse(path: str, raw: bytes) -> Parsed:
    """Read one YAML file's bytes: data and node tree, or the problems that stop it."""
    if not raw.strip():
        return Parsed(None, None, [problem_at(path, 1, 1, "empty-file", t("empty-file"))])
    text, problems = decode(path, raw)
    if text is None:
        return Parsed(None, None, problems)
    root, problems = compose(path, text)
    if root is None:
        if not problems:  # only comments
            problems = [problem_at(path, 1, 1, "empty-file", t("empty-file"))]
        return Parsed(None, None, problems)
    data, problems = build(path, root)
    return Parsed(data, root, problems)


# --- positions -----------------------------------------------------------------------------


def locate(
    root: yaml.Node | None, loc: tuple[str | int, ...], *, key: bool = False
) -> yaml.Node | None:
    """The node at ``loc`` (keys and list indexes), or the deepest one that exists.

    With ``key``, the last step returns the key node of a mapping entry rather than its value,
    which is where an unknown field is best pointed at.
    """
    node = root
    for index, step in enumerate(loc):
        last = index == len(loc) - 1
        child = _child(node, step, want_key=key and last)
        if child is None:
            return node
        node = child
    return node


def _child(node: yaml.Node | None, step: str | int, *, want_key: bool) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(step):
                return key_node if want_key else value_node
    elif (
        isinstance(node, yaml.SequenceNode)
        and isinstance(step, int)
        and 0 <= step < len(node.value)
    ):
        child: yaml.Node = node.value[step]
        return child
    return None


def iter_scalars(node: yaml.Node) -> Iterator[yaml.ScalarNode]:
    """Every scalar below ``node``, for tests and tools that scan a file."""
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from iter_scalars(item)
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            yield from iter_scalars(key_node)
            yield from iter_scalars(value_node)
