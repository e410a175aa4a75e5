"""Bytes to Python data, with positions, and every fault as a Problem.

The fast path for reading: libyaml (PyYAML's C extension) parses, and we build the
Python data from its event stream ourselves, so that duplicate keys, alias bombs, deep
nesting and impossible dates are errors on this path too. The node tree, which carries
line and column for every value, is composed only when a problem needs a position.
Scalars follow the YAML 1.2 core schema: only true/false are booleans, so `no` or `on`
stay text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import yaml

from inspectcli.messages import t
from inspectcli.problems import Problem, Severity

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_DEPTH = 64
UTF8_BOM = b"\xef\xbb\xbf"
# How far into a file decode() looks for NULs, the sign of UTF-16 or of a binary file.
SNIFF_BYTES = 8192
# What aliases may add to a file's data: values, and characters of text. A file's own
# values are bounded by its size (fileread.YAML_LIMIT); only what aliases repeat is
# counted here, so a long plain list is no alias bomb, and one large scalar repeated
# is one.
MAX_EXPANDED_VALUES = 200_000
MAX_EXPANDED_CHARS = 20_000_000

_TAG = "tag:yaml.org,2002:"
_INT = re.compile(r"[-+]?[0-9]+\Z")
_INT_OTHER = re.compile(r"0o[0-7]+\Z|0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_FLOAT_SPECIAL = re.compile(r"[-+]?\.(inf|Inf|INF)\Z|\.(nan|NaN|NAN)\Z")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_TRUE = frozenset(("true", "True", "TRUE"))
_FALSE = frozenset(("false", "False", "FALSE"))
# Every null, boolean, number and date starts with one of these (or is empty).
_RESOLVABLE_START = frozenset("0123456789+-.~nNtTfF") | {""}
_IMPLICIT = frozenset(_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp"))
# YAML 1.1's timestamp forms: a date, or a date and time with an optional zone.
_TIMESTAMP = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z"
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\.[0-9]*)?"
    r"([ \t]*(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?\Z"
)


class YamlFault(Exception):
    """A fault found while building data, at a libyaml mark (0-based line and column)."""

    def __init__(self, mark: Any, code: str, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.code = code
        self.message = message


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
    if raw.startswith(UTF8_BOM):
        return None, [problem_at(path, 1, 1, "bom", t("bom"))]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(raw[:SNIFF_BYTES]):
        return None, [problem_at(path, 1, 1, "not-utf8", t("utf16"))]
    if b"\x00" in raw[:SNIFF_BYTES]:
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


def _utf16_without_bom(start: bytes) -> bool:
    """UTF-16 saved without a byte-order mark: NULs mostly in one half of the byte pairs
    (the high byte of each ASCII character: keys, blanks, digits, line ends), in at least
    one pair in eight (most Chinese has none; a few characters such as 一, U+4E00, put one
    in the other half), and the pairs read as text. A binary file has control codes; a
    stray NUL in UTF-8 text is too rare to count."""
    even_nuls, odd_nuls = start[0::2].count(0), start[1::2].count(0)
    most, fewest = max(even_nuls, odd_nuls), min(even_nuls, odd_nuls)
    if not most or most * 8 < len(start) // 2 or fewest * 4 > most:
        return False
    encoding = "utf-16-le" if odd_nuls > even_nuls else "utf-16-be"
    units = start[: len(start) - len(start) % 2]
    text = units.decode(encoding, errors="replace").rstrip("\ufffd")  # a cut pair at the end
    return "\ufffd" not in text and all(c.isprintable() or c in "\t\r\n" for c in text)


def _line_col_of_byte(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    line = raw.count(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, column


# --- text to data ------------------------------------------------------------------------


def _tab_indentation(path: str, text: str) -> Problem | None:
    if "\t" not in text:
        return None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            column = len(line) - len(stripped) + 1
            return problem_at(path, number, column, "tab-indent", t("tab-indent"))
    return None


def _syntax_problem(path: str, text: str, err: yaml.MarkedYAMLError) -> Problem:
    """The mistake behind a libyaml error, told with its fix at the character that caused
    it; libyaml's own words only for a mistake not recognised."""
    found = _recognised(text.splitlines(), err)
    if found is not None:
        key, line, column, values = found
        return problem_at(path, line + 1, column + 1, "yaml-syntax", t(key, **values))
    mark = err.problem_mark or err.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    detail = err.problem or "malformed YAML"
    if err.context:
        detail = f"{detail} ({err.context})"
    return problem_at(path, line, column, "yaml-syntax", t("yaml-syntax", detail=detail))


# A mistake found: message key, 0-based line and column, the message's values.
Mistake = tuple[str, int, int, dict[str, str]]
# Characters YAML reserves at the start of a plain value (`*` alias, `&` anchor, ...).
_RESERVED_START = "*&@`%"
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
_QUOTES = "\"'"
_CLOSERS = {"[": "]", "{": "}"}


