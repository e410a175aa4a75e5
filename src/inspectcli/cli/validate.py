"""`inspect validate`: schema and cross-file checks of a case repository."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from inspectcli.cli.conventions import choice
from inspectcli.cli.errors import internal_error
from inspectcli.cli.help import example
from inspectcli.messages import enumeration, t
from inspectcli.output import say
from inspectcli.problems import Problem

if TYPE_CHECKING:
    from inspectcli.pipeline.validate import Outcome

# The formats of output.problems (FORMAT_NAMES); a test keeps the two the same.
Format = Literal["text", "json", "github", "junit", "sarif", "gitlab", "parsable"]


def _default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def validate_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders to check; default: the repository around the current folder."
        ),
    ] = None,
    output_format: Annotated[
        Format | None,
        choice(
            Format,
            "--format",
            "-f",
            help="text, json, github, junit, sarif, gitlab or parsable "
            "(default: text; github under GitHub Actions).",
        ),
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Check every file afresh.")] = False,
    cache_dir: Annotated[
        Path | None, typer.Option("--cache-dir", help="Where to keep the cache.")
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", help="Worker processes (default: all cores).")
    ] = None,
    changed_since: Annotated[
        str | None,
        typer.Option(
            "--changed-since",
            metavar="REF",
            help="Check only the files changed since the git revision REF (committed, staged, "
            "unstaged or new) and the files they affect.",
        ),
    ] = None,
    history: Annotated[
        bool,
        typer.Option(
            "--history",
            help="Also read the git history: a record dated more than the policy's "
            "`rectification.backdating_days` working days (default 10) before the commit that "
            "introduced it (`backdated-record`), and a committed record later changed or "
            "removed (`rewritten-record`). Warnings unless the policy's "
            "`rectification.history_errors`.",
        ),
    ] = False,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="REF",
            help="With --history: only the commits after the git revision REF.",
        ),
    ] = None,
) -> None:
    """Check every case file: YAML, schema, and the rules across files.

    Exit code 0: no errors; 1: errors found; 2: usage or internal error.
    """
    from inspectcli.pipeline.cache import default_dir

    chosen = output_format or _default_format()
    targets = paths or [Path.cwd()]
    for target in targets:
        if not target.exists():
            typer.echo(t("path-not-found", path=target), err=True)
            raise typer.Exit(2)
    if since is not None and not history:
        typer.echo(t("history-since-alone"), err=True)
        raise typer.Exit(2)
    directory = None if no_cache else (cache_dir or default_dir())
    say_cache(directory)
    runs = _runs(targets, separate=chosen == "text")
    failed = False
    for run in runs:
        if len(runs) > 1:
            typer.echo(t("validate-repository-heading", path=_shown_folder(run[0])))
        outcome = _check(run, chosen, directory, jobs, changed_since, history, since)
        failed = _print(outcome, chosen, directory) or failed
    raise typer.Exit(1 if failed else 0)


# More repositories below a folder than an office keeps side by side: name a few, refuse.
MANY_REPOSITORIES = 20


def _runs(targets: list[Path], *, separate: bool) -> list[list[Path]]:
    """The targets, checked in one run; a folder outside any repository stands for the
    repositories below it, named on stderr, each in its own run when ``separate``."""
    from inspectcli.repo.layout import find_repositories, find_root

    expanded: list[Path] = []
    found_any = False
    for target in targets:
        found = [] if find_root(target) or not target.is_dir() else find_repositories(target)
        if not found:
            expanded.append(target)
            continue
        found_any = True
        if len(found) > MANY_REPOSITORIES:  # /tmp of a test machine: surely not meant
            names = enumeration(_shown_folder(r) for r in found[: MANY_REPOSITORIES // 4])
            typer.echo(
                t("validate-too-many-below", path=target, count=len(found), names=names), err=True
            )
            raise typer.Exit(2)
        names = enumeration(_shown_folder(repository) for repository in found)
        say.note(t("validate-repositories-below", path=target, count=len(found), names=names))
        expanded += found
    return [[target] for target in expanded] if separate and found_any else [expanded]


def _shown_folder(folder: Path) -> str:
    from inspectcli.repo.layout import display_path

    return display_path(folder.parent, folder.name)


def _check(
    targets: list[Path],
    chosen: str,
    directory: Path | None,
    jobs: int | None,
    changed_since: str | None,
    history: bool,
    since: str | None,
) -> Outcome:
    from inspectcli.pipeline.changes import ChangesError
    from inspectcli.pipeline.validate import validate

    try:
        outcome = validate(
            targets,
            cache_dir=directory,
            jobs=jobs,
            progress_start=_progress_bar(chosen),
            changed_since=changed_since,
        )
    except ChangesError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    except Exception as error:  # a bug of ours
        internal_error(error)
    if history:
        outcome = outcome._replace(problems=outcome.problems + _history(targets, since))
    return outcome


def _print(outcome: Outcome, chosen: str, directory: Path | None) -> bool:
    """Write the outcome in the chosen format; whether it holds an error."""
    from inspectcli.output.problems import formatted, print_text
    from inspectcli.problems import exit_code

    say.detail(t("verbose-read", files=outcome.files))
    if directory is not None and outcome.reused is not None:
        loaded = max(outcome.files - outcome.reused, 0)
        say.detail(t("verbose-cache-hits", hits=outcome.reused, loaded=loaded))
    if chosen == "text":
        print_text(outcome.problems, outcome.files)
    else:
        sys.stdout.write(formatted(chosen, outcome.problems, outcome.files, outcome.checked))
    return exit_code(outcome.problems) != 0


def _history(targets: list[Path], since: str | None) -> list[Problem]:
    """The backdated and rewritten records of each repository around ``targets``, with
    paths as validate shows them; outside git, say so and stop (exit code 1)."""
    from inspectcli.pipeline.changes import ChangesError
    from inspectcli.repo.layout import display_path, find_root
    from inspectcli.tracking.history import audit

    roots = dict.fromkeys(root for root in map(find_root, targets) if root is not None)
    found: list[Problem] = []
    for root in roots:
        try:
            problems = audit(root, since)
        except ChangesError as error:
            typer.echo(str(error), err=True)
            raise typer.Exit(1) from None
        found += [p._replace(path=display_path(root, p.path)) for p in problems]
    return found


def say_cache(directory: Path | None) -> None:
    """With --verbose: where the cache is, or that it is not used."""
    if directory is None:
        say.detail(t("verbose-no-cache"))
    else:
        say.detail(t("verbose-cache", path=directory))


def _progress_bar(chosen: str):  # type: ignore[no-untyped-def]
    """A progress bar on stderr for long loads, only where someone is watching."""
    if chosen != "text" or not sys.stderr.isatty():
        return None
    from inspectcli.output.progress import progress_factory

    return progress_factory(t("validate-progress"))


def register(app: typer.Typer) -> None:
    epilog = example(
        "check the example repository, as annotations of a GitHub pull request; then only "
        "what changed since the main branch:",
        "inspect validate examples --format github",
        "inspect validate --changed-since origin/main",
    )
    app.command("validate", epilog=epilog)(validate_command)
