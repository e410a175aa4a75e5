"""Sites built for the tests, and what a page says, read with the standard HTML parser."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from typer.testing import CliRunner

from inspectcli.cli.root import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
AS_OF = "2026-12-01"
runner = CliRunner()


def build(out: Path, *paths: Path, lang: str = "en", as_of: str = AS_OF) -> Any:
    args = ["--lang", lang, "site", *map(str, paths), "--out", str(out), "--as-of", as_of]
    return runner.invoke(app, args)


def report_json(*paths: Path, by: str = "county", as_of: str = AS_OF) -> dict[str, Any]:
    args = ["report", *map(str, paths), "--as-of", as_of, "--by", by, "--format", "json"]
    result = runner.invoke(app, args)
    return json.loads(result.stdout)  # type: ignore[no-any-return]


class Page(HTMLParser):
    """The links, scripts' sources and tables (by id: rows of cells keyed by data-k) of
    one page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.sources: list[str] = []
        self.tables: dict[str, dict[str, dict[str, str]]] = {}
        self._table: str | None = None
        self._row: str | None = None
        self._cell: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"] or "")
        for name in ("src", "srcset", "action", "data", "poster"):
            if attributes.get(name):
                self.sources.append(attributes[name] or "")
        if tag == "link" and attributes.get("href"):
            self.sources.append(attributes["href"] or "")
        if tag == "table" and attributes.get("id"):
            self._table = attributes["id"]
            self.tables[self._table or ""] = {}
        if tag == "tr" and self._table and "data-key" in attributes:
            self._row = attributes["data-key"] or ""
            self.tables[self._table][self._row] = {}
        if tag == "td" and self._row is not None and attributes.get("data-k"):
            self._cell, self._text = attributes["data-k"], ""

    def handle_data(self, data: str) -> None:
        if self._cell:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell and self._table and self._row is not None:
            self.tables[self._table][self._row][self._cell] = self._text.strip()
            self._cell = None
        elif tag == "tr":
            self._row = None
        elif tag == "table":
            self._table = None


def read_page(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def local_target(page: Path, link: str) -> Path | None:
    """The file a relative link of ``page`` leads to (None for a link into the same page)."""
    parts = urlsplit(link)
    if not parts.path:
        return None
    return (page.parent / unquote(parts.path)).resolve()


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def expected_rows(data: dict[str, Any]) -> dict[str, dict[str, str]]:
    """The summary of `inspect report --format json` as the site shows it."""
    rows = {row["key"]: row for row in data["summary"]}
    rows[""] = data["total"]
    shown = {}
    for key, row in rows.items():
        cells = {k: str(row[k]) for k in ("findings", "rectified", "verified", "overdue")}
        cells |= {k: str(row[k]) for k in ("on_time", "settled")}
        cells["rectification_rate"] = percent(row["rectification_rate"])
        cells["on_time_rate"] = percent(row["on_time_rate"])
        shown[key] = cells
    return shown