def _char(lines: list[str], line: int, column: int) -> str:
    text = lines[line] if 0 <= line < len(lines) else ""
    return text[column] if 0 <= column < len(text) else ""


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _key_column(text: str) -> str:
    """The 1-based column where the key of ``text`` starts, after any `- ` of a list item."""
    rest = text.lstrip(" ")
    while rest.startswith("- "):
        rest = rest[2:].lstrip(" ")
    return str(len(text) - len(rest) + 1)


def _line_above(lines: list[str], line: int) -> str:
    """The nearest line above ``line`` with content (not blank, not a comment)."""
    for text in reversed(lines[:line]):
        if text.strip() and not text.lstrip().startswith("#"):
            return text
    return ""


def _recognised(lines: list[str], err: yaml.MarkedYAMLError) -> Mistake | None:
    """Decided from the text at libyaml's marks; its message only hints which rule."""
    mark, context = err.problem_mark, err.context_mark
    if mark is None:
        return None
    for rule in (_opened, _reserved_start, _mapping_value, _simple_key, _block):
        found = rule(lines, mark, context, err.problem or "")
        if found is not None:
            return found
    return None


def _opened(lines: list[str], mark: Any, context: Any, problem: str) -> Mistake | None:
    """A quote, bracket or brace opened at the context mark and not closed on its line
    (closed there, the fault is another one inside it)."""
    if context is None:
        return None
    opened = _char(lines, context.line, context.column)
    rest = lines[context.line][context.column :] if opened else ""
    if opened and opened in _QUOTES and opened not in rest[1:]:
        return "yaml-unclosed-quote", context.line, context.column, {"quote": opened}
    if opened in _CLOSERS and rest.count(opened) > rest.count(_CLOSERS[opened]):
        values = {"open": opened, "close": _CLOSERS[opened]}
        return "yaml-unclosed-bracket", context.line, context.column, values
    return None


def _reserved_start(lines: list[str], mark: Any, context: Any, problem: str) -> Mistake | None:
    """A plain value starting with a character YAML reserves."""
    for where in (context, mark):
        if where is None:
            continue
        char = _char(lines, where.line, where.column)
        if not char or char not in _RESERVED_START:
            continue
        before = lines[where.line][: where.column].rstrip(" ")
        if not before or before.endswith((":", "-")):  # where a value starts
            return "yaml-reserved-start", where.line, where.column, {"char": char}
    return None


def _mapping_value(lines: list[str], mark: Any, context: Any, problem: str) -> Mistake | None:
    """A `:` where no key may be: inside a value, or after a key indented too far."""
    if context is not None or _char(lines, mark.line, mark.column) != ":":
        return None
    text = lines[mark.line]
    before = text[: mark.column]
    if ": " in before:  # the key of this line is before: the colon is in its value
        return "yaml-colon-in-value", mark.line, mark.column, {}
    start = _indent(text)
    if _KEY.match(before.strip()):
        column = _key_column(_line_above(lines, mark.line))
        return "yaml-key-indent", mark.line, start, {"column": column}
    return "yaml-text-continues", mark.line, start, {}


def _simple_key(lines: list[str], mark: Any, context: Any, problem: str) -> Mistake | None:
    """A line libyaml took for a key (it starts a line) whose `: ` never came."""
    if context is None or context.line == mark.line or ":" not in problem:
        return None
    text = lines[context.line] if context.line < len(lines) else ""
    if context.column != _indent(text):
        return None
    if "：" in text and _KEY.match(text[: text.index("：")].strip()):
        return "yaml-fullwidth-colon", context.line, text.index("："), {}
    glued = re.search(r":(?=\S)", text)
    if glued is not None:
        return "yaml-space-after-colon", context.line, glued.start(), {}
    return "yaml-text-continues", context.line, context.column, {}


def _block(lines: list[str], mark: Any, context: Any, problem: str) -> Mistake | None:
    """Something after a value, a key out of line, or an item without `- `."""
    if context is None:
        return None
    text = lines[mark.line] if mark.line < len(lines) else ""
    before = text[: mark.column].rstrip(" ")
    if before and before[-1] in _QUOTES and before.count(before[-1]) >= 2:
        return "yaml-after-quote", mark.line, mark.column, {}
    if mark.column != _indent(text) or not text.strip():
        return None
    in_list = _char(lines, context.line, context.column) == "-"
    if in_list and mark.column == context.column and not text.lstrip().startswith("-"):
        return "yaml-list-dash", mark.line, mark.column, {"column": str(context.column + 1)}
    items = (line for line in reversed(lines[: mark.line]) if line.lstrip().startswith("- "))
    item = next(items, None) if text.lstrip().startswith("- ") else None
    if item is not None:
        column = str(_indent(item) + 1)
        return "yaml-item-indent", mark.line, mark.column, {"column": column}
    column = _key_column(_line_above(lines, mark.line))
    return "yaml-key-indent", mark.line, mark.column, {"column": column}


