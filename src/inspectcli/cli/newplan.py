"""`inspect new-plan`: the plan of a round, from the policy and flags, as a commented file."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

import typer

from inspectcli.cli.conventions import choice
from inspectcli.cli.dates import parse_date
from inspectcli.cli.help import example
from inspectcli.cli.prompts import Check, Invalid, a_date, a_date_after, ask_missing, listed, one_of
from inspectcli.messages import bad_choice, did_you_mean, t
from inspectcli.model import vocabulary
from inspectcli.output import say

# The values of the plan's fields (model.plan.PlanDocument); a test keeps them the same.
Kind = Literal["supervision", "patrol"]
Scope = Literal["comprehensive", "special"]
Mode = Literal["announced", "unannounced"]

# Option name → catalogue key of its prompt, in the order they are asked for.
REQUIRED = {
    name: f"prompt-{name}" for name in ("group", "leader", "counties", "start", "end", "kind")
}


def _split(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").replace("，", ",").split(",") if part.strip()]


def _quote(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(_quote(i) for i in items) + "]"


def _sampling_lines(policy: Any) -> list[str]:
    if policy is None:
        return []
    spec = policy.sampling.model_dump(exclude_none=True)
    source = spec.pop("source", None)
    if not spec:
        return []
    lines = [f"# Sampling: the minimums of policy `{policy.name}`; raise them for this round."]
    lines.append("sampling:")
    for key, value in spec.items():
        if isinstance(value, dict):
            inner = ", ".join(f"{k}: {v}" for k, v in value.items())
            lines.append(f"  {key}: {{{inner}}}")
        else:
            lines.append(f"  {key}: {value}")
    if source:
        lines.append(f"  source: {_quote(source)}")
    return lines


def _note(line: str, comment: str) -> str:
    return f"{line:<29} # {comment}"


def _liaison_note(policy: Any) -> str:
    """The policy's own rule on liaisons, when it has one."""
    source = getattr(policy, "liaison_per_county", None)
    if source:
        return f"one liaison per county (policy {policy.name}, {source})"
    return "county: liaison"


def render_plan(values: dict[str, Any], policy: Any, schema: str) -> str:
    """The plan file: kind and version first, a comment for each part."""
    liaisons = values["liaisons"]
    lines = [
        f"# yaml-language-server: $schema={schema}",
        f"# Plan of round {values['id']}: written by `inspect new-plan`; edit freely.",
        "kind: plan",
        "version: 1",
        f"id: {_quote(values['id'])}",
        _note(f"type: {values['kind']}", "supervision (督查) or patrol (巡查)"),
        _note(f"scope: {values['scope']}", "comprehensive (综合) or special (专项)"),
        _note(f"mode: {values['mode']}", "announced (明察) or unannounced (暗访)"),
        "group:",
        f"  name: {_quote(values['group'])}",
        f"  leader: {_quote(values['leader'])}",
        f"  members: {_flow(values['members'])}",
        _note("  liaisons:", _liaison_note(policy)),
    ]
    lines += [f"    {_quote(county)}: {_quote(name)}" for county, name in liaisons.items()]
    if not liaisons:
        lines[-1] = _note("  liaisons: {}", _liaison_note(policy))
    lines += [
        f"counties: {_flow(values['counties'])}",
        f"start: {values['start'].isoformat()}",
        f"end: {values['end'].isoformat()}",
        _note(f"content: {_flow(values['content'])}", "codes of the policy's catalogue"),
        _note("methods: []", "e.g. household-visit, document-review, interview"),
    ]
    lines += _sampling_lines(policy)
    method = policy.sampling.wanted_method() if policy is not None else "v1"
    lines.append(f"# The sample is drawn and recorded by `inspect sample` (method {method}).")
    return "\n".join(lines) + "\n"


def open_for_writing(
    root: Path | None,
    kinds: frozenset[str] = frozenset(),
    heading: str = "newplan-repository-invalid",
) -> Any:
    """The settings, the policy (whose sampling minimums the plan starts from), the
    documents of ``kinds`` that read without errors and, when it reads without errors, the
    roster; exit 1 (nothing written, message ``heading``) when the repository's settings or
    policy have errors."""
    if root is None:
        return None
    from inspectcli.output.problems import parsable
    from inspectcli.pipeline.repository import Needs, RepositoryError, open_repository

    try:
        return open_repository(root, needs=Needs(kinds, roster=True, valid=False))
    except RepositoryError:
        pass  # perhaps the roster: then its counties go unchecked, `inspect validate` names them
    try:
        return open_repository(root, needs=Needs(kinds, roster=False, valid=False))
    except RepositoryError as error:
        lines = [t(heading), *(parsable(p) for p in error.problems)]
        typer.echo("\n".join(lines), err=True)
        raise typer.Exit(1) from None


