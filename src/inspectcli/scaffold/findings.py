"""The findings file `inspect new-findings` writes: a plan's county, ready to fill in.

The file validates as written: only the plan, the county and empty or null fields are
data; the sampled units and the example problem are comments, so the officer sees where
the group went and what a problem looks like without anything to delete first.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from inspectcli.model.common import HOUSEHOLD_STATUS_ZH, VILLAGE_CLASS_ZH
from inspectcli.model.findings import FindingsDocument, Letter
from inspectcli.model.plan import PlanDocument, Sample
from inspectcli.redact import mask
from inspectcli.repo.roster import Roster


def _first_names(names: dict[str, str]) -> dict[str, str]:
    """English value → its first Chinese name, for the comments of a Chinese file."""
    reverse: dict[str, str] = {}
    for chinese, english in names.items():
        reverse.setdefault(english, chinese)
    return reverse


CLASS_NAMES = _first_names(dict(VILLAGE_CLASS_ZH))
STATUS_NAMES = _first_names(dict(HOUSEHOLD_STATUS_ZH))


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def latest_letter(documents: Iterable[FindingsDocument], county: str) -> Letter | None:
    """The letter of the county's latest findings file that has an addressee: the
    settings hold no addressee, and a county's letters go to the same units each round."""
    letters = [d.letter for d in documents if d.county == county and d.letter and d.letter.to]
    dated = sorted(letters, key=lambda letter: str(letter.date or ""))
    return dated[-1] if dated else None


def _letter_lines(letter: Letter | None) -> list[str]:
    lines = ["letter:                        # 整改函：文号和发函日期在发函时填写"]
    if letter is None or letter.to is None:
        return [*lines, "  to: null                      # 主送单位", "  copy_to: []  # 抄送单位"]
    copy_to = ", ".join(_quote(unit) for unit in letter.copy_to)
    return [*lines, f"  to: {_quote(letter.to)}", f"  copy_to: [{copy_to}]"]


def _sample_lines(sample: Sample | None, county: str, roster: Roster | None) -> list[str]:
    """The county's sampled units as comments; a household with its head's name (masked
    should an ID number have been typed into the name cell), never its ID or phone."""
    if sample is None:
        return ["# 本轮尚未抽样（inspect sample 抽取后记录在方案中）。"]
    prefix = f"{county}/"
    lines = ["# 本轮抽取的该县（区）乡镇、村和农户："]
    towns = (u.id for u in sample.towns if u.id.startswith(prefix))
    lines += [f"#   乡镇 {town.removeprefix(prefix)}" for town in towns]
    households = roster.households if roster is not None else {}
    for village in (v for v in sample.villages if v.id.startswith(prefix)):
        name = village.id.removeprefix(prefix)
        lines.append(f"#   村 {name}（{CLASS_NAMES[village.village_class]}）")
        for household in (h for h in sample.households if h.village == village.id):
            head = mask(households[household.id].head) if household.id in households else ""
            status = STATUS_NAMES[household.status]
            lines.append(f"#     户 {' '.join(filter(None, (household.id, head)))}（{status}）")
    return lines


def _example_place(sample: Sample | None, county: str) -> str:
    """Town, village and household of the example: the county's first sampled ones."""
    prefix = f"{county}/"
    villages = [v for v in sample.villages if v.id.startswith(prefix)] if sample else []
    if sample is None or not villages:
        return "town: 某某镇, village: 某某村, household: 户编号"
    town, _, village = villages[0].id.removeprefix(prefix).partition("/")
    household = next((h.id for h in sample.households if h.village == villages[0].id), "户编号")
    return f"town: {town}, village: {village}, household: {household}"


def _example_lines(plan: PlanDocument, county: str) -> list[str]:
    """One problem, commented out, with every field an officer usually fills."""
    code = plan.content[0] if plan.content else "01"
    place = _example_place(plan.sample, county)
    example = [
        f"- id: {plan.id}-01                # 问题编号，全库唯一",
        f'  content: "{code}"                # 督查内容编号（政策目录）',
        f"  location: {{county: {county}, {place}}}",
        "  description: 具体问题。写明查到的事实、依据和与要求的差距。",
        "  evidence: [入户走访记录, 照片]   # 问题佐证",
        "  responsible: {unit: 某某镇人民政府, person: 责任人（职务）}",
        "  severity: 一般                # 一般 general、较重 serious、严重 major",
        "  measures: 整改要求（措施）。",
        "  target: 整改目标。",
        f"  deadline: {plan.end.isoformat()}          # 整改时限（YYYY-MM-DD）",
    ]
    return ["# 问题示例（去掉行首的“# ”，逐项改写）：", *(f"#   {line}" for line in example)]


def render_findings(
    plan: PlanDocument,
    county: str,
    schema: str,
    roster: Roster | None = None,
    letter: Letter | None = None,
) -> str:
    """The text of the findings file of ``county`` in ``plan``."""
    lines = [
        f"# yaml-language-server: $schema={schema}",
        f"# {county}问题清单（{plan.id}）：由 inspect new-findings 生成，可自由编辑。",
        "kind: findings",
        "version: 1",
        f"plan: {_quote(plan.id)}",
        f"county: {_quote(county)}",
        "exchanged: null                 # 交换意见日期（YYYY-MM-DD）",
        *_letter_lines(letter),
        *_sample_lines(plan.sample, county, roster),
        "findings: []                    # 问题清单：填写问题时删去 []，每个问题一项，见下方示例",
        *_example_lines(plan, county),
    ]
    return "\n".join(lines) + "\n"
