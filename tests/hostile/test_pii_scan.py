"""Personal data never leaks: the example repository with ID and phone numbers typed into
every free text (and its roster's head names), every command in every format, and every
byte printed or written searched for those numbers.

The numbers are invented and can belong to no one: resident IDs of region 000000, mobiles
of the 140 block (data-only cards), landlines whose local number starts with 1.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from inspectcli.cli.root import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# Every form a number may be typed in.
TYPED = (
    "000000199001011234",
    "00000019900102123X",
    "000000 19900103 1236",
    "000000-19900104-1237",
    "000000900105123",  # the 15-digit ID of before 1999
    "14000001111",
    "140-0000-2222",
    "140 0000 3333",
    "+86 140 0000 4444",
    "8614000005555",
    "0086 140 0000 6666",
    "0755-12345678",
    "(0755)1234567",
    "020-1888 6666",
)
SEED = "，".join(TYPED)
# Keys of the texts seeded in plans and findings (ids, codes and places stay valid).
FREE_TEXT = frozenset(
    {
        "title",
        "name",
        "leader",
        "members",
        "liaisons",
        "description",
        "evidence",
        "measures",
        "target",
        "unit",
        "person",
        "note",
        "by",
        "reason",
        "suggestions",
        "to",
        "copy_to",
    }
)
SEPARATORS = re.compile(r"[\s\-()+\u00a0]")
AS_OF = "2026-11-20"


def _bare(number: str) -> set[str]:
    """What must not appear: the digits without separators, and a mobile without +86."""
    digits = SEPARATORS.sub("", number)
    found = {digits}
    for prefix in ("0086", "86"):
        if digits.startswith(prefix + "140"):
            found.add(digits.removeprefix(prefix))
    return found


def _seed(node: Any, key: Any = None) -> Any:
    """``node`` (a round-trip mapping, list or scalar) with the numbers in its free texts."""
    if isinstance(node, dict):
        for k in list(node):
            node[k] = _seed(node[k], "liaisons" if key == "liaisons" else k)
        return node
    if isinstance(node, list):
        for index, item in enumerate(node):
            node[index] = _seed(item, key)
        return node
    if isinstance(node, str) and key in FREE_TEXT:
        return f"{node}（{SEED}）"
    return node


def _seed_yaml(path: Path) -> None:
    """Seeded in place: quotes, comments and key order kept, so the file stays valid."""
    from ruamel.yaml import YAML

    handler = YAML()
    handler.width = 4096
    data = handler.load(path.read_text(encoding="utf-8"))
    out = io.StringIO()
    handler.dump(_seed(data), out)
    path.write_text(out.getvalue(), encoding="utf-8")


def _seed_roster(path: Path) -> set[str]:
    """Head names with an ID in them; the roster's own id_number and phone values, which
    must never be printed either, returned."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    header, body = rows[0], rows[1:]
    head, id_number, phone = (header.index(c) for c in ("head_name", "id_number", "phone"))
    own: set[str] = set()
    for index, row in enumerate(body):
        row[head] += TYPED[index % 5]
        own.update(SEPARATORS.sub("", row[c]) for c in (id_number, phone) if row[c])
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *body])
    path.write_text(out.getvalue(), encoding="utf-8")
    return own


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, frozenset[str]]:
    root = tmp_path_factory.mktemp("pii") / "cases"
    shutil.copytree(EXAMPLES, root)
    own = _seed_roster(root / "roster" / "households.csv")
    for path in [*root.glob("plans/*.yaml"), *root.glob("findings/*.yaml")]:
        _seed_yaml(path)
    forbidden = {bare for number in TYPED for bare in _bare(number)} | own
    return root, frozenset(forbidden)


def _text_of(path: Path) -> str:
    """A written file as text: a .docx or .xlsx as all its XML parts without their tags, so
    that a number split over runs of text is found whole."""
    data = path.read_bytes()
    if path.suffix == ".md":  # markdown escapes the stars of a mask, as any text's
        return re.sub(r"\\(.)", r"\1", data.decode("utf-8", errors="replace"))
    if path.suffix not in (".docx", ".xlsx"):
        return data.decode("utf-8", errors="replace")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = [archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith("l")]
    return re.sub(r"<[^>]+>", "", "\n".join(parts))


def _leaks(text: str, forbidden: frozenset[str]) -> list[str]:
    flat = SEPARATORS.sub("", text.replace("\r\n ", "").replace("\n ", ""))  # ICS folds lines
    return sorted(number for number in forbidden if number in flat)


