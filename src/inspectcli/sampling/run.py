"""A draw end to end: the repository, the plan, the roster, the draw, the write-back.

What a draw from a roster given on the command line does not need (the repository
loader, the YAML writer, the document models) is imported where it is used: start-up
is part of every run's time.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from inspectcli.messages import did_you_mean, enumeration, t
from inspectcli.model.common import BUILT_IN_CATEGORIES, CategoryTable, SampleSpec
from inspectcli.problems import Problem, errors
from inspectcli.repo.categories import outside_policy
from inspectcli.repo.fileread import ROSTER_LIMIT, YAML_LIMIT, FileProblem, read_file
from inspectcli.repo.layout import find_root
from inspectcli.repo.roster import TABLE_SUFFIXES, Roster, from_document, read_roster_table
from inspectcli.sampling import frame as frames
from inspectcli.sampling.method import Draw, Short
from inspectcli.sampling.method2 import Refused
from inspectcli.sampling.record import differences, recorded_draw, sample_data
from inspectcli.sampling.rotation import FOREVER, Windows, visited
from inspectcli.sampling.spec import DEFAULT_GROUPS, Groups, draw_spec, merge_specs, spec_dict
from inspectcli.sampling.visited import Visited, visited_ids

if TYPE_CHECKING:
    from inspectcli.model.plan import PlanDocument
    from inspectcli.model.policy import Policy


class SampleError(Exception):
    """Why a draw cannot be made; ``code`` is the exit code (1 problem, 2 usage).

    ``problems`` are the faults of a file behind it (the roster, the plan), with their
    positions, for the same formatters ``inspect validate`` uses.
    """

    def __init__(self, message: str, code: int = 1, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.problems = problems or []


@dataclass
class Repository:
    root: Path | None
    policy: Policy | None = None
    roster: Path | None = None
    plans: dict[Path, PlanDocument] = field(default_factory=dict)
    invalid: dict[Path, list[Problem]] = field(default_factory=dict)
    roster_root: Path | None = None  # the folder the roster may not leave (None: any)
    visited: Visited = field(default_factory=lambda: Visited({}))  # elsewhere (`visited:`)

    def source(self, given: Path | None, counties: tuple[str, ...]) -> frames.Source:
        """The frame from the roster ``given`` on the command line, else the repository's."""
        if given is not None:
            return load_source(given, counties, policy=self.policy)
        return load_source(self.roster, counties, self.roster_root, self.policy)


class Request(NamedTuple):
    overrides: dict[str, Any]  # sample specification keys given as flags
    seed: str | None = None
    roster: Path | None = None
    months: int | None = None  # --exclude-visited-months
    dry_run: bool = False
    today: dt.date | None = None


class Outcome(NamedTuple):
    draw: Draw
    source: frames.Source
    spec: SampleSpec
    months: int
    plan: Path | None
    written: bool
    spec_recorded: bool
    windows: Windows | None = None  # rotation per level (towns, villages, households)


# --- the repository ----------------------------------------------------------------------


def open_repository(start: Path) -> Repository:
    """Settings, policy, roster path and plans of the repository around ``start``; a
    repository-less view when there is none (a draw from a roster given with --roster)."""
    if find_root(start) is None:
        return Repository(None)
    from inspectcli.pipeline import repository
    from inspectcli.pipeline.repository import Needs

    needs = Needs(frozenset({"plan"}), roster=False, valid=False)  # the frame reads the roster
    try:
        shared = repository.open_repository(start, needs=needs)
    except repository.RepositoryError as error:
        raise SampleError(t("sample-repository-invalid"), problems=error.problems) from None
    root = shared.root
    plans = {root / relative: plan for relative, plan in shared.plans.items()}
    invalid = {root / relative: problems for relative, problems in shared.invalid.items()}
    place = shared.roster_place
    roster, roster_root = (None, None) if place is None else (place.path, place.root)
    elsewhere = _visited_elsewhere(root, shared.settings.visited)
    return Repository(root, shared.policy, roster, plans, invalid, roster_root, elsewhere)


