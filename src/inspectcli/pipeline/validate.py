"""`inspect validate`: every file through the one-file stage (cached, on every core), then
the cross-file rules, then positions for what they found."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from inspectcli.messages import t
from inspectcli.pipeline.cache import Cache, Entry, StatKey, digest
from inspectcli.problems import Problem, Severity
from inspectcli.repo import parallel
from inspectcli.repo.fileread import ROSTER_LIMIT, YAML_LIMIT, FileProblem, read_file
from inspectcli.repo.layout import SETTINGS_FILE, discover, display_path, find_root, read_yaml

# Below this many files to load, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 64

Progress = Callable[[int], None]


class Outcome(NamedTuple):
    problems: list[Problem]
    files: int
    checked: tuple[str, ...] = ()  # the files whose problems are reported, by path
    reused: int | None = None  # files taken from the cache rather than read (--verbose)


def _load_one(item: tuple[str, bytes]) -> Entry:
    from inspectcli.pipeline.load import load_bytes

    path, raw = item
    loaded = load_bytes(path, raw)
    return Entry(digest(raw), loaded.kind, loaded.facts, loaded.problems)


LoadOne = Callable[[tuple[str, bytes]], Entry]


def _load_many(
    items: list[tuple[str, bytes]],
    jobs: int,
    progress_start: Callable[[int], Progress | None] | None,
    load_one: LoadOne,
) -> Iterator[Entry]:
    """``load_one`` of every item, in order; the progress bar (a thread) starts only once
    the worker processes have."""
    if jobs <= 1 or len(items) < PARALLEL_THRESHOLD:
        results: Iterable[Entry] = map(load_one, items)
    else:
        chunk = max(1, min(64, len(items) // (jobs * 8)))
        results = parallel.ordered_map(load_one, items, jobs, chunk)
    progress = progress_start(len(items)) if progress_start and items else None
    for entry in results:
        yield entry
        if progress:
            progress(1)


def _read_settings_hints(root: Path) -> tuple[list[str], str | None]:
    """The exclude patterns and roster path, read cheaply before the full load."""
    from inspectcli.repo.yamlread import parse

    parsed = parse(SETTINGS_FILE, read_yaml(root, SETTINGS_FILE))
    data = parsed.data if isinstance(parsed.data, dict) else {}
    exclude = data.get("exclude") if isinstance(data.get("exclude"), list) else []
    roster = data.get("roster") if isinstance(data.get("roster"), str) else None
    return [str(p) for p in exclude or []], roster


class Scan(NamedTuple):
    """What a run learns before loading anything: the files, their digests (from the stat
    cache where unchanged), the roster's bytes, and the key of the whole input."""

    paths: list[str]
    stats: dict[str, tuple[StatKey, bytes]]
    seen: dict[str, tuple[StatKey, bytes]]  # the stats as the cache held them
    raws: dict[str, bytes]  # the files read while hashing
    roster_path: str | None
    roster_raw: bytes | None
    key: bytes
    refused: dict[str, Problem]  # files that could not be read, with why
    roster_problems: list[Problem]  # the roster could not be read

    @property
    def files(self) -> int:
        return len(self.checked)

    @property
    def checked(self) -> tuple[str, ...]:
        """The files checked: every case file, and the roster when it is a CSV file."""
        roster = (self.roster_path,) if self.roster_path and self.roster_raw is not None else ()
        return (*self.paths, *roster)


def scan(root: Path, cache: Cache) -> Scan:
    exclude, roster_path = _read_settings_hints(root)
    paths = discover(root, exclude)
    seen = cache.stats()
    raws: dict[str, bytes] = {}
    refused: dict[str, Problem] = {}
    stats = {path: _stat_digest(root, path, seen, raws, refused) for path in paths}
    roster_path, roster_raw, roster_problems = _roster_bytes(root, roster_path)
    digests = {p: d for p, (_, d) in stats.items()}
    key = _result_key(digests, roster_path, roster_raw, roster_problems)
    return Scan(paths, stats, seen, raws, roster_path, roster_raw, key, refused, roster_problems)


def load_entries(
    root: Path,
    found: Scan,
    cache: Cache,
    *,
    jobs: int,
    progress_start: Callable[[int], Progress | None] | None = None,
    load_one: LoadOne = _load_one,
) -> dict[str, Entry]:
    """The one-file stage of every file: cached entries where the digest is unchanged,
    ``load_one`` on both cores for the rest. Keyed by path, in the order of ``found``."""
    return _load_entries(root, found, cache, jobs, progress_start, load_one)[0]


