"""The pages of the site from its data (``data.Site``), written as one folder at once.

The templates ship with the package (``web/templates``): they are trusted code, not
files of a repository, so they run in Jinja's plain environment with HTML autoescape;
the bounded sandbox of ``render.sandbox`` guards the templates a repository brings,
and its step budget is sized for one document, not for a site of 20,000 pages.

Every value a template puts in a page passes the one redactor (``redact.mask``) on its
way in (the environment's ``finalize``), so no page can show an ID or phone number
whatever the template does with it; the template's own text is ours. A page is never
scanned whole: that cost more than rendering it.

A findings file (one round's list for one county) is one page, each finding a section
of it with its own anchor: ``list/NAME.html#ID``.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from inspectcli import __version__, i18n
from inspectcli.messages import t
from inspectcli.output.files import replace_folder
from inspectcli.redact import mask
from inspectcli.report.model import LedgerRow, SummaryRow
from inspectcli.report.views import display
from inspectcli.tracking.gitlog import Commit
from inspectcli.web.data import FindingPage, Round, Site
from inspectcli.web.records import Verification

MARKER = ".inspect-site"
_UNSAFE = re.compile(r"[^\w.-]", re.UNICODE)
_PLAIN = (Markup, int, float, dt.date, type(None))  # what we compute: counts, rates and dates


class Masked(str):
    """A text already through the one redactor (a file name, a link made of them): put in a
    page as it is, escaped, not scanned again."""

    __slots__ = ()


@functools.lru_cache(maxsize=1 << 16)
def slug(text: str) -> Masked:
    """A file name for an id, a county or a round: letters (any script), digits, ``.``,
    ``-`` and ``_`` kept; anything else (``:``, ``/``, spaces) made ``_``, with a short
    digest of the original (in letters) so that two texts never share a name.

    Every value is masked on its way into a page, links included, so the name is masked
    too (and the digest has no digits): a link and the file it names stay the same name."""
    safe = mask(_UNSAFE.sub("_", text)).lstrip(".") or "_"
    if safe == text:
        return Masked(text)
    digest = hashlib.blake2b(text.encode(), digest_size=6).digest()
    return Masked(f"{safe}-{''.join(chr(ord('a') + byte % 26) for byte in digest)}")


def href(root: str, folder: str, name: str) -> Masked:
    """A link to the page of ``name`` in ``folder``, from a page ``root`` away from the
    site's top ("" or "../"), percent-encoded (``root`` and ``folder`` are ours)."""
    return Masked(f"{root}{folder}/{quote(slug(name))}.html")


def fragment(name: str) -> Masked:
    """The anchor of ``name`` in its page, as a link writes it (``#`` and percent-encoded)."""
    return Masked(f"#{quote(slug(name))}")


def masked(value: object) -> object:
    """What a template outputs, through the one redactor: a text (or anything shown as
    text) masked; our own markup (a macro's output, the inline style and script), counts,
    rates and dates as they are."""
    if isinstance(value, _PLAIN) or type(value) is Masked:
        return value
    return _mask_once(value if isinstance(value, str) else str(value))


# A site repeats its values (dates, ids, units, labels) on many pages: each is masked once.
_mask_once = functools.lru_cache(maxsize=1 << 18)(mask)


# A message's `code` marks: what a terminal shows between backticks, a page as code.
_CODE = re.compile(r"`([^`\n]+)`")


def page_text(key: str, **values: Any) -> Markup:
    """A message for a page: masked, escaped, its `code` marks as <code> elements rather
    than backticks."""
    safe = str(escape(_mask_once(t(key, **values))))
    return Markup(_CODE.sub(r"<code>\1</code>", safe))


