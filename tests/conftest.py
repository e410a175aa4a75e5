"""Shared test set-up: no test writes into the user's cache; messages are in English."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    monkeypatch.setenv("INSPECT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    yield


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """English messages whatever the locale of the machine (tests compare English text)."""
    from inspectcli import i18n

    monkeypatch.setenv("INSPECT_LANG", "en")
    i18n.activate("en")
    yield
    i18n.activate("en")


REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def examples_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the example repository, the current folder of the test."""
    root = tmp_path / "examples"
    shutil.copytree(REPO / "examples", root)
    monkeypatch.chdir(root)
    return root
