"""The example case repository: reproducible roster, clean validation, enough to sample."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from typer.testing import CliRunner

from inspectcli.cli.root import app
from inspectcli.repo.roster import read_csv, village_id

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ROSTER = EXAMPLES / "roster" / "households.csv"


def test_roster_generator_reproduces_the_file(tmp_path: Path) -> None:
    out = tmp_path / "households.csv"
    script = EXAMPLES / "tools" / "make_roster.py"
    command = [sys.executable, str(script), "--out", str(out)]
    subprocess.run(command, check=True, capture_output=True)
    assert out.read_bytes() == ROSTER.read_bytes()


def test_every_village_can_give_a_heyuan_sample() -> None:
    roster, problems = read_csv("roster/households.csv", ROSTER.read_bytes())
    assert roster is not None
    assert problems == []
    assert 3000 <= len(roster.households) <= 5000
    statuses: dict[str, Counter[str]] = defaultdict(Counter)
    for h in roster.households.values():
        statuses[village_id(h.county, h.town, h.village)][h.status] += 1
    assert set(statuses) == set(roster.villages)
    for village, counts in statuses.items():
        assert counts["pre-exited"] >= 2, village
        assert counts["not-exited"] >= 1, village
    for county, towns in roster.tree.items():
        for town, villages in towns.items():
            assert set(villages.values()) == {"poor", "ordinary"}, f"{county}/{town}"


def test_roster_holds_no_plausible_personal_data() -> None:
    roster, _ = read_csv("roster/households.csv", ROSTER.read_bytes())
    assert roster is not None
    for household in roster.households.values():
        assert household.id_number is not None and household.id_number.startswith("000000")
        assert household.phone is not None and household.phone.startswith("100")


def test_examples_validate_without_problems() -> None:
    result = CliRunner().invoke(app, ["validate", str(EXAMPLES), "--no-cache", "--format", "json"])
    report = json.loads(result.stdout)
    assert report["problems"] == []
    assert report["errors"] == 0 and report["warnings"] == 0
    assert result.exit_code == 0


def test_every_yaml_file_points_at_its_schema() -> None:
    for path in EXAMPLES.rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        prefix = "# yaml-language-server: $schema="
        assert first.startswith(prefix), path
        schema = (path.parent / first.removeprefix(prefix)).resolve()
        assert schema.is_file(), path
        kind = schema.name.removesuffix(".schema.json")
        assert f"\nkind: {kind}\n" in path.read_text(encoding="utf-8"), path


@pytest.mark.locked_versions
def test_exported_schemas_are_current() -> None:
    from inspectcli.cli.schema import schema_of
    from inspectcli.model import KINDS

    for kind in KINDS:
        path = EXAMPLES / "schemas" / f"{kind}.schema.json"
        exported = json.loads(path.read_text(encoding="utf-8"))
        assert exported == schema_of(kind), (
            f"examples/schemas/{kind}.schema.json is stale: "
            "run `PYTHONPATH=src python -m inspectcli schema --out examples/schemas`"
        )
