"""Which language: --lang, else INSPECT_LANG, else the locale, else English."""

from __future__ import annotations

import pytest

from inspectcli import i18n


@pytest.mark.parametrize(
    ("argv", "environ", "expected"),
    [
        ([], {}, "en"),
        (["--lang", "zh", "validate"], {}, "zh"),
        (["--lang=zh", "validate"], {"INSPECT_LANG": "en"}, "zh"),
        (["--lang", "en"], {"INSPECT_LANG": "zh", "LANG": "zh_CN.UTF-8"}, "en"),
        (["validate"], {"INSPECT_LANG": "zh"}, "zh"),
        (["validate"], {"INSPECT_LANG": "zh_CN.UTF-8"}, "zh"),
        (["validate"], {"INSPECT_LANG": "fr", "LANG": "zh_CN.UTF-8"}, "zh"),  # unknown: next
        (["validate"], {"LANG": "zh_CN.UTF-8"}, "zh"),
        (["validate"], {"LC_MESSAGES": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        (["validate"], {"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "en"),  # LC_ALL decides
        (["validate"], {"LC_ALL": "", "LANG": "zh_CN.UTF-8"}, "zh"),  # empty is unset
        (["validate"], {"LANG": "de_DE.UTF-8"}, "en"),
        (["validate", "--", "--lang", "zh"], {}, "en"),  # after --: an argument
    ],
)
def test_choose(argv: list[str], environ: dict[str, str], expected: str) -> None:
    assert i18n.choose(argv, environ) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("zh", "zh"),
        ("ZH", "zh"),
        ("zh-Hans", "zh"),
        ("zh_CN", "zh"),
        ("en_GB", "en"),
        ("zhx", None),
        ("fr", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise(value: str | None, expected: str | None) -> None:
    assert i18n.normalise(value) == expected


def test_language_follows_activation() -> None:
    i18n.activate("zh")
    assert i18n.language() == "zh"
    assert i18n.gettext("Options") == "选项"
    i18n.activate("en")
    assert i18n.gettext("Options") == "Options"


def test_an_unknown_text_stays_english() -> None:
    i18n.activate("zh")
    assert i18n.gettext("no such text in any catalogue") == "no such text in any catalogue"
