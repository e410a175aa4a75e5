"""三单: `inspect report --lists --out DIR` writes the problem list, the responsibility list
(each unit and person with each problem, role and deadline) and the rectification list
(measures, deadlines, status, evidence), masked as the ledger is."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from .helpers import invoke, repo_with

ARGS = ["--period", "2026Q3", "--as-of", "2026-11-10"]
PHONE = "13900001111"  # no one's: a test number written into a measure


@pytest.fixture
def written(tmp_path: Path) -> Path:
    repo = repo_with(tmp_path / "repo", "three-lists", "township-plan.yaml")
    path = repo / "findings" / "township-plan.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("并建立台账", f"并建立台账（联系电话{PHONE}）"), encoding="utf-8")
    out = tmp_path / "lists"
    code, _, err = invoke("--lang", "zh", "report", str(repo), *ARGS, "--lists", "--out", str(out))
    assert code == 0, err
    assert "清单已写入" in err and "报告" not in err  # three lists, no report
    return out


def _rows(path: Path) -> list[tuple[object, ...]]:
    return list(load_workbook(path).active.iter_rows(values_only=True))


def test_three_files(written: Path) -> None:
    names = {p.name for p in written.iterdir()}
    assert names == {"问题清单.xlsx", "责任清单.xlsx", "整改清单.xlsx"}
    problems = _rows(written / "问题清单.xlsx")
    assert problems[0][:3] == ("问题编号", "县", "问题类型")
    assert ("2026-09-HC-L01", "禾城区", "0302") in [r[:3] for r in problems]


def test_responsibility_list_names_each_unit_with_its_role(written: Path) -> None:
    rows = [r for r in _rows(written / "责任清单.xlsx") if r[3] == "2026-09-HC-T01"]
    roles = {(r[0], r[1], r[2]) for r in rows}
    assert ("禾城区白沙镇人民政府", "莫建华", "牵头单位") in roles
    assert ("禾城区水务局", "韦立群", "责任单位") in roles
    assert ("长岗村村民委员会", "覃有德", "责任单位") in roles
    measure = next(r for r in rows if str(r[2]).startswith("负责措施：逐户排查"))
    assert (measure[0], measure[1], measure[5].date().isoformat()) == (
        "长岗村村民委员会",
        "覃有德",
        "2026-10-31",
    )


def test_rectification_list_has_measures_status_and_evidence(written: Path) -> None:
    rows = _rows(written / "整改清单.xlsx")
    t01 = [r for r in rows if r[0] == "2026-09-HC-T01"]
    assert [r[2].date().isoformat() for r in t01] == ["2026-11-30", "2026-10-31"]
    l01 = next(r for r in rows if r[0] == "2026-09-HC-L01")
    assert l01[4] == "已核验" and l01[6] == "evidence/2026-09-HC-L01/检测报告.txt"
    assert PHONE not in str(rows) and "139****1111" in str(rows)


def test_lists_need_a_folder(tmp_path: Path) -> None:
    code, _, err = invoke("report", str(tmp_path), *ARGS, "--lists")
    assert code == 2 and "--out" in err
