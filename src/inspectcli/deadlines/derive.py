"""The one computation of deadlines: from the documents, the policy and the calendar.

What each kind means, and when it counts as done (``inspect deadline --help`` in brief):

- letter (Heyuan §4): ``deadlines.letter`` counted from the plan's ``end``. One per
  findings file of the round (one per inspected county); a round without a findings file
  still owes its letter, shown on the plan. Done on ``letter.date``.
- rectification (Heyuan §4, §6): the finding's ``deadline``, or the ``new_deadline`` of its
  last approved extension; a pending or rejected request moves nothing. Done when the
  status is rectified or verified, on the ``rectified`` date. Dates written in a file are
  taken as written: they were counted when the letter was drafted.
- extension: a request still pending, shown as information on the requested new date.
- feedback (Guangdong art. 18): a patrol (``type: patrol``) with a ``feedback`` date owes a
  report on rectification within ``deadlines.feedback``. Done when every finding of the
  round is rectified or verified, on the last ``rectified`` date (the repository has no
  document for the report itself; the rectified findings are what it reports).
- follow-up (Heyuan §4, 回头看): ``deadlines.follow_up`` counted from the ``rectified``
  date (or the deadline, where no date was written). Done on ``verification.date``.
- archive and report (Heyuan §4): the last working day of each period (``deadlines.archive``,
  ``deadlines.report``) in which a round ended, up to the period of the as-of date. Nothing
  in the repository records them, so they are reminders: once past, their state is
  ``past``, never ``overdue``.

Anything done after the as-of date is not yet done as of that date, so ``--as-of`` shows
the repository as it stood (or will stand) on any day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from inspectcli.calendar import PeriodError, Reckoning, WorkCalendar, month_end, quarter_end
from inspectcli.calendar.expr import Period as CountedPeriod
from inspectcli.calendar.expr import reckon
from inspectcli.deadlines.model import REMINDERS, Agenda, Deadline, Kind, State
from inspectcli.messages import t
from inspectcli.model.findings import Extension, Finding, FindingsDocument
from inspectcli.model.moment import day_of, is_late, time_of
from inspectcli.model.plan import PlanDocument
from inspectcli.model.policy import Period, Policy
from inspectcli.pipeline.repository import Repository
from inspectcli.redact import mask

DONE_STATUSES = frozenset({"rectified", "verified"})
_ONE_DAY = dt.timedelta(days=1)


@dataclass
class _Context:
    """What every kind needs: the policy, the calendar and the as-of date."""

    policy: Policy
    calendar: WorkCalendar
    as_of: dt.date
    within: int
    warnings: list[str] = field(default_factory=list)


# --- states ----------------------------------------------------------------------------


def working_days_between(calendar: WorkCalendar, after: dt.date, until: dt.date) -> int:
    """Working days in (after, until]: how far past ``after`` the date ``until`` lies."""
    count, date = 0, after
    while date < until:
        date += _ONE_DAY
        count += calendar.is_workday(date)
    return count


def state_of(
    kind: Kind, due: dt.date, done: bool, done_on: dt.date | None, as_of: dt.date, within: int
) -> State:
    """The state of a deadline as of ``as_of``: a date comparison, no calendar needed
    (reports classify hundreds of thousands of findings with it)."""
    if done and (done_on is None or done_on <= as_of):
        late = done_on is not None and is_late(done_on, due)
        return State.DONE_LATE if late else State.DONE
    if kind is Kind.EXTENSION:
        return State.PENDING
    days = (due - as_of).days
    if days < 0 or (days == 0 and _past_the_hour(due, as_of)):
        return State.PAST if kind in REMINDERS else State.OVERDUE
    if days == 0:
        return State.DUE_TODAY
    return State.DUE_SOON if days <= within else State.UPCOMING


def _past_the_hour(due: dt.date, as_of: dt.date) -> bool:
    """Due at an hour of the day ``as_of`` is, which has passed (a 督办函 due at 18:00 is
    overdue at 18:01); a deadline without a time lasts to the end of its day."""
    hour, now = time_of(due), time_of(as_of)
    return hour is not None and now is not None and now > hour


def classify(
    ctx: _Context, kind: Kind, due: dt.date, done: bool, done_on: dt.date | None
) -> tuple[State, int]:
    """The state of a deadline as of ``ctx.as_of``, and its working days overdue."""
    state = state_of(kind, due, done, done_on, ctx.as_of, ctx.within)
    if state is State.OVERDUE:
        return state, working_days_between(ctx.calendar, due, ctx.as_of)
    return state, 0


def _deadline(
    ctx: _Context,
    kind: Kind,
    subject: str,
    title: str,
    due: dt.date,
    rule: str,
    *,
    where: tuple[str | None, tuple[str | int, ...]] = (None, ()),
    done: bool = False,
    done_on: dt.date | None = None,
    steps: list[str] | None = None,
) -> Deadline:
    state, overdue = classify(ctx, kind, due, done, done_on)
    ctx.calendar.day(due)  # a due date in a year nobody knows is warned about
    path, loc = where
    return Deadline(
        kind=kind,
        subject=subject,
        title=mask(title),  # a unit's name may hold a phone; every format shows the title
        due=due,
        state=state,
        rule=rule,
        path=path,
        loc=loc,
        done_on=done_on,
        overdue_working_days=overdue,
        steps=tuple(steps or ()),
        uncertain=not ctx.calendar.knows_year(due.year),
    )


# --- rules -----------------------------------------------------------------------------------


def rule_text(policy: Policy, detail: str | None) -> str:
    """``河扶〔2018〕23号 §4: …``: a rule that names only a section (``§4``) belongs to the
    policy's document; any other source (an override citing another document) stands alone."""
    source = policy.source or policy.title
    if not detail:
        return policy.deadlines.source or source
    return f"{source} {detail}" if detail.startswith("§") else detail


