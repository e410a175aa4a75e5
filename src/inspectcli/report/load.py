"""The input of `inspect report`, through the validation pipeline every command uses.

``open_repository`` builds a pydantic model of every finding in one process; on a
province's repository that takes more than twice as long as `inspect validate`. A report
runs validate's own scan and one-file stage (``pipeline.validate.scan``, ``load_entries``:
``pipeline.load.load_bytes`` on both cores, see ``records.report_entry``), keeps of each file
only what a report needs, in the pipeline's content-hash cache under a name of its own, and
resolves settings, policy and roster as ``open_repository`` does
(``pipeline.repository.settings_in``, ``policy_and_roster``). Like ``open_repository`` it
acts only on a repository whose files are free of errors.

``from_repository`` makes the same input from a repository already open, for the
documents (`inspect render-bulletin`, `render-report`) that need its models anyway.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from inspectcli.messages import t
from inspectcli.model import KINDS
from inspectcli.model.policy import Policy
from inspectcli.pipeline.cache import Cache, Entry, model_facts
from inspectcli.pipeline.repository import (
    Repository,
    RepositoryError,
    policy_and_roster,
    problem_in,
    settings_in,
    unknown_plan_problem,
)
from inspectcli.problems import Problem
from inspectcli.repo.roster import Roster
from inspectcli.report.model import Report
from inspectcli.report.records import (
    MISSED_PREFIX,
    FindingsRecord,
    PlanRecord,
    findings_record,
    plan_record,
)

# The input's digest, the options (``report.compute.Options``: a stable repr) and the name.
ProductKey = tuple[bytes, object, str]


class _Product(NamedTuple):
    """A report as made last: for the terminal, or rendered as text or as bytes."""

    key: str  # hex digest of the input, the options and the product's name
    report: Report | None = None
    text: str | None = None
    data: str | None = None  # bytes (a spreadsheet) in base64


class ReportCache(Cache):
    """Validate's cache layout under a name of its own: its entries hold report records."""

    FACTS = (
        ("findings", FindingsRecord),
        ("plan", PlanRecord),
        *model_facts(KINDS).items(),
    )

    def __init__(self, directory: Path | None, root: Path) -> None:
        super().__init__(directory, root)
        self.stem += "-report"

    def report(self, key: ProductKey) -> Any:
        """The report last made, when it was made from the same input and options (of the
        type the product's ``render`` returns)."""
        stored = self._read("report", _Product)
        if stored is None or stored.key != _product_key(key):
            return None
        if stored.data is not None:
            try:
                return base64.b64decode(stored.data, validate=True)
            except ValueError:  # not base64: a miss
                return None
        return stored.report or stored.text

    def save_report(self, key: ProductKey, report: object) -> None:
        product = _Product(_product_key(key))
        if isinstance(report, Report):
            product = product._replace(report=report)
        elif isinstance(report, str):
            product = product._replace(text=report)
        elif isinstance(report, bytes):
            product = product._replace(data=base64.b64encode(report).decode("ascii"))
        else:
            return  # a product that is not data is made again next time
        self._write("report", _Product, product)


def _product_key(key: ProductKey) -> str:
    found, options, name = key
    text = repr((options, name)).encode()
    return hashlib.blake2b(found + b"\0" + text, digest_size=16).hexdigest()


@dataclass
class ReportInput:
    """What the one computation of a report works on."""

    root: Path
    authority: str
    policy: Policy
    roster: Roster | None
    plans: dict[str, PlanRecord] = field(default_factory=dict)  # plan id → plan
    findings: list[tuple[str, FindingsRecord]] = field(default_factory=list)  # path, list


def assemble(root: Path, entries: dict[str, Entry]) -> ReportInput:
    """The input of a report from every file's entry; RepositoryError when unusable."""
    problems = [p for entry in entries.values() for p in entry.problems]
    if problems:
        raise RepositoryError(sorted(problems, key=Problem.sort_key))
    loaded = {path: entry.facts for path, entry in entries.items()}
    settings = settings_in(loaded)
    policy, roster, stopping = policy_and_roster(root, settings, loaded)
    if stopping or policy is None:  # a warning (an extra column) is validate's to show
        raise RepositoryError(stopping)
    found = ReportInput(root, settings.authority.name, policy, roster)
    for path, facts in loaded.items():
        if isinstance(facts, PlanRecord):
            found.plans[facts.id] = facts
        elif isinstance(facts, FindingsRecord):
            found.findings.append((path, facts))
    _check(found)
    return found


def from_repository(repository: Repository, plan_ids: Collection[str]) -> ReportInput:
    """The input of a report on the rounds ``plan_ids`` of an open repository: the records
    ``report_entry`` keeps, made from the models already loaded, so that a document counts
    with the report's own computation instead of reading every file again."""
    found = ReportInput(
        repository.root, repository.settings.authority.name, repository.policy, repository.roster
    )
    for plan in repository.plans.values():
        if plan.id in plan_ids:
            found.plans[plan.id] = plan_record(plan)
    for path, document in repository.findings.items():
        if document.plan in plan_ids:
            found.findings.append((path, findings_record(document)))
    return found


def _check(found: ReportInput) -> None:
    """What a report cannot count without: the round of each list, and the roster's entry
    for the household of each finding tagged for accountability (Suzhou art. 39 counts
    households and their people). A tagged finding that names no household is already an
    error of its file (`tag-without-household`, a rule of ``checks.document``)."""
    problems = []
    for path, record in found.findings:
        if record.plan not in found.plans:
            plan_ids = list(found.plans)
            problems.append(unknown_plan_problem(found.root, path, record.plan, plan_ids))
        for finding in record.findings:
            if not finding.tags or finding.household is None or found.roster is None:
                continue
            missed = finding.household.startswith(MISSED_PREFIX)  # 漏评: not in the register
            if not missed and finding.household not in found.roster.households:
                loc: tuple[str | int, ...] = ("findings", finding.position, "tags")
                message = t("report-tag-unknown-household", household=finding.household)
                problems.append(problem_in(found.root, path, loc, "report-tag-household", message))
    if problems:
        raise RepositoryError(problems)