def _check_references(repository: Any, counties: list[str], content: list[str]) -> None:
    """Counties the roster has and content codes the policy's catalogue has, else exit 2
    naming the option: a plan written with them would fail `inspect validate` at once."""
    if repository is None:
        return
    policy = repository.policy
    codes = list(policy.codes())
    wrong = [
        (
            "--content",
            t("unknown-content-code", code=c, policy=policy.name, hint=did_you_mean(c, codes)),
        )
        for c in content
        if c not in codes
    ]
    if repository.roster is not None:
        known = list(repository.roster.tree)
        wrong += [
            ("--counties", t("unknown-county", county=c, hint=did_you_mean(c, known)))
            for c in counties
            if c not in known
        ]
    for option, message in wrong:
        typer.echo(t("newplan-bad-reference", option=option, message=message), err=True)
    if wrong:
        raise typer.Exit(2)


def check_written(text: str, path: Path, heading: str = "newplan-invalid") -> None:
    """Exit 2 when the file about to be written would not validate (message ``heading``)."""
    from inspectcli.pipeline.load import load_bytes
    from inspectcli.problems import errors

    problems = errors(load_bytes(path.as_posix(), text.encode()).problems)
    if problems:
        lines = [t(heading)] + [f"  {p.line}:{p.column}: {p.message}" for p in problems]
        typer.echo("\n".join(lines), err=True)
        raise typer.Exit(2)


def _check_choices(values: dict[str, str]) -> None:
    """Each value one the plan's field takes (its schema says which), else exit 2 naming
    the option: not a problem at a line of a file that does not exist yet."""
    from typing import get_args

    from inspectcli.model.plan import PlanDocument

    for field, value in values.items():
        choices = get_args(PlanDocument.model_fields[field].annotation)
        if value not in choices:
            option = "--kind" if field == "type" else f"--{field}"
            typer.echo(bad_choice(value, option, choices), err=True)
            raise typer.Exit(2)


def _check_id(plan_id: str) -> None:
    """An id the plan's schema takes, else exit 2 naming ``--id``: `.g9` would be a hidden
    file no command reads, a control character would reach every terminal showing it."""
    from pydantic import TypeAdapter, ValidationError

    from inspectcli.model.base import Identifier
    from inspectcli.output.escape import visible

    try:
        TypeAdapter(Identifier).validate_python(plan_id)
    except ValidationError:
        message = t("bad-identifier", text=visible(plan_id))
        typer.echo(t("newplan-bad-reference", option="--id", message=message), err=True)
        raise typer.Exit(2) from None


def line_end_of_repository(root: Path | None, folder: Path, kind: str = "plan") -> str:
    """The line end of the files of ``kind`` already in ``folder`` (an office on Windows
    saves CRLF), else of inspect.yaml; LF outside a repository. A new file then looks like
    the others."""
    from inspectcli.pipeline.repository import sniff_kind
    from inspectcli.repo.fileread import YAML_LIMIT, FileProblem, read_file
    from inspectcli.repo.layout import SETTINGS_FILE
    from inspectcli.repo.roundtrip import line_end

    def is_plan(path: Path) -> bool:
        try:
            return sniff_kind(read_file(path, str(path), limit=YAML_LIMIT)) == kind
        except FileProblem:  # not ours to judge here: validate says what is wrong with it
            return False

    plans = (path for path in sorted(folder.glob("*.yaml")) if is_plan(path))
    plan = next(plans, None)
    if plan is not None:
        return line_end(plan)
    return line_end(root / SETTINGS_FILE) if root is not None else "\n"


def _checks(repository: Any) -> dict[str, Check]:
    """How each answer typed at a prompt is judged, as soon as it is typed."""
    known = list(repository.roster.tree) if repository and repository.roster else None

    def counties(answer: str, before: Mapping[str, str]) -> str:
        wrong = [c for c in _split(answer) if known is not None and c not in known]
        if wrong:
            reasons = (
                t("unknown-county", county=c, hint=did_you_mean(c, known or [])) for c in wrong
            )
            raise Invalid(t("separator").join(reasons))
        return answer

    return {
        "counties": counties,
        "start": a_date,
        "end": a_date_after("start"),
        "kind": one_of(vocabulary.KIND, get_args(Kind)),
    }


