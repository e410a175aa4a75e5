"""The case repository as models, for the commands that act on it (deadlines, reports,
letters, sampling, tracking). ``inspect validate`` has its own faster path over facts.

One loader with one parameter, ``Needs``: which kinds of document a command reads, a cheap
byte test that spares parsing files it cannot need, whether it needs the roster in memory,
and whether every document it reads must be valid. A province's repository holds tens of
thousands of files; a letter needs a handful of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from inspectcli.checks.facts import OwnCategories, UncheckedPolicy
from inspectcli.messages import did_you_mean, t
from inspectcli.model.calendar import CalendarDocument
from inspectcli.model.common import BUILT_IN_CATEGORIES, CategoryTable
from inspectcli.model.findings import FindingsDocument
from inspectcli.model.plan import PlanDocument
from inspectcli.model.policy import Policy, PolicyDocument
from inspectcli.model.roster import RosterDocument
from inspectcli.model.settings import SettingsDocument
from inspectcli.pipeline.load import load_bytes
from inspectcli.pipeline.policy import located_policy, roster_categories
from inspectcli.problems import Problem, Severity, errors
from inspectcli.repo.categories import statuses_unchecked
from inspectcli.repo.fileread import ROSTER_LIMIT, YAML_LIMIT, FileProblem, read_file
from inspectcli.repo.layout import SETTINGS_FILE, discover, find_root, read_yaml
from inspectcli.repo.paths import RosterPlace, roster_place
from inspectcli.repo.roster import TABLE_SUFFIXES, Roster, from_document, read_roster_table
from inspectcli.repo.schema_errors import located
from inspectcli.repo.yamlread import parse

# Kinds every command needs: the policy is merged from policy documents, and deadlines
# count in the calendar documents' working days.
ALWAYS = frozenset({"settings", "policy", "calendar"})
ALL_KINDS = frozenset({"plan", "findings", "roster"})

_KIND_LINE = re.compile(rb"^kind:[ \t]*[\"']?([A-Za-z_-]+)", re.MULTILINE)


@dataclass(frozen=True)
class Needs:
    """What a command needs of the repository."""

    kinds: frozenset[str] = ALL_KINDS  # besides ALWAYS
    keep: Callable[[str, bytes], bool] | None = None  # a cheap test on (path, bytes)
    roster: bool = True  # read the roster into memory
    valid: bool = True  # any error in a document read stops the command


class RepositoryError(Exception):
    """The repository cannot be used as it is; ``problems`` say why, with positions."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass
class Repository:
    root: Path
    settings: SettingsDocument
    policy: Policy
    roster: Roster | None = None
    plans: dict[str, PlanDocument] = field(default_factory=dict)  # relative path → plan
    findings: dict[str, FindingsDocument] = field(default_factory=dict)
    calendars: dict[str, CalendarDocument] = field(default_factory=dict)
    invalid: dict[str, list[Problem]] = field(default_factory=dict)  # only when not Needs.valid
    warnings: dict[str, list[Problem]] = field(default_factory=dict)

    @property
    def roster_place(self) -> RosterPlace | None:
        """Where the roster is (FileProblem when ``inspect.yaml`` names a place outside the
        repository)."""
        return roster_place(self.root, self.settings.roster)

    @property
    def roster_path(self) -> Path | None:
        place = self.roster_place
        return None if place is None else place.path

    def plan(self, plan_id: str) -> PlanDocument | None:
        return next((p for p in self.plans.values() if p.id == plan_id), None)

    def path_of(self, document: object) -> Path:
        """The absolute path of a loaded plan, findings or calendar document."""
        for documents in (self.plans, self.findings, self.calendars):
            for relative, candidate in documents.items():
                if candidate is document:
                    return self.root / relative
        raise KeyError("document not loaded from this repository")

    def problem_at(self, path: str, loc: tuple[str | int, ...], code: str, message: str) -> Problem:
        return problem_in(self.root, path, loc, code, message)

    def unknown_plan(self, path: str) -> list[Problem]:
        """Why the findings file ``path`` has no round: no plan has its plan id; and the
        plans that could not be read, since one of them may be that plan."""
        wanted = self.findings[path].plan
        broken = [
            problem
            for relative, problems in self.invalid.items()
            if sniff_kind(read_yaml(self.root, relative)) == "plan"
            for problem in problems
        ]
        plan_ids = [p.id for p in self.plans.values()]
        return [unknown_plan_problem(self.root, path, wanted, plan_ids), *broken]


