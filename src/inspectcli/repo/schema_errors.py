"""Pydantic's validation errors, translated into Problems at the right line and column.

Messages are chosen by pydantic's error ``type``, never by its English text, and the
error's ``loc`` is walked through the YAML node tree for a position.
"""

from __future__ import annotations

import types
import typing
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from inspectcli import i18n
from inspectcli.messages import did_you_mean, enumeration, t
from inspectcli.model import vocabulary
from inspectcli.model.base import IDENTIFIER_PATTERN
from inspectcli.problems import Problem, Severity
from inspectcli.repo.yamlread import locate, node_problem, problem_at

Loc = tuple[str | int, ...]


def field_path(loc: Loc) -> str:
    """``findings[3].location.county`` from ``("findings", 3, "location", "county")``."""
    text = ""
    for step in loc:
        if isinstance(step, int):
            text += f"[{step}]"
        else:
            text += f".{step}" if text else str(step)
    return text


def located(
    path: str,
    root: yaml.Node | None,
    loc: Loc,
    code: str,
    message: str,
    severity: Severity = Severity.ERROR,
    *,
    key: bool = False,
) -> Problem:
    """A problem at the node ``loc`` names (with ``key``, at its key), or at 1:1 when the
    file has no such node."""
    node = locate(root, loc, key=key) if root is not None and loc else None
    if node is None:
        return Problem(path, 1, 1, severity, code, message, field_path(loc))
    mark = node.start_mark
    return Problem(path, mark.line + 1, mark.column + 1, severity, code, message, field_path(loc))


def data_loc(data: Any, loc: tuple[Any, ...]) -> tuple[Loc, bool]:
    """``loc`` without pydantic's union and validator tags, by walking the data itself.

    The flag says whether the error is about a mapping key rather than its value.
    """
    steps: list[str | int] = []
    current = data
    for step in loc:
        if step == "[key]":
            return tuple(steps), True
        if _has(current, step):
            steps.append(step)
            current = current[step]
        elif isinstance(current, dict) and isinstance(step, str) and step == loc[-1]:
            steps.append(step)  # a missing or unknown key: it names a place in the mapping
            current = None
    return tuple(steps), False


def _has(container: Any, step: Any) -> bool:
    if isinstance(container, dict):
        return step in container
    return isinstance(container, list) and isinstance(step, int) and 0 <= step < len(container)


def translate(
    path: str, root: yaml.Node | None, data: Any, model: type[BaseModel], error: ValidationError
) -> list[Problem]:
    problems = []
    for item in error.errors(include_url=False):
        loc, about_key = data_loc(data, item["loc"])
        problems.append(_problem(path, root, data, model, item, loc, about_key))
    return problems


def _problem(
    path: str,
    root: yaml.Node | None,
    data: Any,
    model: type[BaseModel],
    item: Any,
    loc: Loc,
    about_key: bool,
) -> Problem:
    kind: str = item["type"]
    value = item.get("input")
    node = locate(root, loc, key=kind == "extra_forbidden" or about_key)
    source = node.value if isinstance(node, yaml.ScalarNode) else None
    code, message = _message(kind, value, source, item, model, loc)
    where = field_path(loc)
    if kind == "missing" and root is not None:
        node = locate(root, loc[:-1])
    if node is None:
        return problem_at(path, 1, 1, code, message, where)
    return node_problem(path, node, code, message, where)


def describe(item: Any, model: type[BaseModel], loc: Loc) -> tuple[str, str]:
    """The code and message of one pydantic error whose data has no YAML node (e.g. a
    policy merged from a preset and overrides)."""
    return _message(item["type"], item.get("input"), None, item, model, loc)


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return t("value-mapping")
    if isinstance(value, list):
        return t("value-list")
    if value is None:
        return t("value-empty")
    return f"`{value}`"


