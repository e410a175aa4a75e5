"""One YAML file to one loaded document: its kind, its model, and its problems.

This stage sees one file alone, so its result depends on the file's bytes only and can
be cached by content hash. What the cross-file rules need is kept as plain ``facts``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel, ValidationError

from inspectcli.checks import facts as facts_of
from inspectcli.checks.document import RULES, personal_data_rules
from inspectcli.messages import did_you_mean, enumeration, t
from inspectcli.model import KINDS, Document
from inspectcli.model.calendar import CalendarDocument
from inspectcli.problems import Problem, errors
from inspectcli.repo.schema_errors import located, translate
from inspectcli.repo.yamlread import Parsed, parse, problem_at


class Loaded(NamedTuple):
    """A file after the one-file stage. ``model`` is None when the file is unusable."""

    path: str
    kind: str | None
    model: Document | None
    facts: Any
    problems: list[Problem]


def load_bytes(path: str, raw: bytes) -> Loaded:
    parsed = parse(path, raw)
    if parsed.data is None:
        return Loaded(path, None, None, None, parsed.problems)
    faults = parsed.problems  # of single values (see yamlread._Builder): the rest is read on
    kind, problems = _kind_of(path, parsed)
    if kind is None:
        return Loaded(path, None, None, None, faults + problems)
    model_class = KINDS[kind]
    try:
        model = model_class.model_validate(parsed.data)
    except ValidationError as error:
        problems = translate(path, parsed.root, parsed.data, model_class, error)
        return Loaded(
            path, kind, None, _partial(kind, parsed.data), faults + _besides(problems, faults)
        )
    problems = faults + _rule_problems(path, parsed, kind, model)
    # A file with a fault is not used, but its valid model still says what it refers to.
    return Loaded(path, kind, None if faults else model, facts_of.extract(kind, model), problems)


def _partial(kind: str, data: dict[str, Any]) -> Any:
    """The facts of a document that failed its schema: what its valid parts refer to."""
    if kind == "findings":
        return facts_of.partial_findings_facts(data)
    if kind == "policy":
        return facts_of.partial_policy_facts(data)
    declared = data.get("id")
    return facts_of.Unchecked(declared if isinstance(declared, str) else None)


def _besides(problems: list[Problem], faults: list[Problem]) -> list[Problem]:
    """``problems`` but those about a faulty value, which its fault already reports (an
    impossible date, kept as text, is also no date to the schema). A field missing from a
    mapping is reported at the mapping, which may carry a fault of its own (a tag)."""
    at = {(fault.line, fault.column) for fault in faults}
    return [p for p in problems if (p.line, p.column) not in at or p.code == "missing-field"]


def _at(
    path: str,
    parsed: Parsed,
    loc: tuple[str | int, ...],
    code: str,
    message: str,
    *,
    key: bool = False,
) -> Problem:
    """A problem at ``loc``, composing the node tree only now that a position is needed."""
    return located(path, parsed.root, loc, code, message, key=key)


def _kind_of(path: str, parsed: Parsed) -> tuple[str | None, list[Problem]]:
    data = parsed.data
    known = enumeration(KINDS)
    if not isinstance(data, dict):
        return None, [_at(path, parsed, (), "not-a-mapping", t("not-a-mapping"))]
    kind = data.get("kind")
    if kind is None:
        return None, [problem_at(path, 1, 1, "missing-kind", t("missing-kind", kinds=known))]
    if not isinstance(kind, str) or kind not in KINDS:
        hint = did_you_mean(str(kind), list(KINDS))
        message = t("unknown-kind", kind=kind, hint=hint, kinds=known)
        return None, [_at(path, parsed, ("kind",), "unknown-kind", message)]
    model_class = KINDS[kind]
    version = data.get("version")
    if version is not None and version not in model_class.VERSIONS:
        known_versions = enumeration(str(v) for v in model_class.VERSIONS)
        message = t("unsupported-version", kind=kind, version=version, known=known_versions)
        return None, [_at(path, parsed, ("version",), "unsupported-version", message)]
    return kind, []


def _rule_problems(path: str, parsed: Parsed, kind: str, model: BaseModel) -> list[Problem]:
    rules = RULES.get(kind)
    violations = list(rules(model)) if rules is not None else []
    violations += personal_data_rules(parsed.data)
    problems = []
    for violation in violations:
        problem = _at(
            path, parsed, violation.loc, violation.code, violation.message, key=violation.key
        )
        problems.append(problem._replace(severity=violation.severity))
    return problems


def read_calendar_file(path: Path) -> tuple[CalendarDocument | None, list[Problem]]:
    """The calendar document in ``path``, or the problems (with line and column) that stop it."""
    from inspectcli.repo.fileread import YAML_LIMIT, read_file

    loaded = load_bytes(str(path), read_file(path, str(path), limit=YAML_LIMIT))
    if loaded.kind not in (None, "calendar"):
        message = t("calendar-not-a-calendar", kind=loaded.kind)
        return None, [problem_at(str(path), 1, 1, "calendar-not-a-calendar", message)]
    if not isinstance(loaded.model, CalendarDocument) or errors(loaded.problems):
        return None, loaded.problems
    return loaded.model, loaded.problems
