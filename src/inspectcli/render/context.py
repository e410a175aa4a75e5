"""From a findings file to everything a letter needs: the case, its number, its context."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from inspectcli.messages import t
from inspectcli.model.findings import Finding, FindingsDocument, Letter
from inspectcli.model.moment import end_of, time_of
from inspectcli.model.plan import METHOD_ZH, PlanDocument
from inspectcli.model.policy import Policy
from inspectcli.model.settings import SettingsDocument
from inspectcli.pipeline.repository import (
    Needs,
    Repository,
    RepositoryError,
    open_repository,
    problem_in,
    sniff_kind,
)
from inspectcli.problems import Problem
from inspectcli.redact import Redactor, shaped
from inspectcli.render.tables import COMPOUND_SURNAMES, unbreakable
from inspectcli.repo.layout import find_root, read_yaml
from inspectcli.repo.roster import Roster
from inspectcli.repo.yamlread import problem_at


class RenderError(Exception):
    """Input that stops a render: the problems to show, with file, line and column."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


@dataclass
class Case:
    """What one rectification letter is made from."""

    root: Path
    path: str  # the findings file, relative to root
    settings: SettingsDocument
    findings: FindingsDocument
    plan: PlanDocument
    policy: Policy
    roster: Roster | None
    letter_numbers: list[tuple[str, str]] = field(default_factory=list)  # (path, number)
    warnings: list[Problem] = field(default_factory=list)


# --- loading ------------------------------------------------------------------------------

# What a letter needs: its findings file, its plan, and the document numbers in use.
LETTER_KINDS = frozenset({"plan", "findings"})


def _error(path: str, code: str, message: str) -> RenderError:
    return RenderError([problem_at(path, 1, 1, code, message)])


def load_case(findings_file: Path) -> Case:
    """Load a findings file and the documents around it; RenderError for unusable input.

    Only what a letter needs is parsed: the file itself, the plans that mention its plan's
    id, and the findings files that carry a letter number. Errors in other files are
    `inspect validate`'s business, not the letter's.
    """
    findings_file = findings_file.resolve()
    root = find_root(findings_file)
    if root is None:
        raise _error(findings_file.as_posix(), "no-settings", t("render-no-repository"))
    path = findings_file.relative_to(root).as_posix()
    raw = read_yaml(root, path)
    plan_id = re.search(rb"^plan:[ \t]*[\"']?([^\s\"'#]+)", raw, re.MULTILINE)
    plan_key = plan_id.group(1) if plan_id else b"plan:"

    def relevant(relative: str, contents: bytes) -> bool:
        return relative == path or plan_key in contents or b"number:" in contents

    try:
        repository = open_repository(root, needs=Needs(LETTER_KINDS, relevant, valid=False))
    except RepositoryError as error:
        raise RenderError(error.problems) from None
    if path in repository.invalid:
        raise RenderError(repository.invalid[path])
    if path not in repository.findings:
        kind = sniff_kind(raw)
        raise _error(path, "render-not-findings", t("render-not-findings", kind=kind))
    return _case(repository, path)


def _case(repository: Repository, path: str) -> Case:
    findings = repository.findings[path]
    plan = repository.plan(findings.plan)
    if plan is None:
        raise RenderError(repository.unknown_plan(path))
    numbers = [
        (relative, document.letter.number)
        for relative, document in repository.findings.items()
        if document.letter is not None and document.letter.number
    ]
    warnings = repository.warnings.get(path, [])
    return Case(
        repository.root,
        path,
        repository.settings,
        findings,
        plan,
        repository.policy,
        repository.roster,
        numbers,
        warnings,
    )


# --- document numbers ---------------------------------------------------------------------


def registered_numbers(settings: SettingsDocument) -> list[tuple[str, str]]:
    """The numbers of the settings' register of documents sent (bulletins and others)."""
    from inspectcli.repo.layout import SETTINGS_FILE

    return [(SETTINGS_FILE, entry.number) for entry in settings.issued]


# --- text ---------------------------------------------------------------------------------


def copy_list(names: Iterable[str]) -> str:
    """The organs of a 抄送 line, separated by full-width commas as in the sample pages of
    GB/T 9704-2012 (10.2.1: the template ends the line with a 句号)."""
    return "，".join(names)


def chinese_date(day: dt.date) -> str:
    """2026年11月23日: Arabic digits, no zero padding (GB/T 9704 7.3.5); a deadline due at
    an hour adds it (2026年9月26日18:00)."""
    hour = time_of(day)
    return f"{day.year}年{day.month}月{day.day}日" + (f"{hour:%H:%M}" if hour else "")