def _count(ctx: _Context, start: dt.date, period: Period) -> Reckoning | None:
    try:
        return reckon(start, CountedPeriod(period.unit, period.amount), ctx.calendar)
    except PeriodError as error:
        ctx.warnings.append(str(error))
        return None


# --- letters ---------------------------------------------------------------------------------


def _findings_of(repository: Repository, plan_id: str) -> list[tuple[str, FindingsDocument]]:
    return [(path, doc) for path, doc in repository.findings.items() if doc.plan == plan_id]


def _letter_subject(plan_id: str, path: str, doc: FindingsDocument, several: bool) -> str:
    if not several:
        return plan_id
    return f"{plan_id}/{doc.county or PurePosixPath(path).stem}"


def letters(ctx: _Context, repository: Repository) -> Iterator[Deadline]:
    period = ctx.policy.deadlines.letter
    if period is None:
        return
    rule = rule_text(ctx.policy, period.source)
    for plan_path, plan in repository.plans.items():
        counted = _count(ctx, plan.end, period)
        if counted is None:
            continue
        documents = _findings_of(repository, plan.id)
        if not documents:
            title = t("deadline-title-letter", plan=plan.id, county="")
            yield _deadline(
                ctx,
                Kind.LETTER,
                plan.id,
                title,
                counted.date,
                rule,
                where=(plan_path, ("end",)),
                steps=counted.steps,
            )
        for path, doc in documents:
            sent = doc.letter.date if doc.letter else None
            county = t("deadline-to-county", county=doc.county) if doc.county else ""
            title = t("deadline-title-letter", plan=plan.id, county=county)
            loc: tuple[str | int, ...] = ("letter", "date") if doc.letter else ("plan",)
            subject = _letter_subject(plan.id, path, doc, len(documents) > 1)
            yield _deadline(
                ctx,
                Kind.LETTER,
                subject,
                title,
                counted.date,
                rule,
                where=(path, loc),
                done=sent is not None,
                done_on=sent,
                steps=counted.steps,
            )


# --- rectification and extensions --------------------------------------------------------


def approved_extension(finding: Finding) -> tuple[int, Extension] | None:
    """The last approved extension (it replaces every earlier deadline), with its index."""
    approved = [
        (i, e) for i, e in enumerate(finding.rectification.extensions) if e.decision == "approved"
    ]
    return approved[-1] if approved else None


def effective_deadline(finding: Finding, index: int) -> tuple[dt.date, tuple[str | int, ...]]:
    """The deadline in force and the field that sets it."""
    extension = approved_extension(finding)
    if extension is None:
        return finding.deadline, ("findings", index, "deadline")
    i, approved = extension
    return approved.new_deadline, (
        "findings",
        index,
        "rectification",
        "extensions",
        i,
        "new_deadline",
    )


def _rectification_rule(ctx: _Context, doc: FindingsDocument, finding: Finding) -> str:
    period = ctx.policy.deadlines.rectification
    base = rule_text(ctx.policy, period.source if period else None)
    if doc.letter and doc.letter.number:
        base = t("deadline-rule-letter", number=doc.letter.number, rule=base)
    extension = approved_extension(finding)
    if extension is not None:
        decided = extension[1].decided.isoformat() if extension[1].decided else "?"
        base = t("deadline-rule-extended", rule=base, decided=decided)
    return base


