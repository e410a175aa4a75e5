"""The user's language and its gettext catalogue.

English is the source: a message's msgid is its English text (``messages.EN``, the help
strings of the commands), and ``locale/zh_CN/LC_MESSAGES/inspectcli.mo`` translates it.
The language comes from ``--lang`` (a root option), else ``INSPECT_LANG``, else the locale
(``LC_ALL``, ``LC_MESSAGES``, ``LANG``: the first one set decides, as POSIX has it), else
the system's language where none is set (Windows sets none), else English. Tooling to
extract and compile the catalogue: ``python -m inspectcli.i18n``.
"""

from __future__ import annotations

import contextlib
import gettext as _gettext
import locale
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

DOMAIN = "inspectcli"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
LANGUAGES = ("en", "zh")
# The gettext locale of each language; English needs no catalogue, it is the source.
GETTEXT_LOCALES = {"en": "en", "zh": "zh_CN"}
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

_active: tuple[str, _gettext.NullTranslations] | None = None


def normalise(value: str | None) -> str | None:
    """``zh``, ``zh_CN.UTF-8``, ``zh-Hans`` → ``zh``; ``en``, ``en_GB`` → ``en``; else None."""
    if not value:
        return None
    lowered = value.strip().lower()
    for language in LANGUAGES:
        if lowered == language or lowered.startswith((language + "_", language + "-")):
            return language
    return None


def from_environment(environ: Mapping[str, str]) -> str:
    """``INSPECT_LANG`` if it names a language, else the locale variables, else the
    system's language, else English."""
    chosen = normalise(environ.get("INSPECT_LANG"))
    if chosen is not None:
        return chosen
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable)
        if value:  # the first one set decides, even when it is "C"
            return "zh" if value.lower().startswith("zh") else "en"
    return from_system() or "en"


def from_system() -> str | None:
    """The language of Windows' user interface, else of the process's locale
    (``zh_CN``, or ``Chinese (Simplified)_China`` as Windows names it); None if neither
    is one we have."""
    names = [_windows_ui_locale()]
    with contextlib.suppress(ValueError):  # a locale Python has no name for
        names.append(locale.getlocale()[0])
    for name in names:
        chosen = _language_of(name)
        if chosen is not None:
            return chosen
    return None


def _language_of(name: str | None) -> str | None:
    """``zh_CN`` → ``zh``; Windows' long names too (``Chinese (Simplified)_China``)."""
    lowered = (name or "").lower()
    if lowered.startswith("chinese"):
        return "zh"
    if lowered.startswith("english"):
        return "en"
    return normalise(name)


def _windows_ui_locale() -> str | None:
    """The locale name of the user's display language on Windows (``zh_CN``); None elsewhere."""
    import ctypes

    windll = getattr(ctypes, "windll", None)  # Windows only
    if windll is None:
        return None
    language_id: int = windll.kernel32.GetUserDefaultUILanguage()
    return locale.windows_locale.get(language_id)


def from_argv(argv: Sequence[str]) -> str | None:
    """The value of ``--lang`` among the arguments, before a ``--``; None if absent."""
    for index, argument in enumerate(argv):
        if argument == "--":
            break
        if argument.startswith("--lang="):
            return normalise(argument.partition("=")[2])
        if argument == "--lang" and index + 1 < len(argv):
            return normalise(argv[index + 1])
    return None


def choose(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    return from_argv(argv) or from_environment(environ)


def catalogue(language: str) -> _gettext.NullTranslations:
    """The translations of ``language``; English (or a missing file) translates nothing."""
    if language == "en":
        return _gettext.NullTranslations()
    return _gettext.translation(
        DOMAIN, LOCALE_DIR, languages=[GETTEXT_LOCALES[language]], fallback=True
    )


def activate(language: str) -> None:
    """Use ``language`` for every message from now on (worker processes are given it too)."""
    global _active
    if _active is None or _active[0] != language:
        _active = (language, catalogue(language))


def language() -> str:
    """The language in use; chosen from the environment on first use."""
    if _active is None:
        activate(from_environment(os.environ))
    assert _active is not None
    return _active[0]


def gettext(msgid: str) -> str:
    """``msgid`` (English text) in the language in use."""
    if _active is None:
        language()
    assert _active is not None
    return _active[1].gettext(msgid)


def route_library_messages(language: str) -> None:
    """Let libraries that call the standard ``gettext.gettext`` (typer's help panel titles)
    find their words in this catalogue, in ``language``.

    They take the language from ``LANGUAGE``, so it is set for this process. Called once
    by the ``inspect`` entry point, before typer is imported: typer reads some of its
    words at import.
    """
    _gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    _gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = GETTEXT_LOCALES[language]