def unknown_plan_problem(root: Path, path: str, wanted: str, plan_ids: list[str]) -> Problem:
    """The findings file ``path`` names plan ``wanted``, which is none of ``plan_ids``."""
    message = t("unknown-plan", plan=wanted, hint=did_you_mean(wanted, plan_ids))
    return problem_in(root, path, ("plan",), "unknown-plan", message)


def problem_in(
    root: Path, path: str, loc: tuple[str | int, ...], code: str, message: str
) -> Problem:
    """A problem at a field of a repository file, with its line and column."""
    return located(path, parse(path, read_yaml(root, path)).root, loc, code, message)


def sniff_kind(raw: bytes) -> str | None:
    """The kind a file declares on a line of its own, without parsing it (None: unknown)."""
    match = _KIND_LINE.search(raw)
    return match.group(1).decode() if match else None


def open_repository(
    start: Path, *, needs: Needs = Needs(), roster_override: Path | None = None
) -> Repository:
    """Load the documents of the repository around ``start`` that ``needs`` asks for.

    Raises RepositoryError when there is no repository, when the settings, the policy or
    the roster have errors, or (``needs.valid``) when any document read has errors:
    `inspect validate` says what to fix.
    """
    root = root_of(start)
    settings = _settings(root)
    wanted = ALWAYS | needs.kinds
    problems: list[Problem] = []
    loaded: dict[str, object] = {}
    warnings: dict[str, list[Problem]] = {}
    invalid: dict[str, list[Problem]] = {}
    unchecked: dict[str, OwnCategories | None] = {}
    for relative in discover(root, settings.exclude):
        if relative == SETTINGS_FILE:
            continue
        try:
            raw = read_yaml(root, relative)
        except FileProblem as error:  # its kind cannot be told: it may be any
            problems.append(error.problem)
            continue
        kind = sniff_kind(raw)
        if not _wanted(relative, raw, kind, wanted, needs.keep):
            continue
        result = load_bytes(relative, raw)
        if isinstance(result.facts, UncheckedPolicy) and result.facts.name:
            unchecked[result.facts.name] = result.facts.own_categories
        stopping = errors(result.problems)
        if not stopping and result.model is not None:
            loaded[relative] = result.model
            if result.problems:
                warnings[relative] = result.problems
        elif needs.valid or (result.kind or kind) in ALWAYS or kind is None:
            # A broken policy or calendar changes every quota and deadline: never tolerated;
            # nor a file whose kind cannot be told (it may be either).
            problems += stopping or result.problems
        else:
            invalid[relative] = stopping or result.problems
    policy, roster, more = policy_and_roster(
        root, settings, loaded, roster=needs.roster, override=roster_override, unchecked=unchecked
    )
    problems += more
    if problems or policy is None:
        raise RepositoryError(problems)
    repository = Repository(root, settings, policy, roster, invalid=invalid, warnings=warnings)
    for relative, model in loaded.items():
        if isinstance(model, PlanDocument):
            repository.plans[relative] = model
        elif isinstance(model, FindingsDocument):
            repository.findings[relative] = model
        elif isinstance(model, CalendarDocument):
            repository.calendars[relative] = model
    if needs.keep is None and "plan" in wanted:  # every plan read: a round can be missing
        _set_aside_orphans(repository, needs.valid)
    return repository


def root_of(start: Path) -> Path:
    """The root of the repository around ``start``; RepositoryError when there is none."""
    root = find_root(start)
    if root is None:
        message = t("no-repository", path=start)
        raise RepositoryError([Problem(str(start), 0, 0, Severity.ERROR, "no-settings", message)])
    return root


def _set_aside_orphans(repository: Repository, valid: bool) -> None:
    """Findings files whose plan no plan of the repository has: an error (``valid``), else
    invalid like any other file with errors. Without its round a list has no period, no
    letter date and no dates to check an edit against."""
    plan_ids = {plan.id for plan in repository.plans.values()}
    orphans = [path for path, d in repository.findings.items() if d.plan not in plan_ids]
    problems: list[Problem] = []
    for path in orphans:
        repository.invalid[path] = repository.unknown_plan(path)
        problems += repository.invalid[path]
        del repository.findings[path]
    if valid and problems:
        raise RepositoryError(sorted(set(problems), key=Problem.sort_key))


