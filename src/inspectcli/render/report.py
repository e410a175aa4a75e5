"""The group's written report on a round to the leading group (督查报告): the situation, the
problems found, the state of rectification, and the group's opinions and suggestions
(Guangdong art. 10 and 16; Heyuan §4: the leading group hears each group's report)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from inspectcli.messages import did_you_mean, t
from inspectcli.model.common import BUILT_IN_CATEGORIES, CategoryTable
from inspectcli.model.findings import Finding, FindingsDocument
from inspectcli.model.plan import PlanDocument
from inspectcli.model.policy import Policy
from inspectcli.output.files import write_atomic
from inspectcli.pipeline.repository import Repository
from inspectcli.problems import Problem, Severity
from inspectcli.render.context import (
    INSPECTION_ZH,
    RenderError,
    catalogue_index,
    chinese_date,
    one_line,
    plan_context,
    problem_text,
    roster_redactor,
    sample_counts,
)
from inspectcli.render.engine import render_docx
from inspectcli.render.figures import CountyFigures, county_figures, percent
from inspectcli.render.templates import Rendered, file_name, locate_template
from inspectcli.repo.yamlread import problem_at

DEFAULT_TEMPLATE = "report"
CHINESE_NUMERALS = "一二三四五六七八九十"


def ordinal(position: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十: the numbering of headings (GB/T 9704 7.3.3)."""
    if position <= 10:
        return CHINESE_NUMERALS[position - 1]
    tens, ones = divmod(position, 10)
    head = "十" if tens == 1 else CHINESE_NUMERALS[tens - 1] + "十"
    return head + (CHINESE_NUMERALS[ones - 1] if ones else "")


def find_plan(repository: Repository, given: str) -> tuple[str, PlanDocument]:
    """The plan named by a file path or by its id, with its path in the repository."""
    candidate = Path(given)
    if candidate.is_file():
        resolved = candidate.resolve()
        for relative, plan in repository.plans.items():
            if (repository.root / relative).resolve() == resolved:
                return relative, plan
    for relative, plan in repository.plans.items():
        if plan.id == given:
            return relative, plan
    ids = [plan.id for plan in repository.plans.values()]
    message = t("render-unknown-plan", plan=given, hint=did_you_mean(given, ids))
    raise RenderError([problem_at(given, 0, 0, "unknown-plan", message)])


# --- the text of each section -------------------------------------------------------------


def _parts(unit: str, *pairs: tuple[int, str]) -> str:
    """贫困村1个、面上村2个: the non-zero counts, each with its unit."""
    return "、".join(f"{label}{count}{unit}" for count, label in pairs if count)


def sample_text(plan: PlanDocument, categories: CategoryTable = BUILT_IN_CATEGORIES) -> str:
    """随机抽查了1个乡镇、2个村（贫困村1个、面上村1个）、6户农户（未脱贫户2户、预脱贫户4户）,
    then the approved deviation from the policy's minimums, if any; empty without a sample."""
    counts = sample_counts(plan)
    if counts is None or plan.sample is None:
        return ""
    villages = _parts(
        "个", (counts["poor_villages"], "贫困村"), (counts["ordinary_villages"], "面上村")
    )
    statuses = Counter(h.status for h in plan.sample.households)
    order = dict.fromkeys((*categories.ids, *statuses))  # the policy's own after the built-in
    households = _parts("户", *((statuses[c], categories.name(c)) for c in order))
    text = f"随机抽查了{counts['towns']}个乡镇、{counts['villages']}个村"
    text += f"（{villages}）" if villages else ""
    text += f"、{counts['households']}户农户"
    text += f"（{households}）" if households else ""
    deviation = plan.sampling.deviation if plan.sampling is not None else None
    if deviation is not None:
        text += (
            f"。本轮抽样低于政策最低要求，理由：{deviation.reason}，经{deviation.approved_by}批准"
        )
    return text


