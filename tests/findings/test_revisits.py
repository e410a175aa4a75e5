"""Every follow-up revisit (回头看) is kept: a later pass moves a failed one under
`revisits:` rather than overwriting it (Heyuan §6: the revisit verifies the rectification;
a failed one is part of the record). And a record's date may carry the time of day."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from .helpers import invoke, repo_with
from .test_history import HECHENG, _commit

FINDING = "2026-09-HC-05"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return repo_with(tmp_path / "repo")


def _finding(repo: Path, finding_id: str = FINDING) -> dict:  # type: ignore[type-arg]
    data = yaml.safe_load((repo / HECHENG).read_text(encoding="utf-8"))
    return next(f for f in data["findings"] if f["id"] == finding_id)  # type: ignore[no-any-return]


def _run(repo: Path, *args: str) -> str:
    code, out, err = invoke("finding", *args, "--repo", str(repo))
    assert code == 0, err
    return out + err


def _fail_then_pass(repo: Path) -> None:
    by = "第一督查组 韦嘉禾"
    _run(repo, "verify", FINDING, "--by", by, "--result", "failed", "--note", "2人尚未到账",
         "--date", "2026-11-05 10:30")  # fmt: skip
    _run(repo, "update", FINDING, "--status", "rectified", "--note", "已全部到账。",
         "--date", "2026-11-12")  # fmt: skip
    _run(repo, "verify", FINDING, "--by", by, "--date", "2026-11-20 15:00")


def test_a_later_pass_keeps_the_failed_one(repo: Path) -> None:
    _fail_then_pass(repo)
    record = _finding(repo)["rectification"]
    assert record["status"] == "verified"
    assert record["revisits"] == [
        {"date": "2026-11-05 10:30", "by": "第一督查组 韦嘉禾", "result": "failed",
         "note": "2人尚未到账"}
    ]  # fmt: skip
    assert record["verification"]["result"] == "passed"
    assert record["verification"]["date"] == "2026-11-20 15:00"
    code, _, err = invoke("validate", str(repo))
    assert code == 0 and "no problems" in err


def test_two_failed_passes_are_both_kept(repo: Path) -> None:
    by = "第一督查组 韦嘉禾"
    for day, again in (("2026-11-05", "2026-11-08"), ("2026-11-15", "2026-11-18")):
        _run(repo, "verify", FINDING, "--by", by, "--result", "failed", "--date", day)
        _run(repo, "update", FINDING, "--status", "rectified", "--note", "再次整改。",
             "--date", again)  # fmt: skip
    record = _finding(repo)["rectification"]
    assert [r["date"] for r in record["revisits"]] == [dt_("2026-11-05")]
    assert record["verification"]["date"] == dt_("2026-11-15")
    assert record["verification"]["result"] == "failed"
    assert invoke("validate", str(repo))[0] == 0


def dt_(text: str) -> object:
    import datetime as dt

    return dt.date.fromisoformat(text)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is missing")
def test_moving_a_pass_to_revisits_is_no_rewrite(repo: Path) -> None:
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    _commit(repo, "案卷", "2026-11-04T10:00:00+08:00")
    by = "第一督查组 韦嘉禾"
    _run(repo, "verify", FINDING, "--by", by, "--result", "failed", "--date", "2026-11-05")
    _commit(repo, "回头看未通过", "2026-11-05T18:00:00+08:00")
    _run(repo, "update", FINDING, "--status", "rectified", "--note", "已全部到账。",
         "--date", "2026-11-12")  # fmt: skip
    _run(repo, "verify", FINDING, "--by", by, "--date", "2026-11-20")
    _commit(repo, "回头看通过", "2026-11-20T18:00:00+08:00")
    code, out, err = invoke("validate", str(repo), "--history")
    assert code == 0 and "rewritten-record" not in out, out + err
    out = _run(repo, "history", FINDING, "--format", "json")
    # both passes, each with the commit that introduced it, named where each is now
    records = {r["record"]: r for r in json.loads(out)["records"]}
    assert records["revisits[0]"]["date"] == "2026-11-05"
    assert records["revisits[0]"]["message"] == "回头看未通过"
    assert records["verification"]["date"] == "2026-11-20"
    assert records["verification"]["label"] == "latest revisit"


@pytest.mark.parametrize(
    ("revisits", "code"),
    [
        ("[{date: 2026-11-05, by: 韦嘉禾, result: passed}]", "status-contradicts-verification"),
        ("[{date: 2026-11-25, by: 韦嘉禾, result: failed}]", "revisit-out-of-order"),
    ],
)
def test_earlier_revisits_failed_and_came_first(repo: Path, revisits: str, code: str) -> None:
    path = repo / HECHENG
    text = path.read_text(encoding="utf-8")
    old = "      verification: {date: 2026-11-05, by: 第一督查组 韦嘉禾, result: passed}"
    assert old in text
    latest = "      verification: {date: 2026-11-20, by: 韦嘉禾, result: passed}"
    new = f"      revisits: {revisits}\n{latest}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    status, out, _ = invoke("validate", str(repo))
    assert status == 1 and f"error {code}" in out and "revisits[0]" in out


def test_revisits_without_a_latest_pass(repo: Path) -> None:
    path = repo / HECHENG
    text = path.read_text(encoding="utf-8")
    old = "      verification: {date: 2026-11-05, by: 第一督查组 韦嘉禾, result: passed}"
    new = "      revisits: [{date: 2026-11-05, by: 韦嘉禾, result: failed}]"
    path.write_text(text.replace(old, new).replace("status: verified", "status: rectified", 1))
    status, out, _ = invoke("validate", str(repo))
    assert "revisit-without-verification" in out and status == 1


def test_dates_with_a_time(repo: Path) -> None:
    out = _run(repo, "update", "2026-09-HC-07", "--note", "第3户已完工。", "--date",
               "2026-11-20 18:00")  # fmt: skip
    assert "2026-11-20 18:00" in out
    _run(repo, "extend", "2026-09-HC-06", "--to", "2026-12-31 17:30", "--reason",
         "工程受雨季影响", "--date", "2026-11-21 09:15")  # fmt: skip
    record = _finding(repo, "2026-09-HC-07")["rectification"]
    assert record["updates"][-1]["date"] == "2026-11-20 18:00"
    extension = _finding(repo, "2026-09-HC-06")["rectification"]["extensions"][0]
    assert (extension["requested"], extension["new_deadline"]) == (
        "2026-11-21 09:15",
        "2026-12-31 17:30",
    )
    assert invoke("validate", str(repo))[0] == 0


@pytest.mark.parametrize("text", ["2026-11-20 25:00", "2026-11-20 18", "18:00", "2026-13-01 18:00"])
def test_a_bad_time_is_a_usage_error(repo: Path, text: str) -> None:
    code, _, err = invoke(
        "finding", "update", "2026-09-HC-07", "--note", "x", "--date", text, "--repo", str(repo)
    )
    assert code == 2 and "YYYY-MM-DD HH:MM" in err


def _section(site: Path) -> str:
    """The finding's section of its findings file's page."""
    anchor = f'id="{FINDING}"'
    (page,) = [p for p in (site / "list").glob("*.html") if anchor in p.read_text("utf-8")]
    return page.read_text(encoding="utf-8").split(anchor)[1].split("</section>")[0]


def test_the_site_shows_every_pass(repo: Path) -> None:
    from tests.web.helpers import build

    _fail_then_pass(repo)
    out = repo.parent / "site"
    result = build(out, repo)
    assert result.exit_code == 0, result.output
    page = _section(out)
    assert "follow-up visit by 第一督查组 韦嘉禾: failed" in page
    assert "follow-up visit by 第一督查组 韦嘉禾: passed" in page


@pytest.mark.skipif(shutil.which("git") is None, reason="git is missing")
def test_the_site_names_who_recorded_each_record(repo: Path) -> None:
    """Built inside git, a finding's timeline says who committed each record and when; a
    record not committed yet says nothing."""
    from tests.web.helpers import build

    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    _commit(repo, "案卷", "2026-11-04T10:00:00+08:00")
    _run(repo, "verify", FINDING, "--by", "韦嘉禾", "--result", "failed", "--date", "2026-11-05")
    _commit(repo, "回头看未通过", "2026-11-05T18:00:00+08:00")
    _run(repo, "update", FINDING, "--status", "rectified", "--note", "已全部到账。",
         "--date", "2026-11-12")  # fmt: skip
    out = repo.parent / "site"
    result = build(out, repo)
    assert result.exit_code == 0, result.output
    page = _section(out)
    assert page.count("recorded by 庞立新, 2026-11-04 10:00 (git)") == 1  # its first update
    assert page.count("recorded by 庞立新, 2026-11-05 18:00 (git)") == 2  # revisit and update
    assert page.count("(git)") == page.count("recorded by") and "已全部到账" in page
    text = page.split("已全部到账")[1].split("</li>")[0]
    assert "recorded by" not in text  # not committed yet


def test_outside_git_the_site_names_no_one(repo: Path) -> None:
    from tests.web.helpers import build

    out = repo.parent / "site"
    assert build(out, repo).exit_code == 0
    assert "(git)" not in _section(out)


def test_the_ledger_shows_each_failed_pass(repo: Path) -> None:
    from openpyxl import load_workbook

    by = "第一督查组 韦嘉禾"
    _run(repo, "verify", FINDING, "--by", by, "--result", "failed", "--date", "2026-11-05")
    _run(repo, "update", FINDING, "--status", "rectified", "--note", "再次整改。",
         "--date", "2026-11-08")  # fmt: skip
    _run(repo, "verify", FINDING, "--by", by, "--result", "failed", "--date", "2026-11-15")
    out = repo.parent / "ledger.xlsx"
    code, _, err = invoke("export", "ledger", str(repo), "--county", "禾城区", "--out", str(out))
    assert code == 0, err
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    header = rows[1]
    row = next(r for r in rows if FINDING in r)
    assert row[header.index("当前状态")] == (
        "整改中（2026-11-05回头看未通过）（2026-11-15回头看未通过）"
    )
