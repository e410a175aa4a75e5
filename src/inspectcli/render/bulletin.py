"""The monthly bulletin across groups (督查通报, Da'an §4.5; Heyuan §6): per county the
rounds, findings, rectified, overdue and the rectification rate, and who is praised and
who criticised.

The figures are `inspect report`'s, as of the bulletin's date (``render.figures``). Praise
and criticism are decided from them by two rules, stated in README.md and in the bulletin
itself (Heyuan §6: praise and bonus points, or criticism and deductions):

* praised (表扬): at least one finding in the period, all of them rectified or verified
  (整改率 100%), and none overdue;
* criticised (批评): one or more findings overdue as of the bulletin's date.

A county can be neither (rectification under way, nothing overdue); never both, since an
overdue finding is not rectified as of that date.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from inspectcli.messages import enumeration, t
from inspectcli.model.numbers import next_number
from inspectcli.model.plan import PlanDocument
from inspectcli.model.settings import RegisteredDocument
from inspectcli.output.files import write_atomic
from inspectcli.pipeline.repository import Repository
from inspectcli.render.context import (
    INSPECTION_ZH,
    RenderError,
    chinese_date,
    copy_list,
    registered_numbers,
    roster_redactor,
)
from inspectcli.render.engine import render_docx
from inspectcli.render.figures import (
    CountyFigures,
    county_figures,
    household_group_figures,
    percent,
)
from inspectcli.render.report import ordinal, overdue_units
from inspectcli.render.templates import Rendered, file_name, locate_template
from inspectcli.repo.layout import SETTINGS_FILE
from inspectcli.repo.yamlread import problem_at
from inspectcli.report.period import parse_period

DEFAULT_TEMPLATE = "bulletin"
# The units a bulletin names, and whom it goes to unless inspect.yaml says (`bulletin:`).
UNIT_WORDS = {"counties": "县（区）", "towns": "乡镇（街道）"}
ADDRESSEES = {
    "counties": "各县（区）党委、政府，市直有关单位",
    "towns": "各乡镇党委、政府，各街道党工委、办事处，区（县）直有关单位",
}
PERIOD = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def praised(row: CountyFigures) -> bool:
    """整改率 100% with at least one finding, and nothing overdue."""
    tally = row.tally
    return tally.findings > 0 and tally.done == tally.findings and not tally.overdue


def criticised(row: CountyFigures) -> bool:
    """One or more findings overdue."""
    return row.tally.overdue > 0


def period_plans(repository: Repository, period: str) -> list[PlanDocument]:
    """The rounds whose start lies in the period (as `inspect report` chooses them), by
    start date and id; RenderError when none starts in it."""
    month = parse_period(period)
    chosen = [plan for plan in repository.plans.values() if plan.start in month]
    plans = sorted(chosen, key=lambda plan: (plan.start, plan.id))
    if not plans:
        months = sorted({p.start.strftime("%Y-%m") for p in repository.plans.values()})
        message = t("render-no-rounds", period=period, months=enumeration(months) or "-")
        raise RenderError([problem_at(SETTINGS_FILE, 0, 0, "no-rounds", message)])
    return plans


# --- number and date ----------------------------------------------------------------------


def registered(repository: Repository, period: str) -> RegisteredDocument | None:
    """The register entry of this period's bulletin, if its number was recorded."""
    return next((e for e in repository.settings.issued if e.bulletin == period), None)


def bulletin_number(repository: Repository, period: str, date: dt.date) -> tuple[str, bool]:
    """The registered number of the period's bulletin, or the next free number of the year
    among every number in use (letters and the register): numbers are never reused."""
    entry = registered(repository, period)
    if entry is not None:
        return entry.number, False
    numbers = registered_numbers(repository.settings)
    numbers += [
        (path, document.letter.number)
        for path, document in repository.findings.items()
        if document.letter and document.letter.number
    ]
    short_name = repository.settings.authority.short_name
    return next_number(numbers, short_name, date.year), True


def bulletin_date(repository: Repository, period: str, given: dt.date | None) -> dt.date:
    entry = registered(repository, period)
    if given is not None:
        return given
    if entry is not None and entry.date is not None:
        return entry.date
    return dt.date.today()


# --- the context --------------------------------------------------------------------------


def _row(position: str, row: CountyFigures) -> dict[str, str]:
    return {
        "index": position,
        "county": row.county,
        "rounds": str(row.rounds),
        "findings": str(row.tally.findings),
        "rectified": str(row.tally.done),
        "overdue": str(row.tally.overdue),
        "rate": percent(row.tally.rectification_rate),
    }