def _categories(policy: Policy | None) -> CategoryTable:
    return policy.category_table() if policy is not None else BUILT_IN_CATEGORIES


def _category_order(policy: Policy) -> dict[str, int]:
    return {category.title: position for position, category in enumerate(policy.catalogue)}


def _aspect(title: str) -> str:
    """扶贫责任落实情况 → 扶贫责任落实, as in 扶贫责任落实方面."""
    return title.removesuffix("情况")


def problems_by_category(
    findings: list[Finding], repository: Repository, county: str
) -> list[dict[str, Any]]:
    """Findings grouped by the catalogue's top-level category, in catalogue order."""
    index = catalogue_index(repository.policy)
    order = _category_order(repository.policy)
    groups: dict[str, list[str]] = defaultdict(list)
    for finding in findings:
        category = index.get(finding.content, (finding.content, finding.content))[0]
        groups[category].append(problem_text(finding, county, repository.roster))
    ordered = sorted(groups, key=lambda title: (order.get(title, len(order)), title))
    return [
        {
            "heading": f"（{ordinal(n)}）{_aspect(title)}方面问题{len(groups[title])}个",
            "problems": [f"{i}.{text}" for i, text in enumerate(groups[title], start=1)],
        }
        for n, title in enumerate(ordered, start=1)
    ]


def _figures_row(row: CountyFigures, *, unknown: bool = False) -> dict[str, str]:
    cells = {
        "county": row.county,
        "findings": str(row.tally.findings),
        "rectified": str(row.tally.done),
        "verified": str(row.tally.verified),
        "rectifying": str(row.with_status("rectifying")),
        "open": str(row.with_status("open")),
        "overdue": str(row.tally.overdue),
        "rate": percent(row.tally.rectification_rate),
    }
    if unknown:  # no findings file: a dash, never a 0 that reads "no problems"
        return {name: value if name == "county" else "—" for name, value in cells.items()}
    return cells


def overdue_units(rows: list[CountyFigures]) -> str:
    """安丰县民政局1个、安丰县大坑镇人民政府2个: the responsible units of the overdue
    findings, with how many each, in the order of the rows and the findings' ids."""
    units = Counter(f.unit for row in rows for f in row.overdue)
    return "、".join(f"{unit}{count}个" for unit, count in units.items())


def suggestion_groups(documents: list[FindingsDocument]) -> list[dict[str, Any]]:
    """The ``suggestions`` of the round's findings files; a heading per county only when
    more than one county has suggestions."""
    having = [d for d in documents if d.suggestions]
    several = len({d.county for d in having}) > 1
    groups = []
    for position, document in enumerate(having, start=1):
        if several:
            heading = f"（{ordinal(position)}）关于{document.county or '有关县（区）'}"
            items = [f"{n}.{one_line(s)}" for n, s in enumerate(document.suggestions, start=1)]
        else:
            heading = ""
            items = [
                f"（{ordinal(n)}）{one_line(s)}"
                for n, s in enumerate(document.suggestions, start=1)
            ]
        groups.append({"heading": heading, "entries": items})
    return groups


# --- counties the round's findings files do not speak for ----------------------------------


def _covered(document: FindingsDocument, plan: PlanDocument) -> set[str]:
    """The counties a findings file speaks for: its ``county``, else those of its findings,
    else, in a round of one county, that county (an empty list says "nothing found")."""
    if document.county:
        return {document.county}
    named = {finding.location.county for finding in document.findings}
    return named or (set(plan.counties) if len(plan.counties) == 1 else set())


def unreported_counties(repository: Repository, plan: PlanDocument) -> list[str]:
    """The plan's counties without a findings file: nothing is known of them, which is not
    "no problems" (an empty findings file, ``findings: []``, says that)."""
    documents = [d for d in repository.findings.values() if d.plan == plan.id]
    covered = set().union(*(_covered(d, plan) for d in documents))
    return [county for county in plan.counties if county not in covered]


