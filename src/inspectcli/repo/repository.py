"""The whole case repository as models, for the commands that work on it (deadlines,
reports, letters, sampling). ``inspect validate`` has its own faster path over facts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from inspectcli.model.calendar import CalendarDocument
from inspectcli.model.findings import FindingsDocument
from inspectcli.model.plan import PlanDocument
from inspectcli.model.policy import Policy, PolicyDocument
from inspectcli.model.roster import RosterDocument
from inspectcli.model.settings import SettingsDocument
from inspectcli.problems import Problem, Severity, errors
from inspectcli.repo.crossfile import locate_all
from inspectcli.repo.load import load_bytes
from inspectcli.repo.policy import resolve_policy
from inspectcli.repo.roster import Roster, from_document, read_csv
from inspectcli.repo.validate import SETTINGS_FILE, discover, find_root


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

    def plan(self, plan_id: str) -> PlanDocument | None:
        return next((p for p in self.plans.values() if p.id == plan_id), None)

    def path_of(self, document: object) -> Path:
        """The absolute path of a loaded plan or findings document."""
        for documents in (self.plans, self.findings, self.calendars):
            for relative, candidate in documents.items():
                if candidate is document:
                    return self.root / relative
        raise KeyError("document not loaded from this repository")


def open_repository(start: Path, *, roster_override: Path | None = None) -> Repository:
    """Load every document of the repository around ``start``.

    Raises RepositoryError when the settings, the policy, the roster or any document has
    errors: commands that act on a repository act only on a valid one (`inspect validate`
    says what to fix).
    """
    root = find_root(start)
    if root is None:
        from inspectcli.messages import t

        message = t("no-settings", path=start)
        raise RepositoryError([Problem(str(start), 0, 0, Severity.ERROR, "no-settings", message)])
    problems: list[Problem] = []
    loaded = {}
    for relative in discover(root):
        result = load_bytes(relative, (root / relative).read_bytes())
        problems += errors(result.problems)
        loaded[relative] = result.model
    settings = loaded.get(SETTINGS_FILE)
    if not isinstance(settings, SettingsDocument):
        raise RepositoryError(problems or [_missing_settings(root)])
    repo_policies = {m.name: m for m in loaded.values() if isinstance(m, PolicyDocument)}
    policy, violations = resolve_policy(settings, dict(repo_policies))
    problems += errors(locate_all(root, violations))
    roster, roster_problems = _roster(root, settings, loaded, roster_override)
    problems += errors(roster_problems)
    if problems or policy is None:
        raise RepositoryError(problems)
    repository = Repository(root, settings, policy, roster)
    for relative, model in loaded.items():
        if isinstance(model, PlanDocument):
            repository.plans[relative] = model
        elif isinstance(model, FindingsDocument):
            repository.findings[relative] = model
        elif isinstance(model, CalendarDocument):
            repository.calendars[relative] = model
    return repository


def _missing_settings(root: Path) -> Problem:
    from inspectcli.messages import t

    return Problem(SETTINGS_FILE, 0, 0, Severity.ERROR, "settings-missing", t("settings-missing"))


def _roster(
    root: Path, settings: SettingsDocument, loaded: Mapping[str, object], override: Path | None
) -> tuple[Roster | None, list[Problem]]:
    if override is not None:
        return _read_roster_file(override, override.as_posix(), loaded.get(override.as_posix()))
    if settings.roster is None:
        return None, []
    return _read_roster_file(root / settings.roster, settings.roster, loaded.get(settings.roster))


def _read_roster_file(
    path: Path, display: str, model: object
) -> tuple[Roster | None, list[Problem]]:
    if isinstance(model, RosterDocument):
        return from_document(display, model), []
    if path.suffix == ".csv":
        try:
            return read_csv(display, path.read_bytes())
        except OSError:
            pass
    if path.suffix in (".yaml", ".yml") and path.is_file():
        result = load_bytes(display, path.read_bytes())
        if isinstance(result.model, RosterDocument):
            return from_document(display, result.model), result.problems
        return None, result.problems
    from inspectcli.messages import t

    message = t("no-roster", path=display)
    return None, [Problem(SETTINGS_FILE, 0, 0, Severity.ERROR, "no-roster", message, "roster")]