def _load_entries(
    root: Path,
    found: Scan,
    cache: Cache,
    jobs: int,
    progress_start: Callable[[int], Progress | None] | None,
    load_one: LoadOne = _load_one,
) -> tuple[dict[str, Entry], int]:
    """``load_entries``, and how many files were loaded rather than taken from the cache."""
    entries = cache.entries()
    missing = [p for p in found.paths if p not in entries or entries[p].digest != found.stats[p][1]]
    for path in [p for p in missing if p in found.refused]:
        entries[path] = Entry(found.stats[path][1], None, None, [found.refused[path]])
    missing = [p for p in missing if p not in found.refused]
    items = [(p, found.raws[p] if p in found.raws else read_yaml(root, p)) for p in missing]
    for path, entry in zip(missing, _load_many(items, jobs, progress_start, load_one), strict=True):
        entries[path] = entry
    return {p: entries[p] for p in found.paths}, len(missing)


def validate_root(
    root: Path,
    *,
    cache_dir: Path | None,
    jobs: int,
    progress_start: Callable[[int], Progress | None] | None = None,
) -> Outcome:
    cache = Cache(cache_dir, root)
    return _whole(root, cache, scan(root, cache), jobs, progress_start)


def _whole(
    root: Path,
    cache: Cache,
    found: Scan,
    jobs: int,
    progress_start: Callable[[int], Progress | None] | None,
    current: dict[str, Entry] | None = None,
    loaded: int | None = None,
) -> Outcome:
    """Every file checked, the result of an unchanged repository served from the cache."""
    cached = cache.result(found.key)
    if cached is not None:
        cache.save_stats(found.stats, found.seen)
        return Outcome(cached, found.files, found.checked, len(found.paths))
    if current is None:
        current, loaded = _load_entries(root, found, cache, jobs, progress_start)
    from inspectcli.pipeline.crossfile import cross_check

    problems = [p for entry in current.values() for p in entry.problems] + found.roster_problems
    problems += cross_check(root, current, found.roster_path, found.roster_raw)
    problems.sort(key=Problem.sort_key)
    cache.save(found.key, problems, current)
    cache.save_stats(found.stats, found.seen)
    reused = None if loaded is None else len(found.paths) - loaded
    return Outcome(problems, found.files, found.checked, reused)


# Rewriting the cache of every file's facts costs more than loading this many files again.
RESAVE_FROM = 64


def validate_changed(
    root: Path,
    ref: str,
    *,
    cache_dir: Path | None,
    jobs: int,
    progress_start: Callable[[int], Progress | None] | None = None,
) -> Outcome:
    """The problems of the files changed since ``ref`` and of the files they put in question
    (see ``changes.affected``); the facts of the other files are read for the cross-file
    rules (ids unique, references resolved), from the cache where it has them."""
    from inspectcli.pipeline.changes import affected, changed_since
    from inspectcli.pipeline.crossfile import cross_check

    changes = changed_since(root, ref)  # before any loading: a bad REF fails at once
    cache = Cache(cache_dir, root)
    found = scan(root, cache)
    current, loaded = _load_entries(root, found, cache, jobs, progress_start)
    only = affected(changes, current, found.roster_path)
    if only is None:
        return _whole(root, cache, found, jobs, progress_start, current, loaded)
    problems = [p for path in sorted(only) for p in current[path].problems]
    problems += found.roster_problems
    crossed = cross_check(root, current, found.roster_path, found.roster_raw, only)
    problems += [p for p in crossed if p.path in only]
    problems.sort(key=Problem.sort_key)
    if loaded >= RESAVE_FROM:
        cache.save_entries(current)
    cache.save_stats(found.stats, found.seen)
    return Outcome(problems, len(only), tuple(sorted(only)), len(found.paths) - loaded)


# The stat key of a file that could not be read: never equal to a cached one.
UNREAD: StatKey = (-1, -1, -1, -1)


def _stat_digest(
    root: Path,
    path: str,
    seen: dict[str, tuple[StatKey, bytes]],
    raws: dict[str, bytes],
    refused: dict[str, Problem],
) -> tuple[StatKey, bytes]:
    """The file's digest, read from the cache when its size, times and inode are unchanged.

    ctime cannot be set by tools that preserve timestamps, so an unchanged stat means
    unchanged content; a fresh clone (as in CI) has new stats and is read and hashed.
    """
    try:
        return _digest_of(root, path, seen, raws)
    except FileProblem as error:
        refused[path] = error.problem
        return UNREAD, digest(f"{error.problem.code} {error.problem.message}".encode())


def _digest_of(
    root: Path, path: str, seen: dict[str, tuple[StatKey, bytes]], raws: dict[str, bytes]
) -> tuple[StatKey, bytes]:
    try:
        st = os.stat(os.path.join(root, path))
    except OSError:  # a dangling symlink, a loop of them: the reader says which
        read_yaml(root, path)
        raise
    stat_key = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
    known = seen.get(path)
    if known is not None and known[0] == stat_key:
        return known
    raw = read_yaml(root, path)
    raws[path] = raw
    return stat_key, digest(raw)


