"""The three lists (三单) a county keeps after feedback: the problem list (反馈问题清单), the
responsibility list (责任清单: each unit and person with each problem, role and deadline)
and the rectification list (整改清单: each measure with its deadline, person, status and
evidence). Drawn from the report's ledger, so they are counted and masked as it is."""

from __future__ import annotations

from inspectcli.messages import t
from inspectcli.model.findings import STATUS_ZH
from inspectcli.report.model import LedgerRow, Report
from inspectcli.report.views import Column, Kind, Value, View

# (file name, sheet) of each list, in the order a county files them.
LISTS = (("问题清单", "problems"), ("责任清单", "responsibility"), ("整改清单", "rectification"))


def _columns(*specs: tuple[str, Kind]) -> tuple[Column, ...]:
    return tuple(Column(t(key), kind) for key, kind in specs)


def problem_list(report: Report) -> View:
    columns = _columns(
        ("report-col-id", "text"),
        ("report-col-county", "text"),
        ("report-col-content", "text"),
        ("report-col-description", "long-text"),
        ("report-col-deadline", "date"),
        ("report-col-status", "text"),
    )
    rows = tuple(
        (r.id, r.county, r.content, r.description, r.deadline, STATUS_ZH[r.status])
        for r in report.ledger
    )
    return View("问题清单", t("lists-problems"), columns, rows, _empty(report))


def _duties(row: LedgerRow) -> list[tuple[Value, ...]]:
    """Each unit and person the finding names, with its role: lead, responsible, or the
    person in charge of a measure (with the measure's own deadline)."""
    found: list[tuple[Value, ...]] = [
        (unit, person, t(f"role-{role}"), row.id, row.description, row.deadline)
        for role, unit, person in row.parties
    ]
    for text, due, person in row.measure_items:
        if person:
            unit = next((u for _, u, p in row.parties if p == person), None)
            found.append(
                (
                    unit,
                    person,
                    t("role-measure", measure=text),
                    row.id,
                    row.description,
                    due or row.deadline,
                )
            )
    return found


def responsibility_list(report: Report) -> View:
    columns = _columns(
        ("report-col-unit", "text"),
        ("report-col-person", "text"),
        ("lists-col-role", "long-text"),
        ("report-col-id", "text"),
        ("report-col-description", "long-text"),
        ("report-col-deadline", "date"),
    )
    rows = sorted(
        (duty for row in report.ledger for duty in _duties(row)),
        key=lambda d: (str(d[0] or ""), str(d[1] or ""), str(d[3])),
    )
    return View("责任清单", t("lists-responsibility"), columns, tuple(rows), _empty(report))


def rectification_list(report: Report) -> View:
    columns = _columns(
        ("report-col-id", "text"),
        ("report-col-measures", "long-text"),
        ("report-col-deadline", "date"),
        ("report-col-person", "text"),
        ("report-col-status", "text"),
        ("report-col-completed", "date"),
        ("lists-col-evidence", "long-text"),
    )
    rows: list[tuple[Value, ...]] = []
    for r in report.ledger:
        evidence = "；".join(r.evidence) or None
        for text, due, person in r.measure_items or ((r.measures, None, r.person),):
            status = STATUS_ZH[r.status]
            rows.append((r.id, text, due or r.deadline, person, status, r.completed, evidence))
    return View("整改清单", t("lists-rectification"), columns, tuple(rows), _empty(report))


def _empty(report: Report) -> str:
    return t("report-no-findings", period=report.period.label)


def lists(report: Report) -> dict[str, bytes]:
    """File name → xlsx bytes of each of the three lists."""
    from inspectcli.report.render_xlsx import views_bytes

    made = (problem_list(report), responsibility_list(report), rectification_list(report))
    return {
        f"{name}.xlsx": views_bytes([view]) for (name, _), view in zip(LISTS, made, strict=True)
    }
