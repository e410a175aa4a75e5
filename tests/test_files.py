"""Writing files whole or not at all, and a new file never over an existing one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from inspectcli.output import files
from inspectcli.output.files import write_atomic


def _no_hard_links(source: str, target: str) -> None:
    raise PermissionError("operation not permitted")  # as on FAT or some network shares


@pytest.mark.parametrize("hard_links", [True, False])
def test_a_new_file_is_written_whole_and_never_over_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hard_links: bool
) -> None:
    if not hard_links:
        monkeypatch.setattr(files.os, "link", _no_hard_links)
    target = tmp_path / "plans" / "r3.yaml"
    write_atomic(target, b"id: R3\r\n", replace=False)
    assert target.read_bytes() == b"id: R3\r\n"
    with pytest.raises(FileExistsError):
        write_atomic(target, b"id: other\n", replace=False)
    assert target.read_bytes() == b"id: R3\r\n"
    assert os.listdir(target.parent) == ["r3.yaml"]  # no temporary left behind


def test_a_failed_write_of_a_new_file_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(source: str, target: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "link", _no_hard_links)
    monkeypatch.setattr(files.os, "replace", full_disk)
    target = tmp_path / "r3.yaml"
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, b"id: R3\n", replace=False)
    assert os.listdir(tmp_path) == []


def test_replace_writes_over_the_old_file_keeping_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "r1.yaml"
    target.write_bytes(b"old\n")
    target.chmod(0o640)
    write_atomic(target, b"new\n")
    assert target.read_bytes() == b"new\n"
    assert target.stat().st_mode & 0o777 == 0o640


def test_a_check_before_the_replace_that_fails_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "r1.yaml"
    target.write_bytes(b"old\n")

    def changed() -> None:
        raise RuntimeError("changed meanwhile")

    with pytest.raises(RuntimeError, match="meanwhile"):
        write_atomic(target, b"new\n", before_replace=changed)
    assert target.read_bytes() == b"old\n"
    assert os.listdir(tmp_path) == ["r1.yaml"]
    write_atomic(target, b"new\n", mode=0o600)
    assert target.stat().st_mode & 0o777 == 0o600