def _message(
    kind: str, value: Any, source: str | None, item: Any, model: type[BaseModel], loc: Loc
) -> tuple[str, str]:
    text = source if source is not None else str(value)
    ctx = item.get("ctx") or {}
    if kind == "extra_forbidden":
        name = str(loc[-1]) if loc else text
        hint = did_you_mean(name, allowed_keys(model, loc[:-1]))
        return "unknown-field", t("unknown-field", name=name, hint=hint)
    if kind == "missing":
        return "missing-field", t("missing-field", name=loc[-1] if loc else "?")
    if kind == "deadline_missing":  # a finding with neither a deadline nor dated measures
        return "missing-field", t("deadline-missing")
    if kind == "string_type":
        if isinstance(value, bool):
            return "wrong-type", t("expected-text-got-bool", text=text)
        if isinstance(value, int | float):
            return "wrong-type", t("expected-text-got-number", text=text)
        return "wrong-type", t("expected-text", got=_describe(value))
    if kind in (
        "date_type",
        "date_parsing",
        "date_from_datetime_inexact",
        "date_from_datetime_parsing",
    ):
        return "wrong-type", t("expected-date", text=text)
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "wrong-type", t("expected-integer", text=text)
    if kind in ("bool_type", "bool_parsing"):
        return "wrong-type", t("expected-bool", text=text)
    if kind == "literal_error":
        choices = _choices(model, loc) or str(ctx.get("expected", "?"))
        return "invalid-choice", t("expected-choice", text=text, choices=choices)
    if kind == "list_type":
        return "wrong-type", t("expected-list", got=_describe(value))
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "wrong-type", t("expected-mapping", got=_describe(value))
    if kind in ("string_too_short", "too_short"):
        return "invalid-value", t("too-short")
    if kind == "greater_than_equal":
        return "invalid-value", t("too-small", limit=ctx.get("ge"))
    if kind == "greater_than":  # PositiveInt: "at least 0" would allow the 0 it rejects
        return "invalid-value", t("too-small-exclusive", limit=ctx.get("gt"))
    if kind in ("less_than_equal", "less_than", "string_too_long", "too_long"):
        limit = ctx.get("le", ctx.get("lt", ctx.get("max_length")))
        return "invalid-value", t("too-large", limit=limit)
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == IDENTIFIER_PATTERN:
        return "invalid-value", t("bad-identifier", text=text)
    if kind == "string_pattern_mismatch":
        return "invalid-value", t("pattern", text=text, pattern=ctx.get("pattern", "?"))
    return "invalid-value", t("invalid-value", detail=item.get("msg", kind))


# --- the fields a model allows at a place, for "did you mean" ---------------------------------


def allowed_keys(model: type[BaseModel], loc: Loc) -> list[str]:
    current: Any = model
    for step in loc:
        current = _step(current, step)
    found = _unwrap(current)
    if not _is_model(found):
        return []
    return [info.alias or name for name, info in found.model_fields.items()]


def _choices(model: type[BaseModel], loc: Loc) -> str:
    """The values a ``Literal`` field at ``loc`` allows, listed in the user's language (the
    error's own list is joined with an English "or")."""
    current: Any = model
    for step in loc:
        current = _step(current, step)
    found = _unwrap(current)
    if typing.get_origin(found) is not typing.Literal:
        return ""
    values = [str(value) for value in typing.get_args(found)]
    words = vocabulary.of(values)
    listed = words.shown(values, i18n.language()) if words else values
    return enumeration(f"`{value}`" for value in listed)


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _unwrap(annotation: Any) -> Any:
    """The type inside ``Annotated[...]`` and ``X | None``."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            models = [a for a in options if _is_model(_unwrap(a))]
            annotation = (models or options)[0]  # a key can only belong to a model
        else:
            return annotation


def _step(annotation: Any, step: str | int) -> Any:
    current = _unwrap(annotation)
    if _is_model(current):
        for name, info in current.model_fields.items():
            if step in (name, info.alias):
                return info.annotation
        return None
    origin = typing.get_origin(current)
    if origin is list:
        return typing.get_args(current)[0]
    if origin is dict:
        return typing.get_args(current)[1]
    return None
