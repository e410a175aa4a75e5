"""`inspect policy list` and `inspect policy show` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from inspectcli.cli.root import app
from inspectcli.model.policy import PolicyDocument
from inspectcli.presets import HERE, load_preset, preset_names

from ..validate.helpers import make_repo

runner = CliRunner()
EXAMPLES = Path(__file__).parents[2] / "examples"


def test_list_names_every_preset_with_its_source_and_what_it_covers() -> None:
    result = runner.invoke(app, ["policy", "list", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {row["name"]: row for row in json.loads(result.output)}
    assert sorted(rows) == preset_names()
    assert rows["hainan"]["source"] == "琼扶发〔2017〕19号"
    assert "catalogue: 6 categories, 25 items" in rows["hainan"]["covers"]
    assert "visit_duties: 9 duties" in rows["suzhou"]["covers"]
    assert "deadlines: feedback 2 months" in rows["guangdong"]["covers"]


def test_list_as_a_table() -> None:
    result = runner.invoke(app, ["policy", "list"])
    assert result.exit_code == 0, result.output
    for name in preset_names():
        assert name in result.output
    assert "河扶〔2018〕23号" in result.output


def test_show_yaml_is_the_preset_as_shipped_with_its_comments() -> None:
    result = runner.invoke(app, ["policy", "show", "guangdong"])
    assert result.exit_code == 0, result.output
    assert result.output == (HERE / "guangdong.yaml").read_text(encoding="utf-8")
    assert "第十八条" in result.output


def test_show_json_loads_as_the_same_policy() -> None:
    result = runner.invoke(app, ["policy", "show", "suzhou", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert PolicyDocument.model_validate(json.loads(result.stdout)) == load_preset("suzhou")


def test_show_repo_prints_the_merged_policy_as_a_loadable_document(tmp_path: Path) -> None:
    repo = make_repo(None, tmp_path / "repo")
    settings = repo / "inspect.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace(
            "  preset: heyuan\n", "  preset: heyuan\n  overrides:\n    rotation_months: 6\n"
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["policy", "show", "--repo", str(repo)])
    assert result.exit_code == 0, result.output
    merged = PolicyDocument.model_validate(yaml.safe_load(result.stdout))
    heyuan = load_preset("heyuan")
    assert heyuan is not None
    assert merged.rotation_months == 6
    assert merged.model_copy(update={"rotation_months": 3}) == heyuan


def test_show_repo_with_a_broken_override_names_file_and_line(tmp_path: Path) -> None:
    repo = make_repo(None, tmp_path / "repo")
    settings = repo / "inspect.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text.replace(
            "  preset: heyuan\n", "  preset: heyuan\n  overrides:\n    frequency: weekly\n"
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["policy", "show", "--repo", str(repo)])
    assert result.exit_code == 1
    assert "inspect.yaml:9:16: error policy-override-invalid" in result.output


def test_show_usage_errors_exit_2(tmp_path: Path) -> None:
    unknown = runner.invoke(app, ["policy", "show", "heyaun"])
    assert unknown.exit_code == 2 and "did you mean `heyuan`" in unknown.output
    assert runner.invoke(app, ["policy", "show"]).exit_code == 2
    assert runner.invoke(app, ["policy", "show", "daan", "--format", "xml"]).exit_code == 2
    other = runner.invoke(app, ["policy", "show", "daan", "--repo", str(EXAMPLES)])
    assert other.exit_code == 2 and "`heyuan`" in other.output
    nowhere = runner.invoke(app, ["policy", "show", "--repo", str(tmp_path)])
    assert nowhere.exit_code == 1 and "no inspect.yaml" in nowhere.output
