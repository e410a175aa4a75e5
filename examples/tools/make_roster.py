"""Write the example roster ``roster/households.csv`` of the invented city 青禾市.

Everything here is made up: places, names, ID numbers (region prefix ``000000``, which no
region has) and phones (prefix ``100``, which no carrier uses). The output depends only on
the seed, so re-running the script reproduces the file byte for byte.

Usage: python examples/tools/make_roster.py [--out PATH] [--seed SEED]
"""

from __future__ import annotations

import argparse
import csv
import io
import random
from pathlib import Path
from typing import NamedTuple

DEFAULT_SEED = "qinghe-roster-2026"
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "roster" / "households.csv"
HEADER = (
    "county", "town", "village", "village_class", "household_id",
    "head_name", "status", "members", "id_number", "phone",
)

# County (district) → (code used in household ids, towns).
COUNTIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "禾城区": ("HC", ("白沙镇", "柳塘镇", "新桥镇")),
    "云溪县": ("YX", ("云溪镇", "龙潭镇", "黄竹镇", "上坪镇")),
    "石岭县": ("SL", ("石岭镇", "枫树镇", "双河镇", "岗背镇")),
    "梅川县": ("MC", ("梅川镇", "桂田镇", "洞口镇")),
    "安丰县": ("AF", ("安丰镇", "青石镇", "莲塘镇", "大坑镇")),
}

# Village names are a place word and a landform word, unique across the city.
VILLAGE_HEADS = "上下东西南北新横大石竹黄龙桂枫杨禾莲梅松高长水马鹤岩茶樟"
VILLAGE_TAILS = "坑塘岭坪垌背坝湾岗围寨洞田山溪陂"

# Surnames common in the hills of South China, most frequent first (weights below).
SURNAMES = (*"陈李黄张刘林何罗钟曾赖谢邱叶温廖朱古骆彭邓潘余江巫严", "欧阳")
SURNAME_WEIGHTS = (
    12, 10, 9, 8, 8, 6, 5, 5, 5, 5, 4, 4, 4, 4, 3, 3, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1,
)
GIVEN_FIRST = "秋海桂冬石水新木亚振永志国宏汉德金福贵田耀炳灿锦玉凤兰娣秀日"
GIVEN_SECOND = "生发贵林明强华平安昌荣兴旺英珍娣妹莲芳清才福来根寿喜财"

STATUS_ZH = {"exited": "已脱贫户", "pre-exited": "预脱贫户", "not-exited": "未脱贫户"}
CLASS_ZH = {"poor": "贫困村", "ordinary": "面上村"}
# Every village holds at least this many households of these statuses, enough for a
# Heyuan sample (2 pre-exited, 1 not exited) with room to rotate between rounds.
STATUS_FLOOR = {"pre-exited": 4, "not-exited": 2}
STATUS_WEIGHTS = {"exited": 86, "pre-exited": 9, "not-exited": 5}
MEMBER_WEIGHTS = {1: 10, 2: 18, 3: 22, 4: 25, 5: 15, 6: 10}
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


class Row(NamedTuple):
    county: str
    town: str
    village: str
    village_class: str
    household_id: str
    head_name: str
    status: str
    members: int
    id_number: str
    phone: str


def village_names(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct invented village names."""
    pool = [head + tail + "村" for head in VILLAGE_HEADS for tail in VILLAGE_TAILS if head != tail]
    return rng.sample(pool, count)


def id_number(rng: random.Random) -> str:
    """An 18-character ID number with a valid check character but the impossible region 000000."""
    birth = f"{rng.randint(1938, 1998)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    body = "000000" + birth + f"{rng.randint(0, 999):03d}"
    total = sum(int(digit) * weight for digit, weight in zip(body, ID_WEIGHTS, strict=True))
    return body + ID_CHECK[total % 11]


def head_name(rng: random.Random, clan: list[str]) -> str:
    """Mostly a clan surname of the village, sometimes any other; a given name of one or two."""
    if rng.random() < 0.75:
        surname = rng.choice(clan)
    else:
        surname = rng.choices(SURNAMES, weights=SURNAME_WEIGHTS)[0]
    given = rng.choice(GIVEN_FIRST)
    if rng.random() < 0.85:
        given += rng.choice(GIVEN_SECOND.replace(given, ""))
    return surname + given


def statuses(rng: random.Random, size: int) -> list[str]:
    """The statuses of a village's households: the floor first, the rest weighted, shuffled."""
    chosen = [status for status, count in STATUS_FLOOR.items() for _ in range(count)]
    names, weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
    chosen += rng.choices(names, weights=weights, k=size - len(chosen))
    rng.shuffle(chosen)
    return chosen


def village_rows(
    rng: random.Random, county: str, town: str, village: str, klass: str, prefix: str
) -> list[Row]:
    size = rng.randint(48, 92)
    clan = rng.sample(SURNAMES, 2)
    members_choice, member_weights = list(MEMBER_WEIGHTS), list(MEMBER_WEIGHTS.values())
    rows = []
    for number, status in enumerate(statuses(rng, size), start=1):
        rows.append(Row(
            county, town, village, CLASS_ZH[klass], f"{prefix}-{number:03d}", head_name(rng, clan),
            STATUS_ZH[status], rng.choices(members_choice, weights=member_weights)[0],
            id_number(rng), "100" + f"{rng.randint(0, 99_999_999):08d}",
        ))
    return rows


def village_classes(rng: random.Random, count: int) -> list[str]:
    """One or two poor villages per town, at least one ordinary village, in random order."""
    poor = 1 if count == 3 or rng.random() < 0.5 else 2
    classes = ["poor"] * poor + ["ordinary"] * (count - poor)
    rng.shuffle(classes)
    return classes


def build(seed: str) -> list[Row]:
    rng = random.Random(seed)
    towns = [(county, code, t_index, town) for county, (code, names) in COUNTIES.items()
             for t_index, town in enumerate(names, start=1)]
    sizes = [rng.randint(3, 4) for _ in towns]
    names = iter(village_names(rng, sum(sizes)))
    rows: list[Row] = []
    for (county, code, t_index, town), size in zip(towns, sizes, strict=True):
        for v_index, klass in enumerate(village_classes(rng, size), start=1):
            prefix = f"QH-{code}-{t_index:02d}{v_index:02d}"
            rows += village_rows(rng, county, town, next(names), klass, prefix)
    return rows


def render(rows: list[Row]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="CSV file to write")
    parser.add_argument("--seed", default=DEFAULT_SEED, help="seed of the generator")
    args = parser.parse_args(argv)
    rows = build(args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(render(rows))
    print(f"{args.out}: {len(rows)} households")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