def _is_done(finding: Finding) -> bool:
    return finding.rectification.status in DONE_STATUSES


def rectifications(ctx: _Context, repository: Repository) -> Iterator[Deadline]:
    for path, doc in repository.findings.items():
        for index, finding in enumerate(doc.findings):
            due, loc = effective_deadline(finding, index)
            unit = finding.first_unit.unit
            title = t("deadline-title-rectification", finding=finding.id, unit=unit)
            yield _deadline(
                ctx,
                Kind.RECTIFICATION,
                finding.id,
                title,
                due,
                _rectification_rule(ctx, doc, finding),
                where=(path, loc),
                done=_is_done(finding),
                done_on=finding.rectification.rectified,
            )
            yield from _pending_extensions(ctx, path, index, finding)


def _pending_extensions(
    ctx: _Context, path: str, index: int, finding: Finding
) -> Iterator[Deadline]:
    if _is_done(finding):
        return
    rule = rule_text(ctx.policy, None)
    for i, extension in enumerate(finding.rectification.extensions):
        if extension.decision != "pending":
            continue
        title = t(
            "deadline-title-extension",
            finding=finding.id,
            new=extension.new_deadline.isoformat(),
            requested=extension.requested.isoformat(),
        )
        loc = ("findings", index, "rectification", "extensions", i, "decision")
        subject = f"{finding.id}#{i + 1}"
        yield _deadline(
            ctx, Kind.EXTENSION, subject, title, extension.new_deadline, rule, where=(path, loc)
        )


# --- follow-up revisits ------------------------------------------------------------------


def follow_ups(ctx: _Context, repository: Repository) -> Iterator[Deadline]:
    period = ctx.policy.deadlines.follow_up
    if period is None:
        return
    rule = rule_text(ctx.policy, period.source)
    for path, doc in repository.findings.items():
        for index, finding in enumerate(doc.findings):
            if not _is_done(finding):
                continue
            record = finding.rectification
            start = record.rectified or effective_deadline(finding, index)[0]
            counted = _count(ctx, start, period)
            if counted is None:
                continue
            verified = record.verification.date if record.verification else None
            field = "verification" if verified else "rectified" if record.rectified else "status"
            title = t("deadline-title-follow-up", finding=finding.id, date=start.isoformat())
            yield _deadline(
                ctx,
                Kind.FOLLOW_UP,
                finding.id,
                title,
                counted.date,
                rule,
                where=(path, ("findings", index, "rectification", field)),
                done=verified is not None,
                done_on=verified,
                steps=counted.steps,
            )


# --- patrol feedback -----------------------------------------------------------------------


def _feedback_done(repository: Repository, plan: PlanDocument) -> tuple[bool, dt.date | None]:
    """Whether every patrolled area of the round has reported, and the last date it did.

    Guangdong art. 18 asks for a report on the rectification within 2 months, not for every
    problem solved by then: an area that recorded its ``feedback_report`` has reported,
    whatever the state of its findings. One without it counts as reported once all its
    findings are rectified (the rectification records are then its report)."""
    documents = _findings_of(repository, plan.id)
    if not documents:
        return False, None
    reports = [_reported(doc, plan) for _, doc in documents]
    if any(done is False for done, _ in reports):
        return False, None
    dates = [day for _, day in reports]
    return True, (None if None in dates else max(d for d in dates if d is not None))


def _reported(document: FindingsDocument, plan: PlanDocument) -> tuple[bool, dt.date | None]:
    if document.feedback_report is not None:
        return True, document.feedback_report.date
    if not document.findings:
        return True, plan.feedback
    if not all(_is_done(f) for f in document.findings):
        return False, None
    dates = [f.rectification.rectified for f in document.findings]
    return True, (None if None in dates else max(d for d in dates if d is not None))


def feedbacks(ctx: _Context, repository: Repository) -> Iterator[Deadline]:
    period = ctx.policy.deadlines.feedback
    for path, plan in repository.plans.items():
        if plan.type != "patrol" or plan.feedback is None:
            continue
        if period is None:
            ctx.warnings.append(t("deadline-no-feedback-rule", plan=plan.id, path=path))
            continue
        counted = _count(ctx, plan.feedback, period)
        if counted is None:
            continue
        done, done_on = _feedback_done(repository, plan)
        title = t("deadline-title-feedback", plan=plan.id, date=plan.feedback.isoformat())
        yield _deadline(
            ctx,
            Kind.FEEDBACK,
            plan.id,
            title,
            counted.date,
            rule_text(ctx.policy, period.source),
            where=(path, ("feedback",)),
            done=done,
            done_on=done_on,
            steps=counted.steps,
        )


