"""The pages of the site from its data (``data.Site``), written as one folder at once.

The templates ship with the package (``web/templates``): they are trusted code, not
files of a repository, so they run in Jinja's plain environment with HTML autoescape;
the bounded sandbox of ``render.sandbox`` guards the templates a repository brings,
and its step budget is sized for one document, not for a site of 20,000 pages.
Every page is masked by the one redactor (``redact.mask``) before it is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from inspectcli import __version__, i18n
from inspectcli.messages import t
from inspectcli.model.findings import Finding, Verification
from inspectcli.output.files import replace_folder
from inspectcli.redact import mask
from inspectcli.report.model import LedgerRow, SummaryRow
from inspectcli.report.views import display
from inspectcli.tracking.gitlog import Commit
from inspectcli.web.data import FindingPage, Round, Site

MARKER = ".inspect-site"
_UNSAFE = re.compile(r"[^\w.-]", re.UNICODE)


def slug(text: str) -> str:
    """A file name for an id, a county or a round: letters (any script), digits, ``.``,
    ``-`` and ``_`` kept; anything else (``:``, ``/``, spaces) made ``_``, with a short
    digest of the original (in letters) so that two texts never share a name.

    Every page is masked whole, links included, so the name is masked too (and the digest
    has no digits): a link and the file it names stay the same name."""
    safe = mask(_UNSAFE.sub("_", text)).lstrip(".") or "_"
    if safe == text:
        return text
    digest = hashlib.blake2b(text.encode(), digest_size=6).digest()
    return f"{safe}-{''.join(chr(ord('a') + byte % 26) for byte in digest)}"


def href(root: str, folder: str, name: str) -> str:
    """A link to the page of ``name`` in ``folder``, from a page ``root`` away from the
    site's top ("" or "../"), percent-encoded."""
    return f"{root}{folder}/{quote(slug(name))}.html"


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("inspectcli.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(t=t, display=display, href=href, slug=slug, quote=quote)
    env.filters["pct"] = lambda v: display(v, "rate")
    return env


# The style and script every page carries inline: ours, the same on every page, so they
# are masked once here, and each page is masked before they are put in (a fifth of the
# text to scan).
_INLINE = {
    "<!--inspect-style-->": "site.css",
    "<!--inspect-script-->": "site.js",
}


def _inline() -> list[tuple[str, str]]:
    from importlib.resources import files

    folder = files("inspectcli.web") / "templates"
    return [
        (mark, mask(folder.joinpath(name).read_text("utf-8"))) for mark, name in _INLINE.items()
    ]


def finished(html: str, inline: list[tuple[str, str]]) -> str:
    """The page masked by the one redactor, its style and script then put in."""
    page = mask(html)
    for mark, text in inline:
        page = page.replace(mark, text, 1)
    return page


def build_site(site: Site, out: Path) -> int:
    """Write the site into ``out`` (replaced whole); the number of pages."""
    pages = 0
    inline = _inline()

    def build(folder: Path) -> None:
        nonlocal pages
        made: set[Path] = set()
        for relative, html in pages_of(site):
            target = folder / relative
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            target.write_text(finished(html, inline), encoding="utf-8")
            pages += 1

    replace_folder(out, MARKER, build)
    return pages


def pages_of(site: Site) -> Iterator[tuple[str, str]]:
    env = environment()
    common = _common(site)
    yield (
        "index.html",
        env.get_template("overview.html.j2").render(**common, root="", overview=_overview(site)),
    )
    counties = _counties(site)
    county_page = env.get_template("county.html.j2")
    for county, rows in counties.items():
        row = next((r for r in site.report.rows if r.key == county), None)
        rounds = [r for r in site.rounds if county in r.plan.counties]
        yield (
            f"county/{slug(county)}.html",
            county_page.render(
                **common, root="../", county=county, row=row, ledger=rows, rounds=rounds
            ),
        )
    round_page = env.get_template("round.html.j2")
    for one in site.rounds:
        yield f"round/{slug(round_id(site, one))}.html", round_page.render(
            **common, root="../", round=one, round_id=round_id(site, one),
            findings=_round_findings(site, one),
        )  # fmt: skip
    finding_page = env.get_template("finding.html.j2")
    for page in site.findings:
        yield (
            f"finding/{slug(page.id)}.html",
            finding_page.render(
                **common, root="../", page=page, events=timeline(page, site.options.as_of)
            ),
        )


def round_id(site: Site, one: Round) -> str:
    return f"{one.member}:{one.plan.id}" if site.several else one.plan.id


def _common(site: Site) -> dict[str, Any]:
    report = site.report
    return {
        "lang": "zh-CN" if i18n.language() == "zh" else "en",
        "report": report,
        "site": site,
        "version": __version__,
        "title": t(
            "report-title",
            authority=report.authority,
            period=report.period.label,
            as_of=report.as_of.isoformat(),
        ),
    }


def _counties(site: Site) -> dict[str, list[LedgerRow]]:
    found: dict[str, list[LedgerRow]] = {row.key: [] for row in site.report.rows}
    for row in site.report.ledger:
        found.setdefault(row.county, []).append(row)
    return found


def _round_findings(site: Site, one: Round) -> list[FindingPage]:
    prefix = f"{one.member}:" if site.several else ""
    ids = {prefix + f.id for document in one.lists for f in document.findings}
    return [page for page in site.findings if page.id in ids]


# --- the overview ---------------------------------------------------------------------------


def chart(rows: tuple[SummaryRow, ...]) -> dict[str, Any]:
    """Bars of 整改率 and on-time rate per row, in an SVG's own units."""
    bar, gap, label_width, width = 11, 10, 0, 100
    lines = []
    for index, row in enumerate(rows):
        top = index * (2 * bar + gap)
        lines.append(
            {
                "label": row.label,
                "top": top,
                "rate": row.tally.rectification_rate,
                "on_time": row.tally.on_time_rate,
            }
        )
    height = max(1, len(rows)) * (2 * bar + gap)
    return {"lines": lines, "bar": bar, "height": height, "width": width, "left": label_width}


def _overview(site: Site) -> dict[str, Any]:
    report = site.report
    overdue = sorted(
        (row for row in report.ledger if row.overdue),
        key=lambda row: (row.deadline, row.id),
    )
    upcoming = sorted(
        (
            row
            for row in report.ledger
            if row.status in ("open", "rectifying")
            and report.as_of < row.deadline <= site.upcoming_until
        ),
        key=lambda row: (row.deadline, row.id),
    )
    reached = [row for row in report.accountability if row.reached]
    peak = max((m.findings for _, m in site.months), default=0) or 1
    return {
        "groupings": [(by, site.figures[by], chart(site.figures[by].rows)) for by in site.figures],
        "overdue": [(row, (report.as_of - row.deadline).days) for row in overdue],
        "upcoming": [(row, (row.deadline - report.as_of).days) for row in upcoming],
        "reached": reached,
        "months": site.months,
        "peak": peak,
        "rounds": site.rounds,
    }


# --- the record of a finding ----------------------------------------------------------------


def timeline(page: FindingPage, as_of: dt.date) -> list[dict[str, Any]]:
    """What happened to the finding, in date order: found, each update, extension and its
    decision, rectified, verified."""
    finding: Finding = page.finding
    record = finding.rectification
    events: list[dict[str, Any]] = []
    if page.plan is not None:
        events.append(
            _event(page.plan.start, t("site-event-found"), finding.description, finding.evidence)
        )
    for index, update in enumerate(record.updates):
        status = t(f"site-status-{update.status}") if update.status else ""
        events.append(
            _event(
                update.date,
                t("site-event-update", status=status).strip(),
                update.note,
                update.evidence,
                (*HERE, "updates", index),
            )
        )
    for index, extension in enumerate(record.extensions):
        text = t(
            "site-event-extension",
            deadline=extension.new_deadline.isoformat(),
            reason=extension.reason,
        )
        asked = t("site-event-extension-requested")
        events.append(_event(extension.requested, asked, text, [], (*HERE, "extensions", index)))
        if extension.decided is not None:
            decision = t(f"site-decision-{extension.decision}")
            events.append(_event(extension.decided, decision, "", []))
    if record.rectified is not None:
        rectified = t("site-event-rectified")
        events.append(
            _event(record.rectified, rectified, "", record.evidence, (*HERE, "rectified"))
        )
    passes: list[tuple[tuple[str | int, ...], Verification]]
    passes = [(("revisits", i), v) for i, v in enumerate(record.revisits)]
    passes += [(("verification",), record.verification)] if record.verification else []
    for at, v in passes:  # every follow-up revisit, the failed ones too
        result = t(f"site-verification-{v.result}")
        what = t("site-event-verified", by=v.by, result=result)
        events.append(_event(v.date, what, v.note or "", [], (*HERE, *at)))
    events.sort(key=lambda event: event["date"])
    for event in events:
        event["future"] = event["date"] > as_of
        event["recorded"] = _recorded(page.recorded.get(event.pop("at")))
    return events


HERE = ("rectification",)


def _recorded(commit: Commit | None) -> str:
    """Who committed the record and when (git), for a site built inside a repository."""
    if commit is None:
        return ""
    return t("site-recorded", author=commit.author, date=f"{commit.date:%Y-%m-%d %H:%M}")


def _event(
    date: dt.date, what: str, text: str, evidence: Sequence[object], at: tuple[Any, ...] = ()
) -> dict[str, Any]:
    """One entry of a finding's timeline; evidence by its label or the file's path; ``at``
    the record's place in the finding (who recorded it)."""
    shown = [
        item if isinstance(item, str) else str(getattr(item, "file", item)) for item in evidence
    ]
    return {"date": date, "what": what, "text": text, "evidence": shown, "at": at}


def folder_size(folder: Path) -> str:
    """The size of the files of ``folder``, for people (``12.3 MB``)."""
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    return f"{total / 1_000_000:.1f} MB" if total >= 100_000 else f"{total / 1000:.1f} kB"