def _visited_elsewhere(root: Path, relative: str | None) -> Visited:
    """The households of the ``visited:`` CSV of inspect.yaml (none without one)."""
    if relative is None:
        return Visited({})
    path = root / relative
    try:
        raw = read_file(path, relative, limit=ROSTER_LIMIT, root=root)
    except FileProblem as error:
        raise SampleError(
            t("sample-visited-unreadable", path=relative), 1, [error.problem]
        ) from None
    found, problems = visited_ids(relative, raw)
    if problems:
        raise SampleError(t("sample-visited-unreadable", path=relative), 1, problems)
    return found


def choose_plan(repo: Repository) -> Path:
    """The one plan of the repository that has no sample yet."""
    waiting = sorted(path for path, plan in repo.plans.items() if plan.sample is None)
    waiting += sorted(repo.invalid)
    if not waiting:
        raise SampleError(t("sample-no-plan-without-sample"), 2)
    if len(waiting) > 1:
        names = enumeration(_display(p) for p in waiting)
        raise SampleError(t("sample-several-plans", count=len(waiting), plans=names), 2)
    return waiting[0]


def _display(path: Path) -> str:
    from inspectcli.repo.layout import display_path

    return display_path(path.parent, path.name)  # a symlink is named, not where it leads


def load_plan(repo: Repository, path: Path) -> PlanDocument:
    from inspectcli.model.plan import PlanDocument
    from inspectcli.pipeline.load import load_bytes

    resolved = path.resolve()
    for known, plan in repo.plans.items():
        if known.resolve() == resolved:
            return plan
    try:
        raw = read_file(path, _display(path), limit=YAML_LIMIT)
    except FileProblem as error:
        if error.missing:
            raise SampleError(t("path-not-found", path=path), 2) from None
        raise
    loaded = load_bytes(_display(path), raw)
    if isinstance(loaded.model, PlanDocument) and not errors(loaded.problems):
        return loaded.model
    problems = errors(loaded.problems) or loaded.problems
    raise SampleError(t("sample-plan-invalid", path=_display(path)), 1, problems)


# --- the roster --------------------------------------------------------------------------


def load_source(
    path: Path | None,
    counties: tuple[str, ...],
    root: Path | None = None,
    policy: Policy | None = None,
) -> frames.Source:
    """The frame of ``counties`` from the roster at ``path`` (CSV or roster document),
    which may not lead out of ``root``, its categories those of ``policy``."""
    if path is None:
        raise SampleError(t("sample-no-roster"), 2)
    table = path.suffix.lower() in TABLE_SUFFIXES
    try:
        limit = ROSTER_LIMIT if table else YAML_LIMIT
        raw = read_file(path, _display(path), limit=limit, root=root)
    except FileProblem as error:
        if error.missing:
            detail = error.problem.message
            raise SampleError(t("sample-roster-unreadable", path=path, detail=detail), 2) from None
        raise
    categories = policy.category_table() if policy is not None else BUILT_IN_CATEGORIES
    if table:
        roster, problems = read_roster_table(_display(path), raw, categories)
    else:
        roster, problems = _roster_document(path, raw, categories)
    if roster is not None and policy is not None:
        problems += outside_policy(roster, policy.household_categories(), policy.name)
    stopping = errors(problems)
    if roster is None or stopping:
        head = t("sample-roster-problems", path=_display(path), count=len(stopping) or 1)
        raise SampleError(head, 1, stopping or problems)
    source = frames.from_roster(roster, counties)
    _known_counties(source, counties)
    return source