def _inspection(plans: list[PlanDocument]) -> str:
    kinds = {plan.type for plan in plans}
    return INSPECTION_ZH[kinds.pop()] if len(kinds) == 1 else "督查巡查"


def _headings(praise: bool, criticism: bool) -> dict[str, str]:
    """一、 … for the sections present: praise and criticism only when someone is named."""
    present = ["figures", *(["praise"] if praise else []), *(["criticism"] if criticism else [])]
    present.append("requirements")
    return {key: f"{ordinal(position)}、" for position, key in enumerate(present, start=1)}


def criticism_text(row: CountyFigures) -> str:
    """安丰县：逾期未整改问题6个，整改率0%，涉及…（each unit with its count）。"""
    return (
        f"{row.county}：逾期未整改问题{row.tally.overdue}个，"
        f"整改率{percent(row.tally.rectification_rate)}，"
        f"涉及{overdue_units([row])}。"
    )


def household_groups_text(repository: Repository, plans: list[PlanDocument], date: dt.date) -> str:
    """按户类别分组：脱贫户走访12户、发现问题3个；… — only under a policy that declares its
    groups (empty otherwise, and the template leaves the paragraph out)."""
    policy = repository.policy
    if not policy.groups:
        return ""
    names = {group.id: group.name for group in policy.groups}
    parts = [
        f"{names.get(row.key, row.key)}走访{row.tally.visited}户、发现问题{row.tally.findings}个"
        for row in household_group_figures(repository, plans, date)
    ]
    return f"按户类别分组统计：{'；'.join(parts)}。"


def bulletin_context(
    repository: Repository, period: str, date: dt.date, number: str
) -> dict[str, Any]:
    """The variables a bulletin template sees (listed in README, `inspect render-bulletin`)."""
    settings, policy = repository.settings, repository.policy
    plans = period_plans(repository, period)
    rows, whole = county_figures(repository, plans, date)
    year, month = (int(part) for part in period.split("-"))
    praise = [row.county for row in rows if praised(row)]
    criticism = [criticism_text(row) for row in rows if criticised(row)]
    table = [_row(str(n), row) for n, row in enumerate(rows, start=1)]
    leading_group = settings.authority.leading_group
    return {
        "authority": {"name": settings.authority.name, "short_name": settings.authority.short_name},
        "number": number,
        "month": f"{year}年{month}月",
        "inspection": _inspection(plans),
        "organiser": leading_group or settings.authority.name,
        "groups": len({plan.group.name for plan in plans}),
        "groups_text": "、".join(dict.fromkeys(plan.group.name for plan in plans)),
        "rounds": len(plans),
        "counties": "、".join(row.county for row in rows),
        "county_count": len(rows),
        "total": whole.tally.findings,
        "rectified": whole.tally.done,
        "overdue": whole.tally.overdue,
        "rate": percent(whole.tally.rectification_rate),
        "rows": table,
        "household_groups": household_groups_text(repository, plans, date),
        "sum": _row("", whole) | {"county": "合计"},
        "praise": "、".join(praise),
        "criticism": criticism,
        "headings": _headings(bool(praise), bool(criticism)),
        "source": f"《{policy.title}》",
        "date": chinese_date(date),
        "copy_to": copy_list(settings.bulletin.copy_to) or leading_group or "",
        "unit": UNIT_WORDS[settings.bulletin.units],
        "addressee": settings.bulletin.addressee or ADDRESSEES[settings.bulletin.units],
        "issuer": settings.authority.name,
        "issued": chinese_date(date),
    }


def render_bulletin(
    repository: Repository,
    period: str,
    *,
    template: str | None = None,
    date: dt.date | None = None,
    layout: str = "document",
) -> Rendered:
    chosen = locate_template(
        repository.root, repository.settings.templates, template, DEFAULT_TEMPLATE
    )
    day = bulletin_date(repository, period, date)
    number, allocated = bulletin_number(repository, period, day)
    context = bulletin_context(repository, period, day, number)
    data = render_docx(chosen, context, roster_redactor(repository.roster), layout)
    return Rendered(data, number, allocated, day, chosen)


def write_bulletin(rendered: Rendered, out: Path, period: str) -> Path:
    """Written to ``OUT/<document number>.docx``."""
    target = out / file_name(rendered.number or f"{period}-通报")
    write_atomic(target, rendered.data)
    return target