def _runs(root: Path, out: Path) -> Iterator[tuple[list[str], int | None]]:
    """Every command in every format (argument list, exit code expected or None)."""
    repo = str(root)
    for output_format in ("text", "json", "github", "junit", "sarif", "gitlab", "parsable"):
        yield ["validate", repo, "--format", output_format], 0
    for output_format in ("table", "markdown", "json"):
        for by in ("county", "unit", "group"):
            yield ["report", repo, "--as-of", AS_OF, "--format", output_format, "--by", by], 0
    yield ["report", repo, "--as-of", AS_OF, "--by", "unit", "--format", "markdown",
           "--out", str(out / "report.md")], 0  # fmt: skip
    yield ["report", repo, "--as-of", AS_OF, "--by", "unit", "--format", "xlsx",
           "--out", str(out / "report.xlsx")], 0  # fmt: skip
    for output_format in ("table", "json", "github", "ics"):
        yield ["deadline", repo, "--as-of", AS_OF, "--format", output_format, "--fail-on",
               "never"], 0  # fmt: skip
    yield ["deadline", repo, "--as-of", AS_OF, "--format", "ics", "--fail-on", "never",
           "--out", str(out / "deadlines.ics")], 0  # fmt: skip
    for output_format in ("table", "json"):
        yield ["finding", "list", "--repo", repo, "--as-of", AS_OF, "--format", output_format], 0
    plan = str(root / "plans" / "2026-09-g1.yaml")
    yield ["sample", plan, "--seed", "pii", "--dry-run", "--format", "json"], 0
    yield ["sample", plan, "--seed", "pii"], 0
    yield ["sample", plan, "--verify", "--format", "json"], 0
    yield ["sample", plan, "--verify"], 0
    letter = str(root / "findings" / "2026-09-g1-hecheng.yaml")
    yield ["render-letter", letter, "--out", str(out), "--date", AS_OF], 0
    yield ["render-report", plan, "--out", str(out), "--date", AS_OF], 0
    yield ["render-bulletin", "--period", "2026-10", repo, "--out", str(out), "--date", AS_OF], 0
    yield ["policy", "show", "--repo", repo], 0
    yield ["policy", "show", "--repo", repo, "--format", "json"], 0


def _broken(seeded: Path, root: Path) -> Iterator[tuple[list[str], int | None]]:
    """Commands that fail on a file whose errors quote the numbers (in a copy at ``root``)."""
    shutil.copytree(seeded, root)
    (root / "findings" / "broken.yaml").write_text(
        "kind: findings\nversion: 1\nplan: 2026-09-g1\nfindings:\n"
        "  - id: X-01\n    content: 14000007777\n    location: {county: 000000199001071238}\n",
        encoding="utf-8",
    )
    repo = str(root)
    for output_format in ("text", "json", "github", "junit", "sarif", "gitlab", "parsable"):
        yield ["validate", repo, "--format", output_format, "--no-cache"], 1
    yield ["report", repo, "--as-of", AS_OF], 1
    yield ["deadline", repo, "--as-of", AS_OF], 1
    yield ["render-letter", str(root / "findings" / "broken.yaml")], 1


def test_no_id_or_phone_number_is_printed_or_written(
    seeded: tuple[Path, frozenset[str]], tmp_path: Path
) -> None:
    root, forbidden = seeded
    forbidden |= {"14000007777", "000000199001071238"}
    out = tmp_path / "out"
    out.mkdir()
    runner = CliRunner(env={"COLUMNS": "400"})  # no table cell folded: every number whole
    masked_somewhere = 0
    for args, expected in [*_runs(root, out), *_broken(root, tmp_path / "broken")]:
        result = runner.invoke(app, args)
        assert result.exception is None or isinstance(result.exception, SystemExit), args
        if expected is not None:
            assert result.exit_code == expected, (args, result.output[-2000:])
        printed = result.stdout + result.stderr
        assert not _leaks(printed, forbidden), (args, _leaks(printed, forbidden))
        masked_somewhere += "****" in printed
    written = [p for p in out.rglob("*") if p.is_file()]
    assert {p.suffix for p in written} == {".md", ".xlsx", ".ics", ".docx"}
    for path in written:
        text = _text_of(path)
        assert "****" in text, path.name  # the seeded numbers are there, masked
        assert not _leaks(text, forbidden), (path.name, _leaks(text, forbidden))
    assert masked_somewhere >= 30  # what was printed did carry the seeded numbers


def test_the_cache_keeps_no_id_or_phone_number(
    seeded: tuple[Path, frozenset[str]], tmp_path: Path
) -> None:
    root, forbidden = seeded
    cache = tmp_path / "cache"
    runner = CliRunner()
    for args in (["validate", str(root)], ["report", str(root), "--as-of", AS_OF]):
        result = runner.invoke(app, [*args, "--cache-dir", str(cache)])
        assert result.exit_code == 0, result.output
    stored = b"".join(p.read_bytes() for p in cache.rglob("*") if p.is_file())
    text = stored.decode("utf-8", errors="replace")
    assert "****" in text
    assert not _leaks(text, forbidden)