def _roster_document(
    path: Path, raw: bytes, categories: CategoryTable
) -> tuple[Roster | None, list[Problem]]:
    from inspectcli.model.roster import RosterDocument
    from inspectcli.pipeline.load import load_bytes

    loaded = load_bytes(_display(path), raw)
    if not isinstance(loaded.model, RosterDocument):
        return None, loaded.problems
    return from_document(_display(path), loaded.model, categories), loaded.problems


def _known_counties(source: frames.Source, counties: tuple[str, ...]) -> None:
    for county in counties:
        if county not in source.counties:
            hint = did_you_mean(county, list(source.counties))
            raise SampleError(t("sample-unknown-county", county=county, hint=hint))


# --- the draw ----------------------------------------------------------------------------


def _rotation(repo: Repository, request: Request) -> int:
    """The one window of --exclude-visited-months or ``rotation_months`` (0: none)."""
    if request.months is not None:
        return max(request.months, 0)
    if repo.policy is not None and repo.policy.rotation_months:
        return repo.policy.rotation_months
    return 0


def _windows(repo: Repository, request: Request) -> Windows:
    """Per level: the policy's ``rotation``, unless --exclude-visited-months is given."""
    rotation = repo.policy.rotation if repo.policy is not None else None
    if rotation is None or request.months is not None:
        months = _rotation(repo, request)
        return Windows(months, months, months)
    levels = (rotation.towns, rotation.villages, rotation.households)
    return Windows(*(FOREVER if w == "forever" else w or 0 for w in levels))


def _excluded(repo: Repository, request: Request, start: dt.date, own_id: str) -> set[str]:
    windows = _windows(repo, request)
    found = visited(repo.plans.values(), start, windows, own_id)
    return found | repo.visited.left_out(start, windows.households)


def _groups(repo: Repository) -> Groups:
    return repo.policy.category_groups() if repo.policy is not None else DEFAULT_GROUPS


def _draw(
    repo: Repository,
    source: frames.Source,
    spec: SampleSpec,
    seed: str,
    excluded: set[str],
    months: int,
) -> Draw:
    try:
        return draw_spec(source.frame, spec, seed, excluded, groups=_groups(repo))
    except Refused as refused:
        raise SampleError(refused.message) from None
    except Short as short:
        raise SampleError(
            t(
                "sample-short",
                stratum=short.stratum,
                needed=short.needed,
                available=short.available,
                total=short.total,
                excluded=short.excluded,
                months=months,
                unfit=short.unfit,
            )
        ) from None


def _policy_spec(repo: Repository) -> dict[str, Any] | None:
    return spec_dict(repo.policy.sampling) if repo.policy is not None else None


def new_seed() -> str:
    """A seed from the operating system's secure random source."""
    return secrets.token_hex(8)


def sample_plan(repo: Repository, path: Path, request: Request) -> Outcome:
    plan = load_plan(repo, path)
    if plan.sample is not None:
        message = t("sample-already-drawn", path=_display(path), seed=plan.sample.seed)
        raise SampleError(message)
    plan_spec = spec_dict(plan.sampling) if plan.sampling else None
    groups = _groups(repo)
    spec = merge_specs(_policy_spec(repo), plan_spec, request.overrides, groups=groups)
    source = repo.source(request.roster, tuple(plan.counties))
    months = _rotation(repo, request)
    excluded = _excluded(repo, request, plan.start, plan.id)
    result = _draw(repo, source, spec, request.seed or new_seed(), excluded, months)
    recorded = merge_specs(_policy_spec(repo), plan_spec, groups=groups) != spec
    if not request.dry_run:
        day = request.today or dt.date.today()
        write_sample(path, result, day, spec if recorded else None, plan)
    windows = _windows(repo, request)
    return Outcome(result, source, spec, months, path, not request.dry_run, recorded, windows)


def sample_counties(repo: Repository, counties: tuple[str, ...], request: Request) -> Outcome:
    spec = merge_specs(_policy_spec(repo), request.overrides, groups=_groups(repo))
    source = repo.source(request.roster, counties)
    months = _rotation(repo, request)
    start = request.today or dt.date.today()
    excluded = _excluded(repo, request, start + dt.timedelta(days=1), "")
    result = _draw(repo, source, spec, request.seed or new_seed(), excluded, months)
    return Outcome(result, source, spec, months, None, False, False, _windows(repo, request))


