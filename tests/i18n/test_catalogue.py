"""The Chinese catalogue: complete, compiled, and faithful to the English placeholders."""

from __future__ import annotations

import re
import shutil
import string
from pathlib import Path

import pytest

import inspectcli
from inspectcli import i18n
from inspectcli.i18n import tools
from inspectcli.messages import EN, t


def test_every_text_is_translated_and_the_mo_file_is_fresh() -> None:
    """New messages or help texts fail here until they are translated and compiled."""
    problems = tools.check("zh")
    assert problems == [], "\n".join(problems[:20])


def test_sources_cover_every_message_and_help_text() -> None:
    ids = {source.msgid for source in tools.sources()}
    assert set(EN.values()) <= ids
    assert "Check every file afresh." in ids  # an option's help
    assert "Show this message and exit." in ids  # click's own --help option
    assert "Options" in ids  # typer's panel title


def test_placeholders_are_identical_in_every_translation() -> None:
    catalogue = tools.read_catalogue("zh")
    checked = 0
    for message in catalogue:
        if message.id and message.string:
            assert tools.placeholders(message.id) == tools.placeholders(message.string), message.id
            checked += 1
    assert checked >= len(set(EN.values()))


def test_every_message_formats_in_chinese() -> None:
    i18n.activate("zh")
    for key, english in EN.items():
        names = {name for _, name, _, _ in string.Formatter().parse(english) if name}
        values = {name: 7 for name in names}  # an int suits every format spec in use
        text = t(key, **values)
        assert text != english or not any("a" <= c <= "z" for c in english), key


def test_a_broken_placeholder_is_reported() -> None:
    assert tools.entry_problems("{count} files", "{files} 个文件", fuzzy=False)
    assert tools.entry_problems("{byte:02x}", "{byte}", fuzzy=False)
    assert tools.entry_problems("x", "", fuzzy=False) == ["untranslated"]
    assert tools.entry_problems("x", "某", fuzzy=True)
    assert tools.entry_problems("{n} days", "{n} 天", fuzzy=False) == []


def test_an_example_command_must_survive_translation() -> None:
    english = "Example: check it:\n\ninspect validate examples"
    assert tools.entry_problems(english, "示例：核查：\n\ninspect validate 示例", fuzzy=False)
    assert tools.entry_problems(english, "示例：核查：\n\ninspect validate examples", False) == []


@pytest.fixture
def locale_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The tools work on a copy of the catalogues, free to change."""
    copy = tmp_path / "locale"
    shutil.copytree(tools.LOCALE_DIR, copy)
    monkeypatch.setattr(tools, "LOCALE_DIR", copy)
    return copy


@pytest.mark.usefixtures("locale_copy")
def test_a_stale_mo_file_is_reported() -> None:
    po = tools.po_path("zh")
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "显示本帮助并退出。"', 'msgstr "显示帮助。"'), "utf-8")
    assert any("stale" in problem for problem in tools.check("zh"))
    tools.compile_catalogues()
    assert tools.check("zh") == []


@pytest.mark.usefixtures("locale_copy")
def test_an_untranslated_new_text_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(EN, "brand-new", "a message added without its translation")
    assert any("missing (run extract)" in p for p in tools.check("zh"))
    tools.extract()  # comes in empty, the other translations stay
    problems = tools.check("zh")
    assert problems == [
        "untranslated: 'a message added without its translation' [message brand-new]"
    ]


@pytest.mark.usefixtures("locale_copy")
def test_extract_keeps_the_catalogue_as_it_is() -> None:
    before = tools.po_path("zh").read_bytes()
    tools.extract()
    assert tools.po_path("zh").read_bytes() == before


def _literal_values(annotation: object) -> set[str]:
    """The strings of a ``Literal[…]``, also inside ``Literal[…] | None``."""
    from typing import Literal, get_args, get_origin

    if get_origin(annotation) is Literal:
        return {value for value in get_args(annotation) if isinstance(value, str)}
    return {value for part in get_args(annotation) for value in _literal_values(part)}


def test_every_policy_value_that_policy_list_prints_has_its_words() -> None:
    """`inspect policy list` names these values in the user's language: a value added to
    the policy model needs its `policy-word-…` message (and its translation)."""
    from inspectcli.model.common import HouseholdStatus
    from inspectcli.model.policy import AtLeast, DeadlineRules, Frequency, InspectionKind, Period
    from inspectcli.presets.describe import _PERIODS

    fields = (DeadlineRules.model_fields, AtLeast.model_fields, Period.model_fields)
    values = set(_PERIODS) | _literal_values(Frequency) | _literal_values(InspectionKind)
    values |= _literal_values(HouseholdStatus)
    values |= {v for f in fields for info in f.values() for v in _literal_values(info.annotation)}
    assert {"monthly", "working-days", "year", "pre-exited", "follow_up"} <= values
    assert {f"policy-word-{value}" for value in values} <= set(EN)


def test_every_message_key_the_code_names_exists() -> None:
    """A key named in the code but missing from the messages fails only when its line runs
    (a KeyError traceback); a key ending in '-' is a prefix the code completes."""
    source = Path(inspectcli.__file__).parent
    named = re.compile(r'\bt\(\s*"([a-z0-9-]+)"')
    files = [*source.rglob("*.py"), *source.rglob("*.j2")]
    missing = {
        (path.relative_to(source).as_posix(), key)
        for path in files
        for key in named.findall(path.read_text(encoding="utf-8"))
        if key not in EN and not key.endswith("-")
    }
    assert not missing