def period(start: dt.date, end: dt.date) -> str:
    if start == end:
        return chinese_date(start)
    if start.year != end.year:
        return f"{chinese_date(start)}至{chinese_date(end)}"
    if start.month != end.month:
        return f"{chinese_date(start)}至{end.month}月{end.day}日"
    return f"{chinese_date(start)}至{end.day}日"


def mask_name(name: str) -> str:
    """张三 → 张某; 欧阳娜娜 → 欧阳某: a household is named, never identified."""
    name = name.strip()
    surname = name[:2] if name[:2] in COMPOUND_SURNAMES else name[:1]
    return f"{surname}某"


# Per roster, its ID and phone numbers not shaped like one (a landline typed without its
# area code set apart, a mistyped ID): nothing but the roster marks them personal. Read
# only when a text holds such a number, and once per roster: a million households take
# seconds to read.
_ROSTER_NUMBERS: WeakKeyDictionary[Roster, frozenset[str]] = WeakKeyDictionary()


def _unshaped_numbers(roster: Roster) -> frozenset[str]:
    numbers = _ROSTER_NUMBERS.get(roster)
    if numbers is None:
        values = (
            v for _, _, id_number, phone in roster.every_details() for v in (id_number, phone)
        )
        digits = (
            v if v.isdigit() else "".join(filter(str.isalnum, v)).upper() for v in values if v
        )
        numbers = frozenset(d for d in digits if not shaped(d))
        _ROSTER_NUMBERS[roster] = numbers
    return numbers


def roster_redactor(roster: Roster | None) -> Redactor:
    """The redactor of documents: every number shaped like an ID or a phone, and the
    roster's own id_number and phone values whatever their shape."""
    if roster is None:
        return Redactor()
    return Redactor(lambda: _unshaped_numbers(roster))


def one_line(text: str) -> str:
    """YAML block text on one line: Chinese joins without a blank, Latin with one."""

    def join(match: re.Match[str]) -> str:
        before, after = match.group(1), match.group(2)
        ascii_pair = before.isascii() and after.isascii()
        return before + (" " if ascii_pair else "") + after

    return re.sub(r"(\S)\s*\n\s*(\S)", join, text.strip())


# --- the context --------------------------------------------------------------------------

INSPECTION_ZH = {"supervision": "督查", "patrol": "巡查"}
SCOPE_ZH = {"comprehensive": "综合", "special": "专项"}
MODE_ZH = {"announced": "明察", "unannounced": "暗访"}


def county_of(case: Case) -> str:
    findings = case.findings
    if findings.county:
        return findings.county
    counties = {f.location.county for f in findings.findings} or set(case.plan.counties)
    if len(counties) == 1:
        return counties.pop()
    problem = problem_in(case.root, case.path, (), "render-no-county", t("render-no-county"))
    raise RenderError([problem])


def unit_word(county: str) -> str:
    """The word for "your county" as the letter addresses it: 县, 区, 市 or 旗."""
    for ending in ("区", "市", "旗"):
        if county.endswith(ending):
            return ending
    return "县"


def catalogue_index(policy: Policy) -> dict[str, tuple[str, str]]:
    """Content code → (category title, the item's own title or the category's)."""
    index: dict[str, tuple[str, str]] = {}
    for category in policy.catalogue:
        index[category.code] = (category.title, category.title)
        for item in category.items:
            index[item.code] = (category.title, item.title)
    return index


def problem_text(finding: Finding, county: str, roster: Roster | None) -> str:
    """Where and what, the county left out when it is ``county``; a household is named by
    its masked head (ID and phone numbers are masked with the whole context)."""
    location = finding.location
    where = "" if location.county == county else location.county
    where += (location.town or "") + (location.village or "")
    if location.household:
        household = roster.households.get(location.household) if roster else None
        if household is not None:
            where += f"{mask_name(household.head)}户"
        else:
            where += f"农户（编号{location.household}）"
    description = one_line(finding.description)
    return f"{where}：{description}" if where else description


def _measures_text(finding: Finding) -> str:
    if isinstance(finding.measures, str):
        text = one_line(finding.measures)
    else:  # a plan's measures: each with its person and deadline, numbered as offices do
        text = "".join(
            f"（{i}）{one_line(m.text)}{_measure_terms(m.person, m.deadline)}"
            for i, m in enumerate(finding.measures, 1)
        )
    if finding.target:
        text += f"整改目标：{one_line(finding.target)}"
    return text


def _measure_terms(person: str | None, deadline: dt.date | None) -> str:
    terms = ([f"责任人：{person}"] if person else []) + (
        [f"时限：{chinese_date(deadline)}"] if deadline else []
    )
    return f"（{'，'.join(terms)}）" if terms else ""


def _unit_text(unit: str, person: str | None) -> str:
    return unit + (f"（责任人：{unbreakable(person)}）" if person else "")


