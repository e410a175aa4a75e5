"""`inspect site`: the pages show the figures of `inspect report`, link only within the
site, ask nothing of the network, mask personal data, and are written whole."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from inspectcli.web.build import MARKER, slug

from ..report.rollup_repos import three_repositories
from .helpers import EXAMPLES, build, expected_rows, local_target, read_page, report_json

# An invented ID number (the check digit is wrong on purpose: no one's) and phone number.
FAKE_ID = "110101190001011234"
FAKE_PHONE = "13800000000"


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "public"
    result = build(out, EXAMPLES)
    assert result.exit_code == 0, result.stderr
    return out


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.mark.parametrize("by", ["county", "group", "category"])
def test_overview_figures_are_the_reports(example_site: Path, by: str) -> None:
    shown = read_page(example_site / "index.html").tables[f"table-{by}"]
    assert shown == expected_rows(report_json(EXAMPLES, by=by))


def anchors(path: Path) -> set[str]:
    return set(re.findall(r' id="([^"]+)"', path.read_text(encoding="utf-8")))


def finding_section(site: Path, shown: str) -> Path | None:
    """The page of the findings file that holds the finding ``shown`` as a section."""
    for path in (site / "list").glob("*.html"):
        if slug(shown) in anchors(path):
            return path
    return None


def test_a_page_per_round_findings_file_and_county(example_site: Path) -> None:
    data = report_json(EXAMPLES)
    for row in data["ledger"]:
        assert finding_section(example_site, row["id"]) is not None, row["id"]
    assert len(list((example_site / "list").glob("*.html"))) == len(
        list((EXAMPLES / "findings").glob("*.yaml"))
    )
    assert not (example_site / "finding").exists()  # a page per file, not per finding
    for row in data["summary"]:
        assert (example_site / "county" / f"{slug(row['key'])}.html").is_file()
    assert len(list((example_site / "round").glob("*.html"))) == len(
        list((EXAMPLES / "plans").glob("*.yaml"))
    )


def test_every_link_resolves_and_nothing_leaves_the_site(example_site: Path) -> None:
    for path in pages(example_site):
        page = read_page(path)
        assert page.sources == [], path  # no image, script, frame or stylesheet to fetch
        for link in page.links:
            assert not re.match(r"^[a-z][a-z0-9+.-]*:", link, re.I), (path, link)
            target = local_target(path, link)
            assert target is None or target.is_file(), (path, link)
            assert target is None or example_site.resolve() in target.parents
            fragment = unquote(urlsplit(link).fragment)
            if fragment:  # the anchor is on the page it leads to
                assert fragment in anchors(target or path), (path, link)


def test_no_url_outside_the_site_in_any_page(example_site: Path) -> None:
    for path in pages(example_site):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"(https?:)?//[a-z0-9]", text.replace("file://", ""), re.I), path
        assert "@import" not in text and "url(" not in text


def test_personal_data_is_masked(tmp_path: Path) -> None:
    """Planted in a description (where a table cuts it at 60 characters, across the
    number), a person, a measure, a progress note and the letter number: nowhere unmasked."""
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES, repo)
    findings = repo / "findings" / "2026-11-g3-anfeng.yaml"
    text = findings.read_text(encoding="utf-8")
    planted = f"身份证{FAKE_ID}，电话{FAKE_PHONE}。"
    text = text.replace("description: ", "description: " + "甲" * 50 + planted, 1)
    text = text.replace("person: 甘丽娟（副局长）", f"person: 甘丽娟{FAKE_PHONE}", 1)
    text = text.replace("measures: ", f"measures: 联系{FAKE_PHONE}，", 1)
    text = text.replace("note: 已受理", f"note: 申请人{FAKE_ID}已受理", 1)
    text = text.replace("number: 青乡振〔2026〕53号", f"number: 青乡振〔2026〕53号{FAKE_PHONE}", 1)
    findings.write_text(text, encoding="utf-8")
    out = tmp_path / "site"
    result = build(out, repo)
    assert result.exit_code == 0, result.stderr
    every = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*") if p.is_file())
    assert every.count("身份证") >= 2 and "申请人" in every and "甘丽娟" in every
    assert FAKE_ID not in every and FAKE_PHONE not in every
    for part in (FAKE_ID[:14], FAKE_PHONE[:9]):  # nor the part a cut would leave
        assert part not in every


def test_a_cut_text_is_masked_before_it_is_cut() -> None:
    from inspectcli.web.build import _cut

    cut = _cut("甲" * 50 + FAKE_ID, 60)
    assert cut.endswith("…") and len(cut) == 60
    assert FAKE_ID[:9] not in cut and "110" in cut


def test_language_follows_lang(tmp_path: Path) -> None:
    zh, en = tmp_path / "zh", tmp_path / "en"
    assert build(zh, EXAMPLES, lang="zh").exit_code == 0
    assert build(en, EXAMPLES, lang="en").exit_code == 0
    assert "逾期未整改问题" in (zh / "index.html").read_text(encoding="utf-8")
    assert "Overdue findings" in (en / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in (zh / "index.html").read_text(encoding="utf-8")


def test_a_site_of_one_page_says_so_in_english(tmp_path: Path) -> None:
    """A year without rounds has the overview alone: "1 page(s)", never "1 pages"."""
    result = build(tmp_path / "site", EXAMPLES, as_of="2025-06-01")
    assert result.exit_code == 0, result.output
    assert ": 1 page(s), " in result.stderr


def test_a_rebuild_replaces_the_site_whole(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(out, EXAMPLES).exit_code == 0
    (out / "stale.html").write_text("old", encoding="utf-8")
    assert build(out, EXAMPLES).exit_code == 0
    assert not (out / "stale.html").exists()
    assert (out / MARKER).is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no temporary folder left


def test_a_folder_that_is_not_a_site_is_never_replaced(tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_text("precious", encoding="utf-8")
    result = build(out, EXAMPLES)
    assert result.exit_code == 1
    assert f"{out}:" in result.stderr and "--out" in result.stderr
    assert (out / "thesis.docx").read_text(encoding="utf-8") == "precious"


def test_a_failed_build_keeps_the_old_site(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(out, EXAMPLES).exit_code == 0
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    broken = tmp_path / "broken"
    shutil.copytree(EXAMPLES, broken)
    (broken / "findings" / "junk.yaml").write_text("kind: [\n", encoding="utf-8")
    result = build(out, broken)
    assert result.exit_code == 1
    assert "junk.yaml:" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before


def test_out_dash_is_a_usage_error() -> None:
    result = build(Path("-"), EXAMPLES)
    assert result.exit_code == 2


def test_rollup_site_shows_the_rollup_report(tmp_path: Path) -> None:
    repos = three_repositories(tmp_path / "repos")
    (repos[1] / "findings" / "broken.yaml").write_text("kind: junk\n", encoding="utf-8")
    out = tmp_path / "site"
    result = build(out, *repos)
    assert result.exit_code == 1
    index = out / "index.html"
    page = read_page(index)
    assert page.tables["table-county"] == expected_rows(report_json(*repos))
    text = index.read_text(encoding="utf-8")
    assert "daan-b" in text and "left out of the totals" in text
    assert finding_section(out, "suzhou-a:F1") is not None
    assert finding_section(out, "daan-b:F1") is None


def test_slugs_keep_ids_apart() -> None:
    assert slug("2026-09-HC-01") == "2026-09-HC-01"
    assert slug("安丰县") == "安丰县"
    assert slug("a:b") != slug("a_b")
    assert "/" not in slug("../x") and not slug("..").startswith(".")


def test_a_name_the_redactor_would_mask_still_links() -> None:
    """Every value is masked on its way into a page, links included: a file name must come
    out the same."""
    from inspectcli.redact import mask

    for text in ("daan:F000001-20240110", f"r:{FAKE_PHONE}", FAKE_ID, "x:1380000000012345"):
        assert mask(slug(text)) == slug(text)
        assert slug(text) != slug(text + "1")


def test_the_same_input_makes_the_same_site(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    assert build(first, EXAMPLES).exit_code == 0
    assert build(second, EXAMPLES).exit_code == 0
    assert files(first) == files(second)


def files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_a_warm_cache_makes_the_same_site(tmp_path: Path) -> None:
    """The second build reads each findings file's page records from the cache."""
    from inspectcli.cli.root import app
    from inspectcli.web.records import ListRecord, SiteCache

    from .helpers import runner

    cache = tmp_path / "cache"
    sites = [tmp_path / "cold", tmp_path / "warm"]
    for out in sites:
        args = ["--lang", "en", "site", str(EXAMPLES), "--out", str(out)]
        result = runner.invoke(app, [*args, "--as-of", "2026-12-01", "--cache-dir", str(cache)])
        assert result.exit_code == 0, result.stderr
    kept = SiteCache(cache, EXAMPLES.resolve()).entries()
    assert sum(isinstance(entry.facts, ListRecord) for entry in kept.values()) == 5
    assert files(sites[0]) == files(sites[1])


def test_code_marks_of_messages_are_code_elements_not_backticks(example_site: Path) -> None:
    """The pages showed `accountability:` and `inspect report` with their backticks."""
    for page in pages(example_site):
        assert "`" not in page.read_text(encoding="utf-8"), page
    index = (example_site / "index.html").read_text(encoding="utf-8")
    assert "<code>inspect report</code>" in index


def test_a_code_mark_is_escaped_and_masked_inside() -> None:
    from inspectcli.web.build import page_text

    text = str(page_text("report-warning", message=f"`<b>{FAKE_PHONE}</b>` & `x`"))
    assert "<code>&lt;b&gt;138****0000&lt;/b&gt;</code> &amp; <code>x</code>" in text
