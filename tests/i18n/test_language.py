"""Which language: --lang, else INSPECT_LANG, else the locale, else English."""

from __future__ import annotations

import ctypes
import locale

import pytest

from inspectcli import i18n


@pytest.fixture
def system(monkeypatch: pytest.MonkeyPatch) -> System:
    """The system's locale and (Windows) display language, as a test sets them."""
    return System(monkeypatch)


class System:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.monkeypatch = monkeypatch
        self.locale(None, None)
        monkeypatch.delattr(ctypes, "windll", raising=False)

    def locale(self, name: str | None, encoding: str | None) -> None:
        self.monkeypatch.setattr(locale, "getlocale", lambda *_: (name, encoding))

    def windows_display(self, language_id: int) -> None:
        """``GetUserDefaultUILanguage`` as Windows answers it (a LANGID)."""

        class Kernel32:
            @staticmethod
            def GetUserDefaultUILanguage() -> int:
                return language_id

        class WinDLL:
            kernel32 = Kernel32

        self.monkeypatch.setattr(ctypes, "windll", WinDLL, raising=False)


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
def test_choose(argv: list[str], environ: dict[str, str], expected: str, system: System) -> None:
    assert i18n.choose(argv, environ) == expected


@pytest.mark.parametrize(
    ("name", "encoding", "expected"),
    [
        ("zh_CN", "UTF-8", "zh"),
        ("Chinese (Simplified)_China", "936", "zh"),  # as Windows names its locales
        ("Chinese (Traditional)_Taiwan", "950", "zh"),
        ("English_United States", "1252", "en"),
        ("de_DE", "UTF-8", "en"),  # no catalogue: English
        (None, None, "en"),
    ],
)
def test_no_variable_set_the_system_locale_decides(
    name: str | None, encoding: str | None, expected: str, system: System
) -> None:
    system.locale(name, encoding)
    assert i18n.from_environment({}) == expected


def test_a_locale_variable_wins_over_the_system(system: System) -> None:
    system.locale("zh_CN", "UTF-8")
    system.windows_display(0x0804)
    assert i18n.from_environment({"LANG": "C.UTF-8"}) == "en"
    assert i18n.from_environment({"INSPECT_LANG": "en"}) == "en"


@pytest.mark.parametrize(
    ("language_id", "system_locale", "expected"),
    [
        (0x0804, "English_United States", "zh"),  # Chinese display, English formats
        (0x0409, "Chinese (Simplified)_China", "en"),  # the display language decides
        (0x0407, "Chinese (Simplified)_China", "zh"),  # German display: no catalogue
    ],
)
def test_windows_display_language(
    language_id: int, system_locale: str, expected: str, system: System
) -> None:
    system.locale(system_locale, "1252")
    system.windows_display(language_id)
    assert i18n.from_environment({}) == expected


def test_a_chinese_windows_user_gets_chinese_messages(
    system: System, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No variable at all, as on Windows: the first message already in Chinese."""
    for variable in ("INSPECT_LANG", *i18n.LOCALE_VARIABLES):
        monkeypatch.delenv(variable, raising=False)
    system.locale("Chinese (Simplified)_China", "936")
    monkeypatch.setattr(i18n, "_active", None)
    assert i18n.gettext("Options") == "选项"


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
