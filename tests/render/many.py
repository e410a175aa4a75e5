"""A findings file with many problems of uneven length (invented people and places), for
the printed tables: rows that could split, names and dates that could break."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

SURNAMES = "钟邓黄欧阳司马赖覃"
GIVEN = ("桂芳", "金兰", "晓", "志强", "秀英", "国庆", "丽", "海燕")
CONTENTS = ("0302", "08", "0201")
UNITS = ("石桥镇人民政府", "云岗县乡村振兴局", "云岗县水利局", "柳塘镇人民政府")
CLAUSE = "入户核查发现帮扶措施落实和台账资料管理存在不一致的情况，部分数据未及时更新"
MEASURES = "逐户核对数据并更正系统信息，建立问题整改台账，明确专人负责，按月跟踪整改进展"


def person(index: int) -> str:
    surname = ("欧阳", "司马")[index % 2] if index % 5 == 0 else SURNAMES[index % 5]
    return surname + GIVEN[index % len(GIVEN)]


def deadline(index: int) -> dt.date:
    return dt.date(2026, 10, 12) + dt.timedelta(days=index * 3)


def finding(index: int) -> str:
    repeat = 1 + index % 3  # one to three clauses: rows of very different heights
    description = f"抽查{index + 1}号点位，" + "；".join([CLAUSE] * repeat)
    description += f"，涉及资金{index + 1}.5万元。"
    return (
        f"  - id: R1-{index + 1:02d}\n"
        f'    content: "{CONTENTS[index % 3]}"\n'
        "    location: {county: 云岗县, town: 石桥镇, village: 青石村}\n"
        f"    description: {description}\n"
        f"    responsible: {{unit: {UNITS[index % 4]}, person: {person(index)}}}\n"
        f"    measures: {MEASURES[: 20 + (index * 7) % 20]}\n"
        f"    deadline: {deadline(index).isoformat()}\n"
    )


def write_many(root: Path, count: int, letter: str = "") -> Path:
    path = root / "findings" / "r1.yaml"
    body = "".join(finding(index) for index in range(count))
    path.write_text(
        "kind: findings\nversion: 1\nplan: R1\ncounty: 云岗县\nexchanged: 2026-09-09\n"
        f"{letter}\nfindings:\n{body}",
        encoding="utf-8",
    )
    return path