def unreported_warnings(repository: Repository, plan: PlanDocument, path: str) -> list[Problem]:
    """A warning at each county of the plan that no findings file speaks for."""
    from inspectcli.checks.repository import RepoViolation
    from inspectcli.pipeline.locate import locate_all

    missing = set(unreported_counties(repository, plan))
    violations = [
        RepoViolation(
            path,
            ("counties", index),
            "county-without-findings",
            t("render-report-county-without-findings", county=county, plan=plan.id),
            Severity.WARNING,
        )
        for index, county in enumerate(plan.counties)
        if county in missing
    ]
    return locate_all(repository.root, violations) if path else []


# --- the context --------------------------------------------------------------------------


def report_context(
    repository: Repository, plan: PlanDocument, date: dt.date, draft: bool = False
) -> dict[str, Any]:
    """The variables a report template sees (listed in README, `inspect render-report`)."""
    settings = repository.settings
    documents = [d for d in repository.findings.values() if d.plan == plan.id]
    findings = [f for d in documents for f in d.findings]
    rows, whole = county_figures(repository, [plan], date)
    single = plan.counties[0] if len(plan.counties) == 1 else ""
    unreported = unreported_counties(repository, plan)
    table = [_figures_row(row, unknown=row.county in unreported) for row in rows]
    if len(rows) > 1:
        table.append(_figures_row(whole))
    return {
        "authority": {"name": settings.authority.name, "short_name": settings.authority.short_name},
        "to": settings.authority.leading_group or settings.authority.name,
        "inspection": INSPECTION_ZH[plan.type],
        "month": f"{plan.start.year}年{plan.start.month}月",
        "counties": "、".join(plan.counties),
        # Counties without a findings file: the report says nothing of their problems.
        "unreported": "、".join(unreported),
        "reported": "、".join(c for c in plan.counties if c not in unreported),
        "plan": plan_context(plan, catalogue_index(repository.policy)),
        "sample": sample_text(plan, _categories(repository.policy)),
        "total": len(findings),
        "grave": sum(1 for f in findings if f.severity != "general"),
        "categories": problems_by_category(findings, repository, single),
        "rectified": whole.tally.done,
        "verified": whole.tally.verified,
        "rectifying": whole.with_status("rectifying"),
        "open": whole.with_status("open"),
        "overdue": whole.tally.overdue,
        "rate": percent(whole.tally.rectification_rate),
        "rows": table,
        "overdue_units": overdue_units(rows),
        "suggestions": suggestion_groups(documents),
        "date": chinese_date(date),
        "signature": plan.group.name,
        "issuer": settings.authority.name,
        "issued": chinese_date(date),
        "draft": draft,
    }


def not_ended(path: str, plan: PlanDocument, day: dt.date) -> RenderError:
    """A report dated before its round ends would state as final what is still being
    found (an empty round would read "未发现问题"): refused, unless asked for a draft."""
    message = t("render-report-round-open", plan=plan.id, end=plan.end, date=day)
    return RenderError([problem_at(path, 0, 0, "round-not-ended", message)])


def render_report(
    repository: Repository,
    plan: PlanDocument,
    *,
    template: str | None = None,
    date: dt.date | None = None,
    layout: str = "document",
    draft: bool = False,
    path: str = "",
) -> Rendered:
    chosen = locate_template(
        repository.root, repository.settings.templates, template, DEFAULT_TEMPLATE
    )
    day = date or dt.date.today()
    if day < plan.end and not draft:
        raise not_ended(path or plan.id, plan, day)
    context = report_context(repository, plan, day, draft)
    data = render_docx(chosen, context, roster_redactor(repository.roster), layout)
    return Rendered(data, None, False, day, chosen)


def write_report(plan: PlanDocument, rendered: Rendered, out: Path) -> Path:
    """Written to ``OUT/<plan id>-督查报告.docx``."""
    target = out / file_name(f"{plan.id}-{INSPECTION_ZH[plan.type]}报告")
    write_atomic(target, rendered.data)
    return target
