"""The site in a real browser: Debian's Chromium, driven by Playwright (never downloaded).

Screenshots of the overview at 1366×768 and at phone width are written to
``$INSPECT_SCREENSHOTS`` (default: the test's temporary folder). Every page of the site is
visited by following its links: none may fail to load, log a console error, or make a
request outside the site; the overview's numbers are those of `inspect report`.
Skipped, with the reason, where Chromium or Playwright is missing.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag

import pytest

from .helpers import AS_OF, EXAMPLES, build, expected_rows, report_json

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SIZES = {"desktop": (1366, 768), "phone": (390, 844)}
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
if not CHROMIUM.is_file():
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from make_repo import generate  # noqa: E402

GENERATED_AS_OF = "2024-03-01"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


class Visit:
    """A browser page that records console errors and every request outside the site."""

    def __init__(self, browser: Any, size: tuple[int, int]) -> None:
        self.context = browser.new_context(viewport={"width": size[0], "height": size[1]})
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def _console(self, message: Any) -> None:
        if message.type in ("error", "warning"):
            self.errors.append(f"{message.type}: {message.text}")

    def close(self) -> None:
        self.context.close()


def _shots_folder(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("INSPECT_SCREENSHOTS", tmp_path / "screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "public"
    result = build(out, EXAMPLES, lang="zh")
    assert result.exit_code == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Three generated repositories under three policies."""
    folder = tmp_path_factory.mktemp("generated")
    paths = []
    for preset in ("heyuan", "daan", "hainan"):
        paths.append(folder / preset)
        generate(paths[-1], 6, files_per_plan=2, seed=f"site-{preset}", preset_name=preset)
    return paths


@pytest.fixture(scope="module")
def rollup_site(tmp_path_factory: pytest.TempPathFactory, generated: list[Path]) -> Path:
    out = tmp_path_factory.mktemp("rollup") / "public"
    result = build(out, *generated, lang="en", as_of=GENERATED_AS_OF)
    assert result.exit_code == 0, result.stderr
    return out


def _crawl(visit: Visit, site: Path) -> set[str]:
    """Every page reachable from the overview; each must load (a missing file fails)."""
    start = (site / "index.html").resolve().as_uri()
    seen, queue = {start}, [start]
    while queue:
        url = queue.pop()
        response = visit.page.goto(url)
        assert response is None or response.ok, url
        assert visit.page.title(), url
        for link in visit.page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            target, _ = urldefrag(link)
            assert target.startswith("file://"), (url, link)
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def _table(visit: Visit, table: str) -> dict[str, dict[str, str]]:
    script = """id => Object.fromEntries([...document.querySelectorAll('#' + id + ' tr[data-key]')]
        .map(r => [r.dataset.key, Object.fromEntries([...r.querySelectorAll('td[data-k]')]
        .map(c => [c.dataset.k, c.textContent.trim()]))]))"""
    result: dict[str, dict[str, str]] = visit.page.evaluate(script, table)
    return result


def _check_site(
    browser: Any, site: Path, paths: list[Path], shots: Path, name: str, as_of: str = AS_OF
) -> None:
    desktop = Visit(browser, SIZES["desktop"])
    try:
        pages = _crawl(desktop, site)
        assert len(pages) == len(list(site.rglob("*.html")))
        desktop.page.goto((site / "index.html").as_uri())
        for by in ("county", "group", "category"):
            assert _table(desktop, f"table-{by}") == expected_rows(
                report_json(*paths, by=by, as_of=as_of)
            )
        desktop.page.screenshot(path=str(shots / f"{name}-1366x768.png"))
        assert desktop.errors == [] and desktop.outside == []
    finally:
        desktop.close()
    phone = Visit(browser, SIZES["phone"])
    try:
        phone.page.goto((site / "index.html").as_uri())
        width = phone.page.evaluate("document.documentElement.scrollWidth")
        assert width <= SIZES["phone"][0], "the overview scrolls sideways on a phone"
        phone.page.screenshot(path=str(shots / f"{name}-390x844.png"))
        phone.page.screenshot(path=str(shots / f"{name}-390-full.png"), full_page=True)
        assert phone.errors == [] and phone.outside == []
    finally:
        phone.close()


def test_examples_site_in_the_browser(browser: Any, example_site: Path, tmp_path: Path) -> None:
    _check_site(browser, example_site, [EXAMPLES], _shots_folder(tmp_path), "examples")


def test_rollup_of_three_policies_in_the_browser(
    browser: Any, rollup_site: Path, generated: list[Path], tmp_path: Path
) -> None:
    shots = _shots_folder(tmp_path)
    visit = Visit(browser, SIZES["desktop"])
    try:
        visit.page.goto((rollup_site / "index.html").as_uri())
        members = visit.page.eval_on_selector_all(
            "#members-table tr[data-member]", "rs => rs.length"
        )
        assert members == 3
    finally:
        visit.close()
    _check_site(browser, rollup_site, generated, shots, "rollup", GENERATED_AS_OF)


def test_filtering_works_without_a_server(browser: Any, example_site: Path) -> None:
    visit = Visit(browser, SIZES["desktop"])
    try:
        visit.page.goto((example_site / "county" / "梅川县.html").as_uri())
        rows = "#county-ledger tbody tr"
        every = visit.page.eval_on_selector_all(rows, "rs => rs.length")
        visit.page.select_option("#county-ledger-filter select", "overdue")
        shown = visit.page.eval_on_selector_all(rows, "rs => rs.filter(r => !r.hidden).length")
        expected = sum(
            1
            for row in report_json(EXAMPLES)["ledger"]
            if row["county"] == "梅川县" and row["overdue"]
        )
        assert 0 < shown == expected < every
        visit.page.select_option("#county-ledger-filter select", "")
        visit.page.fill("#county-ledger-filter input", "MC-01")
        assert visit.page.eval_on_selector_all(rows, "rs => rs.filter(r => !r.hidden).length") == 1
        assert visit.errors == [] and visit.outside == []
    finally:
        visit.close()


def test_screenshots_are_written(tmp_path: Path, example_site: Path, browser: Any) -> None:
    shots = _shots_folder(tmp_path)
    visit = Visit(browser, SIZES["phone"])
    try:
        visit.page.goto((example_site / "index.html").as_uri())
        visit.page.screenshot(path=str(shots / "check.png"))
    finally:
        visit.close()
    assert (shots / "check.png").stat().st_size > 10_000
    if "INSPECT_SCREENSHOTS" not in os.environ:
        shutil.rmtree(shots)
