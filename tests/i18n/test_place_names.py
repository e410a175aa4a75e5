"""No message names a place whose policy may not be the one in force.

Every message is shown under every policy, so a citation such as "Suzhou art. 39" would
tell a county under another policy that its rules come from Suzhou. Citations belong in
the policy data (each rule's ``source``), which messages take as a value.
"""

from __future__ import annotations

import string

import pytest

from inspectcli import i18n
from inspectcli.messages import EN, t
from inspectcli.model.vocabulary import PRESET
from inspectcli.presets import preset_names

# The places of the built-in presets, as the English texts spell them: a preset's id
# is its place in pinyin, and Da'an lies in Zigong.
ENGLISH_PLACES = ("Guangdong", "Heyuan", "Hainan", "Suzhou", "Da'an", "Daan", "Zigong", "自贡")
# Messages about one named policy may name its place; none does today.
TIED_TO_A_POLICY: frozenset[str] = frozenset()


def place_names() -> tuple[str, ...]:
    chinese = tuple(word for words in PRESET.words.values() for word in words)
    return (*ENGLISH_PLACES, *chinese)


def places_in(text: str) -> list[str]:
    return [place for place in place_names() if place in text]


def test_every_preset_of_a_place_is_searched_for() -> None:
    """A new preset of a place must add its names here, or this test would miss them."""
    for name in preset_names():
        if name in PRESET.words:
            assert name.capitalize() in ENGLISH_PLACES or name == "daan", name
    assert set(PRESET.words) <= set(preset_names())


@pytest.mark.parametrize("language", ["en", "zh"])
def test_no_message_names_a_place(language: str) -> None:
    i18n.activate(language)
    try:
        found = {}
        for key, english in EN.items():
            if key in TIED_TO_A_POLICY:
                continue
            names = {name for _, name, _, _ in string.Formatter().parse(english) if name}
            text = t(key, **dict.fromkeys(names, 7))
            if places_in(text):
                found[key] = places_in(text)
        assert found == {}
    finally:
        i18n.activate("en")


def test_the_check_finds_a_place() -> None:
    assert places_in("Accountability (Suzhou rules art. 39)") == ["Suzhou"]
    assert places_in("申请延期须同时填写（河源第六条）") == ["河源"]
    assert places_in("Accountability thresholds of the policy") == []