def environment(site: Site) -> Environment:
    env = Environment(
        loader=PackageLoader("inspectcli.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=masked,
    )

    def finding_href(root: str, shown: str) -> Masked:
        """The section of a finding in the page of its findings file."""
        return Masked(href(root, "list", site.list_of[shown]) + fragment(shown))

    env.globals.update(t=page_text, display=display, href=href, slug=slug, fragment=fragment)
    env.globals.update(finding_href=finding_href, **_inline())
    env.filters["pct"] = lambda v: display(v, "rate")
    env.filters["cut"] = lambda v, n: _cut(str(v), n)
    return env


def _cut(text: str, length: int) -> str:
    """A text shortened for a table: masked before it is cut, so that a cut never leaves
    a number too short to be recognised as personal."""
    text = mask(text)
    return text if len(text) <= length else text[: length - 1] + "…"


def _inline() -> dict[str, Markup]:
    """The style and script every page carries inline: ours, the same on every page, masked
    once here."""
    from importlib.resources import files

    folder = files("inspectcli.web") / "templates"
    return {
        name: Markup(mask(folder.joinpath(f"site.{ext}").read_text("utf-8")))
        for name, ext in (("style", "css"), ("script", "js"))
    }


def build_site(site: Site, out: Path) -> int:
    """Write the site into ``out`` (replaced whole); the number of pages."""
    pages = 0

    def build(folder: Path) -> None:
        nonlocal pages
        made: set[Path] = set()
        for relative, html in pages_of(site):
            target = folder / relative
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            target.write_text(html, encoding="utf-8")
            pages += 1

    replace_folder(out, MARKER, build)
    return pages


def pages_of(site: Site) -> Iterator[tuple[str, str]]:
    env = environment(site)
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
            findings=_round_findings(one),
        )  # fmt: skip
    list_page = env.get_template("list.html.j2")
    as_of = site.options.as_of
    for listed in site.lists:
        findings = [(page, timeline(page, as_of)) for page in listed.findings]
        rid = f"{listed.member}:{listed.plan.id}" if site.several else listed.plan.id
        yield (
            f"list/{slug(listed.name)}.html",
            list_page.render(
                **common, root="../", findings_file=listed, findings=findings, round_id=rid
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


def _round_findings(one: Round) -> list[FindingPage]:
    return [page for findings_file in one.lists for page in findings_file.findings]


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
    decision, rectified, every follow-up revisit; inside git, who recorded each and when."""
    record = page.record
    events = [
        _event(
            page.plan.start, t("site-event-found"), page.finding.description, record.found_evidence
        )
    ]
    for index, update in enumerate(record.updates):
        status = t(f"site-status-{update.status}") if update.status else ""
        what = t("site-event-update", status=status).strip()
        where = (*HERE, "updates", index)
        events.append(_event(update.date, what, update.note, update.evidence, where))
    for index, extension in enumerate(record.extensions):
        text = t(
            "site-event-extension",
            deadline=extension.new_deadline.isoformat(),
            reason=extension.reason,
        )
        asked = t("site-event-extension-requested")
        events.append(_event(extension.requested, asked, text, (), (*HERE, "extensions", index)))
        if extension.decided is not None:
            decision = t(f"site-decision-{extension.decision}")
            events.append(_event(extension.decided, decision, "", ()))
    if record.rectified is not None:
        rectified = t("site-event-rectified")
        events.append(
            _event(record.rectified, rectified, "", record.evidence, (*HERE, "rectified"))
        )
    passes: list[tuple[tuple[str | int, ...], Verification]]
    passes = [(("revisits", i), v) for i, v in enumerate(record.revisits)]
    passes += [(("verification",), record.verification)] if record.verification else []
    for place, v in passes:  # every follow-up revisit, the failed ones too
        result = t(f"site-verification-{v.result}")
        what = t("site-event-verified", by=v.by, result=result)
        events.append(_event(v.date, what, v.note or "", (), (*HERE, *place)))
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
    date: dt.date, what: str, text: str, evidence: tuple[str, ...], at: tuple[Any, ...] = ()
) -> dict[str, Any]:
    """One entry of a finding's timeline; evidence by its label or the file's path; ``at``
    the record's place in the finding (who recorded it)."""
    return {"date": date, "what": what, "text": text, "evidence": evidence, "at": at}


def folder_size(folder: Path) -> str:
    """The size of the files of ``folder``, for people (``12.3 MB``)."""
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    return f"{total / 1_000_000:.1f} MB" if total >= 100_000 else f"{total / 1000:.1f} kB"
