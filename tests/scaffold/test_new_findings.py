"""`inspect new-findings` end to end on a copy of the example repository."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from inspectcli.cli.root import app

from ..tracking.helpers import copy_examples

runner = CliRunner()
PLAN = "2026-09-g1"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = copy_examples(tmp_path / "repo")
    monkeypatch.chdir(root)
    return root


def _new(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["new-findings", *args])
    return result.exit_code, result.output


def test_the_new_file_validates_at_once(repo: Path) -> None:
    code, output = _new(PLAN, "--county", "禾城区")
    assert code == 0, output
    text = (repo / "findings" / f"{PLAN}-禾城区.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/findings.schema.json\n")
    assert "kind: findings\nversion: 1\n" in text
    assert 'plan: "2026-09-g1"\ncounty: "禾城区"\nexchanged: null' in text
    # The county's last letter went to these units: the new one starts from them.
    assert '  to: "禾城区乡村振兴局"' in text
    assert "#     responsible: {unit:" in text
    checked = runner.invoke(app, ["validate"])
    assert checked.exit_code == 0, checked.output


def test_the_sampled_units_of_the_county_are_comments_without_id_numbers(repo: Path) -> None:
    plan = repo / "plans" / f"{PLAN}.yaml"
    assert runner.invoke(app, ["sample", str(plan), "--seed", "test-seed"]).exit_code == 0
    code, output = _new(str(plan), "--county", "云溪县", "--out", "findings/yx.yaml")
    assert code == 0, output
    text = (repo / "findings" / "yx.yaml").read_text(encoding="utf-8")
    households = [line for line in text.splitlines() if line.startswith("#     户 QH-YX-")]
    assert households, text
    assert "QH-HC-" not in text  # the other county's households stay out
    # The example problem is placed at the first household sampled.
    first = households[0].split()[2]
    assert "#     location: {county: 云溪县, town: " in text
    assert f"household: {first}}}" in text
    roster = (repo / "roster" / "households.csv").read_text(encoding="utf-8")
    for line in roster.splitlines()[1:]:
        cells = line.split(",")
        assert cells[8] not in text and cells[9] not in text  # ID number, phone
    assert runner.invoke(app, ["validate"]).exit_code == 0


def test_an_existing_file_is_never_overwritten(repo: Path) -> None:
    assert _new(PLAN, "--county", "禾城区")[0] == 0
    target = repo / "findings" / f"{PLAN}-禾城区.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "# mine\n", encoding="utf-8")
    code, output = _new(PLAN, "--county", "禾城区")
    assert code == 1
    assert "already exists" in output
    assert target.read_text(encoding="utf-8").endswith("# mine\n")
    other = repo / "notes.txt"
    other.write_text("kept\n", encoding="utf-8")
    assert _new(PLAN, "--county", "禾城区", "--out", str(other))[0] == 1
    assert other.read_text(encoding="utf-8") == "kept\n"


@pytest.mark.parametrize(
    ("args", "closest"),
    [(["2026-09-g9", "--county", "禾城区"], PLAN), ([PLAN, "--county", "禾城"], "禾城区")],
)
def test_an_unknown_plan_or_county_names_the_closest(
    repo: Path, args: list[str], closest: str
) -> None:
    code, output = _new(*args)
    assert code == 2
    assert f"`{closest}`" in output
    assert not (repo / "findings" / f"{PLAN}-禾城区.yaml").exists()


def test_the_line_ends_of_the_repository_files_are_kept(repo: Path) -> None:
    for path in (repo / "findings").glob("*.yaml"):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert _new(PLAN, "--county", "禾城区")[0] == 0
    raw = (repo / "findings" / f"{PLAN}-禾城区.yaml").read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n")


def test_an_id_number_typed_into_the_head_cell_is_masked(repo: Path) -> None:
    plan = repo / "plans" / f"{PLAN}.yaml"
    assert runner.invoke(app, ["sample", str(plan), "--seed", "test-seed"]).exit_code == 0
    sampled = next(
        line.split()[2].rstrip(",")
        for line in plan.read_text(encoding="utf-8").splitlines()
        if "QH-YX-" in line and "id:" in line
    )
    roster = repo / "roster" / "households.csv"
    rows = roster.read_text(encoding="utf-8").splitlines(keepends=True)
    typed = "000000197608280000"  # region 000000: no one's number
    for index, row in enumerate(rows):
        cells = row.split(",")
        if cells[4] == sampled:
            cells[5] = f"{cells[5]}{typed}"
            rows[index] = ",".join(cells)
    roster.write_text("".join(rows), encoding="utf-8")
    assert _new(PLAN, "--county", "云溪县")[0] == 0
    text = (repo / "findings" / f"{PLAN}-云溪县.yaml").read_text(encoding="utf-8")
    assert sampled in text
    assert typed not in text
