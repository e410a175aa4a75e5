"""``inspect import findings``: a problem list into the findings file of its county.

The file is the county's findings file of the round (a new one, from the same scaffold as
``inspect new-findings``, when there is none). The edit goes through ``locked.edit_file``:
under the file's lock, applied to the bytes read there, and only when the result reads
without errors; a list with any error at a cell changes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from inspectcli.messages import t
from inspectcli.model.findings import FindingsDocument
from inspectcli.model.plan import PlanDocument
from inspectcli.pipeline.load import load_bytes
from inspectcli.pipeline.repository import Repository
from inspectcli.problems import Problem, errors
from inspectcli.repo.fileread import YAML_LIMIT, read_file
from inspectcli.repo.locked import edit_file
from inspectcli.repo.roundtrip import line_end_of, with_line_ends
from inspectcli.sheets.grid import Grid
from inspectcli.sheets.merge import Merged, merge
from inspectcli.sheets.problemlist import Round, read_findings


class ImportRefused(Exception):
    """Nothing was written; ``problems`` say why (at cells, or in the findings file)."""

    def __init__(self, problems: list[Problem], message: str = "") -> None:
        super().__init__(message or f"{len(problems)} problem(s)")
        self.problems = problems


class Imported(NamedTuple):
    path: Path
    merged: Merged
    created: bool
    warnings: list[Problem]


def target_of(repository: Repository, plan: PlanDocument, county: str) -> Path:
    """The county's findings file of the round, else where ``inspect new-findings`` puts it."""
    for relative, document in repository.findings.items():
        if document.plan == plan.id and document.county == county:
            return repository.root / relative
    return repository.root / "findings" / f"{plan.id}-{county}.yaml"


def import_findings(
    repository: Repository,
    plan: PlanDocument,
    county: str,
    grid: Grid,
    target: Path,
    *,
    dry_run: bool = False,
) -> Imported:
    round_ = Round(
        plan, county, repository.policy, repository.roster, repository.settings.sheets.headers
    )
    found = read_findings(grid, round_)
    if errors(found.problems):
        raise ImportRefused(found.problems)
    warnings = found.problems
    made: list[Merged] = []

    def apply(raw: bytes) -> bytes:
        merged = merge(target, raw, found.findings)
        _check(target, merged.after, plan, county)
        made[:] = [merged]
        return with_line_ends(merged.after, line_end_of(raw))

    created = not target.exists()
    if created:
        raw = _scaffold(repository, plan, county, target)
        data = apply(raw)
        if not dry_run:
            from inspectcli.output.files import write_atomic

            write_atomic(target, data, replace=False)
    elif dry_run:
        apply(read_file(target, str(target), limit=YAML_LIMIT))
    else:
        edit_file(target, apply)
    return Imported(target, made[0], created, warnings)


def _scaffold(repository: Repository, plan: PlanDocument, county: str, target: Path) -> bytes:
    """The text ``inspect new-findings`` would write at ``target``."""
    import os

    from inspectcli.scaffold.findings import latest_letter, render_findings

    folder = target.parent.resolve() if target.parent.exists() else target.parent
    schema = Path(os.path.relpath(repository.root / "schemas" / "findings.schema.json", folder))
    letter = latest_letter(repository.findings.values(), county)
    text = render_findings(plan, county, schema.as_posix(), repository.roster, letter)
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("findings:"))
    # The problems come from the list: no example to copy, no `[]` to delete.
    lines[start:] = ["findings:                       # 问题清单：由 inspect import findings 导入"]
    return ("\n".join(lines) + "\n").encode()


def _check(target: Path, text: str, plan: PlanDocument, county: str) -> None:
    """Refuse a findings file that would not read, or that is another round's or county's."""
    loaded = load_bytes(target.as_posix(), text.encode())
    bad = errors(loaded.problems)
    if bad:
        raise ImportRefused(bad, t("tracking-would-be-invalid", path=target))
    document = loaded.model
    if isinstance(document, FindingsDocument) and (
        document.plan != plan.id or document.county != county
    ):
        message = t(
            "import-other-round", path=target, plan=document.plan, county=document.county or ""
        )
        raise ImportRefused([], message)