_NO_KEY = object()


class _Frame:
    """A collection being built: its value, and for a mapping the key waiting for a value."""

    __slots__ = ("anchor", "chars_at_start", "first_seen", "key", "value", "values_at_start")

    def __init__(self, value: Any, anchor: str | None, values: int, chars: int) -> None:
        self.value = value
        self.anchor = anchor
        self.values_at_start = values
        self.chars_at_start = chars
        self.key: Any = _NO_KEY
        self.first_seen: dict[Any, int] = {}


class _Skip:
    """The key of a mapping entry whose value is dropped (the second of a duplicate key)."""


_SKIP = _Skip()


class _Builder:
    """Builds plain data from libyaml's event stream, refusing what would lose or blow up data.

    The stream is walked with an explicit stack, so no nesting can overflow anything, and
    composing a node tree (the slow part of loading) is left for when a position is needed.
    A fault of one value (an impossible date, an unknown tag, a duplicate key) is kept in
    ``faults`` and the build goes on, the value kept as its text and a duplicate key's first
    value kept, so one run reports every problem of a file. What could blow up or lose the
    structure (aliases, depth, a second document, complex or merge keys) stops it.
    """

    def __init__(self, loader: type = _Loader) -> None:
        self.loader = loader
        self.values = 0  # values built, aliases expanded included
        self.chars = 0  # characters of the scalars built, aliases expanded included
        self.aliased_values = 0
        self.aliased_chars = 0
        self.anchors: dict[str, tuple[Any, int, int]] = {}  # value, values, chars
        self.stack: list[_Frame] = []
        self.documents = 0
        self.result: Any = None
        self.faults: list[YamlFault] = []

    def run(self, text: str) -> Any:
        for event in yaml.parse(text, Loader=self.loader):
            kind = type(event)
            if kind is yaml.ScalarEvent:
                self._scalar(event)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                self._start(event, {} if kind is yaml.MappingStartEvent else [])
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                self._end(event)
            elif kind is yaml.AliasEvent:
                self._alias(event)
            elif kind is yaml.DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    raise YamlFault(event.start_mark, "multiple-documents", t("multiple-documents"))
        return self.result

    def _scalar(self, event: Any) -> None:
        self.values += 1
        self.chars += len(event.value)
        try:
            value = scalar_value(event.value, event.tag, event.style, event.start_mark)
        except YamlFault as fault:
            self.faults.append(fault)
            value = event.value
        if event.anchor:
            self.anchors[event.anchor] = (value, 1, len(event.value))
        self._add(value, event, is_scalar=True)

    def _start(self, event: Any, value: Any) -> None:
        if len(self.stack) >= MAX_DEPTH:
            raise YamlFault(event.start_mark, "too-deep", t("too-deep", limit=MAX_DEPTH))
        if event.tag not in (None, "!") and event.tag not in _COLLECTION_TAGS:
            message = t("unknown-tag", tag=event.tag)
            self.faults.append(YamlFault(event.start_mark, "unknown-tag", message))
        self.values += 1
        self.stack.append(_Frame(value, event.anchor, self.values, self.chars))

    def _end(self, event: Any) -> None:
        frame = self.stack.pop()
        if frame.anchor:
            values = self.values - frame.values_at_start + 1
            self.anchors[frame.anchor] = (frame.value, values, self.chars - frame.chars_at_start)
        self._add(frame.value, event, is_scalar=False)

    def _alias(self, event: Any) -> None:
        stored = self.anchors.get(event.anchor)
        if stored is None:  # an alias to an anchor still open refers to itself
            raise YamlFault(event.start_mark, "recursive-alias", t("recursive-alias"))
        value, values, chars = stored
        self.values += values
        self.chars += chars
        self.aliased_values += values
        self.aliased_chars += chars
        if self.aliased_values > MAX_EXPANDED_VALUES:
            message = t("alias-bomb", limit=MAX_EXPANDED_VALUES)
            raise YamlFault(event.start_mark, "alias-bomb", message)
        if self.aliased_chars > MAX_EXPANDED_CHARS:
            message = t("alias-bomb-chars", limit=MAX_EXPANDED_CHARS // 1_000_000)
            raise YamlFault(event.start_mark, "alias-bomb", message)
        self._add(value, event, is_scalar=False)

    def _add(self, value: Any, event: Any, *, is_scalar: bool) -> None:
        if not self.stack:
            self.result = value
            return
        frame = self.stack[-1]
        if isinstance(frame.value, list):
            frame.value.append(value)
        elif frame.key is _NO_KEY:
            self._key(frame, value, event, is_scalar)
        else:
            if frame.key is not _SKIP:
                frame.value[frame.key] = value
            frame.key = _NO_KEY

    def _key(self, frame: _Frame, value: Any, event: Any, is_scalar: bool) -> None:
        mark = event.start_mark
        if not is_scalar:
            raise YamlFault(mark, "complex-key", t("complex-key"))
        if value == "<<" and not event.style:
            raise YamlFault(mark, "merge-key", t("merge-key"))
        first = frame.first_seen.get(value)
        if first is not None:
            message = t("duplicate-key", key=event.value, first_line=first)
            self.faults.append(YamlFault(mark, "duplicate-key", message))
            frame.key = _SKIP
            return
        frame.first_seen[value] = mark.line + 1
        frame.key = value


_COLLECTION_TAGS = frozenset((_TAG + "map", _TAG + "seq", _TAG + "omap"))


def scalar_value(text: str, tag: str | None, style: str | None, mark: Any) -> Any:
    """A scalar under the YAML 1.2 core schema, plus ISO dates.

    Quoted and block scalars are text. So are plain ones tagged `!` or `!!str`; any other
    explicit tag must be a standard one.
    """
    if style or tag == "!" or tag == _TAG + "str":
        return text
    if tag is not None and tag not in _IMPLICIT:
        raise YamlFault(mark, "unknown-tag", t("unknown-tag", tag=tag))
    if text[:1] not in _RESOLVABLE_START:  # most text: no need to try every form
        return text
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
    if _TIMESTAMP.match(text):
        return _timestamp(text, mark)
    return text


def _timestamp(text: str, mark: Any) -> dt.date | dt.datetime:
    match = _DATE.match(text)
    try:
        if match:
            year, month, day = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        return dt.datetime.fromisoformat(text.replace(" ", "T", 1))
    except ValueError:
        raise YamlFault(mark, "bad-date", t("bad-date", text=text)) from None


def compose(text: str) -> yaml.Node | None:
    """The node tree, for positions. Only called on text the builder has accepted, whose
    nesting is therefore shallow enough for libyaml's recursive composer."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return None


class Parsed:
    """The data of one file and its problems; the node tree on demand. ``data`` is None when
    a problem stopped the read; with problems and data, the data holds each faulty value as
    its text (see ``_Builder``)."""

    __slots__ = ("_root", "data", "problems", "text")

    def __init__(self, data: Any, problems: list[Problem], text: str | None = None) -> None:
        self.data = data
        self.problems = problems
        self.text = text
        self._root: yaml.Node | None = None

    @property
    def root(self) -> yaml.Node | None:
        if self._root is None and self.text is not None:
            self._root = compose(self.text)
        return self._root


def parse(path: str, raw: bytes) -> Parsed:
    """Read one YAML file's bytes: its data, or the problems that stop it."""
    if not raw.strip():
        return Parsed(None, [problem_at(path, 1, 1, "empty-file", t("empty-file"))])
    text, problems = decode(path, raw)
    if text is None:
        return Parsed(None, problems)
    tab = _tab_indentation(path, text)
    if tab is not None:
        return Parsed(None, [tab])
    builder = _Builder()
    try:
        data = builder.run(text)
    except YamlFault as fault:
        return Parsed(None, _fault_problems(path, [*builder.faults, fault]))
    except yaml.MarkedYAMLError as err:
        stop = _own_fault(path, text) or _syntax_problem(path, text, err)
        return Parsed(None, [*_fault_problems(path, builder.faults), stop])
    except yaml.YAMLError as err:  # reader errors (control characters) carry no mark
        return Parsed(
            None, [problem_at(path, 1, 1, "yaml-syntax", t("yaml-syntax", detail=str(err)))]
        )
    if builder.documents == 0:  # nothing but comments
        return Parsed(None, [problem_at(path, 1, 1, "empty-file", t("empty-file"))])
    return Parsed(data, _fault_problems(path, builder.faults), text)


def _fault_problems(path: str, faults: list[YamlFault]) -> list[Problem]:
    return [problem_at(path, f.mark.line + 1, f.mark.column + 1, f.code, f.message) for f in faults]


def _own_fault(path: str, text: str) -> Problem | None:
    """The fault our builder finds before libyaml's error, if any.

    libyaml reads ahead of the events it hands out, and a newer release refuses deep
    nesting itself, so its error can stand for one of ours that lies earlier in the file
    (nesting deeper than MAX_DEPTH). The pure-Python parser reads the same grammar with no
    such limit; it runs only on a file libyaml has already refused."""
    if _Loader is yaml.SafeLoader:
        return None
    try:
        _Builder(yaml.SafeLoader).run(text)
    except YamlFault as fault:
        return _fault_problems(path, [fault])[0]
    except yaml.YAMLError:
        return None
    return None


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
