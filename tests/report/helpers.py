"""A small case repository under the Suzhou preset, counted by hand in test_rates.py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from inspectcli.report.compute import Options
from inspectcli.report.model import Report
from inspectcli.report.period import parse_period
from inspectcli.report.run import make_report, the_report

SETTINGS = """\
kind: settings
version: 1
authority: {name: 试验市乡村振兴局, short_name: 试乡振}
policy: {preset: suzhou}
roster: roster.csv
"""

# 甲县 has 20 households of 5 people in 一镇/东村 and 20 of 5 in 二镇/南村: 200 people.
ROSTER_HEAD = "county,town,village,village_class,household_id,head_name,status,members\n"


def roster_text() -> str:
    lines = [ROSTER_HEAD]
    for town, village, prefix in (("一镇", "东村", "D"), ("二镇", "南村", "N")):
        for n in range(1, 21):
            lines.append(f"甲县,{town},{village},贫困村,{prefix}{n:02d},户主{prefix}{n},已脱贫,5\n")
    for n in range(1, 6):
        lines.append(f"乙县,三镇,北村,面上村,B{n:02d},户主B{n},未脱贫,3\n")
    return "".join(lines)


PLAN = """\
kind: plan
version: 1
id: {id}
type: supervision
scope: comprehensive
mode: announced
group: {{name: {group}, leader: 组长{id}}}
counties: [{county}]
start: {start}
end: {end}
content: ["01", "02", "03", "04"]
"""

FINDINGS_NOV = """\
kind: findings
version: 1
plan: r-nov
county: 甲县
findings:
  - id: F1
    content: "0401"
    location: {county: 甲县, town: 一镇, village: 东村, household: D01}
    description: 识别不精准。该户有私家轿车。
    responsible: {unit: 一镇人民政府, person: 甲某（镇长）}
    measures: 按程序清退。
    target: 识别精准。
    deadline: 2026-11-30
    tags: [mis-identification]
    rectification:
      status: verified
      rectified: 2026-11-20
      verification: {date: 2026-11-25, by: 督查组, result: passed}
  - id: F2
    content: "0402"
    location: {county: 甲县, town: 一镇, village: 东村, household: D02}
    description: 退出不精准。
    responsible: {unit: 一镇人民政府}
    measures: 重新核算收入。
    deadline: 2026-11-30
    tags: [wrong-exit]
    rectification: {status: rectified, rectified: 2026-12-05}
  - id: F3
    content: "0301"
    location: {county: 甲县, town: 二镇}
    description: 专项扶贫资金未足额列入预算。
    responsible: {unit: 甲县财政局, person: 乙某（副局长）}
    measures: 追加预算。
    deadline: 2026-11-30
    rectification:
      status: rectified
      rectified: 2026-12-10
      extensions:
        - requested: 2026-11-25
          reason: 需经人大常委会审议
          new_deadline: 2026-12-20
          decision: approved
          decided: 2026-11-27
  - id: F4
    content: "01"
    location: {county: 甲县}
    description: 四项清单未制定。
    responsible: {unit: 甲县财政局}
    measures: 制定四项清单。
    deadline: 2026-11-30
  - id: F5
    content: "02"
    location: {county: 甲县, town: 二镇}
    description: 乡镇长走访户数不足。
    responsible: {unit: 二镇人民政府}
    measures: 补足走访。
    deadline: 2026-12-31
    rectification: {status: rectifying}
"""

FINDINGS_OCT = """\
kind: findings
version: 1
plan: r-oct
county: 乙县
findings:
  - id: G1
    content: "0401"
    location: {county: 乙县, town: 三镇, village: 北村}
    description: 信息采集不准确。
    responsible: {unit: 三镇人民政府}
    measures: 更正信息。
    deadline: 2026-11-10
"""


def write_repo(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "inspect.yaml").write_text(SETTINGS, encoding="utf-8")
    (root / "roster.csv").write_text(roster_text(), encoding="utf-8")
    (root / "plans").mkdir()
    (root / "findings").mkdir()
    plans = (
        ("r-nov", "第一督查组", "甲县", "2026-11-02", "2026-11-03"),
        ("r-oct", "第二督查组", "乙县", "2026-10-05", "2026-10-06"),
    )
    for plan_id, group, county, start, end in plans:
        text = PLAN.format(id=plan_id, group=group, county=county, start=start, end=end)
        (root / "plans" / f"{plan_id}.yaml").write_text(text, encoding="utf-8")
    (root / "findings" / "nov.yaml").write_text(FINDINGS_NOV, encoding="utf-8")
    (root / "findings" / "oct.yaml").write_text(FINDINGS_OCT, encoding="utf-8")
    return root


def report(root: Path, period: str, by: str = "county", as_of: str = "2026-12-15") -> Report:
    options = Options(parse_period(period), by, dt.date.fromisoformat(as_of))
    return make_report(root, options, ("report", the_report), cache_dir=None, jobs=1)
