"""The validation cache is only data: nothing in its folder runs, and whatever does not have
the exact shape of a cache entry is a miss. Its files are private to the user."""

from __future__ import annotations

import json
import os
import pickle
import stat
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from inspectcli.cli.root import app
from inspectcli.model import KINDS
from inspectcli.pipeline import cache as caching
from inspectcli.pipeline.cache import Cache, default_dir, digest
from inspectcli.pipeline.validate import scan

from ..validate.helpers import make_repo

runner = CliRunner()
FINDINGS = "findings/r1.yaml"


class _Touch:
    """Unpickling this creates the file ``marker``: what a crafted pickle could do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (Path.touch, (self.marker,))


def _validate(repo: Path, cache: Path) -> Any:
    return runner.invoke(app, ["validate", str(repo), "--cache-dir", str(cache)])


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(None, tmp_path / "repo")


def _impossible_date(repo: Path) -> bytes:
    """Give the findings file the deadline 2026-02-30, which validation must report."""
    path = repo / FINDINGS
    text = path.read_text(encoding="utf-8").replace("deadline: 2026-10-12", "deadline: 2026-02-30")
    path.write_text(text, encoding="utf-8")
    return path.read_bytes()


def test_a_crafted_pickle_in_the_cache_folder_never_runs(repo: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    marker = tmp_path / "ran"
    stem = Cache(folder, repo).stem
    folder.mkdir()
    crafted = pickle.dumps(_Touch(marker))
    for part in ("stats", "files", "result"):
        for suffix in ("pickle", "json"):  # the old names and the new ones
            (folder / f"{stem}.{part}.{suffix}").write_bytes(crafted)
    result = _validate(repo, folder)
    assert result.exit_code == 0, result.output
    assert not marker.exists()
    # and the run made a cache of its own over the crafted files
    assert json.loads((folder / f"{stem}.result.json").read_bytes())["data"][1] == []


def _part(folder: Path, repo: Path, part: str) -> Path:
    return folder / f"{Cache(folder, repo).stem}.{part}.json"


def _stored(folder: Path, repo: Path, part: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_part(folder, repo, part).read_bytes())
    return data


def _store(folder: Path, repo: Path, part: str, value: dict[str, Any]) -> None:
    _part(folder, repo, part).write_text(json.dumps(value))


def test_a_forged_entry_of_the_wrong_shape_is_a_miss(repo: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    assert _validate(repo, folder).exit_code == 0
    raw = _impossible_date(repo)
    files = _stored(folder, repo, "files")
    entry = files["data"][FINDINGS]
    entry["digest"] = digest(raw).hex()  # claims to be the file as it is now …
    first = entry["facts"]["v"][4][0]  # … with facts that hold the impossible date
    first[7] = "2026-02-30"
    _store(folder, repo, "files", files)
    _part(folder, repo, "result").unlink()
    result = _validate(repo, folder)
    assert result.exit_code == 1
    assert "r1.yaml" in result.output


@pytest.mark.parametrize(
    "forge",
    [
        lambda stored: stored["data"][1].append({"path": "x"}),  # a problem of no known shape
        lambda stored: stored["data"][1].append(["x", "1", 1, 2, "c", "m", ""]),  # line as text
        lambda stored: stored.update(tool="99.0"),  # another version
        lambda stored: stored.update(revision="3"),
        lambda stored: stored.update(code="import os"),  # a key no cache file has
        lambda stored: stored.update(data=None),
    ],
)
def test_a_forged_result_of_the_wrong_shape_is_a_miss(
    repo: Path, tmp_path: Path, forge: Any
) -> None:
    folder = tmp_path / "cache"
    assert _validate(repo, folder).exit_code == 0
    _impossible_date(repo)
    stored = _stored(folder, repo, "result")
    stored["data"][0] = scan(repo.resolve(), Cache(folder, repo)).key.hex()  # the key of now
    forge(stored)
    _store(folder, repo, "result", stored)
    assert _validate(repo, folder).exit_code == 1  # 2026-02-30 is reported


def test_a_truncated_cache_is_a_miss(repo: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    assert _validate(repo, folder).exit_code == 0
    _impossible_date(repo)
    for file in folder.iterdir():
        file.write_bytes(file.read_bytes()[: file.stat().st_size // 2])
    assert _validate(repo, folder).exit_code == 1


def test_what_a_cache_folder_is_trusted_with(repo: Path, tmp_path: Path) -> None:
    """A well-formed entry is believed: whoever can write the folder can hide problems. The
    README says so; this test keeps that sentence true."""
    folder = tmp_path / "cache"
    assert _validate(repo, folder).exit_code == 0
    clean = _stored(folder, repo, "result")
    _impossible_date(repo)
    clean["data"][0] = scan(repo.resolve(), Cache(folder, repo)).key.hex()
    _store(folder, repo, "result", clean)
    assert _validate(repo, folder).exit_code == 0
    assert runner.invoke(app, ["validate", str(repo), "--no-cache"]).exit_code == 1


def test_cache_files_are_private_to_the_user(repo: Path, tmp_path: Path) -> None:
    folder = tmp_path / "new" / "cache"
    old = os.umask(0)  # the most generous umask: the modes must not come from it
    try:
        assert _validate(repo, folder).exit_code == 0
        assert runner.invoke(app, ["report", str(repo), "--cache-dir", str(folder)]).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    names = sorted(p.name for p in folder.iterdir())
    assert any(".files." in n for n in names) and any("-report." in n for n in names)
    for file in folder.iterdir():
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file.name


def test_every_kind_of_document_has_its_place_in_the_cache() -> None:
    kept = dict(Cache(None, Path(".")).facts())
    assert set(KINDS) <= set(kept) | {"findings", "plan"}
    from inspectcli.report.load import ReportCache

    assert set(KINDS) <= {tag for tag, _ in ReportCache.FACTS}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux convention")
def test_the_cache_lives_where_the_platform_keeps_caches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("INSPECT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_dir() == tmp_path / "xdg" / "inspectcli"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_dir() == tmp_path / "home" / ".cache" / "inspectcli"
    monkeypatch.setenv("INSPECT_CACHE_DIR", str(tmp_path / "mine"))
    assert default_dir() == tmp_path / "mine"


def test_a_fact_of_a_type_the_cache_does_not_keep_saves_nothing(tmp_path: Path) -> None:
    store = Cache(tmp_path / "cache", tmp_path)
    store.save_entries({"a.yaml": caching.Entry(digest(b"a"), "plan", object(), [])})
    assert store.entries() == {}


def test_a_rendered_report_comes_back_byte_for_byte_and_a_forged_one_is_a_miss(
    tmp_path: Path,
) -> None:
    from inspectcli.report.load import ReportCache

    store = ReportCache(tmp_path / "cache", tmp_path)
    options: Any = ("options",)
    key = (digest(b"input"), options, "xlsx")
    store.save_report(key, b"PK\x03\x04\xff\x00")
    assert store.report(key) == b"PK\x03\x04\xff\x00"
    assert store.report((digest(b"other input"), options, "xlsx")) is None
    path = tmp_path / "cache" / f"{store.stem}.report.json"
    stored = json.loads(path.read_bytes())
    stored["data"][3] = "not base64!"
    path.write_text(json.dumps(stored))
    assert store.report(key) is None
