"""Where the running copy of inspectcli was installed from, as a pip requirement that a CI
runner can install too (PEP 610 ``direct_url.json``).

A copy from a package index becomes ``inspectcli==VERSION``; one from a git repository its
URL pinned at the installed commit; one from a remote archive its URL (with its hash when
pip recorded one). A local folder, an editable checkout or a local wheel does not exist on
the runner: that source is unknown, and ``inspect init`` asks for ``--install``.
"""

from __future__ import annotations

import json
from importlib import metadata
from typing import Any
from urllib.parse import urlsplit

from inspectcli import __version__
from inspectcli.messages import t

DISTRIBUTION = "inspectcli"


class UnknownSource(Exception):
    """The source cannot be told; ``why`` says what was found instead, for the user."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


def running_install_spec() -> str:
    """The pip requirement that installs this copy again, or :class:`UnknownSource`."""
    try:
        distribution = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        raise UnknownSource(t("install-source-no-metadata")) from None
    if distribution.version != __version__:  # run from a source tree beside another copy
        raise UnknownSource(t("install-source-no-metadata"))
    return install_spec(distribution.read_text("direct_url.json"), distribution.version)


def install_spec(direct_url: str | None, version: str) -> str:
    """The requirement for a distribution of ``version`` whose ``direct_url.json`` holds
    ``direct_url`` (``None``: it was installed from an index)."""
    if direct_url is None:
        return f"{DISTRIBUTION}=={version}"
    try:
        record = json.loads(direct_url)
    except ValueError:
        raise UnknownSource(t("install-source-unreadable")) from None
    url = record.get("url") if isinstance(record, dict) else None
    if not isinstance(url, str) or not url:
        raise UnknownSource(t("install-source-unreadable"))
    if urlsplit(url).scheme in ("", "file"):
        raise UnknownSource(t("install-source-local", url=url))
    if isinstance(record.get("vcs_info"), dict):
        return _vcs_spec(url, record["vcs_info"])
    if isinstance(record.get("archive_info"), dict):
        return _archive_spec(url, record["archive_info"])
    raise UnknownSource(t("install-source-unreadable"))


def _vcs_spec(url: str, info: dict[str, Any]) -> str:
    vcs, commit = info.get("vcs"), info.get("commit_id")
    if not isinstance(vcs, str) or not isinstance(commit, str) or not commit:
        raise UnknownSource(t("install-source-unreadable"))
    # The commit, not the branch or tag asked for: those can move, the commit cannot.
    return f"{vcs}+{url}@{commit}"


def _archive_spec(url: str, info: dict[str, Any]) -> str:
    hashes = info.get("hashes")
    if isinstance(hashes, dict) and isinstance(hashes.get("sha256"), str):
        return f"{DISTRIBUTION} @ {url}#sha256={hashes['sha256']}"
    legacy = info.get("hash")  # "sha256=…", the field before PEP 610 added ``hashes``
    if isinstance(legacy, str) and legacy.startswith("sha256="):
        return f"{DISTRIBUTION} @ {url}#{legacy}"
    return f"{DISTRIBUTION} @ {url}"


def git_repository(spec: str) -> tuple[str, str] | None:
    """``(repository URL, revision)`` of a ``git+URL@REV`` requirement, for pre-commit's
    ``repo:`` and ``rev:``; ``None`` for any other requirement."""
    text = spec.strip()
    if text.startswith(f"{DISTRIBUTION} @ "):
        text = text.removeprefix(f"{DISTRIBUTION} @ ").strip()
    if not text.startswith("git+"):
        return None
    url = text.removeprefix("git+").split("#", 1)[0]
    path_start = len(urlsplit(url).scheme) + 3  # an @ before the path is a user name
    at = url.rfind("@")
    if at <= path_start or "/" not in url[path_start:at]:
        return None
    repository, revision = url[:at], url[at + 1 :]
    return (repository, revision) if revision else None
