"""A content-hash cache of the one-file stage: plain JSON data, checked on every load.

An entry is keyed by the file's path and the BLAKE2 digest of its bytes, and the whole
cache by the tool version and the revision of its rules, so a stale entry can only be a
miss. The final problem list is kept too, keyed by the digest of every input, so an
unchanged repository costs one read and one hash per file.

A cache file is only data: JSON read into the exact shape this module expects (pydantic,
strict), nothing in it is ever run. Anything else — another version, a wrong type, an
impossible date, a truncated or foreign file — is a miss, never an error. What a cache
cannot be protected from is its own writer: whoever can write the cache folder can make
`inspect validate` report fewer problems. Files are made readable by their user only.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from functools import cache
from pathlib import Path
from typing import Annotated, Any, ClassVar, Generic, Literal, NamedTuple, TypeVar, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, create_model

from inspectcli import __version__, i18n
from inspectcli.output.files import write_atomic
from inspectcli.problems import Problem

StatKey = tuple[int, int, int, int]  # size, mtime, ctime (all ns), inode

# Raised with every change to the facts kept per file or to the rules, so that a cache made
# by an earlier build of the same version is a miss rather than an answer without the new
# rules (2: letter numbers in the findings' facts; tag, number and planned-content rules;
# 3: messages and report texts kept masked, the personal-data-in-text rule; 4: JSON instead
# of pickle; 5: faults of single values and the facts of a findings file that fails its
# schema, from its valid findings; 6: also of a finding whose deadline alone is wrong;
# 7: the method of a recorded sample, the roster's categories against the policy;
# 8: values typed in Chinese, 严重 or 整改中, are taken, and choices listed in Chinese;
# 9: a report record's latest progress, problems at a spreadsheet's cell; 12: a finding's
# lead, units and measures, on-the-spot findings and supervision letters, empty ledger
# fields, evidence files, the three lists; 13: a policy's own household categories, a
# roster document's categories in Chinese; 14: every follow-up revisit kept, `revisits`;
# 15: the name and own categories of a policy document that fails its schema; 16: a
# roster workbook's merged cells, a roster's columns named by their headers as written).
REVISION = 16
FILE_MODE = 0o600
FOLDER_MODE = 0o700

T = TypeVar("T")


class Entry(NamedTuple):
    digest: bytes
    kind: str | None
    facts: Any
    problems: list[Problem]


def digest(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


def default_dir() -> Path:
    """``INSPECT_CACHE_DIR``, else the user's cache folder as the platform places it:
    ``$XDG_CACHE_HOME`` or ``~/.cache`` on Linux, ``~/Library/Caches`` on macOS,
    ``%LOCALAPPDATA%`` on Windows."""
    explicit = os.environ.get("INSPECT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("inspectcli", appauthor=False))


class _Stored(BaseModel, Generic[T]):
    """What every cache file holds: its format, the build that wrote it, and the data."""

    model_config = ConfigDict(strict=True, extra="forbid")
    format: Literal[1]
    tool: str
    revision: int
    language: str
    data: T


_STRICT = ConfigDict(strict=True, extra="forbid")


class _Result(NamedTuple):
    key: str  # hex digest of every input
    problems: list[Problem]


Stats = dict[str, tuple[StatKey, str]]  # path → stat, hex digest


def _validate_facts() -> dict[str, Any]:
    """The facts ``inspect validate`` keeps per file (``checks.facts``), by tag."""
    from inspectcli.checks import facts
    from inspectcli.model import KINDS

    kept: dict[str, Any] = {
        "findings": facts.FindingsFacts,
        "plan": facts.PlanFacts,
        "unchecked": facts.Unchecked,
        "unchecked-policy": facts.UncheckedPolicy,
    }
    return kept | model_facts(KINDS)


def model_facts(kinds: dict[str, Any]) -> dict[str, Any]:
    """The kinds whose facts are their model (a handful of files: settings, policy, …)."""
    return {kind: model for kind, model in kinds.items() if kind not in ("findings", "plan")}


@cache
def _entries_shape(facts: tuple[tuple[str, Any], ...]) -> tuple[Any, dict[str, Any]]:
    """The model of a stored entry whose facts are one of ``facts`` (tag, type), and the
    model of the box of each tag."""
    boxes = {
        tag: create_model(f"Box_{tag}", __config__=_STRICT, t=(_literal(tag), ...), v=(kind, ...))
        for tag, kind in facts
    }
    union: Any = Annotated[Union[tuple(boxes.values())], Field(discriminator="t")]  # noqa: UP007
    entry = create_model(
        "StoredEntry",
        __config__=_STRICT,
        digest=(str, ...),
        kind=(str | None, ...),
        facts=(union | None, ...),
        problems=(list[Problem], ...),
    )
    return entry, boxes


def _literal(tag: str) -> Any:
    return Literal[tag]


@cache
def _adapter(shape: Any) -> TypeAdapter[Any]:
    return TypeAdapter(_Stored[shape])


class Cache:
    """The cache of one repository root: a small index file and a larger facts file."""

    # Tag → type of the facts an entry may hold; a subclass keeps facts of its own.
    FACTS: ClassVar[tuple[tuple[str, Any], ...] | None] = None

    def __init__(self, directory: Path | None, root: Path) -> None:
        self.directory = directory
        name = hashlib.blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()
        # Problems are stored with their messages, which are in the language in use.
        self.stem = f"{name}-{__version__}-r{REVISION}-{i18n.language()}"

    def facts(self) -> tuple[tuple[str, Any], ...]:
        return self.FACTS if self.FACTS is not None else tuple(_validate_facts().items())

    def _file(self, part: str) -> Path | None:
        return None if self.directory is None else self.directory / f"{self.stem}.{part}.json"

    def _read(self, part: str, shape: Any) -> Any:
        path = self._file(part)
        if path is None:
            return None
        try:
            stored = _adapter(shape).validate_json(path.read_bytes())
        except Exception:  # missing, damaged, foreign or of another shape: a miss
            return None
        if (stored.tool, stored.revision, stored.language) != (
            __version__,
            REVISION,
            i18n.language(),
        ):
            return None
        return stored.data

    def _write(self, part: str, shape: Any, value: Any) -> None:
        path = self._file(part)
        if path is None:
            return
        stored = _Stored[shape].model_construct(
            format=1, tool=__version__, revision=REVISION, language=i18n.language(), data=value
        )
        # A read-only or full disk, or a value JSON cannot hold, slows the next run down,
        # nothing more.
        with contextlib.suppress(OSError, ValueError):
            data = _adapter(shape).dump_json(stored, by_alias=True)
            _private_folder(path.parent)
            write_atomic(path, data, mode=FILE_MODE)

    def result(self, key: bytes) -> list[Problem] | None:
        stored = self._read("result", _Result)
        if stored is not None and stored.key == key.hex():
            problems: list[Problem] = stored.problems
            return problems
        return None

    def entries(self) -> dict[str, Entry]:
        model, _ = _entries_shape(self.facts())
        stored = self._read("files", dict[str, model])  # type: ignore[valid-type]
        if stored is None:
            return {}
        return {
            path: Entry(
                bytes.fromhex(e.digest),
                e.kind,
                None if e.facts is None else e.facts.v,
                e.problems,
            )
            for path, e in stored.items()
        }

    def stats(self) -> dict[str, tuple[StatKey, bytes]]:
        """Each file's stat and digest at the last run on this machine."""
        stored = self._read("stats", Stats)
        if stored is None:
            return {}
        return {path: (stat, bytes.fromhex(value)) for path, (stat, value) in stored.items()}

    def save_stats(
        self, stats: dict[str, tuple[StatKey, bytes]], known: dict[str, tuple[StatKey, bytes]]
    ) -> None:
        """Write ``stats`` unless they equal ``known``, what ``stats()`` returned this run."""
        if stats != known:
            value = {path: (stat, value.hex()) for path, (stat, value) in stats.items()}
            self._write("stats", Stats, value)

    def save(self, key: bytes, problems: list[Problem], entries: dict[str, Entry]) -> None:
        self.save_entries(entries)
        self._write("result", _Result, _Result(key.hex(), problems))

    def save_entries(self, entries: dict[str, Entry]) -> None:
        """The one-file stage alone, when no result of the whole repository was made."""
        model, boxes = _entries_shape(self.facts())
        tags = [(kind, tag) for tag, kind in self.facts()]
        stored = {}
        for path, entry in entries.items():
            box = _box(entry.facts, tags, boxes)
            if box is False:
                return  # facts of a type this cache does not keep: nothing is saved
            stored[path] = model.model_construct(
                digest=entry.digest.hex(), kind=entry.kind, facts=box, problems=entry.problems
            )
        self._write("files", dict[str, model], stored)  # type: ignore[valid-type]


def _box(facts: Any, tags: list[tuple[Any, str]], boxes: dict[str, Any]) -> Any:
    """``facts`` in the box of its tag; None for none, False when no tag takes it."""
    if facts is None:
        return None
    for kind, tag in tags:
        if type(facts) is kind:
            return boxes[tag].model_construct(t=tag, v=facts)
    return False


def _private_folder(folder: Path) -> None:
    """Make the cache folder readable by its user only, when this run creates it."""
    if not folder.is_dir():
        folder.mkdir(parents=True, mode=FOLDER_MODE, exist_ok=True)
        os.chmod(folder, FOLDER_MODE)  # mkdir's mode is cut by the umask, which may be odd