def _responsible_text(finding: Finding) -> str:
    """One unit as before; with a lead, 牵头单位 and 责任单位 named as such."""
    units = "、".join(_unit_text(r.unit, r.person) for r in finding.responsibles)
    if finding.lead is None:
        return units
    return f"牵头单位：{_unit_text(finding.lead.unit, finding.lead.person)}；责任单位：{units}"


def sample_counts(plan: PlanDocument, county: str | None = None) -> dict[str, int] | None:
    """Towns, villages (poor, ordinary) and households (by status) the round's recorded
    sample drew, in ``county`` or in all its counties; None without a sample."""
    sample = plan.sample
    if sample is None:
        return None
    prefix = "" if county is None else county + "/"
    villages = [v for v in sample.villages if v.id.startswith(prefix)]
    towns = {t_.id for t_ in sample.towns if t_.id.startswith(prefix)}
    drawn = {v.id for v in villages}
    households = [h for h in sample.households if h.village in drawn]
    if not (towns or villages or households):
        return None
    return {
        "towns": len(towns),
        "villages": len(villages),
        "poor_villages": sum(1 for v in villages if v.village_class == "poor"),
        "ordinary_villages": sum(1 for v in villages if v.village_class == "ordinary"),
        "households": len(households),
        "not_exited": sum(1 for h in households if h.status == "not-exited"),
        "pre_exited": sum(1 for h in households if h.status == "pre-exited"),
        "exited": sum(1 for h in households if h.status == "exited"),
    }


def plan_context(plan: PlanDocument, index: dict[str, tuple[str, str]]) -> dict[str, str]:
    """The round as documents describe it: group, dates, content, scope, mode, methods."""
    titles: list[str] = []
    for code in plan.content:
        title = index.get(code, (code, code))[0]
        if title not in titles:
            titles.append(title)
    return {
        "id": plan.id,
        "title": plan.title or "",
        "group": plan.group.name,
        "leader": plan.group.leader,
        "members": "、".join(plan.group.members),
        "period": period(plan.start, plan.end),
        "start": chinese_date(plan.start),
        "end": chinese_date(plan.end),
        "content": "、".join(titles) or "有关工作",
        "scope": SCOPE_ZH[plan.scope],
        "mode": MODE_ZH[plan.mode],
        "methods": "、".join(METHOD_ZH[m] for m in plan.methods) or "实地检查",
    }


def letter_context(case: Case, date: dt.date, number: str) -> dict[str, Any]:
    """The variables a letter template sees (see README, `inspect render-letter`)."""
    findings, plan, settings = case.findings, case.plan, case.settings
    county = county_of(case)
    index = catalogue_index(case.policy)
    letter = findings.letter
    categories: Counter[str] = Counter()
    rows = []
    for position, finding in enumerate(findings.findings, start=1):
        category, item = index.get(finding.content, (finding.content, finding.content))
        categories[category] += 1
        rows.append(
            {
                "index": str(position),
                "id": finding.id,
                "category": item,
                "problem": problem_text(finding, county, case.roster),
                "responsible": _responsible_text(finding),
                "measures": _measures_text(finding),
                "deadline": chinese_date(finding.deadline),
                "severity": finding.severity,
            }
        )
    deadlines = [f.deadline for f in findings.findings]
    copy_to = (
        letter.copy_to
        if letter and letter.copy_to
        else [f"中共{county}委员会", f"{county}人民政府"]
    )
    return {
        "authority": {
            "name": settings.authority.name,
            "short_name": settings.authority.short_name,
        },
        "number": number,
        "county": county,
        "unit": unit_word(county),
        "inspection": INSPECTION_ZH[plan.type],
        "to": letter.to if letter and letter.to else f"{county}人民政府",
        "plan": plan_context(plan, index),
        "sample": sample_counts(plan, county),
        "exchanged": chinese_date(findings.exchanged) if findings.exchanged else "",
        "total": len(rows),
        "categories": [{"title": title, "count": n} for title, n in categories.items()],
        "grave": sum(1 for f in findings.findings if f.severity != "general"),
        "deadline": _letter_deadline(letter, deadlines),
        "first_deadline": chinese_date(min(deadlines)) if deadlines else "",
        "date": chinese_date(date),
        "copy_to": copy_list(copy_to),
        "issuer": settings.authority.name,
        "issued": chinese_date(date),
        "findings": rows,
        "letter_during_round": bool(letter and letter.date and letter.date <= plan.end),
    }


def _letter_deadline(letter: Letter | None, deadlines: list[dt.date]) -> str:
    """A 督办函's own deadline (with its hour), else the latest of the findings'."""
    if letter is not None and letter.supervision and letter.deadline is not None:
        return chinese_date(letter.deadline)
    return chinese_date(max(deadlines, key=end_of)) if deadlines else ""