def _roster_bytes(
    root: Path, roster_path: str | None
) -> tuple[str | None, bytes | None, list[Problem]]:
    """The roster's path as messages name it, and its bytes when it is a CSV file (a roster
    document is a case file of its own); or no roster, and the problem that says why."""
    from inspectcli.repo.paths import roster_place
    from inspectcli.repo.roster import TABLE_SUFFIXES

    try:
        place = roster_place(root, roster_path)
        if place is None or not place.display.lower().endswith(TABLE_SUFFIXES):
            return (None if place is None else place.display), None, []
        raw = read_file(place.path, place.display, limit=ROSTER_LIMIT, root=place.root)
        return place.display, raw, []
    except FileProblem as error:
        if error.missing:  # the cross-file rules say `no-roster`, at inspect.yaml
            return roster_path, None, []
        return None, None, [error.problem]


def _result_key(
    digests: dict[str, bytes],
    roster_path: str | None,
    roster_raw: bytes | None,
    roster_problems: list[Problem],
) -> bytes:
    import hashlib

    from inspectcli.presets import presets_digest

    hasher = hashlib.blake2b(digest_size=16)
    for path, value in digests.items():
        hasher.update(path.encode() + b"\0" + value)
    hasher.update((roster_path or "").encode() + b"\0")
    hasher.update(digest(roster_raw) if roster_raw is not None else b"-")
    hasher.update(repr(roster_problems).encode())
    hasher.update(presets_digest())
    return hasher.digest()


def validate_files(paths: list[Path], targets: list[Path]) -> Outcome:
    """Files outside any repository: the one-file stage only, and a note that says so,
    once for each file or folder given (``targets``), not for every file in a folder."""
    from inspectcli.pipeline.load import load_bytes

    problems: list[Problem] = []
    for path in paths:
        display = path.as_posix()
        try:
            problems += load_bytes(display, read_file(path, display, limit=YAML_LIMIT)).problems
        except FileProblem as error:
            problems.append(error.problem)
    for target in targets:
        folder = target.parent if target.is_file() else target
        message = t("no-settings", path=folder)
        problems.append(Problem(target.as_posix(), 0, 0, Severity.WARNING, "no-settings", message))
    problems.sort(key=Problem.sort_key)
    return Outcome(problems, len(paths), tuple(path.as_posix() for path in paths), 0)


def validate(
    targets: list[Path],
    *,
    cache_dir: Path | None,
    jobs: int | None = None,
    progress_start: Callable[[int], Progress | None] | None = None,
    changed_since: str | None = None,
) -> Outcome:
    """Validate the repositories around ``targets``; report only problems under them.

    With ``changed_since`` (a git revision), only the files of a repository changed since
    then and those they affect.
    """
    jobs = jobs or os.cpu_count() or 1
    by_root: dict[Path, list[Path]] = {}
    loose: list[Path] = []
    loose_targets: list[Path] = []
    problems: list[Problem] = []
    for target in targets:
        root = find_root(target)
        if root is None:
            found = _yaml_files(target)
            loose += found
            if found:
                loose_targets.append(target)
            else:  # the wrong folder, most likely: say so rather than "no problems"
                message = t("validate-nothing", path=target)
                problems.append(
                    Problem(str(target), 0, 0, Severity.WARNING, "no-settings", message)
                )
        else:
            by_root.setdefault(root, []).append(target.resolve())
    files = 0
    checked: list[str] = []
    reused: int | None = 0
    for root, wanted in by_root.items():
        if changed_since is None:
            outcome = validate_root(
                root, cache_dir=cache_dir, jobs=jobs, progress_start=progress_start
            )
        else:
            outcome = validate_changed(
                root, changed_since, cache_dir=cache_dir, jobs=jobs, progress_start=progress_start
            )
        shown = _under(root, wanted, outcome)
        problems += shown.problems
        files += shown.files
        checked += shown.checked
        reused = None if reused is None or outcome.reused is None else reused + outcome.reused
    if loose:
        outcome = validate_files(loose, loose_targets)
        problems += outcome.problems
        files += outcome.files
        checked += outcome.checked
    return Outcome(problems, files, tuple(checked), reused)


def _yaml_files(target: Path) -> list[Path]:
    if target.is_file():
        return [target]
    return [target / p for p in discover(target)]


def _under(root: Path, wanted: list[Path], outcome: Outcome) -> Outcome:
    """The problems and files the user asked about, with paths as the user sees them."""
    scopes = [w.relative_to(root).as_posix() for w in wanted]
    everything = "." in scopes

    def asked(path: str) -> bool:
        return everything or any(path == s or path.startswith(s + "/") for s in scopes)

    problems = [
        p._replace(path=display_path(root, p.path)) for p in outcome.problems if asked(p.path)
    ]
    checked = tuple(display_path(root, path) for path in outcome.checked if asked(path))
    return Outcome(problems, outcome.files, checked, outcome.reused)
