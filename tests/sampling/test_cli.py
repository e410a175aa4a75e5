"""`inspect sample` and `inspect new-plan` end to end through typer's CliRunner."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from inspectcli.cli.root import app
from inspectcli.output.tables import text_width
from inspectcli.sampling.method import ticket

from ..validate.helpers import make_repo

runner = CliRunner()

EXTRA_ROWS = """\
云岗县,新桥镇,东村,贫困村,XQ-01,丁甲,预脱贫,3,440101199001011234,13812345678
云岗县,新桥镇,东村,贫困村,XQ-02,丁乙,预脱贫,3,440101199001021234,13812345679
云岗县,新桥镇,东村,贫困村,XQ-03,丁丙,未脱贫,3,440101199001031234,13812345670
云岗县,新桥镇,西村,面上村,XQ-04,丁丁,预脱贫,3,440101199001041234,13812345671
云岗县,新桥镇,西村,面上村,XQ-05,丁戊,预脱贫,3,440101199001051234,13812345672
云岗县,新桥镇,西村,面上村,XQ-06,丁己,未脱贫,3,440101199001061234,13812345673
"""


def _without_sample(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    text = text[: text.index("sample:")]
    path.write_text(text, encoding="utf-8")
    return text


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = make_repo(None, tmp_path / "repo")
    _without_sample(root / "plans" / "r1.yaml")
    return root


def _second_plan(root: Path, start: str = "2026-10-08") -> Path:
    text = (root / "plans" / "r1.yaml").read_text(encoding="utf-8")
    text = text.replace("id: R1", "id: R2").replace("2026-09-08", start)
    text = text.replace("end: 2026-09-09", f"end: {start}")
    path = root / "plans" / "r2.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _bigger_roster(root: Path) -> Path:
    lines = (root / "roster.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0] + ",id_number,phone"
    body = [line + ",," for line in lines[1:]]
    path = root / "roster2.csv"
    path.write_text("\n".join([header, *body]) + "\n" + EXTRA_ROWS, encoding="utf-8")
    return path


def test_sample_writes_only_the_sample_and_validates(repo: Path) -> None:
    plan = repo / "plans" / "r1.yaml"
    before = plan.read_text(encoding="utf-8")
    result = runner.invoke(app, ["sample", str(plan), "--seed", "test-seed"])
    assert result.exit_code == 0, result.output
    after = plan.read_text(encoding="utf-8")
    assert after.startswith(before)
    assert re.search(r'ticket: "[0-9a-f]{64}"', after)
    assert f'"{ticket("test-seed", "YG-01")}"' in after or "YG-01" not in after
    assert runner.invoke(app, ["validate", str(repo), "--no-cache"]).exit_code == 0
    verified = runner.invoke(app, ["sample", str(plan), "--verify"])
    assert verified.exit_code == 0, verified.output
    again = runner.invoke(app, ["sample", str(plan)])
    assert again.exit_code == 1
    assert "already has a sample" in again.output


def test_sample_without_plan_names_the_plan(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    result = runner.invoke(app, ["sample", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "plans/r1.yaml" in result.output
    assert "sample:" not in (repo / "plans" / "r1.yaml").read_text(encoding="utf-8")


def test_json_shape(repo: Path) -> None:
    plan = repo / "plans" / "r1.yaml"
    result = runner.invoke(app, ["sample", str(plan), "--seed", "s", "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout[: result.stdout.rindex("}") + 1])
    assert payload["seed"] == "s" and payload["method"] == "v1"
    assert re.fullmatch(r"[0-9a-f]{64}", payload["frame_sha256"])
    assert {"id", "ticket"} <= set(payload["towns"][0])
    assert {"id", "ticket", "town", "class"} <= set(payload["villages"][0])
    assert {"id", "ticket", "village", "status"} <= set(payload["households"][0])
    for unit in payload["towns"] + payload["villages"] + payload["households"]:
        assert unit["ticket"] == ticket("s", unit["id"])


def test_verify_and_validate_detect_a_hand_edit(repo: Path) -> None:
    plan = repo / "plans" / "r1.yaml"
    assert runner.invoke(app, ["sample", str(plan), "--seed", "test-seed"]).exit_code == 0
    text = plan.read_text(encoding="utf-8")
    edited = re.sub(r"\{id: YG-0(4|5), village", "{id: YG-07, village", text, count=1)
    assert edited != text
    plan.write_text(edited, encoding="utf-8")
    result = runner.invoke(app, ["sample", str(plan), "--verify"])
    assert result.exit_code == 1
    assert "YG-07" in result.output
    checked = runner.invoke(app, ["validate", str(repo), "--no-cache", "-f", "parsable"])
    assert checked.exit_code == 1
    assert "sample-hand-edited" in checked.output


def test_unfillable_stratum_is_an_error_naming_it(repo: Path) -> None:
    plan = repo / "plans" / "r1.yaml"
    result = runner.invoke(app, ["sample", str(plan), "--towns", "2"])
    assert result.exit_code == 1
    assert "towns of 云岗县: 2 needed, 1 available" in result.output
    assert "sample:" not in plan.read_text(encoding="utf-8")


def test_verify_and_strata_name_units_and_statuses_in_chinese(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = repo / "plans" / "r1.yaml"
    assert runner.invoke(app, ["sample", str(plan), "--seed", "test-seed"]).exit_code == 0
    text = plan.read_text(encoding="utf-8")
    head, households = text.split("households:", 1)
    flip = lambda m: 'ticket: "' + "10"[m[1] == "1"]  # noqa: E731
    households = re.sub(r'ticket: "(.)', flip, households, count=1)
    plan.write_text(head + "households:" + households, encoding="utf-8")
    result = runner.invoke(app, ["--lang", "zh", "sample", str(plan), "--verify"])
    assert result.exit_code == 1
    assert "农户（households）：`YG-" in result.output
    status = re.search(r"记录为（[^）]*，(预脱贫户|未脱贫户|已脱贫户)，", result.output)
    assert status, result.output
    monkeypatch.chdir(repo)
    short = runner.invoke(app, ["--lang", "zh", "sample", "--counties", "云岗县", "--towns", "2"])
    assert short.exit_code == 1
    assert "抽样层“云岗县的乡镇”无法抽足：需要 2，" in short.output


def test_rotation_leaves_out_and_records_visited_units(repo: Path) -> None:
    roster = _bigger_roster(repo)
    first = repo / "plans" / "r1.yaml"
    args = ["--roster", str(roster), "--seed", "a"]
    assert runner.invoke(app, ["sample", str(first), *args]).exit_code == 0
    visited_town = re.search(r"towns:\n\s+- \{id: ([^,]+),", first.read_text("utf-8"))
    assert visited_town is not None
    second = _second_plan(repo)
    _without_sample(second)
    result = runner.invoke(app, ["sample", str(second), "--roster", str(roster), "--seed", "b"])
    assert result.exit_code == 0, result.output
    text = second.read_text(encoding="utf-8")
    excluded = text[text.index("excluded:") : text.index("towns:", text.index("excluded:"))]
    assert visited_town.group(1) in excluded
    assert f"- {{id: {visited_town.group(1)}," not in text[text.index("sample:") :]
    without = runner.invoke(app, ["sample", str(second), "--verify", "--roster", str(roster)])
    assert without.exit_code == 0, without.output


def test_counties_without_plan_prints_and_masks(repo: Path) -> None:
    roster = _bigger_roster(repo)
    args = ["sample", "--counties", "云岗县", "--roster", str(roster), "--towns", "2"]
    args += ["--poor-villages", "2", "--ordinary-villages", "2", "--households", "3"]
    result = runner.invoke(app, [*args, "--exclude-visited-months", "0", "--seed", "m"])
    assert result.exit_code == 0, result.output
    assert "13812345678" not in result.output and "440101199001011234" not in result.output
    shown = runner.invoke(app, [*args, "--exclude-visited-months", "0", "-f", "json"])
    phones = [
        h["phone"]
        for h in json.loads(shown.stdout[: shown.stdout.rindex("}") + 1])["households"]
        if h["phone"]
    ]
    assert phones and all(re.fullmatch(r"138\*{4}\d{4}", p) for p in phones)
    assert "sample:" not in (repo / "plans" / "r1.yaml").read_text(encoding="utf-8")


def test_a_village_id_stays_whole_at_80_columns_in_english(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The heading `class / status` wraps between its words; `石岭县/龙湾镇/龙湾村`, where
    the group goes, was folded instead. Invented people: IDs of region 000000, 140 phones."""
    roster = tmp_path / "roster.csv"
    lines = ["county,town,village,village_class,household_id,head_name,status,id_number,phone"]
    for number, (village, kind) in enumerate([("龙湾村", "poor"), ("白石村", "ordinary")] * 2):
        lines.append(
            f"石岭县,龙湾镇,{village},{kind},44160102010000{number:02d},谢国栋,pre-exited,"
            f"00000019510202{number:03d}5,1400000{number:04d}"
        )
    roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv("COLUMNS", "80")
    args = ["sample", "--counties", "石岭县", "--roster", str(roster), "--seed", "w"]
    args += ["--towns", "1", "--poor-villages", "1", "--ordinary-villages", "1"]
    args += ["--households", "1", "--exclude-visited-months", "0"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "石岭县/龙湾镇/龙湾村" in result.stdout and "石岭县/龙湾镇/白石村" in result.stdout
    assert max(text_width(line) for line in result.stdout.splitlines()) <= 80


def test_bad_flags_are_usage_errors(repo: Path) -> None:
    plan = repo / "plans" / "r1.yaml"
    assert runner.invoke(app, ["sample", str(plan), "--households", "5-3"]).exit_code == 2
    bad = runner.invoke(app, ["sample", str(plan), "--households-by-status", "gone=1"])
    assert bad.exit_code == 2
    assert runner.invoke(app, ["sample", str(plan), "--format", "xml"]).exit_code == 2


def test_flags_override_and_are_recorded(repo: Path) -> None:
    plan = repo / "plans" / "r1.yaml"
    result = runner.invoke(app, ["sample", str(plan), "--households", "1-3", "--seed", "x"])
    assert result.exit_code == 0, result.output
    text = plan.read_text(encoding="utf-8")
    assert "households_per_village: {min: 1, max: 3}" in text
    assert runner.invoke(app, ["sample", str(plan), "--verify"]).exit_code == 0


# --- new-plan ------------------------------------------------------------------------------

NEW = [
    "new-plan",
    "--group",
    "第二督查组",
    "--leader",
    "韦嘉禾",
    "--counties",
    "云岗县",
    "--liaisons",
    "云岗县=戊某",
    "--start",
    "2026-10-12",
    "--end",
    "2026-10-13",
    "--kind",
    "supervision",
    "--content",
    "02,0302",
]


def test_new_plan_writes_a_valid_plan_and_never_overwrites(repo: Path) -> None:
    out = repo / "plans" / "r3.yaml"
    result = runner.invoke(app, [*NEW, "--out", str(out), "--id", "R3"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/plan.schema.json\n")
    assert "households_by_status: {pre-exited: 2, not-exited: 1}" in text
    assert runner.invoke(app, ["validate", str(repo), "--no-cache"]).exit_code == 0
    again = runner.invoke(app, [*NEW, "--out", str(out), "--id", "R3"])
    assert again.exit_code == 1
    assert "already exists" in again.output
    assert out.read_text(encoding="utf-8") == text


def _crlf(path: Path) -> None:
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))


@pytest.mark.parametrize(
    ("saved_with_crlf", "expected"),
    [
        ((), b"\n"),
        (("plans/r1.yaml",), b"\r\n"),  # as the plans beside it, whatever inspect.yaml has
        (("inspect.yaml",), b"\n"),
        (("plans/r1.yaml", "inspect.yaml"), b"\r\n"),
    ],
)
def test_new_plan_ends_its_lines_as_the_other_plans_do(
    repo: Path, saved_with_crlf: tuple[str, ...], expected: bytes
) -> None:
    """A Windows office's plans are CRLF: a new one with LF would differ on every line
    from what its editor saves."""
    for relative in saved_with_crlf:
        _crlf(repo / relative)
    out = repo / "plans" / "r3.yaml"
    assert runner.invoke(app, [*NEW, "--out", str(out), "--id", "R3"]).exit_code == 0
    raw = out.read_bytes()
    assert raw.count(b"\n") == raw.count(expected) > 10
    assert runner.invoke(app, ["validate", str(repo), "--no-cache"]).exit_code == 0


@pytest.mark.parametrize("settings_end", [b"\n", b"\r\n"])
def test_new_plan_in_a_folder_without_plans_ends_its_lines_as_inspect_yaml(
    repo: Path, settings_end: bytes
) -> None:
    if settings_end == b"\r\n":
        _crlf(repo / "inspect.yaml")
    out = repo / "plans" / "2027" / "r3.yaml"
    assert runner.invoke(app, [*NEW, "--out", str(out), "--id", "R3"]).exit_code == 0
    raw = out.read_bytes()
    assert raw.count(b"\n") == raw.count(settings_end) > 10
    assert sorted(p.name for p in out.parent.iterdir()) == ["r3.yaml"]  # no temporary left


def test_new_plan_refuses_a_county_or_content_code_the_repository_lacks(repo: Path) -> None:
    """Written, such a plan failed `inspect validate` at once (unknown-county)."""
    out = repo / "plans" / "r3.yaml"
    arguments = [*NEW, "--out", str(out), "--id", "R3"]
    arguments[arguments.index("云岗县")] = "云岗"
    arguments[arguments.index("02,0302")] = "02,99"
    result = runner.invoke(app, arguments)
    assert result.exit_code == 2
    said = result.stderr
    assert "--counties: county `云岗` is not in the roster (did you mean `云岗县`?)" in said
    assert "--content: content code `99` is not in the catalogue of policy" in result.stderr
    assert not out.exists()


def test_new_plan_without_a_terminal_fails_on_missing_values(repo: Path) -> None:
    result = runner.invoke(
        app, ["new-plan", "--group", "第三督查组", "--out", str(repo / "x.yaml")]
    )
    assert result.exit_code == 2
    assert "--leader" in result.output and "--start" in result.output
    assert not (repo / "x.yaml").exists()