def _liaisons(text: str | None) -> dict[str, str]:
    pairs = (part.partition("=") for part in _split(text))
    return {county.strip(): name.strip() for county, _, name in pairs if name.strip()}


def new_plan_command(
    group: Annotated[str | None, typer.Option("--group", help="Group name.")] = None,
    leader: Annotated[str | None, typer.Option("--leader", help="Group leader.")] = None,
    members: Annotated[str | None, typer.Option("--members", help="Comma-separated.")] = None,
    liaisons: Annotated[
        str | None, typer.Option("--liaisons", help="county=name,… one per county.")
    ] = None,
    counties: Annotated[str | None, typer.Option("--counties", help="Comma-separated.")] = None,
    start: Annotated[str | None, typer.Option("--start", help="YYYY-MM-DD.")] = None,
    end: Annotated[str | None, typer.Option("--end", help="YYYY-MM-DD.")] = None,
    kind: Annotated[Kind | None, choice(Kind, "--kind", help="The type of the round.")] = None,
    content: Annotated[
        str | None, typer.Option("--content", help="Catalogue codes, comma-separated.")
    ] = None,
    scope: Annotated[Scope, choice(Scope, "--scope", help="The scope of the round.")] = "special",
    mode: Annotated[Mode, choice(Mode, "--mode", help="Announced or not.")] = "announced",
    plan_id: Annotated[
        str | None, typer.Option("--id", help="Id of the round; default: start date and group.")
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="FILE",
            help="File to write (default: plans/ID.yaml); - prints the plan instead.",
        ),
    ] = None,
) -> None:
    """Create the plan of a round; asks for what is missing when run in a terminal.

    The sample specification defaults to the policy's minimums. Never overwrites a file.
    """
    from inspectcli.repo.layout import find_root

    root = find_root(out.parent if out else Path.cwd())
    repository = open_for_writing(root)  # first: the counties typed are checked against it
    given = {"group": group, "leader": leader, "counties": counties, "start": start}
    filled = ask_missing(
        {**given, "end": end, "kind": kind},
        REQUIRED,
        "newplan-missing",
        checks=_checks(repository),
        shown={"kind": {"choices": listed(vocabulary.KIND, get_args(Kind))}},
    )
    _check_choices({"type": filled["kind"], "scope": scope, "mode": mode})
    first = parse_date(filled["start"])
    if plan_id is None:
        plan_id = f"{first.isoformat()}-{''.join(filled['group'].split())}"
    else:
        _check_id(plan_id)
    target = out or (root or Path.cwd()) / "plans" / f"{plan_id}.yaml"
    if target.exists() and not say.is_stdout(out):
        typer.echo(t("newplan-exists", path=target), err=True)
        raise typer.Exit(1)
    values = {
        **filled,
        "id": plan_id,
        "scope": scope,
        "mode": mode,
        "members": _split(members),
        "liaisons": _liaisons(liaisons),
        "counties": _split(filled["counties"]),
        "start": first,
        "end": parse_date(filled["end"]),
        "content": _split(content),
    }
    schema = os.path.relpath(
        (root or target.parent) / "schemas" / "plan.schema.json",
        target.parent.resolve() if target.parent.exists() else target.parent,
    )
    _check_references(repository, _split(filled["counties"]), _split(content))
    policy = repository.policy if repository is not None else None
    text = render_plan(values, policy, Path(schema).as_posix())
    check_written(text, target)
    from inspectcli.output.files import write_atomic
    from inspectcli.repo.roundtrip import with_line_ends

    data = with_line_ends(text, line_end_of_repository(root, target.parent))
    if say.is_stdout(out):
        typer.echo(data.decode(), nl=False)
        return
    try:
        write_atomic(target, data, replace=False)  # never overwrite, never half a file
    except FileExistsError:
        typer.echo(t("newplan-exists", path=target), err=True)
        raise typer.Exit(1) from None
    say.note(t("newplan-written", path=target))


def register(app: typer.Typer) -> None:
    epilog = example(
        "the plan of a two-day supervision round of one group in one county:",
        "inspect new-plan --group 第一督查组 --leader 韦嘉禾 --counties 禾城区 \\",
        "  --start 2026-10-12 --end 2026-10-13 --kind supervision --content 02,0302",
    )
    app.command("new-plan", epilog=epilog)(new_plan_command)