# --- periodic reminders ------------------------------------------------------------------


def period_of(date: dt.date, frequency: str) -> tuple[str, str, dt.date]:
    """The subject (``2026-Q3``), the label and a date inside the period's last month."""
    if frequency == "monthly":
        label = f"{date.year:04d}-{date.month:02d}"
        return label, label, date.replace(day=1)
    if frequency == "quarterly":
        quarter = (date.month - 1) // 3 + 1
        label = t("calendar-quarter", quarter=quarter, year=date.year)
        return f"{date.year:04d}-Q{quarter}", label, dt.date(date.year, 3 * quarter, 1)
    return f"{date.year:04d}", f"{date.year:04d}", dt.date(date.year, 12, 1)


def _period_end(ctx: _Context, frequency: str, inside_last_month: dt.date) -> Reckoning:
    if frequency == "quarterly":
        return quarter_end(inside_last_month, ctx.calendar)
    return month_end(inside_last_month, ctx.calendar)


def periodic(
    ctx: _Context, repository: Repository, kind: Kind, frequency: str | None
) -> Iterator[Deadline]:
    """One reminder per period in which a round ended, up to the period of the as-of date."""
    if frequency is None:
        return
    current = period_of(ctx.as_of, frequency)[0]
    periods = {period_of(plan.end, frequency) for plan in repository.plans.values()}
    message = "deadline-title-archive" if kind is Kind.ARCHIVE else "deadline-title-report"
    for subject, label, anchor in sorted(periods):
        if subject > current:
            continue
        counted = _period_end(ctx, frequency, anchor)
        yield _deadline(
            ctx,
            kind,
            subject,
            t(message, period=label),
            counted.date,
            rule_text(ctx.policy, None),
            steps=counted.steps,
        )


def comprehensive(ctx: _Context, repository: Repository) -> Iterator[Deadline]:
    """The year's comprehensive supervision (``comprehensive: {times, per: year}``): due on
    the year's last day, for every year from the first round's to the as-of date's; done
    when that many comprehensive supervision rounds started in the year."""
    rule = ctx.policy.comprehensive
    if rule is None or rule.per != "year":
        return  # the presets store it per year only
    plans = repository.plans.values()
    held = sorted(p.start for p in plans if p.scope == "comprehensive" and p.type == "supervision")
    first = min([p.start for p in plans] + [ctx.as_of])
    for year in range(first.year, ctx.as_of.year + 1):
        rounds = [day for day in held if day.year == year]
        done = len(rounds) >= rule.times
        title = t("deadline-title-comprehensive", year=year, held=len(rounds), times=rule.times)
        last = rounds[rule.times - 1] if done else None
        yield _deadline(
            ctx,
            Kind.COMPREHENSIVE,
            f"{year:04d}",
            title,
            dt.date(year, 12, 31),
            rule_text(ctx.policy, rule.source),
            done=done,
            done_on=last,
        )


# --- everything ------------------------------------------------------------------------------

_KIND_ORDER = {kind: i for i, kind in enumerate(Kind)}


def sort_key(deadline: Deadline) -> tuple[dt.date, int, str]:
    return deadline.due, _KIND_ORDER[deadline.kind], deadline.subject


def compute(repository: Repository, as_of: dt.date, within: int = 7) -> Agenda:
    """Every deadline of ``repository`` as of ``as_of``, sorted by due date."""
    calendar = WorkCalendar(repository.calendars.values())
    ctx = _Context(repository.policy, calendar, as_of, within)
    rules = repository.policy.deadlines
    found = [
        *letters(ctx, repository),
        *rectifications(ctx, repository),
        *feedbacks(ctx, repository),
        *follow_ups(ctx, repository),
        *periodic(ctx, repository, Kind.ARCHIVE, rules.archive),
        *periodic(ctx, repository, Kind.REPORT, rules.report),
        *comprehensive(ctx, repository),
    ]
    found.sort(key=sort_key)
    day = day_of(as_of)  # the agenda's date; the hour is for states
    return Agenda(day, within, found, ctx.warnings + calendar.warnings)