def verify_plan(repo: Repository, path: Path, roster: Path | None) -> tuple[Draw, list[str]]:
    """The recorded draw, and how a re-derivation from the roster differs from it."""
    plan = load_plan(repo, path)
    if plan.sample is None:
        raise SampleError(t("sample-not-drawn", path=_display(path)))
    plan_spec = spec_dict(plan.sampling) if plan.sampling else None
    groups = _groups(repo)
    spec = merge_specs(_policy_spec(repo), plan_spec, groups=groups)
    source = repo.source(roster, tuple(plan.counties))
    recorded = recorded_draw(plan.sample)
    sample = plan.sample
    try:
        derived = draw_spec(
            source.frame, spec, sample.seed, sample.excluded, groups=groups, method=sample.method
        )
    except Refused as refused:
        return recorded, [refused.message]
    except Short as short:
        return recorded, [
            t("verify-short", stratum=short.stratum, needed=short.needed, available=short.available)
        ]
    return recorded, differences(recorded, derived)


# --- writing -----------------------------------------------------------------------------


def write_sample(
    path: Path,
    result: Draw,
    drawn: dt.date,
    spec: SampleSpec | None,
    plan: PlanDocument | None = None,
) -> None:
    """Write the ``sample:`` block (and the specification, when flags changed it).

    With ``plan``, the plan the draw was made for: refused when the file no longer holds it
    (another command drew or changed it meanwhile), so a draw never lands on another plan."""
    from inspectcli.repo import roundtrip
    from inspectcli.repo.locked import EditRefused

    data = sample_data(result, drawn)

    def change(document: Any) -> None:
        if spec is not None:
            roundtrip.set_key(document, "sampling", _spec_node(spec), before="sample")
        roundtrip.set_key(document, "sample", _sample_node(data))

    check = None if plan is None else partial(_still_the_plan, path, plan)
    try:
        roundtrip.edit(path, change, check)
    except (EditRefused, roundtrip.RoundTripError) as error:
        raise SampleError(str(error)) from None


def _still_the_plan(path: Path, plan: PlanDocument, raw: bytes) -> None:
    """Raise unless ``raw`` is still ``plan`` without a sample (comments may have changed)."""
    from inspectcli.model.plan import PlanDocument
    from inspectcli.pipeline.load import load_bytes

    now = load_bytes(_display(path), raw).model
    if isinstance(now, PlanDocument) and now.sample is not None:
        raise SampleError(t("sample-already-drawn", path=_display(path), seed=now.sample.seed))
    if now != plan:
        raise SampleError(t("sample-plan-changed", path=_display(path)))


def _spec_node(spec: SampleSpec) -> Any:
    from inspectcli.repo import roundtrip

    data = spec_dict(spec)
    for key in ("households_per_village", "households_by_status", "households_by_category"):
        if key in data:
            data[key] = roundtrip.flow_map(data[key])
    return data


def _sample_node(data: dict[str, Any]) -> Any:
    from ruamel.yaml.comments import CommentedMap

    from inspectcli.repo import roundtrip

    node = CommentedMap()
    for key in ("seed", "method", "tool_version", "frame_sha256"):
        node[key] = roundtrip.quoted(str(data[key]))
    if "drawn" in data:
        node["drawn"] = data["drawn"]
    node["excluded"] = roundtrip.block_seq(list(data["excluded"]))
    for level in ("towns", "villages", "households"):
        items = []
        for item in data[level]:
            item = dict(item, ticket=roundtrip.quoted(item["ticket"]))
            items.append(roundtrip.flow_map(item))
        node[level] = roundtrip.block_seq(items)
    return node