def _settings(root: Path) -> SettingsDocument:
    result = load_bytes(SETTINGS_FILE, read_yaml(root, SETTINGS_FILE))
    stopping = errors(result.problems)
    if stopping:
        raise RepositoryError(stopping)
    return settings_in({SETTINGS_FILE: result.model})


def settings_in(loaded: Mapping[str, object]) -> SettingsDocument:
    """The settings among the documents ``loaded`` (by relative path); RepositoryError
    when ``inspect.yaml`` is not one of them."""
    settings = loaded.get(SETTINGS_FILE)
    if not isinstance(settings, SettingsDocument):
        message = t("settings-missing")
        missing = Problem(SETTINGS_FILE, 0, 0, Severity.ERROR, "settings-missing", message)
        raise RepositoryError([missing])
    return settings


def policy_and_roster(
    root: Path,
    settings: SettingsDocument,
    loaded: Mapping[str, object],
    *,
    roster: bool = True,
    override: Path | None = None,
    unchecked: Mapping[str, OwnCategories | None] | None = None,
) -> tuple[Policy | None, Roster | None, list[Problem]]:
    """The policy in force (presets merged with the policy documents ``loaded``) and the
    roster (unless ``roster`` is False), with the errors that stop them, each at its place.
    The policy is None when it has an error; ``unchecked`` are the policy documents that
    fail their schema (by name: their own categories, when known), which report
    themselves."""
    policies = {m.name: m for m in loaded.values() if isinstance(m, PolicyDocument)}
    unchecked = unchecked or {}
    policy, policy_problems = located_policy(root, settings, dict(policies), unchecked)
    problems = errors(policy_problems)
    found = None
    if roster:
        table = roster_categories(policy, settings, dict(policies), unchecked)
        found, roster_problems = read_roster(
            root, settings, loaded, override, table or BUILT_IN_CATEGORIES
        )
        if table is None and found is not None:
            roster_problems = statuses_unchecked(found, roster_problems, settings.policy.preset)
        problems += errors(roster_problems)
    return policy, found, problems


def _wanted(
    relative: str,
    raw: bytes,
    kind: str | None,
    kinds: frozenset[str],
    keep: Callable[[str, bytes], bool] | None,
) -> bool:
    if kind in ALWAYS:
        return True
    if kind is not None and kind not in kinds:
        return False
    return keep is None or keep(relative, raw)


def read_roster(
    root: Path,
    settings: SettingsDocument,
    loaded: Mapping[str, object],
    override: Path | None,
    categories: CategoryTable = BUILT_IN_CATEGORIES,
) -> tuple[Roster | None, list[Problem]]:
    """The roster the settings name (or ``override``): a CSV file, or a roster document,
    already loaded (``loaded`` by relative path) or read now."""
    try:
        if override is not None:
            display = override.as_posix()
            return _read_roster_file(override, display, loaded.get(display), None, categories)
        place = roster_place(root, settings.roster)
        if place is None:
            return None, []
        model = loaded.get(place.display)
        return _read_roster_file(place.path, place.display, model, place.root, categories)
    except FileProblem as error:
        if not error.missing:
            return None, [error.problem]
    return None, [_no_roster(override.as_posix() if override else str(settings.roster))]


def _read_roster_file(
    path: Path, display: str, model: object, root: Path | None, categories: CategoryTable
) -> tuple[Roster | None, list[Problem]]:
    """FileProblem when the file cannot be read (or leads out of ``root``)."""
    if isinstance(model, RosterDocument):
        return from_document(display, model, categories), []
    table = path.suffix.lower() in TABLE_SUFFIXES
    if not table and path.suffix not in (".yaml", ".yml"):
        return None, [_no_roster(display)]
    limit = ROSTER_LIMIT if table else YAML_LIMIT
    raw = read_file(path, display, limit=limit, root=root)
    if table:
        return read_roster_table(display, raw, categories)
    result = load_bytes(display, raw)
    if isinstance(result.model, RosterDocument):
        return from_document(display, result.model, categories), result.problems
    return None, result.problems


def _no_roster(display: str) -> Problem:
    message = t("no-roster", path=display)
    return Problem(SETTINGS_FILE, 0, 0, Severity.ERROR, "no-roster", message, "roster")
